import { moneyFromDecimal, type Money } from '../domain/money';
import { MTURK_MATCHES } from './hosts';
import { isRecord, num, reactProps, str } from './react-props';
import type { PageKind, PlatformAdapter, TaskSnapshot } from './types';

const TASK_PATH = /^\/projects\/([A-Z0-9]+)\/tasks\/([A-Z0-9]+)\/?$/i;

function pageKind(_doc: Document, url: URL): PageKind {
  if (url.hostname !== 'worker.mturk.com') return 'other';
  const path = url.pathname;
  if (TASK_PATH.test(path) && url.searchParams.has('assignment_id')) return 'task';
  if (path === '/tasks' || path === '/tasks/') return 'queue';
  if (path === '/' || path === '/projects' || path === '/projects/') return 'listing';
  if (path === '/dashboard' || path === '/earnings' || path.startsWith('/status_details/')) return 'balance';
  return 'other';
}

function taskIdFromUrl(url: URL): string | null {
  if (url.hostname !== 'worker.mturk.com' || !TASK_PATH.test(url.pathname)) return null;
  return str(url.searchParams.get('assignment_id')) ?? null;
}

function readTask(doc: Document, url: URL, now?: number): TaskSnapshot | null {
  const match = TASK_PATH.exec(url.pathname);
  const assignmentId = taskIdFromUrl(url);
  if (!match || !assignmentId) return null;
  const modal = reactProps(doc, 'ShowModal');
  const options = isRecord(modal?.modalOptions) ? modal.modalOptions : undefined;
  const title = str(options?.projectTitle);
  if (!options || !title) return null;

  const snapshot: TaskSnapshot = {
    platform: 'mturk',
    taskId: assignmentId,
    groupId: match[1],
    title,
    requesterName: str(options.requesterName) ?? '',
    reward: readReward(options.monetaryReward),
  };
  const allotted = num(options.assignmentDurationInSeconds);
  if (allotted !== undefined && allotted >= 0) snapshot.timeAllottedSec = Math.round(allotted);
  const requesterId = requesterIdFrom(options.contactRequesterUrl);
  if (requesterId) snapshot.requesterId = requesterId;
  // Older pages call the timer CountdownTimer.
  const timer = reactProps(doc, 'CompletionTimer') ?? reactProps(doc, 'CountdownTimer');
  const original = num(timer?.originalTimeToCompleteInSeconds);
  const remaining = num(timer?.timeRemainingInSeconds);
  if (now !== undefined && original !== undefined && remaining !== undefined && original >= remaining) {
    snapshot.acceptedAt = now - Math.round((original - remaining) * 1000);
  }
  return snapshot;
}

function readReward(value: unknown): Money | null {
  if (!isRecord(value)) return null;
  const amount = num(value.amountInDollars);
  const currency = str(value.currencyCode) ?? 'USD';
  if (amount === undefined || !/^[A-Z]{3}$/.test(currency)) return null;
  return moneyFromDecimal(String(value.amountInDollars).trim(), currency);
}

function requesterIdFrom(value: unknown): string | undefined {
  const href = str(value);
  if (!href) return undefined;
  try {
    return str(new URL(href, 'https://worker.mturk.com').searchParams.get('hit_type_message[requester_id]'));
  } catch {
    return undefined;
  }
}

export const mturk: PlatformAdapter = {
  id: 'mturk',
  name: 'Amazon Mechanical Turk',
  matches: MTURK_MATCHES,
  pageKind,
  readTask,
  taskIdFromUrl,
};

// Fixtures (tests/fixtures/mturk/): task-page — a HIT accepted from the search results, with ShowModal,
// CompletionTimer and TaskSubmitter props, as the real page HTML-escapes them.
