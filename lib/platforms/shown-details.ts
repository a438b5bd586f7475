import { MAX_MINOR } from '../domain/money';
import { parseMoney } from '../domain/money-parse';
import type { Money } from '../domain/money';
import type { TaskDetail } from './types';

/**
 * The second way to read a task page (issue 19): its visible text, for when the structured data a reader
 * looks for first (MTurk's React props, Prolific's `data-testid`s) is gone because the platform changed its
 * markup. Less sure than the structure, so only ever a fallback; pure, and never throws on any page.
 */

/** Collapsed, trimmed text of an element, bounded (a huge element is read from its start only). */
export function shownText(el: Element | null | undefined, max = 2000): string {
  return (el?.textContent ?? '').slice(0, max * 4).replace(/\s+/g, ' ').trim();
}

/**
 * The value the page shows beside a label such as "Reward" or "Requester": in the element after the label
 * ("Reward" / "$0.50"), or after a colon in the label's own text ("Reward: $0.50"). Looks at elements with no
 * element children (where labels sit), outside `skip` (e.g. a list of other tasks); the first label found wins.
 */
export function labelledValue(root: Document, label: string, skip?: string): string | undefined {
  // "Reward" alone (its value in the next element) or "Reward: $0.50"; never "Rewards" or "Reward pending".
  const own = new RegExp(`^${label}(?:\\s*:\\s*(.+)|\\s*:?)$`, 'i');
  for (const el of root.querySelectorAll('body *')) {
    if (el.childElementCount > 0 || (skip && el.closest(skip))) continue;
    const m = own.exec(shownText(el, 200));
    if (!m) continue;
    const value = m[1] || shownText(el.nextElementSibling, 200);
    if (value) return value;
  }
  return undefined;
}

/** An amount the page shows (a positive one, in a currency the text names, else `fallback`). */
export function shownAmount(text: string | undefined, fallback?: string): Money | null {
  const money = text ? parseMoney(text, fallback) : null;
  return money && money.minor >= 0 && money.minor <= MAX_MINOR ? money : null;
}

/** The details left empty, for the snapshot's `missing` (undefined when nothing is). */
export function missingOf(details: { title: string; requesterName: string; reward: Money | null }): TaskDetail[] | undefined {
  const missing: TaskDetail[] = [];
  if (!details.title) missing.push('title');
  if (!details.reward) missing.push('reward');
  if (!details.requesterName) missing.push('requester');
  return missing.length ? missing : undefined;
}
