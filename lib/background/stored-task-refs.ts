import { browser } from 'wxt/browser';
import { DEADLINE } from './browser-env';
import { serialized } from './serial';

/**
 * Rewrites the task keys that extension storage and alarms keep, with `rewrite` (which answers the value itself
 * when nothing in it changes): the tracker's front task, claims, started studies' marks, the tabs of off-site
 * tasks, studies looked at, the manual timer's task, tasks already notified, and `deadline:<key>` alarms. Every
 * value of both areas is offered (each item names tasks its own way); only what changes is written, through its
 * key's queue (serial.ts: the claims' read-modify-writes go there) and read again there. Copies kept in memory
 * (`mirrored`) drop theirs when storage.onChanged announces the write. Run it before the tracker starts (the
 * writer's queue at start-up), so that no decision reads a key between its old and its new name.
 */
export async function rewriteStoredTaskRefs(rewrite: (value: unknown) => unknown): Promise<void> {
  for (const name of ['local', 'session'] as const) {
    const area = browser.storage[name];
    if (!area) continue;
    for (const [key, value] of Object.entries(await area.get(null))) {
      if (rewrite(value) === value) continue;
      await serialized(`${name}:${key}`, async () => {
        const now = (await area.get(key))[key];
        const next = rewrite(now);
        if (next !== now) await area.set({ [key]: next });
      });
    }
  }
  for (const alarm of [...(await browser.alarms.getAll())]) {
    const name = rewrite(alarm.name);
    if (typeof name !== 'string' || name === alarm.name || !alarm.name.startsWith(DEADLINE)) continue;
    if (!(await browser.alarms.get(name))) await browser.alarms.create(name, { when: alarm.scheduledTime });
    await browser.alarms.clear(alarm.name);
  }
}

/**
 * The URLs the browser's tabs show: the only place an open task's URL is kept (its record holds its id, which for
 * a custom site's long URL is cut). The tracker reads the same URLs to name the tasks they show.
 */
export async function tabUrls(): Promise<string[]> {
  return (await browser.tabs.query({})).flatMap((tab) => (tab.url ? [tab.url] : []));
}
