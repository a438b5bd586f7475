import { browser } from 'wxt/browser';
import { badgeFace, type BadgeTone } from '../domain/badge-face';
import { liveView, type LiveState, type LiveView } from '../domain/live';
import { formatMoney, minorDigits, type Money } from '../domain/money';
import { t, uiLocale } from '../i18n';
import { ratesText } from '../rates-text';
import type { TaskDetail } from '../domain/task-details';
import { getTaskByKey } from '../storage/history-db';
import { loadSettings, type LoadedSettings } from '../storage/settings';
import { storage } from 'wxt/utils/storage';
import { BadgeClock, type BadgeShown } from './badge-clock';
import { updateStored } from './serial';
import type { Tracker } from './tracker';

// Tasks already notified of falling under the minimum: once per task (session storage outlives the worker).
const notifiedItem = storage.defineItem<string[]>('session:notifiedUnder', { fallback: [] });

/** `settingsOf`: how the settings are read (the background's cache, `settingsCache`). */
export async function liveFor(
  tracker: Tracker, key: string, settingsOf: () => Promise<LoadedSettings> = loadSettings,
): Promise<{ view: LiveView | null; overlay: boolean; missing?: TaskDetail[] }> {
  const [task, { settings }] = await Promise.all([getTaskByKey(key), settingsOf()]);
  if (!task || task.status !== 'open') return { view: null, overlay: settings.overlay };
  return { view: liveView(task, tracker.now(), settings), overlay: settings.overlay, ...(task.missing ? { missing: task.missing } : {}) };
}

/** The badge's colours by tone (tests/e2e/support/rate-warning.ts reads them back). */
export const BADGE_COLOURS: Record<BadgeTone, string> = { good: '#1a7f37', between: '#9a6700', under: '#cf222e', neutral: '#6e7781' };

/**
 * The toolbar badge follows the task in front (DESIGN.md, "Rates"): while it is at or above the minimum, the
 * time it stays there ("45s", "39m", "1h39"); under it, its rate in red; with no minimum for its currency, its
 * rate after a minute of active time. Its title says the same in words. One notification per task when it falls
 * under (if the worker enabled them). A study accruing in an unrelated tab because its own tab is gone
 * (`fallback`) says so instead, so that the worker sees it and can detach it in the popup; so does a pause. Called on each of the
 * tracker's beats; `clock` redraws it between them while the task runs.
 */
export async function updateBadge(
  tracker: Tracker, front: string | null, fallback: boolean, clock: BadgeClock, paused = false, settingsOf: () => Promise<LoadedSettings> = loadSettings,
): Promise<void> {
  const ticket = clock.claim();
  // Paused (DESIGN.md, "Pause"): the badge says so, in grey, and the clock schedules nothing (claim stopped it).
  if (paused) return clock.paint(ticket, () => drawBadge(clock.shown, t('badgePaused'), BADGE_COLOURS.neutral, t('badgePausedTitle')));
  const task = front ? await getTaskByKey(front) : undefined;
  if (!front || !task || task.status !== 'open') return clock.paint(ticket, () => drawBadge(clock.shown, '', null, t('extName')));
  if (fallback) return clock.paint(ticket, () => drawBadge(clock.shown, t('badgeFallback'), '#0969da', t('badgeFallbackTitle', [task.title])));
  // Its page gave no reward (issue 19): timed all the same, and the badge says what the worker can do about it.
  if (task.missing?.includes('reward')) return clock.paint(ticket, () => drawBadge(clock.shown, '?', BADGE_COLOURS.neutral, t('badgeNoRewardTitle')));
  const { settings } = await settingsOf();
  const view = liveView(task, tracker.now(), settings);
  const notify = async (state: Pick<LiveState, 'band' | 'rate'>) => {
    if (state.band === 'under' && settings.notifications && view.minimum && state.rate) await notifyUnder(front, task.title, state.rate, view.minimum);
  };
  await clock.follow(ticket, view, async (state, tick) => {
    await drawLive(clock.shown, view, state);
    // A beat notifies below, drawn or not; the clock's own draws notify at the crossing itself.
    if (tick) await notify(state);
  });
  await notify(view);
}

async function drawBadge(shown: BadgeShown, text: string, color: string | null, title: string): Promise<void> {
  // Only what changed, and at once: each beat and decision redraws the badge, and every call is a round trip to a
  // browser that is often busy loading the page the worker just opened (issue 18, docs/page-cost.md).
  const set = <K extends keyof BadgeShown>(key: K, value: string, call: () => Promise<void>) => {
    if (shown[key] === value) return undefined;
    shown[key] = value;
    return call().catch((error: unknown) => {
      delete shown[key];
      throw error;
    });
  };
  const colour = () => (color ? set('color', color, () => browser.action.setBadgeBackgroundColor({ color })) : undefined);
  // A badge that appears takes its colour first: its text set alone would show, for a moment, in the colour of
  // whatever was there before, or in the browser's default red (Firefox's #d90000), which reads as "under the
  // minimum" on a task well above it. A badge already showing changes both at once, its text sent first (the two
  // calls are never atomic: its new text may show a moment in the old colour, never an old text in the new one).
  if (!shown.text && text !== '') await colour();
  await Promise.all([
    set('text', text, () => browser.action.setBadgeText({ text })),
    colour(),
    set('title', title, () => browser.action.setTitle({ title })),
  ]);
}

const separators = new Map<string, string>();

/**
 * The UI language's decimal separator, for the badge's four characters ("7,25" in French); read once per locale,
 * not at each of the badge's beats (a formatter each second in the service worker's profile, issue 18).
 */
function decimalSeparator(locale: string): string {
  let separator = separators.get(locale);
  if (separator === undefined) {
    separator = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
    separators.set(locale, separator);
  }
  return separator;
}

function drawLive(shown: BadgeShown, view: LiveView, state: LiveState): Promise<void> {
  const face = badgeFace(state, view.reward ? minorDigits(view.reward.currency) : 0, decimalSeparator(uiLocale()));
  const money = (m: Money) => formatMoney(m, uiLocale());
  const currency = view.reward?.currency ?? '';
  const title =
    face.kind === 'left' && view.minimum ? t('badgeLeftTitle', [face.text, money(view.minimum)])
    : face.kind === 'wait' ? t('badgeWaitTitle', [currency])
    : face.kind === 'rate' && state.rate ? rateTitle(state, money(state.rate), view.minimum ? money(view.minimum) : null, currency)
    : t('extName');
  // A minimum converted from the display currency: the title says so, with the rates (DESIGN.md, "Display currency").
  const converted = view.converted && face.kind !== 'none' ? ` (${t('convertedAt', [ratesText(view.converted, uiLocale())])})` : '';
  return drawBadge(shown, face.text, BADGE_COLOURS[face.tone], title + converted);
}

function rateTitle(state: LiveState, rate: string, minimum: string | null, currency: string): string {
  if (state.band === 'under' && minimum) return t('badgeUnderTitle', [rate, minimum]);
  return state.band === 'no-minimum' ? t('badgeNoMinimumTitle', [rate, currency]) : t('badgeTitle', [rate]);
}

/** Once per task, when it falls under the minimum. */
async function notifyUnder(key: string, title: string, rate: Money, minimum: Money): Promise<void> {
  // Checked and marked in one step of the list's queue: two badge updates at once (a heartbeat and a tab
  // event) would otherwise both find the task unmarked and notify twice, or each write the list without the other.
  let first = false;
  await updateStored(notifiedItem, (notified) => {
    first = !notified.includes(key);
    return first ? [...notified, key] : notified;
  });
  if (!first) return;
  try {
    await browser.notifications.create(`under:${key}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: t('notifyUnderTitle'),
      // The title is the page's: isolated (FSI … PDI), so that a direction override in it cannot turn the rate round.
      message: t('notifyUnderBody', [isolated(title), formatMoney(rate, uiLocale()), formatMoney(minimum, uiLocale())]),
    });
  } catch (error) {
    // Headless browsers and some desktops refuse notifications: the badge and overlay still warn.
    console.warn('Centime: notification refused', error);
  }
}

/** Page text set apart from the words around it, whatever direction marks it holds (Unicode's first-strong isolate). */
export const isolated = (text: string): string => `\u2068${text}\u2069`;
