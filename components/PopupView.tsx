import { formatDuration } from '../lib/domain/duration';
import { formatMoney } from '../lib/domain/money';
import { hourlyRate } from '../lib/domain/rate';
import { t } from '../lib/i18n';
import type { BalanceView, PopupData, RefreshOutcome, TaskSummary } from '../lib/messaging';
import { adapterById } from '../lib/platforms/registry';

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
}

function refreshMessage(outcome: RefreshOutcome, locale: string): string {
  switch (outcome.kind) {
    case 'done':
      return t('refreshDone', [String(outcome.requests)]);
    case 'paused':
      return t('refreshPaused', [new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(outcome.until)]);
    case 'logged-out':
      return t('refreshLoggedOut');
    case 'failed':
      return t('refreshFailed', [outcome.error]);
  }
}

function TaskRow({ task, locale }: { task: TaskSummary; locale: string }) {
  const rate = task.reward ? hourlyRate(task.reward, task.activeMs) : null;
  return (
    <li data-task-id={task.taskId} class={task.front ? 'front' : undefined}>
      <span class="title">{task.title}</span>
      <span class="reward">{task.reward ? formatMoney(task.reward, locale) : t('rewardUnknown')}</span>
      <span class="requester muted">{task.requesterName}</span>
      <span class="times muted">
        {task.front && <strong>{t('inFront')} · </strong>}
        <span class="active" title={t('activeTime')}>
          {t('activeShort', [formatDuration(task.activeMs)])}
        </span>
        {' · '}
        <span class="idle">{t('idleShort', [formatDuration(task.idleMs)])}</span>
        {rate && (
          <>
            {' · '}
            <span class="rate">{t('perHour', [formatMoney(rate, locale)])}</span>
          </>
        )}
      </span>
    </li>
  );
}

function since(at: number, locale: string): string {
  const sameDay = new Date(at).toDateString() === new Date().toDateString();
  return new Intl.DateTimeFormat(locale, sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

function BalanceRow({ balance: b, locale }: { balance: BalanceView; locale: string }) {
  const money = (minor: number) => formatMoney({ minor, currency: b.currency }, locale);
  return (
    <div data-platform={b.platform} data-currency={b.currency}>
      <dt>{adapterById(b.platform)?.name ?? b.platform}</dt>
      <dd>
        <span class="pending">{t('pendingAmount', [money(b.pending)])}</span>
        {' · '}
        <span class="withdrawable">
          {b.withdrawable === null || b.withdrawableSince === null
            ? t('withdrawableUnknown')
            : t('withdrawableSince', [money(b.withdrawable), since(b.withdrawableSince, locale)])}
        </span>
        {b.presumablyApproved > 0 && (
          <span class="presumed">
            {' · '}
            {t('presumablyApproved', [money(b.presumablyApproved)])}
          </span>
        )}
      </dd>
    </div>
  );
}

/** The toolbar popup: props in, callbacks out; page strings are rendered as text nodes only. */
export function PopupView({ data, error, locale, onOpenOptions, missingAccess, onGrantAccess, refresh, onRefresh }: PopupViewProps) {
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
          <section aria-labelledby="tasks-title">
            <h2 id="tasks-title">{t('openTasks')}</h2>
            {data.tasks.length === 0 ? (
              <p class="muted">{t('noTasksYet')}</p>
            ) : (
              <ul class="tasks">
                {data.tasks.map((task) => (
                  <TaskRow key={`${task.platform}:${task.taskId}`} task={task} locale={locale} />
                ))}
              </ul>
            )}
          </section>
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
                  <BalanceRow key={`${b.platform}:${b.currency}`} balance={b} locale={locale} />
                ))}
              </dl>
            )}
          </section>
          <section aria-labelledby="today-title">
            <h2 id="today-title">{t('today')}</h2>
            {data.today.length === 0 ? (
              <p class="muted">{t('nothingToday')}</p>
            ) : (
              <dl class="today">
                {data.today.map(({ platform, totals }) => (
                  <div key={platform} data-platform={platform}>
                    <dt>{adapterById(platform)?.name ?? platform}</dt>
                    <dd>
                      <span class="earned">
                        {Object.entries(totals.earned)
                          .map(([currency, minor]) => formatMoney({ minor, currency }, locale))
                          .join(' + ') || t('nothingEarned')}
                      </span>
                      {' · '}
                      <span class="paid-active">{t('paidActive', [formatDuration(totals.paidActiveMs)])}</span>
                      {Object.entries(totals.earned).map(([currency, minor]) => {
                        // Effective rate: rewards of submitted, non-rejected tasks ÷ their paid active time.
                        const rate = hourlyRate({ minor, currency }, totals.paidActiveMs);
                        return rate ? (
                          <span key={currency} class="effective-rate">
                            {' · '}
                            {t('effectiveRate', [formatMoney(rate, locale)])}
                          </span>
                        ) : null;
                      })}
                      {Object.entries(totals.earned).map(([currency, minor]) => {
                        // True rate: the day's earnings over all its working time, unpaid and platform time too.
                        const rate = hourlyRate({ minor, currency }, totals.paidActiveMs + totals.unpaidActiveMs + totals.platformMs);
                        return rate ? (
                          <span key={currency} class="true-rate">
                            {' · '}
                            {t('trueRate', [formatMoney(rate, locale)])}
                          </span>
                        ) : null;
                      })}
                      {totals.unpaidActiveMs > 0 && (
                        <span class="unpaid">
                          {' · '}
                          {t('unpaidActive', [formatDuration(totals.unpaidActiveMs)])}
                        </span>
                      )}
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </section>
          {data.quarantined > 0 && (
            <p class="warning" role="status">
              {t('quarantinedCount', [String(data.quarantined)])}
            </p>
          )}
        </>
      )}
    </main>
  );
}
