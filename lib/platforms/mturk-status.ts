import { calendarDate, mturkId, pageText, rewardOf, stateName } from './mturk-fields';
import { statusDate } from './mturk-urls';
import { isRecord, num, reactProps } from './react-props';
import type { StatusDetail } from './types';

/**
 * The HITs submitted on one day, from `/status_details/YYYY-MM-DD`'s `HitStatusDetailsTable` props (`bodyData[]`
 * with `assignment_id`, `hit_id`, `state`, `title`, `requester_id`, `requester_name`, `reward`). The day comes
 * from the URL: it is MTurk's (US Pacific) day, kept as the page names it. Rows without ids, state or a readable
 * reward are skipped: they would count money wrongly.
 */
export function readStatusDetails(doc: Document, url: URL): StatusDetail[] {
  const date = statusDate(url);
  const rows = reactProps(doc, 'HitStatusDetailsTable')?.bodyData;
  return date && calendarDate(date) === date && Array.isArray(rows) ? detailRows(rows, date) : [];
}

/**
 * The same rows from the `?format=json` answer of `/status_details/YYYY-MM-DD?page_number=N`:
 * `{ results, num_results, total_num_results }`. `count` is how many results the page held (rows skipped
 * included), `total` the day's count over all pages (null when the answer does not say: the reader then goes
 * on to an empty page). Null when the answer is not of that shape or the date is not a real day.
 */
export function statusDetailsFromJson(json: unknown, date: string): { rows: StatusDetail[]; count: number; total: number | null } | null {
  if (!isRecord(json) || !Array.isArray(json.results) || calendarDate(date) !== date) return null;
  const rows = detailRows(json.results, date);
  const total = num(json.total_num_results);
  return { rows, count: json.results.length, total: total !== undefined && Number.isSafeInteger(total) && total >= 0 ? total : null };
}

function detailRows(rows: unknown[], date: string): StatusDetail[] {
  const details: StatusDetail[] = [];
  for (const row of rows) {
    const detail = isRecord(row) ? statusDetail(row, date) : null;
    if (detail) details.push(detail);
  }
  return details;
}

function statusDetail(row: Record<string, unknown>, date: string): StatusDetail | null {
  const assignmentId = mturkId(row.assignment_id);
  const hitId = mturkId(row.hit_id);
  const state = stateName(row.state);
  // A number of dollars in page props; the JSON answer may nest it as `{ amount_in_dollars, currency_code }`.
  const reward = rewardOf(row.reward);
  if (!assignmentId || !hitId || !state || !reward) return null;
  const detail: StatusDetail = {
    assignmentId,
    hitId,
    state,
    title: pageText(row.title, 500) ?? '',
    requesterName: pageText(row.requester_name, 200) ?? '',
    reward,
    date,
  };
  const requesterId = mturkId(row.requester_id);
  if (requesterId) detail.requesterId = requesterId;
  return detail;
}
