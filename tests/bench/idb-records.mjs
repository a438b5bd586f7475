// What IndexedDB costs per record in Chromium (issue 18: the import of 100,000 tasks, ≤ 5 s). One transaction per
// line, from the first put to `complete`, in a page of its own (no extension, a profile on disk), with records shaped as Centime's:
// task rows with the seven indexes `rows` had until database version 4, its four since, and none, closed tasks with their timelines, day-index entries,
// approvals, and the same rows and tasks bundled many to a record by month. Figures to report, never a test.
//   node tests/bench/idb-records.mjs [--rounds 2] [--rows: the rows with 7, 4 and no indexes only, each in a fresh database]
//     [--months: what closed history stored by the month would cost where it is changed and read (docs/storage.md)]
//     [--durability: one small transaction's commit with the default, "strict" and "relaxed" durability hints]
//     [--chunks: the 100,000 rows (4 indexes) in one transaction, in 10 and in 50 one after the other, and in one
//      with `status` replaced by an index only open rows have an entry in]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const ROUNDS = Number(args.includes('--rounds') ? args[args.indexOf('--rounds') + 1] : 2);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/* global indexedDB, performance, setTimeout -- runAll runs in the page. */
/** Runs in the page. */
async function runAll({ rowsOnly, months, durability, chunks, round }) {
  const N = 100_000;
  const MONTHS = 57; // the seeded 100,000 tasks span 4.7 years
  const open = () => new Promise((resolve, reject) => {
    const request = indexedDB.open(`bench-${Math.random()}`, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      const rows = db.createObjectStore('rows7');
      for (const [name, path] of [['day', 'day'], ['status', 'status'], ['statusDay', ['status', 'day']], ['platform', ['platform', 'day']],
        ['requester', ['requester', 'day']], ['group', ['groupId', 'endedAt']], ['requesterEnded', ['requesterId', 'endedAt']]]) rows.createIndex(name, path);
      // The four that database version 4 keeps (docs/storage.md).
      const rows4 = db.createObjectStore('rows4');
      for (const [name, path] of [['day', 'day'], ['status', 'status'], ['group', ['groupId', 'endedAt']], ['requesterEnded', ['requesterId', 'endedAt']]]) rows4.createIndex(name, path);
      db.createObjectStore('rows0');
      db.createObjectStore('tasks');
      const dayIndex = db.createObjectStore('dayIndex');
      dayIndex.createIndex('task', 'taskKey');
      dayIndex.createIndex('end', 'end');
      db.createObjectStore('approvals').createIndex('requester', ['requesterId', 'at']);
      db.createObjectStore('months');
      // `status` as a sparse index: only a row with `open` has an entry (--chunks).
      const rows3 = db.createObjectStore('rows3');
      for (const [name, path] of [['day', 'day'], ['open', 'open'], ['group', ['groupId', 'endedAt']], ['requesterEnded', ['requesterId', 'endedAt']]]) rows3.createIndex(name, path);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const T = 1.7e12;
  const id = (i) => `3${i.toString(36).padStart(12, 'X')}`;
  const row = (i) => ({
    key: `mturk:${id(i)}`, platform: i % 3 ? 'mturk' : 'prolific', taskId: id(i), title: `Transcribe a receipt number ${i % 977}`,
    requesterName: `Requester ${i % 3000}`, requesterId: `A${(i % 3000).toString(36).padStart(12, 'R')}`, requester: `A${(i % 3000).toString(36).padStart(12, 'R')}`,
    hitId: `H${i}`, groupId: `G${i % 20000}`, reward: { minor: 5 + (i % 300), currency: 'USD' }, status: 'approved',
    day: `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`, firstSeenAt: T + i * 60_000, acceptedAt: T + i * 60_000,
    firstActiveAt: T + i * 60_000, lastActiveAt: T + i * 60_000 + 90_000, endedAt: T + i * 60_000 + 100_000, activeMs: 90_000, idleMs: 1000,
    external: false, updatedAt: T + i * 60_000 + 100_000,
  });
  const types = ['front', 'active', 'idle', 'active', 'not-front', 'end'];
  const task = (i) => ({ ...row(i), v: 2, timeAllottedSec: 3600, countedDay: row(i).day,
    events: types.map((type, n) => ({ boot: 3, n, type, at: { wall: T + i * 60_000 + n * 1000, mono: 5e6 + n * 1000, origin: 1.6e12 } })) });
  const timed = async (db, store, fill) => {
    const start = performance.now();
    const tx = db.transaction(store, 'readwrite');
    fill(tx.objectStore(store));
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    return Math.round(performance.now() - start);
  };
  /**
   * The costs of the month design where it differs from one record per task: a late change of a
   * closed task (a requester's approval, a correction) reads and writes its month's record, or a part of it; a
   * task's month is found in one of 256 buckets of keys; what reads every closed task reads the months' records.
   * Medians of `times` transactions, each from its first request to `complete`.
   */
  async function monthCosts(db, { N, MONTHS, per, row, task, timed }) {
    const PARTS = 8;
    const BUCKETS = 256;
    const monthOf = (m) => {
      const rows = [];
      const tasks = [];
      for (let i = m * per; i < Math.min(N, (m + 1) * per); i++) {
        rows.push(row(i));
        tasks.push(task(i));
      }
      return { rows, tasks };
    };
    const written = {};
    written[`write ${MONTHS} month records (all 100,000 tasks and rows)`] = await timed(db, 'months', (s) => {
      for (let m = 0; m < MONTHS; m++) s.put(monthOf(m), `m${m}`);
    });
    written[`write ${MONTHS * PARTS} parts of months (${PARTS} a month)`] = await timed(db, 'rows0', (s) => {
      for (let m = 0; m < MONTHS; m++) {
        const { rows, tasks } = monthOf(m);
        const size = Math.ceil(rows.length / PARTS);
        for (let p = 0; p < PARTS; p++) s.put({ rows: rows.slice(p * size, (p + 1) * size), tasks: tasks.slice(p * size, (p + 1) * size) }, `m${m}.${p}`);
      }
    });
    written[`write ${BUCKETS} buckets of task key → month`] = await timed(db, 'approvals', (s) => {
      const buckets = Array.from({ length: BUCKETS }, () => ({}));
      for (let i = 0; i < N; i++) buckets[i % BUCKETS][row(i).key] = `m${Math.floor(i / per)}`;
      buckets.forEach((b, i) => s.put(b, `bucket${i}`));
    });
    const median = (list) => [...list].sort((a, c) => a - c)[Math.floor(list.length / 2)];
    const change = async (store, key, times, edit) => {
      const took = [];
      for (let n = 0; n < times; n++) {
        const start = performance.now();
        const tx = db.transaction(store, 'readwrite');
        const s = tx.objectStore(store);
        const got = s.get(key(n));
        got.onsuccess = () => s.put(edit(got.result, n), key(n));
        await new Promise((resolve, reject) => {
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
        took.push(performance.now() - start);
      }
      return Math.round(median(took) * 10) / 10;
    };
    const approve = (value, n) => {
      const t = value.tasks?.[n % value.tasks.length] ?? value;
      t.status = 'approved';
      t.updatedAt += 1;
      return value;
    };
    return {
      ...written,
      'change one task record (median of 40)': await change('tasks', (n) => `t${n}`, 40, (v, n) => (v ? approve(v, n) : task(n))),
      'change one task in its month record, read and written (median of 20)': await change('months', (n) => `m${n % MONTHS}`, 20, approve),
      [`change one task in a part of its month (1/${PARTS}), read and written (median of 40)`]: await change('rows0', (n) => `m${n % MONTHS}.${n % PARTS}`, 40, approve),
      'find a task\'s month: one bucket read (median of 40)': await (async () => {
        const took = [];
        for (let n = 0; n < 40; n++) {
          const start = performance.now();
          const got = db.transaction('approvals').objectStore('approvals').get(`bucket${n % BUCKETS}`);
          await new Promise((resolve) => (got.onsuccess = resolve));
          took.push(performance.now() - start);
        }
        return Math.round(median(took) * 10) / 10;
      })(),
      [`read every month record (getAll of ${MONTHS})`]: await (async () => {
        const start = performance.now();
        const got = db.transaction('months').objectStore('months').getAll();
        await new Promise((resolve) => (got.onsuccess = resolve));
        return Math.round(performance.now() - start);
      })(),
      'read 100,000 task records (getAll)': await (async () => {
        await timed(db, 'tasks', (s) => { for (let i = 0; i < N; i++) s.put(task(i), row(i).key); });
        const start = performance.now();
        const got = db.transaction('tasks').objectStore('tasks').getAll();
        await new Promise((resolve) => (got.onsuccess = resolve));
        return Math.round(performance.now() - start);
      })(),
    };
  }
  const db = await open();
  const per = Math.ceil(N / MONTHS);
  if (months) return monthCosts(db, { N, MONTHS, per, row, task, timed });
  if (durability) {
    // An event's transaction: one event record and its task's row, first put to `complete`; the hints alternated.
    const hints = ['default', 'strict', 'relaxed'];
    const took = Object.fromEntries(hints.map((h) => [h, []]));
    for (let n = 0; n < 120; n++) {
      const hint = hints[n % hints.length];
      const start = performance.now();
      const tx = db.transaction(['tasks', 'rows4'], 'readwrite', hint === 'default' ? undefined : { durability: hint });
      tx.objectStore('tasks').put(task(n), `e${n}`);
      tx.objectStore('rows4').put(row(n), `e${n}`);
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      took[hint].push(performance.now() - start);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const at = (list, q) => [...list].sort((a, c) => a - c)[Math.min(list.length - 1, Math.floor(list.length * q))];
    return Object.fromEntries(hints.flatMap((h) => [[`${h}: median ms`, Math.round(at(took[h], 0.5) * 10) / 10], [`${h}: p95 ms`, Math.round(at(took[h], 0.95) * 10) / 10]]));
  }
  if (chunks) {
    // The same rows, each way in its own database after a pause, the order turned each round: what a transaction's
    // size costs, and what an index entry per row costs.
    const inChunks = (n) => async (fresh) => {
      let took = 0;
      for (let c = 0; c < n; c++) {
        took += await timed(fresh, 'rows4', (s) => { for (let i = (c * N) / n; i < ((c + 1) * N) / n; i++) s.put(row(i), row(i).key); });
      }
      return took;
    };
    const lines = [
      ['rows, 100,000 (4 indexes), one transaction', inChunks(1)],
      ['rows, 100,000 (4 indexes), 10 transactions one after the other', inChunks(10)],
      ['rows, 100,000 (4 indexes), 50 transactions one after the other', inChunks(50)],
      ['rows, 100,000, one transaction, `status` replaced by a sparse `open` (no entry for a closed row)', (fresh) => timed(fresh, 'rows3', (s) => { for (let i = 0; i < N; i++) s.put(row(i), row(i).key); })],
    ];
    const out = {};
    for (const [name, run] of round % 2 ? [...lines].reverse() : lines) {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      const fresh = await open();
      out[name] = await run(fresh);
      fresh.close();
      await new Promise((resolve) => { const r = indexedDB.deleteDatabase(fresh.name); r.onsuccess = r.onerror = resolve; });
    }
    return Object.fromEntries(lines.map(([name]) => [name, out[name]]));
  }
  if (rowsOnly) {
    // The rows alone, each in its own database after a pause (the writes before it leave the disk compacting),
    // their order turned each round: what an index costs, with nothing else in between.
    const lines = [['rows, 100,000 with 7 indexes', 'rows7'], ['rows, 100,000 with the 4 indexes of version 4', 'rows4'], ['rows, 100,000 without index', 'rows0']];
    const out = {};
    for (const [name, store] of round % 2 ? [...lines].reverse() : lines) {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      const fresh = await open();
      out[name] = await timed(fresh, store, (s) => { for (let i = 0; i < N; i++) s.put(row(i), row(i).key); });
      fresh.close();
      await new Promise((resolve) => { const r = indexedDB.deleteDatabase(fresh.name); r.onsuccess = r.onerror = resolve; });
    }
    return Object.fromEntries(lines.map(([name]) => [name, out[name]]));
  }
  return {
    'rows, 100,000 with 7 indexes': await timed(db, 'rows7', (s) => { for (let i = 0; i < N; i++) s.put(row(i), row(i).key); }),
    'rows, 100,000 with the 4 indexes of version 4': await timed(db, 'rows4', (s) => { for (let i = 0; i < N; i++) s.put(row(i), row(i).key); }),
    'rows, 100,000 without index': await timed(db, 'rows0', (s) => { for (let i = 0; i < N; i++) s.put(row(i), row(i).key); }),
    'closed tasks with timelines, 100,000': await timed(db, 'tasks', (s) => { for (let i = 0; i < N; i++) s.put(task(i), row(i).key); }),
    'day-index entries, 140,000 (2 indexes)': await timed(db, 'dayIndex', (s) => {
      for (let i = 0; i < 140_000; i++) s.put({ taskKey: `mturk:${i}`, start: T + i * 1000, end: T + i * 1000 + 900, activeMs: 800, idleMs: 100 }, [T + i * 1000, `mturk:${i}`]);
    }),
    'approvals, 84,000 (1 index)': await timed(db, 'approvals', (s) => {
      for (let i = 0; i < 84_000; i++) s.put({ at: T + i * 1000, taskKey: `mturk:${i}`, currency: 'USD', minor: 10, requesterId: `A${i % 3000}`, submittedAt: T }, ['mturk', T + i * 1000, `mturk:${i}`, 'USD', 10]);
    }),
    [`the same 100,000 rows and tasks in ${MONTHS} month records`]: await timed(db, 'months', (s) => {
      for (let m = 0; m < MONTHS; m++) {
        const rows = [];
        const tasks = [];
        for (let i = m * per; i < Math.min(N, (m + 1) * per); i++) {
          rows.push(row(i));
          tasks.push(task(i));
        }
        s.put({ rows, tasks }, `m${m}`);
      }
    }),
  };
}

// A profile on disk, as the extension's: a context without one keeps IndexedDB in memory and measures no disk at all.
const profile = mkdtempSync(join(tmpdir(), 'centime-idb-'));
const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
try {
  await context.route('http://bench.invalid/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>IndexedDB</title>' }));
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto('http://bench.invalid/');
  const runs = [];
  for (let r = 0; r < ROUNDS; r++) runs.push(await page.evaluate(runAll, { rowsOnly: args.includes('--rows'), months: args.includes('--months'), durability: args.includes('--durability'), chunks: args.includes('--chunks'), round: r }));
  console.log('| one transaction | ms per round |\n| --- | --- |');
  for (const name of Object.keys(runs[0])) console.log(`| ${name} | ${runs.map((run) => run[name]).join(' / ')} |`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
