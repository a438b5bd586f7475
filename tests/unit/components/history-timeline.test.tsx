// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TaskTimeline } from '../../../components/history/TaskTimeline';
import { setTranslator } from '../../../lib/i18n';
import type { TaskRecord } from '../../../lib/storage/schemas';
import type { TimerEvent } from '../../../lib/domain/task-timer';
import { HOSTILE_FORMULA, HOSTILE_HTML } from './history-fixtures';

beforeEach(() => setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key), 'en'));
afterEach(() => {
  cleanup();
  setTranslator();
});

const T0 = Date.UTC(2026, 10, 30, 16, 0, 0);
const ev = (n: number, type: TimerEvent['type'], sec: number, extra: Partial<TimerEvent> = {}): TimerEvent => ({
  boot: 1, n, type, at: { wall: T0 + sec * 1000, mono: 1_000 + sec * 1000, origin: 1 }, ...extra,
});

const task: TaskRecord = {
  v: 2, platform: 'mturk', taskId: 'ASSIGN1', hitId: 'HIT1', groupId: 'GRP1', title: HOSTILE_HTML, requesterName: HOSTILE_FORMULA, requesterId: 'AREQ',
  reward: { minor: 120, currency: 'USD' }, acceptedAt: T0 - 30_000, firstSeenAt: T0 - 30_000, updatedAt: T0 + 700_000, status: 'approved',
  endedAt: T0 + 660_000, approvedAt: T0 + 86_400_000, countedDay: '2026-11-30', external: false,
  // Events arrive out of order (a restart): the timeline shows them in recorded order.
  events: [ev(3, 'active', 240), ev(0, 'front', 0), ev(1, 'idle', 120), ev(2, 'not-front', 180), ev(4, 'front', 300), ev(5, 'crash', 400), ev(6, 'front', 420), ev(7, 'outcome', 660, { outcome: 'submitted' })],
  activeMs: 480_000, idleMs: 60_000,
};

describe('a task opened to its timeline', () => {
  it('lists every recorded event in order, each with its local time and its ISO 8601 time with offset', () => {
    const { container } = render(<TaskTimeline task={task} cells={{ locale: 'en', timeZone: 'America/Los_Angeles' }} onClose={() => {}} />);
    const rows = [...container.querySelectorAll('.timeline tbody tr')];
    expect(rows.map((r) => r.getAttribute('data-event'))).toEqual(['front', 'idle', 'not-front', 'active', 'front', 'crash', 'front', 'outcome']);
    expect(rows.map((r) => r.children[2]!.textContent)).toEqual([
      'historyEventFront', 'historyEventIdle', 'historyEventNotFront', 'historyEventActive', 'historyEventFront', 'historyEventCrash', 'historyEventFront',
      'historyEventOutcomeIs(statusSubmitted)',
    ]);
    expect(rows[0]!.children[1]!.textContent).toBe('2026-11-30T08:00:00-08:00');
    expect(rows[0]!.children[0]!.textContent).toBe('11/30/26, 8:00:00 AM');
    expect(rows[7]!.querySelector('time')!.getAttribute('datetime')).toBe('2026-11-30T08:11:00-08:00');
  });

  it('shows what a dispute quotes: ids, times, active and idle time, money and rate; page strings as text', () => {
    const { container } = render(<TaskTimeline task={task} cells={{ locale: 'en', timeZone: 'UTC' }} onClose={() => {}} />);
    const fact = (name: string) => container.querySelector(`[data-fact="${name}"] dd`)!;
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(HOSTILE_HTML);
    expect(fact('requester').textContent).toBe(`${HOSTILE_FORMULA}historyRequesterId(AREQ)`);
    expect(screen.getByRole('heading', { level: 2 }).getAttribute('dir')).toBe('auto');
    expect(fact('requester').querySelector('.requester-name')!.getAttribute('dir')).toBe('auto');
    expect(fact('ids').textContent).toBe('historyAssignment(ASSIGN1)historyHit(HIT1)historyGroup(GRP1)');
    expect(fact('accepted').querySelector('time')!.getAttribute('title')).toBe('2026-11-30T15:59:30+00:00');
    expect(fact('first-active').querySelector('time')!.getAttribute('title')).toBe('2026-11-30T16:00:00+00:00');
    expect(fact('last-active').querySelector('time')!.getAttribute('title')).toBe('2026-11-30T16:11:00+00:00');
    expect(fact('ended').querySelector('time')!.getAttribute('title')).toBe('2026-11-30T16:11:00+00:00');
    // Written out too, not only on hover: reachable without a mouse.
    expect(fact('ended').querySelector('.iso')!.textContent).toBe('2026-11-30T16:11:00+00:00');
    // The day it counts under, as the worker's language writes dates (its ISO form as the element's value).
    expect(fact('day').textContent).toBe('11/30/26');
    expect(fact('day').querySelector('time')!.getAttribute('datetime')).toBe('2026-11-30');
    expect(fact('active').textContent).toBe('8:00');
    expect(fact('idle').textContent).toBe('1:00');
    expect(fact('reward').textContent).toBe('$1.20');
    // $1.20 over 8 min: $9.00/h.
    expect(fact('rate').textContent).toBe('perHour($9.00)');
    expect(fact('outcome').textContent).toBe('statusApproved');
  });

  it('says when a task has no timeline (untimed), when it is gone, and while it loads; Back closes it', () => {
    const onClose = vi.fn();
    const untimed: TaskRecord = { ...task, events: [], untimed: true, activeMs: 0, idleMs: 0 };
    const { rerender } = render(<TaskTimeline task={untimed} cells={{ locale: 'en' }} onClose={onClose} />);
    expect(screen.getByText('historyNoEvents')).toBeTruthy();
    expect(document.querySelector('[data-fact="rate"] dd')!.textContent).toBe('historyNone');
    rerender(<TaskTimeline task={null} cells={{ locale: 'en' }} onClose={onClose} />);
    expect(screen.getByRole('alert').textContent).toBe('historyTaskMissing');
    rerender(<TaskTimeline task={undefined} cells={{ locale: 'en' }} onClose={onClose} />);
    expect(screen.getByText('loading')).toBeTruthy();
    fireEvent.click(screen.getByText('historyBack'));
    expect(onClose).toHaveBeenCalledOnce();
  });
});
