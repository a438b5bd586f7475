import { useState } from 'preact/hooks';
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

export function AddTask({ platforms, currencies, today, onAdd }: AddTaskProps) {
  const [platform, setPlatform] = useState(platforms[0]?.id ?? 'manual');
  const [title, setTitle] = useState('');
  const [requester, setRequester] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(currencies[0] ?? 'USD');
  const [day, setDay] = useState(today);
  const [outcome, setOutcome] = useState<EditOutcome>('approved');
  const [active, setActive] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [added, setAdded] = useState(false);

  /** The task the form says, or why it cannot be added. */
  const read = (): AddedTask | string => {
    if (!title.trim()) return t('historyTitleEmpty');
    const reward = readReward(amount, currency);
    if ('error' in reward) return reward.error;
    if (!reward.reward) return t('historyAmountEmpty');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return t('historyDayEmpty');
    const activeMs = active.trim() ? parseDuration(active) : undefined;
    if (activeMs === null) return t('historyActiveInvalid', [active.trim()]);
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
    if (typeof task === 'string') return setProblem(task);
    try {
      await onAdd(task);
      setProblem(null);
      setAdded(true);
      setTitle('');
      setRequester('');
      setAmount('');
      setActive('');
    } catch (error) {
      setProblem(errorText(error));
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
          <input name="add-title" value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        </label>
        <label>
          {t('historyRequesterOptional')}
          <input name="add-requester" value={requester} onInput={(e) => setRequester(e.currentTarget.value)} />
        </label>
        <label>
          {t('historyColReward')}
          <input name="add-reward" value={amount} inputMode="decimal" onInput={(e) => setAmount(e.currentTarget.value)} />
        </label>
        <CurrencySelect name="add-currency" currencies={currencies} value={currency} onChange={setCurrency} />
        <label>
          {t('historyDay')}
          <input type="date" name="add-day" value={day} max={today} onChange={(e) => setDay(e.currentTarget.value)} />
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
          <input name="add-active" value={active} inputMode="decimal" onInput={(e) => setActive(e.currentTarget.value)} />
        </label>
        <Button type="submit" variant="primary" class="add-task-submit">
          {t('historyAdd')}
        </Button>
      </form>
      {problem && <p role="alert" class="error">{problem}</p>}
      {added && !problem && <p role="status" class="muted">{t('historyAdded')}</p>}
    </details>
  );
}
