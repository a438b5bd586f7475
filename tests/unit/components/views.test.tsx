import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OptionsView, readDraft } from '../../../components/OptionsView';
import { PopupView } from '../../../components/PopupView';
import { setTranslator } from '../../../lib/i18n';
import type { PopupData } from '../../../lib/messaging';
import type { Settings } from '../../../lib/storage/schemas';
import { DEFAULT_SETTINGS } from '../../../lib/storage/settings';

// Translations as keys with their substitutions: the tests read which message is shown, not its wording.
beforeEach(() => setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key)));
afterEach(() => {
  cleanup();
  setTranslator();
});

const hostile = '<img src=x onerror="alert(1)"><b>Bold</b> & "quoted"';
const data: PopupData = {
  tasks: [
    { platform: 'mturk', taskId: 'A1', title: hostile, requesterName: 'R & <D>', reward: { minor: 50, currency: 'USD' }, firstSeenAt: 1, status: 'open', activeMs: 90_000, idleMs: 5_000, front: true },
    { platform: 'mturk', taskId: 'A2', title: 'No reward shown', requesterName: '', reward: null, firstSeenAt: 2, status: 'open', activeMs: 0, idleMs: 0, front: false },
  ],
  today: [],
  balances: [],
  quarantined: 2,
};

describe('PopupView', () => {
  it('renders page strings as text only', () => {
    const { container } = render(<PopupView data={data} locale="en" onOpenOptions={() => {}} />);
    expect(container.querySelector('img, b')).toBeNull();
    expect(screen.getByText(hostile)).toBeTruthy();
    expect(screen.getByText('R & <D>')).toBeTruthy();
  });

  it('formats rewards in the UI locale and says when a reward is unknown', () => {
    render(<PopupView data={data} locale="fr" onOpenOptions={() => {}} />);
    expect(screen.getByText('0,50 $US')).toBeTruthy();
    expect(screen.getByText('rewardUnknown')).toBeTruthy();
  });

  it('reports kept-aside records, the empty state, loading and errors', () => {
    const { rerender } = render(<PopupView data={data} locale="en" onOpenOptions={() => {}} />);
    expect(screen.getByRole('status').textContent).toBe('quarantinedCount(2)');
    rerender(<PopupView data={{ tasks: [], today: [], balances: [], quarantined: 0 }} locale="en" onOpenOptions={() => {}} />);
    expect(screen.getByText('noTasksYet')).toBeTruthy();
    rerender(<PopupView data={null} locale="en" onOpenOptions={() => {}} />);
    expect(screen.getByText('loading')).toBeTruthy();
    rerender(<PopupView data={null} error="boom" locale="en" onOpenOptions={() => {}} />);
    expect(screen.getByRole('alert').textContent).toBe('loadFailed(boom)');
  });

  it("shows today's earnings, paid time, effective rate and unpaid time per platform", () => {
    const totals = {
      paidActiveMs: 360_000,
      unpaidActiveMs: 65_000,
      idleMs: 0,
      platformMs: 0,
      tasks: 3,
      earned: { USD: 120 },
      pending: { USD: 120 },
      approved: {},
    };
    render(<PopupView data={{ ...data, today: [{ platform: 'mturk', totals }] }} locale="en" onOpenOptions={() => {}} />);
    expect(screen.getByText('Amazon Mechanical Turk')).toBeTruthy();
    expect(document.querySelector('.earned')!.textContent).toBe('$1.20');
    expect(document.querySelector('.paid-active')!.textContent).toBe('paidActive(6:00)');
    expect(document.querySelector('.effective-rate')!.textContent).toBe(' · effectiveRate($12.00)');
    expect(document.querySelector('.unpaid')!.textContent).toBe(' · unpaidActive(1:05)');
    // $1.20 over 6:00 paid + 1:05 unpaid = 7:05 of work: $10.16/h.
    expect(document.querySelector('.true-rate')!.textContent).toBe(' · trueRate($10.16)');
  });

  it('shows each open task with its live times and rate, the one in front marked', () => {
    render(<PopupView data={data} locale="en" onOpenOptions={() => {}} />);
    const first = document.querySelector('.tasks li')!;
    expect(first.className).toBe('front');
    expect(first.querySelector('.active')!.textContent).toBe('activeShort(1:30)');
    expect(first.querySelector('.idle')!.textContent).toBe('idleShort(0:05)');
    expect(first.querySelector('.rate')!.textContent).toBe('perHour($20.00)');
  });

  it('says when the platforms’ access was revoked and offers to grant it again', () => {
    const grant = vi.fn();
    const { rerender } = render(<PopupView data={data} locale="en" onOpenOptions={() => {}} />);
    expect(screen.queryByText('accessRevoked')).toBeNull();
    rerender(<PopupView data={data} locale="en" onOpenOptions={() => {}} missingAccess onGrantAccess={grant} />);
    expect(screen.getByRole('alert').textContent).toContain('accessRevoked');
    fireEvent.click(screen.getByRole('button', { name: 'grantAccess' }));
    expect(grant).toHaveBeenCalledOnce();
  });

  it('shows pending, the withdrawable estimate with its age, and what is presumably approved', () => {
    const balance = { platform: 'mturk', currency: 'USD', pending: 150, presumablyApproved: 0, withdrawable: null, withdrawableSince: null, bonusIncome: 0 };
    const { rerender } = render(<PopupView data={{ ...data, balances: [balance] }} locale="en" onOpenOptions={() => {}} />);
    expect(document.querySelector('.pending')!.textContent).toBe('pendingAmount($1.50)');
    expect(document.querySelector('.withdrawable')!.textContent).toBe('withdrawableUnknown');
    const at = new Date(2026, 10, 27, 14, 5).getTime();
    const read = { ...balance, withdrawable: 1234, withdrawableSince: at, presumablyApproved: 25 };
    rerender(<PopupView data={{ ...data, balances: [read] }} locale="en" onOpenOptions={() => {}} />);
    expect(document.querySelector('.withdrawable')!.textContent).toMatch(/^withdrawableSince\(\$12\.34\|.*2:05\sPM\)$/);
    expect(document.querySelector('.presumed')!.textContent).toBe(' · presumablyApproved($0.25)');
  });

  it('refreshes balances on demand and says how it went: done, paused, logged out, failed', () => {
    const refresh = vi.fn();
    const view = (state: Parameters<typeof PopupView>[0]['refresh']) => (
      <PopupView data={data} locale="en" onOpenOptions={() => {}} refresh={state} onRefresh={refresh} />
    );
    const { rerender } = render(view({ busy: false }));
    fireEvent.click(screen.getByRole('button', { name: 'refreshBalances' }));
    expect(refresh).toHaveBeenCalledOnce();
    rerender(view({ busy: true }));
    expect((screen.getByRole('button', { name: 'refreshing' }) as HTMLButtonElement).disabled).toBe(true);
    rerender(view({ busy: false, outcome: { kind: 'done', requests: 3 } }));
    expect(document.querySelector('.refresh')!.textContent).toBe('refreshDone(3)');
    rerender(view({ busy: false, outcome: { kind: 'paused', until: new Date(2026, 10, 27, 15, 30).getTime(), requests: 2 } }));
    expect(document.querySelector('.refresh')!.textContent).toMatch(/^refreshPaused\(3:30\sPM\)$/);
    rerender(view({ busy: false, outcome: { kind: 'logged-out', requests: 1 } }));
    expect(document.querySelector('.refresh')!.textContent).toBe('refreshLoggedOut');
    rerender(view({ busy: false, outcome: { kind: 'failed', error: 'NetworkError', requests: 1 } }));
    expect(document.querySelector('.refresh')!.textContent).toBe('refreshFailed(NetworkError)');
  });

  it('opens the options from a keyboard-reachable button', () => {
    const open = vi.fn();
    render(<PopupView data={data} locale="en" onOpenOptions={open} />);
    fireEvent.click(screen.getByRole('button', { name: 'openOptions' }));
    expect(open).toHaveBeenCalledOnce();
  });
});

describe('OptionsView', () => {
  const options = { settings: DEFAULT_SETTINGS, quarantined: 3 };

  it('shows the quarantine count', () => {
    render(<OptionsView data={options} locale="en" onSave={async () => {}} />);
    expect(screen.getByTestId('quarantine').textContent).toBe('quarantinedCount(3)');
  });

  it('saves rates typed in English or French notation as minor units', async () => {
    const save = vi.fn(async (_settings: Settings) => {});
    render(<OptionsView data={options} locale="en" onSave={save} />);
    fireEvent.input(screen.getByLabelText('minimumRateFor(USD)'), { target: { value: '8,50' } });
    fireEvent.input(screen.getByLabelText('targetRateFor(USD)'), { target: { value: '12.00' } });
    fireEvent.click(screen.getByRole('button', { name: 'save' }));
    await waitFor(() => expect(save).toHaveBeenCalledOnce());
    expect(save.mock.calls[0]![0]).toMatchObject({ minRates: { USD: 850, GBP: 600 }, targetRates: { USD: 1200 } });
    expect(await screen.findByText('settingsSaved')).toBeTruthy();
  });

  it('explains what is wrong instead of saving', () => {
    expect(readDraft(DEFAULT_SETTINGS, { 'min-USD': 'lots', idle: '120' })).toBe('invalidRate(lots|USD)');
    expect(readDraft(DEFAULT_SETTINGS, { 'min-USD': '12', 'target-USD': '10', idle: '120' })).toBe(
      'targetBelowMinimum(USD)',
    );
    expect(readDraft(DEFAULT_SETTINGS, { idle: '5' })).toBe('invalidIdleTimeout');
    expect(readDraft(DEFAULT_SETTINGS, { 'min-GBP': '£6.50', idle: '15' })).toMatchObject({
      minRates: { GBP: 650 },
      idleTimeoutSec: 15,
    });
  });

  it('turns the overlay and notifications on and off', async () => {
    const save = vi.fn(async (_settings: Settings) => {});
    render(<OptionsView data={options} locale="en" onSave={save} />);
    fireEvent.click(screen.getByLabelText('showNotifications'));
    fireEvent.click(screen.getByRole('button', { name: 'save' }));
    await waitFor(() => expect(save).toHaveBeenCalledOnce());
    expect(save.mock.calls[0]![0]).toMatchObject({ overlay: true, notifications: false });
  });

  it('turns the periodic refresh on, never more often than every 30 minutes', async () => {
    expect(readDraft(DEFAULT_SETTINGS, { idle: '120', autoRefresh: 'on', autoRefreshMinutes: '10' })).toBe('invalidRefreshInterval');
    expect(readDraft(DEFAULT_SETTINGS, { idle: '120', autoRefresh: 'on', autoRefreshMinutes: '45' })).toMatchObject({
      autoRefresh: { enabled: true, everyMinutes: 45 },
    });
    const save = vi.fn(async (_settings: Settings) => {});
    render(<OptionsView data={options} locale="en" onSave={save} />);
    expect((screen.getByLabelText('autoRefresh') as HTMLInputElement).checked).toBe(false);
    fireEvent.click(screen.getByLabelText('autoRefresh'));
    fireEvent.click(screen.getByRole('button', { name: 'save' }));
    await waitFor(() => expect(save).toHaveBeenCalledOnce());
    expect(save.mock.calls[0]![0]).toMatchObject({ autoRefresh: { enabled: true, everyMinutes: 60 } });
  });

  it('refuses a rate in another currency than its field', () => {
    expect(readDraft(DEFAULT_SETTINGS, { 'min-GBP': '$6.50', idle: '120' })).toBe('invalidRate($6.50|GBP)');
  });
});
