import type { StatusDetail, TaskSnapshot } from '../../lib/platforms/types';
import type { Page, Row, TaskSpec, World } from './world';

/** What the browser and the content scripts would say about a world's pages: URLs, snapshots, status rows. */

export const HIT_LIST = 'https://worker.mturk.com/projects';
export const STUDIES = 'https://app.prolific.com/studies';
export const COMPLETE = 'https://app.prolific.com/submissions/complete?cc=C0DE42';

export function urlOf(world: World, page: Page): string {
  switch (page.kind) {
    case 'mturk-task':
    case 'mturk-gone': {
      const t = world.tasks[page.task]!;
      return `https://worker.mturk.com/projects/${t.groupId}/tasks/${t.hitId}?assignment_id=${t.id}`;
    }
    case 'mturk-list':
      return HIT_LIST;
    case 'prolific-list':
      return STUDIES;
    case 'prolific-study':
      return `https://app.prolific.com/studies/${world.tasks[page.task]!.id}`;
    case 'prolific-complete':
      return COMPLETE;
    case 'web':
      return `https://site${page.site}.example.org/survey`;
    case 'newtab':
      return 'chrome://newtab/';
  }
}

/** The content script's messages on a page load, in its order: the page first, then the task it shows. */
export function pageMessages(world: World, page: Page): { type: string; payload: object }[] {
  const seen = (platform: string, pageKind: string, alert: string | null, taskId: string | null) => ({
    type: 'cs-bg-page-seen', payload: { platform, pageKind, alert, taskId },
  });
  switch (page.kind) {
    case 'mturk-task': {
      const t = world.tasks[page.task]!;
      return [seen('mturk', 'task', page.alert ?? null, t.id), { type: 'cs-bg-task-seen', payload: snapshot(t) }];
    }
    case 'mturk-gone':
      return [seen('mturk', 'task', 'unavailable', world.tasks[page.task]!.id)];
    case 'mturk-list':
      return [seen('mturk', 'listing', page.alert ?? null, null)];
    case 'prolific-list':
      return [seen('prolific', 'listing', null, null)];
    case 'prolific-study': {
      const t = world.tasks[page.task]!;
      return [seen('prolific', 'task', null, t.id), { type: 'cs-bg-task-seen', payload: snapshot(t) }];
    }
    case 'prolific-complete':
      return [seen('prolific', 'completion', 'submitted', null)];
    default:
      return [];
  }
}

function snapshot(t: TaskSpec): TaskSnapshot {
  if (t.platform === 'prolific') {
    return { platform: 'prolific', taskId: t.id, title: t.title, requesterName: t.requesterName, reward: t.reward, ...(t.allottedSec ? { timeAllottedSec: t.allottedSec } : {}) };
  }
  return {
    platform: 'mturk', taskId: t.id, hitId: t.hitId, groupId: t.groupId, title: t.title, requesterName: t.requesterName,
    ...(t.requesterId ? { requesterId: t.requesterId } : {}), reward: t.reward, timeAllottedSec: t.allottedSec,
    ...(t.acceptedAt !== undefined ? { acceptedAt: t.acceptedAt } : {}),
  };
}

/** A row as the adapters read it (Prolific's submissions rows name no requester). */
export function statusOf(world: World, row: Row): StatusDetail {
  const t = world.tasks[row.task]!;
  return {
    assignmentId: t.id, hitId: t.hitId, state: row.state, title: t.title,
    requesterName: t.platform === 'prolific' ? '' : t.requesterName,
    ...(t.platform === 'mturk' && t.requesterId ? { requesterId: t.requesterId } : {}),
    reward: row.reward, ...(row.bonus ? { bonus: row.bonus } : {}), date: row.date,
  };
}
