import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBackup, writeBackup } from '../../../lib/data/backup';
import { planImport, type Existing } from '../../../lib/data/merge';
import { readHitTrackerBackup } from '../../../lib/data/mturk-suite';
import { suiteTasks } from '../../../lib/data/suite-import';

/**
 * Every HIT that readHitTrackerBackup accepts must be a record the rest of Centime accepts too: the backup's own
 * validation (the stored task kind, the bounds on text, no future date) reads it back unchanged, so that an import
 * never shows "N tasks to add" and then drops some.
 */
const NOW = Date.UTC(2026, 10, 30, 12);
const empty = (): Existing => ({ tasks: new Map(), approvals: new Set(), readingTimes: new Set(), stretchKeys: new Set(), bonusKeys: new Set(), transfers: new Map() });
const id = fc.stringMatching(/^[A-Z0-9]{1,40}$/);

describe('MTurk Suite HITs as Centime records, adversarial', () => {
  it('are read back as they are by the backup’s own validation (property)', () => {
    const hit = fc.record({
      hit_id: id, assignment_id: fc.option(id, { nil: undefined }), requester_id: fc.option(fc.oneof(id, fc.string()), { nil: undefined }),
      requester_name: fc.string({ maxLength: 220 }), title: fc.string({ maxLength: 520 }),
      reward: fc.record({ amount_in_dollars: fc.integer({ min: 0, max: 100_000 }).map((c) => c / 100) }),
      state: fc.constantFrom('Submitted', 'Pending', 'Approved', 'Paid', 'Rejected', 'Returned', 'Abandoned', 'Assigned'),
      date: fc.date({ min: new Date(Date.UTC(2005, 0, 1)), max: new Date(NOW), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10).replace(/-/g, '')),
    }, { requiredKeys: ['hit_id', 'reward', 'state', 'date'] });
    fc.assert(
      fc.property(fc.array(hit, { maxLength: 8 }), (hits) => {
        const { tasks } = readHitTrackerBackup(JSON.stringify({ hits, days: [] }), NOW);
        const records = suiteTasks(tasks);
        const read = readBackup(writeBackup({ exportedAt: NOW, tasks: records, stretches: [], bonuses: [], readings: [], approvals: [], transfers: [], legacyDelays: [], settings: null, customRules: [] }), NOW);
        expect(read.problems).toEqual([]);
        expect(read.backup?.tasks).toEqual(records);
      }),
      { numRuns: 300 },
    );
  });

  it('adds a HIT listed twice in one file (two backups pasted together) once', () => {
    const hit = { hit_id: 'HIT1', assignment_id: 'ASG1', requester_name: 'Lab', reward: { amount_in_dollars: 0.5 }, state: 'Submitted', title: 'Survey', date: '20261101' };
    const { tasks } = readHitTrackerBackup(JSON.stringify({ hits: [hit, { ...hit, state: 'Approved' }], days: [] }), NOW);
    const plan = planImport(empty(), { tasks: suiteTasks(tasks), stretches: [], bonuses: [], readings: [], approvals: [], transfers: [] });
    expect(plan.tasks).toHaveLength(1);
    // The platform's most advanced state wins (DESIGN.md: the platform is the authority on outcomes).
    expect(plan.tasks[0]?.status).toBe('approved');
  });
});
