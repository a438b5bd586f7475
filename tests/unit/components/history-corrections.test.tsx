// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HistoryView, type HistoryViewProps } from '../../../components/history/HistoryView';
import { CentimeError } from '../../../lib/errors';
import { setTranslator } from '../../../lib/i18n';
import type { TaskRecord } from '../../../lib/storage/schemas';
import { rowOf, type TaskRow } from '../../../lib/storage/task-store';
import { row } from './history-fixtures';

beforeEach(() => setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key), 'en'));
afterEach(() => {
  cleanup();
  setTranslator();
});

const T0 = Date.UTC(2026, 10, 20, 15);
const task: TaskRecord = {
  v: 2, platform: 'mturk', taskId: 'A1', hitId: 'H1', title: 'Survey', requesterName: 'Lab', requesterId: 'AR1',
  reward: { minor: 100, currency: 'USD' }, firstSeenAt: T0, updatedAt: T0 + 600_000, status: 'returned', endedAt: T0 + 600_000,
  countedDay: '2026-11-20', external: false,
  events: [{ boot: 1, n: 0, type: 'front', at: { wall: T0, mono: 0, origin: 1 } }, { boot: 1, n: 1, type: 'outcome', outcome: 'returned', at: { wall: T0 + 600_000, mono: 600_000, origin: 1 } }],
  activeMs: 600_000, idleMs: 0,
};
const key = 'mturk:A1';

function view(over: Partial<HistoryViewProps> & { task?: TaskRecord } = {}) {
  const shown = over.task ?? task;
  const props: HistoryViewProps = {
    rows: [rowOf(shown)], complete: true, locale: 'en', today: '2026-11-30', timeZone: 'UTC', opened: { key, task: shown },
    onOpen: () => {}, onClose: () => {}, onEdit: vi.fn(async () => ({ saved: true })), onAdd: vi.fn(async () => ({ key: 'mturk:hand-1' })), ...over,
  };
  return { ...render(<HistoryView {...props} />), props };
}
const field = (c: Element, name: string, value: string) => fireEvent.change(c.querySelector(`[name="${name}"]`)!, { target: { value } });
const typeIn = (c: Element, name: string, value: string) => fireEvent.input(c.querySelector(`[name="${name}"]`)!, { target: { value } });

describe('correcting a task', () => {
  it('sends each field as a dated edit for the writer: outcome, reward, bonus, active time, requester', async () => {
    const { container, props } = view();
    const save = () => fireEvent.submit(container.querySelector('.correction-form')!);
    field(container, 'outcome', 'submitted');
    save();
    field(container, 'field', 'reward');
    typeIn(container, 'value', '1.50');
    save();
    await waitFor(() => expect(props.onEdit).toHaveBeenCalledTimes(2));
    field(container, 'field', 'bonus');
    typeIn(container, 'value', '0,25');
    save();
    await waitFor(() => expect(props.onEdit).toHaveBeenCalledTimes(3));
    field(container, 'field', 'activeMs');
    typeIn(container, 'value', '40');
    save();
    await waitFor(() => expect(props.onEdit).toHaveBeenCalledTimes(4));
    field(container, 'field', 'requester');
    typeIn(container, 'value', ' New Lab ');
    typeIn(container, 'requester-id', 'AR9');
    save();
    await waitFor(() => expect(props.onEdit).toHaveBeenCalledTimes(5));
    expect(vi.mocked(props.onEdit!).mock.calls).toEqual([
      [key, { field: 'outcome', value: 'submitted' }],
      [key, { field: 'reward', value: { minor: 150, currency: 'USD' } }],
      [key, { field: 'bonus', value: { minor: 25, currency: 'USD' } }],
      [key, { field: 'activeMs', value: 2_400_000 }],
      [key, { field: 'requester', value: { name: 'New Lab', id: 'AR9' } }],
    ]);
    expect(screen.getByRole('status').textContent).toBe('historyCorrectionSaved');
  });

  it('lets the reward of a task whose page gave none be typed in the currency the site pays in, not only dollars', async () => {
    // A Clickworker job (paid in euros) whose page gave no reward; the worker's display currency is the euro.
    const job: TaskRecord = { ...task, platform: 'custom:clickworker', taskId: 'J1', reward: null, status: 'submitted' };
    const { container, props } = view({ task: job, currencies: ['EUR', 'USD'] });
    field(container, 'field', 'reward');
    expect([...container.querySelectorAll<HTMLOptionElement>('[name="correction-currency"] option')].map((o) => o.value)).toEqual(['EUR', 'USD']);
    typeIn(container, 'value', '2,50');
    fireEvent.submit(container.querySelector('.correction-form')!);
    await waitFor(() => expect(props.onEdit).toHaveBeenCalledWith(key, { field: 'reward', value: { minor: 250, currency: 'EUR' } }));
    // A task with a reward keeps its own currency: no choice offered.
    cleanup();
    const usd = view({ currencies: ['EUR', 'USD'] });
    field(usd.container, 'field', 'bonus');
    expect(usd.container.querySelector('[name="correction-currency"]')).toBeNull();
  });

  it('refuses what it cannot read, and words the writer’s refusal from its code', async () => {
    const onEdit = vi.fn(async () => {
      throw new CentimeError('edits_full');
    });
    const { container } = view({ onEdit });
    field(container, 'field', 'activeMs');
    typeIn(container, 'value', 'forty');
    fireEvent.submit(container.querySelector('.correction-form')!);
    expect(screen.getByRole('alert').textContent).toBe('historyActiveInvalid(forty)');
    // The value is what is wrong: it takes the focus, marked invalid and described by the problem.
    const value = container.querySelector<HTMLInputElement>('[name="value"]')!;
    expect(document.activeElement).toBe(value);
    expect(value.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(value.getAttribute('aria-describedby')!)).toBe(screen.getByRole('alert'));
    expect(onEdit).not.toHaveBeenCalled();
    typeIn(container, 'value', '12:30');
    fireEvent.submit(container.querySelector('.correction-form')!);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('error_edits_full'));
    // What was typed stays, to try again.
    expect(container.querySelector<HTMLInputElement>('[name="value"]')!.value).toBe('12:30');
  });

  it('shows the corrected task with the recorded values beside, lists its corrections and restores one in one click', async () => {
    const corrected: TaskRecord = {
      ...task, status: 'submitted', statusReadAt: T0 + 3_000_000,
      edits: [
        { field: 'outcome', value: 'approved', at: T0 + 1_000_000 },
        { field: 'reward', value: { minor: 250, currency: 'USD' }, at: T0 + 2_000_000 },
        { field: 'bonus', value: { minor: 30, currency: 'USD' }, at: T0 + 4_000_000 },
      ],
    };
    const { container, props } = view({ task: corrected });
    const fact = (name: string) => container.querySelector(`[data-fact="${name}"] dd`)!.textContent;
    expect(fact('reward')).toBe('$2.50historyCorrectedMark historyRecorded($1.00)');
    expect(fact('bonus')).toBe('$0.30historyCorrectedMark historyRecorded(historyNone)');
    // The platform read the status after the outcome correction: the platform's word stands, the edit is superseded.
    expect(fact('outcome')).toBe('statusSubmitted');
    const items = [...container.querySelectorAll('.edits li')];
    expect(items.map((li) => li.querySelector('.edit-text')!.textContent)).toEqual([
      'historyEditItem(historyOutcome|statusApproved)', 'historyEditItem(historyColReward|$2.50)', 'historyEditItem(historyColBonus|$0.30)',
    ]);
    expect(items[0]!.textContent).toContain('historySuperseded');
    expect(items[0]!.querySelector('.restore')).toBeNull();
    expect(items[0]!.querySelector('time')!.getAttribute('title')).toBe('2026-11-20T15:16:40+00:00');
    fireEvent.click(items[1]!.querySelector('.restore')!);
    fireEvent.click(items[2]!.querySelector('.restore')!);
    await waitFor(() => expect(props.onEdit).toHaveBeenCalledTimes(2));
    expect(vi.mocked(props.onEdit!).mock.calls).toEqual([
      [key, { field: 'reward', value: null }],
      [key, { field: 'bonus', value: null, restore: true }],
    ]);
  });

  it('after "Restore the original", puts the focus on the entry that says it was restored, not on the page’s body', async () => {
    const corrected: TaskRecord = { ...task, edits: [{ field: 'reward', value: { minor: 250, currency: 'USD' }, at: T0 + 2_000_000 }] };
    const { container, props, rerender } = view({ task: corrected });
    const restore = container.querySelector<HTMLElement>('.edits .restore')!;
    act(() => restore.focus());
    fireEvent.click(restore);
    await waitFor(() => expect(props.onEdit).toHaveBeenCalledWith(key, { field: 'reward', value: null }));
    // Until the task is read again the button stays, and so does the focus.
    expect(document.activeElement).toBe(restore);
    // The background's broadcast: the task read again, the restore listed after the correction; the button is gone.
    const restored: TaskRecord = { ...corrected, edits: [...corrected.edits!, { field: 'reward', value: null, at: T0 + 3_000_000 }] };
    rerender(<HistoryView {...props} opened={{ key, task: restored }} />);
    expect(container.querySelector('.edits .restore')).toBeNull();
    const items = [...container.querySelectorAll('.edits li')];
    await waitFor(() => expect(document.activeElement).toBe(items[1]));
    expect(items[1]!.querySelector('.edit-text')!.textContent).toBe('historyEditItem(historyColReward|historyOriginalRestored)');
  });

  it('keeps the focus on "Delete this task" / "Restore this task": the same button, relabelled', async () => {
    const { container, props, rerender } = view();
    const button = container.querySelector<HTMLElement>('.delete-task')!;
    act(() => button.focus());
    fireEvent.click(button);
    await waitFor(() => expect(props.onEdit).toHaveBeenCalledWith(key, { field: 'deleted', value: true }));
    rerender(<HistoryView {...props} opened={{ key, task: { ...task, edits: [{ field: 'deleted', value: true, at: T0 + 1 }] } }} />);
    expect(button.textContent).toBe('historyUndelete');
    expect(document.activeElement).toBe(button);
  });

  it('deletes a task and restores it; an open task is not corrected until it ends', async () => {
    const { container, props } = view();
    fireEvent.click(container.querySelector('.delete-task')!);
    await waitFor(() => expect(props.onEdit).toHaveBeenCalledWith(key, { field: 'deleted', value: true }));
    cleanup();
    const deleted = { ...task, edits: [{ field: 'deleted' as const, value: true as const, at: T0 + 1 }] };
    const again = view({ task: deleted });
    fireEvent.click(again.container.querySelector('.undelete-task')!);
    await waitFor(() => expect(again.props.onEdit).toHaveBeenCalledWith(key, { field: 'deleted', value: null }));
    cleanup();
    view({ task: { ...task, status: 'open', endedAt: undefined } });
    expect(screen.getByText('historyOpenNoCorrection')).toBeTruthy();
    expect(document.querySelector('.correction-form')).toBeNull();
  });
});

describe('the list with corrections', () => {
  const list: TaskRow[] = [row(0), row(1, { deleted: true }), row(2, { addedByHand: true, untimed: true }), row(3, { corrected: ['reward'] })];
  const titles = (c: Element) => [...c.querySelectorAll('.history-body .row-open')].map((b) => b.textContent);

  it('hides deleted tasks but under the "deleted" filter, lists those added by hand, marks corrected values', () => {
    const { container } = view({ rows: list, opened: null });
    expect(titles(container)).toEqual(['Task number 0', 'Task number 2', 'Task number 3']);
    expect(container.querySelector(`[data-key="${list[3]!.key}"] [data-col="reward"]`)!.textContent).toContain('historyCorrectedMark');
    expect(container.querySelector(`[data-key="${list[2]!.key}"] [data-col="outcome"]`)!.textContent).toContain('historyByHandMark');
    field(container, 'outcome', 'deleted');
    expect(titles(container)).toEqual(['Task number 1']);
    field(container, 'outcome', 'byHand');
    expect(titles(container)).toEqual(['Task number 2']);
  });
});

describe('adding a task Centime missed', () => {
  it('sends the task as typed; with an active time it is timed', async () => {
    const { container, props } = view({ opened: null });
    field(container, 'add-platform', 'prolific');
    typeIn(container, 'add-title', 'Study I forgot');
    typeIn(container, 'add-requester', '<img src=x onerror=alert(1)>');
    typeIn(container, 'add-reward', '2.40');
    field(container, 'add-currency', 'USD');
    field(container, 'add-day', '2026-11-28');
    field(container, 'add-outcome', 'submitted');
    typeIn(container, 'add-active', '0:20:00');
    fireEvent.submit(container.querySelector('.add-task form')!);
    await waitFor(() => expect(props.onAdd).toHaveBeenCalledOnce());
    expect(vi.mocked(props.onAdd!).mock.calls[0]![0]).toEqual({
      platform: 'prolific', title: 'Study I forgot', requesterName: '<img src=x onerror=alert(1)>', reward: { minor: 240, currency: 'USD' },
      day: '2026-11-28', outcome: 'submitted', activeMs: 1_200_000,
    });
    await waitFor(() => expect(screen.getByText('historyAdded')).toBeTruthy());
    expect(container.querySelector('img')).toBeNull();
  });

  it('says what is missing instead of sending', () => {
    const { container, props } = view({ opened: null });
    typeIn(container, 'add-reward', '1');
    fireEvent.submit(container.querySelector('.add-task form')!);
    expect(screen.getByRole('alert').textContent).toBe('historyTitleEmpty');
    typeIn(container, 'add-title', 'x');
    typeIn(container, 'add-reward', '');
    fireEvent.submit(container.querySelector('.add-task form')!);
    expect(screen.getByRole('alert').textContent).toBe('historyAmountEmpty');
    expect(props.onAdd).not.toHaveBeenCalled();
  });

  it('ties the problem to the field it is about (aria-invalid, aria-describedby) and puts the focus there', async () => {
    const { container, props } = view({ opened: null });
    const input = (name: string) => container.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
    const submit = () => fireEvent.submit(container.querySelector('.add-task form')!);
    /** The fields marked invalid, each with the problem's text that describes it. */
    const marked = () =>
      [...container.querySelectorAll('.add-task [aria-invalid="true"]')].map((f) => [f.getAttribute('name'), document.getElementById(f.getAttribute('aria-describedby')!)?.textContent]);
    act(() => container.querySelector<HTMLElement>('.add-task-submit')!.focus());
    submit();
    expect(marked()).toEqual([['add-title', 'historyTitleEmpty']]);
    expect(document.activeElement).toBe(input('add-title'));
    typeIn(container, 'add-title', 'Study I forgot');
    typeIn(container, 'add-reward', 'two');
    submit();
    expect(marked()).toEqual([['add-reward', 'manualRewardInvalid(two|USD)']]);
    expect(document.activeElement).toBe(input('add-reward'));
    typeIn(container, 'add-reward', '2');
    field(container, 'add-day', '');
    submit();
    expect(marked()).toEqual([['add-day', 'historyDayEmpty']]);
    expect(document.activeElement).toBe(input('add-day'));
    field(container, 'add-day', '2026-11-28');
    typeIn(container, 'add-active', 'soon');
    submit();
    expect(marked()).toEqual([['add-active', 'historyActiveInvalid(soon)']]);
    expect(document.activeElement).toBe(input('add-active'));
    expect(props.onAdd).not.toHaveBeenCalled();
    // The writer's refusal is about no one field: none is marked, the alert says it.
    typeIn(container, 'add-active', '');
    vi.mocked(props.onAdd!).mockRejectedValueOnce(new CentimeError('no_answer'));
    submit();
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('error_no_answer'));
    expect(marked()).toEqual([]);
  });
});
