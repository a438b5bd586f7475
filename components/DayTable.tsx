import { formatDuration } from '../lib/domain/duration';
import { formatCount, t } from '../lib/i18n';
import type { PeriodView } from '../lib/messaging';
import { TrueRateText } from './FiguresRow';
import { dayText, workedMs } from './period-format';
import { Earnings } from './PeriodFigures';

/** Each day of a week or month: so the worker sees the period is the sum of its days. */
export function DayTable({ days, locale }: { days: PeriodView['days']; locale: string }) {
  return (
    <table class="days">
      <caption>{t('dayByDay')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('dayColumn')}</th>
          <th scope="col">{t('earnedColumn')}</th>
          <th scope="col">{t('workedColumn')}</th>
          <th scope="col">{t('tasksColumn')}</th>
          <th scope="col">{t('trueRateColumn')}</th>
        </tr>
      </thead>
      <tbody>
        {days.map(({ day, figures, tasksDone }) => (
          <tr key={day} data-period-day={day}>
            <th scope="row">{dayText(day, locale)}</th>
            <td>
              <Earnings figures={figures} locale={locale} />
            </td>
            <td class="worked">{formatDuration(workedMs(figures.time))}</td>
            <td class="tasks-done">{formatCount(tasksDone, locale)}</td>
            <td>{figures.trueRate ? <TrueRateText rate={figures.trueRate} locale={locale} lead="" short /> : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
