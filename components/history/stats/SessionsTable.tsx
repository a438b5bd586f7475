import { formatDuration } from '../../../lib/domain/duration';
import type { ConversionSettings } from '../../../lib/domain/figures';
import type { SessionView } from '../../../lib/domain/session-figures';
import { formatCount, t } from '../../../lib/i18n';
import { platformName, sessionTimes } from '../../period-format';
import { EarningsCell, EffectiveCell, TrueCell } from './cells';

// The work sessions that start in the range (DESIGN.md, "Work session"): each with its start and end, platforms,
// earnings, four time parts and time in progress, rates and tasks done.

export function SessionsTable({ sessions, settings, locale }: { sessions: readonly SessionView[]; settings: ConversionSettings; locale: string }) {
  if (sessions.length === 0) return <p class="empty">{t('noSessionsInRange')}</p>;
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="sessions-table-caption">
      <table class="stats-table sessions-table">
        <caption id="sessions-table-caption" class="visually-hidden">{t('sessionsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sessionColumn')}</th>
            <th scope="col">{t('platformsColumn')}</th>
            <th scope="col">{t('earnedColumn')}</th>
            <th scope="col">{t('partPaid')}</th>
            <th scope="col">{t('partUnpaid')}</th>
            <th scope="col">{t('partPlatform')}</th>
            <th scope="col">{t('partIdle')}</th>
            <th scope="col">{t('partInProgress')}</th>
            <th scope="col">{t('effectiveColumn')}</th>
            <th scope="col">{t('trueRateColumn')}</th>
            <th scope="col">{t('tasksColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.start} data-session-start={s.start}>
              <th scope="row">{sessionTimes(s.start, s.end, true, locale)}</th>
              <td class="platforms">{s.platforms.map(platformName).join(', ')}</td>
              <td class="money">
                <EarningsCell figures={s.figures} settings={settings} locale={locale} />
              </td>
              <td class="paid-active">{formatDuration(s.figures.time.paidActiveMs)}</td>
              <td class="unpaid">{formatDuration(s.figures.time.unpaidActiveMs)}</td>
              <td class="platform-time">{formatDuration(s.figures.time.platformMs)}</td>
              <td class="idle-time">{formatDuration(s.figures.time.idleMs)}</td>
              <td class="in-progress">{formatDuration(s.inProgressMs)}</td>
              <td class="rate">
                <EffectiveCell figures={s.figures} locale={locale} />
              </td>
              <td class="rate">
                <TrueCell figures={s.figures} locale={locale} />
              </td>
              <td class="tasks-done">{formatCount(s.tasksDone, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
