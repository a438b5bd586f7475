import type { BackupTask } from './backup';
import type { ImportedTask } from './mturk-suite';

/**
 * MTurk Suite's HITs as Centime records (issue 17, item 3): untimed (money, never a rate), dated by the backup's
 * day — MTurk's Pacific date, placed at its noon as the status pages' untimed records are — with no approval
 * date (an imported approval never counts in withdrawable or in the pace). A HIT matched to a task Centime
 * already has (by assignment id, else by HIT id) takes that task's key, so that the merge only adds what the
 * task lacks (ids, requester id, a more advanced state) and never replaces its timed data.
 */
export const pacificNoon = (day: string) => Date.parse(`${day}T12:00:00-08:00`);

/** `byHitId`: the key (`mturk:<assignment id>`) of each stored MTurk task, by its HIT id. */
export function suiteTasks(imported: readonly ImportedTask[], byHitId: ReadonlyMap<string, string>): BackupTask[] {
  return imported.map((hit) => {
    const matched = hit.taskId === hit.hitId ? byHitId.get(hit.hitId) : undefined;
    const taskId = matched ? matched.slice('mturk:'.length) : hit.taskId;
    const at = pacificNoon(hit.day);
    return {
      v: 2, platform: 'mturk', taskId, hitId: hit.hitId, title: hit.title, requesterName: hit.requesterName,
      ...(hit.requesterId ? { requesterId: hit.requesterId } : {}),
      reward: hit.reward, status: hit.status, endedAt: at, day: hit.day, untimed: true, external: false,
      events: [], firstSeenAt: at, observedAt: at,
    };
  });
}
