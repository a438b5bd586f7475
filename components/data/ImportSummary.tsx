import type { BackupProblem } from '../../lib/data/backup';
import type { ImportPlan } from '../../lib/data/merge';
import { t, tPlural } from '../../lib/i18n';

/** How many bad records are listed one by one; the rest are counted. */
const SHOWN = 50;

const LISTS = ['tasks', 'stretches', 'bonuses', 'readings', 'approvals', 'transfers'] as const;
const LIST_NAMES: Record<(typeof LISTS)[number], () => string> = {
  tasks: () => t('importList_tasks'),
  stretches: () => t('importList_stretches'),
  bonuses: () => t('importList_bonuses'),
  readings: () => t('importList_readings'),
  approvals: () => t('importList_approvals'),
  transfers: () => t('importList_transfers'),
};

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
                {p.index < 0 ? p.reason : t('importProblemAt', [p.list, String(p.index + 1), p.reason])}
              </li>
            ))}
          </ul>
          {rest > 0 && <p class="muted">{tPlural('importMoreProblems', rest, undefined, locale)}</p>}
        </>
      )}
    </div>
  );
}
