import { formatDuration } from '../lib/domain/duration';
import { formatMoney } from '../lib/domain/money';
import type { SessionTask, SessionView } from '../lib/domain/session-figures';
import { t, tPlural } from '../lib/i18n';
import { platformName, sessionTimes } from './period-format';
import { Earnings, PartsInline, Rates } from './PeriodFigures';
import { outcomeText } from './history/format';

// A period's work sessions (DESIGN.md, "Work session"); task titles are page strings: text nodes only.


function TaskItem({ task, locale }: { task: SessionTask; locale: string }) {
  return (
    <li data-task-key={task.key}>
      <span class="title" dir="auto">{task.title}</span>
      <span class="reward">{task.reward ? formatMoney(task.reward, locale) : t('rewardUnknown')}</span>
      <span class="times muted">
        <span class="platform">{platformName(task.platform)}</span>
        {' · '}
        <span class="outcome">{outcomeText(task.status)}</span>
        {' · '}
        <span class="active">{t('activeShort', [formatDuration(task.activeMs)])}</span>
        {' · '}
        <span class="idle">{t('idleShort', [formatDuration(task.idleMs)])}</span>
        {task.rate && (
          <>
            {' · '}
            <span class="rate">{t('perHour', [formatMoney(task.rate, locale)])}</span>
          </>
        )}
      </span>
    </li>
  );
}

function SessionItem({ session: s, withDate, locale }: { session: SessionView; withDate: boolean; locale: string }) {
  return (
    <li class="session" data-session-start={s.start}>
      <p class="session-head">
        <strong class="when">{sessionTimes(s.start, s.end, withDate, locale)}</strong>{' '}
        <span class="platforms muted">{s.platforms.map(platformName).join(', ')}</span>
      </p>
      <p>
        <Earnings figures={s.figures} locale={locale} />
        {' · '}
        <span class="tasks-done">{tPlural('tasksDone', s.tasksDone, undefined, locale)}</span>
      </p>
      <PartsInline time={s.figures.time} inProgressMs={s.inProgressMs} />
      <Rates figures={s.figures} locale={locale} />
      {s.tasks.length === 0 ? (
        <p class="platform-only muted">{t('sessionPlatformOnly')}</p>
      ) : (
        // Native disclosure: keyboard and screen readers know it; its open state survives the reloads.
        <details class="session-tasks">
          <summary>{tPlural('sessionTasks', s.tasks.length, undefined, locale)}</summary>
          <ul class="task-list">
            {s.tasks.map((task) => (
              <TaskItem key={task.key} task={task} locale={locale} />
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

/** The sessions of a period, in time order; with the date on each when the period is longer than a day. */
export function SessionList({ sessions, withDate, locale }: { sessions: readonly SessionView[]; withDate: boolean; locale: string }) {
  return (
    <ul class="sessions">
      {sessions.map((s) => (
        <SessionItem key={s.start} session={s} withDate={withDate} locale={locale} />
      ))}
    </ul>
  );
}
