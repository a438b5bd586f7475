import fc from 'fast-check';
import type { EditChange, EditOutcome } from '../../lib/domain/task-edits';
import type { Fate } from './build-truth';
import { HOUR_MS, MIN_MS } from './plain';

/**
 * What a generated worker means to do, step by step. fast-check draws (and shrinks) these plain intents;
 * `build.ts` turns them into a valid world, skipping what makes no sense at that point (a submit with no HIT
 * open, a second study started while one is under way…), so that every shrunk world is still a real one.
 */

export type Where = 'new' | 'same' | 'background' | 'from-front';

export type Intent =
  | { k: 'hit'; minor: number; currency: 'USD' | 'GBP'; allottedMin: number; queuedMin: number; requester: number; where: Where }
  /** Submit the HIT in a tab: confirmed, or its claim or its "HIT Submitted" missed; maybe straight to the next HIT. */
  | { k: 'submit'; pick: number; how: 'ok' | 'no-claim' | 'no-alert'; next: boolean; fate: Fate }
  | { k: 'return'; pick: number; seen: boolean }
  | { k: 'gone'; pick: number }
  | { k: 'reopen'; pick: number; where: Where }
  | { k: 'survey'; pick: number }
  | { k: 'browse'; page: 'web' | 'mturk-list' | 'prolific-list' | 'newtab'; where: Where }
  | { k: 'switch'; pick: number }
  | { k: 'close'; pick: number }
  | { k: 'focus'; focused: boolean }
  | { k: 'idle'; idle: boolean }
  /** A study page opened (`allottedMin` 0: it shows no maximum time); `start`: its survey opened from it at once. */
  | { k: 'study'; minor: number; currency: 'USD' | 'GBP'; allottedMin: number; where: Where; start: boolean }
  | { k: 'start'; pick: number }
  | { k: 'complete'; fate: Fate }
  | { k: 'abandon'; returned: boolean }
  /** A status page read: some of the rows it lists (`picks`), or all of them (null). */
  | { k: 'rows'; platform: 'mturk' | 'prolific'; picks: number[] | null; ghosts: Ghost[] }
  | { k: 'dashboard'; availableDelta: number; bonusRise: number; picks: number[] }
  | { k: 'earnings'; add: { daysAgo: number; minor: number; again: boolean }[]; window: number }
  | { k: 'cash-out'; currency: 'USD' | 'GBP' }
  | { k: 'manual'; reward: number | null }
  | { k: 'zone'; zone: string }
  | { k: 'popup' }
  /** The worker imports a backup of this very history (issue 17): a merge that must change nothing. */
  | { k: 'reimport' }
  | { k: 'archive' }
  | { k: 'restart' }
  | { k: 'wait'; ms: number }
  /** "Pause tracking" on or off; a platform switched off or on in the options. */
  | { k: 'pause'; paused: boolean }
  | { k: 'platform'; platform: 'mturk' | 'prolific'; on: boolean }
  /** A correction in the history (issue 16) of a task picked among those of the world and those added by hand. */
  | { k: 'correct'; pick: number; change: EditChange }
  /** A task Centime missed, added by hand (`activeMin` null: untimed), on a day `daysAgo` before now. */
  | { k: 'add'; platform: 'mturk' | 'prolific' | 'manual'; minor: number; currency: 'USD' | 'GBP'; daysAgo: number; outcome: EditOutcome; activeMin: number | null }
  /** Two tabs acting in the same instant. */
  | { k: 'together'; a: Intent; b: Intent };

/** An untimed record: a task done elsewhere, first seen in a status row. */
export interface Ghost {
  minor: number;
  currency: 'USD' | 'GBP';
  hoursAgo: number;
  fate: Fate;
}

export const ZONES = [
  'UTC', 'Europe/London', 'Europe/Paris', 'America/New_York', 'America/Los_Angeles', 'Pacific/Honolulu',
  'Pacific/Pago_Pago', 'Asia/Tokyo', 'Pacific/Kiritimati',
];

const pick = fc.nat(20);
const minor = fc.integer({ min: 1, max: 900 });
const currency = fc.constantFrom<'USD' | 'GBP'>('USD', 'USD', 'GBP');
const where = fc.constantFrom<Where>('new', 'same', 'background', 'from-front');
const fate: fc.Arbitrary<Fate> = fc.record(
  {
    decideAfterMin: fc.oneof({ weight: 2, arbitrary: fc.integer({ min: 1, max: 120 }) }, { weight: 1, arbitrary: fc.integer({ min: 121, max: 5 * 24 * 60 }) }),
    outcome: fc.constantFrom<Fate['outcome']>('approve', 'approve', 'approve', 'approve', 'reject', 'screen', 'return'),
    partialPct: fc.integer({ min: 10, max: 90 }),
    bonus: fc.record({ minor: fc.integer({ min: 1, max: 300 }), afterMin: fc.integer({ min: 0, max: 24 * 60 }) }),
  },
  { requiredKeys: ['decideAfterMin', 'outcome', 'partialPct'] },
);
const editOutcome = fc.constantFrom<EditOutcome>('submitted', 'approved', 'rejected', 'returned', 'expired');
const amount = fc.record({ minor: fc.integer({ min: 0, max: 900 }), currency });
/** Every kind of correction, restores (null) included. */
export const change: fc.Arbitrary<EditChange> = fc.oneof(
  fc.record({ field: fc.constant('outcome' as const), value: fc.option(editOutcome, { nil: null, freq: 4 }) }),
  fc.record({ field: fc.constant('reward' as const), value: fc.option(amount, { nil: null, freq: 3 }) }),
  fc.record({ field: fc.constant('bonus' as const), value: fc.option(amount, { nil: null }), restore: fc.boolean() }),
  fc.record({ field: fc.constant('activeMs' as const), value: fc.option(fc.integer({ min: 0, max: 3 * HOUR_MS }), { nil: null, freq: 3 }) }),
  fc.record({ field: fc.constant('requester' as const), value: fc.option(fc.record({ name: fc.constantFrom('Lab 0', 'Lab 9'), id: fc.constantFrom('AREQ0', 'AREQ1', 'AREQ9') }, { requiredKeys: ['name'] }), { nil: null }) }),
  fc.record({ field: fc.constant('deleted' as const), value: fc.constantFrom<true | null>(true, true, null) }),
);
const added = fc.record({
  k: fc.constant('add' as const), platform: fc.constantFrom<'mturk' | 'prolific' | 'manual'>('mturk', 'prolific', 'manual'), minor, currency,
  daysAgo: fc.integer({ min: 0, max: 3 }), outcome: editOutcome, activeMin: fc.option(fc.integer({ min: 0, max: 90 }), { nil: null }),
});

const ghost: fc.Arbitrary<Ghost> = fc.record({ minor, currency, hoursAgo: fc.integer({ min: 1, max: 72 }), fate });

const single: fc.Arbitrary<Intent> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant('hit' as const), minor, currency, allottedMin: fc.integer({ min: 5, max: 90 }), queuedMin: fc.nat(10), requester: fc.nat(1), where }) },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('submit' as const), pick, how: fc.constantFrom<'ok' | 'no-claim' | 'no-alert'>('ok', 'ok', 'ok', 'no-claim', 'no-alert'), next: fc.boolean(), fate }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('return' as const), pick, seen: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('gone' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('reopen' as const), pick, where }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('survey' as const), pick }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('browse' as const), page: fc.constantFrom<'web' | 'mturk-list' | 'prolific-list' | 'newtab'>('web', 'mturk-list', 'prolific-list', 'newtab'), where }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('switch' as const), pick }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('close' as const), pick }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('focus' as const), focused: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('idle' as const), idle: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('study' as const), minor, currency, allottedMin: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 10, max: 90 }) }, { weight: 1, arbitrary: fc.constant(0) }), where, start: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('start' as const), pick }) },
  { weight: 5, arbitrary: fc.record({ k: fc.constant('complete' as const), fate }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('abandon' as const), returned: fc.boolean() }) },
  { weight: 5, arbitrary: fc.record({ k: fc.constant('rows' as const), platform: fc.constantFrom<'mturk' | 'prolific'>('mturk', 'prolific'), picks: fc.option(fc.array(pick, { maxLength: 5 }), { nil: null }), ghosts: fc.array(ghost, { maxLength: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('dashboard' as const), availableDelta: fc.integer({ min: -500, max: 2_000 }), bonusRise: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 500 })), picks: fc.array(pick, { maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('earnings' as const), add: fc.array(fc.record({ daysAgo: fc.nat(40), minor: fc.constantFrom(500, 1000, 2500), again: fc.boolean() }), { maxLength: 3 }), window: fc.integer({ min: 1, max: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('cash-out' as const), currency }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('manual' as const), reward: fc.option(minor, { nil: null, freq: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('zone' as const), zone: fc.constantFrom(...ZONES) }) },
  { weight: 3, arbitrary: fc.constant({ k: 'popup' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'reimport' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'archive' as const }) },
  { weight: 2, arbitrary: fc.constant({ k: 'restart' as const }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('pause' as const), paused: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('platform' as const), platform: fc.constantFrom<'mturk' | 'prolific'>('mturk', 'prolific'), on: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('correct' as const), pick, change }) },
  { weight: 1, arbitrary: added },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('wait' as const), ms: fc.oneof(fc.integer({ min: 1, max: 20 }).map((h) => h * HOUR_MS), fc.integer({ min: 1, max: 30 }).map((d) => d * 24 * HOUR_MS)) }) },
);

/** Actions two tabs can take in the same instant. */
const sameInstant = fc.oneof(
  fc.record({ k: fc.constant('submit' as const), pick, how: fc.constantFrom<'ok' | 'no-alert'>('ok', 'no-alert'), next: fc.constant(false), fate }),
  fc.record({ k: fc.constant('hit' as const), minor, currency, allottedMin: fc.integer({ min: 5, max: 90 }), queuedMin: fc.nat(10), requester: fc.nat(1), where: fc.constant<Where>('background') }),
);

export const intent: fc.Arbitrary<Intent> = fc.oneof(
  { weight: 30, arbitrary: single },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('together' as const), a: sameInstant, b: sameInstant }) },
);

/** The time before each intent: often none (same instant), mostly seconds, sometimes minutes or hours. */
export const gap = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 10, arbitrary: fc.integer({ min: 1, max: 90_000 }) },
  { weight: 4, arbitrary: fc.integer({ min: 2, max: 40 }).map((m) => m * MIN_MS) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 10 }).map((h) => h * HOUR_MS) },
);

export interface Plan {
  /** Minimum and target rates: the defaults, without GBP, or with EUR too. */
  minimums: 'default' | 'usd-only' | 'with-eur';
  start: number;
  zone: string;
  alarms: 'on-time' | 'late';
  displayCurrency: string;
  rates: number[];
  mturkThreshold: number | null;
  prolificThreshold: 'default' | number;
  /** The first day of the worker's week (ISO 1 = Monday … 7 = Sunday) and the session gap setting, in minutes. */
  firstDay: number;
  sessionGapMin: number;
  intents: { gap: number; intent: Intent }[];
  /**
   * Corrections once everything is closed: before the last status pages are read (those that state an outcome
   * supersede an outcome corrected before them) or after (they stand).
   */
  closing?: { pick: number; change: EditChange; beforeRows: boolean }[];
}

export const STARTS = [
  Date.UTC(2026, 2, 7, 20, 0), // the weekend US clocks move forward
  Date.UTC(2026, 9, 24, 22, 30), // Europe's clocks move back the next night
  Date.UTC(2026, 5, 15, 23, 30), // half an hour before midnight UTC
  Date.UTC(2026, 10, 27, 14, 0),
  Date.UTC(2026, 11, 31, 21, 0), // New Year's Eve: a month (and a week, whatever its first day) ends within hours
];

/** A world's plan; `intents` may be narrowed (e.g. to explore one kind of counterexample at a time). */
export const plan = (maxIntents = 60, intents: fc.Arbitrary<Intent> = intent): fc.Arbitrary<Plan> =>
  fc.record({
    minimums: fc.constantFrom<Plan['minimums']>('default', 'usd-only', 'with-eur'),
    start: fc.constantFrom(...STARTS),
    zone: fc.constantFrom(...ZONES),
    alarms: fc.constantFrom<'on-time' | 'late'>('on-time', 'on-time', 'late'),
    displayCurrency: fc.constantFrom('USD', 'GBP', 'EUR'),
    rates: fc.subarray([0, 1, 2, 3]),
    mturkThreshold: fc.option(fc.integer({ min: 500, max: 5_000 }), { nil: null }),
    prolificThreshold: fc.oneof(fc.constant('default' as const), fc.integer({ min: 100, max: 3_000 })),
    firstDay: fc.integer({ min: 1, max: 7 }),
    // Gaps between intents are mostly seconds, sometimes minutes or hours: sessions split and join.
    sessionGapMin: fc.constantFrom(1, 5, 15, 15, 60),
    intents: fc.array(fc.record({ gap, intent: intents }), { minLength: 3, maxLength: maxIntents, size: 'max' }),
    closing: fc.array(fc.record({ pick, change, beforeRows: fc.boolean() }), { maxLength: 4 }),
  });
