import { formatDuration } from '../lib/domain/duration';
import { conversionsFor, liveState, rateFor, type RateSettings } from '../lib/domain/live';
import { formatMoney, type Money } from '../lib/domain/money';
import { t } from '../lib/i18n';
import { ratesText } from '../lib/rates-text';
import type { TaskSummary } from '../lib/messaging';
import { Button } from './ui/Button';
import { Card } from './ui/Card';
import { RateBadge } from './ui/RateBadge';
import { UnreadReward } from './UnreadReward';

// The open tasks, the one in front first, as the overlay shows them: the time left at the minimum leads, the rate
// beside it after a minute of active time (DESIGN.md, "Rates"). Titles are page strings: text nodes only.

/** A task as it stands `elapsedMs` after the reading: its running time moves on (active, or idle while in front). */
export function tickTask(task: TaskSummary, elapsedMs: number): TaskSummary {
  if (elapsedMs <= 0 || !task.front) return task;
  return task.running ? { ...task, activeMs: task.activeMs + elapsedMs } : { ...task, idleMs: task.idleMs + elapsedMs };
}

function RateLine({ task, rates, locale }: { task: TaskSummary; rates?: RateSettings; locale: string }) {
  if (!task.reward) return null;
  const minimum = rates ? rateFor('min', task.reward.currency, rates) : null;
  const target = rates ? rateFor('target', task.reward.currency, rates) : null;
  const live = liveState({ reward: task.reward, minimum, target }, task.activeMs);
  const band = live.band === 'no-reward' ? null : live.band;
  const money = (m: NonNullable<typeof minimum>) => formatMoney(m, locale);
  // Under the minimum the rate stands alone, as the warning; otherwise the time left leads.
  const left = live.leftMs !== null && band !== 'under' && minimum ? t('overlayLeft', [formatDuration(live.leftMs), money(minimum)]) : null;
  // A minimum converted from the display currency is marked, its rates on hover and focus (DESIGN.md, "Display currency").
  const converted = rates && minimum ? conversionsFor(task.reward.currency, rates) : [];
  const note = converted.length ? t('convertedAt', [ratesText(converted, locale)]) : null;
  return (
    <span class="task-rate">
      {left && <span class="left">{left}</span>}
      {note && (
        <>
          {' '}
          <span class="converted" role="note" tabIndex={0} title={note} aria-label={note}>
            {t('trueRateConverted')}
          </span>
        </>
      )}
      {left && live.showRate && ' · '}
      {live.showRate && live.rate ? (
        <span class={band === 'under' ? 'rate rate-under' : 'rate'}>{t('perHour', [money(live.rate)])}</span>
      ) : (
        !left && <span class="rate muted">{t('rateAfterMinute')}</span>
      )}
      {live.showRate && rates && band && (
        <>
          {' '}
          <RateBadge band={band} />
        </>
      )}
    </span>
  );
}

/**
 * One open task. A started study whose tab is gone (`task.fallback`) accrues in whatever ordinary tab is in front:
 * the row says so and offers "Not working on this", which stops that (the study stays open until its outcome).
 */
export function TaskRow({ task, locale, rates, onNotWorking, onReward }: { task: TaskSummary; locale: string; rates?: RateSettings; onNotWorking?: () => void; onReward?: (reward: Money) => Promise<unknown> }) {
  return (
    <li data-task-id={task.taskId} class={task.front ? 'front' : undefined}>
      {task.missing?.includes('reward') && onReward && <UnreadReward {...rewardCurrencies(task.platform, rates)} onReward={onReward} />}
      <span class="title" dir="auto">{task.title || <span class="muted">{t('titleUnread', [task.taskId])}</span>}</span>
      <span class="reward">{task.reward ? formatMoney(task.reward, locale) : t('rewardUnknown')}</span>
      <span class="requester muted" dir="auto">{task.requesterName}</span>
      <span class="times muted">
        {task.front && <strong class="in-front">{t('inFront')} · </strong>}
        <span class="active" title={t('activeTime')}>
          {t('activeShort', [formatDuration(task.activeMs)])}
        </span>
        {' · '}
        <span class="idle">{t('idleShort', [formatDuration(task.idleMs)])}</span>
      </span>
      <RateLine task={task} rates={rates} locale={locale} />
      {task.superseded && <span class="superseded muted">{t('supersededNote')}</span>}
      {task.fallback && (
        <span class="fallback warning">
          {t('fallbackNote')}
          {onNotWorking && (
            <>
              {' '}
              <Button variant="link" class="not-working" onClick={onNotWorking}>
                {t('notWorkingOnThis')}
              </Button>
            </>
          )}
        </span>
      )}
    </li>
  );
}

export interface OpenTasksProps {
  /** Already ticked to now (`tickTask`). */
  tasks: readonly TaskSummary[];
  locale: string;
  rates?: RateSettings;
  onNotWorking?: (platform: string, taskId: string) => void;
  /** The reward the worker typed for a task whose page gave none. */
  onReward?: (platform: string, taskId: string, reward: Money) => Promise<unknown>;
}

/** MTurk pays in US dollars; elsewhere the display currency first, then those with a minimum rate. */
function rewardCurrencies(platform: string, rates?: RateSettings): { currency: string; currencies: string[] } {
  const currency = platform === 'mturk' ? 'USD' : (rates?.displayCurrency ?? 'USD');
  return { currency, currencies: [...new Set([currency, ...(rates ? [rates.displayCurrency, ...Object.keys(rates.minRates)] : [])])] };
}

export function OpenTasks({ tasks, locale, rates, onNotWorking, onReward }: OpenTasksProps) {
  return (
    <Card id="tasks-title" title={t('openTasks')} class="open-tasks">
      {tasks.length === 0 ? (
        <p class="empty">{t('noTasksYet')}</p>
      ) : (
        <ul class="tasks">
          {tasks.map((task) => (
            <TaskRow
              key={`${task.platform}:${task.taskId}`}
              task={task}
              locale={locale}
              rates={rates}
              {...(onNotWorking ? { onNotWorking: () => onNotWorking(task.platform, task.taskId) } : {})}
              {...(onReward ? { onReward: (reward: Money) => onReward(task.platform, task.taskId, reward) } : {})}
            />
          ))}
        </ul>
      )}
    </Card>
  );
}
