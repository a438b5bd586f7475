import type { Figures } from './figures';
import { dayIn } from './plain';
import { front } from './reckon-attention';
import { apply } from './reckon-apply';
import { figuresOf } from './reckon-figures';
import { close } from './reckon-outcomes';
import { initialState, type Front, type OState, type OTask } from './reckon-state';
import type { World } from './world';

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
  let late = false;
  for (;;) {
    let due: { task: OTask; at: number } | null = null;
    for (const task of s.tasks.values()) {
      const at = task.status === 'open' ? deadlineOf(s, task) : null;
      if (at !== null && at <= t && (!due || at < due.at)) due = { task, at };
    }
    if (!due) break;
    advance(s, Math.max(s.now, due.at));
    // "An expired task belongs to its deadline's day."
    const wasFront = s.front && 'task' in s.front && s.front.task === due.task.key;
    close(s, due.task, 'expired', due.at);
    // An alarm that fires late: nothing is decided anew until it fires (at `t`, the next event). Until then the
    // expired task's own page in front is platform time (ambiguity 6) and any other tab lends nothing; another late
    // alarm due meanwhile changes nothing either.
    refresh(s, late ? s.front : s.world.alarms === 'late' && wasFront ? lateGap(s, due.task) : undefined);
    late ||= s.world.alarms === 'late' && Boolean(wasFront);
  }
  advance(s, t);
  // The late alarm fires now, before the step's actions: what is in front is decided anew from here.
  if (late) refresh(s);
}

/** What is in front between a late alarm's deadline and its firing: the expired task's own page, if shown. */
function lateGap(s: OState, task: OTask): Front {
  const tab = s.active === null ? undefined : s.tabs.get(s.active);
  const page = tab?.page;
  const shows = page !== undefined && (page.kind === 'mturk-task' || page.kind === 'prolific-study') && page.task === task.key;
  if (s.paused || s.off.has(task.platform)) return null;
  return shows && s.focused ? { platform: task.platform } : null;
}

/** Its deadline; for a study with no maximum time, 2 hours after its last active second, unless active now. */
function deadlineOf(s: OState, task: OTask): number | null {
  if (task.deadline !== null || task.quietMs === null) return task.deadline;
  const f = s.front;
  const active = f !== null && 'task' in f && f.task === task.key && !f.fallback && (f.manual || !s.idle);
  return active ? null : (task.lastActive ?? task.firstSeen) + task.quietMs;
}

function advance(s: OState, t: number): void {
  const dt = t - s.now;
  const f = s.front;
  if (dt > 0 && f) {
    if ('task' in f) {
      const task = s.tasks.get(f.task)!;
      // A running manual timer accrues wall time whatever the idle state; a task in front is active or idle.
      const active = f.manual || !s.idle;
      if (active) {
        task.activeMs += dt;
        // "no activity in its tabs": time lent by an unrelated tab is not activity in the study's own tabs.
        if (!f.fallback) task.lastActive = t;
      } else {
        task.idleMs += dt;
      }
      // Its time in front as stretches (work sessions): time in front straight after time in front continues one.
      const last = task.stretches.at(-1);
      const stretch = last?.end === s.now ? last : { start: s.now, end: s.now, activeMs: 0, idleMs: 0 };
      if (stretch !== last) task.stretches.push(stretch);
      stretch.end = t;
      if (active) stretch.activeMs += dt;
      else stretch.idleMs += dt;
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
function refresh(s: OState, decided?: Front): void {
  s.front = decided === undefined ? front(s) : decided;
  // In front, even for an instant: its last recorded second is at least now (the background records the event).
  if (s.front && 'task' in s.front) {
    const task = s.tasks.get(s.front.task);
    if (task) task.lastSecond = Math.max(task.lastSecond ?? s.now, s.now);
    // Active in its own tabs, even for an instant: activity now (ambiguity 8).
    if (task && !s.front.fallback && (s.front.manual || !s.idle)) task.lastActive = Math.max(task.lastActive ?? s.now, s.now);
  }
  const platform = s.front && 'platform' in s.front && !s.idle ? s.front.platform : null;
  const open = s.openStretch;
  if (open && open.platform !== platform) {
    // Recorded when it ends, under the day it started (in the zone at that moment).
    if (s.now > open.start) s.stretches.push({ platform: open.platform, start: open.start, end: s.now, day: dayIn(s.zone, open.start) });
    s.openStretch = null;
  }
  if (platform && !s.openStretch) s.openStretch = { platform, start: s.now };
}
