import type { TimerEventType } from '../../lib/domain/task-timer';
import { isoWithOffset } from '../../lib/domain/iso-time';
import { t } from '../../lib/i18n';
import type { TaskRow } from '../../lib/storage/task-store';

// The history's words and times. Statuses and event types are written out case by case so that the messages
// test sees each key used.

export function outcomeText(status: TaskRow['status']): string {
  switch (status) {
    case 'open':
      return t('statusOpen');
    case 'submitted':
      return t('statusSubmitted');
    case 'approved':
      return t('statusApproved');
    case 'rejected':
      return t('statusRejected');
    case 'returned':
      return t('statusReturned');
    case 'expired':
      return t('statusExpired');
  }
}

export function eventText(type: TimerEventType): string {
  switch (type) {
    case 'front':
      return t('historyEventFront');
    case 'not-front':
      return t('historyEventNotFront');
    case 'idle':
      return t('historyEventIdle');
    case 'active':
      return t('historyEventActive');
    case 'crash':
      return t('historyEventCrash');
    case 'outcome':
      return t('historyEventOutcome');
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** Local date and time to the second ("11/30/26, 8:52:35 AM"), in the worker's zone unless one is given. */
export function localTime(ms: number, locale: string, timeZone?: string): string {
  const key = `${locale}|${timeZone ?? ''}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium', ...(timeZone ? { timeZone } : {}) });
    formats.set(key, format);
  }
  return format.format(ms);
}

export const isoTime = (ms: number, timeZone?: string) => isoWithOffset(ms, timeZone);

/** A day (YYYY-MM-DD) as the worker's language writes a date ("11/30/26", "30/11/2026"): noon UTC, read in UTC. */
export function localDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeZone: 'UTC' }).format(Date.parse(`${day}T12:00:00Z`));
}
