import { browser } from 'wxt/browser';
import { badgeText, liveView, type LiveView } from '../domain/live';
import { formatMoney, minorDigits } from '../domain/money';
import { t, uiLocale } from '../i18n';
import { getTaskByKey } from '../storage/history-db';
import { loadSettings } from '../storage/settings';
import { storage } from 'wxt/utils/storage';
import { updateStored } from './serial';
import type { Tracker } from './tracker';

// Tasks already notified of falling under the minimum: once per task (session storage outlives the worker).
const notifiedItem = storage.defineItem<string[]>('session:notifiedUnder', { fallback: [] });

export async function liveFor(tracker: Tracker, key: string): Promise<{ view: LiveView | null; overlay: boolean }> {
  const [task, { settings }] = await Promise.all([getTaskByKey(key), loadSettings()]);
  if (!task || task.status !== 'open') return { view: null, overlay: settings.overlay };
  return { view: liveView(task, tracker.now(), settings), overlay: settings.overlay };
}

/**
 * The toolbar badge follows the task in front: its live rate, red under the minimum; and one notification per
 * task when it falls under (if the worker enabled them). A study accruing in an unrelated tab because its own
 * tab is gone (`fallback`) says so instead, so that the worker sees it and can detach it in the popup.
 */
export async function updateBadge(tracker: Tracker, front: string | null, fallback = false): Promise<void> {
  const task = front ? await getTaskByKey(front) : undefined;
  if (!task || task.status !== 'open') {
    await browser.action.setBadgeText({ text: '' });
    await browser.action.setTitle({ title: t('extName') });
    return;
  }
  if (fallback) {
    await browser.action.setBadgeText({ text: t('badgeFallback') });
    await browser.action.setBadgeBackgroundColor({ color: '#0969da' });
    await browser.action.setTitle({ title: t('badgeFallbackTitle', [task.title]) });
    return;
  }
  const { settings } = await loadSettings();
  const view = liveView(task, tracker.now(), settings);
  if (!view.rate) {
    await browser.action.setBadgeText({ text: '' });
    return;
  }
  const under = view.band === 'under';
  const rate = formatMoney(view.rate, uiLocale());
  await browser.action.setBadgeText({ text: badgeText(view.rate, minorDigits(view.rate.currency)) });
  await browser.action.setBadgeBackgroundColor({ color: under ? '#cf222e' : view.band === 'between' ? '#9a6700' : '#1a7f37' });
  await browser.action.setTitle({ title: t('badgeTitle', [rate]) });
  if (!under || !settings.notifications || !view.minimum) return;
  // Checked and marked in one step of the list's queue: two badge updates at once (a heartbeat and a tab
  // event) would otherwise both find the task unmarked and notify twice, or each write the list without the other.
  let first = false;
  await updateStored(notifiedItem, (notified) => {
    first = !notified.includes(front!);
    return first ? [...notified, front!] : notified;
  });
  if (!first) return;
  try {
    await browser.notifications.create(`under:${front}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: t('notifyUnderTitle'),
      message: t('notifyUnderBody', [task.title, rate, formatMoney(view.minimum, uiLocale())]),
    });
  } catch (error) {
    // Headless browsers and some desktops refuse notifications: the badge and overlay still warn.
    console.warn('Centime: notification refused', error);
  }
}
