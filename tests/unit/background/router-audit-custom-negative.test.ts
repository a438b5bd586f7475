// @vitest-environment happy-dom
// The router refuses a negative reward from a page (an amount a page shows is never negative); the custom-site
// adapter reads none from a reward shown with a minus ("−€1.50"), so its task is still timed and the worker asked
// for the reward (issue 19), rather than the whole snapshot refused.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createRouter, type Handlers, type Sender } from '../../../lib/background/router';
import { customAdapter } from '../../../lib/platforms/custom';
import type { CustomRule } from '../../../lib/platforms/custom-rule';
import { setCustomAdapters } from '../../../lib/platforms/registry';

const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const url = 'https://tasks.example.net/task/42';
const fromSite: Sender = { id: me.extensionId, url, tab: { id: 3, url } };
const rule: CustomRule = {
  id: 'tasks', name: 'Tasks', match: 'https://tasks.example.net/task/*', titleSelector: 'h1', rewardSelector: '.reward',
  currency: 'EUR', submit: { kind: 'selector', selector: '.thanks' }, timing: 'internal', enabled: true,
};

beforeEach(() => setCustomAdapters([customAdapter(rule)]));
afterEach(() => setCustomAdapters([]));

it.each(['-€1.50', '−€1.50', '-$0.50'])('a custom site showing %s as its reward is still timed, its reward asked for', async (shown) => {
  const doc = new DOMParser().parseFromString(`<h1>Label images</h1><span class="reward">${shown}</span>`, 'text/html');
  const snapshot = customAdapter(rule).readTask(doc, new URL(url));
  expect(snapshot).toMatchObject({ reward: null, missing: ['reward'] });
  const seen: unknown[] = [];
  const handlers = new Proxy({}, { get: () => async (payload: unknown) => (seen.push(payload), { saved: true }) }) as unknown as Handlers;
  expect(await createRouter(handlers, me)({ type: 'cs-bg-task-seen', payload: snapshot }, fromSite)).toMatchObject({ ok: true });
  expect(seen).toHaveLength(1);
});
