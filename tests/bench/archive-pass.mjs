// The archive's first pass over a history of loose tasks (an update from before the archive): a seeded profile whose
// tasks were never archived, copied, opened with the e2e build, and the background's pass timed to its end in the
// service worker (what it moved, the parts and loose tasks after). A figure to report, never a test.
//   node tests/bench/archive-pass.mjs [--profile DIR: made with tests/seed/seed.mjs, never opened since] [--runs 1]
// Default profile: .output/seed-profile-100000-loose, seeded when missing (~3 min). Needs `npm run build:e2e:chrome`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, NOW } from './data-launch.mjs';
import { runArchive } from './data-probes.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const source = option('--profile', join(ROOT, '.output/seed-profile-100000-loose'));
const runs = Number(option('--runs', 1));

if (!existsSync(source)) {
  const seed = spawnSync('node', ['tests/seed/seed.mjs', '--tasks', '100000', '--profile', source, '--now', NOW, '--seed', '1'], { cwd: ROOT, stdio: 'inherit' });
  if (seed.status !== 0) throw new Error('seeding failed');
}

/* global indexedDB -- in the service worker */
async function stores() {
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open('centime');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const count = (store) => new Promise((resolve) => {
    const request = db.transaction(store).objectStore(store).count();
    request.onsuccess = () => resolve(request.result);
  });
  return { parts: await count('archive'), loose: await count('tasks') };
}

for (let run = 0; run < runs; run++) {
  const profile = mkdtempSync(join(tmpdir(), 'centime-archive-pass-'));
  try {
    cpSync(source, profile, { recursive: true });
    const b = await launch(profile);
    // The pass the start began, if any, is waited for; then one more runs (`always`): the time is of both, `moved`
    // the second's (0 when the start's pass moved them).
    const { ms, moved } = await b.worker().evaluate(runArchive);
    const after = await b.worker().evaluate(stores);
    console.log(JSON.stringify({ run, passMs: ms, moved, ...after, load: loadavg()[0].toFixed(2) }));
    await b.context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
