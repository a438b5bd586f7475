import type { Money } from '../domain/money';

/** What a page is to Centime. Adapters may return only the kinds their platform has. */
export type PageKind = 'task' | 'listing' | 'queue' | 'balance' | 'other';

/** A task as its page shows it (DESIGN.md, "Contracts"). Adapters build it with hand-written guards. */
export interface TaskSnapshot {
  platform: string;
  /** MTurk: the assignment id. */
  taskId: string;
  title: string;
  requesterName: string;
  reward: Money | null;
  timeAllottedSec?: number;
  /** MTurk: the HIT group (project) id; groups tasks for median times. */
  groupId?: string;
  requesterId?: string;
  /** Wall-clock accept time when the page lets us derive it (MTurk: from the completion timer). */
  acceptedAt?: number;
}

export interface ListedTask {
  /** MTurk: the group id. */
  taskId: string;
  title: string;
  reward: Money | null;
  estimatedSec?: number;
  timeAllottedSec?: number;
  ratePerHour?: Money;
}

export interface Balances {
  available?: Money;
  pending?: Money;
}

/** One platform: pure functions of (Document, URL); no browser.*, no clock except `now` passed in. */
export interface PlatformAdapter {
  id: string;
  name: string;
  /** WXT match patterns; the content script and the sender check use the same list. */
  matches: string[];
  pageKind(doc: Document, url: URL): PageKind;
  readTask(doc: Document, url: URL, now?: number): TaskSnapshot | null;
  /**
   * The task a URL shows, from the URL alone (the background sees tab URLs, not documents): it tells which
   * tab is which task when attention is computed. Null for pages that are not a task.
   */
  taskIdFromUrl(url: URL): string | null;
  readListing?(doc: Document, url: URL): ListedTask[];
  readBalances?(doc: Document, url: URL): Balances | null;
}
