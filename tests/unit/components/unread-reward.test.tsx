// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OpenTasks } from '../../../components/OpenTasks';
import { PageHealthCard } from '../../../components/PageHealthCard';
import { overlayWords, askWords } from '../../../lib/background/overlay-view';
import type { LiveView } from '../../../lib/domain/live';
import { moneyPattern } from '../../../lib/domain/money-pattern';
import { setTranslator } from '../../../lib/i18n';
import type { TaskSummary } from '../../../lib/messaging';
import { Overlay } from '../../../lib/runtime/overlay';
import type { OverlayLive } from '../../../lib/runtime/overlay-message';

// Issue 19: where a task's page gave no reward, the worker is told in words and can type it, in the overlay and
// in the popup; the options page has a health line per platform.
const rates = { minRates: { USD: 725 }, targetRates: {}, displayCurrency: 'EUR', exchangeRates: [] };
const task = (over: Partial<TaskSummary>): TaskSummary => ({
  platform: 'mturk', taskId: 'A1', title: 'Label images', requesterName: '', reward: null, firstSeenAt: 0, status: 'open', activeMs: 5_000, idleMs: 0, front: true, ...over,
});

describe('a reward that could not be read', () => {
  beforeEach(() => setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key)));
  afterEach(() => {
    cleanup();
    setTranslator();
    vi.restoreAllMocks();
  });

  it('the popup says so on the task and takes the reward typed in US dollars on MTurk', async () => {
    const onReward = vi.fn(async () => {});
    render(<OpenTasks tasks={[task({ missing: ['reward', 'requester'] }), task({ taskId: 'A2', reward: { minor: 50, currency: 'USD' } })]} locale="en-US" rates={rates} onReward={onReward} />);
    expect(screen.getAllByText('rewardUnread')).toHaveLength(1);
    fireEvent.click(screen.getByText('typeReward'));
    // The manual timer's reward form, without its "No reward": the way back is "Cancel".
    expect(screen.queryByText('manualNoReward')).toBeNull();
    expect((screen.getByRole('combobox') as HTMLSelectElement).value).toBe('USD');
    fireEvent.input(screen.getByLabelText('manualRewardLabel'), { target: { value: 'abc' } });
    fireEvent.submit(screen.getByLabelText('manualRewardLabel').closest('form')!);
    expect(screen.getByRole('alert').textContent).toBe('manualRewardInvalid(abc|USD)');
    fireEvent.input(screen.getByLabelText('manualRewardLabel'), { target: { value: '0.75' } });
    fireEvent.submit(screen.getByLabelText('manualRewardLabel').closest('form')!);
    await waitFor(() => expect(onReward).toHaveBeenCalledWith('mturk', 'A1', { minor: 75, currency: 'USD' }));
  });

  it('names a task whose title could not be read by its id, rather than showing an empty line', () => {
    render(<OpenTasks tasks={[task({ title: '', missing: ['title', 'reward'] })]} locale="en-US" rates={rates} />);
    expect(document.querySelector('.title')?.textContent).toBe('titleUnread(A1)');
  });

  it('the overlay says so in words, with a field whose text goes to the background', async () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: true, data: { saved: false, problem: 'manualRewardInvalid(x|USD)' } });
    const view: LiveView = { activeMs: 1000, idleMs: 0, running: true, reward: null, rate: null, minimum: null, target: null, band: 'no-reward', leftMs: null };
    const live: OverlayLive = { view, at: 1_000, words: overlayWords(view, 'en-US'), pattern: moneyPattern('USD', 'en-US'), place: { x: 16, y: 16, collapsed: true }, ask: askWords('custom:my-site:example.org/t/1') };
    const overlay = new Overlay();
    overlay.show(live);
    const box = (overlay as unknown as { box: HTMLDivElement }).box;
    expect(box.querySelector('.ask .note')?.textContent).toBe('rewardUnread');
    box.querySelector('input')!.value = 'x';
    box.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(send).toHaveBeenCalledWith({ type: 'cs-bg-task-reward', payload: { platform: 'custom:my-site', taskId: 'example.org/t/1', text: 'x' } });
    await vi.waitFor(() => expect(box.querySelector('.ask .problem')?.textContent).toBe('manualRewardInvalid(x|USD)'));
    // The background's next view no longer asks: the question goes.
    overlay.show({ ...live, ask: undefined });
    expect(box.querySelector('.ask')).toBeNull();
    overlay.unmount();
  });

  it('the options page shows, per platform, when each kind of page was last read and how many could not be', () => {
    const at = Date.UTC(2026, 10, 30, 12, 0);
    render(
      <PageHealthCard
        health={{ mturk: { task: { okAt: at, failed: 3, failedAt: at + 1 }, queue: { okAt: at, failed: 0 } }, prolific: { task: { failed: 2, failedAt: at } } }}
        platforms={[{ id: 'mturk', name: 'Amazon Mechanical Turk' }, { id: 'prolific', name: 'Prolific' }, { id: 'custom:x', name: 'X' }]}
        locale="en-US"
      />,
    );
    const mturk = document.querySelector('[data-platform="mturk"]')!;
    expect(mturk.querySelector('[data-kind="task"]')?.textContent).toMatch(/^pageKindTask — healthRead\(.+\), healthFailed_other\(3\)$/);
    expect(mturk.querySelector('[data-kind="task"]')?.className).toBe('warning');
    expect(mturk.querySelector('[data-kind="queue"]')?.textContent).not.toContain('healthFailed');
    expect(document.querySelector('[data-platform="prolific"] [data-kind="task"]')?.textContent).toBe('pageKindTask — healthNever, healthFailed_other(2)');
    expect(document.querySelector('[data-platform="custom:x"]')).toBeNull();
  });
});
