// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PopupView } from '../../../components/PopupView';
import { setTranslator } from '../../../lib/i18n';
import type { PeriodFigures } from '../../../lib/domain/figures';
import { emptyTotals } from '../../../lib/domain/summary';
import type { PopupData } from '../../../lib/messaging';

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
  day: null,
  balances: [],
  pending: { items: [], total: 0 },
  quarantined: 2,
  manual: null,
};

const MIN = 60_000;
const usd = (minor: number) => ({ minor, currency: 'USD' });
const gbp = (minor: number) => ({ minor, currency: 'GBP' });
/** A period's figures as the background computes them (lib/domain/figures.ts): the view only formats them. */
function figures(over: Partial<PeriodFigures> = {}): PeriodFigures {
  return {
    earnings: [],
    bonusIncome: [],
    time: { paidActiveMs: 0, unpaidActiveMs: 0, platformMs: 0, idleMs: 0 },
    effective: [],
    trueRate: null,
    ...over,
  };
}
const row = (platform: string, f: PeriodFigures) => ({ platform, totals: emptyTotals(), figures: f });

describe('PopupView', () => {
  it('renders page strings as text only', () => {
    const { container } = render(<PopupView data={data} locale="en" onOpenOptions={() => {}} />);
    expect(container.querySelector('img, b')).toBeNull();
    expect(screen.getByText(hostile)).toBeTruthy();
    expect(screen.getByText('R & <D>')).toBeTruthy();
    // Set apart from the words beside them (dir="auto" isolates): a direction override (U+202E) in a title cannot
    // turn its reward round.
    expect(screen.getByText(hostile).getAttribute('dir')).toBe('auto');
    expect(screen.getByText('R & <D>').getAttribute('dir')).toBe('auto');
  });

  it("shows an open task's rate only after a minute of active time (a rate from seconds means nothing)", () => {
    const early = { ...data.tasks[0]!, taskId: 'E', activeMs: 2_000 };
    const { container } = render(<PopupView data={{ ...data, tasks: [early, data.tasks[0]!] }} locale="en" onOpenOptions={() => {}} />);
    const rates = [...container.querySelectorAll('.tasks .rate')].map((n) => n.textContent);
    // $0.50 over 1 min 30 s: $20.00/h; at 0:02 it would read $900.00/h.
    expect(rates).toEqual(['rateAfterMinute', 'perHour($20.00)']);
  });

  it('formats rewards in the UI locale and says when a reward is unknown', () => {
    render(<PopupView data={data} locale="fr" onOpenOptions={() => {}} />);
    expect(screen.getByText('0,50 $US')).toBeTruthy();
    expect(screen.getByText('rewardUnknown')).toBeTruthy();
  });

  it('reports kept-aside records, the empty state, loading and errors', () => {
    const { rerender } = render(<PopupView data={data} locale="en" onOpenOptions={() => {}} />);
    expect(screen.getByRole('status').textContent).toBe('quarantinedCount_other(2)');
    rerender(<PopupView data={{ tasks: [], today: [], day: null, balances: [], pending: { items: [], total: 0 }, quarantined: 0, manual: null }} locale="en" onOpenOptions={() => {}} />);
    expect(screen.getByText('noTasksYet')).toBeTruthy();
    rerender(<PopupView data={null} locale="en" onOpenOptions={() => {}} />);
    expect(screen.getByText('loading')).toBeTruthy();
    rerender(<PopupView data={null} error="boom" locale="en" onOpenOptions={() => {}} />);
    expect(screen.getByRole('alert').textContent).toBe('loadFailed(boom)');
  });

  it("shows today's earnings, paid time, effective rate, unpaid and platform time per platform", () => {
    const f = figures({
      earnings: [usd(120)],
      time: { paidActiveMs: 6 * MIN, unpaidActiveMs: 65_000, platformMs: 55_000, idleMs: 50 * MIN },
      effective: [usd(1200)],
      trueRate: { rate: usd(900), converted: false },
    });
    render(<PopupView data={{ ...data, today: [row('mturk', f)], day: f }} locale="en" onOpenOptions={() => {}} />);
    expect(screen.getByText('Amazon Mechanical Turk')).toBeTruthy();
    expect(document.querySelector('.earned')!.textContent).toBe('$1.20');
    expect(document.querySelector('.paid-active')!.textContent).toBe('paidActive(6:00)');
    expect(document.querySelector('.effective-rate')!.textContent).toBe(' · effectiveRate($12.00)');
    expect(document.querySelector('.unpaid')!.textContent).toBe(' · unpaidActive(1:05)');
    expect(document.querySelector('.platform-time')!.textContent).toBe(' · platformTime(0:55)');
    expect(document.querySelector('.true-rate')!.textContent).toBe(' · trueRate($9.00)');
    expect(document.querySelector('.converted')).toBeNull();
    // One platform: the whole day is that row, not shown twice.
    expect(document.querySelector('[data-day]')).toBeNull();
  });

  it('shows bonus income inside the earnings', () => {
    const f = figures({ earnings: [usd(170)], bonusIncome: [usd(50)], time: { paidActiveMs: 6 * MIN, unpaidActiveMs: 0, platformMs: 0, idleMs: 0 }, effective: [usd(1200)] });
    render(<PopupView data={{ ...data, today: [row('mturk', f)], day: f }} locale="en" onOpenOptions={() => {}} />);
    expect(document.querySelector('.earned')!.textContent).toBe('$1.70');
    expect(document.querySelector('.bonus')!.textContent).toBe(' inclBonus($0.50)');
  });

  it('shows each currency’s effective rate, and a true rate converted with the rate used on hover and focus', () => {
    const rates = [{ from: 'GBP', to: 'USD', rate: 1.27 }];
    const f = figures({
      earnings: [gbp(1000), usd(300)],
      time: { paidActiveMs: 30 * MIN, unpaidActiveMs: 0, platformMs: 0, idleMs: 0 },
      effective: [gbp(3000), usd(1800)],
      trueRate: { rate: usd(3140), converted: true, rates },
    });
    render(<PopupView data={{ ...data, today: [row('prolific', f)], day: f }} locale="fr" onOpenOptions={() => {}} />);
    // French spacing is narrow no-break spaces: compared as plain spaces.
    const text = (selector: string) => [...document.querySelectorAll(selector)].map((e) => e.textContent!.replace(/[\u00a0\u202f]/g, ' '));
    expect(text('.earned')).toEqual(['10,00 £GB + 3,00 $US']);
    expect(text('.effective-rate')).toEqual([' · effectiveRate(30,00 £GB)', ' · effectiveRate(18,00 $US)']);
    expect(text('.true-rate')).toEqual([' · trueRate(31,40 $US) trueRateConverted']);
    const mark = document.querySelector('.true-rate .converted') as HTMLElement;
    expect(mark.getAttribute('title')).toBe('convertedAt(1 GBP = 1,27 USD)');
    expect(mark.getAttribute('aria-label')).toBe('convertedAt(1 GBP = 1,27 USD)');
    expect(mark.tabIndex).toBe(0);
  });

  it('says which exchange rate is missing for a true rate over several currencies', () => {
    const f = figures({ earnings: [gbp(1000), usd(300)], effective: [gbp(3000)], trueRate: { missing: ['GBP', 'USD'], currency: 'EUR' } });
    render(<PopupView data={{ ...data, today: [row('prolific', f)], day: f }} locale="en" onOpenOptions={() => {}} />);
    expect(document.querySelector('.true-rate')!.textContent).toBe(' · trueRateMissing(GBP → EUR, USD → EUR)');
  });

  it('adds the whole day across platforms when there are several', () => {
    const mturk = figures({ earnings: [usd(100)], trueRate: { rate: usd(600), converted: false } });
    const prolific = figures({ earnings: [gbp(200)], trueRate: { rate: gbp(1200), converted: false } });
    const day = figures({ earnings: [gbp(200), usd(100)], trueRate: { missing: ['GBP'], currency: 'USD' } });
    render(<PopupView data={{ ...data, today: [row('mturk', mturk), row('prolific', prolific)], day }} locale="en" onOpenOptions={() => {}} />);
    const all = document.querySelector('[data-day="all"]')!;
    expect(all.querySelector('dt')!.textContent).toBe('allPlatforms');
    expect(all.querySelector('.earned')!.textContent).toBe('£2.00 + $1.00');
    expect(all.querySelector('.true-rate')!.textContent).toBe(' · trueRateMissing(GBP → USD)');
  });

  it('shows each open task with its live times and rate, the one in front marked', () => {
    render(<PopupView data={data} locale="en" onOpenOptions={() => {}} />);
    const first = document.querySelector('.tasks li')!;
    expect(first.className).toBe('front');
    expect(first.querySelector('.active')!.textContent).toBe('activeShort(1:30)');
    expect(first.querySelector('.idle')!.textContent).toBe('idleShort(0:05)');
    expect(first.querySelector('.rate')!.textContent).toBe('perHour($20.00)');
  });

  it('offers "Not working on this" on a started study timed in unrelated tabs, and only there', () => {
    const notWorking = vi.fn();
    const study = { platform: 'prolific', taskId: '665f2b7c9d0e1f2a3b4c5d6e', title: 'Memory study', requesterName: 'Lab', reward: null, firstSeenAt: 3, status: 'open' as const, activeMs: 28_000, idleMs: 0, front: true, fallback: true };
    render(<PopupView data={{ ...data, tasks: [study, ...data.tasks] }} locale="en" onOpenOptions={() => {}} onNotWorking={notWorking} />);
    const rows = [...document.querySelectorAll('.tasks li')];
    expect(rows[0]!.querySelector('.fallback')!.textContent).toBe('fallbackNote notWorkingOnThis');
    expect(rows.slice(1).map((row) => row.querySelector('.fallback'))).toEqual([null, null]);
    expect(screen.getAllByRole('button', { name: 'notWorkingOnThis' })).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'notWorkingOnThis' }));
    expect(notWorking).toHaveBeenCalledWith('prolific', '665f2b7c9d0e1f2a3b4c5d6e');
  });

  it('says of a study ended by the start of another that it is over, with no "Not working on this"', () => {
    const study = { platform: 'prolific', taskId: '665f2b7c9d0e1f2a3b4c5d6e', title: 'Memory study', requesterName: 'Lab', reward: null, firstSeenAt: 3, status: 'open' as const, activeMs: 28_000, idleMs: 0, front: false, superseded: true };
    render(<PopupView data={{ ...data, tasks: [...data.tasks, study] }} locale="en" onOpenOptions={() => {}} onNotWorking={() => {}} />);
    const rows = [...document.querySelectorAll('.tasks li')];
    expect(rows.at(-1)!.querySelector('.superseded')!.textContent).toBe('supersededNote');
    expect(rows.slice(0, -1).map((row) => row.querySelector('.superseded'))).toEqual([null, null]);
    expect(screen.queryByRole('button', { name: 'notWorkingOnThis' })).toBeNull();
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
    const balance = { platform: 'mturk', currency: 'USD', pending: 150, presumablyApproved: 0, presumablyInReading: 0, withdrawable: null, withdrawableSince: null, paidOut: null, paidOutSince: null, withdrawableFrom: 'dashboard' as const };
    const { rerender } = render(<PopupView data={{ ...data, balances: [balance] }} locale="en" onOpenOptions={() => {}} />);
    expect(document.querySelector('.pending')!.textContent).toBe('pendingAmount($1.50)');
    expect(document.querySelector('.withdrawable')!.textContent).toBe('withdrawableUnknown');
    const at = new Date(2026, 10, 27, 14, 5).getTime();
    const read = { ...balance, withdrawable: 1234, withdrawableSince: at, presumablyApproved: 25 };
    rerender(<PopupView data={{ ...data, balances: [read] }} locale="en" onOpenOptions={() => {}} />);
    expect(document.querySelector('.withdrawable')!.textContent).toMatch(/^withdrawableSince\(\$12\.34\|.*2:05\sPM\)$/);
    expect(document.querySelector('.presumed')!.textContent).toBe('presumablyApproved($0.25)');
    expect(document.querySelector('.paid-out')).toBeNull();
  });

  it('shows what was paid out with its age, and progress to the payout threshold with its day', () => {
    const at = new Date(2026, 10, 27, 9, 30).getTime();
    const base = { platform: 'mturk', currency: 'USD', pending: 300, presumablyApproved: 0, presumablyInReading: 0, withdrawable: 450, withdrawableSince: at, paidOut: 12_000, paidOutSince: at, withdrawableFrom: 'dashboard' as const };
    const threshold = { threshold: 1000, have: 750, reach: { kind: 'date' as const, at: new Date(2026, 11, 3, 12).getTime() } };
    const { rerender } = render(<PopupView data={{ ...data, balances: [{ ...base, threshold }] }} locale="en" onOpenOptions={() => {}} />);
    expect(document.querySelector('.paid-out')!.textContent).toMatch(/^paidOutSince\(\$120\.00\|.*9:30\sAM\)$/);
    const bar = screen.getByRole('progressbar');
    expect(['aria-valuemin', 'aria-valuemax', 'aria-valuenow'].map((a) => bar.getAttribute(a))).toEqual(['0', '1000', '750']);
    // Not colour or a bar alone: the words say it too.
    expect(bar.getAttribute('aria-label')).toBe('thresholdProgress($7.50|$10.00)');
    expect(document.querySelector('.threshold-text')!.textContent).toBe('thresholdProgress($7.50|$10.00) · thresholdBy(Dec 3, 2026)');
    rerender(<PopupView data={{ ...data, balances: [{ ...base, threshold: { ...threshold, reach: { kind: 'not-at-this-pace' } } }] }} locale="en" onOpenOptions={() => {}} />);
    expect(document.querySelector('.threshold-text')!.textContent).toContain('thresholdNotAtPace');
    rerender(<PopupView data={{ ...data, balances: [{ ...base, threshold: { threshold: 500, have: 750, reach: { kind: 'reached' } } }] }} locale="en" onOpenOptions={() => {}} />);
    // Past the threshold the bar is full, not beyond.
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('500');
    expect(document.querySelector('.threshold-text')!.textContent).toContain('thresholdReached');
  });

  it('says where a withdrawable figure with no dashboard comes from, and records a cash-out', () => {
    const cashOut = vi.fn();
    const view = { platform: 'prolific', currency: 'GBP', pending: 0, presumablyApproved: 0, presumablyInReading: 0, withdrawable: 450, withdrawableSince: null, paidOut: null, paidOutSince: null, withdrawableFrom: 'cash-out' as const };
    const { rerender } = render(<PopupView data={{ ...data, balances: [view] }} locale="en" onOpenOptions={() => {}} onCashOut={cashOut} />);
    expect(document.querySelector('.withdrawable')!.textContent).toBe('withdrawableNoCashOut(£4.50)');
    fireEvent.click(screen.getByRole('button', { name: 'recordCashOut' }));
    expect(cashOut).toHaveBeenCalledWith('prolific', 'GBP');
    const at = new Date(2026, 10, 27, 9, 30).getTime();
    rerender(<PopupView data={{ ...data, balances: [{ ...view, withdrawable: 0, withdrawableSince: at }] }} locale="en" onOpenOptions={() => {}} onCashOut={cashOut} />);
    expect(document.querySelector('.withdrawable')!.textContent).toMatch(/^withdrawableSinceCashOut\(£0\.00\|.*9:30\sAM\)$/);
  });

  it('lists pending items with their expected and latest payment days, and counts the rest', () => {
    const item = (key: string, expected: number | null) => ({
      platform: 'mturk', key, title: hostile, requesterName: 'R', reward: { minor: 75, currency: 'USD' },
      submittedAt: new Date(2026, 10, 20, 12).getTime(), latest: new Date(2026, 11, 20, 12).getTime(), expected,
    });
    const pending = { items: [item('mturk:A', new Date(2026, 10, 23, 12).getTime()), item('mturk:B', null)], total: 52 };
    const { container } = render(<PopupView data={{ ...data, pending }} locale="en" onOpenOptions={() => {}} />);
    expect(screen.getByText('pendingItems_other(52)')).toBeTruthy();
    const rows = container.querySelectorAll('.pending-items li');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.querySelector('.expected')!.textContent).toBe('expectedBy(Nov 23, 2026)');
    expect(rows[0]!.querySelector('.latest')!.textContent).toBe('latestBy(Dec 20, 2026)');
    expect(rows[1]!.querySelector('.expected')!.textContent).toBe('expectedUnknown');
    expect(screen.getByText('pendingMore_other(50)')).toBeTruthy();
    expect(container.querySelector('.pending-items img, .pending-items b')).toBeNull();
  });

  it('says of a pending item past its latest payment day with no news that it is presumably approved', () => {
    const item = {
      platform: 'mturk', key: 'mturk:OLD', title: 'Old', requesterName: 'R', reward: { minor: 75, currency: 'USD' },
      submittedAt: new Date(2026, 9, 1, 12).getTime(), latest: new Date(2026, 9, 31, 12).getTime(), expected: new Date(2026, 9, 4, 12).getTime(), presumed: true as const,
    };
    const { container } = render(<PopupView data={{ ...data, pending: { items: [item], total: 1 } }} locale="en" onOpenOptions={() => {}} />);
    const row = container.querySelector('.pending-items li')!;
    expect(row.querySelector('.presumed-item')!.textContent).toBe('pendingPresumed');
    expect(row.querySelector('.expected')).toBeNull();
    expect(row.querySelector('.latest')!.textContent).toBe('latestBy(Oct 31, 2026)');
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
    expect(document.querySelector('.refresh')!.textContent).toBe('refreshDone_other(3)');
    rerender(view({ busy: false, outcome: { kind: 'paused', until: new Date(2026, 10, 27, 15, 30).getTime(), requests: 2 } }));
    expect(document.querySelector('.refresh')!.textContent).toMatch(/^refreshPaused\(3:30\sPM\)$/);
    rerender(view({ busy: false, outcome: { kind: 'logged-out', requests: 1 } }));
    expect(document.querySelector('.refresh')!.textContent).toBe('refreshLoggedOut');
    rerender(view({ busy: false, outcome: { kind: 'failed', error: { code: 'refresh_http', params: ['MTurk', '503'], detail: 'https://x' }, requests: 1 } }));
    expect(document.querySelector('.refresh')!.textContent).toBe('refreshFailed(error_refresh_http(MTurk|503))');
  });

  it('opens the options from a keyboard-reachable button', () => {
    const open = vi.fn();
    render(<PopupView data={data} locale="en" onOpenOptions={open} />);
    fireEvent.click(screen.getByRole('button', { name: 'openOptions' }));
    expect(open).toHaveBeenCalledOnce();
  });
});
