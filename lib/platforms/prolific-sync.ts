import type { BalanceSync, ProlificSubmission, StatusDetail } from './types';

/**
 * Prolific's side of the ledger (DESIGN.md, "Outcomes and money"): AWAITING REVIEW is pending, APPROVED approved,
 * SCREENED OUT its partial payment (approved at the amount the row shows), REJECTED rejected; RETURNED and
 * TIMED-OUT earn nothing (their time counts as unpaid active). Rows are read from the submissions page the
 * worker opens; Prolific is a single-page app whose pages hold no data without its scripts, so nothing is
 * fetched (no `pages`, no `status`).
 */
export const prolificSync: BalanceSync = {
  platform: 'prolific',
  withdrawable: 'cash-out',
  autoApprovalDays: 21,
  pages: [],
  throttled: () => false,
  loggedOut: () => false,
  read: () => ({}),
  statusOf: (state) => {
    switch (state) {
      case 'AWAITING REVIEW':
        return 'submitted';
      case 'APPROVED':
      case 'SCREENED OUT':
        return 'approved';
      case 'REJECTED':
        return 'rejected';
      case 'RETURNED':
        return 'returned';
      case 'TIMED-OUT':
        return 'expired';
      default:
        return null;
    }
  },
  started: (state) => state === 'ACTIVE',
  // A screened-out study pays part of its reward: the amount the row shows replaces the advertised one.
  rowReward: (state) => state === 'SCREENED OUT',
  // Noon UTC: the page shows a day with no time zone.
  dayInstant: (date) => Date.parse(`${date}T12:00:00Z`),
};

/** Submissions rows as status rows, matched by study id; rows that name no study (or no amount) cannot be matched. */
export function submissionsAsStatuses(rows: readonly ProlificSubmission[], today: string): StatusDetail[] {
  return rows.flatMap((row) =>
    row.studyId && row.reward
      ? [{
          assignmentId: row.studyId, hitId: row.studyId, state: row.status, title: row.title || row.studyId, requesterName: '',
          reward: row.reward, ...(row.bonus ? { bonus: row.bonus } : {}), date: row.date ?? today,
        }]
      : [],
  );
}

/** The worker's local calendar day of `now`, YYYY-MM-DD: Prolific shows days in the worker's time, not UTC's. */
export function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
