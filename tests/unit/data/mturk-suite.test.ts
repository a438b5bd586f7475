import { describe, expect, it } from 'vitest';
import { backupDay, readHitTrackerBackup } from '../../../lib/data/mturk-suite';

/** A HIT as MTurk Suite's HIT Tracker writes it (DESIGN.md "Platforms"). */
const hit = (over: Record<string, unknown> = {}) => ({
  hit_id: '3ABCDEFGHIJKLMNOPQRSTUVWXYZ0',
  requester_id: 'A1REQUESTER23',
  requester_name: 'Acme Research',
  reward: { amount_in_dollars: 0.5, currency_code: 'USD' },
  state: 'Submitted',
  title: 'Short survey about shopping',
  date: '20240315',
  source: 'mturk',
  ...over,
});
const backup = (hits: unknown[]) => JSON.stringify({ hits, days: [] });

describe('readHitTrackerBackup (DESIGN.md contract)', () => {
  it('reads a HIT as an untimed MTurk record dated by the backup day, keyed by its assignment id', () => {
    const { tasks, problems } = readHitTrackerBackup(backup([hit({ assignment_id: '3ASSIGNMENT9' })]));
    expect(problems).toEqual([]);
    expect(tasks).toEqual([{
      platform: 'mturk', taskId: '3ASSIGNMENT9', hitId: '3ABCDEFGHIJKLMNOPQRSTUVWXYZ0', title: 'Short survey about shopping',
      requesterName: 'Acme Research', requesterId: 'A1REQUESTER23', reward: { minor: 50, currency: 'USD' },
      status: 'submitted', day: '2024-03-15', untimed: true,
    }]);
  });

  it('keys a HIT without an assignment id by its HIT id', () => {
    const { tasks } = readHitTrackerBackup(backup([hit()]));
    expect(tasks[0]?.taskId).toBe('3ABCDEFGHIJKLMNOPQRSTUVWXYZ0');
  });

  it('maps every state: Approved and Paid are approved, Abandoned expired, Assigned is a problem', () => {
    const states = ['Submitted', 'Approved', 'Paid', 'Rejected', 'Returned', 'Abandoned', 'Assigned'];
    const { tasks, problems } = readHitTrackerBackup(backup(states.map((state, i) => hit({ state, hit_id: `HIT${i}` }))));
    expect(tasks.map((t) => t.status)).toEqual(['submitted', 'approved', 'approved', 'rejected', 'returned', 'expired']);
    expect(problems).toEqual([{ index: 6, reason: 'still Assigned: never finished' }]);
  });

  it('reads rewards in integer cents, also as a bare number, never through floats summed', () => {
    const { tasks } = readHitTrackerBackup(backup([hit({ reward: { amount_in_dollars: 0.07 } }), hit({ reward: 1.1 }), hit({ reward: '12.34' })]));
    expect(tasks.map((t) => t.reward.minor)).toEqual([7, 110, 1234]);
  });

  it('lists each bad HIT with its position and reason, and keeps the good ones', () => {
    const { tasks, problems } = readHitTrackerBackup(backup([
      hit(), hit({ hit_id: undefined }), hit({ reward: { amount_in_dollars: -1 } }), hit({ date: '20240230' }),
      'nonsense', hit({ state: 'Unknownish' }), hit({ reward: null }), hit({ date: 20240316 }),
    ]));
    expect(tasks.map((t) => t.day)).toEqual(['2024-03-15', '2024-03-16']);
    expect(problems).toEqual([
      { index: 1, reason: 'no valid HIT id' },
      { index: 2, reason: 'no valid reward in dollars' },
      { index: 3, reason: 'no valid date (YYYYMMDD)' },
      { index: 4, reason: 'not a HIT record' },
      { index: 5, reason: 'unknown state "Unknownish"' },
      { index: 6, reason: 'no valid reward in dollars' },
    ]);
  });

  it('keeps a hostile requester name as text, as it was written', () => {
    const name = '<img src=x onerror=alert(1)>';
    expect(readHitTrackerBackup(backup([hit({ requester_name: name })])).tasks[0]?.requesterName).toBe(name);
  });

  it('says a file that is not a HIT Tracker backup is not one (index -1), and never throws', () => {
    for (const text of ['', '{', 'null', '[]', '{"days":[]}', '{"hits":{}}', JSON.stringify({ hits: 'x' })]) {
      const read = readHitTrackerBackup(text);
      expect(read.tasks).toEqual([]);
      expect(read.problems).toHaveLength(1);
      expect(read.problems[0]?.index).toBe(-1);
    }
  });

  it('refuses a HIT dated after the import (MTurk’s Pacific day, one day of margin): no day of 2099 in the figures', () => {
    // Imported at 20:00 in Los Angeles on 27 November 2026 (already the 28th in UTC): the 28th is the day of margin.
    const importedAt = Date.parse('2026-11-28T04:00:00Z');
    const days = ['20261127', '20261128', '20261129', '20991231'];
    const { tasks, problems } = readHitTrackerBackup(backup(days.map((date, i) => hit({ date, hit_id: `HIT${i}` }))), importedAt);
    expect(tasks.map((t) => t.day)).toEqual(['2026-11-27', '2026-11-28']);
    expect(problems).toEqual([{ index: 2, reason: 'a date in the future' }, { index: 3, reason: 'a date in the future' }]);
  });

  it('refuses an assignment id that is not an MTurk id rather than keying by junk', () => {
    expect(readHitTrackerBackup(backup([hit({ assignment_id: 'x y/z' })])).problems).toEqual([{ index: 0, reason: 'invalid assignment id' }]);
  });
});

describe('backupDay', () => {
  it('accepts real calendar days only', () => {
    expect(backupDay('20240229')).toBe('2024-02-29');
    expect(backupDay('20230229')).toBeUndefined();
    expect(backupDay('2024-03-01')).toBe('2024-03-01');
    expect(backupDay('2024031')).toBeUndefined();
    expect(backupDay(null)).toBeUndefined();
  });
});
