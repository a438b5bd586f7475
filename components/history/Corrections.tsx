import { useId, useRef, useState } from 'preact/hooks';
import { parseDuration } from '../../lib/domain/duration-input';
import type { EditChange, EditOutcome, TaskEdit } from '../../lib/domain/task-edits';
import { errorText, t } from '../../lib/i18n';
import type { TaskRecord } from '../../lib/storage/schemas';
import { readReward } from '../ManualReward';
import { Button } from '../ui/Button';
import { CurrencySelect } from '../ui/CurrencySelect';
import { EditList } from './EditList';
import { outcomeText } from './format';

// Corrections of one task (issue 16, item 3): each is a dated edit kept beside what was recorded, sent to the
// background's writer; nothing here writes. A failure is worded from its CentimeError code, beside the form.

export const EDIT_OUTCOMES: readonly EditOutcome[] = ['submitted', 'approved', 'rejected', 'returned', 'expired'];

export interface CorrectionsProps {
  /** The task as recorded (the original values). */
  task: TaskRecord;
  /** Its edits, oldest first; `superseded` marks those a later platform reading overruled. */
  edits: readonly (TaskEdit & { superseded?: boolean })[];
  deleted: boolean;
  locale: string;
  timeZone?: string;
  /** The currencies a task with no money recorded may be paid in (the worker's display currency first). */
  currencies?: readonly string[];
  onEdit: (change: EditChange) => Promise<unknown>;
}

type Field = 'outcome' | 'reward' | 'bonus' | 'activeMs' | 'requester';

/**
 * The currencies a reward or bonus may be typed in: the task's own, where it has money recorded; else MTurk's
 * dollars, or elsewhere the worker's choice (a Clickworker job whose page gave no reward is paid in euros).
 */
function currenciesOf(task: TaskRecord, offered: readonly string[] = []): string[] {
  const own = task.reward?.currency ?? task.bonus?.currency;
  if (own) return [own];
  return task.platform === 'mturk' ? ['USD'] : [...new Set([...offered, 'USD'])];
}

export function Corrections({ task, edits, deleted, locale, timeZone, currencies: offered, onEdit }: CorrectionsProps) {
  const [field, setField] = useState<Field>('outcome');
  const [text, setText] = useState('');
  const [id, setId] = useState('');
  const [outcome, setOutcome] = useState<EditOutcome>('approved');
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const problemId = useId();
  const input = useRef<HTMLInputElement>(null);
  const currencies = currenciesOf(task, offered);
  const [chosen, setCurrency] = useState(currencies[0]!);
  const currency = currencies.includes(chosen) ? chosen : currencies[0]!;

  const send = async (change: EditChange) => {
    setSaved(false);
    try {
      await onEdit(change);
      setProblem(null);
      setSaved(true);
      setText('');
      setId('');
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  /** The change the form says, or why it cannot be sent. */
  const change = (): EditChange | string => {
    if (field === 'outcome') return { field, value: outcome };
    if (field === 'activeMs') {
      const ms = parseDuration(text);
      return ms === null ? t('historyActiveInvalid', [text.trim()]) : { field, value: ms };
    }
    if (field === 'requester') return text.trim() ? { field, value: { name: text.trim(), ...(id.trim() ? { id: id.trim() } : {}) } } : t('historyRequesterEmpty');
    const read = readReward(text, currency);
    if ('error' in read) return read.error;
    if (field === 'reward') return read.reward ? { field, value: read.reward } : t('historyAmountEmpty');
    return { field: 'bonus', value: read.reward };
  };
  const submit = (e: Event) => {
    e.preventDefault();
    const c = change();
    if (typeof c === 'string') {
      setProblem(c);
      // The problem is the typed value's: the worker goes back to it, and hears why (aria-describedby).
      input.current?.focus();
      return;
    }
    void send(c);
  };

  return (
    <section class="corrections" aria-labelledby="corrections-title">
      <h3 id="corrections-title">{t('historyCorrect')}</h3>
      <p class="muted note">{t('historyCorrectHint')}</p>
      <form class="field-row correction-form" onSubmit={submit}>
        <label>
          {t('historyCorrectField')}
          <select name="field" value={field} onChange={(e) => setField(e.currentTarget.value as Field)}>
            <option value="outcome">{t('historyOutcome')}</option>
            <option value="reward">{t('historyColReward')}</option>
            <option value="bonus">{t('historyColBonus')}</option>
            <option value="activeMs">{t('historyColActive')}</option>
            <option value="requester">{t('historyRequester')}</option>
          </select>
        </label>
        {field === 'outcome' ? (
          <label>
            {t('historyNewValue')}
            <select name="outcome" value={outcome} onChange={(e) => setOutcome(e.currentTarget.value as EditOutcome)}>
              {EDIT_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {outcomeText(o)}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label>
            {field === 'activeMs' ? t('historyActiveInput') : field === 'requester' ? t('historyRequesterName') : t('historyAmountIn', [currency])}
            <input ref={input} name="value" value={text} inputMode={field === 'requester' ? 'text' : 'decimal'} aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? problemId : undefined} onInput={(e) => setText(e.currentTarget.value)} />
          </label>
        )}
        {(field === 'reward' || field === 'bonus') && currencies.length > 1 && (
          <CurrencySelect name="correction-currency" currencies={currencies} value={currency} onChange={setCurrency} />
        )}
        {field === 'requester' && (
          <label>
            {t('historyRequesterIdOptional')}
            <input name="requester-id" value={id} onInput={(e) => setId(e.currentTarget.value)} />
          </label>
        )}
        <Button type="submit" variant="primary" class="save-correction">
          {t('historySaveCorrection')}
        </Button>
      </form>
      {problem && <p id={problemId} role="alert" class="error">{problem}</p>}
      {saved && !problem && <p role="status" class="muted">{t('historyCorrectionSaved')}</p>}
      <div class="bar">
        <span class="muted">{deleted ? t('historyDeletedNote') : t('historyDeleteHint')}</span>
        <Button class={deleted ? 'undelete-task' : 'delete-task'} onClick={() => void send({ field: 'deleted', value: deleted ? null : true })}>
          {deleted ? t('historyUndelete') : t('historyDelete')}
        </Button>
      </div>
      <EditList edits={edits} locale={locale} timeZone={timeZone} onRestore={(c) => void send(c)} />
    </section>
  );
}
