import type { Money } from './money';

/** One transfer as the platform lists it: the day it was requested (YYYY-MM-DD) and its amount. */
export interface Transfer {
  requestedDate: string;
  amount: Money;
}

/**
 * A transfer history, or one reading of it: the transfers paid out, and those the platform lists as undone
 * (failed, cancelled, reversed…: their money went back to the balance, so they are not paid out, but they are
 * rows of the list all the same). Each a multiset: two equal transfers on one day are two transfers.
 */
export interface TransferLists {
  transfers: readonly Transfer[];
  undone?: readonly Transfer[] | undefined;
}

export interface MergedTransfers {
  transfers: Transfer[];
  undone: Transfer[];
}

/** Per (date, amount, currency): how many rows the list has, and how many of them are paid out. */
interface Tally {
  transfer: Transfer;
  rows: number;
  paid: number;
}

const keyOf = (t: Transfer) => `${t.requestedDate}|${t.amount.minor}|${t.amount.currency}`;

function tally(lists: TransferLists): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  const add = (transfer: Transfer, paid: boolean) => {
    let entry = tallies.get(keyOf(transfer));
    if (!entry) tallies.set(keyOf(transfer), (entry = { transfer, rows: 0, paid: 0 }));
    entry.rows++;
    if (paid) entry.paid++;
  };
  for (const t of lists.transfers) add(t, true);
  for (const t of lists.undone ?? []) add(t, false);
  return tallies;
}

/**
 * `read` merged into `known`, per (date, amount, currency):
 * - `as: 'reading'` (a page just read): on a date strictly between the oldest and the newest date the reading
 *   lists, the page showed the whole day, so its rows replace the known ones. Its two edge dates may be cut (the
 *   page's first rows, or a cap on them, stop inside its oldest day; a later page of the list, if MTurk pages it,
 *   may start inside its newest) and the dates outside it were not shown: there, as many rows as the most any
 *   reading listed, so that reading only the newest rows forgets nothing and reading a day again doubles nothing.
 * - Whatever the date, a reading that lists at least as many rows of a key as known saw them all, so its count of
 *   those paid out stands: a transfer read while pending and later listed as failed stops counting, one listed as
 *   failed and then completed counts again. One that lists fewer saw only some: the known count moves only as far
 *   as the reading forces it (at least the rows it saw paid out, at most those plus the rows it did not see).
 * - `as: 'history'` (two stored histories, e.g. a backup and this browser's): no date is covered; `read` must be
 *   the newer of the two.
 */
export function mergeTransfers(known: TransferLists, read: TransferLists, as: 'reading' | 'history' = 'reading'): MergedTransfers {
  const seen = tally(read);
  const dates = [...seen.values()].map((e) => e.transfer.requestedDate).sort();
  const [oldest = '', newest = ''] = [dates[0], dates.at(-1)];
  const covered = (date: string) => as === 'reading' && date > oldest && date < newest;
  const merged = new Map<string, Tally>();
  for (const [key, before] of tally(known)) if (!covered(before.transfer.requestedDate)) merged.set(key, before);
  for (const [key, now] of seen) {
    const before = merged.get(key);
    if (!before || now.rows >= before.rows) merged.set(key, now);
    else merged.set(key, { ...before, paid: Math.min(Math.max(before.paid, now.paid), now.paid + before.rows - now.rows) });
  }
  // By date, then amount: one order whatever the order of the readings, so a reading read again changes nothing.
  const order = (x: Tally) => [x.transfer.requestedDate, x.transfer.amount.currency, String(x.transfer.amount.minor).padStart(16, '0')].join('|');
  const entries = [...merged.values()].sort((a, b) => order(a).localeCompare(order(b)));
  const copies = (n: number, t: Transfer) => Array.from({ length: n }, () => t);
  return {
    transfers: entries.flatMap((e) => copies(e.paid, e.transfer)),
    undone: entries.flatMap((e) => copies(e.rows - e.paid, e.transfer)),
  };
}

/**
 * The rows a merge added to a history, and the rows it moved between paid out and undone: per (date, amount), the
 * rows added, and the fall of whichever of the two counts fell (both cannot, unless the merge dropped rows).
 */
export function transferChanges(before: TransferLists, after: TransferLists): { added: number; updated: number } {
  const was = tally(before);
  let added = 0;
  let updated = 0;
  for (const [key, now] of tally(after)) {
    const { rows, paid } = was.get(key) ?? { rows: 0, paid: 0 };
    added += Math.max(0, now.rows - rows);
    updated += Math.max(0, paid - now.paid, rows - paid - (now.rows - now.paid));
  }
  return { added, updated };
}

/**
 * A reading's `max` newest rows by requested date, whatever order the page lists them in, so that a cut falls on
 * the reading's oldest date, which the merge treats as possibly cut.
 */
export function newestTransfers(read: TransferLists, max: number): MergedTransfers {
  const rows = [...read.transfers.map((t) => ({ t, paid: true })), ...(read.undone ?? []).map((t) => ({ t, paid: false }))]
    .sort((a, b) => b.t.requestedDate.localeCompare(a.t.requestedDate))
    .slice(0, max);
  return { transfers: rows.filter((r) => r.paid).map((r) => r.t), undone: rows.filter((r) => !r.paid).map((r) => r.t) };
}
