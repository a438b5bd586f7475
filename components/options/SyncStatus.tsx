import { t } from '../../lib/i18n';
import type { SyncProblem } from '../../lib/storage/sync';
import type { SyncChoice, SyncStatus } from '../../lib/storage/sync-status';
import { Button } from '../ui/Button';

// The sync mirror's state on the options page: why it keeps everything local, or the first-time choice.

const PROBLEM_WORDS: Record<SyncProblem, () => string> = {
  'sync-item-too-large': () => t('syncProblemItem'),
  'sync-total-too-large': () => t('syncProblemTotal'),
  'sync-too-many-items': () => t('syncProblemCount'),
  'sync-invalid-data': () => t('syncProblemInvalid'),
};

export function SyncStatusView({ status, onChoose }: { status: SyncStatus | null; onChoose: (which: SyncChoice) => void }) {
  if (!status) return null;
  return (
    <>
      {status.problem && (
        <p class="warning" role="alert" data-testid="sync-problem">
          {PROBLEM_WORDS[status.problem]()}
        </p>
      )}
      {status.choose && (
        <div role="group" aria-labelledby="sync-choose" class="field-row">
          <p id="sync-choose">{t('syncChoose')}</p>
          <Button onClick={() => onChoose('mine')}>{t('syncKeepMine')}</Button>
          <Button onClick={() => onChoose('theirs')}>{t('syncKeepTheirs')}</Button>
        </div>
      )}
    </>
  );
}
