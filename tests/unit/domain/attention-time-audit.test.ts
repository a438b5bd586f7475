import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frontTask, type AttentionInput, type ExternalTask, type TabInfo } from '../../../lib/domain/attention';

/*
 * Audit of DESIGN.md → Definitions → Time → Attention. A small reference written from the definition's words (not
 * from attention.ts), compared with `frontTask` on hand-made cases and on random snapshots.
 */
const ORIGIN = 'chrome-extension://centimeid/';
const NOW = 1_800_000_000_000;
const HIT = 'mturk:A';
const HIT2 = 'mturk:B';
const STUDY = 'prolific:S';

type Ref = { task: string | null; platformPage: string | null };
const NONE: Ref = { task: null, platformPage: null };

/** "Extension pages (popup, options, history) and browser pages never lend time." */
function browserPage(url: string): boolean {
  if (url.startsWith(ORIGIN)) return true;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (!scheme) return false;
  if (scheme === 'about') return !/^about:(blank|srcdoc)([?#]|$)/i.test(url);
  return ['chrome', 'chrome-extension', 'moz-extension', 'edge', 'view-source', 'devtools', 'chrome-search', 'resource', 'brave', 'opera', 'vivaldi'].includes(scheme);
}

/** The definition, read plainly. */
function reference(input: AttentionInput): Ref {
  // "A running manual timer accrues wall time whatever the focus or idle state, and automatic tasks pause while it runs."
  if (input.manualTask !== null) return { task: input.manualTask, platformPage: null };
  if (input.focusedWindowId === null) return NONE;
  // "the active tab of the focused window"
  const front = input.tabs.find((t) => t.active && t.windowId === input.focusedWindowId);
  if (!front || browserPage(front.url)) return NONE;
  const tab = (id: number) => input.tabs.find((t) => t.id === id);
  // A started study's tab stands for it (the survey often loads in that tab); most recently started first.
  const studyOfTab = (id: number) => input.externalTasks.find((e) => e.tabId === id && tab(id))?.taskKey;
  // "A tab that is itself a task page is its own task, whatever its opener."
  if (front.taskKey) return { task: front.taskKey, platformPage: null };
  // The active tab being a platform page: platform time.
  if (front.platformPage) return { task: null, platformPage: front.platformPage };
  const own = studyOfTab(front.id);
  if (own) return { task: own, platformPage: null };
  // "or whose tab opened (openerTabId, followed up the chain) the active tab"
  const visited = new Set([front.id]);
  let child = front;
  for (let id = front.openerTabId; id !== undefined && !visited.has(id); id = child.openerTabId) {
    visited.add(id);
    const up = tab(id);
    if (!up) break; // a closed tab: the chain can no longer be followed
    if (up.taskKey) return { task: up.taskKey, platformPage: null };
    if (up.platformPage) {
      // "An off-site study is a task only once the worker starts it (opens its survey from it …)"
      const viewed = (input.viewedStudies ?? []).find((v) => v.tabId === up.id);
      if (viewed && !viewed.openedBefore.includes(child.id)) return { task: viewed.taskKey, platformPage: null };
      const study = studyOfTab(up.id);
      if (study) return { task: study, platformPage: null };
      break; // a platform page passes no task through
    }
    const study = studyOfTab(up.id);
    if (study) return { task: study, platformPage: null };
    child = up;
  }
  // "Only a started study, within its maximum time, whose tab can no longer be linked … may accrue in another
  // non-platform tab while the browser is focused"
  const orphan = input.externalTasks.find(
    (e) => e.started && !e.detached && (e.deadline === undefined || NOW < e.deadline) && (e.tabId === undefined || !tab(e.tabId)),
  );
  return orphan ? { task: orphan.taskKey, platformPage: null } : NONE;
}

function tab(id: number, extra: Partial<TabInfo> = {}): TabInfo {
  return { id, windowId: 1, url: `https://survey.example/${id}`, active: false, ...extra };
}
const hitTab = (id: number, extra: Partial<TabInfo> = {}) => tab(id, { url: 'https://worker.mturk.com/projects/P/tasks/T', taskKey: HIT, ...extra });
const started = (taskKey: string, extra: Partial<ExternalTask> = {}): ExternalTask => ({ taskKey, started: true, ...extra });
function input(tabs: TabInfo[], extra: Partial<AttentionInput> = {}): AttentionInput {
  return { tabs, focusedWindowId: 1, manualTask: null, extensionOrigin: ORIGIN, externalTasks: [], now: NOW, ...extra };
}
const pick = (i: AttentionInput): Ref => {
  const r = frontTask(i);
  return { task: r.task, platformPage: r.platformPage };
};

describe('attention, edge cases from the definition', () => {
  it('an opener cycle through the front tab (A opened B opened A) ends, and a task in the cycle still lends', () => {
    // 1 opened 2, 2 "opened" 1 (ids as a buggy snapshot may give them): no task anywhere → nothing.
    expect(pick(input([tab(1, { openerTabId: 2 }), tab(2, { openerTabId: 1, active: true })]))).toEqual(NONE);
    // The same cycle with the HIT in it: the survey is the HIT's.
    expect(pick(input([hitTab(1, { openerTabId: 2 }), tab(2, { openerTabId: 1, active: true })]))).toEqual({ task: HIT, platformPage: null });
  });

  it('an opener chain through a closed tab can no longer be followed', () => {
    const tabs = [hitTab(1), tab(3, { openerTabId: 2, active: true })]; // 2 (opened from 1) is closed
    expect(pick(input(tabs))).toEqual(NONE);
  });

  it('a very long chain is followed to its task, without blowing the stack', () => {
    const tabs: TabInfo[] = [hitTab(0)];
    for (let i = 1; i <= 50_000; i++) tabs.push(tab(i, { openerTabId: i - 1 }));
    tabs[tabs.length - 1]!.active = true;
    expect(pick(input(tabs))).toEqual({ task: HIT, platformPage: null });
  });

  it('two windows, each with a task tab active: only the focused window counts; none focused, nothing', () => {
    const tabs = [hitTab(1, { active: true }), hitTab(2, { windowId: 2, active: true, taskKey: HIT2 })];
    expect(pick(input(tabs, { focusedWindowId: 2 })).task).toBe(HIT2);
    expect(pick(input(tabs, { focusedWindowId: null })).task).toBeNull();
  });

  it('a popup window opened by a task (its own window, opener the task tab) counts for the task', () => {
    const tabs = [hitTab(1, { active: true }), tab(7, { windowId: 9, openerTabId: 1, active: true, url: 'about:blank' })];
    expect(pick(input(tabs, { focusedWindowId: 9 }))).toEqual({ task: HIT, platformPage: null });
  });

  it('the active tab being a platform page is platform time, not task time, even opened from a task', () => {
    const tabs = [hitTab(1), tab(2, { url: 'https://worker.mturk.com/tasks', platformPage: 'mturk', openerTabId: 1, active: true })];
    expect(pick(input(tabs, { externalTasks: [started(STUDY)] }))).toEqual({ task: null, platformPage: 'mturk' });
  });

  it('a manual timer: automatic tasks pause, whatever the focus', () => {
    const tabs = [hitTab(1, { active: true })];
    expect(pick(input(tabs, { manualTask: 'manual:x' }))).toEqual({ task: 'manual:x', platformPage: null });
    expect(pick(input(tabs, { manualTask: 'manual:x', focusedWindowId: null }))).toEqual({ task: 'manual:x', platformPage: null });
  });

  it('ordinary browsing never accrues to a study only looked at, even with its tab gone', () => {
    const viewedStudies = [{ taskKey: STUDY, tabId: 5, openedBefore: [] }];
    expect(pick(input([tab(2, { active: true })], { viewedStudies }))).toEqual(NONE);
  });

  it('a tab id shown twice in one snapshot (a tab id reused as the snapshot was taken) puts at most one task in front', () => {
    const tabs = [hitTab(1, { active: true }), hitTab(1, { taskKey: HIT2, active: true })];
    const r = frontTask(input(tabs));
    expect([HIT, HIT2]).toContain(r.task);
  });
});

describe('attention against the reference', () => {
  // As the tracker builds them: tab ids unique, a task page is not a platform page, one active tab per window.
  const kindArb = fc.constantFrom('web', 'web', 'web', 'task', 'task2', 'platform', 'newtab', 'extension', 'blank');
  const tabsArb = fc
    .array(fc.record({ kind: kindArb, window: fc.constantFrom(0, 0, 0, 1), opener: fc.option(fc.integer({ min: 0, max: 8 }), { freq: 4, nil: undefined }) }), {
      minLength: 1, maxLength: 8,
    })
    .chain((specs) => fc.tuple(fc.constant(specs), fc.integer({ min: 0, max: specs.length - 1 }), fc.integer({ min: 0, max: specs.length - 1 })))
    .map(([specs, active, other]) =>
      specs.map((spec, id): TabInfo => {
        const t: TabInfo = { id, windowId: spec.window, url: `https://survey.example/${id}`, active: id === active || (id === other && spec.window !== specs[active]!.window) };
        if (spec.opener !== undefined) t.openerTabId = spec.opener;
        if (spec.kind === 'task') Object.assign(t, { url: 'https://worker.mturk.com/projects/P/tasks/T', taskKey: 'mturk:A' });
        if (spec.kind === 'task2') Object.assign(t, { url: 'https://worker.mturk.com/projects/Q/tasks/U', taskKey: 'mturk:B' });
        if (spec.kind === 'platform') Object.assign(t, { url: 'https://app.prolific.com/studies', platformPage: 'prolific' });
        if (spec.kind === 'newtab') t.url = 'chrome://newtab/';
        if (spec.kind === 'extension') t.url = `${ORIGIN}options.html`;
        if (spec.kind === 'blank') t.url = 'about:blank';
        return t;
      }),
    );
  const inputArb = fc.record({
    tabs: tabsArb,
    focusedWindowId: fc.constantFrom<number | null>(0, 0, 0, 1, 2, null),
    manualTask: fc.constantFrom<string | null>(null, null, null, null, null, 'manual:M'),
    extensionOrigin: fc.constant(ORIGIN),
    externalTasks: fc.uniqueArray(
      fc.record(
        {
          taskKey: fc.constantFrom('prolific:X', 'prolific:Y', 'prolific:Z'),
          tabId: fc.integer({ min: 0, max: 9 }),
          // Open study records in the history are started (studies.start gives them startedAt).
          started: fc.constant(true),
          deadline: fc.integer({ min: NOW - 2, max: NOW + 2 }),
          detached: fc.boolean(),
        },
        { requiredKeys: ['taskKey', 'started'] },
      ),
      { selector: (e) => e.taskKey, maxLength: 3 },
    ),
    viewedStudies: fc.uniqueArray(
      fc.record({
        taskKey: fc.constantFrom('prolific:V', 'prolific:W'),
        tabId: fc.integer({ min: 0, max: 8 }),
        openedBefore: fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 2 }),
      }),
      { selector: (v) => v.taskKey, maxLength: 2 },
    ),
    now: fc.constant(NOW),
  });

  it('picks what the definition picks', () => {
    fc.assert(
      fc.property(inputArb, (given) => {
        expect(pick(given)).toEqual(reference(given));
      }),
      { numRuns: 3000 },
    );
  });
});
