import type { BackupProblem } from '../../lib/data/backup';
import type { ImportPlan } from '../../lib/data/merge';
import { t, tPlural } from '../../lib/i18n';

/** How many bad records are listed one by one; the rest are counted. */
const SHOWN = 50;

const LISTS = ['tasks', 'stretches', 'bonuses', 'readings', 'approvals', 'transfers', 'legacyDelays'] as const;
const LIST_NAMES: Record<(typeof LISTS)[number], () => string> = {
  tasks: () => t('importList_tasks'),
  stretches: () => t('importList_stretches'),
  bonuses: () => t('importList_bonuses'),
  readings: () => t('importList_readings'),
  approvals: () => t('importList_approvals'),
  transfers: () => t('importList_transfers'),
  legacyDelays: () => t('importList_legacyDelays'),
};

/**
 * The readers' reasons (lib/data/mturk-suite.ts, lib/data/backup.ts, lib/data/future.ts, lib/pages/data-io.ts) in the
 * worker's language; others (a schema's technical detail) are shown as they are.
 */
const REASONS: Record<string, () => string> = {
  'not a HIT record': () => t('importReasonNotHit'),
  'no valid HIT id': () => t('importReasonHitId'),
  'invalid assignment id': () => t('importReasonAssignment'),
  'no valid reward in dollars': () => t('importReasonReward'),
  'no valid date (YYYYMMDD)': () => t('importReasonDate'),
  'no state': () => t('importReasonNoState'),
  'still Assigned: never finished': () => t('importReasonAssigned'),
  'a date in the future': () => t('importReasonFuture'),
  'an amount under zero': () => t('importReasonNegative'),
  'neither a Centime backup nor an MTurk Suite HIT Tracker backup': () => t('importReasonNeither'),
  'written by a newer Centime': () => t('importReasonNewer'),
  'unknown backup version': () => t('importReasonVersion'),
};
const reasonText = (reason: string) => REASONS[reason]?.() ?? reason;
const listName = (list: string) => (list === 'hits' ? t('importList_hits') : list in LIST_NAMES ? LIST_NAMES[list as (typeof LISTS)[number]]() : list);

/** What an import will add, what is already here, and every record it leaves out with its place and reason. */
export function ImportSummary({ counts, problems, locale }: { counts?: ImportPlan['counts']; problems: BackupProblem[]; locale: string }) {
  const rest = problems.length - SHOWN;
  return (
    <div class="import-summary">
      {counts && (
        <ul class="import-counts">
          {LISTS.filter((list) => counts[list].added + counts[list].duplicate + counts[list].updated > 0).map((list) => (
            <li key={list} data-list={list}>
              {t('importCountLine', [
                LIST_NAMES[list](),
                tPlural('importAdded', counts[list].added, undefined, locale),
                tPlural('importUpdated', counts[list].updated, undefined, locale),
                tPlural('importDuplicate', counts[list].duplicate, undefined, locale),
              ])}
            </li>
          ))}
        </ul>
      )}
      {problems.length === 0 ? (
        counts && <p class="muted">{t('importNoProblem')}</p>
      ) : (
        <>
          <p class="warning">{tPlural('importProblems', problems.length, undefined, locale)}</p>
          <ul class="import-problems">
            {problems.slice(0, SHOWN).map((p) => (
              <li key={`${p.list}:${p.index}`}>
                {p.index < 0 ? reasonText(p.reason) : t('importProblemAt', [listName(p.list), String(p.index + 1), reasonText(p.reason)])}
              </li>
            ))}
          </ul>
          {rest > 0 && <p class="muted">{tPlural('importMoreProblems', rest, undefined, locale)}</p>}
        </>
      )}
    </div>
  );
}
