import { formatDuration } from '../../../lib/domain/duration';
import type { ConversionSettings } from '../../../lib/domain/figures';
import type { RequesterFigures } from '../../../lib/domain/requester-figures';
import { formatCount, t } from '../../../lib/i18n';
import { platformName } from '../../period-format';
import { DelayCell, EarningsCell, EffectiveCell, RejectedCell } from './cells';

// Per requester of the tasks counted in the range: what it paid, how fast (the median delay of its approvals in
// the range) and how often it rejects. Requester names are page strings: text nodes only, never markup.

export function RequestersTable({ requesters, settings, locale }: { requesters: readonly RequesterFigures[]; settings: ConversionSettings; locale: string }) {
  if (requesters.length === 0) return <p class="empty">{t('noRequestersInRange')}</p>;
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="requesters-table-caption">
      <table class="stats-table requesters-table">
        <caption id="requesters-table-caption" class="visually-hidden">{t('requestersCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('requesterColumn')}</th>
            <th scope="col">{t('tasksColumn')}</th>
            <th scope="col">{t('earnedColumn')}</th>
            <th scope="col">{t('partPaid')}</th>
            <th scope="col">{t('partUnpaid')}</th>
            <th scope="col">{t('effectiveColumn')}</th>
            <th scope="col">{t('rejectedColumn')}</th>
            <th scope="col">{t('delayColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {requesters.map((r) => (
            <tr key={`${r.platform}\u0000${r.requester}`} data-requester={r.requester}>
              <th scope="row">
                <span class="requester-name" dir="auto">{r.name}</span>
                <br />
                <span class="muted">{platformName(r.platform)}</span>
              </th>
              <td class="tasks-done">{formatCount(r.tasks, locale)}</td>
              <td class="money">
                <EarningsCell figures={r.figures} settings={settings} locale={locale} />
              </td>
              <td class="paid-active">{formatDuration(r.figures.time.paidActiveMs)}</td>
              <td class="unpaid">{formatDuration(r.figures.time.unpaidActiveMs)}</td>
              <td class="rate">
                <EffectiveCell figures={r.figures} locale={locale} />
              </td>
              <td>
                <RejectedCell d={r} locale={locale} />
              </td>
              <td>
                <DelayCell delays={r.delays} locale={locale} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
