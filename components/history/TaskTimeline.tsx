import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { formatDuration } from '../../lib/domain/duration';
import { applyEdits } from '../../lib/domain/apply-edits';
import { knownEnd, taskRate } from '../../lib/domain/history-list';
import { formatMoney } from '../../lib/domain/money';
import { orderEvents } from '../../lib/domain/task-timer';
import { t } from '../../lib/i18n';
import type { TaskRecord } from '../../lib/storage/schemas';
import { rowOf } from '../../lib/storage/task-store';
import { Button } from '../ui/Button';
import { platformName } from '../period-format';
import { Day, Marks, Time, TaskIds, type CellContext } from './columns';
import { eventText, isoTime, localTime, outcomeText } from './format';

// One task opened: what was recorded about it, then every event of its timeline with its local time and its
// ISO 8601 form with offset (what a dispute quotes). Page strings are text nodes only.

export interface TaskTimelineProps {
  /** undefined: still loading; null: the task is gone. */
  task: TaskRecord | null | undefined;
  cells: CellContext;
  onClose: () => void;
  /** The corrections of this task (issue 16, items 3–4), under its facts. */
  children?: ComponentChildren;
}

function Fact({ label, children, name }: { label: string; name: string; children: ComponentChildren }) {
  return (
    <div data-fact={name}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function TaskTimeline({ task, cells, onClose, children }: TaskTimelineProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The worker opened this task: put focus on its heading, so that reading (and Tab) starts here.
  useEffect(() => heading.current?.focus(), [task === undefined]);
  const back = (
    <Button class="history-back" onClick={onClose}>
      {t('historyBack')}
    </Button>
  );
  if (task === undefined) return <section class="card task-detail" aria-busy="true"><p>{t('loading')}</p>{back}</section>;
  if (task === null) return <section class="card task-detail"><p role="alert">{t('historyTaskMissing')}</p>{back}</section>;
  // The facts as the corrections make them (what every figure uses), the recorded value beside a corrected one.
  const row = rowOf(task);
  const { task: shown } = applyEdits(task);
  const rate = taskRate(row);
  const none = <span class="muted">{t('historyNone')}</span>;
  const money = (m: TaskRecord['bonus'] | null) => (m ? formatMoney(m, cells.locale) : null);
  const recorded = (field: NonNullable<typeof row.corrected>[number], value: string | null) =>
    row.corrected?.includes(field) && (
      <span class="recorded muted">
        <span class="mark">{t('historyCorrectedMark')}</span> {t('historyRecorded', [value ?? t('historyNone')])}
      </span>
    );
  const events = orderEvents(task.events);
  return (
    <section class="card task-detail" aria-labelledby="task-title" data-key={row.key}>
      <div class="card-head">
        <h2 id="task-title" dir="auto" tabIndex={-1} ref={heading}>
          {task.title || t('titleUnread', [task.taskId])}
        </h2>
        {back}
      </div>
      <h3 id="facts-title">{t('historyTaskFacts')}</h3>
      <dl class="task-facts" aria-labelledby="facts-title">
        <Fact name="platform" label={t('historyPlatform')}>{platformName(task.platform)}</Fact>
        <Fact name="requester" label={t('historyRequester')}>
          <span class="requester-name" dir="auto">{shown.requesterName}</span>
          {shown.requesterId && <span class="id muted">{t('historyRequesterId', [shown.requesterId])}</span>}
          {recorded('requester', task.requesterId ? `${task.requesterName} (${task.requesterId})` : task.requesterName)}
        </Fact>
        <Fact name="ids" label={t('historyColIds')}>
          <TaskIds row={row} />
          {task.groupId && <span class="id muted">{t('historyGroup', [task.groupId])}</span>}
        </Fact>
        <Fact name="outcome" label={t('historyOutcome')}>
          {outcomeText(shown.status)}
          <Marks row={row} />
          {recorded('outcome', outcomeText(task.status))}
        </Fact>
        <Fact name="day" label={t('historyDay')}>{row.day ? <Day day={row.day} c={cells} /> : none}</Fact>
        <Fact name="first-seen" label={t('historyFirstSeen')}><Time ms={task.untimed ? undefined : task.firstSeenAt} c={cells} showIso /></Fact>
        <Fact name="accepted" label={t('historyColAccepted')}><Time ms={task.acceptedAt} c={cells} showIso /></Fact>
        <Fact name="first-active" label={t('historyColFirstActive')}><Time ms={row.firstActiveAt} c={cells} showIso /></Fact>
        <Fact name="last-active" label={t('historyColLastActive')}><Time ms={row.lastActiveAt} c={cells} showIso /></Fact>
        <Fact name="ended" label={t('historyColEnded')}><Time ms={knownEnd(row)} c={cells} showIso /></Fact>
        {task.deadline !== undefined && <Fact name="deadline" label={t('historyDeadline')}><Time ms={task.deadline} c={cells} showIso /></Fact>}
        {task.approvedAt !== undefined && <Fact name="approved" label={t('historyApprovedSeen')}><Time ms={task.approvedAt} c={cells} showIso /></Fact>}
        <Fact name="active" label={t('historyColActive')}>
          {row.untimed ? none : formatDuration(row.activeMs)}
          {recorded('activeMs', task.untimed ? null : formatDuration(task.handActiveMs ?? task.activeMs))}
        </Fact>
        <Fact name="idle" label={t('historyColIdle')}>{task.untimed ? none : formatDuration(task.idleMs)}</Fact>
        <Fact name="reward" label={t('historyColReward')}>
          {money(shown.reward) ?? t('rewardUnknown')}
          {recorded('reward', money(task.reward))}
        </Fact>
        <Fact name="bonus" label={t('historyColBonus')}>
          {money(shown.bonus) ?? none}
          {recorded('bonus', money(task.bonus))}
        </Fact>
        <Fact name="rate" label={t('historyColRate')}>{rate ? t('perHour', [formatMoney(rate, cells.locale)]) : none}</Fact>
      </dl>
      {children}
      <h3 id="timeline-title">{t('historyTimeline')}</h3>
      {events.length === 0 ? (
        <p class="empty">{task.addedByHand ? t('historyNoEventsByHand') : t('historyNoEvents')}</p>
      ) : (
        <table class="timeline" aria-labelledby="timeline-title">
          <thead>
            <tr>
              <th scope="col">{t('historyLocalTime')}</th>
              <th scope="col">{t('historyIsoTime')}</th>
              <th scope="col">{t('historyEvent')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={`${e.boot}:${e.n}`} data-event={e.type}>
                <td class="num">{localTime(e.at.wall, cells.locale, cells.timeZone)}</td>
                <td class="num iso">
                  <time dateTime={isoTime(e.at.wall, cells.timeZone)}>{isoTime(e.at.wall, cells.timeZone)}</time>
                </td>
                <td>
                  {e.type === 'outcome' && e.outcome ? t('historyEventOutcomeIs', [outcomeText(e.outcome)]) : eventText(e.type)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
