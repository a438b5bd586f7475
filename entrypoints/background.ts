import { browserEnv, claimStore, DEADLINE, refreshEnv } from '@/lib/background/browser-env';
import { createHandlers } from '@/lib/background/handlers';
import { updateBadge } from '@/lib/background/live';
import { createRouter } from '@/lib/background/router';
import { TaskWriter } from '@/lib/background/task-writer';
import { Tracker } from '@/lib/background/tracker';
import { broadcastChanged } from '@/lib/messaging';
import { platforms } from '@/lib/platforms/registry';
import { loadSettings } from '@/lib/storage/settings';

export default defineBackground(() => {
  const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
  let idleTimeoutSec = 120;
  const writer = new TaskWriter(timeZone);
  const tracker: Tracker = new Tracker(browserEnv(() => idleTimeoutSec), writer, platforms, (front) =>
    void updateBadge(tracker, front).catch((error: unknown) => console.warn('Centime: badge', error)),
  );
  const route = createRouter(createHandlers({ tracker, writer, timeZone, claims: claimStore, refresh: refreshEnv }), {
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
    if (!name.startsWith(DEADLINE)) return;
    void tracker.outcome(name.slice(DEADLINE.length), 'expired').then(() => broadcastChanged(['tasks']));
  });

  void loadSettings().then(({ settings }) => {
    idleTimeoutSec = settings.idleTimeoutSec;
    browser.idle.setDetectionInterval(Math.max(15, idleTimeoutSec));
    reevaluate();
  });
});
