import { readFileSync } from 'node:fs';
import type { PeriodFigures } from '../../../lib/domain/figures';
import type { SessionTask, SessionView } from '../../../lib/domain/session-figures';
import type { Translator } from '../../../lib/i18n';
import type { PeriodView } from '../../../lib/messaging';

// Period views as the background answers them (lib/background/periods.ts): the views only format them.

export const MIN = 60_000;
export const usd = (minor: number) => ({ minor, currency: 'USD' });
export const gbp = (minor: number) => ({ minor, currency: 'GBP' });
/** Local wall time on Monday 30 November 2026. */
export const at = (h: number, m: number, s = 0) => new Date(2026, 10, 30, h, m, s).getTime();

export function figures(over: Partial<PeriodFigures> = {}): PeriodFigures {
  return { earnings: [], bonusIncome: [], time: { paidActiveMs: 0, unpaidActiveMs: 0, platformMs: 0, idleMs: 0 }, effective: [], trueRate: null, ...over };
}

export const hostile = '<img src=x onerror="alert(1)"><b>Bold</b> & "quoted"';

const task = (over: Partial<SessionTask> & Pick<SessionTask, 'key'>): SessionTask => ({
  platform: 'mturk', title: 'A HIT', status: 'submitted', activeMs: 6 * MIN, idleMs: 0, reward: usd(120), rate: usd(1200), ...over,
});

/** Morning on MTurk: two HITs (one returned), some platform time. */
export const morning: SessionView = {
  start: at(9, 2),
  end: at(9, 30),
  platforms: ['mturk'],
  tasksDone: 2,
  inProgressMs: 0,
  figures: figures({
    earnings: [usd(120)],
    time: { paidActiveMs: 6 * MIN, unpaidActiveMs: 2 * MIN, platformMs: 4 * MIN, idleMs: 30_000 },
    effective: [usd(1200)],
    trueRate: { rate: usd(600), converted: false },
  }),
  tasks: [
    task({ key: 'mturk:A1', title: hostile, idleMs: 30_000 }),
    task({ key: 'mturk:A2', title: 'Returned one', status: 'returned', activeMs: 2 * MIN, reward: usd(50), rate: null }),
  ],
};

/** Afternoon on Prolific and MTurk: a study approved, a HIT still open (in progress). */
export const afternoon: SessionView = {
  start: at(14, 0),
  end: at(14, 40),
  platforms: ['prolific', 'mturk'],
  tasksDone: 1,
  inProgressMs: 3 * MIN,
  figures: figures({
    earnings: [gbp(300)],
    time: { paidActiveMs: 20 * MIN, unpaidActiveMs: 0, platformMs: 5 * MIN, idleMs: 0 },
    effective: [gbp(900)],
    trueRate: { rate: gbp(720), converted: false },
  }),
  tasks: [
    task({ key: 'prolific:S1', platform: 'prolific', title: 'Memory study', status: 'approved', activeMs: 20 * MIN, reward: gbp(300), rate: gbp(900) }),
    task({ key: 'mturk:A3', title: 'Still open', status: 'open', activeMs: 3 * MIN, reward: usd(50), rate: usd(1000) }),
  ],
};

export const dayView: PeriodView = {
  kind: 'day',
  from: '2026-11-30',
  to: '2026-11-30',
  figures: figures({
    earnings: [gbp(300), usd(120)],
    time: { paidActiveMs: 26 * MIN, unpaidActiveMs: 2 * MIN, platformMs: 9 * MIN, idleMs: 30_000 },
    effective: [gbp(900), usd(1200)],
    trueRate: { rate: usd(788), converted: true, rates: [{ from: 'GBP', to: 'USD', rate: 1.27 }] },
  }),
  tasksDone: 3,
  inProgressMs: 3 * MIN,
  days: [],
  sessions: [morning, afternoon],
  crossesMidnight: false,
};

const dayOf = (day: string, minor: number, paidMin: number, tasksDone: number) => ({
  day,
  tasksDone,
  figures: figures({ earnings: [usd(minor)], time: { paidActiveMs: paidMin * MIN, unpaidActiveMs: MIN, platformMs: MIN, idleMs: 0 }, effective: [usd(1000)], trueRate: { rate: usd(800), converted: false } }),
});

export const weekView: PeriodView = {
  kind: 'week',
  from: '2026-11-30',
  to: '2026-12-06',
  figures: figures({ earnings: [usd(500)], time: { paidActiveMs: 30 * MIN, unpaidActiveMs: 2 * MIN, platformMs: 2 * MIN, idleMs: 0 }, effective: [usd(1000)], trueRate: { rate: usd(882), converted: false } }),
  tasksDone: 5,
  inProgressMs: 0,
  days: [dayOf('2026-11-30', 200, 12, 2), dayOf('2026-12-01', 300, 18, 3)],
  sessions: [morning],
  crossesMidnight: false,
};

export const emptyView = (kind: PeriodView['kind']): PeriodView => ({
  kind, from: '2026-11-30', to: '2026-11-30', figures: null, tasksDone: 0, inProgressMs: 0, days: [], sessions: [], crossesMidnight: false,
});

/** The real French catalogue, placeholders filled as browser.i18n does: what a French worker reads. */
export function frenchTranslator(): Translator {
  const fr = JSON.parse(readFileSync('public/_locales/fr/messages.json', 'utf8')) as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
  return (key, subs = []) => {
    const entry = fr[key]!;
    return entry.message.replace(/\$(\w+)\$/g, (_, name: string) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
      return subs[Number(content.slice(1)) - 1] ?? '';
    });
  };
}

/** Intl's spaces (thin, narrow no-break, no-break) as plain ones, so that tests compare words. */
export const plain = (text: string | null | undefined) => (text ?? '').replace(/[\u2009\u202f\u00a0]/g, ' ');
