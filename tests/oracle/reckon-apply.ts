import { dayIn } from './plain';
import { figuresOf } from './reckon-figures';
import { close, maybeStart, newTask, readRow, seePage } from './reckon-outcomes';
import type { OState } from './reckon-state';
import type { Action } from './world';

/** One action of a world, as the oracle reads it: what changes in what Centime can know. */
export function apply(s: OState, a: Action): void {
  switch (a.kind) {
    case 'open':
      s.tabs.set(a.tab, a.opener === undefined ? { page: a.page } : { page: a.page, opener: a.opener });
      if (!a.background) s.active = a.tab;
      seePage(s, a.tab, a.page);
      maybeStart(s, a.page, a.opener);
      return;
    case 'go':
      s.tabs.get(a.tab)!.page = a.page;
      seePage(s, a.tab, a.page);
      // A tab opened from a study's tab that goes on to an ordinary site is its survey too (the background sees
      // the tab and its opener, not what it first showed).
      maybeStart(s, a.page, s.tabs.get(a.tab)!.opener);
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
      if (page.kind === 'mturk-task') s.claims.set(a.tab, { key: page.task, outcome: a.outcome, at: s.now });
      return;
    }
    case 'rows':
      for (const row of a.rows) readRow(s, a.platform, row);
      return;
    case 'dashboard': {
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
    case 'popup':
      s.checkpoints.push(figuresOf(s));
      return;
  }
}
