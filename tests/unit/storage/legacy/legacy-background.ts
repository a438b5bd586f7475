import type { ScriptingEnv } from '../../../../lib/background/custom-sites';
import { syncCustomSites } from '../../../../lib/background/custom-sites';
import { dataHandlers } from '../../../../lib/background/data-handlers';
import { createHandlers } from '../../../../lib/background/handlers';
import { createRouter, type Sender } from '../../../../lib/background/router';
import { TaskWriter } from '../../../../lib/background/task-writer';
import { Tracker } from '../../../../lib/background/tracker';
import type { PopupData } from '../../../../lib/messaging';
import { allAdapters } from '../../../../lib/platforms/registry';
import { loadCustomRules } from '../../../../lib/storage/custom-rules-store';
import { FakeBrowser, memoryClaims } from '../../background/fake-env';
import type { DumpBrowser, LegacyDump } from './dump';

/**
 * Today's background (the version-1 storage) wired as entrypoints/background.ts wires it, over the fake browser
 * of the unit tests: history upgraded once at start-up, custom sites loaded from their rules, the handlers (data in
 * and out included) behind the router. One call is one service-worker start; a restart is another call on the same browser.
 */

export const ME = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
export const POPUP: Sender = { id: ME.extensionId, url: `${ME.extensionOrigin}popup.html` };
export const tabSender = (id: number, url: string): Sender => ({ id: ME.extensionId, url, tab: { id, url } });

/** Host access granted to every custom site, scripts registered in memory. */
export function grantingScripting(): ScriptingEnv {
  const scripts = new Map<string, string[]>();
  return {
    registered: async () => [...scripts].map(([id, matches]) => ({ id, matches })),
    register: async (list) => list.forEach((s) => scripts.set(s.id, s.matches)),
    unregister: async (ids) => ids.forEach((id) => scripts.delete(id)),
    granted: async () => true,
  };
}

export interface Background {
  writer: TaskWriter;
  tracker: Tracker;
  /** Sends a message as `sender`; answers its data, or throws with the background's refusal. */
  send(type: string, payload: object, sender?: Sender): Promise<unknown>;
  popup(): Promise<PopupData>;
}

export async function startBackground(b: FakeBrowser, zone: () => string, scripting: ScriptingEnv = grantingScripting()): Promise<Background> {
  const writer = new TaskWriter(zone);
  const upgraded = writer.upgradeHistory();
  await syncCustomSites((await loadCustomRules()).rules, scripting);
  const tracker = new Tracker(b.env(), writer, allAdapters);
  const manual = { store: b.manualStore(), defaultTitle: () => 'Manual task' };
  const sites = { scripting, pick: async () => null };
  // Data in and out as entrypoints/background.ts wires them (the fake browser's clock is now).
  const data = dataHandlers({ writer, now: () => b.stamp().wall, clearStorage: async () => {}, afterDelete: async () => {} });
  const route = createRouter({ ...createHandlers({ tracker, writer, timeZone: zone, claims: memoryClaims(), manual, sites }), ...data }, ME);
  await upgraded;
  const send = async (type: string, payload: object, sender: Sender = POPUP) => {
    const reply = await route({ type, payload }, sender);
    if (!reply?.ok) throw new Error(`${type} ${JSON.stringify(payload)}: ${reply?.ok === false ? reply.error : 'no reply'}`);
    return reply.data;
  };
  return { writer, tracker, send, popup: async () => (await send('ui-bg-get-popup', {})) as PopupData };
}

/** The fake browser's state, to dump. */
export function browserState(b: FakeBrowser): DumpBrowser {
  return {
    clock: b.stamp(), tabs: structuredClone(b.tabs), focusedWindowId: b.focusedWindowId, idle: b.idle,
    alarms: [...b.alarms].sort((x, y) => x[0].localeCompare(y[0])), boot: b.boot, front: b.front, lastSeen: b.lastSeen, alive: b.alive,
    taskTabs: { ...b.taskTabs }, viewed: structuredClone(b.viewed), studyMarks: structuredClone(b.studyMarks),
    manualKey: b.manualKey, manualRunning: b.manualRunning,
  };
}

/** A fake browser exactly as dumped, its clocks included (open tasks' time so far is read from them). */
export function restoreBrowser(state: DumpBrowser): FakeBrowser {
  const b = new FakeBrowser();
  const { clock } = state;
  b.origin = clock.origin;
  b.wall = clock.wall - (clock.mono - clock.origin);
  b.advance(clock.mono - clock.origin);
  b.tabs = structuredClone(state.tabs);
  b.focusedWindowId = state.focusedWindowId;
  b.idle = state.idle;
  b.alarms = new Map(state.alarms);
  b.boot = state.boot;
  Object.assign(b, structuredClone({ front: state.front, lastSeen: state.lastSeen, viewed: state.viewed, studyMarks: state.studyMarks }));
  b.alive = state.alive;
  b.taskTabs = { ...state.taskTabs };
  b.manualKey = state.manualKey;
  b.manualRunning = state.manualRunning;
  return b;
}

/** The popup a background started on a loaded dump answers at the dump's moment, in its browser state. */
export async function popupOfDump(dump: Pick<LegacyDump, 'browser' | 'zone'>): Promise<{ popup: PopupData; writer: TaskWriter }> {
  const bg = await startBackground(restoreBrowser(dump.browser), () => dump.zone);
  return { popup: await bg.popup(), writer: bg.writer };
}
