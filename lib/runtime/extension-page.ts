import { browser } from 'wxt/browser';
import { platformHosts } from '../platforms/hosts';
import { sendToBackground } from '../messaging';
import { setCustomSiteNames } from '../site-names';

/**
 * Asks the browser never to evict Centime's data under storage pressure. Only a page can ask
 * (`navigator.storage` does not exist in the service worker), so the popup and options pages do, once each.
 */
export async function persistStorage(): Promise<boolean> {
  try {
    return (await navigator.storage?.persisted?.()) || ((await navigator.storage?.persist?.()) ?? false);
  } catch {
    return false;
  }
}

/** Firefox lets workers revoke even the platforms' host access: without it no task is timed. */
export async function hasHostAccess(): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: platformHosts });
  } catch {
    return true;
  }
}

/**
 * Asks for the platforms' host access again. Call it first thing in a click handler: Firefox refuses a
 * permission request that follows an `await`.
 */
export function requestHostAccess(): Promise<boolean> {
  return browser.permissions.request({ origins: platformHosts });
}

/**
 * The names the worker gave their custom sites, asked of the background once as a page opens and before it
 * renders (pages name platforms while rendering). The background reads and validates the stored rules as it does
 * for the options page (and sets aside a list that fails, as the one writer). A background that does not answer
 * in `waitMs` leaves the sites named by their ids rather than the page blank.
 */
export async function loadCustomSiteNames(waitMs = 1_000): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)));
  const asked = sendToBackground('ui-bg-get-site-names', {}).then(({ sites }) => sites, () => null);
  const sites = await Promise.race([asked, late]);
  clearTimeout(timer);
  if (sites) setCustomSiteNames(sites);
}
