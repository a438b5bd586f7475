// The background runs in a service worker: no DOM, no `Location` (a DOM-only API once slipped in here).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TaskWriter } from '../../../lib/background/task-writer';
import { localDay, recompute } from '../../../lib/domain/summary';
import type { Stamp, TimerEvent } from '../../../lib/domain/task-timer';
import { allAggregates, allStretches, allTasks, clearHistory } from '../../../lib/storage/history-db';
import { allBonuses } from '../../../lib/storage/ledger-db';
import type { TaskRecord } from '../../../lib/storage/schemas';

const TZ = 'America/Los_Angeles';
const START = Date.UTC(2026, 10, 1, 6, 0, 0);
const stamp = (wall: number): Stamp => ({ wall, mono: wall, origin: 0 });

type Op =
  | { kind: 'seen'; task: number; platform: 'mturk' | 'prolific'; minor: number; currency: 'USD' | 'GBP' }
  | { kind: 'events'; task: number; types: TimerEvent['type'][] }
  | { kind: 'outcome'; task: number; outcome: 'submitted' | 'returned' | 'expired' }
  | { kind: 'review'; task: number; status: 'approved' | 'rejected' }
  | { kind: 'correct'; task: number; minor: number }
  | { kind: 'bonus'; task: number; minor: number; currency: 'USD' | 'GBP' }
  | { kind: 'stretch'; platform: 'mturk' | 'prolific'; ms: number }
  | { kind: 'reading'; bonuses: number }
  | { kind: 'untimed'; task: number; minor: number; currency: 'USD' | 'GBP'; status: 'submitted' | 'approved' }
  | { kind: 'wait'; ms: number };

const task = fc.nat(5);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('seen' as const), task, platform: fc.constantFrom('mturk' as const, 'prolific' as const), minor: fc.nat(2_000), currency: fc.constantFrom('USD' as const, 'GBP' as const) }),
  fc.record({ kind: fc.constant('events' as const), task, types: fc.array(fc.constantFrom<TimerEvent['type']>('front', 'not-front', 'idle', 'active', 'crash'), { maxLength: 4 }) }),
  fc.record({ kind: fc.constant('outcome' as const), task, outcome: fc.constantFrom('submitted' as const, 'returned' as const, 'expired' as const) }),
  fc.record({ kind: fc.constant('review' as const), task, status: fc.constantFrom('approved' as const, 'rejected' as const) }),
  fc.record({ kind: fc.constant('correct' as const), task, minor: fc.nat(5_000) }),
  // A bonus tied to a task, possibly in another currency than its reward.
  fc.record({ kind: fc.constant('bonus' as const), task, minor: fc.integer({ min: 1, max: 900 }), currency: fc.constantFrom('USD' as const, 'GBP' as const) }),
  fc.record({ kind: fc.constant('stretch' as const), platform: fc.constantFrom('mturk' as const, 'prolific' as const), ms: fc.nat(600_000) }),
  // Dashboard readings whose lifetime Bonuses total may rise (bonus income), stay or even fall (a correction).
  fc.record({ kind: fc.constant('reading' as const), bonuses: fc.nat(3_000) }),
  // A status row Centime never timed: an untimed record, in money but in no rate.
  fc.record({ kind: fc.constant('untimed' as const), task, minor: fc.nat(2_000), currency: fc.constantFrom('USD' as const, 'GBP' as const), status: fc.constantFrom('submitted' as const, 'approved' as const) }),
  // Up to a day and a half, so that tasks and late approvals cross local midnights.
  fc.record({ kind: fc.constant('wait' as const), ms: fc.nat(36 * 3_600_000) }),
);

describe('daily aggregates', () => {
  it('kept incrementally equal a full recompute, for any sequence of events, outcomes, late approvals, corrections, untimed rows and bonus readings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 40 }), async (ops) => {
        await clearHistory();
        const writer = new TaskWriter(() => TZ);
        let wall = START;
        let n = 0;
        const key = (i: number) => `mturk:T${i}`;
        for (const o of ops) {
          switch (o.kind) {
            case 'wait':
              wall += o.ms;
              break;
            case 'seen':
              await writer.update(key(o.task), (old): TaskRecord => old ?? {
                v: 2, platform: 'mturk', taskId: `T${o.task}`, title: 't', requesterName: 'r',
                reward: { minor: o.minor, currency: o.currency }, firstSeenAt: wall, updatedAt: wall,
                status: 'open', external: false, events: [], activeMs: 0, idleMs: 0,
              }, wall);
              break;
            case 'events':
              wall += 1_000;
              await writer.append(key(o.task), o.types.map((type) => ({ boot: 1, n: ++n, type, at: stamp((wall += 7_000)) })), wall);
              break;
            case 'outcome':
              await writer.update(key(o.task), (old) => old?.status === 'open'
                ? { ...old, status: o.outcome, endedAt: wall, events: [...old.events, { boot: 1, n: ++n, type: 'outcome', outcome: o.outcome, at: stamp(wall) }] }
                : null, wall);
              break;
            case 'review':
              await writer.update(key(o.task), (old) => (old && old.status !== 'open' ? { ...old, status: o.status } : null), wall);
              break;
            case 'correct':
              await writer.update(key(o.task), (old) => (old && old.reward ? { ...old, reward: { ...old.reward, minor: o.minor } } : null), wall);
              break;
            case 'bonus':
              await writer.update(key(o.task), (old) => (old ? { ...old, bonus: { minor: o.minor, currency: o.currency } } : null), wall);
              break;
            case 'reading':
              await writer.addReading('mturk', { at: wall, available: { minor: 0, currency: 'USD' }, bonuses: { minor: o.bonuses, currency: 'USD' } });
              break;
            case 'untimed':
              await writer.update(`mturk:U${o.task}`, (old): TaskRecord => ({
                v: 2, platform: 'mturk', taskId: `U${o.task}`, title: 't', requesterName: 'r', reward: { minor: o.minor, currency: o.currency },
                firstSeenAt: old?.firstSeenAt ?? wall, updatedAt: wall, status: o.status, endedAt: wall, external: false, events: [],
                activeMs: 0, idleMs: 0, untimed: true, day: localDay(wall, TZ),
              }), wall);
              break;
            case 'stretch':
              await writer.addStretch(o.platform, stamp(wall), stamp(wall + o.ms), o.ms);
              wall += o.ms;
              break;
          }
        }
        const aggregates = await allAggregates();
        const tasks = await allTasks();
        const stretches = await allStretches();
        expect(aggregates).toEqual(recompute(tasks, stretches, TZ, await allBonuses()));
        // The four parts never overlap and add up: every recorded second of a finished task is paid active,
        // unpaid active or idle, exactly once; platform time is the stretches'; open tasks are in none yet.
        const sum = (pick: (t: (typeof aggregates)[string]) => number) =>
          Object.values(aggregates).reduce((total, t) => total + pick(t), 0);
        const finished = tasks.filter((t) => t.status !== 'open');
        expect(sum((t) => t.paidActiveMs + t.unpaidActiveMs + t.idleMs)).toBe(
          finished.reduce((total, t) => total + t.activeMs + t.idleMs, 0),
        );
        expect(sum((t) => t.paidActiveMs)).toBe(
          finished.filter((t) => t.status === 'submitted' || t.status === 'approved').reduce((total, t) => total + t.activeMs, 0),
        );
        expect(sum((t) => t.platformMs)).toBe(stretches.reduce((total, s) => total + s.ms, 0));
        // Per currency, the rates' time and money are those of the timed paid tasks paid in that currency: a
        // task's time once per currency it was paid in, untimed records never.
        const timedPaid = finished.filter((t) => (t.status === 'submitted' || t.status === 'approved') && !t.untimed);
        for (const currency of ['USD', 'GBP']) {
          const paidIn = timedPaid.filter((t) => t.reward?.currency === currency || t.bonus?.currency === currency);
          const money = (t: TaskRecord) => [t.reward, t.bonus].reduce((total, m) => total + (m?.currency === currency ? m.minor : 0), 0);
          expect(sum((t) => t.timedPaidMs?.[currency] ?? 0)).toBe(paidIn.reduce((total, t) => total + t.activeMs, 0));
          expect(sum((t) => t.timedEarned?.[currency] ?? 0)).toBe(paidIn.reduce((total, t) => total + money(t), 0));
        }
      }),
      { numRuns: 60 },
    );
  });
});
