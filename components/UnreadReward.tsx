import { useState } from 'preact/hooks';
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
  return (
    <div class="unread-reward warning">
      <p>{t('rewardUnread')}</p>
      {problem && (
        <p role="alert" class="error" id="manual-problem">
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
          onFinish={(reward) => {
            if (!reward) return setOpen(false);
            void onReward(reward).then(() => setOpen(false), (error: unknown) => setProblem(errorText(error)));
          }}
          onBack={() => setOpen(false)}
        />
      ) : (
        <Button class="type-reward" onClick={() => setOpen(true)}>
          {t('typeReward')}
        </Button>
      )}
    </div>
  );
}
