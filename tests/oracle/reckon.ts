import type { Figures } from './figures';
import { dayIn } from './plain';
import { front } from './reckon-attention';
import { figuresOf } from './reckon-figures';
import { close, maybeStart, newTask, readRow, seePage } from './reckon-outcomes';
import { initialState, type OState, type OTask } from './reckon-state';
import type { Action, World } from './world';

/**
 * The oracle: a second, deliberately plain reading of DESIGN.md's Definitions. It plays a world step by step,
 * letting time accrue between steps to whatever is in front, and writes down every figure at each popup
 * checkpoint. It shares no code with lib/ (types and nothing else).
 */
export interface Reckoning {
  /** The figures at each `popup` action, in order. */
  checkpoints: Figures[];
  final: Figures;
  /** Wall time accrued to tasks in front (active or idle), to active platform pages, to the manual timer. */
  accrued: { task: number; platform: number; manual: number };
}

export function reckon(world: World): Reckoning {
  const s = initialState(world);
  refresh(s);
  for (const step of world.steps) {
    until(s, step.at);
    for (const lane of step.lanes) {
      for (const action of lane) {
        apply(s, action);
        refresh(s);
      }
    }
  }
  return { checkpoints: s.checkpoints, final: figuresOf(s), accrued: { ...s.accrued } };
}

/** Time passes to `t`; open tasks whose deadline comes first expire there ("an alarms entry at the deadline"). */
function until(s: OState, t: number): void {
  for (;;) {
    let due: { task: OTask; at: number } | null = null;
    for (const task of s.tasks.values()) {
      const at = task.status === 'open' ? deadlineOf(s, task) : null;
      if (at !== null && at <= t && (!due || at < due.at)) due = { task, at };
    }
    if (!due) break;
    advance(s, Math.max(s.now, due.at));
    // "An expired task belongs to its deadline's day."
    close(s, due.task, 'expired', due.at);
    refresh(s);
  }
  advance(s, t);
}

/** Its deadline; for a study with no maximum time, 2 hours after its last active second, unless active now. */
function deadlineOf(s: OState, task: OTask): number | null {
  if (task.deadline !== null || task.quietMs === null) return task.deadline;
  const f = s.front;
  const active = f !== null && 'task' in f && f.task === task.key && (f.manual || !s.idle);
  return active ? null : (task.lastActive ?? task.firstSeen) + task.quietMs;
}

function advance(s: OState, t: number): void {
  const dt = t - s.now;
  const f = s.front;
  if (dt > 0 && f) {
    if ('task' in f) {
      const task = s.tasks.get(f.task)!;
      // A running manual timer accrues wall time whatever the idle state; a task in front is active or idle.
      if (f.manual || !s.idle) {
        task.activeMs += dt;
        task.lastActive = t;
      } else {
        task.idleMs += dt;
      }
      task.lastSecond = t;
      if (f.manual) s.accrued.manual += dt;
      else s.accrued.task += dt;
    } else if (!s.idle) {
      s.accrued.platform += dt;
    }
  }
  s.now = Math.max(s.now, t);
}

/** After every change: what is in front now, and the platform stretch that opens or closes with it. */
function refresh(s: OState): void {
  s.front = front(s);
  const platform = s.front && 'platform' in s.front && !s.idle ? s.front.platform : null;
  const open = s.openStretch;
  if (open && open.platform !== platform) {
    // Recorded when it ends, under the day it started (in the zone at that moment).
    if (s.now > open.start) s.stretches.push({ platform: open.platform, start: open.start, end: s.now, day: dayIn(s.zone, open.start) });
    s.openStretch = null;
  }
  if (platform && !s.openStretch) s.openStretch = { platform, start: s.now };
}

function apply(s: OState, a: Action): void {
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
