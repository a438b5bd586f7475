import { commandAction, MANUAL_PLATFORM, type ManualState } from '../domain/manual-command';
import type { Money } from '../domain/money';
import { replay, type Stamp } from '../domain/task-timer';
import type { ManualCommand, ManualView } from '../messaging';
import { getTaskByKey, taskKey } from '../storage/history-db';
import type { Settings, TaskRecord } from '../storage/schemas';
import type { TaskWriter } from './task-writer';
import type { Tracker } from './tracker';
import { CentimeError } from '../errors';

/**
 * The manual timer (DESIGN.md, "Time"): an ordinary task record on the platform 'manual'. While it runs the
 * tracker puts it in front whatever the tabs, focus or idle state (automatic tasks pause); paused, it stays
 * open and accrues nothing; stopped, it ends submitted with the reward the worker typed.
 */

/** Where the one manual timer is kept (entrypoints bind it to extension storage, tests to memory). */
export interface ManualStore {
  load(): Promise<ManualState | null>;
  save(state: ManualState | null): Promise<void>;
}

export interface ManualDeps {
  tracker: Tracker;
  writer: TaskWriter;
  store: ManualStore;
  /** The title of a timer started with none typed (the keyboard shortcut), in the worker's language. */
  defaultTitle: () => string;
}

/** The stored timer if its task is still open: a stop cut short between its writes leaves nothing stale. */
export async function manualState({ writer, store }: Pick<ManualDeps, 'writer' | 'store'>): Promise<ManualState | null> {
  const state = await store.load();
  return state && (await writer.open()).has(state.key) ? state : null;
}

/** Starts a new timer: only one at a time. */
export async function startManual(deps: ManualDeps, title = ''): Promise<ManualState> {
  const { tracker, writer, store } = deps;
  await tracker.start();
  // In the writer's queue, so that the popup and the shortcut pressed together never open two timers.
  const state = await writer.serial(async () => {
    if (await manualState(deps)) throw new CentimeError('manual_open');
    const wall = tracker.now().wall;
    const name = title.trim().slice(0, 500) || deps.defaultTitle();
    for (let at = wall; ; at++) {
      const taskId = `m${at}`;
      const record: TaskRecord = {
        v: 2, platform: MANUAL_PLATFORM, taskId, title: name, requesterName: '', reward: null, status: 'open',
        external: false, events: [], activeMs: 0, idleMs: 0, firstSeenAt: wall, updatedAt: wall,
      };
      // An id already taken (two timers in the same millisecond) moves on to the next one.
      if (await writer.update(taskKey(MANUAL_PLATFORM, taskId), (old) => (old ? null : record), wall)) {
        const started = { key: taskKey(MANUAL_PLATFORM, taskId), running: true };
        await store.save(started);
        return started;
      }
    }
  });
  await tracker.reevaluate();
  return state;
}

async function setRunning(deps: ManualDeps, running: boolean): Promise<ManualState> {
  await deps.tracker.start();
  const state = await deps.writer.serial(async () => {
    const current = await manualState(deps);
    if (!current) throw new CentimeError('manual_none');
    const next = { ...current, running };
    await deps.store.save(next);
    return next;
  });
  // The tracker records the change: front / not-front events at this instant.
  await deps.tracker.reevaluate();
  return state;
}

export const pauseManual = (deps: ManualDeps) => setRunning(deps, false);
export const resumeManual = (deps: ManualDeps) => setRunning(deps, true);

/** Ends the timer's task as submitted with `reward` (null: none), through the tracker's outcome. */
export async function stopManual(deps: ManualDeps, reward: Money | null): Promise<null> {
  const { tracker, writer, store } = deps;
  await tracker.start();
  const key = await writer.serial(async () => {
    const current = await manualState(deps);
    if (!current) throw new CentimeError('manual_none');
    // The reward first, on the open task: the outcome then lands its time and money on the day together.
    await writer.update(current.key, (old) => (old?.status === 'open' ? { ...old, reward } : null), tracker.now().wall);
    return current.key;
  });
  await tracker.outcome(key, 'submitted');
  await store.save(null);
  await tracker.reevaluate();
  return null;
}

export function runManual(deps: ManualDeps, command: ManualCommand): Promise<ManualState | null> {
  switch (command.action) {
    case 'start':
      return startManual(deps, command.title);
    case 'pause':
      return pauseManual(deps);
    case 'resume':
      return resumeManual(deps);
    case 'stop':
      return stopManual(deps, command.reward);
  }
}

/** The keyboard shortcut: toggles the timer. `undefined` when the command is not ours. */
export async function manualCommand(deps: ManualDeps, command: string): Promise<ManualState | null | undefined> {
  const action = commandAction(command, await manualState(deps));
  return action ? runManual(deps, { action }) : undefined;
}

/** What the popup shows of the timer: its live time as of `now`, and the currencies a reward may be typed in. */
export async function manualView(deps: Pick<ManualDeps, 'writer' | 'store'>, now: Stamp, settings: Settings): Promise<ManualView | null> {
  const state = await manualState(deps);
  const task = state && (await getTaskByKey(state.key));
  if (!state || !task) return null;
  const currency = settings.displayCurrency;
  return {
    key: state.key,
    title: task.title,
    running: state.running,
    // A running timer is never idle, so its time is all active.
    activeMs: Math.round(replay(task.events, now).activeMs),
    at: now.wall,
    currency,
    currencies: [...new Set([currency, ...Object.keys(settings.minRates)])],
  };
}
