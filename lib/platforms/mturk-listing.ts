import { mturkId, pageText, rewardOf, sameOriginUrl, seconds } from './mturk-fields';
import { pageKind } from './mturk-urls';
import { isRecord, num, reactProps } from './react-props';
import type { ListedTask } from './types';

/**
 * The HIT groups of a search-results page (`/`, `/projects?…`, a requester's `/requesters/{id}/projects`), from
 * the `hitSetTable/HitSetTable` props: `bodyData[]` with `hit_set_id`, `title`, `requester_*`,
 * `monetary_reward`, `assignment_duration_in_seconds`, `assignable_hits_count`, `accept_project_task_url`.
 * Rows without a group id or a title are skipped; the others are kept.
 */
export function readListing(doc: Document, url: URL): ListedTask[] {
  if (pageKind(doc, url) !== 'listing') return [];
  const rows = reactProps(doc, 'HitSetTable')?.bodyData;
  if (!Array.isArray(rows)) return [];
  const listed: ListedTask[] = [];
  for (const row of rows) {
    const task = isRecord(row) ? listedTask(row, url) : null;
    if (task) listed.push(task);
  }
  return listed;
}

function listedTask(row: Record<string, unknown>, url: URL): ListedTask | null {
  const taskId = mturkId(row.hit_set_id);
  const title = pageText(row.title, 500);
  if (!taskId || !title) return null;
  const task: ListedTask = { taskId, title, reward: rewardOf(row.monetary_reward) };
  const allotted = seconds(row.assignment_duration_in_seconds);
  if (allotted !== undefined) task.timeAllottedSec = allotted;
  const requesterName = pageText(row.requester_name, 200);
  if (requesterName) task.requesterName = requesterName;
  const requesterId = mturkId(row.requester_id);
  if (requesterId) task.requesterId = requesterId;
  const hits = num(row.assignable_hits_count);
  if (hits !== undefined && Number.isSafeInteger(hits) && hits >= 0) task.assignableHits = hits;
  const acceptUrl = sameOriginUrl(row.accept_project_task_url, url);
  if (acceptUrl) task.acceptUrl = acceptUrl;
  return task;
}
