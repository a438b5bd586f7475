import { outcomeText } from '@/components/history/format';
import { platformName } from '@/components/period-format';
import type { TaskCsvWords } from '@/lib/data/tasks-csv';
import { t } from '@/lib/i18n';

/** The task CSV's header and words in the worker's language (the file is theirs to read and file). */
export function taskCsvWords(): TaskCsvWords {
  return {
    header: {
      platform: t('csvPlatform'), title: t('csvTitle'), requester: t('csvRequester'), requesterId: t('csvRequesterId'), taskId: t('csvTaskId'),
      hitId: t('csvHitId'), accepted: t('csvAccepted'), firstActive: t('csvFirstActive'), lastActive: t('csvLastActive'), ended: t('csvEnded'),
      day: t('csvDay'), activeSeconds: t('csvActiveSeconds'), idleSeconds: t('csvIdleSeconds'), reward: t('csvReward'),
      rewardCurrency: t('csvRewardCurrency'), bonus: t('csvBonus'), bonusCurrency: t('csvBonusCurrency'), outcome: t('csvOutcome'),
      ratePerHour: t('csvRate'), rateCurrency: t('csvRateCurrency'), untimed: t('csvUntimed'), addedByHand: t('csvAddedByHand'),
      deleted: t('csvDeleted'), corrected: t('csvCorrected'),
    },
    platformName,
    outcome: outcomeText,
    yes: t('csvYes'),
  };
}
