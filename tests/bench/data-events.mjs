/* global setTimeout */
// bench:data's events (data-figures.mjs): 20 MTurk task pages open, each its own task (the saved task page at its
// real URL, another assignment id each); then, one tab at a time, a tab goes to a new task's page, whose message
// makes the background start that task. Timed in the service worker from the message's arrival to the commit of
// the transaction that holds the task's first event record (watchEvents). The messages' transit from the page
// (under a millisecond) is not in it.
import { PAGES } from './pages.mjs';
import { watchEvents } from './data-probes.mjs';
import { profileWorker } from './worker-profile.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const TASK = PAGES.find((p) => p.name === 'mturk-task');
const withAssignment = (id) => {
  const u = new URL(TASK.url);
  u.searchParams.set('assignment_id', id);
  return u.href;
};

/** When the task of this assignment id had its first event committed (its key is `mturk:<id>`). */
const durableOf = (durable, id) => Object.entries(durable).find(([task]) => task.endsWith(`:${id}`))?.[1];

async function live(page) {
  for (let i = 0; i < 200; i++) {
    if ((await page.evaluate(() => document.documentElement.getAttribute('data-centime'))) === 'live') return;
    await sleep(50);
  }
  throw new Error('the content script did not start');
}

export async function eventRuns({ launch, settle, profile, option }) {
  const tabsWanted = Number(option('--tabs', 20));
  const samplesWanted = Number(option('--samples', 40));
  const b = await launch(profile, { routes: TASK.routes });
  const settledMs = await settle(60_000);
  const tabs = [];
  for (let i = 0; i < tabsWanted; i++) {
    const page = await b.context.newPage();
    await page.goto(withAssignment(`3BENCHTAB${String(i).padStart(4, '0')}XXXXXXXXXXXXXXX`));
    await live(page);
    tabs.push(page);
  }
  await settle(10_000);
  const samples = [];
  const missed = [];
  const split = [];
  const sampling = async () => {
  for (let s = 0; s < samplesWanted; s++) {
    const worker = b.worker();
    await worker.evaluate(watchEvents);
    await worker.evaluate(() => globalThis.__events());
    const id = `3BENCHNEW${String(s).padStart(4, '0')}XXXXXXXXXXXXXXX`;
    const tab = tabs[s % tabs.length];
    await tab.bringToFront();
    await tab.goto(withAssignment(id));
    let seen;
    for (let i = 0; i < 100; i++) {
      const { arrived, written, durable, writes } = await worker.evaluate(() => globalThis.__events());
      seen = { arrived: { ...seen?.arrived, ...arrived }, written: { ...seen?.written, ...written }, durable: { ...seen?.durable, ...durable }, writes: [...(seen?.writes ?? []), ...writes] };
      if (seen.arrived[id] !== undefined && durableOf(seen.durable, id) !== undefined) break;
      await sleep(20);
    }
    const at = seen.arrived[id];
    const done = durableOf(seen.durable, id);
    const put = durableOf(seen.written, id);
    if (at === undefined || done === undefined) missed.push({ id, arrived: at !== undefined, durable: done !== undefined });
    else {
      samples.push(Number((done - at).toFixed(2)));
      // Before its first record is put: the page read and the tracker's work; after: IndexedDB's commit.
      // The writer's other transactions committed between the message and this one (the tab switch's events…).
      // Its own transaction is left out: its 'complete' listener may run just before the one that notes it durable.
      const others = seen.writes.filter((w) => w.end > at && w.end < done && !(w.tasks.includes(id) && w.end >= put));
      split.push({ beforePut: Number((put - at).toFixed(2)), commit: Number((done - put).toFixed(2)), otherWrites: others.length, otherWriteMs: Number(others.reduce((n, w) => n + w.end - Math.max(w.start, at), 0).toFixed(2)), otherStores: others.map((w) => `${w.stores.join('+')}${w.tasks.length ? ` (${w.tasks.map((t) => (t === id ? 'this task' : t)).join(', ')})` : ''}`) });
    }
    await settle(1_500);
  }
  };
  // --profile-worker: the service worker's CPU profile over the samples (printed; the timings then carry its cost).
  if (option('--profile-worker', null) !== null) await profileWorker(b.context, sampling);
  else await sampling();
  await b.context.close();
  return { tabs: tabsWanted, settledMs, samples, split, missed };
}
