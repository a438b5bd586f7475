import type { RowToEstimate } from '../domain/estimate';
import type { HealthKind } from '../domain/page-health';
import { newestTransfers } from '../domain/transfers';
import type { Envelope, MessageType, Payload, PanelText, Response } from '../messaging';
import { localDate, submissionsAsStatuses } from '../platforms/prolific-sync';
import { adapterById } from '../platforms/registry';
import type { PlatformAdapter } from '../platforms/types';
import { panelText } from './panel-text';
import type { Handlers, Route, Sender } from './router';
import { CentimeError, fromCoded } from '../errors';
import { taskKey } from '../storage/task-store';
import { matchesAny } from './match';

/** What one document already told the background (the page script sends it again whenever it changes). */
interface Told {
  page: string;
  task: string;
  statuses: string;
  /** What this document last told the page health (a page re-sent unchanged counts once). */
  health: string;
}

export interface PageReaderDeps {
  /** The router itself: what a page shows goes through the same checks and handlers as any message. */
  route: () => Route;
  parse: (html: string) => Document;
  now: () => number;
  /** Notes a page read in full (`ok`) or not, for the options page's health lines (issue 19). */
  noteRead?: (platform: string, kind: HealthKind, ok: boolean, at: number) => Promise<void>;
  /**
   * The task a page's URL names, as its message arrives, with its sender (the tab it came from): the writer reads
   * the task meanwhile (`TaskWriter.readAhead`), the tracker the browser's state (`Tracker.askAhead`).
   */
  taskPage?: (key: string, sender: Sender) => void;
}

/**
 * Reads the platform pages the worker opens, in the background, with the platform's adapter: the page script
 * sends the page as it is (`cs-bg-page-html`), so platform pages carry no readers (issue 18, docs/page-cost.md).
 * A refresh reads the pages it fetches the same way. What the adapter finds goes through the router as the
 * messages the page scripts used to send (validated by zod, sender checked): the page, once per change; its
 * task, once per change; its balances or submissions; and for a list, what each task would pay, answered
 * formatted for the page's panel.
 */
export function createPageReader({ route, parse, now, noteRead, taskPage }: PageReaderDeps) {
  const told = new Map<string, Told>();
  const send = async <K extends MessageType>(type: K, payload: Payload<K>, sender: Sender): Promise<Response<K>> => {
    const reply = await route()({ type, payload } satisfies Envelope<K>, sender);
    if (!reply?.ok) throw reply ? fromCoded(reply.error) : new CentimeError('no_handler', [], type);
    return reply.data as Response<K>;
  };

  async function read({ platform, url: href, doc: docId, html }: Payload<'cs-bg-page-html'>, sender: Sender): Promise<{ panel: PanelText | null }> {
    const adapter = adapterById(platform);
    const url = new URL(href);
    if (!adapter || !matchesAny(adapter.matches, url.href)) throw new CentimeError('not_platform_page', [adapter?.name ?? platform]);
    const key = `${sender.tab?.id}:${(sender as { frameId?: number }).frameId ?? 0}:${docId}`;
    const state = told.get(key) ?? { page: '', task: '', statuses: '', health: '' };
    told.delete(key);
    told.set(key, state);
    if (told.size > 200) told.delete(told.keys().next().value!);

    const taskId = adapter.taskIdFromUrl(url);
    // Its task is read while the page is (a task seen for the first time waits for that read before its first event).
    if (taskId && taskPage) taskPage(taskKey(adapter.id, taskId), sender);
    const doc = parse(html);
    const pageKind = adapter.pageKind(doc, url);
    const alert = adapter.pageAlert?.(doc, url) ?? null;
    // The page first (it may confirm the previous task's submit), then the task it shows; each once per change.
    const page = JSON.stringify([url.href, pageKind, alert, taskId]);
    if (page !== state.page) {
      state.page = page;
      state.task = '';
      await send('cs-bg-page-seen', { platform, pageKind, alert, taskId }, sender);
    }
    const snapshot = pageKind === 'task' && alert !== 'unavailable' ? adapter.readTask(doc, url, now()) : null;
    if (snapshot && JSON.stringify(snapshot) !== state.task) {
      state.task = JSON.stringify(snapshot);
      await send('cs-bg-task-seen', snapshot, sender);
    }
    // A task page not read in full is still timed by its URL (above); the health lines count it.
    if (pageKind === 'task' && alert !== 'unavailable') await health(state, adapter.id, 'task', !!snapshot && !snapshot.missing);
    if (await readBalances(adapter, doc, url, state, sender)) await health(state, adapter.id, 'balance', true);
    const { panel, kind } = await readList(adapter, doc, url, sender);
    if (kind) await health(state, adapter.id, kind, true);
    return { panel };
  }

  /**
   * Notes a page read for the health lines, once per document and finding. Only task pages count as failures:
   * an empty list, queue or status day looks the same as one Centime could not read.
   */
  async function health(state: Told, platform: string, kind: HealthKind, ok: boolean): Promise<void> {
    const said = JSON.stringify([kind, ok, state.page]);
    if (!noteRead || said === state.health) return;
    state.health = said;
    await noteRead(platform, kind, ok, now()).catch((error: unknown) => console.warn('Centime: page health', error));
  }

  /** MTurk's dashboard, earnings and status pages; Prolific's submissions (sent again only when they change). */
  async function readBalances(adapter: PlatformAdapter, doc: Document, url: URL, state: Told, sender: Sender): Promise<boolean> {
    const dashboard = adapter.readDashboard?.(doc, url);
    // The newest 500 rows (the message's cap), so that a cut falls on the oldest day the reading lists.
    const earnings = adapter.readEarnings?.(doc, url);
    const { transfers, undone } = newestTransfers(earnings ?? { transfers: [] }, 500);
    let statuses = adapter.readStatusDetails?.(doc, url) ?? [];
    if (adapter.readSubmissions && adapter.pageKind(doc, url) === 'balance') {
      statuses = submissionsAsStatuses(adapter.readSubmissions(doc, url), localDate(new Date(now())));
      const seen = JSON.stringify(statuses);
      if (seen === state.statuses) return false;
      state.statuses = seen;
    }
    if (!dashboard?.available && statuses.length === 0 && transfers.length === 0 && undone.length === 0) return false;
    await send('cs-bg-balance-page', {
      platform: adapter.id,
      ...(dashboard?.available ? { dashboard: { available: dashboard.available, ...(dashboard.bonuses ? { bonuses: dashboard.bonuses } : {}) } } : {}),
      ...(statuses.length ? { statuses: statuses.slice(0, 200) } : {}),
      ...(transfers.length ? { transfers } : {}),
      ...(undone.length ? { undone } : {}),
    }, sender);
    return true;
  }

  /** Search results, the queue, Prolific's studies: what each row is expected to pay this worker. */
  async function readList(adapter: PlatformAdapter, doc: Document, url: URL, sender: Sender): Promise<{ panel: PanelText | null; kind?: HealthKind }> {
    const listed = adapter.readListing?.(doc, url) ?? [];
    const queued = listed.length ? [] : (adapter.readQueue?.(doc, url, now()) ?? []);
    const rows = [
      ...listed.map((l) => ({ title: l.title, row: toEstimate(l.taskId, l) })),
      ...queued.map((q) => ({ title: q.title, row: toEstimate(q.groupId, q) })),
    ].slice(0, 200);
    if (rows.length === 0) return { panel: null };
    // The queue's rows carry what a task page MTurk changed may not have given (issue 19).
    if (queued.length) {
      const details = queued.map((q) => ({ taskId: q.taskId, title: q.title, requesterName: q.requesterName, reward: q.reward }));
      await send('cs-bg-details-seen', { platform: adapter.id, rows: details.slice(0, 200) }, sender);
    }
    const { estimates } = await send('cs-bg-estimates', { platform: adapter.id, rows: rows.map((r) => r.row) }, sender);
    return { panel: panelText(rows.map((r) => r.title), estimates), kind: listed.length ? 'listing' : 'queue' };
  }

  return {
    /** Adds the page reader's handler to the router's others. */
    withPageReader: (handlers: Handlers): Handlers => ({ ...handlers, 'cs-bg-page-html': read }),
    /** A closed tab's documents are forgotten. */
    tabClosed: (tabId: number) => {
      for (const key of [...told.keys()]) if (key.startsWith(`${tabId}:`)) told.delete(key);
    },
  };
}

function toEstimate(
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
