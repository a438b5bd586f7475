import { beforeEach, describe, expect, it } from 'vitest';
import type { SitesEnv } from '../../../lib/background/custom-handlers';
import { CUSTOM_SCRIPT, syncCustomSites, type ScriptingEnv } from '../../../lib/background/custom-sites';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter, type Route, type Sender } from '../../../lib/background/router';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import type { CustomRule } from '../../../lib/platforms/custom-rule';
import { presetRule } from '../../../lib/platforms/presets';
import { adapterById, allAdapters, setCustomAdapters } from '../../../lib/platforms/registry';
import { setTranslator } from '../../../lib/i18n';
import { clearHistory, getTaskByKey } from '../../../lib/storage/history-db';
import { FakeBrowser, memoryClaims } from './fake-env';

const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const options: Sender = { id: me.extensionId, url: `${me.extensionOrigin}options.html` };
const rule = (over: Partial<CustomRule> = {}): CustomRule => ({
  id: 'taskmill', name: 'Taskmill', match: 'https://tasks.example.net/task/*', titleSelector: 'h1.task-title',
  rewardSelector: '.reward', currency: 'USD', submit: { kind: 'selector', selector: '.thanks' }, timing: 'internal', enabled: true,
  ...over,
});

/** `browser.scripting` and `permissions` as Chrome keeps them: registrations persist until unregistered. */
class FakeScripting implements ScriptingEnv {
  scripts = new Map<string, string[]>();
  grantedOrigins = new Set<string>(['https://tasks.example.net/*']);
  calls: string[] = [];
  registered = async () => [...this.scripts].map(([id, matches]) => ({ id, matches }));
  register = async (scripts: { id: string; matches: string[]; js: string[] }[]) => {
    for (const s of scripts) {
      // Chrome refuses an id registered twice: the sync must never try.
      if (this.scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
      expect(s.js).toEqual([CUSTOM_SCRIPT]);
      this.scripts.set(s.id, s.matches);
      this.calls.push(`register ${s.id}`);
    }
  };
  unregister = async (ids: string[]) => {
    for (const id of ids) this.scripts.delete(id);
    this.calls.push(`unregister ${ids.join(',')}`);
  };
  granted = async (origin: string) => this.grantedOrigins.has(origin);
}

describe('custom sites: scripts registered per granted site', () => {
  beforeEach(() => setCustomAdapters([]));

  it('registers one script per enabled rule with access, on its whole site, and never twice across restarts', async () => {
    const scripting = new FakeScripting();
    const rules = [rule(), rule({ id: 'other', match: 'https://other.example.org/*' }), rule({ id: 'off', enabled: false })];
    expect(await syncCustomSites(rules, scripting)).toEqual(['custom-site:taskmill']);
    expect([...scripting.scripts]).toEqual([['custom-site:taskmill', ['https://tasks.example.net/*']]]);
    // A restarted worker syncs again: Chrome kept the registration, nothing is registered twice.
    expect(await syncCustomSites(rules, scripting)).toEqual(['custom-site:taskmill']);
    expect(scripting.calls).toEqual(['register custom-site:taskmill']);
    // The adapters of enabled rules are known to the sender check; a disabled one is not.
    expect(adapterById('custom:taskmill')?.matches).toEqual(['https://tasks.example.net/*']);
    expect(adapterById('custom:off')).toBeUndefined();
    expect(allAdapters().map((a) => a.id)).toEqual(['mturk', 'prolific', 'custom:taskmill', 'custom:other']);
  });

  it('drops the script when access is revoked or the rule is disabled, and moves it when the site changes', async () => {
    const scripting = new FakeScripting();
    await syncCustomSites([rule()], scripting);
    scripting.grantedOrigins.clear();
    expect(await syncCustomSites([rule()], scripting)).toEqual([]);
    expect(scripting.scripts.size).toBe(0);
    scripting.grantedOrigins.add('https://tasks.example.net/*').add('https://jobs.example.net/*');
    await syncCustomSites([rule()], scripting);
    await syncCustomSites([rule({ match: 'https://jobs.example.net/t/*' })], scripting);
    expect([...scripting.scripts]).toEqual([['custom-site:taskmill', ['https://jobs.example.net/*']]]);
    await syncCustomSites([rule({ enabled: false })], scripting);
    expect(scripting.scripts.size).toBe(0);
  });

  it('leaves scripts that are not custom sites alone', async () => {
    const scripting = new FakeScripting();
    scripting.scripts.set('something-else', ['https://x.example/*']);
    await syncCustomSites([], scripting);
    expect(scripting.scripts.has('something-else')).toBe(true);
  });
});

describe('custom sites through the router', () => {
  let b: FakeBrowser;
  let route: Route;
  let scripting: FakeScripting;
  const send = (type: string, payload: object, sender: Sender = options) => route({ type, payload }, sender);

  beforeEach(async () => {
    await clearHistory();
    await fakeBrowserStorageClear();
    setCustomAdapters([]);
    b = new FakeBrowser();
    scripting = new FakeScripting();
    const sites: SitesEnv = { scripting, pick: async () => '.picked' };
    const writer = new TaskWriter(() => 'UTC');
    const tracker = new Tracker(b.env(), writer, allAdapters);
    route = createRouter(createHandlers({ tracker, writer, timeZone: () => 'UTC', claims: memoryClaims(), sites }), me);
  });

  it('refuses invalid rules with a problem per field, saves valid ones and registers their scripts', async () => {
    const bad = { ...rule(), id: 'bad', match: '<all_urls>', titleSelector: 'h1[' };
    expect(await send('ui-bg-save-rules', { rules: [rule(), bad] })).toEqual({
      ok: true,
      data: { saved: false, problems: [{ index: 1, problems: [{ field: 'match', code: 'match-too-broad' }, { field: 'titleSelector', code: 'selector-invalid' }] }] },
    });
    // Nothing was saved: the good rule waits for the list to be valid.
    expect(await send('ui-bg-get-rules', {})).toMatchObject({ data: { rules: [] } });
    expect(await send('ui-bg-save-rules', { rules: [rule(), presetRule('microworkers')] })).toEqual({ ok: true, data: { saved: true, registered: ['custom-site:taskmill'] } });
    const got = (await send('ui-bg-get-rules', {})) as { data: { rules: CustomRule[]; granted: Record<string, boolean>; presets: CustomRule[] } };
    expect(got.data.rules.map((r) => r.id)).toEqual(['taskmill', 'microworkers']);
    expect(got.data.granted).toEqual({ taskmill: true, microworkers: false });
    expect(got.data.presets.map((p) => p.id)).toEqual(['clickworker', 'microworkers', 'toloka', 'connect', 'rapidworkers']);
  });

  it("answers the pages every stored rule's id, name and site (disabled ones too), and nothing when there is none", async () => {
    expect(await send('ui-bg-get-site-names', {}, { id: me.extensionId, url: `${me.extensionOrigin}popup.html` })).toEqual({ ok: true, data: { sites: [] } });
    await send('ui-bg-save-rules', { rules: [rule({ id: 'site-k3j9x2ab' }), rule({ id: 'site-off00000', name: 'Paused site', match: 'https://off.example.net/*', enabled: false })] });
    expect(await send('ui-bg-get-site-names', {}, { id: me.extensionId, url: `${me.extensionOrigin}task-history.html` })).toEqual({
      ok: true,
      data: {
        sites: [
          { id: 'site-k3j9x2ab', name: 'Taskmill', match: 'https://tasks.example.net/task/*' },
          { id: 'site-off00000', name: 'Paused site', match: 'https://off.example.net/*' },
        ],
      },
    });
    // A website's page is refused, as for every ui- message.
    expect(await send('ui-bg-get-site-names', {}, { id: me.extensionId, url: 'https://tasks.example.net/task/1', tab: { id: 1, url: 'https://tasks.example.net/task/1' } })).toMatchObject({ ok: false });
  });

  it("names two enabled sites of one name apart by their hosts in the options page's platforms, as the pages do", async () => {
    setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key));
    try {
      const rules = [
        rule({ id: 'site-aaaa1111', name: 'Surveys', match: 'https://panel.example.net/*' }),
        rule({ id: 'site-bbbb2222', name: 'Surveys', match: 'https://*.surveys.example.org/*' }),
        rule({ id: 'site-cccc3333' }),
      ];
      expect(await send('ui-bg-save-rules', { rules })).toMatchObject({ ok: true, data: { saved: true } });
      const got = (await send('ui-bg-get-options', {})) as { data: { platforms: { id: string; name: string }[] } };
      expect(got.data.platforms.filter((p) => p.id.startsWith('custom:'))).toEqual([
        { id: 'custom:site-aaaa1111', name: 'customSiteWithHint(Surveys|panel.example.net)' },
        { id: 'custom:site-bbbb2222', name: 'customSiteWithHint(Surveys|surveys.example.org)' },
        { id: 'custom:site-cccc3333', name: 'Taskmill' },
      ]);
    } finally {
      setTranslator();
    }
  });

  it('names the rule that repeats an id by its place in the list the page sent, past an invalid rule before it', async () => {
    const bad = { ...rule(), id: 'bad', match: '<all_urls>' };
    const first = rule();
    const again = rule({ name: 'Taskmill again', match: 'https://again.example.net/task/*' });
    expect(await send('ui-bg-save-rules', { rules: [bad, first, again] })).toEqual({
      ok: true,
      data: {
        saved: false,
        // The options page marks these rules: the repeated id is the third rule's, not the first Taskmill's.
        problems: [
          { index: 0, problems: [{ field: 'match', code: 'match-too-broad' }] },
          { index: 2, problems: [{ field: 'id', code: 'invalid' }] },
        ],
      },
    });
  });

  it('times a task on a custom site and ends it when the rule says it was submitted', async () => {
    await send('ui-bg-save-rules', { rules: [rule()] });
    const url = 'https://tasks.example.net/task/42';
    const tab: Sender = { id: me.extensionId, url, tab: { id: 1, url } };
    b.tabs = [{ id: 1, windowId: 1, url, active: true }];
    const snapshot = { platform: 'custom:taskmill', taskId: 'tasks.example.net/task/42', title: 'Tag 20 photos', requesterName: 'Taskmill', reward: { minor: 40, currency: 'USD' } };
    expect(await send('cs-bg-task-seen', snapshot, tab)).toMatchObject({ ok: true });
    b.advance(12_000);
    expect(await send('cs-bg-custom-submitted', { platform: 'custom:taskmill', taskId: snapshot.taskId }, tab)).toEqual({
      ok: true,
      data: { confirmed: 'custom:taskmill:tasks.example.net/task/42' },
    });
    expect(await getTaskByKey('custom:taskmill:tasks.example.net/task/42')).toMatchObject({ status: 'submitted', activeMs: 12_000 });
    // Another site cannot speak for this one.
    const evil = 'https://evil.example/task/42';
    expect(await send('cs-bg-custom-submitted', { platform: 'custom:taskmill', taskId: null }, { id: me.extensionId, url: evil, tab: { id: 2, url: evil } })).toMatchObject({ ok: false });
  });
});

async function fakeBrowserStorageClear(): Promise<void> {
  const { fakeBrowser } = await import('wxt/testing');
  await fakeBrowser.storage.local.clear();
}
