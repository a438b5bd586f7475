import type { Money } from '../../lib/domain/money';
import type { Action, Page, TaskSpec, World, WorldSettings } from './world';

/** Writing worlds by hand (unit tests) or from a generator's choices: tasks, then actions at instants. */

export const usd = (minor: number): Money => ({ minor, currency: 'USD' });
export const gbp = (minor: number): Money => ({ minor, currency: 'GBP' });

export const DEFAULT_WORLD_SETTINGS: WorldSettings = {
  minRates: { USD: 725, GBP: 600 },
  targetRates: { USD: 1000, GBP: 900 },
  displayCurrency: 'USD',
  exchangeRates: [],
  payoutThresholds: { mturk: [], prolific: [gbp(600), usd(600)] },
};

export function hit(n: number, reward: Money, opts: { allottedSec?: number; acceptedAt: number; requester?: number }): TaskSpec {
  const id = `A${String(n).padStart(4, '0')}`;
  const requester = opts.requester ?? 1;
  return {
    key: `mturk:${id}`, platform: 'mturk', id, hitId: `H${id}`, groupId: `G${requester}X`, title: `HIT ${n}`,
    requesterName: `Lab ${requester}`, requesterId: `AREQ${requester}`, reward, allottedSec: opts.allottedSec ?? 1800,
    acceptedAt: opts.acceptedAt,
  };
}

export function study(n: number, reward: Money, allottedSec = 3600): TaskSpec {
  const id = `5f${String(n).padStart(22, '0')}`;
  return {
    key: `prolific:${id}`, platform: 'prolific', id, hitId: id, groupId: id, title: `Study ${n}`, requesterName: 'Lab',
    reward, allottedSec,
  };
}

export class Script {
  readonly world: World;

  constructor(start: number, zone: string, settings: WorldSettings = DEFAULT_WORLD_SETTINGS, alarms: World['alarms'] = 'on-time') {
    this.world = { zone, alarms, start, settings, tasks: {}, steps: [] };
  }

  add(...specs: TaskSpec[]): this {
    for (const spec of specs) this.world.tasks[spec.key] = spec;
    return this;
  }

  /** Actions at `at` (absolute ms), one after another. */
  at(at: number, ...actions: Action[]): this {
    return this.lanes(at, actions);
  }

  /** Lanes at the same instant: run at the same time by the driver. */
  lanes(at: number, ...lanes: Action[][]): this {
    const last = this.world.steps.at(-1);
    if (last && at < last.at) throw new Error(`steps go forward in time (${at} < ${last.at})`);
    this.world.steps.push({ at, lanes });
    return this;
  }

  /** The time of the last step. */
  get now(): number {
    return this.world.steps.at(-1)?.at ?? this.world.start;
  }
}

/** The pages a tab can show, by name. */
export const page = {
  task: (spec: TaskSpec, alert?: 'submitted'): Page => (alert ? { kind: 'mturk-task', task: spec.key, alert } : { kind: 'mturk-task', task: spec.key }),
  list: (alert?: 'submitted'): Page => (alert ? { kind: 'mturk-list', alert } : { kind: 'mturk-list' }),
  gone: (spec: TaskSpec): Page => ({ kind: 'mturk-gone', task: spec.key }),
  studies: (): Page => ({ kind: 'prolific-list' }),
  study: (spec: TaskSpec): Page => ({ kind: 'prolific-study', task: spec.key }),
  complete: (): Page => ({ kind: 'prolific-complete' }),
  web: (site = 1): Page => ({ kind: 'web', site }),
  newtab: (): Page => ({ kind: 'newtab' }),
};
