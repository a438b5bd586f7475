import { formatDuration } from '../domain/duration';
import type { Estimate } from '../domain/estimate';
import { formatMoney } from '../domain/money';
import { formatCount, t, tPlural, uiLocale } from '../i18n';
import type { PanelText } from '../messaging';

/**
 * The estimates panel's words: what each listed task is expected to pay this worker, marked in words when under
 * the minimum, the worst case muted. Formatted here rather than in the page: `Intl` and the message catalogue
 * would cost every list page their bytes, and ICU's start (~15–20 ms on a page that has not used `Intl`).
 */
export function panelText(titles: readonly string[], estimates: readonly Estimate[], locale = uiLocale()): PanelText {
  const under = estimates.filter((e) => e.band === 'under').length;
  return {
    summary: tPlural('estimatesSummary', under, [formatCount(under, locale), formatCount(estimates.length, locale)], locale),
    rows: estimates.map((e, i) => {
      const title = titles[i] ?? '';
      const worst = e.worstCase ? t('worstCase', [formatMoney(e.worstCase, locale)]) : null;
      if (!e.expected || e.medianMs === undefined) return { title, line: t('noEstimate'), under: false, muted: true, worst };
      const subs = [formatMoney(e.expected, locale), formatDuration(e.medianMs), formatCount(e.samples, locale)];
      const line =
        e.basis === 'group' ? tPlural('estimateGroup', e.samples, subs, locale)
        : e.basis === 'requester' ? tPlural('estimateRequester', e.samples, subs, locale)
        : t('estimatePlatform', subs.slice(0, 2));
      const isUnder = e.band === 'under';
      return { title, line: isUnder ? `${line} — ${t('estimateUnder')}` : line, under: isUnder, muted: false, worst };
    }),
  };
}
