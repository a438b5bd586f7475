import type { ComponentChildren } from 'preact';
import { formatDuration } from '../../lib/domain/duration';
import { knownEnd, taskRate, type SortKey } from '../../lib/domain/history-list';
import { formatMoney } from '../../lib/domain/money';
import { t } from '../../lib/i18n';
import type { TaskRow } from '../../lib/storage/task-store';
import { platformName } from '../period-format';
import { isoTime, localDay, localTime, outcomeText } from './format';

// The list's columns: first what a worker looks at every day (the task, when it ended, its time, money, rate and
// outcome: all in view at 1280 px), then what a dispute needs (DESIGN.md; issue 16). Page strings are text nodes only.

export interface CellContext {
  locale: string;
  timeZone?: string;
}

export interface Column {
  id: string;
  label: () => string;
  /** Width in px: rows are a fixed grid, so that only the rows in view need rendering. */
  width: number;
  sort?: SortKey;
  numeric?: boolean;
  cell: (row: TaskRow, c: CellContext) => ComponentChildren;
}

/** A local time, its ISO 8601 form with offset on hover (and as the element's machine-readable value), or shown. */
export function Time({ ms, c, showIso }: { ms: number | undefined; c: CellContext; showIso?: boolean }) {
  if (ms === undefined) return <span class="muted">{t('historyNone')}</span>;
  const iso = isoTime(ms, c.timeZone);
  return (
    <>
      <time dateTime={iso} title={iso}>
        {localTime(ms, c.locale, c.timeZone)}
      </time>
      {/* Where there is room (a task's facts), the ISO form is written out: no hover needed, keyboard or not. */}
      {showIso && <span class="iso muted">{iso}</span>}
    </>
  );
}

/** A day a record counts under: a date, not an instant (its ISO form as the element's value). */
export function Day({ day, c }: { day: string; c: CellContext }) {
  return <time dateTime={day}>{localDay(day, c.locale)}</time>;
}

const none = () => <span class="muted">{t('historyNone')}</span>;

/** A value the worker corrected: said in words beside it (the row shows the task as corrected). */
function Corrected({ row, field, children }: { row: TaskRow; field: NonNullable<TaskRow['corrected']>[number]; children: ComponentChildren }) {
  if (!row.corrected?.includes(field)) return <>{children}</>;
  return (
    <span class="corrected">
      {children} <span class="mark muted">{t('historyCorrectedMark')}</span>
    </span>
  );
}

/** The task's ids as the platform names them: MTurk's assignment and HIT, another platform's task id. */
export function TaskIds({ row }: { row: TaskRow }) {
  if (row.platform !== 'mturk' || row.addedByHand) return <span class="id">{t('historyTaskId', [row.taskId])}</span>;
  return (
    <>
      <span class="id">{t('historyAssignment', [row.taskId])}</span>
      {row.hitId && <span class="id muted">{t('historyHit', [row.hitId])}</span>}
    </>
  );
}

/** What sets a task apart: untimed, added by hand, deleted (words, not colours). */
export function Marks({ row }: { row: Pick<TaskRow, 'untimed' | 'addedByHand' | 'deleted'> }) {
  const marks = [row.deleted && t('historyDeletedMark'), row.addedByHand && t('historyByHandMark'), row.untimed && t('historyUntimedMark')].filter(Boolean);
  return marks.length ? <span class="mark muted">{marks.join(' · ')}</span> : null;
}

export const COLUMNS: Column[] = [
  { id: 'title', label: () => t('historyColTitle'), width: 280, sort: 'title', cell: () => null /* the open button, in the row */ },
  { id: 'platform', label: () => t('historyPlatform'), width: 130, sort: 'platform', cell: (row) => platformName(row.platform) },
  { id: 'ended', label: () => t('historyColEnded'), width: 165, sort: 'date', cell: (row, c) => (knownEnd(row) === undefined && row.day ? <Day day={row.day} c={c} /> : <Time ms={knownEnd(row)} c={c} />) },
  { id: 'active', label: () => t('historyColActive'), width: 90, sort: 'active', numeric: true, cell: (row) => (row.untimed ? none() : <Corrected row={row} field="activeMs">{formatDuration(row.activeMs)}</Corrected>) },
  { id: 'reward', label: () => t('historyColReward'), width: 100, sort: 'reward', numeric: true, cell: (row, c) => <Corrected row={row} field="reward">{row.reward ? formatMoney(row.reward, c.locale) : t('rewardUnknown')}</Corrected> },
  { id: 'bonus', label: () => t('historyColBonus'), width: 90, numeric: true, cell: (row, c) => <Corrected row={row} field="bonus">{row.bonus ? formatMoney(row.bonus, c.locale) : none()}</Corrected> },
  {
    id: 'rate', label: () => t('historyColRate'), width: 100, sort: 'rate', numeric: true,
    cell: (row, c) => {
      const rate = taskRate(row);
      return rate ? t('perHour', [formatMoney(rate, c.locale)]) : none();
    },
  },
  {
    id: 'outcome', label: () => t('historyOutcome'), width: 130, sort: 'outcome',
    cell: (row) => (
      <>
        <Corrected row={row} field="outcome">
          <span class="outcome">{outcomeText(row.status)}</span>
        </Corrected>
        <Marks row={row} />
      </>
    ),
  },
  {
    id: 'requester', label: () => t('historyRequester'), width: 200, sort: 'requester',
    cell: (row) => (
      <>
        <Corrected row={row} field="requester">
          <span class="requester-name" dir="auto">{row.requesterName}</span>
        </Corrected>
        {row.requesterId && <span class="id muted">{row.requesterId}</span>}
      </>
    ),
  },
  { id: 'idle', label: () => t('historyColIdle'), width: 80, numeric: true, cell: (row) => (row.untimed ? none() : formatDuration(row.idleMs)) },
  { id: 'ids', label: () => t('historyColIds'), width: 250, cell: (row) => <TaskIds row={row} /> },
  { id: 'accepted', label: () => t('historyColAccepted'), width: 165, cell: (row, c) => <Time ms={row.acceptedAt} c={c} /> },
  { id: 'first', label: () => t('historyColFirstActive'), width: 165, cell: (row, c) => <Time ms={row.firstActiveAt} c={c} /> },
  { id: 'last', label: () => t('historyColLastActive'), width: 165, cell: (row, c) => <Time ms={row.lastActiveAt} c={c} /> },
];

export const GRID = COLUMNS.map((c) => `${c.width}px`).join(' ');
export const GRID_WIDTH = COLUMNS.reduce((sum, c) => sum + c.width, 0);
