import { browserEnv, claimStore, DEADLINE, refreshEnv } from '@/lib/background/browser-env';
import { createHandlers } from '@/lib/background/handlers';
import { updateBadge } from '@/lib/background/live';
import { createRouter } from '@/lib/background/router';
import { TaskWriter } from '@/lib/background/task-writer';
import { Tracker } from '@/lib/background/tracker';
import { broadcastChanged } from '@/lib/messaging';
import { platforms } from '@/lib/platforms/registry';
import { loadSettings, watchSettings } from '@/lib/storage/settings';

const REFRESH_ALARM = 'refresh';

export default defineBackground(() => {
  const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
  let idleTimeoutSec = 120;
  const writer = new TaskWriter(timeZone);
  const tracker: Tracker = new Tracker(browserEnv(() => idleTimeoutSec), writer, platforms, (front) =>
    void updateBadge(tracker, front).catch((error: unknown) => console.warn('Centime: badge', error)),
  );
  const handlers = createHandlers({ tracker, writer, timeZone, claims: claimStore, refresh: refreshEnv });
  const route = createRouter(handlers, {
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
  });

  // Every listener is registered synchronously at start-up, so that the event that wakes a stopped worker is
  // delivered to it.
  browser.runtime.onMessage.addListener((message: unknown, sender) => route(message, sender));
  const reevaluate = () => void tracker.reevaluate().catch((error: unknown) => console.error('Centime:', error));
  browser.tabs.onActivated.addListener(reevaluate);
  browser.tabs.onRemoved.addListener(reevaluate);
  browser.tabs.onCreated.addListener(reevaluate);
  browser.tabs.onUpdated.addListener((_id, change) => {
    if (change.url !== undefined || change.status === 'complete') reevaluate();
  });
  browser.windows.onFocusChanged.addListener(reevaluate);
  browser.idle.onStateChanged.addListener(reevaluate);
  browser.alarms.onAlarm.addListener(({ name }) => {
    if (name === REFRESH_ALARM) {
      void handlers['ui-bg-refresh']({}, {}).catch((error: unknown) => console.warn('Centime: refresh', error));
      return;
    }
    if (!name.startsWith(DEADLINE)) return;
    void tracker.outcome(name.slice(DEADLINE.length), 'expired').then(() => broadcastChanged(['tasks']));
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
  // History written before pending items were indexed gets its index once.
  void writer.buildPendingIndex().catch((error: unknown) => console.warn('Centime: pending index', error));
});
