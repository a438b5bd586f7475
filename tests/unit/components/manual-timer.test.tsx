// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readReward } from '../../../components/ManualReward';
import { ManualTimer } from '../../../components/ManualTimer';
import { PopupView } from '../../../components/PopupView';
import { periodFigures } from '../../../lib/domain/figures';
import { CentimeError } from '../../../lib/errors';
import { setTranslator } from '../../../lib/i18n';
import type { ManualCommand, ManualView, PopupData } from '../../../lib/messaging';

// Translations as keys with their substitutions: the tests read which message is shown, not its wording.
beforeEach(() => setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key)));
afterEach(() => {
  cleanup();
  setTranslator();
  vi.useRealTimers();
});

const T0 = Date.UTC(2026, 10, 27, 14, 0, 0);
const running: ManualView = { key: 'manual:m1', title: 'Receipts', running: true, activeMs: 65_000, at: T0, currency: 'USD', currencies: ['USD', 'GBP'] };
const paused: ManualView = { ...running, running: false };

/** A background that answers every command, remembering them. */
const commands = () => vi.fn(async (_command: ManualCommand) => null);

describe('ManualTimer', () => {
  it('starts a timer with the title typed, from the keyboard (Enter submits)', async () => {
    const send = commands();
    render(<ManualTimer manual={null} onCommand={send} />);
    const title = screen.getByLabelText('manualTitleLabel');
    fireEvent.input(title, { target: { value: '  Phone survey ' } });
    fireEvent.submit(title.closest('form')!);
    await waitFor(() => expect(send).toHaveBeenCalledWith({ action: 'start', title: 'Phone survey' }));
    expect(screen.getByRole('button', { name: 'manualStart' })).toBeTruthy();
  });

  it('starts without a title, which the background fills in', async () => {
    const send = commands();
    render(<ManualTimer manual={null} onCommand={send} />);
    fireEvent.click(screen.getByRole('button', { name: 'manualStart' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith({ action: 'start' }));
  });

  it('ticks each second while running, and says its state', () => {
    vi.useFakeTimers();
    let now = T0 + 2_000;
    render(<ManualTimer manual={running} onCommand={commands()} now={() => now} />);
    expect(screen.getByRole('timer', { name: 'manualElapsed' }).textContent).toBe('1:07');
    expect(screen.getByRole('status').textContent).toBe('manualRunning(Receipts)');
    now += 60_000;
    act(() => void vi.advanceTimersByTime(1_000));
    expect(screen.getByRole('timer').textContent).toBe('2:07');
    expect(screen.getByRole('button', { name: 'manualPause' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'manualStop' })).toBeTruthy();
  });

  it('stands still while paused, offering resume and stop', async () => {
    const send = commands();
    render(<ManualTimer manual={paused} onCommand={send} now={() => T0 + 999_000} />);
    expect(screen.getByRole('timer').textContent).toBe('1:05');
    expect(screen.getByRole('status').textContent).toBe('manualPaused(Receipts)');
    fireEvent.click(screen.getByRole('button', { name: 'manualResume' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith({ action: 'resume' }));
  });

  it('stop pauses, then asks for the reward and saves it in the chosen currency', async () => {
    const send = commands();
    const { rerender } = render(<ManualTimer manual={running} onCommand={send} now={() => T0} />);
    fireEvent.click(screen.getByRole('button', { name: 'manualStop' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith({ action: 'pause' }));
    rerender(<ManualTimer manual={paused} onCommand={send} now={() => T0} />);
    const amount = await screen.findByLabelText('manualRewardLabel');
    // The field takes the focus: the Stop button is gone.
    expect(document.activeElement).toBe(amount);
    expect(screen.getByRole('status').textContent).toBe('manualAskReward(1:05|Receipts)');
    const currency = screen.getByLabelText('manualCurrencyLabel') as HTMLSelectElement;
    expect(currency.value).toBe('USD');
    fireEvent.change(currency, { target: { value: 'GBP' } });
    fireEvent.input(amount, { target: { value: '1,50' } });
    fireEvent.click(screen.getByRole('button', { name: 'save' }));
    await waitFor(() => expect(send).toHaveBeenLastCalledWith({ action: 'stop', reward: { minor: 150, currency: 'GBP' } }));
    rerender(<ManualTimer manual={null} onCommand={send} />);
    expect(screen.getByRole('status').textContent).toBe('manualSaved(Receipts)');
    expect(document.activeElement).toBe(screen.getByLabelText('manualTitleLabel'));
  });

  it('says clearly what is wrong with a reward and loses nothing typed', async () => {
    const send = commands();
    render(<ManualTimer manual={paused} onCommand={send} />);
    fireEvent.click(screen.getByRole('button', { name: 'manualStop' }));
    const amount = (await screen.findByLabelText('manualRewardLabel')) as HTMLInputElement;
    fireEvent.input(amount, { target: { value: 'lots' } });
    fireEvent.submit(amount.closest('form')!);
    expect(screen.getByRole('alert').textContent).toBe('manualRewardInvalid(lots|USD)');
    expect(amount.value).toBe('lots');
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    expect(send).not.toHaveBeenCalled();
    // The background refusing the stop keeps the form and what was typed.
    // Its error is worded by its code, never shown in the background's English (a storage failure: the generic one).
    send.mockRejectedValueOnce(new Error('storage full'));
    fireEvent.input(amount, { target: { value: '$2.00' } });
    fireEvent.submit(amount.closest('form')!);
    expect(await screen.findByText('manualFailed(error_unknown)')).toBeTruthy();
    send.mockRejectedValueOnce(new CentimeError('manual_none', [], 'no manual timer is open'));
    fireEvent.submit(amount.closest('form')!);
    expect(await screen.findByText('manualFailed(error_manual_none)')).toBeTruthy();
    expect(amount.value).toBe('$2.00');
    expect(screen.getByLabelText('manualRewardLabel')).toBe(amount);
  });

  it('ends without a reward, or goes back to the paused timer', async () => {
    const send = commands();
    render(<ManualTimer manual={paused} onCommand={send} />);
    fireEvent.click(screen.getByRole('button', { name: 'manualStop' }));
    fireEvent.click(await screen.findByRole('button', { name: 'manualBack' }));
    const resume = await screen.findByRole('button', { name: 'manualResume' });
    await waitFor(() => expect(document.activeElement).toBe(resume));
    fireEvent.click(screen.getByRole('button', { name: 'manualStop' }));
    fireEvent.click(await screen.findByRole('button', { name: 'manualNoReward' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith({ action: 'stop', reward: null }));
  });
});

describe('readReward', () => {
  it.each([
    ['', 'USD', { reward: null }],
    ['   ', 'USD', { reward: null }],
    ['0.75', 'USD', { reward: { minor: 75, currency: 'USD' } }],
    ['$1.20', 'USD', { reward: { minor: 120, currency: 'USD' } }],
    ['2,5', 'EUR', { reward: { minor: 250, currency: 'EUR' } }],
    ['lots', 'USD', { error: 'manualRewardInvalid(lots|USD)' }],
    ['£2', 'USD', { error: 'manualRewardInvalid(£2|USD)' }],
    ['-1', 'USD', { error: 'manualRewardInvalid(-1|USD)' }],
  ])('%j in %s', (text, currency, expected) => {
    expect(readReward(text, currency)).toEqual(expected);
  });
});

describe('PopupView with the manual timer', () => {
  const data: PopupData = { tasks: [], today: [], day: null, balances: [], pending: { items: [], total: 0 }, quarantined: 0, manual: running };

  it('shows the timer section only when it can send commands, and names manual tasks’ platform', () => {
    const totals = { paidActiveMs: 60_000, unpaidActiveMs: 0, idleMs: 0, platformMs: 0, tasks: 1, earned: {}, pending: {}, approved: {} };
    const figures = periodFigures([totals], { displayCurrency: 'USD', exchangeRates: [] });
    const { rerender } = render(<PopupView data={{ ...data, today: [{ platform: 'manual', totals, figures }] }} locale="en" onOpenOptions={() => {}} />);
    expect(screen.queryByRole('heading', { name: 'manualTimer' })).toBeNull();
    expect(screen.getByText('manualPlatform')).toBeTruthy();
    rerender(<PopupView data={data} locale="en" onOpenOptions={() => {}} onManual={commands()} />);
    expect(screen.getByRole('heading', { name: 'manualTimer' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'manualPause' })).toBeTruthy();
  });
});
