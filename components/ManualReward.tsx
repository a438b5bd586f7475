import { useEffect, useRef, useState } from 'preact/hooks';
import { parseMoney, type Money } from '../lib/domain/money';
import { t } from '../lib/i18n';
import { Button } from './ui/Button';
import { CurrencySelect } from './ui/CurrencySelect';

// The reward a worker types when the manual timer stops: props in, the reward out; nothing typed is lost on an error.

/** Empty means no reward; anything else must be an amount in the chosen currency. */
export function readReward(text: string, currency: string): { reward: Money | null } | { error: string } {
  const typed = text.trim();
  if (!typed) return { reward: null };
  const reward = parseMoney(typed, currency);
  // A symbol of another currency (`£2` with USD chosen) is refused rather than silently changing the currency.
  return reward && reward.currency === currency && reward.minor >= 0
    ? { reward }
    : { error: t('manualRewardInvalid', [typed, currency]) };
}

export interface ManualRewardProps {
  /** The default currency and those offered. */
  currency: string;
  currencies: string[];
  /** Why the last attempt failed (shown as an alert beside the form by its parent), or null. */
  problem: string | null;
  onProblem: (problem: string) => void;
  onFinish: (reward: Money | null) => void;
  onBack: () => void;
  /** For a task whose page gave no reward (issue 19): no "No reward" button, and the way back is "Cancel". */
  forTask?: boolean;
  /** The id of the problem's alert (one per form: the popup can hold several of these forms at once). */
  problemId?: string;
}

export function ManualReward({ currency, currencies, problem, onProblem, onFinish, onBack, forTask, problemId = 'manual-problem' }: ManualRewardProps) {
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState(currency);
  const input = useRef<HTMLInputElement>(null);
  // The Stop button that led here is gone: the reward field takes the focus.
  useEffect(() => input.current?.focus(), []);
  const save = (event: Event) => {
    event.preventDefault();
    const read = readReward(text, chosen);
    if ('reward' in read) return onFinish(read.reward);
    onProblem(read.error);
    input.current?.focus();
  };
  return (
    <form onSubmit={save}>
      <label>
        {t('manualRewardLabel')}
        <input
          ref={input}
          value={text}
          inputMode="decimal"
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? problemId : undefined}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </label>
      <CurrencySelect currencies={currencies} value={chosen} onChange={setChosen} />
      <div class="bar">
        <Button type="submit" variant="primary">
          {t('save')}
        </Button>
        {!forTask && <Button onClick={() => onFinish(null)}>{t('manualNoReward')}</Button>}
        <Button variant="link" onClick={onBack}>
          {forTask ? t('cancel') : t('manualBack')}
        </Button>
      </div>
    </form>
  );
}
