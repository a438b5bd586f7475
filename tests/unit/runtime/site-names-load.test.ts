import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { platformName } from '../../../components/period-format';
import { setTranslator } from '../../../lib/i18n';
import { setCustomSiteNames } from '../../../lib/site-names';
import { loadCustomSiteNames } from '../../../lib/runtime/extension-page';

// A page asks the background for the custom sites' names once, before its first render.
beforeEach(() => setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key)));
afterEach(() => {
  setCustomSiteNames([]);
  setTranslator();
  vi.useRealTimers();
});

const sites = [{ id: 'site-k3j9x2ab', name: 'Taskmill', match: 'https://tasks.example.net/*' }];

describe('loading the custom sites’ names', () => {
  it('asks the background and names the sites by its answer', async () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: true, data: { sites } } as never);
    await loadCustomSiteNames();
    expect(send).toHaveBeenCalledWith({ type: 'ui-bg-get-site-names', payload: {} });
    expect(platformName('custom:site-k3j9x2ab')).toBe('Taskmill');
  });

  it('leaves the ids when the background fails or is slow to answer, and the page is not held up', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('Could not establish connection'));
    await loadCustomSiteNames();
    expect(platformName('custom:site-k3j9x2ab')).toBe('site-k3j9x2ab');
    vi.useFakeTimers();
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockReturnValue(new Promise(() => {}) as never);
    const loaded = loadCustomSiteNames(1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    await loaded;
    expect(platformName('custom:site-k3j9x2ab')).toBe('site-k3j9x2ab');
  });
});
