import { useMemo } from 'preact/hooks';
import type { FiguresQuery } from '../../../lib/domain/history-figures';
import { t } from '../../../lib/i18n';
import type { HistoryFigures } from '../../../lib/storage/history-figures-load';
import { Card } from '../../ui/Card';
import type { ChartText } from './chart-options';
import { FiguresTable, groupingCaption } from './FiguresTable';
import { HistoryChart } from './HistoryChart';
import { PeriodControl } from './PeriodControl';
import { RequestersTable } from './RequestersTable';
import { SessionsTable } from './SessionsTable';
import { axisText, rangeDays } from './stats-format';
import './stats.css';

// The history's "Figures" tab (issue 16): a range of days and its grouping, the figures of each day, week or
// month (DESIGN.md, "Rates"), two charts of the same numbers, the work sessions and the requesters. Props in,
// callbacks out: the page loads `data` with `loadHistoryFigures(query, deps)` whenever `onQuery` asks.

export interface HistoryStatsProps {
  /** The range and grouping shown (start with `defaultQuery(today, locale)`). */
  query: FiguresQuery;
  /** The figures of `query`; null while they load. */
  data: HistoryFigures | null;
  /** The worker's local day today (YYYY-MM-DD): the quick ranges are around it. */
  today: string;
  /** The UI locale: numbers, money and dates through Intl. */
  locale: string;
  /** The worker asked for another range or grouping. */
  onQuery: (query: FiguresQuery) => void;
  /** Loading failed: said instead of the figures. */
  error?: string | null;
}

function useChartText(data: HistoryFigures | null, locale: string): ChartText | null {
  return useMemo(() => {
    if (!data) return null;
    const currency = data.chart.currency;
    const money = new Intl.NumberFormat(locale, { style: 'currency', currency });
    const hours = new Intl.NumberFormat(locale, { style: 'unit', unit: 'hour', maximumFractionDigits: 1 });
    return {
      names: {
        x: t('periodColumn'), earnings: t('chartEarnings', [currency]), trueRate: t('trueRateColumn'), paid: t('partPaid'), unpaid: t('partUnpaid'),
        platform: t('partPlatform'), idle: t('partIdle'),
      },
      x: (i) => (data.chart.days[i] ? axisText(data.chart.days[i]!, data.query.grouping, locale) : ''),
      money: (v) => money.format(v),
      rate: (v) => t('perHour', [money.format(v)]),
      hours: (v) => hours.format(v),
    };
  }, [data, locale]);
}

export function HistoryStats({ query, data, today, locale, onQuery, error }: HistoryStatsProps) {
  const text = useChartText(data, locale);
  const range = rangeDays(query.from, query.to, locale);
  const table = groupingCaption(query.grouping);
  const empty = data && !data.total && data.sessions.length === 0 && data.inProgressMs === 0;
  return (
    <div class="history-stats">
      <PeriodControl query={query} today={today} onQuery={onQuery} />
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : !data ? (
        <p class="muted" role="status">
          {t('loading')}
        </p>
      ) : empty ? (
        <p class="empty">{t('figuresEmpty', [range])}</p>
      ) : (
        <>
          <Card id="stats-figures" title={t('figuresTitle', [range])}>
            <FiguresTable
              groups={data.groups}
              total={data.total}
              grouping={data.query.grouping}
              inProgressMs={data.inProgressMs}
              settings={data.conversion}
              locale={locale}
            />
            {text && (
              <div class="charts">
                <HistoryChart kind="earnings" series={data.chart} text={text} caption={t('chartEarningsCaption', [data.chart.currency, table])} />
                <HistoryChart kind="parts" series={data.chart} text={text} caption={t('chartPartsCaption', [table])} />
              </div>
            )}
          </Card>
          <Card id="stats-sessions" title={t('sessionsCaption')}>
            <SessionsTable sessions={data.sessions} settings={data.conversion} locale={locale} />
          </Card>
          <Card id="stats-requesters" title={t('requestersCaption')}>
            <RequestersTable requesters={data.requesters} settings={data.conversion} locale={locale} />
          </Card>
        </>
      )}
    </div>
  );
}
