import { calendarDate, shownDollars, textOf } from './mturk-fields';
import { readEarnings } from './mturk-earnings';
import { isPath } from './mturk-urls';
import type { Balances, Dashboard, DashboardHits } from './types';

/**
 * The dashboard `/dashboard`. Its figures are not in any component's props (only the daily statistics are, in
 * `DailyWorkerStatisticsTable`), so they are read from the visible label/value rows of
 * `#dashboard-available-earnings`, `#dashboard-hits-overview` and `#dashboard-earnings-to-date`, by label.
 */
export function readDashboard(doc: Document, url: URL): Dashboard | null {
  if (!isPath(url, '/dashboard')) return null;
  const dashboard: Dashboard = {};
  for (const [key, box, label] of MONEY_ROWS) {
    const value = shownDollars(labelled(doc, box).get(label) ?? '');
    if (value) dashboard[key] = value;
  }
  const overview = labelled(doc, 'hits-overview');
  const hits: DashboardHits = {};
  for (const key of ['approved', 'pending', 'rejected'] as const) {
    const text = overview.get(key) ?? '';
    if (/^\d{1,3}(,\d{3})*$|^\d+$/.test(text)) hits[key] = Number(text.replace(/,/g, ''));
  }
  const rate = overview.get('approval rate');
  if (rate && /^\d{1,3}(\.\d+)?\s?%$/.test(rate)) hits.approvalRate = rate;
  if (Object.keys(hits).length > 0) dashboard.hits = hits;

  // "The next transfer … on <date>": a muted line; the first one that speaks of a transfer or payment and dates it.
  for (const line of doc.querySelectorAll('.text-muted')) {
    const text = textOf(line);
    const date = /transfer|pa(y|id)/i.test(text) ? calendarDate(text) : undefined;
    if (date) {
      dashboard.nextPayment = date;
      break;
    }
  }
  return Object.keys(dashboard).length > 0 ? dashboard : null;
}

/** Dashboard amounts: which field, in which box (`#dashboard-…`), on the row of which label. */
const MONEY_ROWS = [
  ['available', 'available-earnings', 'current earnings'],
  ['approvedHitsEarnings', 'earnings-to-date', 'approved hits'],
  ['bonuses', 'earnings-to-date', 'bonuses'],
  ['totalEarnings', 'earnings-to-date', 'total earnings'],
] as const;

/**
 * What can be transferred now: "Current Earnings" on the dashboard or the earnings page. Neither page shows a
 * pending amount (the dashboard counts pending HITs, it does not sum them), so `pending` is never set here.
 */
export function readBalances(doc: Document, url: URL): Balances | null {
  const available = isPath(url, '/dashboard')
    ? readDashboard(doc, url)?.available
    : isPath(url, '/earnings')
      ? readEarnings(doc, url)?.available
      : undefined;
  return available ? { available } : null;
}

/**
 * Label → value of the label/value rows in `#dashboard-{box}`: table rows, or Bootstrap `.row`s whose first
 * column is the label and last column the value. Labels are lower-cased, without a trailing colon.
 */
function labelled(doc: Document, box: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const row of doc.getElementById(`dashboard-${box}`)?.querySelectorAll('tr, .row') ?? []) {
    const cells = row.children;
    if (cells.length < 2) continue;
    const label = textOf(cells[0]).replace(/:$/, '').toLowerCase();
    if (label && !rows.has(label)) rows.set(label, textOf(cells[cells.length - 1]));
  }
  return rows;
}
