import type { BackupTask } from './backup';
import { dayStart } from '../domain/summary';
import type { ImportedTask } from './mturk-suite';

/**
 * MTurk Suite's HITs as Centime records (issue 17, item 3): untimed (money, never a rate), dated by the backup's
 * day — MTurk's Pacific date, placed at its noon as the status pages' untimed records are — with no approval
 * date (an imported approval never counts in withdrawable or in the pace). A HIT without assignment id is keyed by
 * its HIT id; the merge joins it to the record of its assignment where there is one (lib/data/hit-fold.ts), so that
 * it only adds what that task lacks (ids, requester id, a more advanced state) and never replaces its timed data.
 */
export const pacificNoon = (day: string) => Date.parse(`${day}T12:00:00-08:00`);

export function suiteTasks(imported: readonly ImportedTask[]): BackupTask[] {
  return imported.map((hit) => {
    const at = pacificNoon(hit.day);
    return {
      v: 2, platform: 'mturk', taskId: hit.taskId, hitId: hit.hitId, title: hit.title, requesterName: hit.requesterName,
      ...(hit.requesterId ? { requesterId: hit.requesterId } : {}),
      reward: hit.reward, status: hit.status, endedAt: at, day: hit.day, untimed: true, external: false,
      // Known in its state from the first instant of its Pacific day: a dashboard reading earlier that day may
      // already hold its approval, so a HIT imported pending is never "known pending after" such a reading
      // (withdrawable, DESIGN.md), where its noon would have claimed so.
      events: [], firstSeenAt: at, observedAt: dayStart(hit.day, 'America/Los_Angeles'),
    };
  });
}
