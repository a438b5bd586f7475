import { earnedInDisplay } from '../../../lib/domain/day-summary';
import type { ConversionSettings, PeriodFigures } from '../../../lib/domain/figures';
import type { Decisions, Delays } from '../../../lib/domain/history-figures';
import { formatMoney, type Money } from '../../../lib/domain/money';
import { formatCount, semicolonList, t, tPlural } from '../../../lib/i18n';
import { ratesText, TrueRateText } from '../../FiguresRow';
import { workedMs } from '../../period-format';
import { RATE_AFTER_MS } from '../../../lib/domain/live';
import { delayText, shareText } from './stats-format';

// The cells the history's tables share: the lib/domain figures, formatted only.

/** A mark on converted figures: the rates used on hover (title) and on focus (a focusable note read with its label). */
export function Converted({ text }: { text: string }) {
  return (
    <span class="converted" role="note" tabIndex={0} title={text} aria-label={text}>
      {t('trueRateConverted')}
    </span>
  );
}

/**
 * Earnings per currency, and, as the popup totals them, their sum in the display currency marked as converted
 * (or the exchange rate it lacks) when some needed converting.
 */
export function EarningsCell({ figures, settings, locale }: { figures: PeriodFigures; settings: ConversionSettings; locale: string }) {
  const money = (m: Money) => formatMoney(m, locale);
  const earned = earnedInDisplay(figures.earnings, settings);
  if (earned.kind === 'none') return <span class="earned none muted">{t('nothingEarned')}</span>;
  const parts = <span class="earned">{figures.earnings.map(money).join(' + ')}</span>;
  if (earned.kind === 'missing') {
    const pairs = earned.missing.map((currency) => `${currency} → ${earned.currency}`).join(', ');
    return (
      <>
        {parts}{' '}
        <span class="missing">{t('rateMissingShort', [pairs])}</span>
      </>
    );
  }
  if (earned.converted.length === 0) return parts;
  const used = semicolonList(earned.converted.map((c) => `${money(c.from)} → ${money(c.to)} (${ratesText([c.rate], locale)})`));
  return (
    <>
      {parts}
      <br />
      <span class="earned-total">= {money(earned.total)}</span> <Converted text={t('convertedAt', [used])} />
    </>
  );
}

/** The effective rate per currency, one per line. */
export function EffectiveCell({ figures, locale }: { figures: PeriodFigures; locale: string }) {
  if (figures.effective.length === 0) return <span class="muted">—</span>;
  return (
    <>
      {figures.effective.map((rate, i) => (
        <span key={rate.currency} class="effective-rate" data-currency-rate={rate.currency}>
          {i > 0 && <br />}
          {t('perHour', [formatMoney(rate, locale)])}
        </span>
      ))}
    </>
  );
}

/** As the popup: time still in progress counts in no rate, and under a minute of time that counts none is shown. */
export function TrueCell({ figures, locale }: { figures: PeriodFigures; locale: string }) {
  const shown = figures.trueRate && workedMs(figures.time) >= RATE_AFTER_MS;
  return shown ? <TrueRateText rate={figures.trueRate!} locale={locale} lead="" short /> : <span class="muted">—</span>;
}

/** Rejected of decided, and the share. */
export function RejectedCell({ d, locale }: { d: Decisions; locale: string }) {
  if (d.rejectionRate === null) return <span class="muted">—</span>;
  return <span class="rejected">{t('rejectedOf', [formatCount(d.rejected, locale), formatCount(d.decided, locale), shareText(d.rejectionRate, locale)])}</span>;
}

/** The median approval delay and how many delays it is made of. */
export function DelayCell({ delays, locale }: { delays: Delays; locale: string }) {
  if (delays.count === 0) return <span class="muted">—</span>;
  if (delays.medianMs === null) return <span class="muted">{tPlural('delayTooFew', delays.count, undefined, locale)}</span>;
  return <span class="delay">{t('delayMedian', [delayText(delays.medianMs, locale), formatCount(delays.count, locale)])}</span>;
}
