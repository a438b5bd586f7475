// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isSignInPage, mturk } from '../../lib/platforms/mturk';
import { cases, parse } from './fixtures';

const G = '3XKJ1ZQ8R2B7N4M0P6A5S9T1V3W8Y0';
const H = '3H7Z1Q5L8N2K4B6V0C9X1M3R5T7P9';
const A = '3R8Y5T1U2I4O6P8A0S2D4F6G8H0J';
const M = 'https://worker.mturk.com';
const blank = parse('<!DOCTYPE html><html><body></body></html>');

/** Example URLs of each page kind (github-url-detection style): each is checked against every kind. */
const examples: Record<string, string[]> = {
  task: [
    `${M}/projects/${G}/tasks/${H}?assignment_id=${A}`,
    `${M}/projects/${G}/tasks/${H}?assignment_id=${A}&from_queue=true`,
    `${M}/projects/${G}/tasks/${H}/?assignment_id=${A}&ref=w_pl_prvw`,
  ],
  listing: [
    `${M}/`,
    `${M}/projects`,
    `${M}/projects/`,
    `${M}/?filters%5Bqualified%5D=true&page_size=20`,
    `${M}/projects?filters%5Bqualified%5D=true&filters%5Bmasters%5D=false&sort=updated_desc&page_size=20`,
    `${M}/requesters/A1B2C3D4E5F6G7/projects?ref=w_pl_prvw`,
  ],
  queue: [`${M}/tasks`, `${M}/tasks/`, `${M}/tasks?ref=w_retq`],
  balance: [`${M}/dashboard`, `${M}/earnings`, `${M}/status_details/2026-11-20`, `${M}/status_details/2026-11-20?page_number=2`],
  other: [
    `${M}/projects/${G}/tasks?ref=w_pl_prvw`,
    `${M}/projects/${G}/tasks`,
    `${M}/projects/${G}/tasks/accept_random`,
    `${M}/projects/${G}/tasks/accept_random?ref=w_pl_prvw`,
    `${M}/projects/${G}/tasks/${H}`,
    `${M}/projects/${G}/tasks/${H}?assignment_id=`,
    `${M}/qualifications/assigned`,
    `${M}/status_details/last-week`,
    `http://worker.mturk.com/tasks`,
    `https://www.mturk.com/mturk/externalSubmit`,
    `https://worker.mturk.com.example.org/tasks`,
  ],
};

describe('MTurk URLs', () => {
  const all = Object.entries(examples).flatMap(([kind, urls]) => urls.map((url) => ({ kind, url })));

  it.each(all)('$url is a $kind page', ({ kind, url }) => {
    expect(mturk.pageKind(blank, new URL(url))).toBe(kind);
    // Only task pages name a task; the task is the assignment.
    expect(mturk.taskIdFromUrl(new URL(url))).toBe(kind === 'task' ? A : null);
  });
});

describe('isSignInPage', () => {
  it.each(cases.filter((c) => c.folder === 'mturk'))('$name: as its sidecar says', ({ url, signIn }) => {
    expect(isSignInPage(new URL(url))).toBe(signIn === true);
  });

  it.each([
    'https://www.amazon.com/ap/signin?openid.return_to=https%3A%2F%2Fwww.amazon.com%2Fgp%2Fyourstore',
    'https://www.amazon.com/ap/signin',
    'https://www.amazon.com/ap/signin?openid.return_to=not%20a%20url',
    'https://evil.example/ap/signin?openid.return_to=https%3A%2F%2Fworker.mturk.com%2F',
    'http://www.amazon.com/ap/signin?openid.return_to=https%3A%2F%2Fworker.mturk.com%2F',
    'https://worker.mturk.com/dashboard',
  ])('%s is not MTurk sign-in', (url) => {
    expect(isSignInPage(new URL(url))).toBe(false);
  });
});

describe('MTurk fixtures', () => {
  const pages = cases.filter((c) => c.platform === 'mturk');
  it.each(pages)("$name carries the worker's ID, to prove no reader returns it", ({ html }) => {
    expect(html).toMatch(/CopyText[^>]*textToCopy/);
  });
});

describe('the earnings page’s transfers', () => {
  // The fixture's rows all say "Completed"; a transfer that failed or was cancelled sent its money back to the
  // MTurk balance, so it is not paid out. A pending one has left the balance and counts.
  const rows = [
    { requestedDate: 'Nov 14, 2026', amountRequested: 25.3, transferType: 'Bank account', status: 'Completed' },
    { requestedDate: 'Nov 7, 2026', amountRequested: 31.08, transferType: 'Bank account', status: 'Failed' },
    { requestedDate: 'Nov 1, 2026', amountRequested: 10, transferType: 'Bank account', status: 'Cancelled' },
    { requestedDate: 'Nov 21, 2026', amountRequested: 5, transferType: 'Amazon gift card', status: 'Pending' },
    { requestedDate: 'Oct 31, 2026', amountRequested: 18.9, transferType: 'Bank account' },
  ];
  const props = JSON.stringify({ bodyData: rows }).replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const html = `<!DOCTYPE html><html><body><h2>Current Earnings: <span>$14.73</span></h2>
    <div data-react-class="require('reactComponents/earnings/TransferHistoryTable')['default']" data-react-props="${props}"></div></body></html>`;

  it('counts only transfers that were not undone, and returns the undone ones apart', () => {
    const page = mturk.readEarnings?.(parse(html), new URL(`${M}/earnings`));
    expect(page?.transfers.map((t) => [t.requestedDate, t.amount.minor])).toEqual([
      ['2026-11-14', 2530],
      ['2026-11-21', 500],
      ['2026-10-31', 1890],
    ]);
    // Seen all the same: a transfer first read while pending and now failed must stop counting.
    expect(page?.undone?.map((t) => [t.requestedDate, t.amount.minor])).toEqual([
      ['2026-11-07', 3108],
      ['2026-11-01', 1000],
    ]);
  });
});
