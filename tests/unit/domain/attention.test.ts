import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  frontTask,
  isBrowserOrExtensionPage,
  mayFallBack,
  type AttentionInput,
  type ExternalTask,
  type TabInfo,
} from '../../../lib/domain/attention';

const ORIGIN = 'chrome-extension://centimeid/';
const HIT = 'mturk:3ABC';
const HIT2 = 'mturk:3XYZ';
const STUDY = 'prolific:65f0';
const NOW = 1_800_000_000_000;
/** A study whose work started (its survey opened): only such a study may lend time to an unrelated tab. */
const started = (taskKey: string, extra: Partial<ExternalTask> = {}): ExternalTask => ({ taskKey, started: true, ...extra });

function tab(id: number, extra: Partial<TabInfo> = {}): TabInfo {
  return { id, windowId: 1, url: `https://example.com/${id}`, active: false, ...extra };
}
const hitTab = (id: number, extra: Partial<TabInfo> = {}) =>
  tab(id, { url: 'https://worker.mturk.com/projects/P/tasks/T', taskKey: HIT, ...extra });

function input(tabs: TabInfo[], extra: Partial<AttentionInput> = {}): AttentionInput {
  return { tabs, focusedWindowId: 1, manualTask: null, extensionOrigin: ORIGIN, externalTasks: [], now: NOW, ...extra };
}

describe('frontTask', () => {
  it('counts the task tab that is the active tab of the focused window', () => {
    expect(frontTask(input([hitTab(1, { active: true })]))).toEqual({
      task: HIT, platformPage: null, tabId: 1, reason: 'task-tab',
    });
  });

  it('a queued task in a background tab accrues nothing', () => {
    const tabs = [hitTab(1), tab(2, { active: true })];
    expect(frontTask(input(tabs))).toEqual({ task: null, platformPage: null, tabId: null, reason: 'none' });
  });

  it('two task tabs in two windows: only the focused window counts', () => {
    const tabs = [hitTab(1, { active: true }), hitTab(2, { windowId: 2, active: true, taskKey: HIT2 })];
    expect(frontTask(input(tabs, { focusedWindowId: 2 }))).toMatchObject({ task: HIT2, tabId: 2 });
    expect(frontTask(input(tabs, { focusedWindowId: 1 }))).toMatchObject({ task: HIT, tabId: 1 });
  });

  it('a focused window with no active tab puts nothing in front', () => {
    expect(frontTask(input([hitTab(1, { active: true })], { focusedWindowId: 3 })).reason).toBe('none');
  });

  it('a survey tab opened from a task counts for it', () => {
    const tabs = [hitTab(1), tab(2, { openerTabId: 1, active: true })];
    expect(frontTask(input(tabs))).toEqual({ task: HIT, platformPage: null, tabId: 2, reason: 'opened-from-task' });
  });

  it('a grandchild tab opened from the survey still counts', () => {
    const tabs = [hitTab(1), tab(2, { openerTabId: 1 }), tab(3, { openerTabId: 2, active: true })];
    expect(frontTask(input(tabs))).toMatchObject({ task: HIT, tabId: 3, reason: 'opened-from-task' });
  });

  it('a survey opened in a window of its own still counts for the task', () => {
    const tabs = [hitTab(1, { active: true }), tab(2, { windowId: 2, openerTabId: 1, active: true })];
    expect(frontTask(input(tabs, { focusedWindowId: 2 }))).toMatchObject({ task: HIT, tabId: 2 });
  });

  it('a second task tab opened from a task tab is its own task', () => {
    const tabs = [hitTab(1), hitTab(2, { taskKey: HIT2, openerTabId: 1, active: true })];
    expect(frontTask(input(tabs))).toMatchObject({ task: HIT2, tabId: 2, reason: 'task-tab' });
  });

  it('a closed opener ends the chain', () => {
    expect(frontTask(input([tab(2, { openerTabId: 1, active: true })])).reason).toBe('none');
  });

  it('a platform page in the chain passes no task through', () => {
    const tabs = [
      hitTab(1),
      tab(2, { url: 'https://worker.mturk.com/tasks', platformPage: 'mturk', openerTabId: 1 }),
      tab(3, { openerTabId: 2, active: true }),
    ];
    expect(frontTask(input(tabs)).reason).toBe('none');
  });

  it('a browser page in the chain is climbed through', () => {
    const tabs = [hitTab(1), tab(2, { url: 'chrome://newtab/', openerTabId: 1 }), tab(3, { openerTabId: 2, active: true })];
    expect(frontTask(input(tabs))).toMatchObject({ task: HIT, tabId: 3 });
  });

  it.each(['popup.html', 'options.html', 'task-history.html#/today'])(
    'Centime’s %s opened in a tab lends nothing, even when opened from a task tab',
    (page) => {
      const tabs = [hitTab(1), tab(2, { url: ORIGIN + page, openerTabId: 1, active: true })];
      expect(frontTask(input(tabs))).toEqual({ task: null, platformPage: null, tabId: null, reason: 'none' });
      const firefox = 'moz-extension://0b1c-uuid/';
      const ffTabs = [hitTab(1), tab(2, { url: firefox + page, openerTabId: 1, active: true })];
      expect(frontTask(input(ffTabs, { extensionOrigin: firefox })).reason).toBe('none');
    },
  );

  it.each(['chrome://settings/', 'about:preferences', 'edge://newtab/', 'chrome-extension://other/page.html', 'view-source:https://worker.mturk.com/'])(
    'browser page %s lends nothing, even opened from a task or with an external task open',
    (url) => {
      const tabs = [hitTab(1), tab(2, { url, openerTabId: 1, active: true })];
      expect(frontTask(input(tabs, { externalTasks: [started(STUDY)] })).reason).toBe('none');
    },
  );

  it('a tab whose URL is not known yet is an ordinary tab', () => {
    const tabs = [hitTab(1), tab(2, { url: '', openerTabId: 1, active: true })];
    expect(frontTask(input(tabs))).toMatchObject({ task: HIT, reason: 'opened-from-task' });
  });

  it('an external task accrues in its linked tab and in tabs opened from it', () => {
    const externalTasks: ExternalTask[] = [{ taskKey: STUDY, tabId: 1 }];
    // The study tab has left the study page for the survey: it still stands for the study.
    const study = tab(1, { url: 'https://survey.example/q1' });
    expect(frontTask(input([{ ...study, active: true }], { externalTasks }))).toMatchObject({
      task: STUDY, tabId: 1, reason: 'task-tab',
    });
    const opened = [study, tab(2, { openerTabId: 1, active: true })];
    expect(frontTask(input(opened, { externalTasks }))).toMatchObject({ task: STUDY, tabId: 2, reason: 'opened-from-task' });
  });

  it('an external task whose tab is open does not accrue in unrelated tabs', () => {
    const tabs = [tab(1), tab(2, { active: true })];
    expect(frontTask(input(tabs, { externalTasks: [{ taskKey: STUDY, tabId: 1 }] })).reason).toBe('none');
  });

  it('a started external task with no linkable tab accrues in any ordinary front tab', () => {
    const tabs = [tab(2, { active: true })];
    for (const externalTasks of [[started(STUDY)], [started(STUDY, { tabId: 99 })]]) {
      expect(frontTask(input(tabs, { externalTasks }))).toEqual({
        task: STUDY, platformPage: null, tabId: 2, reason: 'external-fallback',
      });
    }
  });

  it('the fallback goes to the most recent external task that cannot be linked', () => {
    const tabs = [tab(1), tab(2, { active: true })];
    const externalTasks = [started('prolific:new', { tabId: 1 }), started('prolific:mid'), started('prolific:old')];
    expect(frontTask(input(tabs, { externalTasks })).task).toBe('prolific:mid');
  });

  it('an external task with no linkable tab does not accrue on a platform page or a browser page', () => {
    const externalTasks = [started(STUDY)];
    const platform = [tab(2, { url: 'https://app.prolific.com/studies', platformPage: 'prolific', active: true })];
    expect(frontTask(input(platform, { externalTasks }))).toEqual({
      task: null, platformPage: 'prolific', tabId: 2, reason: 'platform-page',
    });
    expect(frontTask(input([tab(2, { url: 'about:addons', active: true })], { externalTasks })).reason).toBe('none');
    expect(frontTask(input([tab(2, { url: `${ORIGIN}task-history.html`, active: true })], { externalTasks })).reason).toBe('none');
  });

  it('a study only looked at lends nothing to an unrelated tab, even with its tab gone', () => {
    const tabs = [tab(2, { active: true })];
    // Not started: a legacy record, or a study whose tab closed before its survey opened.
    for (const externalTasks of [[{ taskKey: STUDY }], [{ taskKey: STUDY, tabId: 99 }], [{ taskKey: STUDY, started: false }]]) {
      expect(frontTask(input(tabs, { externalTasks })).reason).toBe('none');
    }
  });

  it('a started study accrues in an unrelated tab only within its maximum time, and never once detached', () => {
    const tabs = [tab(2, { active: true })];
    const within = [started(STUDY, { tabId: 99, deadline: NOW + 1 })];
    expect(frontTask(input(tabs, { externalTasks: within }))).toMatchObject({ task: STUDY, reason: 'external-fallback' });
    const past = [started(STUDY, { tabId: 99, deadline: NOW })];
    expect(frontTask(input(tabs, { externalTasks: past })).reason).toBe('none');
    const detached = [started(STUDY, { detached: true })];
    expect(frontTask(input(tabs, { externalTasks: detached })).reason).toBe('none');
    // A detached study leaves the fallback to the next started one.
    const next = [started(STUDY, { detached: true }), started('prolific:other')];
    expect(frontTask(input(tabs, { externalTasks: next })).task).toBe('prolific:other');
  });

  it('a study page only looked at is platform time, and a tab opened from it starts the study', () => {
    const studyPage = tab(1, { url: 'https://app.prolific.com/studies/65f0', platformPage: 'prolific' });
    const viewedStudies = [{ taskKey: STUDY, tabId: 1, openedBefore: [] }];
    expect(frontTask(input([{ ...studyPage, active: true }], { viewedStudies }))).toEqual({
      task: null, platformPage: 'prolific', tabId: 1, reason: 'platform-page',
    });
    const survey = [studyPage, tab(2, { openerTabId: 1, active: true })];
    expect(frontTask(input(survey, { viewedStudies }))).toEqual({ task: STUDY, platformPage: null, tabId: 2, reason: 'opened-from-study' });
    // A page the survey opens, through a new tab page, still belongs to it.
    const deeper = [studyPage, tab(2, { openerTabId: 1 }), tab(3, { url: 'chrome://newtab/', openerTabId: 2 }), tab(4, { openerTabId: 3, active: true })];
    expect(frontTask(input(deeper, { viewedStudies }))).toMatchObject({ task: STUDY, tabId: 4, reason: 'opened-from-study' });
    // Without the record of the study looked at, the platform page passes nothing through.
    expect(frontTask(input(survey)).reason).toBe('none');
  });

  it('a tab opened from the study tab before the study was seen there is not its survey', () => {
    // Another study's survey, opened from this tab before it moved on to the study now shown.
    const tabs = [tab(1, { url: 'https://app.prolific.com/studies/65f0', platformPage: 'prolific' }), tab(2, { openerTabId: 1, active: true })];
    const viewedStudies = [{ taskKey: STUDY, tabId: 1, openedBefore: [2] }];
    expect(frontTask(input(tabs, { viewedStudies })).reason).toBe('none');
  });

  it('a started study keeps its survey when its own tab goes back to Prolific’s list or to another study', () => {
    const externalTasks = [started(STUDY, { tabId: 1 })];
    const survey = tab(2, { url: 'https://survey.example/q1', openerTabId: 1, active: true });
    // The study's tab, in the background, back on the list: the survey in front is still the study's.
    const list = tab(1, { url: 'https://app.prolific.com/studies', platformPage: 'prolific' });
    expect(frontTask(input([list, survey], { externalTasks }))).toMatchObject({ task: STUDY, tabId: 2, reason: 'opened-from-task' });
    // …and on another study's page, looked at after the survey opened: the survey is not that study's.
    const other = { ...list, url: 'https://app.prolific.com/studies/66aa' };
    const viewedStudies = [{ taskKey: 'prolific:66aa', tabId: 1, openedBefore: [2] }];
    expect(frontTask(input([other, survey], { externalTasks, viewedStudies }))).toMatchObject({ task: STUDY, reason: 'opened-from-task' });
    // A tab opened from that page after it was seen there is the other study's survey.
    const second = tab(3, { url: 'https://survey.example/other', openerTabId: 1, active: true });
    expect(frontTask(input([other, { ...survey, active: false }, second], { externalTasks, viewedStudies }))).toMatchObject({ task: 'prolific:66aa', reason: 'opened-from-study' });
    // The study's tab itself, in front on the list, is platform time.
    expect(frontTask(input([{ ...list, active: true }, { ...survey, active: false }], { externalTasks }))).toMatchObject({ task: null, platformPage: 'prolific' });
  });

  it('a tab that is itself a task page is its own task, even opened from a study looked at', () => {
    const tabs = [tab(1, { platformPage: 'prolific' }), hitTab(2, { openerTabId: 1, active: true })];
    expect(frontTask(input(tabs, { viewedStudies: [{ taskKey: STUDY, tabId: 1, openedBefore: [] }] }))).toMatchObject({ task: HIT, reason: 'task-tab' });
  });

  it('a task tab in front wins over the external fallback', () => {
    const tabs = [hitTab(1, { active: true })];
    expect(frontTask(input(tabs, { externalTasks: [started(STUDY)] }))).toMatchObject({ task: HIT, reason: 'task-tab' });
  });

  it('a manual timer wins over automatic tasks', () => {
    const tabs = [hitTab(1, { active: true })];
    expect(frontTask(input(tabs, { manualTask: 'manual:call', externalTasks: [started(STUDY)] }))).toEqual({
      task: 'manual:call', platformPage: null, tabId: null, reason: 'manual',
    });
  });

  it('a manual timer works with no focused window', () => {
    expect(frontTask(input([], { focusedWindowId: null, manualTask: 'manual:call' }))).toMatchObject({
      task: 'manual:call', reason: 'manual',
    });
  });

  it('no focused window puts nothing in front, not even the external fallback', () => {
    const tabs = [tab(1, { active: true })];
    expect(frontTask(input(tabs, { focusedWindowId: null, externalTasks: [started(STUDY)] }))).toEqual({
      task: null, platformPage: null, tabId: null, reason: 'none',
    });
  });

  it('opener cycles terminate', () => {
    const cycle = [tab(1, { openerTabId: 3 }), tab(2, { openerTabId: 1 }), tab(3, { openerTabId: 2, active: true })];
    expect(frontTask(input(cycle)).reason).toBe('none');
    expect(frontTask(input([tab(1, { openerTabId: 1, active: true })])).reason).toBe('none');
  });

  it('platform pages give platformPage and no task, whatever their opener', () => {
    const tabs = [hitTab(1), tab(2, { url: 'https://worker.mturk.com/', platformPage: 'mturk', openerTabId: 1, active: true })];
    expect(frontTask(input(tabs))).toEqual({ task: null, platformPage: 'mturk', tabId: 2, reason: 'platform-page' });
  });
});

describe('mayFallBack', () => {
  const open = new Set([1, 2]);
  it('only a started, attached study within its maximum time whose tab is gone, not ended by another study', () => {
    expect(mayFallBack(started(STUDY, { tabId: 3 }), open, NOW)).toBe(true);
    expect(mayFallBack(started(STUDY), open, NOW)).toBe(true);
    expect(mayFallBack(started(STUDY, { tabId: 1 }), open, NOW)).toBe(false);
    expect(mayFallBack({ taskKey: STUDY, tabId: 3 }, open, NOW)).toBe(false);
    expect(mayFallBack(started(STUDY, { deadline: NOW }), open, NOW)).toBe(false);
    expect(mayFallBack(started(STUDY, { deadline: NOW + 1 }), open, NOW)).toBe(true);
    expect(mayFallBack(started(STUDY, { detached: true }), open, NOW)).toBe(false);
    expect(mayFallBack(started(STUDY, { superseded: true }), open, NOW)).toBe(false);
  });
});

describe('isBrowserOrExtensionPage', () => {
  it.each([
    'chrome://extensions/', 'CHROME://settings', 'chrome-extension://abc/popup.html', 'moz-extension://uuid/options.html',
    'about:newtab', 'about:preferences#privacy', 'edge://settings', 'brave://rewards', 'opera://startpage',
    'vivaldi://settings', 'view-source:https://example.com/', 'devtools://devtools/bundled/inspector.html',
    'chrome-search://local-ntp/local-ntp.html', 'resource://pdf.js/web/viewer.html', `${ORIGIN}task-history.html`,
  ])('%s is a browser or extension page', (url) => {
    expect(isBrowserOrExtensionPage(url, ORIGIN)).toBe(true);
  });

  it.each([
    '', 'https://worker.mturk.com/', 'http://localhost:3000/', 'about:blank', 'about:blank#x', 'about:srcdoc',
    'data:text/html,<p>hi</p>', 'blob:https://example.com/uuid', 'file:///home/me/instructions.pdf',
    'https://example.com/?next=chrome://settings',
  ])('%j is an ordinary page', (url) => {
    expect(isBrowserOrExtensionPage(url, ORIGIN)).toBe(false);
  });

  it('an empty extension origin does not make every page Centime’s', () => {
    expect(isBrowserOrExtensionPage('https://example.com/', '')).toBe(false);
  });
});

describe('frontTask properties', () => {
  const keys = ['mturk:A', 'mturk:B', 'prolific:C', ''];
  const urls = ['', 'https://survey.example/', 'chrome://newtab/', `${ORIGIN}options.html`, 'about:blank', 'about:config'];
  const tabArb = fc.record(
    {
      id: fc.integer({ min: 0, max: 7 }),
      windowId: fc.integer({ min: 0, max: 2 }),
      url: fc.constantFrom(...urls),
      openerTabId: fc.integer({ min: 0, max: 9 }),
      active: fc.boolean(),
      taskKey: fc.constantFrom(...keys),
      platformPage: fc.constantFrom('mturk', 'prolific'),
    },
    { requiredKeys: ['id', 'windowId', 'url', 'active'] },
  );
  const inputArb = fc.record({
    tabs: fc.array(tabArb, { maxLength: 10 }),
    focusedWindowId: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
    manualTask: fc.option(fc.constantFrom('manual:M', ''), { nil: null }),
    extensionOrigin: fc.constantFrom(ORIGIN, ''),
    externalTasks: fc.array(
      fc.record(
        {
          taskKey: fc.constantFrom('prolific:X', 'prolific:Y'),
          tabId: fc.integer({ min: 0, max: 9 }),
          started: fc.boolean(),
          deadline: fc.integer({ min: NOW - 10, max: NOW + 10 }),
          detached: fc.boolean(),
        },
        { requiredKeys: ['taskKey'] },
      ),
      { maxLength: 3 },
    ),
    viewedStudies: fc.array(
      fc.record({
        taskKey: fc.constantFrom('prolific:V', 'prolific:W'),
        tabId: fc.integer({ min: 0, max: 9 }),
        openedBefore: fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 3 }),
      }),
      { maxLength: 3 },
    ),
    now: fc.constant(NOW),
  });

  it('never throws and names only a task it was given', () => {
    fc.assert(
      fc.property(inputArb, (given) => {
        const result = frontTask(given);
        const allowed = new Set<string | null>([
          null, given.manualTask, ...given.tabs.map((t) => t.taskKey ?? null), ...given.externalTasks.map((e) => e.taskKey),
          ...given.viewedStudies.map((v) => v.taskKey),
        ]);
        expect(allowed.has(result.task)).toBe(true);
        // Only the focused window's active tab ever lends time.
        if (result.tabId !== null) {
          expect(given.tabs.some((t) => t.id === result.tabId && t.active && t.windowId === given.focusedWindowId)).toBe(true);
        }
        if (result.reason === 'none') expect(result).toEqual({ task: null, platformPage: null, tabId: null, reason: 'none' });
        if (result.platformPage !== null) expect(result.task).toBeNull();
        // Only a started study, attached, within its maximum time, lends time through the fallback.
        if (result.reason === 'external-fallback') {
          const ext = given.externalTasks.find((e) => e.taskKey === result.task && e.started && !e.detached && (e.deadline === undefined || e.deadline > NOW));
          expect(ext).toBeDefined();
        }
      }),
    );
  });

  it('with no focused window and no manual timer, nothing is in front', () => {
    fc.assert(
      fc.property(inputArb, (given) => {
        expect(frontTask({ ...given, focusedWindowId: null, manualTask: null }).task).toBeNull();
      }),
    );
  });
});
