// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { claimPage, pageContext } from '../../../lib/runtime/page-context';
import { sendPage } from '../../../lib/runtime/send-page';

// Each test's scripts run in a world of their own (an isolated world's global); `globalThis` is the default one.
describe('a page script’s context', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('stops an older copy of the same script when a newer one starts in its world, and only that script', () => {
    const world = {};
    const old = pageContext('mturk', world);
    const other = pageContext('prolific', world);
    const clicks: string[] = [];
    old.addEventListener(document, 'click', () => clicks.push('old'));
    expect(claimPage(old, world)).toBe(true);
    const fresh = pageContext('mturk', world);
    expect(old.isInvalid).toBe(true);
    expect(other.isInvalid).toBe(false);
    expect(fresh.isInvalid).toBe(false);
    document.body.click();
    expect(clicks).toEqual([]);
    // The old copy gave the page up: the new one serves it, and no other script serves it twice.
    expect(claimPage(fresh, world)).toBe(true);
    expect(claimPage(pageContext('prolific', world), world)).toBe(false);
  });

  it('leaves the page nothing to find: no attribute, no event of its own, nothing posted', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: true, data: { panel: null } } as never);
    const dispatched = vi.spyOn(EventTarget.prototype, 'dispatchEvent');
    const listened = vi.spyOn(EventTarget.prototype, 'addEventListener');
    const posted = vi.spyOn(window, 'postMessage');
    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    observer.observe(document, { attributes: true, childList: true, subtree: true, characterData: true });
    // A platform page's script starts, then a newer copy of it (the extension was updated) takes over.
    const world = {};
    expect(sendPage(pageContext('mturk', world), 'mturk')).toBe(true);
    expect(sendPage(pageContext('mturk', world), 'mturk')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    observer.disconnect();
    // What a page's own script could watch for: a change to its DOM, a document or window event, a message.
    expect(changes).toEqual([]);
    expect([...document.querySelectorAll('*')].flatMap((el) => el.getAttributeNames()).filter((name) => /centime/i.test(name))).toEqual([]);
    const types = [...dispatched.mock.calls.map(([event]) => event.type), ...listened.mock.calls.map(([type]) => type)];
    expect(types.filter((type) => /^centime/i.test(type))).toEqual([]);
    expect(dispatched.mock.contexts.filter((target) => target === document || target === window)).toEqual([]);
    expect(posted).not.toHaveBeenCalled();
  });

  it('serves the page from a copy in a new world, whatever an older copy in a gone world had claimed', () => {
    // An extension reloaded or updated runs its scripts in a new isolated world (Chrome) or a new sandbox, the old one
    // cut off (Firefox): the old copy can no longer answer anything, so nothing it left may hold the new one back.
    const before = {};
    const old = pageContext('mturk', before);
    expect(claimPage(old, before)).toBe(true);
    const after = {};
    const fresh = pageContext('mturk', after);
    expect(claimPage(fresh, after)).toBe(true);
    expect(fresh.isInvalid).toBe(false);
  });

  it('fires no timer once the extension is gone, and posts nothing to the page', () => {
    vi.useFakeTimers();
    const posted = vi.spyOn(window, 'postMessage');
    const ctx = pageContext('mturk', {});
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
