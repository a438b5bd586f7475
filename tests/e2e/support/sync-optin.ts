import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver, Tab } from './driver';

/**
 * The sync opt-in (issue 15 item 3) end to end: turned on in the options page, the settings and each custom
 * rule land in the browser's own `storage.sync`, as separate items; rules that together exceed the sync quota
 * (about 100 kB) are kept local, and the options page says so. The quotas themselves: tests/unit/storage/sync.test.ts.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface SyncBrowser {
  driver: Driver;
  /** Everything in `storage.sync`, read in the background. */
  syncItems(): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** A custom site's rule, switched off (no host access needed). `filler`: characters of each selector's text. */
function rule(n: number, filler = 0) {
  // CJK text: three bytes each in UTF-8 (what the quota counts), one character for the 500-character limit.
  const text = '漢'.repeat(filler);
  return {
    id: `site-${n}`,
    name: `Site ${n}`,
    match: `https://site-${n}.example.org/task/*`,
    titleSelector: `h1[title="${text}"]`,
    rewardSelector: `.reward[title="${text}"]`,
    currency: 'USD',
    submit: { kind: 'selector', selector: `form[title="${text}"]` },
    timing: 'internal',
    enabled: false,
  };
}

/** Runs in the options page: saves these rules through the background, as the custom-sites editor does. */
async function saveRules(rules: unknown[]): Promise<unknown> {
  type Api = { runtime: { sendMessage(m: object): Promise<{ data?: unknown }> } };
  const g = globalThis as unknown as { browser?: Api; chrome: Api };
  return (await (g.browser ?? g.chrome).runtime.sendMessage({ type: 'ui-bg-save-rules', payload: { rules } })).data;
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (ok(value)) return value;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const ruleKeys = (items: Record<string, unknown>) => Object.keys(items).filter((k) => k.startsWith('rule:')).sort();
const text = (tab: Tab, selector: string) => tab.evaluate((s: string) => document.querySelector(s)?.textContent ?? '', selector);

export function syncOptIn(launch: () => Promise<SyncBrowser>) {
  describe('keeping settings in the browser’s sync', () => {
    let b: SyncBrowser;
    beforeAll(async () => {
      b = await launch();
    });
    afterAll(async () => b?.close());

    it('puts nothing in sync until the worker turns it on, then the settings and each rule as its own item', async () => {
      const options = await b.driver.openOptions();
      expect(await options.evaluate(saveRules, [rule(1), rule(2)])).toMatchObject({ saved: true });
      await sleep(500);
      expect(await b.syncItems()).toEqual({});
      await options.click('#sync');
      await options.click('.options-actions button[type="submit"]');
      const items = await until(() => b.syncItems(), (i) => ruleKeys(i).length === 2, 'the mirror');
      expect(ruleKeys(items)).toEqual(['rule:site-1', 'rule:site-2']);
      expect(items['rule:site-1']).toMatchObject({ id: 'site-1', name: 'Site 1', match: 'https://site-1.example.org/task/*', enabled: false });
      expect(items.settings).toMatchObject({ syncSettings: true, minRates: { USD: 725 } });
      // Never the history: only the settings and the rules.
      expect(Object.keys(items).filter((k) => k !== 'settings' && !k.startsWith('rule:'))).toEqual([]);
      await options.close();
    });

    it('keeps rules that do not fit local, says so, and leaves sync as it was', async () => {
      const options = await b.driver.openOptions();
      // 30 rules of about 4.4 kB each: each fits in an item (8 kB), together they exceed about 100 kB.
      const big = Array.from({ length: 30 }, (_, i) => rule(i + 1, 480));
      expect(await options.evaluate(saveRules, big)).toMatchObject({ saved: true });
      const message = await until(() => text(options, '[data-testid="sync-problem"]'), Boolean, 'the sync problem');
      expect(message).toMatch(/too large for the browser’s sync \(about 100 kB\)/);
      const items = await b.syncItems();
      expect(ruleKeys(items)).toEqual(['rule:site-1', 'rule:site-2']);
      expect(JSON.stringify(items)).not.toContain('漢');
      await options.close();
    });
  });
}
