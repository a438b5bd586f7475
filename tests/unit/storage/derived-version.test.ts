// Derived records are rebuilt, never migrated: a start-up that finds them of an older shape makes them again.
import { set } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import { TaskWriter } from '../../../lib/background/task-writer';
import { kv } from '../../../lib/storage/database';
import { clearHistory } from '../../../lib/storage/history-db';
import { DERIVED_VERSION, DERIVED_VERSION_KEY } from '../../../lib/storage/rebuild';
import { getSummaries } from '../../../lib/storage/summaries';
import { derivedSnapshot } from './raw-records';

const AT = Date.UTC(2026, 10, 27, 14);

describe('derived records of an older shape', () => {
  beforeEach(() => clearHistory());

  it('are rebuilt at start-up, once', async () => {
    const writer = new TaskWriter(() => 'UTC');
    await writer.upgradeHistory();
    await writer.addReading('mturk', { at: AT, available: { minor: 1250, currency: 'USD' } });
    const current = await derivedSnapshot();
    expect((await getSummaries(['mturk'])).mturk?.lastReading?.USD?.available.minor).toBe(1250);
    // As the first shape left it: a summary without the last reading, and its version.
    await set('summary:mturk', { pending: {}, approved: {} }, kv());
    await set(DERIVED_VERSION_KEY, 1, kv());
    await new TaskWriter(() => 'UTC').upgradeHistory();
    expect(await derivedSnapshot()).toEqual(current);
    expect((await getSummaries(['mturk'])).mturk?.lastReading?.USD?.available.minor).toBe(1250);
    // The version is stored with the rebuild: the next start-up rebuilds nothing.
    await set('summary:mturk', { pending: {}, approved: {} }, kv());
    await new TaskWriter(() => 'UTC').upgradeHistory();
    expect((await getSummaries(['mturk'])).mturk?.lastReading).toBeUndefined();
    expect(DERIVED_VERSION).toBeGreaterThan(1);
  });
});
