// @vitest-environment node
// Makes the version-1 dumps again (README.md here); never part of the normal run (its own vitest config):
//   npx vitest run -c tests/unit/storage/legacy/vitest.capture.config.ts
import { writeFileSync } from 'node:fs';
import { afterEach, expect, it, vi } from 'vitest';
import { setCustomAdapters } from '../../../../lib/platforms/registry';
import type { FakeBrowser } from '../../background/fake-env';
import { captureGenerated, type GeneratedScenario } from './capture';
import { captureCrashCustom } from './crash-custom';
import { dumpText, notJson, type LegacyDump } from './dump';
import { popupOfDump } from './legacy-background';
import { LEGACY_DIR, loadLegacyDump } from './load';

// The oracle's driver makes its own fake browser; the dump needs its state at the end (tabs, front, clocks).
const made = vi.hoisted(() => ({ browsers: [] as unknown[] }));
vi.mock('../../background/fake-env', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../background/fake-env')>();
  class Recorded extends real.FakeBrowser {
    constructor() {
      super();
      made.browsers.push(this);
    }
  }
  return { ...real, FakeBrowser: Recorded };
});

const SCENARIOS: GeneratedScenario[] = [
  {
    name: 'first-day', seed: 122, maxIntents: 60,
    about: 'One day in Pacific/Honolulu, late alarms: HITs submitted (claims), expired and approved; Prolific studies submitted and expired; untimed Prolific rows (submitted, approved, rejected, returned); the manual timer; a Prolific cash-out.',
  },
  {
    name: 'weeks', seed: 394, maxIntents: 120,
    about: 'Seven and a half weeks, work on 12 days, three time-zone changes: HITs approved late, rejected and expired; Prolific studies; untimed rows; the manual timer paused and resumed; dashboard readings with bonus income; transfers; estimates’ samples and approval delays.',
  },
  {
    name: 'busy-days', seed: 138, maxIntents: 150,
    about: 'Three and a half busy days, late alarms, three time-zone changes: HITs (claims, expiries, approvals), Prolific studies submitted, returned and expired; untimed rows; the manual timer; six dashboard readings, transfers, a cash-out.',
  },
  {
    name: 'two-months', seed: 143, maxIntents: 150,
    about: 'Sixty-nine days, work on 12 of them: HITs, Prolific studies approved, returned and expired; untimed rows approved and rejected; the manual timer twice; dashboard readings with bonus income, transfers, a cash-out.',
  },
  {
    name: 'long', seed: 122, maxIntents: 400,
    about: 'Five days, 123 tasks, late alarms, five time-zone changes: most outcomes on both platforms, timed and untimed, the manual timer five times, eleven dashboard readings with bonus income, transfers, five cash-outs.',
  },
  {
    name: 'under-way', seed: 143, maxIntents: 80, underWay: true,
    about: 'Stopped 10 minutes after the last action (no close-out): a started Prolific study open in front, a HIT open, the manual timer paused; untimed rows.',
  },
  {
    name: 'under-way-manual', seed: 123, maxIntents: 80, underWay: true,
    about: 'Stopped 10 minutes after the last action, late alarms: the manual timer running (automatic tasks paused), three HITs and a study open; expiries, untimed rows.',
  },
];

const MAX_BYTES = 300_000;

afterEach(() => setCustomAdapters([]));

async function save(dump: LegacyDump): Promise<void> {
  for (const [key, value] of [...dump.records, ...dump.quarantine]) expect(notJson(value), `${dump.name} ${key}`).toEqual([]);
  const text = dumpText(dump);
  expect(text.length, dump.name).toBeLessThan(MAX_BYTES);
  writeFileSync(`${LEGACY_DIR}v1-${dump.name}.json`, text);
  // Read back from the file into a fresh database: a background started on it answers the same popup.
  const loaded = await loadLegacyDump(dump.name);
  expect(await popupOfDump(loaded)).toEqual(dump.popup);
  console.log(`v1-${dump.name}.json: ${dump.records.length} records, ${dump.quarantine.length} quarantined, ${text.length} bytes`);
}

it.each(SCENARIOS.map((s) => [s.name, s] as const))('captures %s', async (_name, scenario) => {
  made.browsers.length = 0;
  await save(await captureGenerated(scenario, () => made.browsers.at(-1) as FakeBrowser));
});

it('captures crash-custom', async () => {
  await save(await captureCrashCustom());
});
