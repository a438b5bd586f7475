import { useMemo, useRef, useState } from 'preact/hooks';
import type { HistorySort, SortKey } from '../../lib/domain/history-list';
import { t } from '../../lib/i18n';
import type { TaskRow } from '../../lib/storage/task-store';
import { COLUMNS, GRID, GRID_WIDTH, type CellContext } from './columns';
import { HistoryRow, type RowActions } from './HistoryRow';
import { rowSlots } from './row-slots';
import { useVirtual } from './use-virtual';

// Every task, one row each, virtualised (@tanstack/virtual-core): whatever the history's size, only the rows in
// view and a few around them are in the DOM. A table for assistive technology (role=table, aria-rowcount and
// aria-rowindex say where a row sits in the whole list); each row opens by its title's button. Rows are a fixed
// pool of elements (row-slots.ts) kept in the DOM in slot order, given to assistive technology in list order by
// aria-owns; one tab stop (roving tabindex), the arrows move between rows, and the focused row stays rendered
// (and focused) while the list scrolls away from it.

export const ROW_HEIGHT = 52;
export const HEAD_HEIGHT = 44;

export interface HistoryListProps {
  rows: readonly TaskRow[];
  sort: HistorySort;
  onSort: (key: SortKey) => void;
  onOpen: (key: string) => void;
  cells: CellContext;
}

const ariaSort = (sort: HistorySort, key: SortKey | undefined) =>
  key === undefined ? undefined : sort.key !== key ? 'none' : sort.descending ? 'descending' : 'ascending';

export function HistoryList({ rows, sort, onSort, onOpen, cells }: HistoryListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  /** The task whose button has the focus, its index in `rows` and its element's slot (rendered even out of view). */
  const [focused, setFocused] = useState<{ key: string; index: number; slot: number } | null>(null);
  // After the rows change (a write broadcast, say), the focused task is looked for where it went.
  const keptIndex = useMemo(() => {
    if (!focused) return undefined;
    const index = rows[focused.index]?.key === focused.key ? focused.index : rows.findIndex((r) => r.key === focused.key);
    return index < 0 ? undefined : index;
  }, [rows, focused]);
  const firstInView = useRef(0);
  const virtual = useVirtual({
    count: rows.length, rowHeight: ROW_HEIGHT, paddingStart: HEAD_HEIGHT, scroller: () => scroller.current, keep: keptIndex,
    onRange: (first) => (firstInView.current = first),
  });
  const pool = useRef(0);

  /** Arrow keys move between rows' buttons: the next row may not be rendered yet, so scroll it in first. */
  const move = (from: number, to: number) => {
    const index = Math.max(0, Math.min(rows.length - 1, to));
    if (index === from) return;
    virtual.scrollToIndex(index, { align: 'auto' });
    const focus = (tries: number) => {
      const button = scroller.current?.querySelector<HTMLButtonElement>(`[aria-rowindex="${index + 2}"] .row-open`);
      if (button) button.focus();
      else if (tries > 0) requestAnimationFrame(() => focus(tries - 1));
    };
    focus(5);
  };
  const onKey = (index: number, e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1);
    const to = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + page, PageUp: index - page, Home: 0, End: rows.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    move(index, to);
  };
  // The rows' callbacks through one stable object: a row's props stay equal while it shows the same task.
  const latest = useRef({ onOpen, onKey });
  latest.current = { onOpen, onKey };
  const actions = useRef<RowActions>({ open: (key) => latest.current.onOpen(key), key: (index, e) => latest.current.onKey(index, e) }).current;
  const rowOf = (target: EventTarget | null) => (target instanceof Element ? target.closest<HTMLElement>('.history-body [role="row"]') : null);
  const onFocusIn = (e: FocusEvent) => {
    const el = rowOf(e.target);
    if (el?.dataset.key) setFocused({ key: el.dataset.key, index: Number(el.getAttribute('aria-rowindex')) - 2, slot: Number(el.id.slice('hrow-'.length)) });
  };
  const onFocusOut = (e: FocusEvent) => {
    if (!rowOf(e.relatedTarget)) setFocused(null);
  };

  const items = virtual.getVirtualItems();
  pool.current = Math.max(pool.current, items.length);
  const slots = rowSlots(items.map((i) => i.index), pool.current, keptIndex === undefined ? undefined : { index: keptIndex, slot: focused!.slot });
  const tabStop = keptIndex ?? Math.min(Math.max(firstInView.current, items[0]?.index ?? 0), rows.length - 1);
  const bySlot = items.map((item, i) => ({ item, slot: slots[i]! })).sort((a, b) => a.slot - b.slot);

  return (
    <div class="history-scroll" ref={scroller}>
      <div role="table" aria-label={t('historyListLabel')} aria-rowcount={rows.length + 1} class="history-table" style={{ width: `${GRID_WIDTH}px` }}>
        <div role="rowgroup" class="history-head">
          <div role="row" aria-rowindex={1} class="hrow" style={{ gridTemplateColumns: GRID, height: `${HEAD_HEIGHT}px` }}>
            {COLUMNS.map((col) => (
              <div role="columnheader" key={col.id} aria-sort={ariaSort(sort, col.sort)} class={col.numeric ? 'num' : undefined} data-col={col.id}>
                {col.sort ? (
                  <button type="button" class="sort" onClick={() => onSort(col.sort!)}>
                    {col.label()}
                    <span aria-hidden="true" class="sort-sign">
                      {sort.key === col.sort ? (sort.descending ? '▼' : '▲') : ''}
                    </span>
                  </button>
                ) : (
                  col.label()
                )}
              </div>
            ))}
          </div>
        </div>
        <div
          role="rowgroup"
          class="history-body"
          style={{ height: `${virtual.getTotalSize() - HEAD_HEIGHT}px` }}
          aria-owns={slots.map((s) => `hrow-${s}`).join(' ')}
          onFocusIn={onFocusIn}
          onFocusOut={onFocusOut}
        >
          {bySlot.map(({ item, slot }) => (
            <HistoryRow
              key={slot}
              id={`hrow-${slot}`}
              row={rows[item.index]!}
              index={item.index}
              top={item.start - HEAD_HEIGHT}
              height={ROW_HEIGHT}
              tabbable={item.index === tabStop}
              cells={cells}
              actions={actions}
            />
          ))}
        </div>
      </div>
    </div>
  );
}
