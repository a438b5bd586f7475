// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { claimPage, pageContext } from '../../../lib/runtime/page-context';

describe('a page script’s context', () => {
  afterEach(() => {
    document.documentElement.removeAttribute('data-centime');
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('stops an older copy of the same script when a newer one starts, and only that script', () => {
    const old = pageContext('mturk');
    const other = pageContext('prolific');
    const clicks: string[] = [];
    old.addEventListener(document, 'click', () => clicks.push('old'));
    expect(claimPage(old)).toBe(true);
    const fresh = pageContext('mturk');
    expect(old.isInvalid).toBe(true);
    expect(other.isInvalid).toBe(false);
    expect(fresh.isInvalid).toBe(false);
    document.body.click();
    expect(clicks).toEqual([]);
    // The old copy gave the page up: the new one can serve it.
    expect(claimPage(fresh)).toBe(true);
    expect(claimPage(pageContext('prolific'))).toBe(false);
  });

  it('fires no timer once the extension is gone, and posts nothing to the page', () => {
    vi.useFakeTimers();
    const posted = vi.spyOn(window, 'postMessage');
    const ctx = pageContext('mturk');
    const fired = vi.fn();
    ctx.setTimeout(fired, 100);
    // An extension reloaded or removed: its content scripts' runtime has no id any more.
    vi.spyOn(fakeBrowser.runtime, 'id', 'get').mockReturnValue(undefined as never);
    vi.advanceTimersByTime(200);
    expect(fired).not.toHaveBeenCalled();
    expect(ctx.isInvalid).toBe(true);
    expect(posted).not.toHaveBeenCalled();
  });
});
