// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OpenTasks } from '../../../components/OpenTasks';
import { CentimeError } from '../../../lib/errors';
import { setTranslator } from '../../../lib/i18n';
import type { TaskSummary } from '../../../lib/messaging';

// The popup's "type the reward" form on a task whose page gave no reward: what a worker meets when saving fails,
// where the keyboard focus goes, and which message each field is described by.
const rates = { minRates: { USD: 725 }, targetRates: {}, displayCurrency: 'EUR', exchangeRates: [] };
const task = (over: Partial<TaskSummary>): TaskSummary => ({
  platform: 'mturk', taskId: 'A1', title: 'Label images', requesterName: '', reward: null, firstSeenAt: 0, status: 'open', activeMs: 5_000, idleMs: 0, front: true, missing: ['reward'], ...over,
});
const submit = (input: HTMLElement, value: string) => {
  fireEvent.input(input, { target: { value } });
  fireEvent.submit(input.closest('form')!);
};

beforeEach(() => setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key)));
afterEach(() => {
  cleanup();
  setTranslator();
});

describe('typing the reward of a task whose page gave none', () => {
  it('words a failure to save in the worker’s language, by its code, never as the error’s own (English) text', async () => {
    const onReward = vi.fn(async () => {
      throw new CentimeError('task_unknown', [], 'no open task mturk:A1');
    });
    render(<OpenTasks tasks={[task({})]} locale="en-US" rates={rates} onReward={onReward} />);
    fireEvent.click(screen.getByText('typeReward'));
    submit(screen.getByLabelText('manualRewardLabel'), '0.75');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('error_task_unknown'));
  });

  it('gives the focus back to "Type the reward" when the form is cancelled (the Cancel button is gone)', () => {
    render(<OpenTasks tasks={[task({})]} locale="en-US" rates={rates} onReward={vi.fn(async () => {})} />);
    fireEvent.click(screen.getByText('typeReward'));
    const cancel = screen.getByText('cancel');
    act(() => cancel.focus());
    fireEvent.click(cancel);
    expect(document.activeElement).toBe(screen.getByText('typeReward'));
  });

  it('ties each form’s field to its own problem: two tasks’ problems never share an id', () => {
    render(<OpenTasks tasks={[task({}), task({ taskId: 'A2' })]} locale="en-US" rates={rates} onReward={vi.fn(async () => {})} />);
    for (const button of screen.getAllByText('typeReward')) fireEvent.click(button);
    const fields = screen.getAllByLabelText('manualRewardLabel');
    for (const field of fields) submit(field, 'abc');
    const alerts = screen.getAllByRole('alert');
    expect(alerts).toHaveLength(2);
    expect(new Set(alerts.map((a) => a.id)).size).toBe(2);
    // Each field is described by the problem beside it.
    fields.forEach((field, i) => expect(field.getAttribute('aria-describedby')).toBe(alerts[i]!.id));
  });
});
