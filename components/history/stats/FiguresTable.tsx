import { formatDuration } from '../../../lib/domain/duration';
import type { ConversionSettings } from '../../../lib/domain/figures';
import type { GroupFigures, Grouping } from '../../../lib/domain/history-figures';
import { formatCount, t } from '../../../lib/i18n';
import { DelayCell, EarningsCell, EffectiveCell, RejectedCell, TrueCell } from './cells';
import { groupText } from './stats-format';

// The figures of each day, week or month of the range, then the range as a whole: what the charts draw, as text
// (the charts' accessible equivalent).

/** The caption, by grouping (written out so that the messages test sees each key used). */
export function groupingCaption(grouping: Grouping): string {
  if (grouping === 'week') return t('figuresByWeek');
  if (grouping === 'month') return t('figuresByMonth');
  return t('figuresByDay');
}

function Row({ g, label, settings, locale, total }: { g: GroupFigures; label: string; settings: ConversionSettings; locale: string; total?: boolean }) {
  const time = g.figures.time;
  const Cell = total ? 'th' : 'td';
  return (
    <tr data-group={total ? 'total' : g.from} class={total ? 'total' : undefined}>
      <th scope="row">{label}</th>
      <Cell class="money">
        <EarningsCell figures={g.figures} settings={settings} locale={locale} />
      </Cell>
      <Cell class="paid-active">{formatDuration(time.paidActiveMs)}</Cell>
      <Cell class="unpaid">{formatDuration(time.unpaidActiveMs)}</Cell>
      <Cell class="platform-time">{formatDuration(time.platformMs)}</Cell>
      <Cell class="idle-time">{formatDuration(time.idleMs)}</Cell>
      <Cell class="rate">
        <EffectiveCell figures={g.figures} locale={locale} />
      </Cell>
      <Cell class="rate">
        <TrueCell figures={g.figures} locale={locale} />
      </Cell>
      <Cell class="tasks-done">{formatCount(g.tasksDone, locale)}</Cell>
      <Cell>
        <RejectedCell d={g} locale={locale} />
      </Cell>
      <Cell>
        <DelayCell delays={g.delays} locale={locale} />
      </Cell>
    </tr>
  );
}

export interface FiguresTableProps {
  groups: readonly GroupFigures[];
  total: GroupFigures | null;
  grouping: Grouping;
  /** Open tasks' time so far (the range holds today): in no part until their outcome. */
  inProgressMs: number;
  settings: ConversionSettings;
  locale: string;
}

export function FiguresTable({ groups, total, grouping, inProgressMs, settings, locale }: FiguresTableProps) {
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="figures-table-caption">
      <table class="stats-table figures-table">
        <caption id="figures-table-caption">{groupingCaption(grouping)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('periodColumn')}</th>
            <th scope="col">{t('earnedColumn')}</th>
            <th scope="col">{t('partPaid')}</th>
            <th scope="col">{t('partUnpaid')}</th>
            <th scope="col">{t('partPlatform')}</th>
            <th scope="col">{t('partIdle')}</th>
            <th scope="col">{t('effectiveColumn')}</th>
            <th scope="col">{t('trueRateColumn')}</th>
            <th scope="col">{t('tasksColumn')}</th>
            <th scope="col">{t('rejectedColumn')}</th>
            <th scope="col">{t('delayColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <Row key={g.from} g={g} label={groupText(g.from, g.to, grouping, locale)} settings={settings} locale={locale} />
          ))}
        </tbody>
        {(total || inProgressMs > 0) && (
          <tfoot>
            {total && <Row g={total} label={t('rangeTotal')} settings={settings} locale={locale} total />}
            {inProgressMs > 0 && (
              <tr class="in-progress">
                <th scope="row">{t('partInProgress')}</th>
                <td colSpan={10}>{formatDuration(inProgressMs)}</td>
              </tr>
            )}
          </tfoot>
        )}
      </table>
    </div>
  );
}
