// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isSignInPage, mturk, statusDetailsFromJson } from '../../../lib/platforms/mturk';
import { mturkSync } from '../../../lib/platforms/mturk-sync';
import {
  balancesSchema,
  dashboardSchema,
  earningsPageSchema,
  listedTasksSchema,
  queuedTasksSchema,
  statusDetailsSchema,
} from '../../../lib/storage/platform-schemas';
import { A, escapeText, G, H, M, NOW, page, parsers, propsEl, WORKER_ID } from './mturk-audit-page';

const blank = new DOMParser().parseFromString('<html><body></body></html>', 'text/html');
const kind = (url: string) => mturk.pageKind(blank, new URL(url));

describe('MTurk URLs as real pages write them', () => {
  it.each([
    `${M}/projects/${G}/tasks/${H}?assignment_id=${A}&from_queue=true`,
    `${M}/projects/${G}/tasks/${H}?from_queue=true&assignment_id=${A}&ref=w_wp_acpt_top`,
    `${M}/projects/${G}/tasks/${H}/?assignment_id=${A}`,
    `${M}/projects/${G}/tasks/${H}?assignment_id=${A}#top`,
    `${M}/projects/${G}/tasks/${H}?assignment_id=%20${A}%20&x=%E2%9C%93`,
  ])('%s is the task of its assignment', (url) => {
    expect(kind(url)).toBe('task');
    expect(mturk.taskIdFromUrl(new URL(url))).toBe(A);
  });

  it.each([
    [`${M}/projects/${G}/tasks?ref=w_pl_prvw`, 'other'],
    [`${M}/projects/${G}/tasks/accept_random?ref=w_pl_prvw`, 'other'],
    [`${M}/projects/${G}/tasks/${H}?ref=w_pl_prvw`, 'other'],
    [`${M}/projects/${G}/tasks/${H}/submit`, 'other'],
    [`${M}/tasks`, 'queue'],
    [`${M}/tasks?ref=w_retq`, 'queue'],
    [`${M}/dashboard`, 'balance'],
    [`${M}/earnings`, 'balance'],
    [`${M}/status_details/2026-11-20`, 'balance'],
    [`${M}/status_details/2026-11-20?page_number=3`, 'balance'],
    [`${M}/projects?filters%5Bsearch_term%5D=survey&page_size=20&sort=reward_desc`, 'listing'],
    [`${M}/`, 'listing'],
    [`${M}/requesters/A1B2C3D4E5F6G7/projects?ref=w_pl_prvw`, 'listing'],
  ])('%s is a %s page and names no task', (url, expected) => {
    expect(kind(url)).toBe(expected);
    expect(mturk.taskIdFromUrl(new URL(url))).toBeNull();
  });

  it('knows Amazon’s sign-in page that a logged-out worker is sent to, and nothing else by that name', () => {
    const signIn =
      'https://www.amazon.com/ap/signin?_encoding=UTF8&openid.assoc_handle=amzn_mturk_worker_v2&openid.mode=checkid_setup&openid.return_to=https%3A%2F%2Fworker.mturk.com%2Fdashboard';
    expect(isSignInPage(new URL(signIn))).toBe(true);
    expect(mturkSync.loggedOut({ redirected: false, url: signIn })).toBe(true);
    expect(isSignInPage(new URL('https://www.amazon.com/ap/signin?openid.return_to=https%3A%2F%2Fworker.mturk.com.evil.example%2F'))).toBe(false);
    expect(mturkSync.loggedOut({ redirected: false, url: `${M}/dashboard` })).toBe(false);
  });

  it('recognizes the Return form on a task URL written with a trailing slash', () => {
    const doc = new DOMParser().parseFromString(
      `<form action="/projects/${G}/tasks/${H}?assignment_id=${A}" method="post"><input type="hidden" name="_method" value="delete"><input name="authenticity_token" value="x"></form>`,
      'text/html',
    );
    const form = doc.querySelector('form')!;
    expect(mturk.isReturnForm?.(form, new URL(`${M}/projects/${G}/tasks/${H}/?assignment_id=${A}`))).toBe(true);
    expect(mturk.isReturnForm?.(form, new URL(`${M}/projects/${G}/tasks/${H}?assignment_id=${A}`))).toBe(true);
    expect(mturk.isReturnForm?.(form, new URL(`${M}/projects/${G}/tasks/OTHER?assignment_id=${A}`))).toBe(false);
  });
});

const project = (over: Record<string, unknown> = {}) => ({
  hit_set_id: G,
  requester_id: 'A1B2C3D4E5F6G7',
  requester_name: 'Lab',
  title: 'Label images',
  description: 'Boxes.',
  assignment_duration_in_seconds: 1800,
  monetary_reward: { currency_code: 'USD', amount_in_dollars: 0.29 },
  assignable_hits_count: 12,
  ...over,
});
const queueRow = (i: number, over: Record<string, unknown> = {}) => ({
  assignment_id: `${A.slice(0, -3)}${String(i).padStart(3, '0')}`,
  task_id: H,
  task_url: `/projects/${G}/tasks/${H}?assignment_id=${A}&from_queue=true`,
  accepted_at: '2026-11-28T09:41:30.000Z',
  deadline: '2026-11-28T10:11:30.000Z',
  time_to_deadline_in_seconds: 690,
  state: 'Assigned',
  expired_task_action_url: `/projects/${G}/tasks/${H}?assignment_id=${A}&ref=w_retq`,
  project: project(),
  ...over,
});

describe.each(parsers)('the queue /tasks (%s)', (_name, parse) => {
  const read = (bodyData: unknown) => {
    const html = page(propsEl('TaskQueueTable', { bodyData }, "require('reactComponents/taskQueueTable/TaskQueueTable')['default']"));
    const queued = mturk.readQueue!(parse(html), new URL(`${M}/tasks`), NOW);
    expect(queuedTasksSchema.safeParse(queued).error).toBeUndefined();
    return queued;
  };

  it('reads an empty queue as empty, and all 200 rows of a full one', () => {
    expect(read([])).toEqual([]);
    const full = read(Array.from({ length: 200 }, (_, i) => queueRow(i)));
    expect(full).toHaveLength(200);
    expect(new Set(full.map((q) => q.taskId)).size).toBe(200);
  });

  it('skips a row with no project, keeping the others', () => {
    const rows = read([queueRow(1, { project: null }), queueRow(2, { project: undefined }), queueRow(3)]);
    expect(rows.map((q) => q.taskId)).toEqual([queueRow(3).assignment_id]);
  });

  it('reads a reward given as a string in cents exactly, and dollars when the currency is missing', () => {
    const [a, b] = read([
      queueRow(1, { project: project({ monetary_reward: { amount_in_dollars: '0.29', currency_code: 'USD' } }) }),
      queueRow(2, { project: project({ monetary_reward: { amount_in_dollars: 1.1 } }) }),
    ]);
    expect(a?.reward).toEqual({ minor: 29, currency: 'USD' });
    expect(b?.reward).toEqual({ minor: 110, currency: 'USD' });
  });

  it('takes a zoned ISO deadline as is, dates one without a zone from the time left, and none from a negative time left', () => {
    const [zoned, offset, local, late] = read([
      queueRow(1),
      queueRow(2, { deadline: '2026-11-28T02:11:30-08:00' }),
      queueRow(3, { deadline: '2026-11-28T10:11:30' }),
      queueRow(4, { deadline: null, time_to_deadline_in_seconds: -30 }),
    ]);
    expect(zoned?.deadline).toBe(Date.parse('2026-11-28T10:11:30Z'));
    expect(offset?.deadline).toBe(Date.parse('2026-11-28T10:11:30Z'));
    expect(local?.deadline).toBe(NOW + 690_000);
    expect(late?.deadline).toBeUndefined();
    expect(late?.taskId).toBe(queueRow(4).assignment_id);
  });

  it('keeps the task URL on MTurk only', () => {
    const [row] = read([queueRow(1, { task_url: 'https://evil.example/phish' })]);
    expect(row?.taskUrl).toBeUndefined();
  });
});

describe.each(parsers)('search results (%s)', (_name, parse) => {
  const read = (bodyData: unknown, path = '/projects?page_size=20') => {
    const html = page(propsEl('HitSetTable', { bodyData }, "require('reactComponents/hitSetTable/HitSetTable')['default']"));
    const listed = mturk.readListing!(parse(html), new URL(`${M}${path}`));
    expect(listedTasksSchema.safeParse(listed).error).toBeUndefined();
    return listed;
  };

  it('names each row by its group id, with reward and time allotted', () => {
    expect(read([project()])).toEqual([
      { taskId: G, title: 'Label images', reward: { minor: 29, currency: 'USD' }, timeAllottedSec: 1800, requesterName: 'Lab', requesterId: 'A1B2C3D4E5F6G7', assignableHits: 12 },
    ]);
  });

  it('keeps rows whose reward or duration is missing or odd, with reward null and no time', () => {
    const rows = read([
      project({ monetary_reward: null }),
      project({ monetary_reward: { amount_in_dollars: 'lots' } }),
      project({ assignment_duration_in_seconds: '1800' }),
      project({ assignment_duration_in_seconds: 10 ** 12 }),
    ]);
    expect(rows.map((r) => r.reward)).toEqual([null, null, { minor: 29, currency: 'USD' }, { minor: 29, currency: 'USD' }]);
    expect(rows.map((r) => r.timeAllottedSec)).toEqual([1800, 1800, 1800, undefined]);
  });

  it('skips rows with no group id or no title; reads nothing on a preview page', () => {
    expect(read([project({ hit_set_id: null }), project({ title: '   ' }), 'garbage', null, project()])).toHaveLength(1);
    expect(read([project()], `/projects/${G}/tasks?ref=w_pl_prvw`)).toEqual([]);
  });
});

/** The dashboard as MTurk writes it: label/value rows in Bootstrap columns, the lifetime totals in a table. */
function dashboard(current: string, approved = '$1,204.37', bonuses = '$86.15', total = '$1,290.52') {
  return page(`
<div id="dashboard-available-earnings"><div class="card"><div class="card-block">
<div class="row"><div class="col-xs-7 col-sm-6 col-lg-7"><strong>Current Earnings</strong> <a href="#" data-toggle="tooltip" title="Earnings available for transfer"><i class="fa fa-info-circle"></i></a></div><div class="col-xs-5 col-sm-6 col-lg-5 text-xs-right">${current}</div></div>
<div class="row"><div class="col-xs-12"><a class="btn btn-primary" href="/earnings">Transfer Earnings</a></div></div>
<p class="text-muted m-t-sm">Your earnings will next be transferred to your bank account on Nov 30, 2026.</p>
</div></div></div>
<div id="dashboard-earnings-to-date"><div class="card"><table class="table">
<thead><tr><th>Earnings to Date</th><th class="text-xs-right">Amount</th></tr></thead>
<tbody><tr><td>Approved HITs</td><td class="text-xs-right">${approved}</td></tr>
<tr><td>Bonuses</td><td class="text-xs-right">${bonuses}</td></tr>
<tr><td>Total Earnings</td><td class="text-xs-right">${total}</td></tr></tbody></table></div></div>`);
}

describe.each(parsers)('the dashboard (%s)', (_name, parse) => {
  const url = new URL(`${M}/dashboard`);

  it.each([
    ['$1,234.56', 123_456],
    ['$0.00', 0],
    ['$0.29', 29],
    ['\n      $14.73\n    ', 1_473],
    ['$12,345,678.90', 1_234_567_890],
  ])('reads Current Earnings %j as %i cents', (shown, minor) => {
    const doc = parse(dashboard(shown));
    expect(mturk.readBalances!(doc, url)).toEqual({ available: { minor, currency: 'USD' } });
    expect(balancesSchema.safeParse(mturk.readBalances!(doc, url)).error).toBeUndefined();
  });

  it('reads the lifetime totals, with white space and newlines around them', () => {
    const read = mturk.readDashboard!(parse(dashboard('$14.73', '\n $1,204.37 \n', '  $0.00 ', '$1,204.37')), url);
    expect(read).toMatchObject({
      available: { minor: 1_473, currency: 'USD' },
      approvedHitsEarnings: { minor: 120_437, currency: 'USD' },
      bonuses: { minor: 0, currency: 'USD' },
      totalEarnings: { minor: 120_437, currency: 'USD' },
      nextPayment: '2026-11-30',
    });
    expect(dashboardSchema.safeParse(read).error).toBeUndefined();
  });

  it('reads no balance from a value that is not dollars, rather than guess', () => {
    for (const shown of ['N/A', '-$3.00', '£14.73', '']) {
      expect(mturk.readBalances!(parse(dashboard(shown)), url), shown).toBeNull();
    }
  });
});

describe.each(parsers)('status details (%s)', (_name, parse) => {
  const url = new URL(`${M}/status_details/2026-11-20`);
  const row = (over: Record<string, unknown> = {}) => ({
    assignment_id: A,
    hit_id: H,
    requester_id: 'A1B2C3D4E5F6G7',
    requester_name: 'Lab',
    title: 'Label images',
    reward: 0.29,
    state: 'Approved',
    contact_requester_url: '/contact',
    requester_feedback: null,
    ...over,
  });
  const read = (bodyData: unknown) => {
    const html = page(propsEl('HitStatusDetailsTable', { bodyData }, "require('reactComponents/hitStatusDetailsTable/HitStatusDetailsTable')['default']"));
    const rows = mturk.readStatusDetails!(parse(html), url);
    expect(statusDetailsSchema.safeParse(rows).error).toBeUndefined();
    return rows;
  };

  it('reads each state with its reward in cents and the page’s day', () => {
    const rows = read(['Submitted', 'Approved', 'Rejected', 'Paid'].map((state) => row({ state })));
    expect(rows.map((r) => [r.state, r.reward.minor, r.date])).toEqual([
      ['Submitted', 29, '2026-11-20'],
      ['Approved', 29, '2026-11-20'],
      ['Rejected', 29, '2026-11-20'],
      ['Paid', 29, '2026-11-20'],
    ]);
    expect(rows.map((r) => mturkSync.statusOf(r.state))).toEqual(['submitted', 'approved', 'rejected', 'approved']);
  });

  it('reads a reward written as the page shows it ("$0.29") rather than losing the row', () => {
    expect(read([row({ reward: '$0.29' })]).map((r) => r.reward)).toEqual([{ minor: 29, currency: 'USD' }]);
    expect(read([row({ reward: 1.1 + 2.2 })]).map((r) => r.reward)).toEqual([{ minor: 330, currency: 'USD' }]);
  });

  it('skips a row without an assignment id (it could match nothing), keeping the others', () => {
    expect(read([row({ assignment_id: null }), row({ assignment_id: '' }), row()]).map((r) => r.assignmentId)).toEqual([A]);
  });

  it('keeps a row of an unknown state, which then changes nothing; "Pending" is a submitted HIT', () => {
    const rows = read([row({ state: 'Pending' }), row({ state: 'Pending Approval' }), row({ state: 'Under Review' })]);
    expect(rows.map((r) => mturkSync.statusOf(r.state))).toEqual(['submitted', 'submitted', null]);
  });

  it('reads the ?format=json answer, page counts included', () => {
    const json = { results: [row(), row({ state: 'Paid', reward: '0.5' }), row({ hit_id: null })], num_results: 3, total_num_results: 41 };
    const read = statusDetailsFromJson(json, '2026-11-20');
    expect(read?.rows.map((r) => [r.state, r.reward.minor])).toEqual([
      ['Approved', 29],
      ['Paid', 50],
    ]);
    expect(read).toMatchObject({ count: 3, total: 41 });
    const fetched = mturkSync.read(`${M}/status_details/2026-11-20?format=json&page_number=1`, JSON.stringify(json), parse);
    expect(fetched.statusPage).toEqual({ count: 3, total: 41 });
    expect(mturkSync.read(`${M}/status_details/2026-11-20?format=json&page_number=2`, '<html>We have detected an excessive rate of page requests</html>', parse)).toEqual({
      statuses: [],
      statusPage: { count: 0, total: null },
    });
  });
});

describe.each(parsers)('the earnings page (%s)', (_name, parse) => {
  const url = new URL(`${M}/earnings`);
  const earnings = (card: string, bodyData: unknown[] = []) =>
    page(`<h1>Earnings</h1><div class="card"><div class="card-block">${card}</div></div><h2>Transfer History</h2>` +
      propsEl('TransferHistoryTable', { bodyData }, "require('reactComponents/earnings/TransferHistoryTable')['default']"));

  it('reads "Current Earnings: $X" and the transfers', () => {
    const read = mturk.readEarnings!(
      parse(earnings('<h2 class="h3">Current Earnings: <span class="text-success">$1,234.56</span></h2>', [
        { requestedDate: 'Nov 14, 2026', amountRequested: 25.3, transferType: 'Bank account', status: 'Completed' },
        { requestedDate: 'Nov 7, 2026', amountRequested: '$0.29', status: 'Completed' },
      ])),
      url,
    );
    expect(read).toEqual({
      available: { minor: 123_456, currency: 'USD' },
      transfers: [
        { requestedDate: '2026-11-14', amount: { minor: 2_530, currency: 'USD' } },
        { requestedDate: '2026-11-07', amount: { minor: 29, currency: 'USD' } },
      ],
    });
    expect(earningsPageSchema.safeParse(read).error).toBeUndefined();
    expect(mturk.readBalances!(parse(earnings('<p>Current Earnings: $0.00</p>')), url)).toEqual({ available: { minor: 0, currency: 'USD' } });
  });

  it('never takes another amount near the label for the current earnings', () => {
    const card = '<h2>Current Earnings</h2><p>Your last transfer of $25.30 was transferred to your bank account on Nov 14, 2026.</p>';
    const read = mturk.readEarnings!(parse(earnings(card)), url);
    expect(read?.available).toBeUndefined();
    expect(read?.lastTransfer).toEqual({ date: '2026-11-14', to: 'bank' });
    expect(mturk.readBalances!(parse(earnings(card)), url)).toBeNull();
    const none = mturk.readEarnings!(parse(earnings('<p>Current Earnings: N/A</p><p>Pending: $5.00</p>')), url);
    expect(none?.available).toBeUndefined();
  });

  it('reads transfer dates written with extra spaces or an ordinal', () => {
    const read = mturk.readEarnings!(parse(earnings('<p>Current Earnings: $1.00</p>', [
      { requestedDate: 'Nov  14, 2026', amountRequested: 1 },
      { requestedDate: 'November 7th, 2026', amountRequested: 2 },
      { requestedDate: 'Feb 30, 2026', amountRequested: 3 },
    ])), url);
    expect(read?.transfers.map((t) => t.requestedDate)).toEqual(['2026-11-14', '2026-11-07']);
  });

  it('keeps the worker’s ID out of what it reads', () => {
    const read = mturk.readEarnings!(parse(earnings(`<p>Current Earnings: $1.00</p><p>${escapeText(WORKER_ID)}</p>`)), url);
    expect(JSON.stringify(read)).not.toContain(WORKER_ID);
  });
});
