import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dataHandlers } from '../../../lib/background/data-handlers';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter, type Sender } from '../../../lib/background/router';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import { previewImport, runImport, type ImportPreview } from '../../../lib/pages/data-io';
import { platforms } from '../../../lib/platforms/registry';
import { primaryData } from '../../../lib/storage/backup-read';
import { clearHistory } from '../../../lib/storage/history-db';
import { DEFAULT_SETTINGS, saveSettings } from '../../../lib/storage/settings';
import { FakeBrowser, memoryClaims } from '../background/fake-env';

// The options page sends an import in parts of 1,000 records, a few before the first is answered
// (lib/pages/data-io.ts `runImport`): the background joins them in the file's order whatever order it reads them
// in (the merge keeps the first of a duplicate), the page counts every record sent, and a part refused drops the
// whole import once every part sent is answered.
const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const options: Sender = { id: me.extensionId, url: `${me.extensionOrigin}options.html` };
const NOW = Date.parse('2026-11-27T14:00:00Z');
const T0 = Date.parse('2026-10-01T00:00:00Z');
type Message = { type: string; payload: { seq?: number; importId?: string } };

let listener: ((message: unknown) => unknown) | undefined;
/** Every message the background received, in the order its router read them. */
let read: Message[];
/** How the background takes a part: by default at once; a test may hold some back. */
let hold: (message: Message) => Promise<void>;
/** 3,500 readings (four parts); the last repeats the first's time with another amount. */
const readings = Array.from({ length: 3_500 }, (_, i) => ({ platform: 'mturk', reading: { at: T0 + (i === 3_499 ? 0 : i) * 60_000, available: { minor: i === 3_499 ? 999 : 100 + i, currency: 'USD' } } }));

async function preview(): Promise<ImportPreview> {
  const p = await previewImport(JSON.stringify({ format: 'centime-backup', version: 1, exportedAt: 0, tasks: [], readings, settings: null, customRules: [] }), NOW);
  if (!('kind' in p)) throw new Error('no preview');
  return p;
}

beforeEach(async () => {
  await clearHistory();
  await saveSettings(DEFAULT_SETTINGS);
  read = [];
  hold = async () => {};
  const writer = new TaskWriter(() => 'UTC');
  const tracker = new Tracker(new FakeBrowser().env(), writer, platforms);
  const data = dataHandlers({ writer, now: () => NOW, clearStorage: async () => {}, afterDelete: async () => {} });
  const route = createRouter({ ...createHandlers({ tracker, writer, timeZone: () => 'UTC', claims: memoryClaims() }), ...data }, me);
  listener = async (message) => {
    await hold(message as Message);
    read.push(message as Message);
    return route(message as never, options);
  };
  fakeBrowser.runtime.onMessage.addListener(listener as never);
});
afterEach(() => {
  if (listener) fakeBrowser.runtime.onMessage.removeListener(listener as never);
});

describe('an import sent in parts', () => {
  it('keeps the file’s order when the background reads its parts out of order, and counts every record sent', async () => {
    // The first part is read only once the second has been.
    let second!: () => void;
    const secondRead = new Promise<void>((resolve) => (second = resolve));
    hold = async (m) => {
      if (m.type !== 'ui-bg-import-stage') return;
      if (m.payload.seq === 0) await secondRead;
      if (m.payload.seq === 1) setTimeout(second, 0);
    };
    const progress: number[] = [];
    const { counts } = await runImport(await preview(), false, (done, total) => {
      expect(total).toBe(3_500);
      progress.push(done);
    });
    const stages = read.filter((m) => m.type === 'ui-bg-import-stage').map((m) => m.payload.seq);
    expect(stages.indexOf(0)).toBeGreaterThan(stages.indexOf(1));
    expect([...stages].sort()).toEqual([0, 1, 2, 3]);
    expect(progress.at(-1)).toBe(3_500);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(counts.readings).toEqual({ added: 3_499, duplicate: 1, updated: 0 });
    // The first of the two readings at T0 is kept: the file's, not the order the parts were read in.
    const stored = (await primaryData()).readings.filter((r) => r.reading.at === T0);
    expect(stored.map((r) => r.reading.available?.minor)).toEqual([100]);
  });

  it('drops the import when a part is refused, after every part sent was answered, and writes nothing', async () => {
    hold = async (m) => {
      if (m.type === 'ui-bg-import-stage' && m.payload.seq === 1) throw new Error('part refused');
      // The others answer late: the drop must still come after them.
      if (m.type === 'ui-bg-import-stage') await new Promise((resolve) => setTimeout(resolve, 20));
    };
    await expect(runImport(await preview(), false, () => {})).rejects.toThrow();
    const types = read.map((m) => m.type);
    expect(types.at(-1)).toBe('ui-bg-import-drop');
    expect(types).not.toContain('ui-bg-import-commit');
    expect(types.filter((t) => t === 'ui-bg-import-stage').length).toBeGreaterThan(1);
    expect((await primaryData()).readings).toEqual([]);
    // Nothing is held for it: confirming it now finds it gone.
    const id = read.at(-1)!.payload.importId!;
    await expect(fakeBrowser.runtime.sendMessage({ type: 'ui-bg-import-commit', payload: { importId: id } })).resolves.toMatchObject({ ok: false, error: { code: 'import_gone' } });
  });
});
