import { useId, useRef, useState } from 'preact/hooks';
import { parseDuration } from '../../lib/domain/duration-input';
import type { AddedTask, EditOutcome } from '../../lib/domain/task-edits';
import { errorText, t } from '../../lib/i18n';
import { readReward } from '../ManualReward';
import { Button } from '../ui/Button';
import { CurrencySelect } from '../ui/CurrencySelect';
import { EDIT_OUTCOMES } from './Corrections';
import { outcomeText } from './format';

// A task Centime missed, added by hand (issue 16, item 4): with an active time it is timed and counts in rates;
// without, it counts in money only. Sent to the background's writer; the form keeps what was typed on an error.

export interface AddTaskProps {
  platforms: { id: string; name: string }[];
  currencies: string[];
  today: string;
  onAdd: (task: AddedTask) => Promise<unknown>;
}

/** The fields a problem can be about, in the form's order. */
type Field = 'title' | 'reward' | 'day' | 'active';
interface Problem {
  text: string;
  /** The field it is about; none for the writer's refusal. */
  field?: Field;
}

export function AddTask({ platforms, currencies, today, onAdd }: AddTaskProps) {
  const [platform, setPlatform] = useState(platforms[0]?.id ?? 'manual');
  const [title, setTitle] = useState('');
  const [requester, setRequester] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(currencies[0] ?? 'USD');
  const [day, setDay] = useState(today);
  const [outcome, setOutcome] = useState<EditOutcome>('approved');
  const [active, setActive] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [added, setAdded] = useState(false);
  // The problem is tied to its field (aria-describedby), which takes the focus: a screen reader says what is wrong
  // where it is to be fixed. An id of its own: the page can hold another form's problem.
  const problemId = `add-problem-${useId()}`;
  const fields = { title: useRef<HTMLInputElement>(null), reward: useRef<HTMLInputElement>(null), day: useRef<HTMLInputElement>(null), active: useRef<HTMLInputElement>(null) };
  const invalid = (field: Field) => (problem?.field === field ? { 'aria-invalid': true, 'aria-describedby': problemId } : {});

  /** The task the form says, or why it cannot be added (about its first field with a problem). */
  const read = (): AddedTask | Required<Problem> => {
    if (!title.trim()) return { field: 'title', text: t('historyTitleEmpty') };
    const reward = readReward(amount, currency);
    if ('error' in reward) return { field: 'reward', text: reward.error };
    if (!reward.reward) return { field: 'reward', text: t('historyAmountEmpty') };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return { field: 'day', text: t('historyDayEmpty') };
    const activeMs = active.trim() ? parseDuration(active) : undefined;
    if (activeMs === null) return { field: 'active', text: t('historyActiveInvalid', [active.trim()]) };
    return {
      platform, title: title.trim(), reward: reward.reward, day, outcome,
      ...(requester.trim() ? { requesterName: requester.trim() } : {}),
      ...(activeMs !== undefined ? { activeMs } : {}),
    };
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    setAdded(false);
    const task = read();
    if ('field' in task) {
      setProblem(task);
      fields[task.field].current?.focus();
      return;
    }
    try {
      await onAdd(task);
      setProblem(null);
      setAdded(true);
      setTitle('');
      setRequester('');
      setAmount('');
      setActive('');
    } catch (error) {
      setProblem({ text: errorText(error) });
    }
  };

  return (
    <details class="card add-task">
      <summary>{t('historyAddTitle')}</summary>
      <p class="muted note">{t('historyAddHint')}</p>
      <form class="field-row" onSubmit={(e) => void submit(e)}>
        <label>
          {t('historyPlatform')}
          <select name="add-platform" value={platform} onChange={(e) => setPlatform(e.currentTarget.value)}>
            {platforms.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('historyColTitle')}
          <input ref={fields.title} name="add-title" {...invalid('title')} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        </label>
        <label>
          {t('historyRequesterOptional')}
          <input name="add-requester" value={requester} onInput={(e) => setRequester(e.currentTarget.value)} />
        </label>
        <label>
          {t('historyColReward')}
          <input ref={fields.reward} name="add-reward" {...invalid('reward')} value={amount} inputMode="decimal" onInput={(e) => setAmount(e.currentTarget.value)} />
        </label>
        <CurrencySelect name="add-currency" currencies={currencies} value={currency} onChange={setCurrency} />
        <label>
          {t('historyDay')}
          <input ref={fields.day} type="date" name="add-day" {...invalid('day')} value={day} max={today} onChange={(e) => setDay(e.currentTarget.value)} />
        </label>
        <label>
          {t('historyOutcome')}
          <select name="add-outcome" value={outcome} onChange={(e) => setOutcome(e.currentTarget.value as EditOutcome)}>
            {EDIT_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {outcomeText(o)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('historyActiveOptional')}
          <input ref={fields.active} name="add-active" {...invalid('active')} value={active} inputMode="decimal" onInput={(e) => setActive(e.currentTarget.value)} />
        </label>
        <Button type="submit" variant="primary" class="add-task-submit">
          {t('historyAdd')}
        </Button>
      </form>
      {problem && (
        <p id={problemId} role="alert" class="error">
          {problem.text}
        </p>
      )}
      {added && !problem && <p role="status" class="muted">{t('historyAdded')}</p>}
    </details>
  );
}
