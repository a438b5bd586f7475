import { periodDays, type PeriodKind } from '../../../lib/domain/periods';
import type { FiguresQuery, Grouping } from '../../../lib/domain/history-figures';
import { t } from '../../../lib/i18n';
import { Button } from '../../ui/Button';

// The range and grouping of the figures: two dates, day / week / month, and the usual ranges in one click. Weeks
// start on the locale's first day (`query.firstDay`), as in the popup's period switch.

const GROUPINGS: { grouping: Grouping; label: () => string }[] = [
  { grouping: 'day', label: () => t('groupByDay') },
  { grouping: 'week', label: () => t('groupByWeek') },
  { grouping: 'month', label: () => t('groupByMonth') },
];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface PeriodControlProps {
  query: FiguresQuery;
  today: string;
  onQuery: (query: FiguresQuery) => void;
}

export function PeriodControl({ query, today, onQuery }: PeriodControlProps) {
  /** A new first or last day; a range given backwards is turned round, an incomplete date ignored. */
  const setDay = (which: 'from' | 'to', value: string) => {
    if (!DAY.test(value)) return;
    const next = { ...query, [which]: value };
    onQuery(next.from <= next.to ? next : { ...next, from: next.to, to: next.from });
  };
  const preset = (kind: PeriodKind | 'year') => {
    const range = kind === 'year' ? { from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` } : periodDays(kind, today, query.firstDay);
    onQuery({ ...query, ...range });
  };
  return (
    <form class="period-control" onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('rangeFrom')}
        <input type="date" name="from" value={query.from} max={query.to} onChange={(e) => setDay('from', e.currentTarget.value)} />
      </label>
      <label>
        {t('rangeTo')}
        <input type="date" name="to" value={query.to} min={query.from} onChange={(e) => setDay('to', e.currentTarget.value)} />
      </label>
      <fieldset class="grouping">
        <legend>{t('groupBy')}</legend>
        {GROUPINGS.map((g) => (
          <label key={g.grouping}>
            <input
              type="radio"
              name="grouping"
              value={g.grouping}
              checked={query.grouping === g.grouping}
              onChange={() => onQuery({ ...query, grouping: g.grouping })}
            />
            {g.label()}
          </label>
        ))}
      </fieldset>
      <div class="presets" role="group" aria-label={t('rangePresets')}>
        <Button onClick={() => preset('week')}>
          {t('thisWeek')}
        </Button>
        <Button onClick={() => preset('month')}>
          {t('thisMonth')}
        </Button>
        <Button onClick={() => preset('year')}>
          {t('thisYear')}
        </Button>
      </div>
    </form>
  );
}
