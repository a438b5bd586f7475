import { readDashboard } from './mturk-balances';
import { pacificDays } from './mturk-days';
import { readEarnings } from './mturk-earnings';
import { statusDetailsFromJson } from './mturk-status';
import { isSignInPage } from './mturk-urls';
import type { BalanceSync } from './types';

const ORIGIN = 'https://worker.mturk.com';
const EXCESSIVE = /We have detected an excessive rate of page/i;

/**
 * How Centime keeps MTurk's balances in sync: the dashboard (HTML: its earnings are not in page props), the
 * earnings page (the transfer history: paid out), then the status details of the days with HITs still pending
 * (`?format=json`, page after page). A 429 or the "excessive rate" page means slow down; a redirect means
 * Amazon's sign-in page, i.e. logged out. MTurk's days follow US Pacific time.
 */
export const mturkSync: BalanceSync = {
  platform: 'mturk',
  withdrawable: 'dashboard',
  autoApprovalDays: 30,
  pages: [`${ORIGIN}/dashboard`, `${ORIGIN}/earnings`],
  status: {
    days: pacificDays,
    url: (day, page) => `${ORIGIN}/status_details/${day}?format=json&page_number=${page}`,
  },
  throttled: (status, body) => status === 429 || EXCESSIVE.test(body),
  loggedOut: (page) => page.redirected || isSignInPage(new URL(page.url)),
  read: (url, body, parse) => {
    const path = new URL(url).pathname;
    if (/\/dashboard$/.test(path)) return { dashboard: readDashboard(parse(body), new URL(url)) };
    if (/\/earnings$/.test(path)) return { earnings: readEarnings(parse(body), new URL(url)) };
    const day = /status_details\/(\d{4}-\d{2}-\d{2})/.exec(url)?.[1] ?? '';
    let json: unknown = null;
    try {
      json = JSON.parse(body);
    } catch {
      // Not JSON (a changed page): nothing read for that day, and no page after it.
    }
    const read = statusDetailsFromJson(json, day);
    return { statuses: read?.rows ?? [], statusPage: { count: read?.count ?? 0, total: read?.total ?? null } };
  },
  statusOf: (state) => {
    switch (state.trim().toLowerCase()) {
      // Some status pages name a submitted HIT by what it waits for (public MTurk tools read "Pending" there).
      case 'submitted':
      case 'pending':
      case 'pending approval':
        return 'submitted';
      case 'approved':
      case 'paid':
        return 'approved';
      case 'rejected':
        return 'rejected';
      default:
        return null;
    }
  },
  // Noon in US Pacific time: a point inside that MTurk day for records that carry only a date.
  dayInstant: (date) => Date.parse(`${date}T12:00:00-08:00`),
};
