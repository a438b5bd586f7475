import type { Money } from '../domain/money';
import { calendarDate, rewardOf, shownDollars, textOf } from './mturk-fields';
import { isPath } from './mturk-urls';
import { isRecord, reactProps, str } from './react-props';
import type { EarningsPage, Transfer } from './types';

/**
 * The earnings page `/earnings`: the transfer history from the `TransferHistoryTable` props (`bodyData[]` with
 * `requestedDate`, `amountRequested`), and two sentences that exist only as visible text, so are read as such:
 * "Current Earnings: $X" and "…transferred to your bank account / Amazon gift card on <date>".
 */
export function readEarnings(doc: Document, url: URL): EarningsPage | null {
  if (!isPath(url, '/earnings')) return null;
  const rows = reactProps(doc, 'TransferHistoryTable')?.bodyData;
  const { paid, undone } = Array.isArray(rows) ? transfers(rows) : { paid: [], undone: [] };
  const page: EarningsPage = { transfers: paid, ...(undone.length ? { undone } : {}) };
  // The amount right after the label: another one further on ("Your last transfer of $25.30…") is not it.
  const available = findText(doc, /Current Earnings/i, (text) => {
    const amount = /Current Earnings\s*:?\s*(\$\s?\d(?:[\d,]*\d)?(?:\.\d+)?)/i.exec(text)?.[1];
    return (amount && shownDollars(amount)) || undefined;
  });
  if (available) page.available = available;
  const last = findText(doc, /transferred to your/i, (text) => {
    const m = /transferred to your (bank account|.{0,40}?gift card).{0,60}? on (.{6,30})/i.exec(text);
    const date = m?.[2] ? calendarDate(m[2]) : undefined;
    return m?.[1] && date ? { date, to: /bank/i.test(m[1]) ? ('bank' as const) : ('gift card' as const) } : undefined;
  });
  if (last) page.lastTransfer = last;
  return available || last || paid.length > 0 || undone.length > 0 ? page : null;
}

/**
 * A transfer that did not happen: its money went back to the MTurk balance, so it is not paid out. The rows carry
 * a `status` ("Completed" in every page seen); a pending one has left the balance already and counts. Undone rows
 * are returned apart, not dropped: a transfer read while pending and now failed must stop counting, and the merge
 * can tell so only by seeing the row (lib/domain/transfers.ts).
 */
const UNDONE = /fail|cancel|reject|revers|return|declin/i;

function transfers(rows: unknown[]): { paid: Transfer[]; undone: Transfer[] } {
  const paid: Transfer[] = [];
  const undone: Transfer[] = [];
  for (const row of rows) {
    if (!isRecord(row)) continue;
    const requestedDate = calendarDate(str(row.requestedDate) ?? '');
    const amount = amountOf(row.amountRequested);
    if (requestedDate && amount) (UNDONE.test(str(row.status) ?? '') ? undone : paid).push({ requestedDate, amount });
  }
  return { paid, undone };
}

/** A JSON number of dollars, or an amount as text ("$25.30") when the props carry it formatted. */
function amountOf(value: unknown): Money | null {
  return rewardOf(value) ?? (typeof value === 'string' ? shownDollars(value) : null);
}

/**
 * The first text node matching `hint` (outside scripts), then its element and up to two ancestors — the value
 * may sit in a sibling element — until `read` finds what it wants in the element's text.
 */
function findText<T>(doc: Document, hint: RegExp, read: (text: string) => T | undefined): T | undefined {
  const walker = doc.createTreeWalker(doc.body ?? doc, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!hint.test(node.nodeValue ?? '')) continue;
    for (let el = node.parentElement, up = 0; el && up < 3; el = el.parentElement, up++) {
      if (/^(SCRIPT|STYLE|TEMPLATE)$/.test(el.tagName)) break;
      const value = read(textOf(el));
      if (value !== undefined) return value;
    }
  }
  return undefined;
}
