import { MANUAL_PLATFORM } from '../lib/domain/manual-command';
import { t, tPlural } from '../lib/i18n';
import type { ManualCommand, PopupData, RefreshOutcome } from '../lib/messaging';
import { adapterById } from '../lib/platforms/registry';
import type { PeriodKind } from '../lib/domain/periods';
import { FiguresRow } from './FiguresRow';
import { ManualTimer } from './ManualTimer';
import { PeriodSection, type PeriodState } from './PeriodSection';
import { BalanceRow, PendingRow, refreshMessage, TaskRow } from './PopupRows';

export interface PopupViewProps {
  data: PopupData | null;
  error?: string;
  locale: string;
  onOpenOptions: () => void;
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
  /** Today, this week or this month, and the switch between them (absent: the section is not shown). */
  period?: PeriodState;
  onPeriod?: (kind: PeriodKind) => void;
}

export function PopupView({ data, error, locale, onOpenOptions, missingAccess, onGrantAccess, refresh, onRefresh, onManual, onCashOut, onNotWorking, period, onPeriod }: PopupViewProps) {
  return (
    <main class="popup" aria-labelledby="popup-title">
      <header class="bar">
        <h1 id="popup-title">{t('extName')}</h1>
        <button type="button" class="link" onClick={onOpenOptions}>
          {t('openOptions')}
        </button>
      </header>
      {missingAccess && (
        <div class="warning" role="alert">
          <p>{t('accessRevoked')}</p>
          <button type="button" onClick={onGrantAccess}>
            {t('grantAccess')}
          </button>
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
          {/* A timer under way comes first; the form to start one waits below the day's figures. */}
          {onManual && data.manual && <ManualTimer manual={data.manual} onCommand={onManual} />}
          <section aria-labelledby="tasks-title">
            <h2 id="tasks-title">{t('openTasks')}</h2>
            {data.tasks.length === 0 ? (
              <p class="muted">{t('noTasksYet')}</p>
            ) : (
              <ul class="tasks">
                {data.tasks.map((task) => (
                  <TaskRow
                    key={`${task.platform}:${task.taskId}`}
                    task={task}
                    locale={locale}
                    {...(onNotWorking ? { onNotWorking: () => onNotWorking(task.platform, task.taskId) } : {})}
                  />
                ))}
              </ul>
            )}
          </section>
          {period && onPeriod && (
            <PeriodSection
              period={period}
              locale={locale}
              onKind={onPeriod}
              // Time accrues while a task is in front or the manual timer runs: what is in progress moves on.
              live={data.tasks.some((task) => task.front) || Boolean(data.manual?.running)}
            />
          )}
          <section aria-labelledby="balances-title">
            <div class="bar">
              <h2 id="balances-title">{t('balances')}</h2>
              {onRefresh && (
                <button type="button" class="link" onClick={onRefresh} disabled={refresh?.busy} aria-busy={refresh?.busy}>
                  {refresh?.busy ? t('refreshing') : t('refreshBalances')}
                </button>
              )}
            </div>
            {refresh?.outcome && (
              <p role="status" class={refresh.outcome.kind === 'done' ? 'muted refresh' : 'warning refresh'}>
                {refreshMessage(refresh.outcome, locale)}
              </p>
            )}
            {data.balances.length > 0 && (
              <dl class="today">
                {data.balances.map((b) => (
                  <BalanceRow
                    key={`${b.platform}:${b.currency}`}
                    balance={b}
                    locale={locale}
                    {...(onCashOut ? { onCashOut: () => onCashOut(b.platform, b.currency) } : {})}
                  />
                ))}
              </dl>
            )}
            {data.pending.total > 0 && (
              <details class="pending-items">
                <summary>{tPlural('pendingItems', data.pending.total, undefined, locale)}</summary>
                <ul class="tasks">
                  {data.pending.items.map((item) => (
                    <PendingRow key={item.key} item={item} locale={locale} />
                  ))}
                </ul>
                {data.pending.total > data.pending.items.length && (
                  <p class="muted">{tPlural('pendingMore', data.pending.total - data.pending.items.length, undefined, locale)}</p>
                )}
              </details>
            )}
          </section>
          <section aria-labelledby="today-title">
            <h2 id="today-title">{t('today')}</h2>
            {data.today.length === 0 ? (
              <p class="muted">{t('nothingToday')}</p>
            ) : (
              <dl class="today">
                {data.today.map(({ platform, figures }) => (
                  <div key={platform} data-platform={platform}>
                    <dt>{adapterById(platform)?.name ?? (platform === MANUAL_PLATFORM ? t('manualPlatform') : platform)}</dt>
                    <FiguresRow figures={figures} locale={locale} />
                  </div>
                ))}
                {/* With several platforms, the whole day too: its true rate counts every platform's time. */}
                {data.day && data.today.length > 1 && (
                  <div data-day="all">
                    <dt>{t('allPlatforms')}</dt>
                    <FiguresRow figures={data.day} locale={locale} />
                  </div>
                )}
              </dl>
            )}
          </section>
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
