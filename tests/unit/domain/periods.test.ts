import { describe, expect, it } from 'vitest';
import { addDays, browserWeekInfo, daysBetween, firstDayOfWeek, periodDays, weekdayOf } from '../../../lib/domain/periods';

// Today, this week and this month as ranges of local days. Monday 30 November 2026 is the reference day.
describe('periods', () => {
  it('knows the weekday of a day (ISO: Monday 1, Sunday 7)', () => {
    expect(weekdayOf('2026-11-30')).toBe(1);
    expect(weekdayOf('2026-11-29')).toBe(7);
    expect(weekdayOf('2024-02-29')).toBe(4);
  });

  it('starts the week on the day the locale says', () => {
    // Wednesday 2 December 2026.
    expect(periodDays('week', '2026-12-02', 1)).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(periodDays('week', '2026-12-02', 7)).toEqual({ from: '2026-11-29', to: '2026-12-05' });
    expect(periodDays('week', '2026-12-02', 6)).toEqual({ from: '2026-11-28', to: '2026-12-04' });
    // On the first day itself, the week starts that day; on the day before it, six days earlier.
    expect(periodDays('week', '2026-11-29', 7)).toEqual({ from: '2026-11-29', to: '2026-12-05' });
    expect(periodDays('week', '2026-11-29', 1)).toEqual({ from: '2026-11-23', to: '2026-11-29' });
  });

  it('gives the calendar month, leap years and year ends included', () => {
    expect(periodDays('month', '2026-11-30')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(periodDays('month', '2024-02-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodDays('month', '2026-12-31')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(periodDays('day', '2026-11-30')).toEqual({ from: '2026-11-30', to: '2026-11-30' });
  });

  it('reads the first day of the week from the locale, Monday where the browser does not say', () => {
    expect(firstDayOfWeek('en-US', () => ({ firstDay: 7 }))).toBe(7);
    expect(firstDayOfWeek('ar-EG', () => ({ firstDay: 6 }))).toBe(6);
    expect(firstDayOfWeek('fr-FR', () => undefined)).toBe(1);
    expect(firstDayOfWeek('xx', () => ({ firstDay: 0 }))).toBe(1);
    // Whatever this engine says, it is a weekday; a locale it cannot parse is no crash.
    expect([1, 2, 3, 4, 5, 6, 7]).toContain(firstDayOfWeek('en-US'));
    expect(browserWeekInfo('not a locale!')).toBeUndefined();
  });

  it('counts days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-29', '2026-12-02')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
  });
});
