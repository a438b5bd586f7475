// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DataCard, type DataCardProps, type Preview } from '../../../components/data/DataCard';
import { setTranslator } from '../../../lib/i18n';

// Translations as keys with their substitutions: the tests read which message is shown, not its wording.
beforeEach(() => setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key)));
afterEach(() => {
  cleanup();
  setTranslator();
});

const none = { added: 0, duplicate: 0, updated: 0 };
const preview: Preview = {
  kind: 'mturk-suite',
  counts: { tasks: { added: 3, duplicate: 1, updated: 1 }, stretches: none, bonuses: none, readings: none, approvals: none, transfers: none, legacyDelays: none },
  problems: [{ list: 'hits', index: 4, reason: 'no valid HIT id' }],
  hasSettings: false,
};

function show(over: Partial<DataCardProps> = {}) {
  const props: DataCardProps = {
    locale: 'en', browserMaker: 'Google', onBackup: vi.fn(async () => {}), onPreview: vi.fn(async () => preview),
    onImport: vi.fn(async (_s: boolean, progress: (d: number, t: number) => void) => {
      progress(5, 5);
      return { counts: preview.counts, settingsLeftOut: false, rulesLeftOut: false };
    }),
    onCancelImport: vi.fn(), onDeleteAll: vi.fn(async () => {}), onOpenStatement: vi.fn(), ...over,
  };
  render(<DataCard {...props} />);
  return props;
}

async function choose() {
  const input = document.querySelector('input.import-file') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [new File(['{}'], 'HIT_Tracker_Backup_20261130.json')], configurable: true });
  await act(async () => void fireEvent.change(input));
}

describe('the data card', () => {
  it('shows what an import will add, what is already here and each bad row with its position before anything changes', async () => {
    const props = show();
    await choose();
    await waitFor(() => screen.getByText('importKindSuite'));
    const counts = [...document.querySelectorAll('.import-counts li')].map((li) => li.textContent);
    expect(counts).toEqual(['importCountLine(importList_tasks|importAdded_other(3)|importUpdated_one(1)|importDuplicate_one(1))']);
    // Position 5 for the worker: the HIT at index 4 of the file.
    expect([...document.querySelectorAll('.import-problems li')].map((li) => li.textContent)).toEqual(['importProblemAt(importList_hits|5|importReasonHitId)']);
    expect(props.onImport).not.toHaveBeenCalled();
    await act(async () => void fireEvent.click(document.querySelector('.import-confirm')!));
    await waitFor(() => document.querySelector('.import-done'));
    expect(props.onImport).toHaveBeenCalledWith(false, expect.any(Function));
    expect(document.querySelector('.import-done')?.textContent).toBe('importDone(importTasksAdded_other(3)|importTasksUpdated_one(1))');
  });

  it('names in the worker’s language a record dated in the future and one with an amount under zero', async () => {
    const problems = [{ list: 'hits', index: 0, reason: 'a date in the future' }, { list: 'tasks', index: 2, reason: 'an amount under zero' }];
    show({ onPreview: vi.fn(async () => ({ ...preview, problems })) });
    await choose();
    await waitFor(() => document.querySelector('.import-problems'));
    expect([...document.querySelectorAll('.import-problems li')].map((li) => li.textContent)).toEqual([
      'importProblemAt(importList_hits|1|importReasonFuture)', 'importProblemAt(importList_tasks|3|importReasonNegative)',
    ]);
  });

  it('says when the backup’s settings or sites, asked for, could not be used, and only then', async () => {
    for (const [settingsLeftOut, rulesLeftOut, text] of [
      [true, false, 'importSettingsLeftOut'],
      [false, true, 'importRulesLeftOut'],
      [true, true, 'importSettingsLeftOut importRulesLeftOut'],
    ] as const) {
      show({ onImport: vi.fn(async () => ({ counts: preview.counts, settingsLeftOut, rulesLeftOut })) });
      await choose();
      await waitFor(() => document.querySelector('.import-confirm'));
      await act(async () => void fireEvent.click(document.querySelector('.import-confirm')!));
      await waitFor(() => document.querySelector('.import-done'));
      expect(screen.getByRole('alert').textContent).toBe(text);
      cleanup();
    }
    show();
    await choose();
    await waitFor(() => document.querySelector('.import-confirm'));
    await act(async () => void fireEvent.click(document.querySelector('.import-confirm')!));
    await waitFor(() => document.querySelector('.import-done'));
    expect(document.querySelector('.import-settings-left')).toBeNull();
  });

  it('counts the records sent, then says they are being saved while the background writes them', async () => {
    let sent!: (done: number) => void;
    let write!: () => void;
    show({
      onImport: vi.fn(async (_s: boolean, progress: (d: number, t: number) => void) => {
        sent = (done) => progress(done, 2000);
        await new Promise<void>((resolve) => (write = resolve));
        return { counts: preview.counts, settingsLeftOut: false, rulesLeftOut: false };
      }),
    });
    await choose();
    await waitFor(() => document.querySelector('.import-confirm'));
    await act(async () => void fireEvent.click(document.querySelector('.import-confirm')!));
    await act(async () => sent(1000));
    expect(screen.getByText('importProgress(1,000|2,000)')).toBeTruthy();
    expect(document.querySelector('.import-saving')).toBeNull();
    await act(async () => sent(2000));
    expect(document.querySelector('.import-saving')?.textContent).toBe('importSaving(2,000)');
    expect(document.querySelector('.import-saving')?.getAttribute('aria-busy')).toBe('true');
    await act(async () => write());
    await waitFor(() => document.querySelector('.import-done'));
    expect(document.querySelector('.import-saving')).toBeNull();
  });

  it('cancels an import without sending it', async () => {
    const props = show();
    await choose();
    await waitFor(() => screen.getByText('cancel'));
    fireEvent.click(screen.getByText('cancel'));
    expect(props.onCancelImport).toHaveBeenCalled();
    expect(props.onImport).not.toHaveBeenCalled();
  });

  it('offers the backup’s settings only when it has some, unticked', async () => {
    show({ onPreview: vi.fn(async () => ({ ...preview, kind: 'backup' as const, hasSettings: true })) });
    await choose();
    const box = await waitFor(() => screen.getByLabelText('importUseSettings') as HTMLInputElement);
    expect(box.checked).toBe(false);
  });

  it('says how many stored tasks failed validation and are not in the backup, and says nothing when none did', async () => {
    show({ onBackup: vi.fn(async () => 2) });
    await act(async () => void fireEvent.click(document.querySelector('button.backup')!));
    expect(screen.getByRole('alert').textContent).toBe('backupLeftOut_other(2)');
    cleanup();
    show({ onBackup: vi.fn(async () => 0) });
    await act(async () => void fireEvent.click(document.querySelector('button.backup')!));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says a file that is no backup is refused, with the reason', async () => {
    show({ onPreview: vi.fn(async () => ({ problems: [{ list: 'file', index: -1, reason: 'neither kind' }] })) });
    await choose();
    await waitFor(() => screen.getByText('neither kind'));
    expect(document.querySelector('.import-confirm')).toBeNull();
  });

  it('asks twice before deleting everything, offering the backup first, and deletes the sync copy only if ticked', async () => {
    const props = show();
    fireEvent.click(document.querySelector('.delete-all')!);
    expect(screen.getByText('deleteAllWarning')).toBeTruthy();
    // The first step offers the backup.
    fireEvent.click(screen.getAllByText('backupDownload')[1]!);
    await waitFor(() => expect(props.onBackup).toHaveBeenCalled());
    expect(props.onDeleteAll).not.toHaveBeenCalled();
    fireEvent.click(document.querySelector('.delete-continue')!);
    expect(screen.getByText('deleteAllSure')).toBeTruthy();
    expect(props.onDeleteAll).not.toHaveBeenCalled();
    await act(async () => void fireEvent.click(document.querySelector('.delete-confirm')!));
    expect(props.onDeleteAll).toHaveBeenCalledWith(false);
    expect(screen.getByText('deleteAllDone')).toBeTruthy();
  });
});
