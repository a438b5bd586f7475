import { describe, expect, it } from 'vitest';
import { TASK_CSV_COLUMNS, tasksCsv, type TaskCsvWords } from '../../../lib/data/tasks-csv';
import type { TaskRow } from '../../../lib/storage/task-store';

const words: TaskCsvWords = {
  header: Object.fromEntries(TASK_CSV_COLUMNS.map((c) => [c, c])) as TaskCsvWords['header'],
  platformName: (id) => (id === 'mturk' ? 'Amazon Mechanical Turk' : id),
  outcome: (s) => s,
  yes: 'yes',
};
const at = (iso: string) => Date.parse(iso);

const row: TaskRow = {
  key: 'mturk:3ASG', platform: 'mturk', taskId: '3ASG', hitId: '3HIT', title: 'Rate, "quickly"', requesterName: '=HYPERLINK("http://x","y")',
  requesterId: 'A1REQ', requester: 'A1REQ', reward: { minor: 125, currency: 'USD' }, bonus: { minor: 5, currency: 'USD' }, status: 'approved',
  day: '2026-11-02', firstSeenAt: at('2026-11-02T09:00:00Z'), acceptedAt: at('2026-11-02T08:59:30Z'), firstActiveAt: at('2026-11-02T09:00:00Z'),
  lastActiveAt: at('2026-11-02T09:15:00Z'), endedAt: at('2026-11-02T09:15:00Z'), activeMs: 600_000, idleMs: 300_000, external: false,
  updatedAt: at('2026-11-02T09:15:00Z'), corrected: ['reward'],
};

/** The cells of the CSV's second record, as a spreadsheet reads them (an RFC 4180 reader for one line). */
function cells(csv: string): string[] {
  const line = csv.split('\r\n')[1]!;
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { out.push(field); field = ''; }
    else field += c;
  }
  out.push(field);
  return out;
}

describe('tasksCsv', () => {
  it('writes every column a dispute needs, instants in ISO 8601 with the worker’s offset, amounts as numbers', () => {
    const read = Object.fromEntries(TASK_CSV_COLUMNS.map((c, i) => [c, cells(tasksCsv([row], words, 'Europe/Paris'))[i]]));
    expect(read).toMatchObject({
      platform: 'Amazon Mechanical Turk', title: 'Rate, "quickly"', requesterId: 'A1REQ', taskId: '3ASG', hitId: '3HIT',
      accepted: '2026-11-02T09:59:30+01:00', firstActive: '2026-11-02T10:00:00+01:00', lastActive: '2026-11-02T10:15:00+01:00',
      ended: '2026-11-02T10:15:00+01:00', day: '2026-11-02', activeSeconds: '600', idleSeconds: '300', reward: '1.25', rewardCurrency: 'USD',
      bonus: '0.05', bonusCurrency: 'USD', outcome: 'approved', ratePerHour: '7.8', rateCurrency: 'USD', corrected: 'reward', untimed: '',
    });
  });

  it('keeps a requester named like a formula as text in a spreadsheet', () => {
    const requester = cells(tasksCsv([row], words, 'UTC'))[TASK_CSV_COLUMNS.indexOf('requester')];
    expect(requester).toBe(`'=HYPERLINK("http://x","y")`);
  });

  it('leaves the times and rate of an untimed record empty', () => {
    const untimed = { ...row, untimed: true as const, acceptedAt: undefined, firstActiveAt: undefined, lastActiveAt: undefined, activeMs: 0, idleMs: 0 };
    const read = Object.fromEntries(TASK_CSV_COLUMNS.map((c, i) => [c, cells(tasksCsv([untimed], words, 'UTC'))[i]]));
    expect([read.activeSeconds, read.idleSeconds, read.ratePerHour, read.untimed]).toEqual(['', '', '', 'yes']);
  });

  it('gives a record that carries only a date its day and no instant it ended (not its placeholder, a noon)', () => {
    // An MTurk status row of 27 November (Pacific) is stored as ending at Pacific noon: 05:00 on the 28th in Tokyo.
    const noon = Date.parse('2026-11-27T12:00:00-08:00');
    const untimed = { ...row, untimed: true as const, acceptedAt: undefined, firstActiveAt: undefined, lastActiveAt: undefined, endedAt: noon, day: '2026-11-27', activeMs: 0, idleMs: 0 };
    const byHand = { ...row, addedByHand: true as const, acceptedAt: undefined, firstActiveAt: undefined, lastActiveAt: undefined, endedAt: noon, day: '2026-11-27' };
    for (const r of [untimed, byHand]) {
      const read = Object.fromEntries(TASK_CSV_COLUMNS.map((c, i) => [c, cells(tasksCsv([r], words, 'Asia/Tokyo'))[i]]));
      expect([read.ended, read.day]).toEqual(['', '2026-11-27']);
    }
  });
});
