// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
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
});
