import { useEffect, useRef, useState } from 'preact/hooks';
import type { BackupProblem } from '../../lib/data/backup';
import type { ImportPlan } from '../../lib/data/merge';
import { errorText, t, tPlural } from '../../lib/i18n';
import { Button } from '../ui/Button';
import { Card } from '../ui/Card';
import { ProgressBar } from '../ui/ProgressBar';
import { ImportSummary } from './ImportSummary';

/**
 * "Your data" (issue 17): a backup to download, an import that shows what it will do before anything changes,
 * the yearly statement, and "delete all", which asks twice and offers the backup first. Props in, callbacks
 * out: the options page reads files and talks to the background.
 */
export interface Preview {
  kind: 'backup' | 'mturk-suite';
  counts: ImportPlan['counts'];
  problems: BackupProblem[];
  hasSettings: boolean;
}

export interface DataCardProps {
  locale: string;
  /** Google or Mozilla: whose sync copy "delete all" may also delete. */
  browserMaker: string;
  /**
   * Builds and downloads the backup; `progress(done, total)` as its tasks are read. Answers how many stored tasks
   * failed validation and are not in it (said to the worker, never silent).
   */
  onBackup: (progress: (done: number, total: number) => void) => Promise<number | void>;
  /** Reads the chosen file and answers what importing it would do (or only its problems when it is no backup). */
  onPreview: (file: File) => Promise<Preview | { problems: BackupProblem[] }>;
  /** Its counts, and whether the backup's settings or rules, asked for, could not be used. */
  onImport: (useSettings: boolean, progress: (done: number, total: number) => void) => Promise<{ counts: ImportPlan['counts']; settingsLeftOut: boolean; rulesLeftOut: boolean }>;
  onCancelImport: () => void;
  onDeleteAll: (sync: boolean) => Promise<void>;
  onOpenStatement: () => void;
}

type ImportState =
  | { step: 'none' }
  | { step: 'reading' }
  | { step: 'refused'; problems: BackupProblem[] }
  | { step: 'preview'; preview: Preview; useSettings: boolean }
  | { step: 'running'; done: number; total: number }
  | { step: 'done'; counts: ImportPlan['counts']; settingsLeftOut: boolean; rulesLeftOut: boolean };

type DeleteStep = 'none' | 'offer-backup' | 'confirm' | 'done';

export function DataCard(props: DataCardProps) {
  const { locale } = props;
  const [imp, setImp] = useState<ImportState>({ step: 'none' });
  const [del, setDel] = useState<DeleteStep>('none');
  const [deleteSync, setDeleteSync] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'status'; text: string } | null>(null);
  const [exporting, setExporting] = useState<{ done: number; total: number } | null>(null);
  // Each step of an import or of "delete all" replaces the buttons of the step before (the one just pressed): once
  // the next step is drawn, the focus goes to it (a selector in this card), never left on the page's body.
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    const target = focusNext.current && document.querySelector<HTMLElement>(`.data-card ${focusNext.current}`);
    if (target) {
      focusNext.current = null;
      target.focus();
    }
  });
  const goTo = (step: DeleteStep, focus: string) => {
    focusNext.current = focus;
    setDel(step);
  };

  const act = async (work: () => Promise<void>) => {
    setMessage(null);
    try {
      await work();
    } catch (error) {
      setMessage({ kind: 'error', text: errorText(error) });
    }
  };
  const backup = () =>
    act(async () => {
      setExporting({ done: 0, total: 1 });
      try {
        const leftOut = await props.onBackup((done, total) => setExporting({ done, total }));
        if (leftOut) setMessage({ kind: 'error', text: tPlural('backupLeftOut', leftOut, undefined, locale) });
      } finally {
        setExporting(null);
      }
    });
  const choose = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setImp({ step: 'reading' });
    // The file field goes while the file is read: the focus then goes to the preview, or back to the field.
    focusNext.current = '.import-file';
    void act(async () => {
      const read = await props.onPreview(file);
      if ('counts' in read) focusNext.current = '.import-preview :is(input, button)';
      setImp('counts' in read ? { step: 'preview', preview: read, useSettings: false } : { step: 'refused', problems: read.problems });
    }).then(() => setImp((s) => (s.step === 'reading' ? { step: 'none' } : s)));
  };
  const confirm = (useSettings: boolean) =>
    act(async () => {
      setImp({ step: 'running', done: 0, total: 1 });
      try {
        const outcome = await props.onImport(useSettings, (done, total) => setImp({ step: 'running', done, total }));
        setImp({ step: 'done', ...outcome });
      } catch (error) {
        setImp({ step: 'none' });
        throw error;
      } finally {
        focusNext.current = '.import-file';
      }
    });
  const cancel = () => {
    props.onCancelImport();
    focusNext.current = '.import-file';
    setImp({ step: 'none' });
  };

  return (
    <Card id="data-title" title={t('dataTitle')} class="data-card">
      <h3>{t('backupHeading')}</h3>
      <p class="muted">{t('backupHint')}</p>
      <Button class="backup" onClick={() => void backup()} disabled={exporting !== null}>
        {t('backupDownload')}
      </Button>
      {exporting && (
        <div>
          <ProgressBar value={exporting.done} max={exporting.total} label={t('exportProgress', [exporting.done.toLocaleString(locale), exporting.total.toLocaleString(locale)])} />
          <p class="muted" aria-live="polite">
            {t('exportProgress', [exporting.done.toLocaleString(locale), exporting.total.toLocaleString(locale)])}
          </p>
        </div>
      )}

      <h3>{t('importHeading')}</h3>
      <p class="muted">{t('importHint')}</p>
      {(imp.step === 'none' || imp.step === 'refused' || imp.step === 'done') && (
        <label class="field">
          {t('importChoose')}
          <input type="file" accept=".json,application/json" class="import-file" onChange={choose} />
        </label>
      )}
      {imp.step === 'reading' && <p aria-busy="true">{t('importReading')}</p>}
      {imp.step === 'refused' && <ImportSummary problems={imp.problems} locale={locale} />}
      {imp.step === 'preview' && (
        <div class="import-preview" role="group" aria-labelledby="import-preview-title">
          <p id="import-preview-title">
            <strong>{imp.preview.kind === 'backup' ? t('importKindBackup') : t('importKindSuite')}</strong>
          </p>
          <ImportSummary counts={imp.preview.counts} problems={imp.preview.problems} locale={locale} />
          {imp.preview.hasSettings && (
            <label class="check">
              <input
                type="checkbox"
                checked={imp.useSettings}
                onChange={(e) => setImp({ ...imp, useSettings: (e.currentTarget as HTMLInputElement).checked })}
              />
              {t('importUseSettings')}
            </label>
          )}
          <div class="actions">
            <Button variant="primary" class="import-confirm" onClick={() => void confirm(imp.useSettings)}>
              {t('importConfirm')}
            </Button>
            <Button onClick={cancel}>{t('cancel')}</Button>
          </div>
        </div>
      )}
      {imp.step === 'running' && (
        <div>
          <ProgressBar value={imp.done} max={imp.total} label={t('importProgress', [imp.done.toLocaleString(locale), imp.total.toLocaleString(locale)])} />
          {/* Every record sent: the background merges and writes them, which for years of history takes most of the
              import (the bar stays full meanwhile; saying so tells the worker it is not stuck). */}
          {imp.total > 0 && imp.done >= imp.total ? (
            <p class="muted import-saving" aria-live="polite" aria-busy="true">
              {t('importSaving', [imp.total.toLocaleString(locale)])}
            </p>
          ) : (
            <p class="muted" aria-live="polite">
              {t('importProgress', [imp.done.toLocaleString(locale), imp.total.toLocaleString(locale)])}
            </p>
          )}
        </div>
      )}
      {imp.step === 'done' && (
        <p role="status" class="import-done">
          {t('importDone', [
            tPlural('importTasksAdded', imp.counts.tasks.added, undefined, locale),
            tPlural('importTasksUpdated', imp.counts.tasks.updated, undefined, locale),
          ])}
        </p>
      )}
      {imp.step === 'done' && (imp.settingsLeftOut || imp.rulesLeftOut) && (
        <p role="alert" class="warning import-settings-left">
          {[imp.settingsLeftOut && t('importSettingsLeftOut'), imp.rulesLeftOut && t('importRulesLeftOut')].filter(Boolean).join(' ')}
        </p>
      )}

      <h3>{t('statementHeading')}</h3>
      <p class="muted">{t('statementHint')}</p>
      <Button class="open-statement" onClick={props.onOpenStatement}>
        {t('statementOpen')}
      </Button>

      <h3>{t('deleteAllHeading')}</h3>
      {del === 'none' && (
        <Button class="delete-all" onClick={() => goTo('offer-backup', '.delete-offer button')}>
          {t('deleteAllStart')}
        </Button>
      )}
      {del === 'offer-backup' && (
        <div role="group" aria-labelledby="delete-first" class="delete-offer">
          <p id="delete-first" class="warning">{t('deleteAllWarning')}</p>
          <div class="actions">
            <Button variant="primary" onClick={() => void backup()}>
              {t('backupDownload')}
            </Button>
            {/* On to the last step: the focus on its first control, the sync choice, never on the button that deletes. */}
            <Button class="delete-continue" onClick={() => goTo('confirm', '.delete-sure-group :is(input, button)')}>
              {t('deleteAllContinue')}
            </Button>
            <Button onClick={() => goTo('none', '.delete-all')}>{t('cancel')}</Button>
          </div>
        </div>
      )}
      {del === 'confirm' && (
        <div role="group" aria-labelledby="delete-sure" class="delete-sure-group">
          <p id="delete-sure" class="warning">{t('deleteAllSure')}</p>
          <label class="check">
            <input type="checkbox" checked={deleteSync} onChange={(e) => setDeleteSync((e.currentTarget as HTMLInputElement).checked)} />
            {t('deleteAllSync', [props.browserMaker])}
          </label>
          <div class="actions">
            <Button
              class="delete-confirm danger"
              onClick={() =>
                void act(async () => {
                  await props.onDeleteAll(deleteSync);
                  goTo('done', '.delete-done');
                })
              }
            >
              {t('deleteAllConfirm')}
            </Button>
            <Button onClick={() => goTo('none', '.delete-all')}>{t('cancel')}</Button>
          </div>
        </div>
      )}
      {del === 'done' && (
        <p role="status" class="delete-done" tabIndex={-1}>
          {t('deleteAllDone')}
        </p>
      )}
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} class={message.kind === 'error' ? 'error' : 'muted'}>
          {message.text}
        </p>
      )}
    </Card>
  );
}
