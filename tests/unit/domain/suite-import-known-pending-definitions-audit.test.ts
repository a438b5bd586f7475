/**
 * DESIGN.md, MTurk withdrawable: the last reading "plus the approvals of items known to be pending *after that
 * reading* — submitted after it, or still listed as pending by a platform page read after it — so they cannot
 * already be inside it". An MTurk Suite backup says only that a HIT of Pacific day D was Submitted: it may have been
 * submitted at 00:05 and approved at 03:00 that day. `suiteTasks` records it as known pending at D's *noon* Pacific
 * (`observedAt`), which the writer then takes as the moment it was last known pending (`knownUnpaidAt`): a dashboard
 * reading taken on D before noon, which may already hold the approval, gets it added a second time once a status
 * page shows it Approved. The safe moment is the start of D in Pacific time (the HIT cannot have been submitted, so
 * approved, before it): `observedAt` is `dayStart(hit.day, 'America/Los_Angeles')`.
 */
import { describe, expect, it } from 'vitest';
import { readHitTrackerBackup } from '../../../lib/data/mturk-suite';
import { suiteTasks } from '../../../lib/data/suite-import';
import { approvedAfterReading } from '../../../lib/domain/ledger';
import { dayStart } from '../../../lib/domain/summary';

const hit = { hit_id: 'HITQ', assignment_id: 'ASGQ', requester_id: 'R1', requester_name: 'Lab', reward: { amount_in_dollars: 1 }, state: 'Submitted', title: 'Quick', date: '20260715' };

describe('an imported pending HIT is known pending no later than the start of its Pacific day', () => {
  const [record] = suiteTasks(readHitTrackerBackup(JSON.stringify({ hits: [hit], days: [] })).tasks);

  it('claims no knowledge of it later than the first instant it can have been submitted', () => {
    expect(record?.observedAt).toBeLessThanOrEqual(dayStart('2026-07-15', 'America/Los_Angeles'));
  });

  it('so its later approval never adds to a reading taken on its day, which may hold it', () => {
    // 15 July 2026, 09:00 in California (PDT): a dashboard reading before noon.
    const reading = Date.parse('2026-07-15T09:00:00-07:00');
    const approval = { at: Date.parse('2026-07-20T10:00:00Z'), knownAt: record!.observedAt!, minor: 100, currency: 'USD' };
    expect(approvedAfterReading(approval, reading)).toBe(false);
    // A reading of the day before still gets it added: it was submitted after that one.
    expect(approvedAfterReading(approval, Date.parse('2026-07-14T20:00:00-07:00'))).toBe(true);
  });
});
