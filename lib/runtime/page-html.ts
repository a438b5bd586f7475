/**
 * The keys of MTurk's table rows (`bodyData[]` in a React component's props) that the background's readers read
 * (lib/platforms/mturk-queue.ts, mturk-listing.ts, mturk-status.ts, mturk-earnings.ts, and `rewardOf` in
 * mturk-fields.ts): the same name at any depth of a row (`project.title`, `monetary_reward.amount_in_dollars`).
 * tests/unit/runtime/page-html.test.ts reads every MTurk fixture both ways and finds the same.
 */
const ROW_KEYS = [
  'assignment_id', 'task_id', 'task_url', 'accepted_at', 'deadline', 'time_to_deadline_in_seconds', 'state', 'project',
  'hit_set_id', 'hit_id', 'title', 'requester_id', 'requester_name', 'monetary_reward', 'reward', 'amount_in_dollars',
  'currency_code', 'amountInDollars', 'currencyCode', 'assignment_duration_in_seconds', 'assignable_hits_count',
  'accept_project_task_url', 'requestedDate', 'amountRequested',
];

/** Props larger than this are worth compacting (a 200-HIT queue's are ~380 kB; a short list's a few kB). */
const LARGE = 20_000;
const ATTR = 'data-react-props';

/**
 * The page's markup as the background reads it. A large MTurk list (the queue of 200 HITs: 381 kB, of which 380 kB
 * in one props attribute) costs the page more to serialize and send than to trim: its rows go with only the keys
 * the readers read, in a copy of the document made in an inert one (no script runs, nothing loads there), and the
 * page's own DOM is never written. Everything else goes as it is. Malformed props go as they are.
 */
export function pageHtml(doc: Document = document, over = LARGE): string {
  const root = doc.documentElement;
  const selector = `[${ATTR}*="bodyData"]`;
  const large = [...root.querySelectorAll(selector)].some((el) => (el.getAttribute(ATTR) ?? '').length > over);
  // Read, never written: the page's own markup goes to the background as text, to be parsed there.
  // eslint-disable-next-line no-restricted-properties
  if (!large) return root.outerHTML;
  const copy = doc.implementation.createHTMLDocument('').importNode(root, true);
  for (const el of copy.querySelectorAll(selector)) {
    try {
      const { bodyData: rows, ...rest } = JSON.parse(el.getAttribute(ATTR) ?? '') as { bodyData?: unknown };
      // A key list as the replacer keeps those keys at every depth, natively (array items are always kept).
      const others = JSON.stringify(rest).slice(1);
      if (Array.isArray(rows)) el.setAttribute(ATTR, `{"bodyData":${JSON.stringify(rows, ROW_KEYS)}${others === '}' ? '' : ','}${others}`);
    } catch {
      // Malformed: sent as it is; the reader treats it as absent.
    }
  }
  // eslint-disable-next-line no-restricted-properties
  return copy.outerHTML;
}
