import { formatMoney } from '../lib/domain/money';
import { t } from '../lib/i18n';
import type { PopupData } from '../lib/messaging';

export interface PopupViewProps {
  data: PopupData | null;
  error?: string;
  locale: string;
  onOpenOptions: () => void;
}

/** The toolbar popup: props in, callbacks out; page strings are rendered as text nodes only. */
export function PopupView({ data, error, locale, onOpenOptions }: PopupViewProps) {
  return (
    <main class="popup" aria-labelledby="popup-title">
      <header class="bar">
        <h1 id="popup-title">{t('extName')}</h1>
        <button type="button" class="link" onClick={onOpenOptions}>
          {t('openOptions')}
        </button>
      </header>
      {error ? (
        <p role="alert" class="error">
          {t('loadFailed', [error])}
        </p>
      ) : !data ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : (
        <section aria-labelledby="tasks-title">
          <h2 id="tasks-title">{t('recentTasks')}</h2>
          {data.tasks.length === 0 ? (
            <p class="muted">{t('noTasksYet')}</p>
          ) : (
            <ul class="tasks">
              {data.tasks.map((task) => (
                <li key={`${task.platform}:${task.taskId}`} data-task-id={task.taskId}>
                  <span class="title">{task.title}</span>
                  <span class="requester muted">{task.requesterName}</span>
                  <span class="reward">{task.reward ? formatMoney(task.reward, locale) : t('rewardUnknown')}</span>
                </li>
              ))}
            </ul>
          )}
          {data.quarantined > 0 && (
            <p class="warning" role="status">
              {t('quarantinedCount', [String(data.quarantined)])}
            </p>
          )}
        </section>
      )}
    </main>
  );
}
