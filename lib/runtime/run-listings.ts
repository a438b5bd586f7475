import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { RowToEstimate } from '../domain/estimate';
import { sendToBackground } from '../messaging';
import type { ListedTask, QueuedTask } from '../platforms/types';
import { EstimatesPanel } from './estimates-panel';

export interface ListingReaders {
  id: string;
  readListing?(doc: Document, url: URL): ListedTask[];
  readQueue?(doc: Document, url: URL, now?: number): QueuedTask[];
}

/** On search results and the queue: ask the background what each row is expected to pay, and show it. */
export function runListings(
  ctx: ContentScriptContext,
  readers: ListingReaders,
  /** A single-page app's list renders after load: `watchDom` (spa.ts) reads it again once the DOM settles. */
  watch?: (ctx: ContentScriptContext, reread: () => void) => void,
): void {
  const panel = new EstimatesPanel();
  const inspect = async () => {
    const url = new URL(location.href);
    const listed = readers.readListing?.(document, url) ?? [];
    const queued = listed.length ? [] : (readers.readQueue?.(document, url, Date.now()) ?? []);
    const rows: { title: string; row: RowToEstimate }[] = [
      ...listed.map((l) => ({ title: l.title, row: pick(l.taskId, l) })),
      ...queued.map((q) => ({ title: q.title, row: pick(q.groupId, q) })),
    ].slice(0, 200);
    if (rows.length === 0) return panel.unmount();
    const { estimates } = await sendToBackground('cs-bg-estimates', { platform: readers.id, rows: rows.map((r) => r.row) });
    panel.show(rows.map((r, i) => ({ title: r.title, estimate: estimates[i]! })));
  };
  const warn = (error: unknown) => console.warn(error);
  inspect().catch(warn);
  ctx.addEventListener(window, 'wxt:locationchange', () => void inspect().catch(warn));
  watch?.(ctx, () => void inspect().catch(warn));
  ctx.onInvalidated(() => panel.unmount());
}

function pick(
  groupId: string | undefined,
  t: { requesterId?: string; reward: RowToEstimate['reward']; timeAllottedSec?: number; estimatedSec?: number },
): RowToEstimate {
  const row: RowToEstimate = { reward: t.reward };
  if (t.estimatedSec !== undefined) row.estimatedSec = t.estimatedSec;
  if (groupId) row.groupId = groupId;
  if (t.requesterId) row.requesterId = t.requesterId;
  if (t.timeAllottedSec !== undefined) row.timeAllottedSec = t.timeAllottedSec;
  return row;
}
