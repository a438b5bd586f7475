import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readHitTrackerBackup, type HitTrackerReading } from '../../../lib/data/mturk-suite';

/**
 * Adversarial checks of `readHitTrackerBackup` (DESIGN.md "Contracts that tests rely on", and "Platforms": MTurk
 * Suite's HIT Tracker backup `{ hits: [...], days: [...] }`). The file is untrusted: it must never throw.
 */

/** A HIT as MTurk Suite's HIT Tracker stores it (its IndexedDB `hit` store, keyed by `hit_id`). */
const hit = (over: Record<string, unknown> = {}) => ({
  hit_id: '3Z8UJEJOCZEG603II1EL4BE2PV593A',
  requester_id: 'A2SQ3G8GGDD4KS',
  requester_name: 'Stanford GSB Lab',
  reward: { amount_in_dollars: 0.5, currency_code: 'USD' },
  state: 'Submitted',
  title: 'Answer a short survey about decisions',
  date: '20240315',
  source: null,
  ...over,
});
const file = (hits: unknown) => JSON.stringify({ hits, days: [] });

const STATUSES = ['submitted', 'approved', 'rejected', 'returned', 'expired'];

/** What the contract promises of any reading, whatever the file. */
function checkShape(read: HitTrackerReading, hitCount: number | null): void {
  for (const t of read.tasks) {
    expect(t.platform).toBe('mturk');
    expect(typeof t.taskId).toBe('string');
    expect(t.taskId.length).toBeGreaterThan(0);
    expect(typeof t.hitId).toBe('string');
    expect(typeof t.title).toBe('string');
    expect(typeof t.requesterName).toBe('string');
    expect(Number.isSafeInteger(t.reward.minor)).toBe(true);
    expect(t.reward.minor).toBeGreaterThanOrEqual(0);
    expect(t.reward.currency).toBe('USD');
    expect(STATUSES).toContain(t.status);
    expect(t.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(t.untimed).toBe(true);
  }
  for (const p of read.problems) {
    expect(typeof p.reason).toBe('string');
    expect(p.reason.length).toBeGreaterThan(0);
  }
  if (hitCount === null) {
    // Not a backup: one problem at -1, no tasks.
    expect(read.tasks).toEqual([]);
    expect(read.problems.map((p) => p.index)).toEqual([-1]);
  } else {
    // Each HIT is a task or a problem at its own 0-based position, once.
    expect(read.tasks.length + read.problems.length).toBe(hitCount);
    for (const p of read.problems) expect(Number.isInteger(p.index) && p.index >= 0 && p.index < hitCount).toBe(true);
    expect(new Set(read.problems.map((p) => p.index)).size).toBe(read.problems.length);
  }
}

describe('readHitTrackerBackup, adversarial', () => {
  it('never throws on any string, and reads a non-backup as one problem at -1 (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        let isBackup = false;
        try {
          const data: unknown = JSON.parse(text);
          isBackup = typeof data === 'object' && data !== null && !Array.isArray(data) && Array.isArray((data as { hits?: unknown }).hits);
        } catch { /* not JSON */ }
        const read = readHitTrackerBackup(text);
        if (!isBackup) checkShape(read, null);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on any JSON value, as the file or as its hits (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const whole = readHitTrackerBackup(JSON.stringify(value));
        const isBackup = typeof value === 'object' && value !== null && !Array.isArray(value) && Array.isArray((value as { hits?: unknown }).hits);
        if (!isBackup) checkShape(whole, null);
        const hits = Array.isArray(value) ? value : [value];
        checkShape(readHitTrackerBackup(file(hits)), hits.length);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps the shape of every reading for HITs with hostile fields (property)', () => {
    const field = fc.oneof(fc.jsonValue(), fc.constantFrom('constructor', '__proto__', 'toString', 'NaN', '-1', '1e9', ''));
    const arbHit = fc.record({
      hit_id: fc.oneof(field, fc.constantFrom('3ABC', 'X'.repeat(65))), assignment_id: field, state: fc.oneof(field, fc.constantFrom('Paid', 'Approved', 'Assigned')),
      reward: fc.oneof(field, fc.record({ amount_in_dollars: field, currency_code: field })), date: fc.oneof(field, fc.constantFrom('20240101', 20240229)),
      title: field, requester_name: field, requester_id: field,
    }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.array(arbHit, { maxLength: 10 }), (hits) => checkShape(readHitTrackerBackup(file(hits)), hits.length)),
      { numRuns: 400 },
    );
  });

  it('reads a HIT whose state names an Object.prototype member as a problem, never as a task with a function for status', () => {
    const states = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];
    const read = readHitTrackerBackup(file(states.map((state) => hit({ state }))));
    expect(read.tasks).toEqual([]);
    expect(read.problems.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('reads Pending (older HIT Tracker versions: submitted, awaiting approval) as submitted; Accepted, like Assigned, is never finished', () => {
    const read = readHitTrackerBackup(file([hit({ state: 'Pending' }), hit({ state: 'Accepted' }), hit({ state: 'Assigned' })]));
    expect(read.tasks.map((t) => t.status)).toEqual(['submitted']);
    expect(read.problems.map((p) => p.index)).toEqual([1, 2]);
    expect(read.problems.every((p) => /never finished/.test(p.reason))).toBe(true);
  });

  it('maps states whatever their case or surrounding spaces', () => {
    const states = ['SUBMITTED', 'approved', ' Paid ', 'REJECTED', 'returned', 'ABANDONED'];
    expect(readHitTrackerBackup(file(states.map((state) => hit({ state })))).tasks.map((t) => t.status))
      .toEqual(['submitted', 'approved', 'approved', 'rejected', 'returned', 'expired']);
  });

  it('reads a file that starts with a byte order mark', () => {
    const read = readHitTrackerBackup(`\uFEFF${file([hit()])}`);
    expect(read.problems).toEqual([]);
    expect(read.tasks).toHaveLength(1);
  });

  it('gives exact cents for amounts that are float traps, as numbers and as strings', () => {
    const amounts = [0.29, 1.15, 4.35, 0.57, 0.07, 1.005, 2.675, 0.1 + 0.2, 19.99, 1234.56];
    const expected = [29, 115, 435, 57, 7, 101, 268, 30, 1999, 123456];
    const asNumbers = readHitTrackerBackup(file(amounts.map((a) => hit({ reward: { amount_in_dollars: a, currency_code: 'USD' } }))));
    expect(asNumbers.tasks.map((t) => t.reward.minor)).toEqual(expected);
    const asStrings = readHitTrackerBackup(file(amounts.map((a) => hit({ reward: { amount_in_dollars: String(a), currency_code: 'USD' } }))));
    expect(asStrings.tasks.map((t) => t.reward.minor)).toEqual(expected);
  });

  it('gives exactly the cents of any amount written with two decimals (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), (cents) => {
        const dollars = cents / 100;
        const read = readHitTrackerBackup(file([hit({ reward: { amount_in_dollars: dollars } }), hit({ reward: { amount_in_dollars: dollars.toFixed(2) } })]));
        expect(read.tasks.map((t) => t.reward.minor)).toEqual([cents, cents]);
      }),
      { numRuns: 500 },
    );
  });

  it('makes a problem of a negative, NaN, infinite, textual, missing or non-dollar reward', () => {
    const rewards: unknown[] = [
      { amount_in_dollars: -0.5 }, { amount_in_dollars: '-1' }, { amount_in_dollars: 'abc' }, { amount_in_dollars: '' }, { amount_in_dollars: null },
      { amount_in_dollars: true }, {}, null, undefined, 'NaN', [0.5], { amount_in_dollars: 1e300 }, { amount_in_dollars: 0.5, currency_code: 'EUR' },
      // Past $100,000,000 (MAX_MINOR): no HIT pays it, and two such would make the statement's sums throw.
      { amount_in_dollars: '90071992547409.91' }, { amount_in_dollars: 100_000_000.01 },
    ];
    const read = readHitTrackerBackup(file(rewards.map((reward) => hit({ reward }))));
    expect(read.tasks).toEqual([]);
    expect(read.problems.map((p) => p.index)).toEqual(rewards.map((_, i) => i));
  });

  it('makes a problem of a date that is not a real YYYYMMDD day', () => {
    const dates: unknown[] = ['20230231', '2023130', '202301311', 'abcdefgh', '2023-13-01', '20231301', '20230100', '', null, undefined, 2023.0101, true, '2023/01/31', '31012023'];
    const read = readHitTrackerBackup(file(dates.map((date) => hit({ date }))));
    expect(read.tasks).toEqual([]);
    expect(read.problems.map((p) => p.index)).toEqual(dates.map((_, i) => i));
  });

  it('makes a problem of a HIT with no id, and of a HIT that is null, a number, a string or a list', () => {
    const hits: unknown[] = [hit({ hit_id: undefined }), hit({ hit_id: '' }), hit({ hit_id: 123 }), null, 42, 'HIT', [hit()], true];
    const read = readHitTrackerBackup(file(hits));
    expect(read.tasks).toEqual([]);
    expect(read.problems.map((p) => p.index)).toEqual(hits.map((_, i) => i));
  });

  it('keeps each good HIT at its place among bad ones, and the index is the HIT’s position in hits', () => {
    const read = readHitTrackerBackup(file([null, hit({ hit_id: 'A1' }), 7, hit({ hit_id: 'A2', date: 'x' }), hit({ hit_id: 'A3' })]));
    expect(read.tasks.map((t) => t.hitId)).toEqual(['A1', 'A3']);
    expect(read.problems.map((p) => p.index)).toEqual([0, 2, 3]);
  });

  it('ignores __proto__ keys: they neither make a file a backup nor give a HIT its fields', () => {
    expect(readHitTrackerBackup('{"__proto__":{"hits":[{"hit_id":"A1"}]}}').problems.map((p) => p.index)).toEqual([-1]);
    const read = readHitTrackerBackup('{"hits":[{"__proto__":{"hit_id":"A1","reward":1,"state":"Paid","date":"20240101"}}]}');
    expect(read.tasks).toEqual([]);
    expect(read.problems.map((p) => p.index)).toEqual([0]);
    expect(({} as Record<string, unknown>).hit_id).toBeUndefined();
  });

  it('keeps requester names and titles as text, markup and all', () => {
    const requester = '<script>alert(1)</script> & "Co" ';
    const title = '=HYPERLINK("http://evil","click") <b>bold</b>';
    const [t] = readHitTrackerBackup(file([hit({ requester_name: requester, title })])).tasks;
    expect(t?.requesterName).toBe(requester);
    expect(t?.title).toBe(title);
  });

  it('says a file is not a backup when hits is not a list, or the file is wrapped otherwise', () => {
    const texts = [
      JSON.stringify({ hits: null }), JSON.stringify({ hits: 'x' }), JSON.stringify({ hits: { 0: hit() } }), JSON.stringify({ HITS: [hit()] }),
      JSON.stringify({ data: { hits: [hit()] } }), JSON.stringify('{"hits":[]}'), '{"hits":[]', '\u0000', ' ',
    ];
    for (const text of texts) checkShape(readHitTrackerBackup(text), null);
  });

  it('reads an empty hits list as no tasks and no problems', () => {
    expect(readHitTrackerBackup(file([]))).toEqual({ tasks: [], problems: [] });
  });

  it('survives deeply nested JSON, as the file and as a HIT', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    checkShape(readHitTrackerBackup(deep), null);
    checkShape(readHitTrackerBackup(`{"hits":[${deep}]}`), 1);
    const nestedReward = `${'{"amount_in_dollars":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    checkShape(readHitTrackerBackup(`{"hits":[{"hit_id":"A1","state":"Paid","date":"20240101","reward":${nestedReward}}]}`), 1);
  });
});
