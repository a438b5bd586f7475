import { Component } from 'preact';
import { t } from '../../lib/i18n';
import type { TaskRow } from '../../lib/storage/task-store';
import { COLUMNS, GRID, type CellContext } from './columns';

// One row of the history list, in one of the list's pooled elements (row-slots.ts). It renders again only when
// what it shows changes: scrolling re-renders the rows that came into view, not the ~40 in the DOM.

export interface RowActions {
  open: (key: string) => void;
  key: (index: number, e: KeyboardEvent) => void;
}

export interface HistoryRowProps {
  id: string;
  row: TaskRow;
  index: number;
  /** From the top of the rows (under the header), px. */
  top: number;
  height: number;
  /** The list's one tab stop (roving tabindex: the arrows move between rows). */
  tabbable: boolean;
  cells: CellContext;
  /** Stable across renders; reads the list's current callbacks. */
  actions: RowActions;
}

export class HistoryRow extends Component<HistoryRowProps> {
  override shouldComponentUpdate(next: HistoryRowProps): boolean {
    const p = this.props;
    return next.row !== p.row || next.index !== p.index || next.top !== p.top || next.tabbable !== p.tabbable
      || next.cells.locale !== p.cells.locale || next.cells.timeZone !== p.cells.timeZone;
  }

  override render({ id, row, index, top, height, tabbable, cells, actions }: HistoryRowProps) {
    return (
      <div id={id} role="row" aria-rowindex={index + 2} data-key={row.key} class="hrow" style={{ gridTemplateColumns: GRID, height: `${height}px`, transform: `translateY(${top}px)` }}>
        {COLUMNS.map((col) => (
          <div role="cell" key={col.id} class={col.numeric ? 'num' : undefined} data-col={col.id}>
            {col.id === 'title' ? (
              <button type="button" class="link row-open" dir="auto" tabIndex={tabbable ? 0 : -1} onClick={() => actions.open(row.key)} onKeyDown={(e) => actions.key(index, e)}>
                {row.title || t('titleUnread', [row.taskId])}
              </button>
            ) : (
              col.cell(row, cells)
            )}
          </div>
        ))}
      </div>
    );
  }
}
