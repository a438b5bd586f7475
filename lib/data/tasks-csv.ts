import { knownEnd, taskRate } from '../domain/history-list';
import { isoWithOffset } from '../domain/iso-time';
import { majorAmount, type Money } from '../domain/money';
import type { TaskRow } from '../storage/task-store';
import { toCsv } from './csv';

/**
 * The history's filtered tasks as CSV (issue 17, item 1), through `toCsv` (formula-safe): every column the page
 * shows, a task's ids and requester id as their own columns, instants in ISO 8601 with the offset of the
 * worker's time zone (a dispute needs the instant, not a bare local time; a record that carries only a date has
 * its day and no instant), durations in seconds and amounts as
 * numbers with their currency beside them, so that a spreadsheet can sum them.
 */
export const TASK_CSV_COLUMNS = [
  'platform', 'title', 'requester', 'requesterId', 'taskId', 'hitId', 'accepted', 'firstActive', 'lastActive', 'ended', 'day',
  'activeSeconds', 'idleSeconds', 'reward', 'rewardCurrency', 'bonus', 'bonusCurrency', 'outcome', 'ratePerHour', 'rateCurrency',
  'untimed', 'addedByHand', 'deleted', 'corrected',
] as const;
export type TaskCsvColumn = (typeof TASK_CSV_COLUMNS)[number];

export interface TaskCsvWords {
  header: Record<TaskCsvColumn, string>;
  platformName: (id: string) => string;
  outcome: (status: TaskRow['status']) => string;
  yes: string;
}

const amount = (m: Money | null | undefined): number | null => (m ? majorAmount(m) : null);
const iso = (ms: number | undefined, timeZone: string) => (ms === undefined ? null : isoWithOffset(ms, timeZone));
const seconds = (ms: number) => Math.round(ms / 1000);

export function tasksCsv(rows: readonly TaskRow[], words: TaskCsvWords, timeZone: string): string {
  const body = rows.map((row) => {
    const rate = taskRate(row);
    const flag = (on: boolean | undefined) => (on ? words.yes : null);
    const cells: Record<TaskCsvColumn, string | number | null> = {
      platform: words.platformName(row.platform), title: row.title, requester: row.requesterName, requesterId: row.requesterId ?? null,
      taskId: row.taskId, hitId: row.hitId ?? null, accepted: iso(row.acceptedAt, timeZone), firstActive: iso(row.firstActiveAt, timeZone),
      lastActive: iso(row.lastActiveAt, timeZone), ended: iso(knownEnd(row), timeZone), day: row.day ?? null,
      activeSeconds: row.untimed ? null : seconds(row.activeMs), idleSeconds: row.untimed ? null : seconds(row.idleMs),
      reward: amount(row.reward), rewardCurrency: row.reward?.currency ?? null, bonus: amount(row.bonus), bonusCurrency: row.bonus?.currency ?? null,
      outcome: words.outcome(row.status), ratePerHour: amount(rate), rateCurrency: rate?.currency ?? null,
      untimed: flag(row.untimed), addedByHand: flag(row.addedByHand), deleted: flag(row.deleted), corrected: row.corrected?.join(' ') || null,
    };
    return TASK_CSV_COLUMNS.map((c) => cells[c]);
  });
  return toCsv(TASK_CSV_COLUMNS.map((c) => words.header[c]), body);
}
