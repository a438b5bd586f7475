import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendToBackground } from '../messaging';
import type { Dashboard, EarningsPage, StatusDetail } from '../platforms/types';

export interface BalanceReaders {
  id: string;
  readDashboard?(doc: Document, url: URL): Dashboard | null;
  readStatusDetails?(doc: Document, url: URL): StatusDetail[];
  readEarnings?(doc: Document, url: URL): EarningsPage | null;
}

/**
 * On the dashboard, earnings and status-details pages the worker opens: their figures go to the background (a
 * dashboard reading; the transfer history; late approvals and rejections matched by assignment id). Nothing is
 * fetched: the page is read.
 */
export function runBalances(ctx: ContentScriptContext, readers: BalanceReaders): void {
  const url = new URL(location.href);
  const dashboard = readers.readDashboard?.(document, url);
  const statuses = readers.readStatusDetails?.(document, url) ?? [];
  const transfers = readers.readEarnings?.(document, url)?.transfers ?? [];
  if (!dashboard?.available && statuses.length === 0 && transfers.length === 0) return;
  const payload = {
    platform: readers.id,
    ...(dashboard?.available ? { dashboard: { available: dashboard.available, ...(dashboard.bonuses ? { bonuses: dashboard.bonuses } : {}) } } : {}),
    ...(statuses.length ? { statuses: statuses.slice(0, 200) } : {}),
    ...(transfers.length ? { transfers: transfers.slice(-500) } : {}),
  };
  if (!ctx.isInvalid) sendToBackground('cs-bg-balance-page', payload).catch((error: unknown) => console.warn(error));
}
