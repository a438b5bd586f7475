import { useEffect, useRef } from 'preact/hooks';
import { formatDuration } from '../../lib/domain/duration';
import { formatMoney } from '../../lib/domain/money';
import type { EditChange, TaskEdit } from '../../lib/domain/task-edits';
import { t } from '../../lib/i18n';
import { Button } from '../ui/Button';
import { Time } from './columns';
import { outcomeText } from './format';

// A task's corrections, oldest first, each dated. The one in force for its field can be undone in one click (a
// restore is an edit too, so it stays listed); one a later platform reading overruled is marked superseded.

export type ShownEdit = TaskEdit & { superseded?: boolean };

function fieldText(edit: TaskEdit): string {
  switch (edit.field) {
    case 'outcome':
      return t('historyOutcome');
    case 'reward':
      return t('historyColReward');
    case 'bonus':
      return t('historyColBonus');
    case 'activeMs':
      return t('historyColActive');
    case 'requester':
      return t('historyRequester');
    case 'deleted':
      return t('historyDeletedField');
  }
}

function valueText(edit: TaskEdit, locale: string): string {
  if (edit.field === 'bonus' && edit.value === null) return edit.restore ? t('historyOriginalRestored') : t('historyNoBonus');
  if (edit.value === null) return edit.field === 'deleted' ? t('historyUndeleted') : t('historyOriginalRestored');
  switch (edit.field) {
    case 'outcome':
      return outcomeText(edit.value);
    case 'reward':
    case 'bonus':
      return formatMoney(edit.value, locale);
    case 'activeMs':
      return formatDuration(edit.value);
    case 'requester':
      return edit.value.id ? `${edit.value.name} (${edit.value.id})` : edit.value.name;
    case 'deleted':
      return t('historyDeletedMark');
  }
}

/** The change that undoes `edit`: back to the recorded value. */
export function restoreOf(edit: TaskEdit): EditChange {
  return edit.field === 'bonus' ? { field: 'bonus', value: null, restore: true } : ({ field: edit.field, value: null } as EditChange);
}

/** Whether the edit changes something (a restore, or a deletion undone, changes back). */
const isCorrection = (edit: TaskEdit) => edit.value !== null && !(edit.field === 'bonus' && edit.restore);

export function EditList({ edits, locale, timeZone, onRestore }: { edits: readonly ShownEdit[]; locale: string; timeZone?: string; onRestore: (change: EditChange) => void }) {
  // The edit in force for each field: the last one of it.
  const inForce = new Map(edits.map((e) => [e.field, e]));
  const list = useRef<HTMLOListElement>(null);
  /** The field whose "Restore" was pressed, until the restore is listed. */
  const restoring = useRef<TaskEdit['field'] | null>(null);
  // "Restore" goes once the restore is recorded (the task is read again), and the keyboard focus with it, to the
  // page's body. It moves to the new entry that says what happened ("Reward: original restored"), at the end of
  // the same list. Until then (or if the restore failed: an alert says so) the button stays, with the focus.
  useEffect(() => {
    const field = restoring.current;
    const now = field && inForce.get(field);
    if (!now || isCorrection(now)) return;
    restoring.current = null;
    // Only a focus that fell: a worker who has moved on meanwhile keeps their place.
    if (document.activeElement && document.activeElement !== document.body) return;
    list.current?.querySelectorAll<HTMLElement>(':scope > li')[edits.lastIndexOf(now)]?.focus();
  });
  if (edits.length === 0) return null;
  return (
    <>
      <h3 id="edits-title">{t('historyEdits')}</h3>
      <ol class="edits" aria-labelledby="edits-title" ref={list}>
        {edits.map((edit, i) => (
          <li key={`${edit.at}:${i}`} data-field={edit.field} class={edit.superseded ? 'superseded' : undefined} tabIndex={-1}>
            <Time ms={edit.at} c={{ locale, ...(timeZone ? { timeZone } : {}) }} />
            <span class="edit-text">{t('historyEditItem', [fieldText(edit), valueText(edit, locale)])}</span>
            {edit.superseded && <span class="mark muted">{t('historySuperseded')}</span>}
            {inForce.get(edit.field) === edit && isCorrection(edit) && edit.field !== 'deleted' && !edit.superseded && (
              <Button variant="link" class="restore" onClick={() => {
                  restoring.current = edit.field;
                  onRestore(restoreOf(edit));
                }}>
                {t('historyRestore')}
              </Button>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
