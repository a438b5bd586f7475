import { loadCustomRules, saveCustomRules, watchCustomRules } from '../storage/custom-rules-store';
import { loadSettings, saveSettings, watchSettings } from '../storage/settings';
import { syncChoiceItem, syncStatusItem, type SyncStatus } from '../storage/sync-status';
import { pullFromSync, pushToSync, startSync, type Mirrored, type SyncArea } from '../storage/sync';

/**
 * The background side of the sync opt-in: local changes are pushed to sync, another computer's are applied
 * here (the latest change wins). The options page reads the state from `local:syncStatus` and answers the
 * first-time question through `local:syncChoice` (lib/storage/sync-status.ts).
 */

async function localMirrored(): Promise<Mirrored> {
  const [{ settings }, { rules }] = await Promise.all([loadSettings(), loadCustomRules()]);
  return { settings, rules };
}

async function apply({ settings, rules }: Mirrored): Promise<void> {
  await saveSettings(settings);
  await saveCustomRules(rules);
}

export interface SyncMirror {
  /** Local settings or rules changed (or the worker turned sync on or off). */
  local(): Promise<void>;
  /** Sync changed (another computer). */
  remote(): Promise<void>;
  /** The worker's first-time answer. */
  choose(which: unknown): Promise<void>;
}

export function syncMirror(area: SyncArea): SyncMirror {
  // One step at a time: a push and a pull never interleave.
  let queue = Promise.resolve();
  const serial = (step: () => Promise<void>) => (queue = queue.then(step, step));
  const setStatus = (status: SyncStatus) => syncStatusItem.setValue(status);

  return {
    local: () =>
      serial(async () => {
        const mine = await localMirrored();
        const status = await syncStatusItem.getValue();
        if (!mine.settings.syncSettings) return void (await setStatus({ started: false }));
        if (status.choose) return;
        if (!status.started) {
          const start = await startSync(area, mine);
          if (start.kind === 'choose') return void (await setStatus({ started: false, choose: true }));
          return void (await setStatus({ started: true, problem: start.problem }));
        }
        await setStatus({ started: true, problem: await pushToSync(area, mine) });
      }),
    remote: () =>
      serial(async () => {
        const mine = await localMirrored();
        const status = await syncStatusItem.getValue();
        if (!mine.settings.syncSettings || !status.started) return;
        const { apply: theirs, problem } = await pullFromSync(area, mine);
        if (problem) return void (await setStatus({ started: true, problem }));
        if (theirs) await apply(theirs);
        if (status.problem) await setStatus({ started: true });
      }),
    choose: (which) =>
      serial(async () => {
        if (which !== 'mine' && which !== 'theirs') return;
        await syncChoiceItem.removeValue();
        const mine = await localMirrored();
        if (!(await syncStatusItem.getValue()).choose || !mine.settings.syncSettings) return;
        if (which === 'theirs') {
          const { apply: theirs, problem } = await pullFromSync(area, mine);
          if (problem) return void (await setStatus({ started: false, choose: true, problem }));
          if (theirs) await apply(theirs);
          return void (await setStatus({ started: true }));
        }
        await setStatus({ started: true, problem: await pushToSync(area, mine) });
      }),
  };
}

/** Wires the mirror to the browser: `browser.storage.sync` and the local items it mirrors. */
export function startSyncMirror(area: SyncArea, onSyncChanged: (listener: () => void) => void): SyncMirror {
  const mirror = syncMirror(area);
  watchSettings(() => void mirror.local());
  watchCustomRules(() => void mirror.local());
  onSyncChanged(() => void mirror.remote());
  syncChoiceItem.watch((which) => void mirror.choose(which));
  void mirror.local();
  return mirror;
}
