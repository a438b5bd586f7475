import { useEffect, useState } from 'preact/hooks';
import { t, tPlural } from '../lib/i18n';
import type { ManualCommand, PopupData, RefreshOutcome } from '../lib/messaging';
import type { PeriodKind } from '../lib/domain/periods';
import type { Money } from '../lib/domain/money';
import { Balances } from './Balances';
import { ManualTimer } from './ManualTimer';
import { OpenTasks, tickTask } from './OpenTasks';
import { PeriodSection, type PeriodState } from './PeriodSection';
import { TodaySummary } from './TodaySummary';
import { Button } from './ui/Button';
import { PauseControl, PausedNote } from './PauseControl';

export interface PopupViewProps {
  data: PopupData | null;
  error?: string;
  locale: string;
  onOpenOptions: () => void;
  /** Opens the history page (absent: no link). */
  onOpenHistory?: () => void;
  /** The platforms' host access was revoked: say so and offer to grant it again. */
  missingAccess?: boolean;
  onGrantAccess?: () => void;
  /** The balances refresh: running, or how the last one ended. */
  refresh?: { busy: boolean; outcome?: RefreshOutcome };
  onRefresh?: () => void;
  /** The worker cashed out a platform with no dashboard (Prolific): withdrawable starts again from zero. */
  onCashOut?: (platform: string, currency: string) => void;
  /** The manual timer's commands (absent: the timer is not shown). */
  onManual?: (command: ManualCommand) => Promise<unknown>;
  /** "Not working on this" on a started study whose tab is gone. */
  onNotWorking?: (platform: string, taskId: string) => void;
  /** The reward the worker typed for a task whose page gave none (issue 19). */
  onReward?: (platform: string, taskId: string, reward: Money) => Promise<unknown>;
  /** Today, this week or this month, and the switch between them (absent: the section is not shown). */
  period?: PeriodState;
  onPeriod?: (kind: PeriodKind) => void;
  /** "Pause tracking" / "Resume tracking" (absent: the control is not shown). */
  onPause?: (paused: boolean) => Promise<unknown>;
}

/** The wall clock, read again each second while `ticking`. */
function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [ticking]);
  return now;
}

/** The toolbar popup: props in, callbacks out; page strings are rendered as text nodes only. */
export function PopupView(props: PopupViewProps) {
  const { data, error, locale, onOpenOptions, missingAccess, onGrantAccess, onManual, period, onPeriod, onPause } = props;
  // While tracking is paused nothing accrues, the manual timer included (it stays open, shown as it is).
  const paused = data?.paused === true;
  const manualRuns = Boolean(data?.manual?.running) && !paused;
  // Open tasks tick each second while time accrues to one (in front, or the manual timer): from the reading on.
  const ticking = Boolean(data?.at !== undefined && (data.tasks.some((task) => task.front) || manualRuns));
  const now = useNow(ticking);
  const tasks = data ? data.tasks.map((task) => (ticking ? tickTask(task, now - data.at!) : task)) : [];
  // The manual timer's task is open too: its time so far counts with the others' in the summary.
  const manual = data?.manual;
  const manualMs = manual ? manual.activeMs + (manualRuns ? Math.max(0, now - manual.at) : 0) : 0;
  const openActiveMs = tasks.reduce((sum, task) => sum + task.activeMs, manualMs);
  return (
    <main class="popup" aria-labelledby="popup-title">
      <header class="popup-head">
        <h1 id="popup-title">{t('extName')}</h1>
        <div class="popup-actions">
          {onPause && data && <PauseControl paused={paused} onPause={onPause} />}
          {props.onOpenHistory && (
            <Button variant="link" class="open-history" onClick={props.onOpenHistory}>
              {t('openHistory')}
            </Button>
          )}
          <Button variant="link" onClick={onOpenOptions}>
            {t('openOptions')}
          </Button>
        </div>
      </header>
      {paused && <PausedNote />}
      {missingAccess && (
        <div class="warning" role="alert">
          <p>{t('accessRevoked')}</p>
          <Button variant="primary" onClick={onGrantAccess}>
            {t('grantAccess')}
          </Button>
        </div>
      )}
      {error ? (
        <p role="alert" class="error">
          {t('loadFailed', [error])}
        </p>
      ) : !data ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : (
        <>
          <TodaySummary data={data} locale={locale} openActiveMs={openActiveMs} />
          {/* A timer under way comes right after the summary; the form to start one waits at the end. */}
          {onManual && data.manual && <ManualTimer manual={data.manual} onCommand={onManual} held={paused} />}
          <OpenTasks tasks={tasks} locale={locale} rates={data.rates} onNotWorking={props.onNotWorking} onReward={props.onReward} />
          {period && onPeriod && (
            <PeriodSection
              period={period}
              locale={locale}
              onKind={onPeriod}
              // Time accrues while a task is in front or the manual timer runs: what is in progress moves on.
              live={data.tasks.some((task) => task.front) || manualRuns}
            />
          )}
          <Balances data={data} locale={locale} refresh={props.refresh} onRefresh={props.onRefresh} onCashOut={props.onCashOut} />
          {onManual && !data.manual && <ManualTimer manual={null} onCommand={onManual} />}
          {data.quarantined > 0 && (
            <p class="warning" role="status">
              {tPlural('quarantinedCount', data.quarantined, undefined, locale)}
            </p>
          )}
        </>
      )}
    </main>
  );
}
