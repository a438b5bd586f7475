// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { advance } from '../../../components/period-format';
import { createPopupStore, type PopupDeps } from '../../../entrypoints/popup/store';
import { CentimeError } from '../../../lib/errors';
import { setTranslator } from '../../../lib/i18n';
import type { PeriodView } from '../../../lib/messaging';
import { afternoon, at, dayView, morning, weekView } from './period-fixtures';

/** A background that answers the period asked for (the day's or the week's view), remembering each request. */
function background(answer: (kind: string) => Promise<PeriodView> = async (kind) => (kind === 'week' ? weekView : dayView)) {
  return vi.fn(async (type: string, payload: unknown) => {
    if (type !== 'ui-bg-get-period') throw new Error(`unexpected ${type}`);
    return answer((payload as { kind: string }).kind);
  }) as unknown as PopupDeps['send'] & ReturnType<typeof vi.fn>;
}

const store = (send: PopupDeps['send'], over: Partial<PopupDeps> = {}) =>
  createPopupStore({ send, hasHostAccess: async () => true, language: 'en-US', now: () => at(15, 0), ...over });

beforeEach(() => setTranslator((key) => key));
afterEach(() => setTranslator());

describe('the popup store', () => {
  it("asks for the week from the locale's first day, read through the injected week info", async () => {
    const send = background();
    const read = vi.fn((locale: string) => (locale === 'en-US' ? { firstDay: 7 } : undefined));
    const s = store(send, { weekInfo: read });
    expect(read).toHaveBeenCalledWith('en-US');
    expect(s.getState().firstDay).toBe(7);
    await s.getState().loadPeriod('week');
    expect(send).toHaveBeenLastCalledWith('ui-bg-get-period', { kind: 'week', firstDay: 7 });
    // Where the browser says nothing of the week, it starts on Monday.
    const fr = store(background(), { language: 'fr-FR', weekInfo: read });
    expect(fr.getState().firstDay).toBe(1);
  });

  it('loads today first, switches to the kind chosen, and reloads the same kind on a change', async () => {
    const send = background();
    const s = store(send, { weekInfo: () => ({ firstDay: 1 }) });
    expect(s.getState().period).toMatchObject({ kind: 'day', view: null });
    await s.getState().loadPeriod();
    expect(send).toHaveBeenLastCalledWith('ui-bg-get-period', { kind: 'day', firstDay: 1 });
    expect(s.getState().period).toEqual({ kind: 'day', view: dayView, at: at(15, 0) });
    const switching = s.getState().loadPeriod('week');
    // Until the week arrives, the popup shows it loading, not the day's figures.
    expect(s.getState().period).toMatchObject({ kind: 'week', view: null });
    await switching;
    expect(s.getState().period.view).toBe(weekView);
    await s.getState().loadPeriod();
    expect(send).toHaveBeenLastCalledWith('ui-bg-get-period', { kind: 'week', firstDay: 1 });
  });

  it('drops an answer overtaken by a later request', async () => {
    let release: (view: PeriodView) => void = () => {};
    const slowDay = new Promise<PeriodView>((r) => (release = r));
    const s = store(background((kind) => (kind === 'day' ? slowDay : Promise.resolve(weekView))));
    const day = s.getState().loadPeriod('day');
    await s.getState().loadPeriod('week');
    release(dayView);
    await day;
    expect(s.getState().period).toMatchObject({ kind: 'week', view: weekView });
  });

  it('keeps the figures shown and says why when a reload fails', async () => {
    let fail = false;
    const s = store(background(async () => (fail ? Promise.reject(new CentimeError('no_answer', [], 'ui-bg-get-period')) : dayView)));
    await s.getState().loadPeriod();
    fail = true;
    await s.getState().loadPeriod();
    // In the worker's words (the code's message), not the background's English.
    expect(s.getState().period).toMatchObject({ kind: 'day', view: dayView, error: 'error_no_answer' });
  });
});

describe('advance (the time under way, each second)', () => {
  const live: PeriodView = { ...dayView, sessions: [morning, { ...afternoon, end: at(14, 40) }] };

  it('adds the time since the reading to what is in progress: the period and the session under way', () => {
    const next = advance(live, at(14, 40), 7_000);
    expect(next.inProgressMs).toBe(dayView.inProgressMs + 7_000);
    expect(next.sessions[1]).toMatchObject({ end: at(14, 40, 7), inProgressMs: afternoon.inProgressMs + 7_000 });
    expect(next.sessions[0]).toBe(morning);
    expect(next.figures).toBe(dayView.figures);
  });

  it('moves nothing with nothing in progress, and no session that ended before the reading', () => {
    const idle = { ...live, inProgressMs: 0 };
    expect(advance(idle, at(14, 40), 7_000)).toBe(idle);
    // The task in front is in a session begun yesterday (not in today's list): only the period moves.
    const next = advance(live, at(15, 30), 7_000);
    expect(next.sessions).toBe(live.sessions);
    expect(next.inProgressMs).toBe(dayView.inProgressMs + 7_000);
    expect(advance(live, at(14, 40), -500)).toBe(live);
  });

  it('asks for its data without waiting for the host access check (issue 18: the first paint waits for the data)', async () => {
    let granted!: (yes: boolean) => void;
    const send = vi.fn(async () => ({ tasks: [] })) as unknown as PopupDeps['send'] & ReturnType<typeof vi.fn>;
    const s = store(send, { hasHostAccess: () => new Promise<boolean>((r) => (granted = r)) });
    const loading = s.getState().load();
    await Promise.resolve();
    expect(send).toHaveBeenCalledWith('ui-bg-get-popup', {});
    granted(false);
    await loading;
    expect(s.getState()).toMatchObject({ data: { tasks: [] }, missingAccess: true });
  });
});
