import { useRef } from 'preact/hooks';
import type { HistorySort, SortKey } from '../../lib/domain/history-list';
import { t } from '../../lib/i18n';
import type { TaskRow } from '../../lib/storage/task-store';
import { COLUMNS, GRID, GRID_WIDTH, type CellContext } from './columns';
import { useVirtual } from './use-virtual';

// Every task, one row each, virtualised (@tanstack/virtual-core): whatever the history's size, only the rows in
// view and a few around them are in the DOM. A table for assistive technology (role=table, aria-rowcount and
// aria-rowindex say where a row sits in the whole list); each row opens by its title's button.

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
  const virtual = useVirtual({ count: rows.length, rowHeight: ROW_HEIGHT, paddingStart: HEAD_HEIGHT, scroller: () => scroller.current });

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
  const onKey = (index: number) => (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1);
    const to = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + page, PageUp: index - page, Home: 0, End: rows.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    move(index, to);
  };

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
        <div role="rowgroup" class="history-body" style={{ height: `${virtual.getTotalSize() - HEAD_HEIGHT}px` }}>
          {virtual.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            return (
              <div
                role="row"
                key={row.key}
                aria-rowindex={item.index + 2}
                data-key={row.key}
                class="hrow"
                style={{ gridTemplateColumns: GRID, height: `${ROW_HEIGHT}px`, transform: `translateY(${item.start - HEAD_HEIGHT}px)` }}
              >
                {COLUMNS.map((col) => (
                  <div role="cell" key={col.id} class={col.numeric ? 'num' : undefined} data-col={col.id}>
                    {col.id === 'title' ? (
                      <button type="button" class="link row-open" onClick={() => onOpen(row.key)} onKeyDown={onKey(item.index)}>
                        {row.title || t('titleUnread', [row.taskId])}
                      </button>
                    ) : (
                      col.cell(row, cells)
                    )}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
