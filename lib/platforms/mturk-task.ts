import { mturkId, pageText, rewardOf, seconds, YEAR_SEC } from './mturk-fields';
import { labelledValue, missingOf, shownAmount, shownText } from './shown-details';
import { pageAlert } from './mturk-flow';
import { taskIdFromUrl, taskPathIds } from './mturk-urls';
import { isRecord, num, reactProps, str } from './react-props';
import type { TaskSnapshot } from './types';

/**
 * The task a task page shows, from its `ShowModal` ("HIT Details") props and its completion timer. After a
 * submit with auto-accept on, the page that says "HIT Submitted" is already the next task of the group: this
 * reads that next task (the alert is `pageAlert`'s business).
 *
 * The URL alone makes it a task (issue 19): when the props are gone or renamed, the page's visible text is read
 * instead (the project title bar, the "Reward" and "Requester" labels), and what neither gives is left empty
 * and named in `missing`, so that the task is timed all the same and the worker is asked for its reward.
 */
export function readTask(doc: Document, url: URL, now?: number): TaskSnapshot | null {
  const ids = taskPathIds(url);
  const assignmentId = taskIdFromUrl(url);
  // "This HIT is no longer available": the page shows no task (the background expires it).
  if (!ids || !assignmentId || pageAlert(doc) === 'unavailable') return null;
  const modal = reactProps(doc, 'ShowModal', isHitDetails);
  const options = isRecord(modal?.modalOptions) ? modal.modalOptions : {};
  const title = pageText(options.projectTitle, 500) ?? pageText(shownText(doc.querySelector('.task-project-title'), 500), 500) ?? '';
  const requesterName = pageText(options.requesterName, 200) ?? pageText(labelledValue(doc, 'Requester'), 200) ?? '';
  const reward = rewardOf(options.monetaryReward) ?? shownAmount(labelledValue(doc, 'Reward'), 'USD');

  const snapshot: TaskSnapshot = { platform: 'mturk', taskId: assignmentId, hitId: ids.hitId, groupId: ids.groupId, title, requesterName, reward };
  const missing = missingOf(snapshot);
  if (missing) snapshot.missing = missing;
  const allotted = seconds(options.assignmentDurationInSeconds);
  if (allotted !== undefined) snapshot.timeAllottedSec = allotted;
  const requesterId = requesterIdFrom(options.contactRequesterUrl);
  if (requesterId) snapshot.requesterId = requesterId;
  // Older pages call the timer CountdownTimer.
  const timer = reactProps(doc, 'CompletionTimer') ?? reactProps(doc, 'CountdownTimer');
  const original = num(timer?.originalTimeToCompleteInSeconds);
  const remaining = num(timer?.timeRemainingInSeconds);
  // A timer beyond MTurk's longest allotment (or running backwards) is not one to date a task by.
  if (now !== undefined && original !== undefined && remaining !== undefined) {
    const acceptedAt = now - Math.round((original - remaining) * 1000);
    if (remaining >= 0 && original >= remaining && original <= YEAR_SEC && acceptedAt >= 0) snapshot.acceptedAt = acceptedAt;
  }
  return snapshot;
}

/** The "HIT Details" modal: the one whose options name the task, should the page hold another ShowModal. */
function isHitDetails(props: Record<string, unknown>): boolean {
  const options = props.modalOptions;
  return isRecord(options) && ('projectTitle' in options || 'monetaryReward' in options);
}

function requesterIdFrom(value: unknown): string | undefined {
  const href = str(value);
  if (!href) return undefined;
  try {
    return mturkId(new URL(href, 'https://worker.mturk.com').searchParams.get('hit_type_message[requester_id]'));
  } catch {
    return undefined;
  }
}
