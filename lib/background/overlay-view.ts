import type { LiveView } from '../domain/live';
import { formatMoney, type Money } from '../domain/money';
import { t } from '../i18n';
import { ratesText } from '../rates-text';
import { VALUE, type OverlayAsk, type OverlayLive, type OverlayWords } from '../runtime/overlay-message';

/** The overlay's words for a view, translated and with its amounts formatted (the page loads no catalogue). */
export function overlayWords(view: LiveView, locale: string): OverlayWords {
  const money = (m: Money | null) => (m ? formatMoney(m, locale) : '');
  const [minimum, target] = [money(view.minimum), money(view.target)];
  return {
    name: t('extName'),
    move: t('overlayMove'),
    expand: t('overlayExpand'),
    collapse: t('overlayCollapse'),
    rate: view.rate ? money(view.rate) : null,
    noRate: t('noRateYet'),
    rateSoon: t('rateAfterMinute'),
    perHour: t('perHour', [VALUE]),
    active: t('activeShort', [VALUE]),
    left: t('overlayLeft', [VALUE, minimum]),
    reward: view.reward ? money(view.reward) : t('rewardUnknown'),
    status: {
      under: t('overlayUnder', [minimum]),
      between: t('overlayBetween', [minimum, target]),
      good: t('overlayGood'),
      'no-minimum': t('overlayNoMinimum', [view.reward?.currency ?? '']),
      'no-reward': t('rewardUnknown'),
    },
    // Every converted figure is marked, its rates on hover (DESIGN.md, "Display currency").
    ...(view.converted ? { converted: { mark: t('trueRateConverted'), title: t('convertedAt', [ratesText(view.converted, locale)]) } } : {}),
  };
}

/** The overlay's question for a task whose page gave no reward (issue 19); `key` is `<platform>:<task id>`. */
export function askWords(key: string): OverlayAsk {
  const at = key.indexOf(':', key.startsWith('custom:') ? 'custom:'.length : 0);
  return { platform: key.slice(0, at), taskId: key.slice(at + 1), note: t('rewardUnread'), label: t('rewardUnreadLabel'), save: t('save') };
}

/**
 * Whether a view says more than the last one sent, moved on by the page itself, already shows: a change of
 * running, of active time beyond a second (idle, a pause), or of anything the overlay prints.
 */
export function changed(last: OverlayLive | undefined, next: OverlayLive): boolean {
  if (!last) return true;
  const [a, b] = [last.view, next.view];
  if (a.running !== b.running) return true;
  const predicted = a.activeMs + (a.running ? next.at - last.at : 0);
  if (Math.abs(predicted - b.activeMs) > 1000) return true;
  if (!b.running && a.band !== b.band) return true;
  const { rate: _a, ...printed } = last.words;
  const { rate: _b, ...now } = next.words;
  return JSON.stringify([printed, last.ask]) !== JSON.stringify([now, next.ask]);
}
