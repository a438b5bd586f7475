// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DataCard, type DataCardProps, type Preview } from '../../../components/data/DataCard';
import { setTranslator } from '../../../lib/i18n';

// "Your data": each step of an import and of "delete all" replaces the buttons of the step before. A worker on the
// keyboard must find the focus on the step that came, not on the page's body.
beforeEach(() => setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key)));
afterEach(() => {
  cleanup();
  setTranslator();
});

const none = { added: 0, duplicate: 0, updated: 0 };
const preview: Preview = {
  kind: 'backup',
  counts: { tasks: { added: 3, duplicate: 0, updated: 0 }, stretches: none, bonuses: none, readings: none, approvals: none, transfers: none, legacyDelays: none },
  problems: [],
  hasSettings: true,
};

function show(over: Partial<DataCardProps> = {}) {
  const props: DataCardProps = {
    locale: 'en', browserMaker: 'Google', onBackup: vi.fn(async () => {}), onPreview: vi.fn(async () => preview),
    onImport: vi.fn(async () => ({ counts: preview.counts, settingsLeftOut: false, rulesLeftOut: false })),
    onCancelImport: vi.fn(), onDeleteAll: vi.fn(async () => {}), onOpenStatement: vi.fn(), ...over,
  };
  render(<DataCard {...props} />);
  return props;
}
const fileInput = () => document.querySelector('input.import-file') as HTMLInputElement;
const press = async (button: Element) => {
  act(() => (button as HTMLElement).focus());
  await act(async () => void fireEvent.click(button));
};
const focused = () => document.activeElement;

describe('the data card keeps the keyboard focus', () => {
  it('through "delete all": on the step that comes, back on "Delete all" when cancelled, on the outcome at the end', async () => {
    show();
    await press(screen.getByRole('button', { name: 'deleteAllStart' }));
    // The offer of a backup first: its group (named by the warning) has the focus on its first button.
    expect(focused()?.closest('[role="group"]')?.getAttribute('aria-labelledby')).toBe('delete-first');
    await press(screen.getByRole('button', { name: 'deleteAllContinue' }));
    expect(focused()?.closest('[role="group"]')?.getAttribute('aria-labelledby')).toBe('delete-sure');
    // Never straight on the button that deletes: Enter pressed twice must not delete everything.
    expect(focused()?.classList.contains('delete-confirm')).toBe(false);
    await press(screen.getAllByRole('button', { name: 'cancel' })[0]!);
    expect(focused()).toBe(screen.getByRole('button', { name: 'deleteAllStart' }));
    await press(screen.getByRole('button', { name: 'deleteAllStart' }));
    await press(screen.getByRole('button', { name: 'deleteAllContinue' }));
    await press(document.querySelector('.delete-confirm')!);
    await waitFor(() => expect(focused()?.textContent).toBe('deleteAllDone'));
  });

  it('through an import: on the preview once the file is read, back on the file field when cancelled or done', async () => {
    show();
    act(() => fileInput().focus());
    Object.defineProperty(fileInput(), 'files', { value: [new File(['{}'], 'centime-backup.json')], configurable: true });
    await act(async () => void fireEvent.change(fileInput()));
    await waitFor(() => screen.getByText('importKindBackup'));
    expect(focused()?.closest('.import-preview')).not.toBeNull();
    await press(screen.getByRole('button', { name: 'cancel' }));
    expect(focused()).toBe(fileInput());
    Object.defineProperty(fileInput(), 'files', { value: [new File(['{}'], 'centime-backup.json')], configurable: true });
    await act(async () => void fireEvent.change(fileInput()));
    await waitFor(() => screen.getByText('importKindBackup'));
    await press(document.querySelector('.import-confirm')!);
    await waitFor(() => expect(document.querySelector('.import-done')).not.toBeNull());
    expect(focused()).toBe(fileInput());
  });
});
