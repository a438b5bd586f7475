// The background reads the platform pages a worker opens from their HTML, in a service worker: no DOM there.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers } from '../../../lib/background/handlers';
import { createPageReader } from '../../../lib/background/page-reader';
import { parseHtml } from '../../../lib/background/parse-html';
import { createRouter, type Handlers, type Route, type Sender } from '../../../lib/background/router';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import { setTranslator } from '../../../lib/i18n';
import type { MessageType, PopupData } from '../../../lib/messaging';
import { platforms } from '../../../lib/platforms/registry';
import { clearHistory, getTaskByKey } from '../../../lib/storage/history-db';
import { statementInput } from '../../../lib/storage/statement-read';
import { FakeBrowser, memoryClaims } from './fake-env';

const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const fixture = (path: string) => ({
  html: readFileSync(`tests/fixtures/${path}.html`, 'utf8'),
  ...(JSON.parse(readFileSync(`tests/fixtures/${path}.json`, 'utf8')) as { url: string; now?: number; expected: { taskId: string; title: string } | null }),
});
const tab = (url: string, id = 3): Sender => ({ id: me.extensionId, url, tab: { id, url } });

describe('the page reader', () => {
  let route: Route;
  let calls: { type: MessageType; payload: unknown }[];

  beforeEach(async () => {
    await clearHistory();
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key));
    const fake = new FakeBrowser();
    const writer = new TaskWriter(() => 'UTC');
    const tracker = new Tracker(fake.env(), writer, platforms);
    const real = createHandlers({ tracker, writer, timeZone: () => 'UTC', claims: memoryClaims() });
    // Every handler call is recorded, then handled for real (the page reader's own is added after).
    calls = [];
    const recorded = Object.fromEntries(
      Object.entries(real).map(([type, handler]) => [type, (payload: unknown, sender: Sender) => (calls.push({ type: type as MessageType, payload }), (handler as (p: unknown, s: Sender) => unknown)(payload, sender))]),
    ) as unknown as Handlers;
    // The fixtures' own reading time: MTurk's accept time is derived from the time left on the page.
    const pages = createPageReader({ route: () => route, parse: parseHtml, now: () => fixture('mturk/task-page').now! });
    route = createRouter(pages.withPageReader(recorded), me);
  });

  const read = (path: string, doc = 'd1', sender?: Sender) => {
    const page = fixture(path);
    return route({ type: 'cs-bg-page-html', payload: { platform: path.split('/')[0]!, url: page.url, doc, html: page.html } }, sender ?? tab(page.url));
  };
  const types = () => calls.map((c) => c.type);

  it('reads a task page as its script used to: the page first, then the task, stored', async () => {
    const page = fixture('mturk/task-page');
    await expect(read('mturk/task-page')).resolves.toEqual({ ok: true, data: { panel: null } });
    expect(types()).toEqual(['cs-bg-page-seen', 'cs-bg-task-seen']);
    expect(calls[1]!.payload).toEqual(page.expected);
    expect((await getTaskByKey(`mturk:${page.expected!.taskId}`))?.title).toBe(page.expected!.title);
  });

  it('tells the page and its task once per document, again for a new load', async () => {
    await read('mturk/task-page', 'd1');
    await read('mturk/task-page', 'd1');
    await read('mturk/task-page', 'd2');
    expect(types().filter((t) => t === 'cs-bg-task-seen')).toHaveLength(2);
    expect(types().filter((t) => t === 'cs-bg-page-seen')).toHaveLength(2);
  });

  it('answers the panel of a queue, titles included, from the worker’s estimates', async () => {
    const answer = await read('mturk/queue');
    // The queue's rows also fill in what changed task pages could not give (issue 19).
    expect(types()).toEqual(['cs-bg-page-seen', 'cs-bg-details-seen', 'cs-bg-estimates']);
    if (!answer?.ok) throw new Error('refused');
    const { panel } = answer.data as { panel: { summary: string; rows: { title: string; line: string }[] } };
    expect(panel.summary).toBe('estimatesSummary_other(0|2)');
    expect(panel.rows.map((r) => r.title)).toEqual(['Short survey about "everyday" decisions (~10 minutes) <Round 2>', 'Transcribe a 30-second audio clip (UK English)']);
    expect(panel.rows[0]!.line).toBe('noEstimate');
  });

  it('reads balance pages: the dashboard’s Current Earnings, the transfers, the status rows', async () => {
    await read('mturk/dashboard');
    await read('mturk/earnings');
    await read('mturk/status-details');
    const balances = calls.filter((c) => c.type === 'cs-bg-balance-page').map((c) => Object.keys(c.payload as object).sort());
    expect(balances).toEqual([['dashboard', 'platform'], ['platform', 'transfers'], ['platform', 'statuses']]);
  });

  it('stops counting as paid out a transfer read while pending once the earnings page lists it as failed', async () => {
    // The earnings fixture, its newest transfer ($25.30 on 14 November) pending, then failed: its money went back
    // to the MTurk balance. Paid out drops, in the popup and in the yearly statement.
    const page = fixture('mturk/earnings');
    const withStatus = (status: string) => page.html.replace('status&quot;:&quot;Completed', `status&quot;:&quot;${status}`);
    const popup: Sender = { id: me.extensionId, url: `${me.extensionOrigin}popup.html` };
    const paidOut = async () => {
      const answer = await route({ type: 'ui-bg-get-popup', payload: {} }, popup);
      if (!answer?.ok) throw new Error('refused');
      return (answer.data as PopupData).balances.find((b) => b.currency === 'USD')?.paidOut;
    };
    const statementPaidOut = async () => (await statementInput()).transfers.reduce((sum, t) => sum + t.amount.minor, 0);
    await route({ type: 'cs-bg-page-html', payload: { platform: 'mturk', url: page.url, doc: 'd1', html: withStatus('Pending') } }, tab(page.url));
    expect([await paidOut(), await statementPaidOut()]).toEqual([2530 + 3108 + 1890, 2530 + 3108 + 1890]);
    await route({ type: 'cs-bg-page-html', payload: { platform: 'mturk', url: page.url, doc: 'd2', html: withStatus('Failed') } }, tab(page.url));
    expect([await paidOut(), await statementPaidOut()]).toEqual([3108 + 1890, 3108 + 1890]);
    // The failed row is what told it: the page sent it apart from the transfers paid out.
    expect(calls.filter((c) => c.type === 'cs-bg-balance-page').at(-1)?.payload).toMatchObject({ undone: [{ requestedDate: '2026-11-14', amount: { minor: 2530, currency: 'USD' } }] });
  });

  it('sends an earnings page whose only transfer failed', async () => {
    const page = fixture('mturk/earnings-one-transfer');
    const html = page.html.replace('status&quot;:&quot;Completed', 'status&quot;:&quot;Failed').replace(/Current Earnings/g, 'Earnings');
    await route({ type: 'cs-bg-page-html', payload: { platform: 'mturk', url: page.url, doc: 'd1', html } }, tab(page.url));
    expect(calls.filter((c) => c.type === 'cs-bg-balance-page').map((c) => c.payload)).toEqual([
      { platform: 'mturk', undone: [{ requestedDate: '2026-11-21', amount: { minor: 500, currency: 'USD' } }] },
    ]);
  });

  it('reads Prolific’s studies, and its submissions once per change', async () => {
    const studies = await read('prolific/studies');
    expect(studies?.ok && (studies.data as { panel: { rows: unknown[] } }).panel.rows.length).toBeGreaterThan(0);
    await read('prolific/submissions', 'd2');
    await read('prolific/submissions', 'd2');
    expect(types().filter((t) => t === 'cs-bg-balance-page')).toHaveLength(1);
  });

  it('refuses a page that is not the platform’s, or sent from another site’s tab', async () => {
    const page = fixture('mturk/task-page');
    const elsewhere = await route({ type: 'cs-bg-page-html', payload: { platform: 'mturk', url: 'https://evil.example/x', doc: 'd', html: page.html } }, tab(page.url));
    expect(elsewhere).toMatchObject({ ok: false });
    const fromElsewhere = await read('mturk/task-page', 'd', tab('https://evil.example/x'));
    expect(fromElsewhere).toMatchObject({ ok: false, error: { code: 'refused_sender', detail: 'cs-bg-page-html: tab is not on Amazon Mechanical Turk' } });
    expect(types()).toEqual([]);
  });
});
