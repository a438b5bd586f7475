import { browser } from 'wxt/browser';
import { platformHosts } from '../platforms/hosts';

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
