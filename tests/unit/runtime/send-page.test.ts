// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PanelText } from '../../../lib/messaging';
import { pageContext } from '../../../lib/runtime/page-context';
import { sendPage } from '../../../lib/runtime/send-page';
import { watchDom } from '../../../lib/runtime/spa';

const panel: PanelText = { summary: '1 of 1 under', rows: [{ title: 'A HIT', line: '$6.00/h', under: true, muted: false, worst: null }] };

describe('a platform page’s script', () => {
  let sent: { html: string; doc: string }[];
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    document.body.replaceChildren(Object.assign(document.createElement('p'), { textContent: 'Queue' }));
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: { payload: { html: string; doc: string } }) => {
      sent.push(message.payload);
      return { ok: true, data: { panel } };
    }) as never);
  });
  afterEach(() => {
    // A newer copy stops the test's script (and then serves nothing).
    pageContext('test');
    document.querySelector('centime-estimates')?.remove();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('sends a full-load page once, shows the panel it gets back, and leaves nothing running', async () => {
    sendPage(pageContext('test'), 'mturk');
    await vi.runAllTimersAsync();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.html).toContain('<p>Queue</p>');
    expect(document.querySelector('centime-estimates')).not.toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sends a single-page app again once its DOM settles after a change, and only when it changed', async () => {
    sendPage(pageContext('test'), 'prolific', watchDom);
    await vi.advanceTimersByTimeAsync(1_000);
    // Its own panel appearing is not a change of the page.
    expect(sent).toHaveLength(1);
    document.querySelector('p')!.textContent = 'Studies';
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.html).toContain('<p>Studies</p>');
    expect(sent[1]!.doc).toBe(sent[0]!.doc);
    document.querySelector('p')!.setAttribute('class', '');
    document.querySelector('p')!.removeAttribute('class');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent).toHaveLength(2);
  });
});
