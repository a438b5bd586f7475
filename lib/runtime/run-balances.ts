import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendToBackground } from '../messaging';
import type { Dashboard, StatusDetail } from '../platforms/types';

export interface BalanceReaders {
  id: string;
  readDashboard?(doc: Document, url: URL): Dashboard | null;
  readStatusDetails?(doc: Document, url: URL): StatusDetail[];
}

/**
 * On the dashboard and status-details pages the worker opens: their figures go to the background (a dashboard
 * reading; late approvals and rejections matched by assignment id). Nothing is fetched: the page is read.
 */
export function runBalances(ctx: ContentScriptContext, readers: BalanceReaders): void {
  const url = new URL(location.href);
  const dashboard = readers.readDashboard?.(document, url);
  const statuses = readers.readStatusDetails?.(document, url) ?? [];
  if (!dashboard?.available && statuses.length === 0) return;
  const payload = {
    platform: readers.id,
    ...(dashboard?.available ? { dashboard: { available: dashboard.available, ...(dashboard.bonuses ? { bonuses: dashboard.bonuses } : {}) } } : {}),
    ...(statuses.length ? { statuses: statuses.slice(0, 200) } : {}),
  };
  if (!ctx.isInvalid) sendToBackground('cs-bg-balance-page', payload).catch((error: unknown) => console.warn(error));
}
