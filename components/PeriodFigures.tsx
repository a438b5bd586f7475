import type { PeriodFigures, TimeParts } from '../lib/domain/figures';
import { formatDuration } from '../lib/domain/duration';
import { RATE_AFTER_MS } from '../lib/domain/live';
import { formatMoney, type Money } from '../lib/domain/money';
import { t } from '../lib/i18n';
import { TrueRateText } from './FiguresRow';
import { workedMs } from './period-format';

// A period's or a session's figures as the background computed them (lib/domain/figures.ts): formatting only.

/** Earnings per currency (bonus income included, and said). */
export function Earnings({ figures: f, locale }: { figures: PeriodFigures; locale: string }) {
  const money = (m: Money) => formatMoney(m, locale);
  return (
    <>
      <span class={f.earnings.length ? 'earned' : 'earned none'}>{f.earnings.map(money).join(' + ') || t('nothingEarned')}</span>
      {f.bonusIncome.map((bonus) => (
        <span key={bonus.currency} class="bonus">
          {' '}
          {t('inclBonus', [money(bonus)])}
        </span>
      ))}
    </>
  );
}

/** The effective rate per currency, then the true rate (converted and marked, or missing its exchange rate). */
export function Rates({ figures: f, locale }: { figures: PeriodFigures; locale: string }) {
  // Time still in progress counts in no rate: under a minute of time that counts, a true rate means nothing
  // (as in the popup's summary), and with none at all it would read "0.00/h".
  const trueRate = workedMs(f.time) >= RATE_AFTER_MS ? f.trueRate : null;
  if (f.effective.length === 0 && !trueRate) return <p class="rates muted">{t('noRateYet')}</p>;
  return (
    <p class="rates">
      {f.effective.map((rate, i) => (
        <span key={rate.currency} class="effective-rate" data-currency-rate={rate.currency}>
          {i > 0 && ' · '}
          {t('effectiveRate', [formatMoney(rate, locale)])}
        </span>
      ))}
      {trueRate && <TrueRateText rate={trueRate} locale={locale} lead={f.effective.length ? ' · ' : ''} />}
    </p>
  );
}

/** The four parts: their class, their label, and their words on one line (keys written out for the messages test). */
const PARTS: { key: keyof TimeParts; class: string; label: () => string; inline: (time: string) => string }[] = [
  { key: 'paidActiveMs', class: 'paid-active', label: () => t('partPaid'), inline: (time) => t('paidActive', [time]) },
  { key: 'unpaidActiveMs', class: 'unpaid', label: () => t('partUnpaid'), inline: (time) => t('unpaidActive', [time]) },
  { key: 'platformMs', class: 'platform-time', label: () => t('partPlatform'), inline: (time) => t('platformTime', [time]) },
  { key: 'idleMs', class: 'idle-time', label: () => t('partIdle'), inline: (time) => t('idleShort', [time]) },
];

/**
 * The four parts of a period's time, the working time three of them make (what the true rate divides), and the
 * time of tasks still open (in no part until their outcome), when there is any.
 */
export function PartsList({ time, inProgressMs }: { time: TimeParts; inProgressMs: number }) {
  const row = (label: string, ms: number, cls: string) => (
    <div key={cls} class={cls === 'worked' ? 'total' : undefined}>
      <dt>{label}</dt>
      <dd class={cls}>{formatDuration(ms)}</dd>
    </div>
  );
  return (
    <dl class="parts">
      {PARTS.slice(0, 3).map((p) => row(p.label(), time[p.key], p.class))}
      {row(t('partWorked'), workedMs(time), 'worked')}
      {row(t('partIdle'), time.idleMs, 'idle-time')}
      {inProgressMs > 0 && row(t('partInProgress'), inProgressMs, 'in-progress')}
    </dl>
  );
}

/** The same parts on one line, for a session. */
export function PartsInline({ time, inProgressMs }: { time: TimeParts; inProgressMs: number }) {
  return (
    <p class="parts-inline muted">
      {PARTS.map((p, i) => (
        <span key={p.class} class={p.class}>
          {i > 0 && ' · '}
          {p.inline(formatDuration(time[p.key]))}
        </span>
      ))}
      {inProgressMs > 0 && (
        <span class="in-progress">
          {' · '}
          {t('inProgress', [formatDuration(inProgressMs)])}
        </span>
      )}
    </p>
  );
}
