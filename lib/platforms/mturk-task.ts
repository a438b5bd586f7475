import { mturkId, pageText, rewardOf, seconds, YEAR_SEC } from './mturk-fields';
import { taskIdFromUrl, taskPathIds } from './mturk-urls';
import { isRecord, num, reactProps, str } from './react-props';
import type { TaskSnapshot } from './types';

/**
 * The task a task page shows, from its `ShowModal` ("HIT Details") props and its completion timer. After a
 * submit with auto-accept on, the page that says "HIT Submitted" is already the next task of the group: this
 * reads that next task (the alert is `pageAlert`'s business).
 */
export function readTask(doc: Document, url: URL, now?: number): TaskSnapshot | null {
  const ids = taskPathIds(url);
  const assignmentId = taskIdFromUrl(url);
  if (!ids || !assignmentId) return null;
  const modal = reactProps(doc, 'ShowModal');
  const options = isRecord(modal?.modalOptions) ? modal.modalOptions : undefined;
  const title = pageText(options?.projectTitle, 500);
  if (!options || !title) return null;

  const snapshot: TaskSnapshot = {
    platform: 'mturk',
    taskId: assignmentId,
    hitId: ids.hitId,
    groupId: ids.groupId,
    title,
    requesterName: pageText(options.requesterName, 200) ?? '',
    reward: rewardOf(options.monetaryReward),
  };
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

function requesterIdFrom(value: unknown): string | undefined {
  const href = str(value);
  if (!href) return undefined;
  try {
    return mturkId(new URL(href, 'https://worker.mturk.com').searchParams.get('hit_type_message[requester_id]'));
  } catch {
    return undefined;
  }
}
