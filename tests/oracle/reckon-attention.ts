import { isOpen, type Front, type OState } from './reckon-state';
import type { Page } from './world';

/**
 * DESIGN.md → Time → Attention, read plainly: what lends its time right now. A running manual timer first;
 * otherwise, with the browser focused, the front tab: a task page is its own task, a platform page is platform
 * time, a study's tab stands for the study once started, a tab opened from a task's tab is that task's, and a
 * started study whose tab is gone may take an ordinary front tab. Browser pages lend nothing.
 */
export function front(s: OState): Front {
  // "While the worker pauses tracking, nothing accrues — no task, no platform time, no manual timer."
  if (s.paused) return null;
  if (s.manual?.running) return { task: s.manual.key, manual: true };
  if (!s.focused || s.active === null) return null;
  const tab = s.tabs.get(s.active);
  if (!tab || tab.page.kind === 'newtab') return null;
  const mine = own(s, s.active);
  if (mine) return mine;
  // Up the opener chain: the first tab that is a task's lends it; a platform page or a closed tab ends the chain.
  const seen = new Set([s.active]);
  for (let id = tab.opener; id !== undefined && !seen.has(id); ) {
    seen.add(id);
    const ancestor = s.tabs.get(id);
    if (!ancestor) break;
    const theirs = own(s, id);
    if (theirs) {
      if ('task' in theirs) return theirs;
      break;
    }
    id = ancestor.opener;
  }
  // "Only a started study, within its maximum time, whose tab can no longer be linked … may accrue in another
  // non-platform tab while the browser is focused."
  // Only the study started last: Prolific has one under way at a time, so one started before it is over there,
  // even if Centime holds it open (returned without its knowing).
  const current = s.currentStudy === null ? undefined : s.tasks.get(s.currentStudy);
  const orphan = current && current.platform === 'prolific' && !s.off.has('prolific') && current.status === 'open' && !s.tabs.has(s.studyTabs.get(current.key) ?? -1)
    ? current
    : undefined;
  return orphan ? { task: orphan.key, manual: false, fallback: true } : null;
}

/** What a tab's own page lends: its task, its platform, or nothing of its own (an ordinary page). */
function own(s: OState, id: number): Front {
  const page = s.tabs.get(id)!.page;
  // A platform switched off: its pages are ordinary browsing (ambiguity 30), its studies lend nothing (issue 15).
  const platform = platformOf(page);
  if (platform && s.off.has(platform)) return studyOfTab(s, id);
  switch (page.kind) {
    case 'mturk-task':
      // A task page of a task no longer open (expired while shown) is a platform page like any other.
      return isOpen(s, page.task) ? { task: page.task, manual: false } : { platform: 'mturk' };
    case 'mturk-list':
    case 'mturk-gone':
      return { platform: 'mturk' };
    case 'prolific-list':
    case 'prolific-complete':
      return { platform: 'prolific' };
    case 'prolific-study':
      // A study is a task only once started: a study page only looked at is platform time.
      return isOpen(s, page.task) && s.studyTabs.get(page.task) === id ? { task: page.task, manual: false } : { platform: 'prolific' };
    case 'web':
      return studyOfTab(s, id);
    case 'newtab':
      return null;
  }
}

/**
 * An ordinary page (a site, or a page of a platform switched off) in a started study's tab: the study's, as the
 * survey's tabs are. Only the study under way (the one started last) stands for its tab: one started before it is
 * over there.
 */
function studyOfTab(s: OState, id: number): Front {
  const study = s.off.has('prolific') ? undefined : [...s.studyTabs].find(([key, tab]) => tab === id && isOpen(s, key) && key === s.currentStudy);
  return study ? { task: study[0], manual: false } : null;
}

/** The platform whose page this is (its content script's), or null for ordinary and browser pages. */
export function platformOf(page: Page): string | null {
  return page.kind.startsWith('mturk-') ? 'mturk' : page.kind.startsWith('prolific-') ? 'prolific' : null;
}
