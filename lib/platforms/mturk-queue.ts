import { isoTime, mturkId, pageText, rewardOf, sameOriginUrl, seconds, stateName } from './mturk-fields';
import { isPath } from './mturk-urls';
import { isRecord, reactProps } from './react-props';
import type { QueuedTask } from './types';

/**
 * The accepted tasks of the queue page `/tasks`, from the `taskQueueTable/TaskQueueTable` props: `bodyData[]`
 * with `assignment_id`, `task_id`, `task_url`, `accepted_at`, `deadline`, `time_to_deadline_in_seconds`,
 * `state` and the group's fields under `project`. A deadline missing from a row is dated from its time left
 * when `now` is given. Rows without an assignment id or a title are skipped.
 */
export function readQueue(doc: Document, url: URL, now?: number): QueuedTask[] {
  if (!isPath(url, '/tasks')) return [];
  const rows = reactProps(doc, 'TaskQueueTable')?.bodyData;
  if (!Array.isArray(rows)) return [];
  const queued: QueuedTask[] = [];
  for (const row of rows) {
    const task = isRecord(row) ? queuedTask(row, url, now) : null;
    if (task) queued.push(task);
  }
  return queued;
}

function queuedTask(row: Record<string, unknown>, url: URL, now: number | undefined): QueuedTask | null {
  const project = isRecord(row.project) ? row.project : {};
  const taskId = mturkId(row.assignment_id);
  const title = pageText(project.title, 500);
  if (!taskId || !title) return null;
  const task: QueuedTask = {
    taskId,
    title,
    requesterName: pageText(project.requester_name, 200) ?? '',
    reward: rewardOf(project.monetary_reward),
  };
  const set = <K extends keyof QueuedTask>(key: K, value: QueuedTask[K] | undefined) => {
    if (value !== undefined) task[key] = value;
  };
  set('hitId', mturkId(row.task_id));
  set('groupId', mturkId(project.hit_set_id));
  set('requesterId', mturkId(project.requester_id));
  set('timeAllottedSec', seconds(project.assignment_duration_in_seconds));
  set('acceptedAt', isoTime(row.accepted_at));
  const left = seconds(row.time_to_deadline_in_seconds);
  set('deadline', isoTime(row.deadline) ?? (now !== undefined && left !== undefined ? now + left * 1000 : undefined));
  set('state', stateName(row.state));
  set('taskUrl', sameOriginUrl(row.task_url, url));
  return task;
}
