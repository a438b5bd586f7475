import { afterEach, beforeEach, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SitesEnv } from '../../../lib/background/custom-handlers';
import { dataHandlers } from '../../../lib/background/data-handlers';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter, type Sender } from '../../../lib/background/router';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import { previewImport, runImport, type ImportPreview } from '../../../lib/pages/data-io';
import { platforms } from '../../../lib/platforms/registry';
import { loadCustomRules } from '../../../lib/storage/custom-rules-store';
import { clearHistory } from '../../../lib/storage/history-db';
import { DEFAULT_SETTINGS, loadSettings, saveSettings } from '../../../lib/storage/settings';
import { FakeBrowser, memoryClaims } from '../background/fake-env';

// "Use the backup's settings" (issue 17): settings this version cannot read (a newer Centime's, on the other
// browser) or sites not valid here are not used, and the page is told so: never an import that says it is done
// while the settings asked for silently stayed as they were.
const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const options: Sender = { id: me.extensionId, url: `${me.extensionOrigin}options.html` };
const sites: SitesEnv = {
  scripting: { registered: async () => [], register: async () => {}, unregister: async () => {}, granted: async () => true },
  pick: async () => null,
};
const rule = { id: 'site-1', name: 'Tasks', match: 'https://tasks.example.net/task/*', titleSelector: 'h1', currency: 'USD', submit: { kind: 'selector', selector: '.thanks' }, timing: 'internal', enabled: true };
const backup = (settings: object, customRules: object[]) => JSON.stringify({ format: 'centime-backup', version: 1, exportedAt: 0, tasks: [], settings, customRules });
let listener: ((message: unknown) => unknown) | undefined;
const NOW = Date.parse('2026-11-27T14:00:00Z');

beforeEach(async () => {
  await clearHistory();
  await saveSettings(DEFAULT_SETTINGS);
  const writer = new TaskWriter(() => 'UTC');
  const tracker = new Tracker(new FakeBrowser().env(), writer, platforms);
  const data = dataHandlers({ writer, now: () => NOW, clearStorage: async () => {}, afterDelete: async () => {} });
  const route = createRouter({ ...createHandlers({ tracker, writer, timeZone: () => 'UTC', claims: memoryClaims(), sites }), ...data }, me);
  // The options page's messages reach the background's router.
  listener = (message) => route(message as never, options);
  fakeBrowser.runtime.onMessage.addListener(listener as never);
});
afterEach(() => {
  if (listener) fakeBrowser.runtime.onMessage.removeListener(listener as never);
});

it('uses the settings and sites it can, and says which it could not', async () => {
  const good = (await previewImport(backup({ ...DEFAULT_SETTINGS, idleTimeoutSec: 300 }, [rule]), NOW)) as ImportPreview;
  expect(await runImport(good, true, () => {})).toMatchObject({ settingsLeftOut: false, rulesLeftOut: false });
  expect((await loadSettings(Date.now())).settings.idleTimeoutSec).toBe(300);
  expect((await loadCustomRules()).rules.map((r) => r.id)).toEqual(['site-1']);

  // A newer Centime's settings (its own version) and a site whose address is no pattern: neither is used, and
  // the outcome says so; what was here stays.
  const newer = (await previewImport(backup({ ...DEFAULT_SETTINGS, v: 99, idleTimeoutSec: 600 }, [{ ...rule, id: 'site-2', match: 'not a pattern' }]), NOW)) as ImportPreview;
  expect(newer.hasSettings).toBe(true);
  expect(await runImport(newer, true, () => {})).toMatchObject({ settingsLeftOut: true, rulesLeftOut: true });
  expect((await loadSettings(Date.now())).settings.idleTimeoutSec).toBe(300);
  expect((await loadCustomRules()).rules.map((r) => r.id)).toEqual(['site-1']);

  // Not asked for: nothing is said.
  expect(await runImport(newer, false, () => {})).toMatchObject({ settingsLeftOut: false, rulesLeftOut: false });
});
