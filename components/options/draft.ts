import { formatMoney, isKnownCurrency, minorDigits, parseMoney } from '../../lib/domain/money';
import { t } from '../../lib/i18n';
import { platforms } from '../../lib/platforms/registry';
import type { Settings } from '../../lib/storage/schemas';

// The options form as the worker types it (text everywhere), and its reading back into settings.

export interface RateRow { key: number; currency: string; min: string; target: string }
export interface ExchangeRow { key: number; from: string; to: string; rate: string; enteredAt?: number; edited?: boolean }
export interface ThresholdRow { key: number; platform: string; currency: string; amount: string }

export interface Draft {
  /** Single fields: idle, sessionGap, overlay, notifications, autoRefresh, autoRefreshMinutes, displayCurrency, sync. */
  fields: Record<string, string>;
  rates: RateRow[];
  exchange: ExchangeRow[];
  thresholds: ThresholdRow[];
}

let nextKey = 1;
/** A key for a new row (Preact keeps each row's focus and input by it). */
export const rowKey = (): number => nextKey++;

/** The amount as the worker types it: digits and the locale's decimal mark, no currency sign. */
export function plainAmount(minor: number, currency: string, locale: string): string {
  return formatMoney({ minor, currency }, locale).replace(/[^\d.,]/g, '');
}

export function toDraft(settings: Settings, locale: string): Draft {
  const currencies = [...new Set([...Object.keys(settings.minRates), ...Object.keys(settings.targetRates)])];
  const amount = (minor: number | undefined, currency: string) => (minor === undefined ? '' : plainAmount(minor, currency, locale));
  return {
    fields: {
      idle: String(settings.idleTimeoutSec),
      overlay: settings.overlay ? 'on' : '',
      notifications: settings.notifications ? 'on' : '',
      autoRefresh: settings.autoRefresh.enabled ? 'on' : '',
      autoRefreshMinutes: String(settings.autoRefresh.everyMinutes),
      sessionGap: String(settings.sessionGapMin),
      displayCurrency: settings.displayCurrency,
      sync: settings.syncSettings ? 'on' : '',
    },
    rates: currencies.map((currency) => ({
      key: rowKey(), currency, min: amount(settings.minRates[currency], currency), target: amount(settings.targetRates[currency], currency),
    })),
    exchange: settings.exchangeRates.map(({ from, to, rate, enteredAt }) => ({
      key: rowKey(), from, to, rate: new Intl.NumberFormat(locale, { maximumFractionDigits: 10, useGrouping: false }).format(rate), enteredAt,
    })),
    thresholds: platforms.flatMap(({ id }) =>
      (settings.payoutThresholds[id] ?? []).map(({ minor, currency }) => ({ key: rowKey(), platform: id, currency, amount: amount(minor, currency) })),
    ),
  };
}

const code = (text: string) => text.trim().toUpperCase();

/** A positive amount in exactly this currency, with no more decimals than the currency has; null otherwise. */
function positiveAmount(text: string, currency: string): number | null {
  // parseMoney rounds extra decimals (right for page text); a worker's 1000.5 yen is a typo. Three digits
  // after the mark group thousands (1,500) and stay parseMoney's to read.
  const decimals = /[.,](\d+)$/.exec(text.trim())?.[1]?.length ?? 0;
  if (decimals > minorDigits(currency) && decimals !== 3) return null;
  const amount = parseMoney(text.trim(), currency);
  return amount && amount.currency === currency && amount.minor > 0 ? amount.minor : null;
}

function readRates(rows: readonly RateRow[], next: Settings): string | undefined {
  next.minRates = {};
  next.targetRates = {};
  for (const row of rows) {
    const currency = code(row.currency);
    if (!isKnownCurrency(currency)) return t('invalidCurrency', [row.currency.trim()]);
    if (currency in next.minRates) return t('duplicateRateCurrency', [currency]);
    const min = positiveAmount(row.min, currency);
    if (min === null) return t('invalidRate', [row.min.trim(), currency]);
    const target = positiveAmount(row.target, currency);
    if (target === null) return t('invalidRate', [row.target.trim(), currency]);
    if (target < min) return t('targetBelowMinimum', [currency]);
    next.minRates[currency] = min;
    next.targetRates[currency] = target;
  }
  return undefined;
}

/** A rate typed with either decimal mark ("0,92" or "0.92"). */
function readRate(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+(?:[.,]\d+)?$/.test(trimmed)) return null;
  const rate = Number(trimmed.replace(',', '.'));
  return Number.isFinite(rate) && rate > 0 ? rate : null;
}

function readExchange(rows: readonly ExchangeRow[], next: Settings, now: number): string | undefined {
  next.exchangeRates = [];
  const pairs = new Set<string>();
  for (const row of rows) {
    const from = code(row.from);
    const to = code(row.to);
    for (const [typed, read] of [[row.from, from], [row.to, to]]) {
      if (!isKnownCurrency(read!)) return t('invalidCurrency', [typed!.trim()]);
    }
    if (from === to) return t('sameCurrencyRate', [from]);
    if (pairs.has(`${from}>${to}`)) return t('duplicateExchangeRate', [from, to]);
    pairs.add(`${from}>${to}`);
    const rate = readRate(row.rate);
    if (rate === null) return t('invalidExchangeRate', [row.rate.trim(), from, to]);
    // The date says how old the worker's rate is: set when it was added or changed, kept otherwise.
    const enteredAt = row.edited ? now : row.enteredAt;
    next.exchangeRates.push(enteredAt === undefined ? { from, to, rate } : { from, to, rate, enteredAt });
  }
  return undefined;
}

function readThresholds(rows: readonly ThresholdRow[], settings: Settings, next: Settings): string | undefined {
  // Custom sites' thresholds live in their rules; any other key the form does not show is kept.
  next.payoutThresholds = { ...settings.payoutThresholds };
  for (const { id } of platforms) next.payoutThresholds[id] = [];
  for (const row of rows) {
    const currency = code(row.currency);
    if (!isKnownCurrency(currency)) return t('invalidCurrency', [row.currency.trim()]);
    const list = next.payoutThresholds[row.platform] ?? [];
    if (list.some((m) => m.currency === currency)) return t('duplicateThreshold', [currency]);
    const minor = positiveAmount(row.amount, currency);
    if (minor === null) return t('invalidThreshold', [row.amount.trim(), currency]);
    next.payoutThresholds[row.platform] = [...list, { minor, currency }];
  }
  return undefined;
}

/** Reads the form; returns the new settings or the first problem, in words the worker can act on. */
export function readDraft(settings: Settings, draft: Draft, now: number = Date.now()): Settings | string {
  const next: Settings = { ...settings };
  const { fields } = draft;
  const display = code(fields.displayCurrency ?? settings.displayCurrency);
  if (!isKnownCurrency(display)) return t('invalidCurrency', [(fields.displayCurrency ?? '').trim()]);
  next.displayCurrency = display;
  const problem =
    readRates(draft.rates, next) ?? readExchange(draft.exchange, next, now) ?? readThresholds(draft.thresholds, settings, next);
  if (problem) return problem;
  const idle = Number(fields.idle);
  if (!Number.isInteger(idle) || idle < 15 || idle > 3600) return t('invalidIdleTimeout');
  next.idleTimeoutSec = idle;
  const gap = Number(fields.sessionGap);
  if (!Number.isInteger(gap) || gap < 1 || gap > 240) return t('invalidSessionGap');
  next.sessionGapMin = gap;
  next.overlay = fields.overlay === 'on';
  next.notifications = fields.notifications === 'on';
  const minutes = Number(fields.autoRefreshMinutes);
  if (!Number.isInteger(minutes) || minutes < 30 || minutes > 1440) return t('invalidRefreshInterval');
  next.autoRefresh = { enabled: fields.autoRefresh === 'on', everyMinutes: minutes };
  if (fields.sync !== undefined) next.syncSettings = fields.sync === 'on';
  return next;
}
