import { dayIn } from './plain';
import { figuresOf } from './reckon-figures';
import { awayFromStudies, close, maybeStart, newTask, readRow, seePage } from './reckon-outcomes';
import { platformOf } from './reckon-attention';
import type { OState } from './reckon-state';
import type { Action, Page } from './world';

/** One action of a world, as the oracle reads it: what changes in what Centime can know. */
export function apply(s: OState, a: Action): void {
  // A switched-off platform's content scripts are refused by the background: its pages are never read.
  const read = (tab: number, page: Page) => {
    const platform = platformOf(page);
    if (!platform || !s.off.has(platform)) seePage(s, tab, page);
  };
  // Its studies do not start either (their pages are ordinary browsing).
  const start = (tab: number, page: Page, opener: number | undefined) => {
    if (!s.off.has('prolific')) maybeStart(s, tab, page, opener);
  };
  switch (a.kind) {
    case 'open':
      s.tabs.set(a.tab, a.opener === undefined ? { page: a.page } : { page: a.page, opener: a.opener });
      if (!a.background) s.active = a.tab;
      read(a.tab, a.page);
      awayFromStudies(s);
      start(a.tab, a.page, a.opener);
      return;
    case 'go':
      s.tabs.get(a.tab)!.page = a.page;
      read(a.tab, a.page);
      awayFromStudies(s);
      // A tab opened from a study's tab that goes on to an ordinary site is its survey too (the background sees
      // the tab and its opener, not what it first showed).
      start(a.tab, a.page, s.tabs.get(a.tab)!.opener);
      return;
    case 'switch':
      s.active = a.tab;
      return;
    case 'close':
      s.tabs.delete(a.tab);
      s.claims.delete(a.tab);
      if (s.active === a.tab) s.active = a.then ?? null;
      return;
    case 'focus':
      s.focused = a.focused;
      return;
    case 'idle':
      s.idle = a.idle;
      return;
    case 'claim': {
      const page = s.tabs.get(a.tab)!.page;
      if (s.off.has('mturk')) return;
      if (page.kind === 'mturk-task') s.claims.set(a.tab, { key: page.task, outcome: a.outcome, at: s.now });
      return;
    }
    case 'rows':
      if (s.off.has(a.platform)) return;
      for (const row of a.rows) readRow(s, a.platform, row);
      return;
    case 'dashboard': {
      if (s.off.has('mturk')) return;
      // "The first dashboard reading is a baseline, never income; later rises of the lifetime Bonuses total are
      // bonus income", dated when seen.
      const previous = s.readings.filter((r) => r.bonuses && r.bonuses.currency === a.bonuses?.currency).at(-1);
      if (a.bonuses && previous?.bonuses && a.bonuses.minor > previous.bonuses.minor) {
        const money = { minor: a.bonuses.minor - previous.bonuses.minor, currency: a.bonuses.currency };
        s.bonusIncome.push({ platform: 'mturk', at: s.now, day: dayIn(s.zone, s.now), money });
      }
      s.readings.push({ at: s.now, available: a.available, ...(a.bonuses ? { bonuses: a.bonuses } : {}) });
      for (const row of a.rows) readRow(s, 'mturk', row);
      return;
    }
    case 'earnings':
      if (s.off.has('mturk')) return;
      s.transferReadings.push({ at: s.now, transfers: a.transfers });
      return;
    case 'cash-out':
      s.cashOuts.push({ at: s.now, currency: a.currency });
      return;
    case 'manual-start': {
      if (s.manual) return;
      let n = s.now;
      while (s.tasks.has(`manual:m${n}`)) n++;
      newTask(s, `manual:m${n}`, { platform: 'manual', reward: null });
      s.manual = { key: `manual:m${n}`, running: true };
      return;
    }
    case 'manual-pause':
    case 'manual-resume':
      if (s.manual) s.manual.running = a.kind === 'manual-resume';
      return;
    case 'manual-stop': {
      if (!s.manual) return;
      const task = s.tasks.get(s.manual.key)!;
      task.reward = a.reward;
      close(s, task, 'submitted', s.now);
      s.manual = null;
      return;
    }
    case 'zone':
      s.zone = a.zone;
      return;
    case 'pause':
      s.paused = a.paused;
      return;
    case 'platform':
      if (a.on) s.off.delete(a.platform);
      else s.off.add(a.platform);
      // Switched on again, the background decides anew over the tabs as they are: a survey tab opened from a
      // study's tab meanwhile starts that study now (attention sees tabs and openers, not when they opened).
      // Switched off, its pages are ordinary sites from now on: one opened from a study's tab is that study's survey.
      if (!s.off.has('prolific')) for (const [id, tab] of s.tabs) maybeStart(s, id, tab.page, tab.opener);
      return;
    case 'edit': {
      // Only a task Centime knows and has closed can be corrected; each edit is dated, never before an earlier one.
      const task = s.tasks.get(a.task);
      if (!task || task.status === 'open') return;
      task.edits.push({ ...a.change, at: Math.max(s.now, ...task.edits.map((e) => e.at)) });
      return;
    }
    case 'add': {
      const t = a.task;
      newTask(s, a.ref, {
        platform: t.platform, requesterId: null, status: t.outcome, reward: t.reward, day: t.day, date: t.day, addedByHand: true,
        untimed: t.activeMs === undefined, handActiveMs: t.activeMs ?? null,
      });
      return;
    }
    case 'popup':
      s.checkpoints.push(figuresOf(s));
      return;
    case 'archive':
      // Where a settled task is stored changes (many to a record), never what it is: no figure moves.
      return;
    case 'reimport':
      // Importing a backup of this very history adds nothing (issue 17, item 2): no figure moves.
      return;
    case 'restart':
      // A service worker stopped and started again: Centime's figures come from stored timestamps, so none moves.
      return;
  }
}
