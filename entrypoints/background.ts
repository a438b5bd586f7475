import { browserEnv, DEADLINE, manualStore, mirroredClaimStore, refreshEnv } from '@/lib/background/browser-env';
import { createHandlers } from '@/lib/background/handlers';
import { BadgeClock } from '@/lib/background/badge-clock';
import { updateBadge } from '@/lib/background/live';
import { manualCommand } from '@/lib/background/manual';
import { createRouter } from '@/lib/background/router';
import { TaskWriter } from '@/lib/background/task-writer';
import { alwaysAwake, keepAwake, type AwakeEnv } from '@/lib/background/keep-awake';
import { rewriteStoredTaskRefs, tabUrls } from '@/lib/background/stored-task-refs';
import type { PrimaryBatch } from '@/lib/storage/bulk';
import { Tracker } from '@/lib/background/tracker';
import { t } from '@/lib/i18n';
import { broadcastChanged } from '@/lib/messaging';
import { allAdapters } from '@/lib/platforms/registry';
import { loadSettings, settingsCache, watchSettings } from '@/lib/storage/settings';
import { startSyncMirror } from '@/lib/background/sync-mirror';
import { syncCustomSites } from '@/lib/background/custom-sites';
import { sitesEnv } from '@/lib/background/sites-env';
import { loadCustomRules } from '@/lib/storage/custom-rules-store';
import { liveFor } from '@/lib/background/live';
import { Overlays, withOverlay } from '@/lib/background/overlay';
import { overlayEnv } from '@/lib/background/overlay-env';
import { createPageReader } from '@/lib/background/page-reader';
import { parseHtml } from '@/lib/background/parse-html';
import { dataHandlers } from '@/lib/background/data-handlers';
import { savePageRead } from '@/lib/storage/page-health';
import { timeZoneReader } from '@/lib/domain/time-zone';

const REFRESH_ALARM = 'refresh';

export default defineBackground(() => {
  const timeZone = timeZoneReader();
  let idleTimeoutSec = 120;
  const writer = new TaskWriter(timeZone);
  // A long step of the writer (an import, a rebuild, a migration) keeps the background awake until it ends.
  const awakeEnv: AwakeEnv = {
    ping: () => browser.runtime.getPlatformInfo(),
    // Called as the worker's own functions: `env.setInterval(…)` would call them on another `this` (Illegal invocation).
    setInterval: (run, ms) => setInterval(run, ms),
    clearInterval: (handle) => clearInterval(handle as number),
    now: () => Date.now(),
  };
  writer.awake = keepAwake(awakeEnv);
  // History written by older versions is upgraded once (docs/storage.md, "Migration"), queued before anything
  // else can write.
  void writer
    .upgradeHistory(rewriteStoredTaskRefs, tabUrls)
    .then(() => writer.sealTimelines())
    // Then settled tasks of the past are packed many to a record (after the scrub of custom sites' ids above).
    .then(() => writer.archiveSettled())
    .catch((error: unknown) => console.warn('Centime: history upgrade', error));
  // Tests only (the e2e build): `npm run seed` writes years of history through the writer.
  if (import.meta.env.CENTIME_E2E) {
    Object.assign(globalThis, {
      centimeTest: {
        importPrimary: (b: PrimaryBatch) => writer.importPrimary(b),
        rebuild: () => writer.rebuild(),
        // bench:data and seed-chromium.e2e: the archiving pass of a start, run now whatever ran earlier in the day
        // (its clock at `now` when given).
        archive: (now?: number) => writer.archiveSettled(now ?? Date.now(), true),
        // keep-awake-firefox.e2e.test.ts: a step of the writer's queue that outlasts a short idle timeout, and the
        // keep-awake's interval scaled to that timeout (or none: `alwaysAwake`).
        awakeEvery: (ms: number) => void (writer.awake = ms > 0 ? keepAwake(awakeEnv, ms) : alwaysAwake),
        // When the last hold ended (kept here: a caller's callback dies with the extension tab that made it).
        heldUntil: undefined as number | undefined,
        hold(ms: number) {
          this.heldUntil = undefined;
          void writer.serial(() => new Promise<void>((resolve) => setTimeout(() => resolve(void (this.heldUntil = Date.now())), ms)));
        },
      },
    });
  }
  // The badge redraws itself between beats while the task in front runs (its countdown ticks); each beat, and so
  // each decision (a tab switch, focus, idle), replaces what it follows.
  const badgeClock = new BadgeClock();
  // Read on every message and decision: kept in memory, read again once they change.
  const settings = settingsCache();
  const tracker: Tracker = new Tracker(browserEnv(() => idleTimeoutSec, settings), writer, allAdapters, (front, fallback, paused) => {
    void updateBadge(tracker, front, fallback, badgeClock, paused, settings).catch((error: unknown) => console.warn('Centime: badge', error));
    void overlays.refresh().catch((error: unknown) => console.warn('Centime: overlay', error));
  });
  // The live overlay, injected into task pages and told what changed (lib/background/overlay.ts).
  const overlays = new Overlays(overlayEnv, (key) => liveFor(tracker, key, settings));
  // After a decision only the overlays of the tasks written are read again; a settings change reads them all.
  writer.watch((keys) => overlays.tasksChanged(keys));
  watchSettings(() => overlays.tasksChanged(null));
  const manual = { store: manualStore, defaultTitle: () => t('manualDefaultTitle') };
  // Platform pages are read here, from their HTML, and get their overlay from here (issue 18, docs/page-cost.md).
  const pages = createPageReader({
    route: () => route, parse: parseHtml, now: () => Date.now(), noteRead: savePageRead, taskPage: (key, sender) => {
      // A task page: its task and the browser's state are read while the page is (issue 18, docs/page-cost.md).
      writer.readAhead(key);
      tracker.askAhead(sender.tab?.id, sender.tab?.url);
    },
  });
  // Data in and out (issue 17): imports held until confirmed, and "delete all", which starts Centime afresh.
  const data = dataHandlers({
    writer,
    now: () => Date.now(),
    clearStorage: async (sync) => {
      await Promise.all([browser.storage.local.clear(), browser.storage.session.clear(), ...(sync ? [browser.storage.sync.clear()] : [])]);
    },
    afterDelete: async () => {
      await (sitesReady = syncSites());
    },
  });
  const handlers = {
    ...withOverlay(pages.withPageReader(createHandlers({ tracker, writer, timeZone, claims: mirroredClaimStore(), refresh: refreshEnv, manual, sites: sitesEnv })), overlays),
    ...data,
  };
  // The worker's custom sites: their adapters for the sender check, their scripts registered (or dropped) to
  // match the rules and the host access granted. Again whenever access is granted or revoked.
  const syncSites = () =>
    loadCustomRules()
      .then(({ rules }) => syncCustomSites(rules, sitesEnv.scripting))
      .then(() => reevaluate())
      .catch((error: unknown) => console.warn('Centime: custom sites', error));
  let sitesReady = syncSites();
  browser.permissions.onAdded.addListener(() => void (sitesReady = syncSites()));
  browser.permissions.onRemoved.addListener(() => void (sitesReady = syncSites()));
  const route = createRouter(
    handlers,
    { extensionId: browser.runtime.id, extensionOrigin: browser.runtime.getURL('/') },
    () => sitesReady,
    async () => (await settings()).settings.disabledPlatforms,
  );

  // Every listener is registered synchronously at start-up, so that the event that wakes a stopped worker is
  // delivered to it.
  browser.runtime.onMessage.addListener((message: unknown, sender) => route(message, sender));
  const reevaluate = () => void tracker.reevaluate().catch((error: unknown) => console.error('Centime:', error));
  browser.tabs.onActivated.addListener(reevaluate);
  browser.tabs.onRemoved.addListener(reevaluate);
  browser.tabs.onRemoved.addListener((tabId) => {
    pages.tabClosed(tabId);
    void overlays.tabClosed(tabId).catch(() => {});
  });
  browser.tabs.onCreated.addListener(reevaluate);
  browser.tabs.onUpdated.addListener((id, change, tab) => {
    // A page done loading at the address the last decision saw changes nothing a decision reads: no decision (it
    // would hold the writer's queue while that page's task waits for its first event: issue 18).
    if (change.url !== undefined || (change.status === 'complete' && !tracker.sawAt(id, tab.url))) reevaluate();
  });
  // A tab moved to another window changes the window a decision finds it in.
  browser.tabs.onAttached.addListener(reevaluate);
  browser.windows.onFocusChanged.addListener(reevaluate);
  browser.idle.onStateChanged.addListener(reevaluate);
  // The manual timer's shortcut (Alt+Shift+M by default): start, pause or resume; stopping asks the popup.
  browser.commands.onCommand.addListener((command) => {
    void manualCommand({ tracker, writer, ...manual }, command)
      .then((state) => (state === undefined ? undefined : broadcastChanged(['tasks'])))
      .catch((error: unknown) => console.warn('Centime: manual timer', error));
  });
  browser.alarms.onAlarm.addListener(({ name }) => {
    if (name === REFRESH_ALARM) {
      // The same handler as the popup's button: while one refresh runs, the other joins it.
      void handlers['ui-bg-refresh']({}, {}).catch((error: unknown) => console.warn('Centime: refresh', error));
      return;
    }
    if (!name.startsWith(DEADLINE)) return;
    // A deadline expires its task; a study with no known maximum time only after 2 hours with no activity.
    void tracker.deadlineReached(name.slice(DEADLINE.length)).then((expired) => (expired ? broadcastChanged(['tasks']) : undefined));
  });

  const applySettings = () =>
    void loadSettings().then(({ settings }) => {
      idleTimeoutSec = settings.idleTimeoutSec;
      browser.idle.setDetectionInterval(Math.max(15, idleTimeoutSec));
      // The periodic refresh exists only when the worker turned it on, never more often than 30 min.
      // Re-created only when it changed: creating it at every start-up of the worker would postpone it forever.
      const minutes = Math.max(30, settings.autoRefresh.everyMinutes);
      void browser.alarms.get(REFRESH_ALARM).then(async (alarm) => {
        if (!settings.autoRefresh.enabled) {
          if (alarm) await browser.alarms.clear(REFRESH_ALARM);
        } else if (alarm?.periodInMinutes !== minutes) {
          await browser.alarms.create(REFRESH_ALARM, { periodInMinutes: minutes });
        }
      });
      reevaluate();
    });
  applySettings();
  watchSettings(applySettings);
  // Opt-in (off by default): settings and custom-site rules follow the worker through the browser's sync.
  startSyncMirror(browser.storage.sync, (listener) =>
    browser.storage.onChanged.addListener((_changes, area) => (area === 'sync' ? listener() : undefined)),
  );
});
