import type { TimeParts } from '../lib/domain/figures';
import { MANUAL_PLATFORM } from '../lib/domain/manual-command';
import { t } from '../lib/i18n';
import type { PeriodView } from '../lib/messaging';
import { adapterById } from '../lib/platforms/registry';
import { customSiteName } from '../lib/site-names';

// Dates, times and names of the period views, in the UI locale; and the tick of what is under way.

/** A local day (YYYY-MM-DD) as an instant that every time zone formats as that day (noon UTC, read in UTC). */
const noon = (day: string) => Date.parse(`${day}T12:00:00Z`);

/** The period's days: one day in full, or the range from its first to its last day. */
export function rangeText(view: Pick<PeriodView, 'kind' | 'from' | 'to'>, locale: string): string {
  if (view.kind === 'day') return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(noon(view.from));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).formatRange(noon(view.from), noon(view.to));
}

/** A day of the week or month, short: "Mon, Nov 30". */
export function dayText(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(noon(day));
}

/** A session's start and end in local time; with the date when the period is longer than a day. */
export function sessionTimes(start: number, end: number, withDate: boolean, locale: string): string {
  const options: Intl.DateTimeFormatOptions = withDate
    ? { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }
    : { hour: 'numeric', minute: '2-digit' };
  return new Intl.DateTimeFormat(locale, options).formatRange(start, Math.max(start, end));
}

/** The time the true rate divides: paid active, unpaid active and platform time (idle is in neither rate). */
export const workedMs = (time: TimeParts): number => time.paidActiveMs + time.unpaidActiveMs + time.platformMs;

/**
 * A platform's name as pages show it. A custom site's adapter lives in the background: pages name it by the name
 * the worker gave its rule (read as the page opened), or by the rule's id once the rule is gone (`clickworker`).
 */
export function platformName(id: string): string {
  return (
    customSiteName(id) ??
    adapterById(id)?.name ??
    (id === MANUAL_PLATFORM ? t('manualPlatform') : id.startsWith('custom:') ? id.slice('custom:'.length) : id)
  );
}

/** How close (ms) a session's end must be to the reading for it to be the one under way. */
const UNDER_WAY_MS = 5_000;

/**
 * The period as it stands `elapsedMs` after it was read at `at`, while time accrues (a task in front, a running
 * manual timer): that time is *in progress* (open tasks count only there until their outcome), in the period and
 * in the session under way, which ends now. Nothing moves when nothing was in progress at the reading.
 */
export function advance(view: PeriodView, at: number, elapsedMs: number): PeriodView {
  if (elapsedMs <= 0 || view.inProgressMs <= 0) return view;
  const last = view.sessions.at(-1);
  const moving = last && last.inProgressMs > 0 && Math.abs(last.end - at) <= UNDER_WAY_MS;
  return {
    ...view,
    inProgressMs: view.inProgressMs + elapsedMs,
    sessions: moving
      ? [...view.sessions.slice(0, -1), { ...last, end: last.end + elapsedMs, inProgressMs: last.inProgressMs + elapsedMs }]
      : view.sessions,
  };
}
