// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HistoryView } from '../../../components/history/HistoryView';
import { HEAD_HEIGHT, ROW_HEIGHT } from '../../../components/history/HistoryList';
import { rowSlots } from '../../../components/history/row-slots';
import { setTranslator } from '../../../lib/i18n';
import { rows } from './history-fixtures';

// Scrolling the history list (issue 18: no long task while scrolling 100,000 tasks). Rows are a pool of elements
// that change what they show instead of being removed and created; the focused row and the keyboard still work.

beforeEach(() => setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key), 'en'));
afterEach(() => {
  cleanup();
  setTranslator();
});

const list = rows(500);
function view() {
  return render(<HistoryView rows={list} complete locale="en" today="2026-11-30" timeZone="UTC" opened={null} onOpen={() => {}} onClose={() => {}} />);
}
const body = (c: Element) => c.querySelector<HTMLElement>('.history-body')!;
const rowEls = (c: Element) => [...c.querySelectorAll<HTMLElement>('.history-body [role="row"]')];
const indexOf = (el: Element) => Number(el.getAttribute('aria-rowindex')) - 2;
function scrollTo(c: Element, top: number) {
  const scroller = c.querySelector<HTMLElement>('.history-scroll')!;
  scroller.scrollTop = top;
  fireEvent.scroll(scroller);
}

describe('row slots', () => {
  it('gives a run of indices distinct slots, and the same slot to an index while it stays in the run', () => {
    expect(rowSlots([0, 1, 2, 3], 4)).toEqual([0, 1, 2, 3]);
    expect(rowSlots([2, 3, 4, 5], 4)).toEqual([2, 3, 0, 1]);
    // The kept index keeps its element's slot; the index of the run that shares it takes the spare (4).
    expect(rowSlots([1, 10, 11, 12, 13], 4, { index: 1, slot: 1 })).toEqual([1, 2, 3, 0, 4]);
    expect(rowSlots([1, 10, 11, 12, 13], 4, { index: 1, slot: 3 })).toEqual([3, 2, 4, 0, 1]);
    expect(rowSlots([9, 10, 11, 12], 4, { index: 9, slot: 4 })).toEqual([4, 2, 3, 0]);
    for (let start = 0; start < 50; start++) {
      const run = Array.from({ length: 9 }, (_, i) => start + i);
      for (const kept of [undefined, 3, 60]) {
        const indices = kept === undefined || run.includes(kept) ? run : [...run, kept].sort((a, b) => a - b);
        const slots = rowSlots(indices, 9, kept === undefined ? undefined : { index: kept, slot: (kept * 7) % 10 });
        expect(new Set(slots).size).toBe(indices.length);
      }
    }
  });
});

describe('scrolling the history list', () => {
  it('reuses its row elements: scrolling creates and removes none, and each row shows its task', () => {
    const { container } = view();
    // Away from the list's ends, the pool has its full size (the rows in view and those around them, each side).
    scrollTo(container, 20 * ROW_HEIGHT);
    const before = rowEls(container);
    const added: Node[] = [];
    const removed: Node[] = [];
    const observer = new MutationObserver((records) => records.forEach((r) => (added.push(...r.addedNodes), removed.push(...r.removedNodes))));
    observer.observe(body(container), { childList: true });
    for (const rowsDown of [23, 30, 60, 200, 41]) scrollTo(container, rowsDown * ROW_HEIGHT);
    observer.takeRecords().forEach((r) => (added.push(...r.addedNodes), removed.push(...r.removedNodes)));
    observer.disconnect();
    expect(added).toEqual([]);
    expect(removed).toEqual([]);
    const after = rowEls(container);
    expect(after.length).toBe(before.length);
    expect(after.every((el) => before.includes(el))).toBe(true);
    const indices = after.map(indexOf).sort((a, b) => a - b);
    expect(indices).toContain(41);
    for (const el of after) {
      expect(el.dataset.key).toBe(list[indexOf(el)]!.key);
      expect(el.querySelector('.row-open')!.textContent).toBe(list[indexOf(el)]!.title);
      expect(el.style.transform).toBe(`translateY(${indexOf(el) * ROW_HEIGHT}px)`);
    }
    // Assistive technology gets the rows in the list's order, whatever their order in the DOM.
    const owned = body(container).getAttribute('aria-owns')!.split(' ').map((id) => indexOf(container.querySelector(`#${id}`)!));
    expect(owned).toEqual(indices);
  });

  it('has one tab stop; the focused row stays rendered and focused while the list scrolls away from it', async () => {
    const { container, rerender } = view();
    const tabbable = () => rowEls(container).filter((el) => el.querySelector<HTMLButtonElement>('.row-open')!.tabIndex === 0).map(indexOf);
    expect(tabbable()).toEqual([0]);
    const button = container.querySelector<HTMLButtonElement>('[aria-rowindex="4"] .row-open')!;
    act(() => button.focus());
    expect(tabbable()).toEqual([2]);
    scrollTo(container, 300 * ROW_HEIGHT);
    expect(document.activeElement).toBe(button);
    expect(button.closest<HTMLElement>('[role="row"]')!.dataset.key).toBe(list[2]!.key);
    expect(tabbable()).toEqual([2]);
    expect(rowEls(container).map(indexOf)).toContain(300);
    // The arrows go on from the focused row.
    fireEvent.keyDown(button, { key: 'ArrowDown' });
    fireEvent.scroll(container.querySelector('.history-scroll')!); // happy-dom's scrollTo does not say it scrolled
    await vi.waitFor(() => expect(document.activeElement?.closest('[role="row"]')?.getAttribute('aria-rowindex')).toBe('5'));
    // Focus leaves the list: the first row in view is the tab stop again.
    // The rows change under the focus (a write broadcast): the focused element follows its task.
    const moved = [rows(1)[0]!, ...list].map((r, i) => (i === 0 ? { ...r, key: 'new:task', title: 'new' } : r));
    rerender(<HistoryView rows={moved} complete locale="en" today="2026-11-30" timeZone="UTC" opened={null} onOpen={() => {}} onClose={() => {}} />);
    expect(document.activeElement?.closest<HTMLElement>('[role="row"]')?.dataset.key).toBe(list[3]!.key);
    expect(document.activeElement?.closest('[role="row"]')?.getAttribute('aria-rowindex')).toBe('6');
    act(() => (document.activeElement as HTMLElement).blur());
    scrollTo(container, HEAD_HEIGHT + 100 * ROW_HEIGHT);
    expect(tabbable()).toEqual([100]);
  });
});
