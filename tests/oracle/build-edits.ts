import type { Model } from './build-model';
import { money } from './build-common';
import type { Intent } from './generate';
import { dayIn, DAY_MS, MIN_MS } from './plain';

/**
 * Corrections in the history (issue 16), as the builder writes them: a task picked among every task of the world
 * (HITs, studies, records first seen in a status row) and those added by hand. The builder does not know which
 * are still open or never seen by Centime: the background refuses those (`task_open`, `task_unknown`) and the
 * oracle leaves them out likewise.
 */
export function actEdit(m: Model, i: Extract<Intent, { k: 'correct' | 'add' }>): void {
  if (i.k === 'correct') {
    const keys = [...Object.keys(m.script.world.tasks), ...m.added];
    const task = keys[i.pick % Math.max(1, keys.length)];
    if (task) m.emit({ kind: 'edit', task, change: i.change });
    return;
  }
  const ref = `hand:${m.added.length + 1}`;
  m.added.push(ref);
  const day = dayIn('UTC', m.now - i.daysAgo * DAY_MS);
  m.emit({
    kind: 'add', ref,
    task: {
      platform: i.platform, title: `Missed ${m.added.length}`, requesterName: 'Lab 0', reward: money(i.minor, i.currency), day, outcome: i.outcome,
      ...(i.activeMin === null ? {} : { activeMs: i.activeMin * MIN_MS }),
    },
  });
}
