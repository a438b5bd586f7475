import { formatMoney } from '../lib/domain/money';
import { errorText, t, tPlural } from '../lib/i18n';
import type { BalanceView, PendingView, RefreshOutcome } from '../lib/messaging';
import { platformName } from './period-format';
import { Button } from './ui/Button';
import { ProgressBar } from './ui/ProgressBar';

// The popup's rows: props in, no browser.* calls; page strings are rendered as text nodes only.

export function refreshMessage(outcome: RefreshOutcome, locale: string): string {
  switch (outcome.kind) {
    case 'done':
      return tPlural('refreshDone', outcome.requests, undefined, locale);
    case 'paused':
      return t('refreshPaused', [new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(outcome.until)]);
    case 'logged-out':
      return t('refreshLoggedOut');
    case 'failed':
      return t('refreshFailed', [errorText(outcome.error)]);
  }
}

function since(at: number, locale: string): string {
  const sameDay = new Date(at).toDateString() === new Date().toDateString();
  return new Intl.DateTimeFormat(locale, sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/** Withdrawable in words: MTurk's is an estimate from its dashboard; elsewhere it is approved since a cash-out. */
function withdrawableText(b: BalanceView, money: (minor: number) => string, locale: string): string {
  if (b.withdrawableFrom === 'cash-out') {
    return b.withdrawableSince === null
      ? t('withdrawableNoCashOut', [money(b.withdrawable ?? 0)])
      : t('withdrawableSinceCashOut', [money(b.withdrawable ?? 0), since(b.withdrawableSince, locale)]);
  }
  return b.withdrawable === null || b.withdrawableSince === null
    ? t('withdrawableUnknown')
    : t('withdrawableSince', [money(b.withdrawable), since(b.withdrawableSince, locale)]);
}

export function BalanceRow({ balance: b, locale, onCashOut }: { balance: BalanceView; locale: string; onCashOut?: () => void }) {
  const money = (minor: number) => formatMoney({ minor, currency: b.currency }, locale);
  return (
    <div class="balance" data-platform={b.platform} data-currency={b.currency}>
      <dt>{platformName(b.platform)}</dt>
      <dd>
        <span class="pending num">{t('pendingAmount', [money(b.pending)])}</span>
        <span class="withdrawable num">{withdrawableText(b, money, locale)}</span>
        {b.withdrawableFrom === 'cash-out' && onCashOut && (
          <>
            {' '}
            <Button variant="link" class="cash-out" onClick={onCashOut}>
              {t('recordCashOut')}
            </Button>
          </>
        )}
        {b.presumablyApproved > 0 && <span class="presumed muted">{t('presumablyApproved', [money(b.presumablyApproved)])}</span>}
        {b.paidOut !== null && b.paidOutSince !== null && (
          <span class="paid-out muted">{t('paidOutSince', [money(b.paidOut), since(b.paidOutSince, locale)])}</span>
        )}
        {b.threshold && <ThresholdRow progress={b.threshold} money={money} locale={locale} />}
      </dd>
    </div>
  );
}

const day = (at: number, locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(at);

/** Progress to the payout threshold, in words as well as a bar, and the day it is reached at the recent pace. */
function ThresholdRow({ progress: p, money, locale }: { progress: NonNullable<BalanceView['threshold']>; money: (minor: number) => string; locale: string }) {
  const label = t('thresholdProgress', [money(p.have), money(p.threshold)]);
  const when =
    p.reach.kind === 'reached'
      ? t('thresholdReached')
      : p.reach.kind === 'date'
        ? t('thresholdBy', [day(p.reach.at, locale)])
        : t('thresholdNotAtPace');
  return (
    <span class="threshold">
      <ProgressBar value={p.have} max={p.threshold} label={label} />
      <span class="threshold-text">
        {label} · {when}
      </span>
    </span>
  );
}

/**
 * One pending item: its reward, the latest day it should be paid and, when its requester's past says, the expected
 * one; past the latest with no news, presumably approved (as the balances count it).
 */
export function PendingRow({ item, locale }: { item: PendingView; locale: string }) {
  return (
    <li data-key={item.key} class={item.presumed ? 'presumed' : undefined}>
      <span class="title" dir="auto">{item.title}</span>
      <span class="reward">{formatMoney(item.reward, locale)}</span>
      <span class="muted dates">
        {item.presumed ? (
          <span class="presumed-item">{t('pendingPresumed')}</span>
        ) : (
          <span class="expected">{item.expected === null ? t('expectedUnknown') : t('expectedBy', [day(item.expected, locale)])}</span>
        )}
        {' · '}
        <span class="latest">{t('latestBy', [day(item.latest, locale)])}</span>
      </span>
    </li>
  );
}

/** The toolbar popup: props in, callbacks out; page strings are rendered as text nodes only. */
