import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { DEFAULT_SORT, filterRows, sortRows, type HistoryFilter, type HistorySort, type SortKey, type SortLabels } from '../../lib/domain/history-list';
import { t, tPlural, formatCount } from '../../lib/i18n';
import type { TaskRecord } from '../../lib/storage/schemas';
import type { TaskRow } from '../../lib/storage/task-store';
import { platformName } from '../period-format';
import { outcomeText } from './format';
import type { CellContext } from './columns';
import { HistoryFilters, type FilterChoices } from './HistoryFilters';
import { HistoryList } from './HistoryList';
import { applyEdits } from '../../lib/domain/apply-edits';
import type { AddedTask, EditChange } from '../../lib/domain/task-edits';
import { AddTask } from './AddTask';
import { Button } from '../ui/Button';
import { Corrections } from './Corrections';
import { TaskTimeline } from './TaskTimeline';

// The history page (issue 16): every task, filtered and sorted in memory, and one task's timeline. Props in,
// callbacks out; the entrypoint reads the storage and passes the rows.

export interface OpenedTask {
  key: string;
  /** undefined while loading; null when the task is gone. */
  task: TaskRecord | null | undefined;
}

export interface HistoryViewProps {
  /** null until the first rows are read. */
  rows: readonly TaskRow[] | null;
  /** Every row is in (false while the rest of the history is read, after the first screen). */
  complete: boolean;
  locale: string;
  /** Today, YYYY-MM-DD (an open task has no day yet: it is today's for the date filter). */
  today: string;
  timeZone?: string;
  opened: OpenedTask | null;
  onOpen: (key: string) => void;
  onClose: () => void;
  /** Exports the tasks shown (filtered and sorted as they are) as CSV (absent: no button). */
  onExportCsv?: (rows: TaskRow[]) => void;
  /** The "Figures" tab's content (tables and charts, mounted by the entrypoint). */
  figures?: ComponentChildren;
  /** Sends a correction of a task to the background's writer (absent: no corrections shown). */
  onEdit?: (key: string, change: EditChange) => Promise<unknown>;
  /** Sends a task Centime missed (absent: no form). */
  onAdd?: (task: AddedTask) => Promise<unknown>;
  /** The currencies offered for money typed by hand, a task added or a reward corrected (the worker's display currency first). */
  currencies?: string[];
  error?: string;
}

type Tab = 'tasks' | 'figures';

function choicesOf(rows: readonly TaskRow[]): FilterChoices & { currencies: string[] } {
  const platforms = new Map<string, string>();
  const requesters = new Map<string, { name: string; platform: string }>();
  for (const row of rows) {
    if (!platforms.has(row.platform)) platforms.set(row.platform, platformName(row.platform));
    if (row.requester && !requesters.has(row.requester)) requesters.set(row.requester, { name: row.requesterName || row.requester, platform: row.platform });
  }
  // Two requesters of one name (on two platforms, or two ids) are told apart by their platform in the list.
  const named = new Map<string, number>();
  for (const { name } of requesters.values()) named.set(name, (named.get(name) ?? 0) + 1);
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const currencies = new Set(['USD', ...rows.flatMap((r) => (r.reward ? [r.reward.currency] : []))]);
  return {
    currencies: [...currencies],
    platforms: [...platforms].map(([id, name]) => ({ id, name })).sort(byName),
    requesters: [...requesters]
      .map(([key, { name, platform }]) => ({ key, name: (named.get(name) ?? 0) > 1 ? `${name} · ${platformName(platform)}` : name }))
      .sort(byName),
  };
}

/** Where a missed task can be added: the platforms of the history, the two built-in ones and manual work. */
function addPlatforms(choices: FilterChoices): { id: string; name: string }[] {
  const ids = new Set(['mturk', 'prolific', ...choices.platforms.map((p) => p.id), 'manual']);
  return [...ids].map((id) => ({ id, name: platformName(id) }));
}

/** An ended task's corrections and their list (an open task is still being recorded: corrected once it ends). */
function TaskCorrections({ task, cells, currencies, onEdit }: { task: TaskRecord; cells: CellContext; currencies: readonly string[]; onEdit: (change: EditChange) => Promise<unknown> }) {
  if (task.status === 'open') return <p class="muted note">{t('historyOpenNoCorrection')}</p>;
  const { superseded, deleted } = applyEdits(task);
  const edits = (task.edits ?? []).map((e) => (e.field === 'outcome' && superseded.includes(e.at) ? { ...e, superseded: true } : e));
  return <Corrections task={task} edits={edits} deleted={deleted} locale={cells.locale} timeZone={cells.timeZone} currencies={currencies} onEdit={onEdit} />;
}

const LABELS: SortLabels = { platform: platformName, outcome: outcomeText };

export function HistoryView(props: HistoryViewProps) {
  const { rows, complete, locale, today, timeZone, opened, onOpen, onClose } = props;
  const [tab, setTab] = useState<Tab>('tasks');
  // The Figures tab mounts when first opened (then stays, keeping its period): it reads and computes figures over
  // the whole range, which would otherwise compete with the list's first screen (bench:data, docs/page-cost.md).
  const [figuresOpened, setFiguresOpened] = useState(false);
  const showTab = (id: Tab) => {
    setTab(id);
    if (id === 'figures') setFiguresOpened(true);
  };
  const [filter, setFilter] = useState<HistoryFilter>({});
  const [sort, setSort] = useState<HistorySort>(DEFAULT_SORT);
  const all = rows ?? [];
  const choices = useMemo(() => choicesOf(all), [all]);
  // Money typed by hand (a task added, a reward corrected): the worker's currencies first, then those recorded.
  const currencies = useMemo(() => [...new Set([...(props.currencies ?? []), ...choices.currencies])], [props.currencies, choices]);
  // Sorted once per sort (the expensive part), then filtered (a pass that keeps the order): a filter change over
  // 100,000 tasks stays well under 200 ms.
  // Platforms and outcomes in the order of the words the list shows (the worker's site names, French outcomes).
  const sorted = useMemo(() => sortRows(all, sort, LABELS), [all, sort]);
  const shown = useMemo(() => filterRows(sorted, filter, today), [sorted, filter, today]);
  // Back from a task: focus returns to its row's button (where the worker left the list).
  const last = useRef<string | null>(null);
  useEffect(() => {
    if (opened) last.current = opened.key;
    else if (last.current) {
      const key = last.current;
      last.current = null;
      [...document.querySelectorAll<HTMLElement>('.history-body [data-key]')].find((el) => el.dataset.key === key)?.querySelector<HTMLElement>('.row-open')?.focus();
    }
  }, [opened?.key ?? null]);
  const cells: CellContext = { locale, ...(timeZone ? { timeZone } : {}) };
  const onSort = (key: SortKey) =>
    // A new key starts where it is most telling: newest, highest and longest first; words from A.
    setSort((s) => (s.key === key ? { key, descending: !s.descending } : { key, descending: !['title', 'requester', 'platform', 'outcome'].includes(key) }));
  const tabButton = (id: Tab, label: string) => (
    <button type="button" role="tab" id={`tab-${id}`} aria-controls={`panel-${id}`} aria-selected={tab === id} tabIndex={tab === id ? 0 : -1} onClick={() => showTab(id)}
      onKeyDown={(e) => {
        if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
        const other: Tab = id === 'tasks' ? 'figures' : 'tasks';
        showTab(other);
        document.getElementById(`tab-${other}`)?.focus();
      }}>
      {label}
    </button>
  );

  return (
    <main class="history" aria-labelledby="history-title">
      <header class="history-header">
        <h1 id="history-title">{t('historyTitle')}</h1>
        <div role="tablist" class="period-tabs history-tabs" aria-labelledby="history-title">
          {tabButton('tasks', t('historyTabTasks'))}
          {tabButton('figures', t('historyTabFigures'))}
        </div>
      </header>
      {props.error && <p role="alert" class="error">{t('loadFailed', [props.error])}</p>}
      <div role="tabpanel" id="panel-tasks" aria-labelledby="tab-tasks" hidden={tab !== 'tasks'}>
        {opened && (
          <TaskTimeline task={opened.task} cells={cells} onClose={onClose}>
            {opened.task && props.onEdit && <TaskCorrections task={opened.task} cells={cells} currencies={currencies} onEdit={(change) => props.onEdit!(opened.key, change)} />}
          </TaskTimeline>
        )}
        {/* The list stays mounted under an opened task: closing it comes back to the same place. */}
        <div hidden={opened !== null} class="history-tasks">
          {props.onAdd && (
            <AddTask platforms={addPlatforms(choices)} currencies={currencies} today={today} onAdd={props.onAdd} />
          )}
          <HistoryFilters filter={filter} choices={choices} onChange={setFilter} />
          <p class="history-count num" role="status">
            {rows && tPlural('historyShown', shown.length, [formatCount(shown.length, locale), formatCount(all.length, locale)], locale)}
            {!complete && <span class="muted"> {t('historyReadingAll')}</span>}
          </p>
          {props.onExportCsv && shown.length > 0 && (
            <Button class="export-csv" onClick={() => props.onExportCsv!(shown)}>
              {t('historyExportCsv')}
            </Button>
          )}
          {rows === null ? (
            <p aria-busy="true">{t('loading')}</p>
          ) : all.length === 0 ? (
            // No row yet and the rest still being read: nothing to say "empty" or "no match" about yet.
            complete ? <p class="empty">{t('historyEmpty')}</p> : <p aria-busy="true">{t('loading')}</p>
          ) : shown.length === 0 ? (
            <p class="empty">{t('historyNoMatch')}</p>
          ) : (
            <HistoryList rows={shown} sort={sort} onSort={onSort} onOpen={onOpen} cells={cells} />
          )}
        </div>
      </div>
      <div role="tabpanel" id="panel-figures" aria-labelledby="tab-figures" hidden={tab !== 'figures'}>
        {/* The tables and charts (issue 16, item 2): the entrypoint passes them, loaded through the storage layer. */}
        {figuresOpened && props.figures}
      </div>
    </main>
  );
}
