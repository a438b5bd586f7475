/**
 * Which task, if any, is in front right now (DESIGN.md → Definitions → Time → Attention). Pure: the background
 * passes in a snapshot of tabs, focus and the manual timer each time one of them changes. Idle is not decided
 * here: it only splits the front task's time into active and idle.
 */

export interface TabInfo {
  id: number;
  windowId: number;
  /** The tab's URL as the tabs API reports it ('' when unknown). */
  url: string;
  openerTabId?: number;
  /** True for the active tab of its window. */
  active: boolean;
  /** Set when the page in this tab is a task page (its task key, e.g. 'mturk:3ABC…'). */
  taskKey?: string;
  /** Set when the page is a platform page that is not a task (search, queue, dashboard): its platform id. */
  platformPage?: string;
}

export interface ExternalTask {
  /** A task done off-site (Prolific study, custom site marked external). */
  taskKey: string;
  /** The tab the study page is / was in, if known. */
  tabId?: number;
  /** Its work started (survey opened, or the platform shows it ACTIVE): only then may it lend elsewhere. */
  started?: boolean;
  /** Wall time its maximum time ends, when known: it never accrues in an unrelated tab after that. */
  deadline?: number;
  /** The worker said "not working on this": it never accrues in an unrelated tab again. */
  detached?: boolean;
  /**
   * Another study of its platform started since (one at a time there): its tab stands for it no more, and it never
   * accrues in an unrelated tab again (only its own page, in front, still counts for it).
   */
  superseded?: boolean;
}

/** A study page only looked at (not a task yet), in the tab that shows it now. */
export interface ViewedStudy {
  taskKey: string;
  tabId: number;
  /** Tabs already opened from that tab when the study was first seen there: they are not its survey. */
  openedBefore: readonly number[];
}

export interface AttentionInput {
  tabs: TabInfo[];
  /** The focused browser window, or null when no browser window has focus. */
  focusedWindowId: number | null;
  /** Task key of a running manual timer, or null. */
  manualTask: string | null;
  /** e.g. 'chrome-extension://abc/' or 'moz-extension://uuid/': Centime's own pages never lend time. */
  extensionOrigin: string;
  /** Open external tasks, most recently started first. */
  externalTasks: ExternalTask[];
  /** Studies only looked at, whose page is in a tab now: a tab opened from one starts it. */
  viewedStudies?: ViewedStudy[];
  /** Wall-clock now, for the external tasks' maximum time. */
  now: number;
}

/**
 * `opened-from-study`: the front tab was opened from a study page only looked at; that study starts now (the
 * background makes it a task). `external-fallback`: a started study whose tab is gone accrues here.
 */
export type AttentionReason =
  | 'manual' | 'task-tab' | 'opened-from-task' | 'opened-from-study' | 'external-fallback' | 'platform-page' | 'none';

/** Reasons that put a task's own tabs in front (its page, or a tab opened from it): activity in its tabs. */
export const OWN_TAB_REASONS: ReadonlySet<AttentionReason> = new Set(['task-tab', 'opened-from-task', 'opened-from-study']);

export interface Attention {
  /** The one front task, or null. */
  task: string | null;
  /** Platform id when the front tab is a non-task platform page (platform time), else null. */
  platformPage: string | null;
  /** The tab that lends its time (for the badge), or null. */
  tabId: number | null;
  reason: AttentionReason;
}

/**
 * Schemes of pages the browser or an extension draws itself: no worker does a task there. Not listed, so
 * ordinary content: `data:`, `blob:` and `file:` (a PDF or image a task opens), and '' (URL not known yet).
 */
const BROWSER_SCHEMES = new Set([
  'about:', 'chrome:', 'chrome-extension:', 'chrome-search:', 'chrome-untrusted:', 'chrome-native:', 'devtools:',
  'edge:', 'extension:', 'brave:', 'opera:', 'vivaldi:', 'view-source:', 'moz-extension:', 'resource:',
  'safari-web-extension:',
]);

/**
 * `about:blank` / `about:srcdoc` hold web content: window.open() from a task shows about:blank until the
 * survey loads, and some tasks document.write() into it. They are ordinary tabs; other about: pages are not.
 */
const ABOUT_CONTENT = /^about:(?:blank|srcdoc)(?:[?#]|$)/i;

/** True for Centime's own pages, any extension's pages and the browser's pages (settings, new tab, …). */
export function isBrowserOrExtensionPage(url: string, extensionOrigin: string): boolean {
  // An empty origin would make every URL "ours".
  if (extensionOrigin !== '' && url.startsWith(extensionOrigin)) return true;
  const colon = url.indexOf(':');
  if (colon < 0) return false;
  if (!BROWSER_SCHEMES.has(url.slice(0, colon + 1).toLowerCase())) return false;
  return !ABOUT_CONTENT.test(url);
}

/**
 * Whether an external task may accrue in an unrelated ordinary tab (DESIGN.md, Attention): only a started study,
 * within its maximum time, not detached by the worker nor ended by another study's start on its platform, whose tab
 * can no longer be linked (closed, or lost in a browser restart). A study only looked at never lends time anywhere.
 */
export function mayFallBack(ext: ExternalTask, openTabs: ReadonlySet<number>, now: number): boolean {
  if (!ext.started || ext.detached || ext.superseded || (ext.deadline !== undefined && now >= ext.deadline)) return false;
  return ext.tabId === undefined || !openTabs.has(ext.tabId);
}

const NOTHING: Attention = { task: null, platformPage: null, tabId: null, reason: 'none' };

/** What a tab's own page says, before looking at its openers. */
type Own = { task: string } | { platform: string } | null;

export function frontTask(input: AttentionInput): Attention {
  // A manual timer is the worker saying "this is what I'm doing": it wins over focus and automatic tasks.
  if (input.manualTask !== null) return { task: input.manualTask, platformPage: null, tabId: null, reason: 'manual' };
  if (input.focusedWindowId === null) return NOTHING;

  const byId = new Map<number, TabInfo>();
  for (const tab of input.tabs) if (!byId.has(tab.id)) byId.set(tab.id, tab);
  // Only one tab lends time: the active tab of the focused window. A task in a background tab or an unfocused
  // window accrues nothing, so two task tabs side by side never count twice.
  const front = input.tabs.find((tab) => tab.active && tab.windowId === input.focusedWindowId);
  if (!front || isBrowserOrExtensionPage(front.url, input.extensionOrigin)) return NOTHING;

  // The tab an external study runs in stands for it even after it leaves the study page (the survey often
  // loads in the same tab). The most recently started task wins a tab claimed twice. A study another's start ended
  // on its platform claims no tab: its tab, gone on to the next study, is not its own any more.
  const linked = new Map<number, string>();
  for (const ext of input.externalTasks) {
    if (ext.superseded) continue;
    if (ext.tabId !== undefined && byId.has(ext.tabId) && !linked.has(ext.tabId)) linked.set(ext.tabId, ext.taskKey);
  }
  // Empty keys are treated as unset: they name nothing the history could show.
  const own = (tab: TabInfo): Own => {
    if (tab.taskKey) return { task: tab.taskKey };
    if (tab.platformPage) return { platform: tab.platformPage };
    const ext = linked.get(tab.id);
    return ext ? { task: ext } : null;
  };
  const lends = (task: string | null, platformPage: string | null, reason: AttentionReason): Attention => ({
    task, platformPage, tabId: front.id, reason,
  });

  // A task page is its own task whatever opened it (a second HIT opened from the first is its own).
  const frontOwn = own(front);
  if (frontOwn) return 'task' in frontOwn ? lends(frontOwn.task, null, 'task-tab') : lends(null, frontOwn.platform, 'platform-page');

  // A study page only looked at is a platform page; a tab opened from it after it was seen there is its survey.
  const viewed = new Map<number, ViewedStudy>();
  for (const study of input.viewedStudies ?? []) if (!viewed.has(study.tabId)) viewed.set(study.tabId, study);

  // Surveys and their sub-pages open in new tabs: climb the opener chain to the task that started it. A
  // platform page (search, queue) passes nothing through, except a study only looked at to the survey it opens
  // and a started study's own tab to the tabs opened from it;
  // a closed ancestor ends the chain; `seen` stops cycles. A browser page in the middle (e.g. a new tab) does not
  // lend time itself, so it is climbed through.
  const seen = new Set<number>([front.id]);
  for (let child = front, id = front.openerTabId; id !== undefined && !seen.has(id); ) {
    seen.add(id);
    const ancestor = byId.get(id);
    if (!ancestor) break;
    const mine = own(ancestor);
    if (mine) {
      if ('task' in mine) return lends(mine.task, null, 'opened-from-task');
      const study = viewed.get(ancestor.id);
      if (study && !study.openedBefore.includes(child.id)) return lends(study.taskKey, null, 'opened-from-study');
      // A started study's tab, back on Prolific's list or another study's page while its survey runs in a tab
      // opened from it: it still stands for that study to its tabs (the study accrues in the tabs opened from it).
      const started = linked.get(ancestor.id);
      if (started) return lends(started, null, 'opened-from-task');
      break;
    }
    child = ancestor;
    id = ancestor.openerTabId;
  }

  // A started study whose tab is gone can't be traced: an ordinary front tab counts for it (the badge says so).
  const openTabs = new Set(byId.keys());
  const orphan = input.externalTasks.find((ext) => mayFallBack(ext, openTabs, input.now));
  return orphan ? lends(orphan.taskKey, null, 'external-fallback') : NOTHING;
}
