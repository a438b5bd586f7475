// The background's message boundary, probed as the browser delivers messages (DESIGN.md, Architecture: "the
// background validates each with zod and checks the sender: sender.id is this extension *and* the sender tab's URL
// matches the adapter named in the payload"). Content scripts run beside untrusted pages; only Centime's own pages
// may send `ui-*`. Every refusal happens before any handler runs, and its reply carries a code, never a stack.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouter, senderProblem, type Handlers, type Route, type Sender } from '../../../lib/background/router';
import type { MessageType } from '../../../lib/messaging';
import { customAdapter } from '../../../lib/platforms/custom';
import type { CustomRule } from '../../../lib/platforms/custom-rule';
import { setCustomAdapters } from '../../../lib/platforms/registry';
import { DEFAULT_SETTINGS } from '../../../lib/storage/settings';

const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const side = JSON.parse(readFileSync('tests/fixtures/mturk/task-page.json', 'utf8'));
const snapshot = side.expected;
const TASK_URL: string = side.url;
const MTURK = 'https://worker.mturk.com';
const CUSTOM_URL = 'https://tasks.example.net/task/42';
const usd = (minor: number) => ({ minor, currency: 'USD' });

/** A Centime content script in the top frame of a tab, as Chrome describes it (Firefox gives no `origin`). */
const top = (url: string, tabId = 7): Sender => ({ id: me.extensionId, url, origin: new URL(url).origin, frameId: 0, tab: { id: tabId, url } }) as Sender;
const fromMturk = top(TASK_URL);
const fromCustomSite = top(CUSTOM_URL, 8);
const fromPopup: Sender = { id: me.extensionId, url: `${me.extensionOrigin}popup.html`, origin: 'chrome-extension://centime-id' } as Sender;

const rule: CustomRule = {
  id: 'taskmill', name: 'Taskmill', match: 'https://tasks.example.net/task/*', titleSelector: 'h1', rewardSelector: '.reward',
  currency: 'USD', submit: { kind: 'selector', selector: '.thanks' }, timing: 'internal', enabled: true,
};

/** One valid payload per content-script message, as MTurk's scripts (or the page reader) send it. */
const csMessages: [MessageType, Record<string, unknown>][] = [
  ['cs-bg-task-seen', snapshot],
  ['cs-bg-task-claim', { platform: 'mturk', taskId: snapshot.taskId, outcome: 'submitted' }],
  ['cs-bg-page-html', { platform: 'mturk', url: TASK_URL, doc: 'd1', html: '<html><body></body></html>' }],
  ['cs-bg-page-seen', { platform: 'mturk', pageKind: 'task', alert: null, taskId: snapshot.taskId }],
  ['cs-bg-balance-page', { platform: 'mturk', dashboard: { available: usd(1234) } }],
  ['cs-bg-estimates', { platform: 'mturk', rows: [{ groupId: 'G1', reward: usd(50), timeAllottedSec: 600 }] }],
  ['cs-bg-details-seen', { platform: 'mturk', rows: [{ taskId: 'A1', title: 'T', requesterName: 'R', reward: usd(50) }] }],
  ['cs-bg-task-reward', { platform: 'mturk', taskId: snapshot.taskId, text: '$0.50' }],
  ['cs-bg-custom-submitted', { platform: 'mturk', taskId: null }],
];

/** One valid payload per message only Centime's pages may send. */
const uiMessages: [MessageType, unknown][] = [
  ['ui-bg-get-popup', {}],
  ['ui-bg-get-period', { kind: 'week', firstDay: 1 }],
  ['ui-bg-refresh', {}],
  ['ui-bg-get-options', {}],
  ['ui-bg-save-settings', DEFAULT_SETTINGS],
  ['ui-bg-cash-out', { platform: 'prolific', currency: 'GBP' }],
  ['ui-bg-get-rules', {}],
  ['ui-bg-get-site-names', {}],
  ['ui-bg-save-rules', { rules: [] }],
  ['ui-bg-pick', { ruleId: 'taskmill', field: 'titleSelector' }],
  ['ui-bg-not-working-on', { platform: 'prolific', taskId: 'S1' }],
  ['ui-bg-manual', { action: 'start', title: 'x' }],
  ['ui-bg-pause', { paused: true }],
  ['ui-bg-import-stage', { importId: 'abcdef12-3456', part: { tasks: [] } }],
  ['ui-bg-import-commit', { importId: 'abcdef12-3456' }],
  ['ui-bg-import-drop', { importId: 'abcdef12-3456' }],
  ['ui-bg-delete-all', { sync: true }],
  ['ui-bg-edit-task', { key: `mturk:${snapshot.taskId}`, change: { field: 'deleted', value: true } }],
  ['ui-bg-add-task', { platform: 'mturk', title: 'Missed', reward: usd(10), day: '2026-11-02', outcome: 'approved' }],
  ['ui-bg-task-reward', { platform: 'mturk', taskId: snapshot.taskId, reward: usd(50) }],
];

/** Handlers that only note what reached them: a refusal must leave them untouched. */
function spyRouter(behave: (type: string, payload: unknown) => unknown = () => ({ fine: true })) {
  const calls: { type: string; payload: unknown }[] = [];
  const handlers = new Proxy(
    {},
    {
      get: (_target, type) =>
        typeof type === 'string'
          ? async (payload: unknown) => {
              calls.push({ type, payload });
              return behave(type, payload);
            }
          : undefined,
    },
  ) as unknown as Handlers;
  return { calls, route: createRouter(handlers, me) };
}

/** Nothing the page could use to probe Centime: no stack, no source path, no echo of what it sent. */
function expectBareRefusal(reply: unknown, code: string, echo?: string): void {
  expect(reply).toMatchObject({ ok: false, error: { code } });
  const text = JSON.stringify(reply);
  expect(text).not.toMatch(/stack|\n\s+at |\.ts:\d|node_modules|file:\/\//);
  if (echo) expect(text).not.toContain(echo);
  expect(Object.keys((reply as { error: object }).error).sort()).toEqual(expect.arrayContaining(['code']));
  for (const key of Object.keys((reply as { error: object }).error)) expect(['code', 'params', 'detail']).toContain(key);
}

let spy: ReturnType<typeof spyRouter>;
let route: Route;
beforeEach(() => {
  setCustomAdapters([customAdapter(rule)]);
  spy = spyRouter();
  route = spy.route;
});
afterEach(() => setCustomAdapters([]));

describe('content-script messages: who sent them', () => {
  it.each(csMessages)('%s from a Centime script in the top frame of its platform is handled', async (type, payload) => {
    expect(await route({ type, payload }, fromMturk)).toMatchObject({ ok: true });
    expect(spy.calls.map((c) => c.type)).toEqual([type]);
  });

  const hostile: [string, Sender][] = [
    ['another extension (same tab, other id)', { ...fromMturk, id: 'evil-extension-id' }],
    ['a web page (externally_connectable: no id, no tab)', { url: 'https://evil.example/', origin: 'https://evil.example' } as Sender],
    ['a sender with no id at all', { ...fromMturk, id: undefined }],
    ['a script with no tab', { id: me.extensionId, url: TASK_URL, frameId: 0 } as Sender],
    ['a tab whose URL the browser did not give (no host access)', { id: me.extensionId, url: TASK_URL, frameId: 0, tab: { id: 7 } } as Sender],
    ['an evil.com iframe inside an MTurk page (sender.url is the frame’s)', { id: me.extensionId, url: 'https://evil.example/frame', origin: 'https://evil.example', frameId: 3, tab: { id: 7, url: TASK_URL } } as Sender],
    ['an MTurk frame inside a page that is not a platform page', { id: me.extensionId, url: TASK_URL, origin: MTURK, frameId: 3, tab: { id: 7, url: 'https://evil.example/' } } as Sender],
    ['the top frame’s own URL on another site than its tab says', { id: me.extensionId, url: 'https://evil.example/', frameId: 0, tab: { id: 7, url: TASK_URL } } as Sender],
    ['an origin that is not the frame’s URL', { ...fromMturk, origin: 'https://evil.example' } as Sender],
    ['an opaque origin (a sandboxed document)', { ...fromMturk, origin: 'null' } as Sender],
    ['a look-alike host', top('https://worker.mturk.com.evil.example/projects/1/tasks/2')],
    ['a user-info trick', top('https://worker.mturk.com@evil.example/projects/1/tasks/2')],
    ['plain http on the platform', top('http://worker.mturk.com/projects/1/tasks/2')],
    ['a Centime page (no content script there)', fromPopup],
  ];
  it.each(hostile)('refuses %s, for every content-script message, before any handler', async (_, sender) => {
    for (const [type, payload] of csMessages) {
      const reply = await route({ type, payload }, sender);
      expectBareRefusal(reply, 'refused_sender');
    }
    expect(spy.calls).toEqual([]);
  });

  it('takes a message from a document of the same platform while its tab already shows the next page of it', async () => {
    // The task page's claim arrives as MTurk's next page commits: both URLs are MTurk's.
    const sender = { ...fromMturk, tab: { id: 7, url: `${MTURK}/projects/1/tasks?ref=w_pl_prvw` } } as Sender;
    expect(await route({ type: 'cs-bg-task-claim', payload: csMessages[1]![1] }, sender)).toMatchObject({ ok: true });
  });

  it.each<[string, Record<string, unknown>, Sender]>([
    ['an MTurk page claiming a Prolific task', { ...snapshot, platform: 'prolific' }, fromMturk],
    ['a Prolific page claiming an MTurk task', snapshot, top('https://app.prolific.com/studies/5f00000000000000000000a1')],
    ['a custom site’s tab claiming MTurk', snapshot, fromCustomSite],
    ['an MTurk tab claiming a custom site', { ...snapshot, platform: 'custom:taskmill' }, fromMturk],
    ['a custom site rule the worker never set up', { ...snapshot, platform: 'custom:ghost' }, fromCustomSite],
    ['a custom site rule set up for another site', { ...snapshot, platform: 'custom:taskmill' }, top('https://other.example.org/task/1')],
  ])('refuses %s', async (_, payload, sender) => {
    expectBareRefusal(await route({ type: 'cs-bg-task-seen', payload }, sender), 'refused_sender');
    expect(spy.calls).toEqual([]);
  });

  it('takes a custom site’s own messages from its own site', async () => {
    expect(await route({ type: 'cs-bg-task-seen', payload: { ...snapshot, platform: 'custom:taskmill' } }, fromCustomSite)).toMatchObject({ ok: true });
  });

  it('tells another extension no more than that it is refused: not what its payload lacks', async () => {
    const reply = await route({ type: 'cs-bg-task-seen', payload: { nonsense: true } }, { ...fromMturk, id: 'evil-extension-id' });
    expectBareRefusal(reply, 'refused_sender');
  });
});

describe('messages only Centime’s pages may send', () => {
  it.each(uiMessages)('%s from the popup is handled', async (type, payload) => {
    expect(await route({ type, payload }, fromPopup)).toMatchObject({ ok: true });
  });

  const notPages: [string, Sender][] = [
    ['a content script on MTurk', fromMturk],
    ['a content script on a custom site', fromCustomSite],
    ['a Centime page framed inside a platform page', { id: me.extensionId, url: `${me.extensionOrigin}options.html`, frameId: 4, tab: { id: 7, url: TASK_URL } } as Sender],
    ['a page claiming Centime’s URL from a web origin', { id: me.extensionId, url: `${me.extensionOrigin}popup.html`, origin: 'https://evil.example' } as Sender],
    ['another extension’s page', { id: 'evil-extension-id', url: 'chrome-extension://evil-extension-id/popup.html' }],
    ['a look-alike extension origin', { id: me.extensionId, url: 'chrome-extension://centime-id.evil/popup.html' }],
  ];
  it.each(notPages)('refuses every one of them from %s, and nothing runs', async (_, sender) => {
    for (const [type, payload] of uiMessages) expectBareRefusal(await route({ type, payload }, sender), 'refused_sender');
    expect(spy.calls).toEqual([]);
  });
});

describe('payloads a page could shape', () => {
  it.each(['cs-bg-nope', 'ui-bg-nope', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf', 'toString', ''])(
    'leaves the unknown type %j unanswered, for other listeners',
    (type) => {
      expect(route({ type, payload: {} }, fromMturk)).toBeUndefined();
      expect(spy.calls).toEqual([]);
    },
  );

  it('ignores an envelope whose type hides in a __proto__ key', () => {
    const message = JSON.parse('{"__proto__": {"type": "ui-bg-delete-all"}, "payload": {"sync": true}}');
    expect(route(message, fromPopup)).toBeUndefined();
  });

  it('hands the handler only the fields of the message: extra keys (a status, time, edits) are dropped', async () => {
    const payload = { ...snapshot, status: 'approved', activeMs: 9e9, events: [{ type: 'outcome' }], edits: [], untimed: true, addedByHand: true, day: '2026-01-01' };
    expect(await route({ type: 'cs-bg-task-seen', payload }, fromMturk)).toMatchObject({ ok: true });
    expect(spy.calls[0]!.payload).toEqual(snapshot);
  });

  it('never lets a __proto__ key reach a handler or Object.prototype', async () => {
    const payload = JSON.parse(JSON.stringify(snapshot).replace(/^\{/, '{"__proto__":{"polluted":"yes","status":"approved"},'));
    payload.reward = JSON.parse('{"minor": 50, "currency": "USD", "__proto__": {"minor": -1}}');
    expect(await route({ type: 'cs-bg-task-seen', payload }, fromMturk)).toMatchObject({ ok: true });
    const got = spy.calls[0]!.payload as Record<string, unknown>;
    expect(Object.getPrototypeOf(got)).toBe(Object.prototype);
    expect(got).toEqual(snapshot);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(got, '__proto__')).toBe(false);
  });

  const big = 'x'.repeat(8_000_001);
  it.each<[string, MessageType, unknown]>([
    ['a page over 8 MB', 'cs-bg-page-html', { platform: 'mturk', url: TASK_URL, doc: 'd1', html: big }],
    ['a 4 kB+ URL', 'cs-bg-page-html', { platform: 'mturk', url: `${TASK_URL}&q=${'a'.repeat(4_000)}`, doc: 'd1', html: '<html></html>' }],
    ['a million estimate rows', 'cs-bg-estimates', { platform: 'mturk', rows: Array.from({ length: 1_000_000 }, () => ({ reward: usd(1) })) }],
    ['201 estimate rows', 'cs-bg-estimates', { platform: 'mturk', rows: Array.from({ length: 201 }, () => ({ reward: usd(1) })) }],
    ['201 detail rows', 'cs-bg-details-seen', { platform: 'mturk', rows: Array.from({ length: 201 }, (_, i) => ({ taskId: `A${i}`, title: '', requesterName: '', reward: null })) }],
    ['501 transfers', 'cs-bg-balance-page', { platform: 'mturk', transfers: Array.from({ length: 501 }, () => ({ requestedDate: '2026-11-01', amount: usd(100) })) }],
    ['a huge task id', 'cs-bg-task-claim', { platform: 'mturk', taskId: big, outcome: 'submitted' }],
    ['a huge typed reward', 'cs-bg-task-reward', { platform: 'mturk', taskId: 'A1', text: big }],
    ['a huge platform id', 'cs-bg-task-seen', { ...snapshot, platform: big }],
  ])('refuses %s', async (_, type, payload) => {
    const started = performance.now();
    expectBareRefusal(await route({ type, payload }, fromMturk), 'invalid_message', 'xxxxxxxxxx');
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(spy.calls).toEqual([]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['NaN seconds allotted', { timeAllottedSec: Number.NaN }],
    ['Infinity seconds allotted', { timeAllottedSec: Number.POSITIVE_INFINITY }],
    ['null seconds allotted (Chrome’s JSON of NaN)', { timeAllottedSec: null }],
    ['negative seconds allotted', { timeAllottedSec: -60 }],
    ['fractional seconds allotted', { timeAllottedSec: 60.5 }],
    ['more than a year allotted (MTurk’s maximum assignment duration)', { timeAllottedSec: 366 * 24 * 3600 }],
    ['seconds allotted past the safe integers', { timeAllottedSec: 2 ** 60 }],
    ['a negative accept time', { acceptedAt: -1 }],
    ['an accept time after the last date JavaScript can hold', { acceptedAt: 8.64e15 + 1 }],
    ['an accept time of Infinity', { acceptedAt: Number.POSITIVE_INFINITY }],
    ['a fractional reward', { reward: { minor: 0.5, currency: 'USD' } }],
    ['a negative reward', { reward: usd(-50) }],
    ['a NaN reward', { reward: { minor: Number.NaN, currency: 'USD' } }],
    ['an absurd reward', { reward: usd(1e21) }],
    ['a lowercase currency', { reward: { minor: 50, currency: 'usd' } }],
    ['a currency symbol', { reward: { minor: 50, currency: 'US$' } }],
    ['a currency word', { reward: { minor: 50, currency: 'EURO' } }],
    ['an empty currency', { reward: { minor: 50, currency: '' } }],
    ['a reward as text', { reward: '$0.50' }],
    ['a title that is no string', { title: { toString: 'x' } }],
  ])('refuses a task page with %s', async (_, change) => {
    expectBareRefusal(await route({ type: 'cs-bg-task-seen', payload: { ...snapshot, ...change } }, fromMturk), 'invalid_message');
    expect(spy.calls).toEqual([]);
  });

  it('keeps a deadline Centime can compute: a year allotted from the last possible instant is still a safe integer', async () => {
    const payload = { ...snapshot, timeAllottedSec: 365 * 24 * 3600, acceptedAt: 8.64e15 };
    expect(await route({ type: 'cs-bg-task-seen', payload }, fromMturk)).toMatchObject({ ok: true });
    expect(Number.isSafeInteger(payload.acceptedAt + payload.timeAllottedSec * 1000)).toBe(true);
  });

  const row = { assignmentId: 'A1', hitId: 'H1', state: 'Submitted', title: 'T', requesterName: 'R', reward: usd(50), date: '2026-11-02' };
  it.each<[string, Record<string, unknown>]>([
    ['a month 13 on a status row', { statuses: [{ ...row, date: '2026-13-01' }] }],
    ['February 30 on a status row', { statuses: [{ ...row, date: '2026-02-30' }] }],
    ['a status row before 1970 (a negative instant)', { statuses: [{ ...row, date: '0001-01-01' }] }],
    ['a negative reward on a status row', { statuses: [{ ...row, reward: usd(-50) }] }],
    ['a negative bonus on a status row', { statuses: [{ ...row, bonus: usd(-5) }] }],
    ['a transfer on day 00', { transfers: [{ requestedDate: '2026-11-00', amount: usd(100) }] }],
    ['a negative transfer', { transfers: [{ requestedDate: '2026-11-01', amount: usd(-100) }] }],
    ['negative current earnings', { dashboard: { available: usd(-100) } }],
    ['negative lifetime bonuses', { dashboard: { available: usd(100), bonuses: usd(-1) } }],
  ])('refuses a balance page with %s', async (_, read) => {
    expectBareRefusal(await route({ type: 'cs-bg-balance-page', payload: { platform: 'mturk', ...read } }, top(`${MTURK}/dashboard`)), 'invalid_message');
    expect(spy.calls).toEqual([]);
  });

  it.each<[string, MessageType, unknown]>([
    ['a listed row with a negative reward', 'cs-bg-estimates', { platform: 'mturk', rows: [{ groupId: 'G', reward: usd(-50) }] }],
    ['a listed row with NaN seconds', 'cs-bg-estimates', { platform: 'mturk', rows: [{ groupId: 'G', reward: usd(50), estimatedSec: Number.NaN }] }],
    ['a queued row with a negative reward', 'cs-bg-details-seen', { platform: 'mturk', rows: [{ taskId: 'A1', title: 'T', requesterName: 'R', reward: usd(-50) }] }],
    ['a page address that is no URL', 'cs-bg-page-html', { platform: 'mturk', url: 'not a url', doc: 'd1', html: '<html></html>' }],
  ])('refuses %s', async (_, type, payload) => {
    expectBareRefusal(await route({ type, payload }, top(`${MTURK}/projects`)), 'invalid_message');
    expect(spy.calls).toEqual([]);
  });
});

describe('replies a page could read', () => {
  it('answers a handler’s crash with its code and message, never its stack', async () => {
    const crashing = spyRouter(() => {
      const error = new TypeError("Cannot read properties of undefined (reading 'events')");
      error.stack = 'TypeError: boom\n    at applyStatus (/work/main/lib/background/status-sync.ts:40:7)';
      throw error;
    });
    const warn = console.warn;
    console.warn = () => {};
    try {
      const reply = await crashing.route({ type: 'cs-bg-task-seen', payload: snapshot }, fromMturk);
      expectBareRefusal(reply, 'unknown');
    } finally {
      console.warn = warn;
    }
  });

  it('says why a sender is refused without echoing what it sent', async () => {
    const marker = 'SECRET-TITLE-MARKER';
    const reply = await route({ type: 'cs-bg-task-seen', payload: { ...snapshot, title: marker } }, { ...fromMturk, url: 'https://evil.example/', tab: { id: 7, url: 'https://evil.example/' } });
    expectBareRefusal(reply, 'refused_sender', marker);
  });
});

describe('senderProblem, as hidden tests call it', () => {
  it('accepts a Centime script on its platform and refuses one on another site', () => {
    expect(senderProblem('cs-bg-task-seen', snapshot, fromMturk, me)).toBeNull();
    expect(senderProblem('cs-bg-task-seen', snapshot, top('https://evil.example/'), me)).not.toBeNull();
  });

  it('never throws on a payload that is not an object', () => {
    for (const payload of [null, undefined, 42, 'mturk', []]) expect(typeof senderProblem('cs-bg-task-seen', payload, fromMturk, me)).toBe('string');
  });
});
