// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HistoryView, type HistoryViewProps } from '../../../components/history/HistoryView';
import { setTranslator } from '../../../lib/i18n';
import type { TaskRow } from '../../../lib/storage/task-store';
import { HOSTILE_FORMULA, HOSTILE_HTML, row, rows } from './history-fixtures';

beforeEach(() => setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key), 'en'));
afterEach(() => {
  cleanup();
  setTranslator();
});

function view(list: TaskRow[], over: Partial<HistoryViewProps> = {}) {
  const props: HistoryViewProps = {
    rows: list, complete: true, locale: 'en', today: '2026-11-30', timeZone: 'UTC', opened: null, onOpen: () => {}, onClose: () => {}, ...over,
  };
  return render(<HistoryView {...props} />);
}

const shownKeys = (c: Element) => [...c.querySelectorAll('.history-body [role="row"]')].map((r) => r.getAttribute('data-key'));
const titles = (c: Element) => [...c.querySelectorAll('.history-body .row-open')].map((b) => b.textContent);
const select = (c: Element, name: string, value: string) => fireEvent.change(c.querySelector(`[name="${name}"]`)!, { target: { value } });

describe('the history list', () => {
  it('keeps about a screenful of rows in the DOM, whatever the number of tasks (virtualised)', () => {
    const { container } = view(rows(1_000));
    const inDom = container.querySelectorAll('.history-body [role="row"]').length;
    expect(inDom).toBeGreaterThan(5);
    expect(inDom).toBeLessThanOrEqual(100);
    // Assistive technology still hears the whole list's size and each row's place in it.
    expect(container.querySelector('[role="table"]')!.getAttribute('aria-rowcount')).toBe('1001');
    expect(container.querySelector('.history-body [role="row"]')!.getAttribute('aria-rowindex')).toBe('2');
    expect(screen.getByRole('status').textContent).toContain('historyShown_other(1,000|1,000)');
  });

  it('filters by platform, requester, outcome, days and text, and says how many remain', () => {
    const list = rows(60);
    const { container } = view(list);
    select(container, 'platform', 'prolific');
    expect(screen.getByRole('status').textContent).toContain('historyShown_other(20|60)');
    select(container, 'outcome', 'approved');
    // i % 3 === 1 (Prolific) and i % 4 === 0 (approved): i = 4, 16, 28, 40, 52.
    expect(titles(container)).toEqual(['Task number 4', 'Task number 16', 'Task number 28', 'Task number 40', 'Task number 52']);
    fireEvent.click(screen.getByText('historyClearFilters'));
    select(container, 'requester', 'AR3');
    expect(shownKeys(container).every((k) => list.find((r) => r.key === k)!.requesterId === 'AR3')).toBe(true);
    expect(shownKeys(container)).toHaveLength(list.filter((r) => r.requester === 'AR3').length);
    fireEvent.click(screen.getByText('historyClearFilters'));
    fireEvent.input(container.querySelector('[name="text"]')!, { target: { value: 'hit21' } });
    expect(titles(container)).toEqual(['Task number 21']);
    fireEvent.input(container.querySelector('[name="text"]')!, { target: { value: '' } });
    fireEvent.change(container.querySelector('[name="from"]')!, { target: { value: list[10]!.day } });
    fireEvent.change(container.querySelector('[name="to"]')!, { target: { value: list[10]!.day } });
    const sameDay = list.filter((r) => r.day === list[10]!.day);
    expect(screen.getByRole('status').textContent).toContain(`historyShown_other(${sameDay.length}|60)`);
    // More rows than a screenful: those in the DOM are the first of the day's, newest first.
    const keys = shownKeys(container);
    expect(keys).toEqual(sameDay.map((r) => r.key).slice(0, keys.length));
  });

  it('tells two requesters of one name apart in the requester filter by their platform', () => {
    const { container } = view([row(1, { platform: 'mturk', requesterName: 'Lab' }), row(2, { platform: 'prolific', requesterName: 'Lab' }), row(3, { platform: 'mturk', requesterName: 'Solo' })]);
    const labels = [...container.querySelectorAll('[name="requester"] option')].map((o) => o.textContent).filter((l) => l?.includes('Lab') || l === 'Solo');
    expect(labels.sort()).toEqual(['Lab · Amazon Mechanical Turk', 'Lab · Prolific', 'Solo']);
  });

  it('sorts by each sortable column, both ways, and says so with aria-sort', () => {
    const list = [row(0, { title: 'b', reward: { minor: 300, currency: 'USD' } }), row(1, { title: 'a', reward: { minor: 100, currency: 'USD' } }), row(2, { title: 'C', reward: null })];
    const { container } = view(list);
    const header = (name: string) => screen.getByRole('button', { name: new RegExp(`^${name}`) });
    // Newest first by default.
    expect(titles(container)).toEqual(['b', 'a', 'C']);
    expect(header('historyColEnded').closest('[role="columnheader"]')!.getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(header('historyColTitle'));
    expect(titles(container)).toEqual(['a', 'b', 'C']);
    expect(header('historyColTitle').closest('[role="columnheader"]')!.getAttribute('aria-sort')).toBe('ascending');
    expect(header('historyColEnded').closest('[role="columnheader"]')!.getAttribute('aria-sort')).toBe('none');
    fireEvent.click(header('historyColTitle'));
    expect(titles(container)).toEqual(['C', 'b', 'a']);
    // Highest reward first; a task with no reward comes last either way.
    fireEvent.click(header('historyColReward'));
    expect(titles(container)).toEqual(['b', 'a', 'C']);
    fireEvent.click(header('historyColReward'));
    expect(titles(container)).toEqual(['a', 'b', 'C']);
  });

  it('sorts by active time, rate and requester; an untimed task has no rate and sorts after', () => {
    const list = [
      row(0, { activeMs: 10 * 60_000, reward: { minor: 100, currency: 'USD' }, requesterName: 'Zed', title: 'ten minutes' }), // $6/h
      row(1, { activeMs: 2 * 60_000, reward: { minor: 100, currency: 'USD' }, requesterName: 'alpha', title: 'two minutes' }), // $30/h
      row(2, { activeMs: 0, untimed: true, reward: { minor: 900, currency: 'USD' }, requesterName: 'Mid', title: 'untimed' }),
    ];
    const { container } = view(list);
    fireEvent.click(screen.getByRole('button', { name: /^historyColRate/ }));
    expect(titles(container)).toEqual(['two minutes', 'ten minutes', 'untimed']);
    expect(container.querySelector(`[data-key="${list[2]!.key}"] [data-col="rate"]`)!.textContent).toBe('historyNone');
    fireEvent.click(screen.getByRole('button', { name: /^historyColActive/ }));
    expect(titles(container)).toEqual(['ten minutes', 'two minutes', 'untimed']);
    fireEvent.click(screen.getByRole('button', { name: /^historyRequester/ }));
    expect(titles(container)).toEqual(['two minutes', 'untimed', 'ten minutes']);
  });

  it('shows the day, not a made-up time, as when a record that carries only a date ended', () => {
    // An MTurk status row of 27 November (Pacific), stored as ending at Pacific noon: 05:00 on the 28th in Tokyo.
    const noon = Date.parse('2026-11-27T12:00:00-08:00');
    const list = [
      row(0, { untimed: true, activeMs: 0, idleMs: 0, day: '2026-11-27', endedAt: noon, acceptedAt: undefined, firstActiveAt: undefined, lastActiveAt: undefined }),
      row(1, { addedByHand: true, day: '2026-11-27', endedAt: noon, acceptedAt: undefined, firstActiveAt: undefined, lastActiveAt: undefined }),
    ];
    const { container } = view(list, { timeZone: 'Asia/Tokyo' });
    for (const r of list) {
      const ended = container.querySelector(`[data-key="${r.key}"] [data-col="ended"]`)!;
      // The day as the worker's language writes dates, as every other date of the list; a date, not an instant.
      expect(ended.textContent).toBe('11/27/26');
      expect(ended.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-27');
    }
    cleanup();
    const french = view(list, { timeZone: 'Asia/Tokyo', locale: 'fr-FR' }).container;
    expect(french.querySelector(`[data-key="${list[0]!.key}"] [data-col="ended"]`)!.textContent).toBe('27/11/2026');
  });

  it('shows hostile requester names and titles as inert text', () => {
    const list = [row(0, { requesterName: HOSTILE_HTML, title: HOSTILE_HTML }), row(1, { requesterName: HOSTILE_FORMULA, title: HOSTILE_FORMULA })];
    const { container } = view(list);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelectorAll('.requester-name')[0]!.textContent).toBe(HOSTILE_HTML);
    expect(container.querySelectorAll('.requester-name')[1]!.textContent).toBe(HOSTILE_FORMULA);
    expect(screen.getAllByText(HOSTILE_HTML).length).toBeGreaterThanOrEqual(2); // title, name (and the filter's option)
    expect([...container.querySelectorAll('option')].map((o) => o.textContent)).toContain(HOSTILE_HTML);
    expect(container.querySelector('a')).toBeNull();
    // Set apart from the cells around them (dir="auto" isolates): a direction override in a title or a name cannot
    // turn the money or times beside it round.
    for (const el of container.querySelectorAll('.row-open, .requester-name')) expect(el.getAttribute('dir')).toBe('auto');
  });

  it('opens a row by its button (keyboard: Enter on a focused button), moves between rows with the arrows', () => {
    const onOpen = vi.fn();
    const { container } = view(rows(30), { onOpen });
    const first = container.querySelector<HTMLButtonElement>('.history-body .row-open')!;
    first.focus();
    fireEvent.click(first);
    expect(onOpen).toHaveBeenCalledWith(rows(1)[0]!.key);
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    expect(document.activeElement?.closest('[role="row"]')?.getAttribute('aria-rowindex')).toBe('3');
  });

  it('shows each column a dispute needs: ids, times with their ISO form, active and idle time, money, outcome', () => {
    const { container } = view([row(3, { bonus: { minor: 25, currency: 'USD' }, status: 'rejected' })]);
    const cell = (col: string) => container.querySelector(`[data-col="${col}"]:not([role="columnheader"])`)!;
    expect(cell('ids').textContent).toBe('historyAssignment(T00003)historyHit(HIT3)');
    expect(cell('requester').textContent).toBe('Requester 3AR3');
    const accepted = cell('accepted').querySelector('time')!;
    expect(accepted.getAttribute('title')).toBe('2026-11-20T14:00:00+00:00');
    expect(accepted.getAttribute('datetime')).toBe('2026-11-20T14:00:00+00:00');
    expect(cell('active').textContent).toBe('3:59');
    expect(cell('idle').textContent).toBe('0:03');
    expect(cell('reward').textContent).toBe('$0.13');
    expect(cell('bonus').textContent).toBe('$0.25');
    expect(cell('outcome').textContent).toBe('statusRejected');
    expect(cell('rate').textContent).toBe('historyNone');
  });

  it('says so when the history is empty, and when the filters leave nothing', () => {
    view([]);
    expect(screen.getByText('historyEmpty')).toBeTruthy();
    cleanup();
    const { container } = view(rows(3));
    fireEvent.input(container.querySelector('[name="text"]')!, { target: { value: 'nothing like this' } });
    expect(screen.getByText('historyNoMatch')).toBeTruthy();
  });

  it('after "Clear filters" (which turns disabled), puts the focus on the first filter, not on the page’s body', () => {
    const { container } = view(rows(6));
    select(container, 'outcome', 'approved');
    const clear = screen.getByRole('button', { name: 'historyClearFilters' }) as HTMLButtonElement;
    act(() => clear.focus());
    fireEvent.click(clear);
    expect(clear.disabled).toBe(true);
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'historySearch' }));
    // Every task is shown again, and the count says so.
    expect(screen.getByRole('status').textContent).toContain('historyShown_other(6|6)');
  });

  it('has a Figures tab where the tables and charts mount when it is first opened, and stay', () => {
    view(rows(2), { figures: <p>the stats</p> });
    // Not before: their reads would compete with the list's first screen.
    expect(screen.queryByText('the stats')).toBeNull();
    fireEvent.click(screen.getByRole('tab', { name: 'historyTabFigures' }));
    expect(screen.getByText('the stats')).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'historyTabFigures' }).getAttribute('aria-selected')).toBe('true');
    fireEvent.click(screen.getByRole('tab', { name: 'historyTabTasks' }));
    expect(screen.getByText('the stats', { selector: 'p' })).toBeTruthy();
  });
});
