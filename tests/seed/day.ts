import type { TaskRecord } from '../../lib/storage/schemas';
import { MTURK_TIME_ZONE } from '../../lib/platforms/mturk-days';
import { dayNumber, HOUR, localDay, localTime, MIN, SEC, weekday } from './calendar';
import { manualTitle, mturkGroup, mturkId, mturkTitle, MTURK_REQUESTERS } from './catalog';
import { DayClock } from './clock';
import { mturkFate } from './fates';
import { streamOf, type Rng } from './prng';
import { CLICKWORKER, Session, type DayWork, type Site } from './session';
import { timeline } from './timeline';

/**
 * One day of the generated worker: whether they work, how many tasks, in which sessions. The density is fixed
 * (the same for every day, whatever the length of the history): 65–85 timed tasks a working day, 5 or 6 working
 * days a week, an hour or two of offline work now and then, and a few HITs done elsewhere that MTurk's status pages
 * show. Everything comes from the day's own random stream, so a day is the same in any history that holds it.
 */
export const TASKS_PER_WORKING_DAY = [65, 85] as const;

export interface DayPlan {
  day: string;
  timed: number;
  manual: number;
  untimed: number;
}

export const plannedTasks = (p: DayPlan) => p.timed + p.manual + p.untimed;

/** The day's counts: the first draws of its stream, cheap enough to walk years back through. */
export function planDay(seed: number, day: string): { plan: DayPlan; r: Rng } {
  const r = streamOf(seed, 'day', day);
  // Sundays off, and every other Saturday: 5.5 working days a week, in every stretch of weeks alike.
  const wd = weekday(day);
  const working = wd !== 0 && (wd !== 6 || Math.floor((dayNumber(day) + 4) / 7) % 2 === 0);
  const plan: DayPlan = {
    day,
    timed: working ? r.int(...TASKS_PER_WORKING_DAY) : 0,
    manual: working && r.chance(0.1) ? 1 : 0,
    untimed: working && r.chance(0.15) ? r.int(1, 4) : 0,
  };
  return { plan, r };
}

/** Morning, afternoon and evening: where sessions may start (local minutes after midnight), and how often. */
const SLOTS = [[450, 630, 0.7], [780, 960, 0.8], [1_140, 1_290, 0.6]] as const;

/** The whole day's work (tasks as they went, platform time, visits), whatever the date of generation. */
export function buildDay(seed: number, day: string, timeZone: string): DayWork {
  const { plan, r } = planDay(seed, day);
  const out: DayWork = { drafts: [], stretches: [], visits: [] };
  if (plan.timed === 0) return out;
  const slots = SLOTS.map(([from, to, p]) => ({ start: localTime(day, r.int(from, to), timeZone), used: r.chance(p) }));
  const clock = new DayClock(streamOf(seed, 'clock', day), dayNumber(day) * 1000, slots.map((s) => s.start), slots[2]!.start + 16 * HOUR);
  let left = plan.timed;
  let t = 0;
  // Sessions of 1 to 4 hours in the slots the worker uses that day, then later ones until the day's tasks are done.
  for (let i = 0; left > 0; i++) {
    const slot = slots[i];
    if (slot && !slot.used && slots.slice(i + 1).some((s) => s.used)) continue;
    const session = new Session(clock, r, out, slot ? Math.max(slot.start, t + 20 * MIN) : t + r.int(20 * MIN, 60 * MIN));
    const until = session.t + r.int(60, 240) * MIN;
    const main = r.weighted<Site>([['mturk', 55], ['prolific', 33], [CLICKWORKER, 12]]);
    // A last few tasks are done in the same session rather than in one of their own.
    while (left > 0 && (session.t < until || left < 12)) {
      const site = r.chance(0.75) ? main : r.weighted<Site>([['mturk', 5], ['prolific', 4], [CLICKWORKER, 1]]);
      left -= session.next(site, left);
      // A short break now and then, under the 15 minutes that would end the session.
      if (r.chance(0.04)) session.t += r.int(MIN, 12 * MIN);
    }
    t = session.t;
  }
  if (plan.manual) manualWork(clock, r, out, t + r.int(15 * MIN, 90 * MIN));
  for (let i = 0; i < plan.untimed; i++) untimedHit(r, out, day, timeZone, t + r.int(5 * MIN, 3 * HOUR));
  clock.number();
  return out;
}

/** The manual timer: started, maybe paused a while, stopped with the reward typed in (or none). */
function manualWork(clock: DayClock, r: Rng, out: DayWork, start: number): void {
  const work = r.spread(20 * MIN, 50 * MIN, 2 * HOUR);
  // It counts whatever the focus or idle state: its events are front / not-front on start, pause, resume and stop.
  const tl = timeline(clock, r, { start, workMs: work, idleChance: 0, awayChance: 0.3, ending: 'submitted' });
  const record: TaskRecord = {
    v: 2, platform: 'manual', taskId: `m${start}`, title: manualTitle(r), requesterName: '', firstSeenAt: start, updatedAt: tl.end,
    reward: r.chance(0.5) ? { minor: r.int(5, 60) * 100, currency: 'USD' } : null,
    status: 'submitted', endedAt: tl.end, external: false, events: tl.events, activeMs: 0, idleMs: 0,
  };
  out.drafts.push({ record, fate: { kind: 'none' }, knownFrom: start });
}

/** A HIT done on another computer that day, first seen in MTurk's status page at `seenAt`: untimed, dated by MTurk's day. */
function untimedHit(r: Rng, out: DayWork, day: string, timeZone: string, seenAt: number): void {
  const req = r.int(0, MTURK_REQUESTERS.length - 1);
  const { title, template } = mturkTitle(r);
  const done = localTime(day, r.int(600, 1_020), timeZone);
  const mturkDay = localDay(done, MTURK_TIME_ZONE);
  const record: TaskRecord = {
    v: 2, platform: 'mturk', taskId: mturkId(r), hitId: mturkId(r), groupId: mturkGroup(req, template), requesterId: MTURK_REQUESTERS[req]!.id,
    title, requesterName: MTURK_REQUESTERS[req]!.name, reward: { minor: r.int(5, 250), currency: 'USD' },
    // The status page gives MTurk's date only: noon Pacific stands for its instant (`mturkSync.dayInstant`).
    status: 'submitted', endedAt: Date.parse(`${mturkDay}T12:00:00-08:00`), day: mturkDay, untimed: true,
    firstSeenAt: Math.max(seenAt, done + SEC), updatedAt: Math.max(seenAt, done + SEC), observedAt: Math.max(seenAt, done + SEC),
    external: false, events: [], activeMs: 0, idleMs: 0,
  };
  out.drafts.push({ record, fate: mturkFate(r, done), knownFrom: record.firstSeenAt });
}
