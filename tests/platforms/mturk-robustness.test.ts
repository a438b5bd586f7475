// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mturk, statusDetailsFromJson } from '../../lib/platforms/mturk';
import {
  balancesSchema,
  dashboardSchema,
  earningsPageSchema,
  listedTasksSchema,
  queuedTasksSchema,
  statusDetailsSchema,
} from '../../lib/storage/platform-schemas';
import { taskSnapshotSchema } from '../../lib/storage/schemas';
import { parse } from './fixtures';

/**
 * Page JSON is untrusted: whatever a page puts in the props (or the text) the readers look at, they never throw
 * and what they return passes the background's schemas.
 */
const M = 'https://worker.mturk.com';
const NOW = 1_795_860_000_000;
const TASK_PATH =
  '/projects/3XKJ1ZQ8R2B7N4M0P6A5S9T1V3W8Y0/tasks/3H7Z1Q5L8N2K4B6V0C9X1M3R5T7P9?assignment_id=3R8Y5T1U2I4O6P8A0S2D4F6G8H0J';

function pageWith(props: Record<string, string>, body = ''): Document {
  const doc = parse(`<!DOCTYPE html><html><body>${body}</body></html>`);
  for (const [component, json] of Object.entries(props)) {
    const el = doc.createElement('div');
    el.setAttribute('data-react-class', `require('reactComponents/x/${component}')['default']`);
    el.setAttribute('data-react-props', json);
    doc.body.append(el);
  }
  return doc;
}

const value = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('0.5', '-1', '1e400', 'USD', 'usd', 'Assigned', '2026-11-20T10:00:00Z', 'Nov 31, 2026', '//evil.example/x'),
  // Past the schemas' bounds.
  fc.constantFrom('T'.repeat(600), `/projects/${'A'.repeat(2100)}`, 'A'.repeat(300), 2 ** 53 + 2, 1e21),
);

/** A real row with a few fields replaced by anything, or dropped. */
function mutated(base: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(base);
  return fc
    .record({
      set: fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 3 }),
      drop: fc.subarray(keys, { maxLength: 2 }),
    })
    .map(({ set, drop }) => {
      const row: Record<string, unknown> = { ...base, ...set };
      for (const key of drop) delete row[key];
      return row;
    });
}

const reward = { amount_in_dollars: 0.5, currency_code: 'USD' };
const project = {
  hit_set_id: '3XKJ1ZQ8R2B7N4M0P6A5S9T1V3W8Y0',
  title: 'Label <b>10</b> images',
  requester_id: 'A1B2C3D4E5F6G7',
  requester_name: 'Lab & Co',
  monetary_reward: reward,
  assignment_duration_in_seconds: 3600,
  assignable_hits_count: 4,
  accept_project_task_url: '/projects/3XKJ1ZQ8R2B7N4M0P6A5S9T1V3W8Y0/tasks/accept_random',
};
const queueRow = mutated(project).chain((p) =>
  mutated({
    assignment_id: '3R8Y5T1U2I4O6P8A0S2D4F6G8H0J',
    task_id: '3H7Z1Q5L8N2K4B6V0C9X1M3R5T7P9',
    task_url: TASK_PATH,
    accepted_at: '2026-11-28T09:41:30.000Z',
    deadline: '2026-11-28T10:41:30.000Z',
    time_to_deadline_in_seconds: 2490,
    state: 'Assigned',
    project: p,
  }),
);
const statusRow = mutated({
  assignment_id: '3R8Y5T1U2I4O6P8A0S2D4F6G8H0J',
  hit_id: '3H7Z1Q5L8N2K4B6V0C9X1M3R5T7P9',
  state: 'Paid',
  title: 'Label images',
  requester_id: 'A1B2C3D4E5F6G7',
  requester_name: 'Lab & Co',
  reward: 0.5,
});
const transferRow = mutated({ requestedDate: 'Nov 14, 2026', amountRequested: 25.3 });
const modal = fc
  .tuple(mutated({ ...reward, amountInDollars: 0.5, currencyCode: 'USD' }), fc.string())
  .chain(([monetaryReward, title]) =>
    mutated({
      projectTitle: title,
      requesterName: 'Lab',
      monetaryReward,
      assignmentDurationInSeconds: 60,
      contactRequesterUrl: '/contact_requester?hit_type_message%5Brequester_id%5D=A1B2C3D4E5F6G7',
    }),
  )
  .map((modalOptions) => ({ modalHeader: 'HIT Details', modalOptions }));
const timer = mutated({ originalTimeToCompleteInSeconds: 3600, timeRemainingInSeconds: 3500 });

/** Props as a page may hold them: rows mostly real, some anything; or anything at all; or not JSON. */
const table = (rowArb: fc.Arbitrary<unknown>) => {
  const rows = fc.array(fc.oneof({ weight: 4, arbitrary: rowArb }, { weight: 1, arbitrary: value }), { maxLength: 4 });
  return fc.oneof(
    { weight: 4, arbitrary: rows.map((bodyData) => JSON.stringify({ bodyData })) },
    { weight: 1, arbitrary: value.map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string() },
  );
};

const pages: [string, fc.Arbitrary<Record<string, string>>][] = [
  [`${M}/`, fc.record({ HitSetTable: table(mutated(project)) })],
  [`${M}/tasks`, fc.record({ TaskQueueTable: table(queueRow) })],
  [`${M}/status_details/2026-11-20`, fc.record({ HitStatusDetailsTable: table(statusRow) })],
  [`${M}/earnings`, fc.record({ TransferHistoryTable: table(transferRow) })],
  [
    `${M}${TASK_PATH}`,
    fc.record({
      ShowModal: fc.oneof(modal.map((m) => JSON.stringify(m)), fc.string()),
      CompletionTimer: timer.map((t) => JSON.stringify(t)),
    }),
  ],
];

function checkAll(doc: Document, url: URL): void {
  const task = mturk.readTask(doc, url, NOW);
  if (task) expect(taskSnapshotSchema.safeParse(task).error).toBeUndefined();
  expect(listedTasksSchema.safeParse(mturk.readListing?.(doc, url)).error).toBeUndefined();
  expect(queuedTasksSchema.safeParse(mturk.readQueue?.(doc, url, NOW)).error).toBeUndefined();
  expect(statusDetailsSchema.safeParse(mturk.readStatusDetails?.(doc, url)).error).toBeUndefined();
  const nullable = [
    [dashboardSchema, mturk.readDashboard?.(doc, url)],
    [earningsPageSchema, mturk.readEarnings?.(doc, url)],
    [balancesSchema, mturk.readBalances?.(doc, url)],
  ] as const;
  for (const [schema, out] of nullable) if (out) expect(schema.safeParse(out).error).toBeUndefined();
}

describe('MTurk readers on hostile props', () => {
  it.each(pages)('%s: never throw, and return what the schemas accept', (url, arbitrary) => {
    fc.assert(
      fc.property(arbitrary, (byComponent) => checkAll(pageWith(byComponent), new URL(url))),
      { numRuns: 200 },
    );
  });

  it('read label/value rows and sentences of any text safely', () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('Current Earnings', 'Approved', 'Pending', 'Rejected', 'Approval Rate', 'Bonuses', 'Total Earnings'),
      fc.constantFrom('$1,234.56', '$0.5', '-$3.00', '$99999999999999999.99', '1,482', '99.6%', '1e5', 'Nov 30, 2026'),
    );
    const text = (s: string) => s.replace(/[<&]/g, ' ');
    const rows = fc.array(fc.tuple(cell, cell), { maxLength: 6 });
    const url = fc.constantFrom(`${M}/dashboard`, `${M}/earnings`);
    fc.assert(
      fc.property(rows, fc.string({ maxLength: 60 }), url, (pairs, line, at) => {
        const html = pairs.map(([l, v]) => `<div class="row"><div>${text(l)}</div><div>${text(v)}</div></div>`).join('');
        const boxes = ['available-earnings', 'hits-overview', 'earnings-to-date'];
        const body = boxes.map((box) => `<div id="dashboard-${box}">${html}</div>`).join('');
        const lines = `<p class="text-muted">${text(line)}</p><p>Current Earnings: ${text(line)}</p>`;
        checkAll(pageWith({}, body + lines), new URL(at));
      }),
      { numRuns: 200 },
    );
  });

  it('statusDetailsFromJson takes any JSON', () => {
    const answer = fc.record({ results: fc.array(fc.oneof(statusRow, value)), total_num_results: value });
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), answer), (json) => {
        const result = statusDetailsFromJson(json, '2026-11-20');
        if (result) expect(statusDetailsSchema.safeParse(result.rows).error).toBeUndefined();
      }),
    );
  });
});
