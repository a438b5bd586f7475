// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import type { ZodType } from 'zod';
import { platforms } from '../../lib/platforms/registry';
import type { PlatformAdapter } from '../../lib/platforms/types';
import {
  balancesSchema,
  completionSchema,
  dashboardSchema,
  earningsPageSchema,
  listedTasksSchema,
  prolificSubmissionsSchema,
  queuedTasksSchema,
  statusDetailsSchema,
} from '../../lib/storage/platform-schemas';
import { taskSnapshotSchema } from '../../lib/storage/schemas';
import { cases, parse } from './fixtures';

interface Reader {
  key: string;
  member: keyof PlatformAdapter;
  empty: [] | null;
  schema: ZodType;
  read(adapter: PlatformAdapter, doc: Document, url: URL, now?: number): unknown;
}

/** Every optional reader of the adapter contract, the sidecar key that holds its expected output, and its schema. */
const readers: Reader[] = [
  { key: 'listing', member: 'readListing', empty: [], schema: listedTasksSchema, read: (a, d, u) => a.readListing?.(d, u) },
  { key: 'queue', member: 'readQueue', empty: [], schema: queuedTasksSchema, read: (a, d, u, n) => a.readQueue?.(d, u, n) },
  { key: 'dashboard', member: 'readDashboard', empty: null, schema: dashboardSchema, read: (a, d, u) => a.readDashboard?.(d, u) },
  { key: 'balances', member: 'readBalances', empty: null, schema: balancesSchema, read: (a, d, u) => a.readBalances?.(d, u) },
  {
    key: 'statusDetails',
    member: 'readStatusDetails',
    empty: [],
    schema: statusDetailsSchema,
    read: (a, d, u) => a.readStatusDetails?.(d, u),
  },
  { key: 'earnings', member: 'readEarnings', empty: null, schema: earningsPageSchema, read: (a, d, u) => a.readEarnings?.(d, u) },
  {
    key: 'submissions',
    member: 'readSubmissions',
    empty: [],
    schema: prolificSubmissionsSchema,
    read: (a, d, u) => a.readSubmissions?.(d, u),
  },
  // From the URL alone: the completion page names no study, only the code.
  { key: 'completion', member: 'readCompletion', empty: null, schema: completionSchema, read: (a, _d, u) => a.readCompletion?.(u) },
];

/** The values of every `CopyText` component's `textToCopy`: on MTurk, the worker's own ID. */
function copyTexts(doc: Document): string[] {
  return [...doc.querySelectorAll('[data-react-class*="CopyText"]')].flatMap((el) => {
    try {
      const props = JSON.parse(el.getAttribute('data-react-props') ?? '') as { textToCopy?: unknown };
      return typeof props.textToCopy === 'string' ? [props.textToCopy] : [];
    } catch {
      return [];
    }
  });
}

function expectSchema(schema: ZodType, value: unknown): void {
  const result = schema.safeParse(value);
  expect(result.error).toBeUndefined();
  // Nothing dropped either: the adapter builds exactly the shape the background stores.
  expect(result.data).toEqual(value);
}

describe.each(platforms)('$name adapter', (adapter) => {
  const own = cases.filter((c) => c.platform === adapter.id);
  const has = readers.filter((r) => typeof adapter[r.member] === 'function');

  it('has fixtures', () => {
    expect(own.length).toBeGreaterThan(0);
  });

  it.each(own)('$name: page kind and task as the sidecar says', ({ html, url, now, pageKind, expected }) => {
    const doc = parse(html);
    expect(adapter.pageKind(doc, new URL(url))).toBe(pageKind);
    const task = adapter.readTask(doc, new URL(url), now);
    expect(task).toEqual(expected);
    // What the content script sends must pass the background's schema.
    if (task) expectSchema(taskSnapshotSchema, task);
  });

  it.each(own)('$name: every reader as the sidecar says, [] or null where it says nothing', (c) => {
    const doc = parse(c.html);
    const url = new URL(c.url);
    for (const reader of has) {
      const out = reader.read(adapter, doc, url, c.now);
      expect(out, reader.key).toEqual(c[reader.key] ?? reader.empty);
      if (out !== null) expectSchema(reader.schema, out);
    }
    // A sidecar must not expect a reader the adapter lacks.
    for (const reader of readers.filter((r) => !has.includes(r))) expect(c[reader.key], reader.key).toBeUndefined();
  });

  it.each(own)('$name: page alert and return form as the sidecar says', (c) => {
    const doc = parse(c.html);
    const url = new URL(c.url);
    if (adapter.pageAlert) expect(adapter.pageAlert(doc, url)).toBe(c.alert ?? null);
    else expect(c.alert ?? null).toBeNull();
    if (c.returnForm !== undefined && adapter.isReturnForm) {
      const forms = [...doc.querySelectorAll('form')];
      expect(forms.some((form) => adapter.isReturnForm?.(form, url))).toBe(c.returnForm);
    }
  });

  it.each(own)("$name: the worker's own ID is in no output", (c) => {
    const doc = parse(c.html);
    const url = new URL(c.url);
    const outputs = [adapter.readTask(doc, url, c.now), ...has.map((r) => r.read(adapter, doc, url, c.now))];
    const text = JSON.stringify(outputs);
    for (const id of copyTexts(doc)) expect(text).not.toContain(id);
  });

  it.each(cases)('matches $folder/$name only if it is its own', ({ platform, url }) => {
    const matches = adapter.matches.some((m) => new MatchPattern(m).includes(url));
    expect(matches).toBe(platform === adapter.id);
  });
});
