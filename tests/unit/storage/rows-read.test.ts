// getRows reads the rows of many tasks by key. Asked to scan, with most of a span of keys wanted (the balance summaries after an
// import read every approved task's row), it reads the span a few thousand rows a request instead of a get per key
// (IndexedDB's cost is per request): the same rows, in the order asked, only those that exist.
import { beforeAll, describe, expect, it } from 'vitest';
import { commit, put } from '../../../lib/storage/database';
import { clearHistory } from '../../../lib/storage/history-db';
import { getRows } from '../../../lib/storage/rows-db';
import { countRequests } from './count-requests';

const N = 6_000;
const key = (i: number) => `mturk:T${String(i).padStart(6, '0')}`;

describe('getRows', () => {
  beforeAll(async () => {
    await clearHistory();
    await commit(Array.from({ length: N }, (_, i) => put('rows', key(i), { key: key(i), platform: 'mturk', taskId: key(i).slice(6), n: i })));
  }, 60_000);

  it('reads most of a span of keys a few thousand rows a request: the same rows, in the order asked, missing ones left out', async () => {
    // Every third row but the first 100, newest first, with keys that have no row among them (and one asked twice).
    const wanted = Array.from({ length: N }, (_, i) => i).filter((i) => i >= 100 && i % 3 !== 0);
    const keys = wanted.map(key).reverse();
    const asked = [...keys.slice(0, 2_000), 'mturk:T999999x', key(101), ...keys.slice(2_000), 'mturk:T000150x'];
    let rows: Awaited<ReturnType<typeof getRows>> = [];
    const requests = await countRequests(async () => void (rows = await getRows(asked, { scan: true })));
    const expected = asked.filter((k) => !k.endsWith('x'));
    expect(rows.map((r) => r.key)).toEqual(expected);
    expect(rows.every((r) => (r as unknown as { n: number }).n === Number(r.key.slice(7)))).toBe(true);
    expect(requests['rows.get'] ?? 0).toBe(0);
    expect(requests['rows.getAll']).toBeLessThanOrEqual(4);
  });

  it('asks a few keys spread over many rows one by one, and any keys one by one unless asked to scan', async () => {
    const asked = Array.from({ length: 600 }, (_, i) => key(i * 10)).reverse();
    const dense = Array.from({ length: 3_000 }, (_, i) => key(i));
    for (const [keys, scan] of [[asked, true], [dense, false]] as const) {
      let rows: Awaited<ReturnType<typeof getRows>> = [];
      const requests = await countRequests(async () => void (rows = await getRows(keys, { scan })));
      expect(rows.map((r) => r.key)).toEqual(keys);
      expect(requests['rows.get']).toBe(keys.length);
      expect(requests['rows.getAll'] ?? 0).toBe(0);
    }
  });
});
