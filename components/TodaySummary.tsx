import { bandOf, earnedInDisplay } from '../lib/domain/day-summary';
import { formatDuration } from '../lib/domain/duration';
import { RATE_AFTER_MS, type RateSettings } from '../lib/domain/live';
import { formatMoney } from '../lib/domain/money';
import { semicolonList, t } from '../lib/i18n';
import type { PopupData } from '../lib/messaging';
import { FiguresRow, ratesText } from './FiguresRow';
import { platformName, workedMs } from './period-format';
import { Card } from './ui/Card';
import { RateBadge } from './ui/RateBadge';

// The popup's first card, read in a second (STYLE.md, "one number first"): today's true rate in its band, the
// earnings in the display currency, the time worked; the figures per platform on demand below.

/** A mark on converted figures: the rates used on hover (title) and on focus (a focusable note read with its label). */
function Converted({ text }: { text: string }) {
  return (
    <span class="converted" role="note" tabIndex={0} title={text} aria-label={text}>
      {t('trueRateConverted')}
    </span>
  );
}

function Earned({ day, rates, locale }: { day: NonNullable<PopupData['day']>; rates?: RateSettings; locale: string }) {
  const money = (m: Parameters<typeof formatMoney>[0]) => formatMoney(m, locale);
  // Without the worker's settings (an older background) the amounts stay per currency, unconverted.
  const earned = rates ? earnedInDisplay(day.earnings, rates) : { kind: 'missing' as const, parts: day.earnings, missing: [], currency: '' };
  if (earned.kind === 'none') return <span class="summary-value summary-earned none">{t('nothingEarned')}</span>;
  if (earned.kind === 'missing') {
    const pairs = earned.missing.map((currency) => `${currency} → ${earned.currency}`).join(', ');
    return (
      <>
        <span class="summary-value summary-earned">{earned.parts.map(money).join(' + ')}</span>
        {pairs && <span class="summary-note missing">{t('rateMissingShort', [pairs])}</span>}
      </>
    );
  }
  const used = semicolonList(earned.converted.map((c) => `${money(c.from)} → ${money(c.to)} (${ratesText([c.rate], locale)})`));
  return (
    <>
      <span class="summary-value summary-earned">{money(earned.total)}</span>
      {used && <Converted text={t('convertedAt', [used])} />}
    </>
  );
}

function TrueRate({ day, rates, locale }: { day: NonNullable<PopupData['day']>; rates?: RateSettings; locale: string }) {
  const rate = day.trueRate;
  if (!rate) return <span class="summary-value summary-rate none">{t('noRateYet')}</span>;
  // A rate from a few seconds of work means nothing (DESIGN.md, "Rates"): as for a task, after a minute.
  if (workedMs(day.time) < RATE_AFTER_MS) return <span class="summary-value summary-rate none">{t('rateAfterMinute')}</span>;
  if ('missing' in rate) {
    const pairs = rate.missing.map((currency) => `${currency} → ${rate.currency}`).join(', ');
    return (
      <>
        <span class="summary-value summary-rate none">—</span>
        <span class="summary-note missing">{t('rateMissingShort', [pairs])}</span>
      </>
    );
  }
  return (
    <>
      <span class="summary-value summary-rate" title={t('trueRateHelp')}>
        {t('perHour', [formatMoney(rate.rate, locale)])}
      </span>
      {rate.converted && <Converted text={t('convertedAt', [ratesText(rate.rates, locale)])} />}
      {rates && <RateBadge band={bandOf(rate.rate, rates)} />}
    </>
  );
}

export interface TodaySummaryProps {
  data: PopupData;
  locale: string;
  /** Active time so far of the open tasks, ticking: in no part of the day until their outcome. */
  openActiveMs: number;
}

export function TodaySummary({ data, locale, openActiveMs }: TodaySummaryProps) {
  const day = data.day;
  return (
    <Card id="today-title" title={t('today')} class="summary">
      {!day && openActiveMs < 1000 ? (
        <p class="empty">{t('summaryEmpty')}</p>
      ) : (
        <dl class="summary-figures">
          <div class="lead">
            <dt>{t('summaryTrueRate')}</dt>
            <dd>{day ? <TrueRate day={day} rates={data.rates} locale={locale} /> : <span class="summary-value summary-rate none">{t('noRateYet')}</span>}</dd>
          </div>
          <div>
            <dt>{t('summaryEarned')}</dt>
            <dd>{day ? <Earned day={day} rates={data.rates} locale={locale} /> : <span class="summary-value summary-earned none">{t('nothingToday')}</span>}</dd>
          </div>
          <div>
            <dt>{t('summaryWorked')}</dt>
            <dd>
              <span class="summary-value summary-worked">{formatDuration(day ? workedMs(day.time) : 0)}</span>
              {openActiveMs >= 1000 && <span class="summary-note summary-open">{t('summaryOpenTime', [formatDuration(openActiveMs)])}</span>}
            </dd>
          </div>
        </dl>
      )}
      {data.today.length > 0 && (
        // The day per platform, on demand: its effective rates, unpaid and platform time.
        <details class="by-platform">
          <summary>{t('byPlatform')}</summary>
          <dl class="today">
            {data.today.map(({ platform, figures }) => (
              <div key={platform} data-platform={platform}>
                <dt>{platformName(platform)}</dt>
                <FiguresRow figures={figures} locale={locale} />
              </div>
            ))}
            {/* With several platforms, the whole day too: its true rate counts every platform's time. */}
            {day && data.today.length > 1 && (
              <div data-day="all">
                <dt>{t('allPlatforms')}</dt>
                <FiguresRow figures={day} locale={locale} />
              </div>
            )}
          </dl>
        </details>
      )}
    </Card>
  );
}
