import type { PeriodFigures, TrueRate } from '../lib/domain/figures';
import { formatDuration } from '../lib/domain/duration';
import { formatMoney, type Money } from '../lib/domain/money';
import { ratesText } from '../lib/rates-text';
import { t } from '../lib/i18n';

// A period's figures as the background computed them (lib/domain/figures.ts): this only formats them.

export { ratesText } from '../lib/rates-text';

/**
 * The true rate, converted (marked, with the rates on hover and focus) or missing its exchange rate. `short`: as a
 * bare rate, for a column already headed "true rate".
 */
export function TrueRateText({ rate, locale, lead = ' · ', short }: { rate: TrueRate; locale: string; lead?: string; short?: boolean }) {
  if ('missing' in rate) {
    const pairs = rate.missing.map((currency) => `${currency} → ${rate.currency}`).join(', ');
    return (
      <span class="true-rate missing">
        {lead}
        {short ? t('rateMissingShort', [pairs]) : t('trueRateMissing', [pairs])}
      </span>
    );
  }
  const converted = rate.converted ? t('convertedAt', [ratesText(rate.rates, locale)]) : null;
  return (
    <span class="true-rate">
      {lead}
      {short ? t('perHour', [formatMoney(rate.rate, locale)]) : t('trueRate', [formatMoney(rate.rate, locale)])}
      {converted && (
        <>
          {' '}
          {/* The rates used show on hover (title) and focus (a focusable note read with its label). */}
          <span class="converted" role="note" tabIndex={0} title={converted} aria-label={converted}>
            {t('trueRateConverted')}
          </span>
        </>
      )}
    </span>
  );
}

/** Earnings, time and rates of a platform's day or of the whole day, inside a `<dl>` row. */
export function FiguresRow({ figures: f, locale }: { figures: PeriodFigures; locale: string }) {
  const money = (m: Money) => formatMoney(m, locale);
  return (
    <dd>
      <span class="earned">{f.earnings.map(money).join(' + ') || t('nothingEarned')}</span>
      {f.bonusIncome.map((bonus) => (
        <span key={bonus.currency} class="bonus">
          {' '}
          {t('inclBonus', [money(bonus)])}
        </span>
      ))}
      {' · '}
      <span class="paid-active">{t('paidActive', [formatDuration(f.time.paidActiveMs)])}</span>
      {f.effective.map((rate) => (
        <span key={rate.currency} class="effective-rate" data-currency-rate={rate.currency}>
          {' · '}
          {t('effectiveRate', [money(rate)])}
        </span>
      ))}
      {f.trueRate && <TrueRateText rate={f.trueRate} locale={locale} />}
      {f.time.unpaidActiveMs > 0 && (
        <span class="unpaid">
          {' · '}
          {t('unpaidActive', [formatDuration(f.time.unpaidActiveMs)])}
        </span>
      )}
      {f.time.platformMs > 0 && (
        <span class="platform-time">
          {' · '}
          {t('platformTime', [formatDuration(f.time.platformMs)])}
        </span>
      )}
    </dd>
  );
}
