import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumHarness } from './support/chromium';
import { chromiumDriver, type Driver } from './support/driver';
import { site } from './support/mturk-flows';

// Chromium attaches no SameSite=Lax cookie to an extension's own requests (tests/e2e/README.md). If MTurk's
// session cookie is Lax, the refresh reads MTurk through an open MTurk tab instead: a same-origin request from
// the page, which carries it.
describe('Chromium: refresh with a SameSite=Lax session', () => {
  let h: ChromiumHarness;
  let d: Driver;
  beforeAll(async () => {
    h = await launchChromium(site);
    d = chromiumDriver(h);
    await h.context.addCookies([{ name: 'session-token', value: 'worker', domain: 'worker.mturk.com', path: '/', secure: true, sameSite: 'Lax' }]);
  });
  afterAll(async () => h?.close());

  it('is logged out from the worker alone, and reads the dashboard through an open MTurk page', async () => {
    expect((await d.refreshFromPopup()).message).toBe('You are logged out of MTurk: sign in on worker.mturk.com, then refresh.');
    const tab = await h.context.newPage();
    await tab.goto('https://worker.mturk.com/projects');
    await tab.waitForTimeout(1_000);
    const before = d.served('/dashboard');
    const { message, reading } = await d.refreshFromPopup();
    expect(message).toBe('Refreshed (2 requests to MTurk).');
    expect(d.served('/dashboard')).toBe(before + 1);
    expect(reading.balances['mturk:USD']!.withdrawable).toMatch(/^≈ \$14\.73 withdrawable/);
    expect(reading.balances['mturk:USD']!.paidOut).toMatch(/^Paid out \$75\.28/);
    await tab.close();
  });
});
