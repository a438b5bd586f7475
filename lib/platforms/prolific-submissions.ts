import { amountsIn, boundedText, shownDate, textOf } from './prolific-fields';
import { pageKind, studyIdOfHref } from './prolific-urls';
import type { ProlificStatus, ProlificSubmission } from './types';

/**
 * The worker's submissions list (`/submissions?page=N`). Rows and cells as a public userscript that totals a
 * worker's day reads them: `section.submissions-table div.flex-table.row[role="row"]`, with
 * `.cell.study-status-cell`, `.cell.study-date-cell` and `.cell.study-reward-cell`; the header row holds
 * `[role="columnheader"]` cells. That script totals "reward + adjustment" from every amount of the reward
 * cell: here the first amount is the reward and a second one the bonus.
 *
 * Assumption (no public source shows it): where the study name and id sit in a row. A link to the study page
 * (`/studies/{id}`), if the row has one, gives the id and its text the name; without it the row is still
 * read, without either.
 */
const ROWS = 'section.submissions-table div.flex-table.row[role="row"]';

export const PROLIFIC_STATUSES: readonly ProlificStatus[] = [
  'RESERVED',
  'ACTIVE',
  'AWAITING REVIEW',
  'APPROVED',
  'REJECTED',
  'SCREENED OUT',
  'RETURNED',
  'TIMED-OUT',
];

const keyOf = (text: string) => text.toUpperCase().replace(/[\s_-]+/g, ' ').trim();

/**
 * A status as the page writes it, whatever its case or spacing ("Awaiting review", "TIMED OUT",
 * "timed-out", "Screened-out"), also when more words follow it in the cell ("REJECTED Read more"). Anything
 * else is no status: null.
 */
export function submissionStatus(text: string): ProlificStatus | null {
  const key = keyOf(text.slice(0, 100));
  return PROLIFIC_STATUSES.find((status) => key === keyOf(status) || key.startsWith(`${keyOf(status)} `)) ?? null;
}

export function readSubmissions(doc: Document, url: URL): ProlificSubmission[] {
  if (pageKind(doc, url) !== 'balance') return [];
  const rows: ProlificSubmission[] = [];
  for (const row of doc.querySelectorAll(ROWS)) {
    if (row.querySelector('[role="columnheader"]')) continue;
    const submission = readRow(row, url);
    if (submission) rows.push(submission);
    // The background's schema takes at most 1000 rows; a page shows a few dozen.
    if (rows.length === 1000) break;
  }
  return rows;
}

function readRow(row: Element, url: URL): ProlificSubmission | null {
  const status = submissionStatus(textOf(row.querySelector('.cell.study-status-cell')));
  if (!status) return null;
  const [reward, bonus] = amountsIn(textOf(row.querySelector('.cell.study-reward-cell')));
  const submission: ProlificSubmission = { status, reward: reward ?? null };
  if (bonus && bonus.minor > 0) submission.bonus = bonus;
  const date = shownDate(textOf(row.querySelector('.cell.study-date-cell')));
  if (date) submission.date = date;
  for (const link of row.querySelectorAll('a[href]')) {
    const studyId = studyIdOfHref(link.getAttribute('href'), url);
    if (!studyId) continue;
    submission.studyId = studyId;
    const title = boundedText(textOf(link), 500);
    if (title) submission.title = title;
    break;
  }
  return submission;
}
