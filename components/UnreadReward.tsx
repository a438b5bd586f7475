import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Money } from '../lib/domain/money';
import { errorText, t } from '../lib/i18n';
import { ManualReward } from './ManualReward';
import { Button } from './ui/Button';

export interface UnreadRewardProps {
  /** The currency offered first (MTurk's US dollars, else the display currency) and the others. */
  currency: string;
  currencies: string[];
  onReward: (reward: Money) => Promise<unknown>;
}

/**
 * A task Centime times but whose page gave no reward (issue 19): the popup says so in words and offers the manual
 * timer's reward form to type it. Props in, the reward out.
 */
export function UnreadReward({ currency, currencies, onReward }: UnreadRewardProps) {
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // Several tasks can ask at once, and the manual timer has its own form: each problem has an id of its own.
  const problemId = `reward-problem-${useId()}`;
  // Back from the form (Cancel, or a reward saved while the task still asks): its buttons are gone, so the focus
  // returns to the button that opened it rather than to the page's body.
  const typeButton = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (!open && refocus.current) {
      refocus.current = false;
      typeButton.current?.focus();
    }
  }, [open]);
  const close = () => {
    refocus.current = true;
    setOpen(false);
  };
  return (
    <div class="unread-reward warning">
      <p>{t('rewardUnread')}</p>
      {problem && (
        <p role="alert" class="error" id={problemId}>
          {problem}
        </p>
      )}
      {open ? (
        <ManualReward
          currency={currency}
          currencies={currencies}
          problem={problem}
          onProblem={setProblem}
          forTask
          problemId={problemId}
          onFinish={(reward) => {
            if (!reward) return close();
            void onReward(reward).then(close, (error: unknown) => setProblem(errorText(error)));
          }}
          onBack={close}
        />
      ) : (
        <Button ref={typeButton} class="type-reward" onClick={() => setOpen(true)}>
          {t('typeReward')}
        </Button>
      )}
    </div>
  );
}
