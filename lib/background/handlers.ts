import { estimate } from '../domain/estimate';
import { periodFigures } from '../domain/figures';
import { rateFor } from '../domain/live';
import { MANUAL_PLATFORM } from '../domain/manual-command';
import { localDay } from '../domain/summary';
import { replay, type Stamp } from '../domain/task-timer';
import { broadcastChanged, type PopupData, type RefreshOutcome, type TaskSummary } from '../messaging';
import { adapterById, allAdapters, balanceSyncs, syncFor } from '../platforms/registry';
import { customSiteNamesOf } from '../site-names';
import type { BalancePage } from '../messaging';
import { getAggregates, getTasks, openTaskKeys, taskKey } from '../storage/history-db';
import { getReadings } from '../storage/ledger-db';
import { getStats } from '../storage/stats';
import { quarantineCount } from '../storage/quarantine';
import { loadPageHealth } from '../storage/page-health';
import type { TaskRecord } from '../storage/schemas';
import { loadSettings, saveSettings } from '../storage/settings';
import { loadCustomRules } from '../storage/custom-rules-store';
import { balanceViews, hasDashboard, pendingViews } from './balances';
import { manualView, runManual, type ManualDeps } from './manual';
import { pendingStatusDays } from './pending-days';
import { periodView } from './periods';
import { joinable, refreshBalances, type RefreshEnv } from './refresh';
import type { Handlers } from './router';
import { applyStatus } from './status-sync';
import { customHandlers, type SitesEnv } from './custom-handlers';
import { studyHandlers } from './study-handlers';
import { editHandlers } from './edit-handlers';
import { rewardHandlers } from './typed-reward';
import type { TaskWriter } from './task-writer';
import type { Tracker } from './tracker';
import { CentimeError } from '../errors';

/** A submit or return seen on a task page, waiting for the next page in the same tab to confirm it. */
export interface Claim {
  key: string;
  outcome: 'submitted' | 'returned';
  at: Stamp;
}

/** Claims per tab, kept in storage.session (they must outlive a stopped worker, not the browser). */
export interface ClaimStore {
  get(tabId: number): Promise<Claim | undefined>;
  set(tabId: number, claim: Claim | null): Promise<void>;
}

/** A claim that no page confirmed within this long is dropped: the submit or return did not go through. */
export const CLAIM_TTL_MS = 10 * 60_000;

export interface HandlerDeps {
  tracker: Tracker;
  writer: TaskWriter;
  /** How the background reaches MTurk for a refresh (absent: refresh unavailable, e.g. in some tests). */
  refresh?: RefreshEnv;
  timeZone: () => string;
  claims: ClaimStore;
  /** The manual timer's storage (absent: no manual timer, e.g. in some tests). */
  manual?: Pick<ManualDeps, 'store' | 'defaultTitle'>;
  /** Custom sites' scripts and "pick on page" (absent in tests that do not need them). */
  sites?: SitesEnv;
}

/** Live figures of a task: its stored timeline replayed up to now. */
export function summarize(task: TaskRecord, now: Stamp, frontKey: string | null): TaskSummary {
  const live = task.status === 'open' ? replay(task.events, now) : { activeMs: task.activeMs, idleMs: task.idleMs };
  return {
    platform: task.platform,
    taskId: task.taskId,
    title: task.title,
    requesterName: task.requesterName,
    reward: task.reward,
    firstSeenAt: task.firstSeenAt,
    status: task.status,
    activeMs: Math.round(live.activeMs),
    idleMs: Math.round(live.idleMs),
    front: taskKey(task.platform, task.taskId) === frontKey,
    running: 'front' in live && live.front && !live.idle,
    ...(task.missing ? { missing: task.missing } : {}),
  };
}

/**
 * The open task of a platform under way: off-site, only a study whose work started (its survey opened, or the
 * platform showed it ACTIVE), never one only looked at, and the one started last (the platform's single ACTIVE
 * study: starting another ended it there, even if it never came to the front, e.g. under the manual timer);
 * then the one last in front (events are ordered by start-up and sequence number, so equal wall clocks do not
 * matter), then the one seen last; null when none. `ended`: studies another study's start ended on their platform
 * (`StudyMark.superseded`), never the one under way.
 */
async function latestOpenTask(platform: string, ended: ReadonlySet<string> = new Set()): Promise<string | null> {
  const lastFront = (task: TaskRecord): [number, number] =>
    task.events.reduce<[number, number]>((best, e) => (e.type === 'front' && (e.boot > best[0] || (e.boot === best[0] && e.n > best[1])) ? [e.boot, e.n] : best), [-1, -1]);
  const open = (await getTasks((await openTaskKeys()).filter((key) => !ended.has(key)))).filter(
    (task) => task.platform === platform && (!task.external || task.startedAt !== undefined),
  );
  const latest = open
    .map((task) => ({ task, front: lastFront(task) }))
    .sort(
      (a, b) =>
        (b.task.startedAt ?? -1) - (a.task.startedAt ?? -1) ||
        b.front[0] - a.front[0] || b.front[1] - a.front[1] || b.task.firstSeenAt - a.task.firstSeenAt,
    )[0]?.task;
  return latest ? taskKey(latest.platform, latest.taskId) : null;
}

/** The background's handlers: with the tracker, the only code that writes task history. */
export function createHandlers({ tracker, writer, timeZone, claims, refresh, manual, sites }: HandlerDeps): Handlers {
  /** A dashboard reading and status rows, from a page the worker opened or from a refresh. */
  async function applyBalances(platform: string, read: BalancePage) {
    const sync = syncFor(platform);
    if (!sync) throw new CentimeError('no_balances', [adapterById(platform)?.name ?? platform]);
    const at = tracker.now().wall;
    const available = read.dashboard?.available;
    const bonuses = read.dashboard?.bonuses;
    if (available) await writer.addReading(platform, { at, available, ...(bonuses ? { bonuses } : {}) });
    const transfers = read.transfers || read.undone ? { transfers: read.transfers ?? [], undone: read.undone ?? [] } : null;
    if (transfers) await writer.addTransfers(platform, at, transfers);
    let updated = 0;
    const readingAt = (await getReadings(platform)).at(-1)?.at ?? null;
    for (const row of read.statuses ?? []) {
      // A study the platform shows ACTIVE has started, even if Centime never saw its survey open.
      if (sync.started?.(row.state) && (await tracker.studyActive(taskKey(platform, row.assignmentId)))) updated++;
      if (await applyStatus(tracker, writer, sync, row, at, readingAt)) updated++;
    }
    const reading = !!available || !!transfers;
    if (reading || updated) await broadcastChanged(['balances']);
    return { reading, updated };
  }

  const refreshOnce = joinable(async (): Promise<RefreshOutcome> => {
    if (!refresh) return { kind: 'failed', error: { code: 'refresh_unavailable' }, requests: 0 };
    let requests = 0;
    // A platform the worker switched off records nothing: its balances are not read either.
    const off = (await loadSettings()).settings.disabledPlatforms;
    for (const sync of balanceSyncs) {
      if (off.includes(sync.platform)) continue;
      const result = await refreshBalances(refresh, sync, await pendingStatusDays(sync));
      requests += result.requests;
      if (result.kind !== 'done') return { ...result, requests };
      const { dashboard, earnings } = result;
      await applyBalances(sync.platform, {
        ...(dashboard ? { dashboard: { ...(dashboard.available ? { available: dashboard.available } : {}), ...(dashboard.bonuses ? { bonuses: dashboard.bonuses } : {}) } } : {}),
        ...(earnings ? { transfers: earnings.transfers, ...(earnings.undone ? { undone: earnings.undone } : {}) } : {}),
        statuses: result.statuses,
      });
    }
    return { kind: 'done', requests };
  });

  return {
    ...customHandlers(tracker, sites, latestOpenTask),
    ...studyHandlers(tracker),
    ...editHandlers({ writer, now: () => tracker.now().wall, timeZone }),
    ...rewardHandlers(tracker, writer),
    'cs-bg-task-seen': async (snapshot, sender) => {
      await tracker.taskSeen(snapshot, tracker.now().wall, sender.tab?.id);
      await broadcastChanged(['tasks']);
      return { saved: true as const };
    },
    'cs-bg-task-claim': async ({ platform, taskId, outcome }, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) throw new CentimeError('claim_no_tab');
      await claims.set(tabId, { key: taskKey(platform, taskId), outcome, at: tracker.now() });
      return { claimed: true as const };
    },
    'cs-bg-balance-page': ({ platform, ...read }) => applyBalances(platform, read),
    // The popup's button and the periodic alarm both come here: a second caller joins the refresh under way.
    'ui-bg-refresh': () => refreshOnce(),
    'cs-bg-estimates': async ({ rows }) => {
      const [byGroup, byRequester, { settings }] = await Promise.all([
        getStats('group', rows.flatMap((r) => (r.groupId ? [r.groupId] : []))),
        getStats('requester', rows.flatMap((r) => (r.requesterId ? [r.requesterId] : []))),
        loadSettings(),
      ]);
      const estimates = rows.map((row) => {
        const currency = row.reward?.currency;
        const minimum = currency ? rateFor('min', currency, settings) : null;
        const target = currency ? rateFor('target', currency, settings) : null;
        return estimate(row, { byGroup, byRequester }, minimum, target);
      });
      return { estimates };
    },
    'cs-bg-page-seen': async ({ platform, alert, taskId }, sender) => {
      const tabId = sender.tab?.id;
      const claim = tabId === undefined ? undefined : await claims.get(tabId);
      const now = tracker.now();
      let confirmed: string | null = null;
      if (claim && tabId !== undefined) {
        const here = taskId ? taskKey(platform, taskId) : null;
        const fresh = now.wall - claim.at.wall <= CLAIM_TTL_MS;
        // A submit is confirmed by MTurk's "HIT Submitted"; a return by any next page that is not that task.
        const confirms = claim.outcome === 'submitted' ? alert === 'submitted' : here !== claim.key;
        if (fresh && confirms && (await tracker.outcome(claim.key, claim.outcome, claim.at))) confirmed = claim.key;
        if (!fresh || confirms) await claims.set(tabId, null);
      }
      if (alert === 'unavailable' && taskId) await tracker.outcome(taskKey(platform, taskId), 'expired');
      // An off-site study's completion page names no task (Prolific: `/submissions/complete?cc=…`): it is the
      // one study under way, i.e. the open task of that platform that time last went to. The same page seen
      // again in that tab (a reload) is the same completion: it credits nothing more.
      const repeat = claim?.outcome === 'submitted' && now.wall - claim.at.wall <= CLAIM_TTL_MS;
      if (!confirmed && !repeat && alert === 'submitted' && !taskId && adapterById(platform)?.external) {
        // A study that another's start ended there is not under way, whatever Centime has heard of it since.
        const key = await latestOpenTask(platform, await tracker.supersededStudies());
        if (key && (await tracker.outcome(key, 'submitted'))) {
          confirmed = key;
          if (tabId !== undefined) await claims.set(tabId, { key, outcome: 'submitted', at: now });
        }
      }
      if (confirmed || alert === 'unavailable') await broadcastChanged(['tasks', 'balances']);
      return { confirmed };
    },
    'ui-bg-get-popup': async (): Promise<PopupData> => {
      const now = tracker.now();
      const today = localDay(now.wall, timeZone());
      // Every read at once (issue 18: the popup's first paint waits for this answer): each is its own transaction
      // or storage call and none needs another's answer, so the worker waits for the slowest, not for their sum.
      // Open tasks through their index and today's totals from the aggregates: never the whole history.
      // Manual tasks have no adapter: their day is read by their own platform id.
      const settingsRead = loadSettings(now.wall).then((loaded) => loaded.settings);
      const [front, fallbackKeys, openTasks, aggregates, manualDay, settings, balances, pending, quarantined, manualNow, paused, superseded] = await Promise.all([
        tracker.frontTask(),
        tracker.fallbackStudies(),
        openTaskKeys().then(getTasks),
        getAggregates(allAdapters().map((p) => `${today}|${p.id}`)),
        getAggregates([`${today}|${MANUAL_PLATFORM}`]),
        settingsRead,
        settingsRead.then((s) => balanceViews(today, now.wall, s.payoutThresholds, timeZone())),
        pendingViews(today, timeZone()),
        quarantineCount(),
        manual ? settingsRead.then((s) => manualView({ writer, store: manual.store }, now, s)) : null,
        tracker.paused(),
        tracker.supersededStudies(),
      ]);
      const fallback = new Set(fallbackKeys);
      // The manual timer has its own section: not listed again among the open tasks.
      const tasks = openTasks
        .filter((task) => task.platform !== MANUAL_PLATFORM)
        .sort((a, b) => b.updatedAt - a.updatedAt)
        .map((task) => {
          const key = taskKey(task.platform, task.taskId);
          return { ...summarize(task, now, front), ...(fallback.has(key) ? { fallback: true } : {}), ...(superseded.has(key) ? { superseded: true } : {}) };
        })
        .sort((a, b) => Number(b.front) - Number(a.front))
        // A task whose reward Centime could not read comes first: the worker is asked for it (issue 19).
        .sort((a, b) => Number(!!b.missing?.includes('reward')) - Number(!!a.missing?.includes('reward')));
      Object.assign(aggregates, manualDay);
      // The figures are computed here, in lib/domain: the popup only formats them.
      const days = Object.entries(aggregates);
      return {
        tasks,
        balances,
        pending,
        today: days.map(([key, totals]) => ({ platform: key.split('|')[1]!, totals, figures: periodFigures([totals], settings) })),
        day: days.length ? periodFigures(days.map(([, totals]) => totals), settings) : null,
        quarantined,
        manual: manualNow,
        at: now.wall,
        rates: { minRates: settings.minRates, targetRates: settings.targetRates, displayCurrency: settings.displayCurrency, exchangeRates: settings.exchangeRates },
        paused,
      };
    },
    'ui-bg-get-period': async ({ kind, firstDay }) => {
      const now = tracker.now();
      const zone = timeZone();
      const [{ settings }, openPlatform] = await Promise.all([loadSettings(now.wall), tracker.openPlatformStretch()]);
      return periodView(kind, firstDay, { now, timeZone: zone, today: localDay(now.wall, zone), settings, openPlatform });
    },
    'ui-bg-cash-out': async ({ platform, currency }) => {
      // MTurk's withdrawable is its dashboard's: a cash-out the worker types would only blur it.
      if (hasDashboard(platform)) throw new CentimeError('reports_itself', [adapterById(platform)?.name ?? platform]);
      // A reading of zero now: withdrawable is the approvals recorded after it (DESIGN.md, Prolific).
      await writer.addReading(platform, { at: tracker.now().wall, available: { minor: 0, currency } });
      await broadcastChanged(['balances']);
      return { recorded: true as const };
    },
    'ui-bg-get-options': async () => {
      const [{ settings, problem }, { rules }] = await Promise.all([loadSettings(tracker.now().wall), loadCustomRules()]);
      // Custom sites named as the pages name them: two of one name told apart (the switches, page health).
      const named = customSiteNamesOf(rules);
      const known = allAdapters().map(({ id, name }) => ({ id, name: named.get(id) ?? name }));
      return { settings, ...(problem ? { problem } : {}), quarantined: await quarantineCount(), platforms: known, health: await loadPageHealth() };
    },
    'ui-bg-save-settings': async (settings) => {
      await saveSettings(settings);
      await broadcastChanged(['settings']);
      return { saved: true as const };
    },
    'ui-bg-pause': async ({ paused }) => {
      const now = await tracker.setPaused(paused);
      await broadcastChanged(['tasks']);
      return { paused: now };
    },
    'ui-bg-manual': async (command) => {
      if (!manual) throw new CentimeError('manual_unavailable');
      const state = await runManual({ tracker, writer, ...manual }, command);
      await broadcastChanged(['tasks']);
      return state;
    },
  };
}
