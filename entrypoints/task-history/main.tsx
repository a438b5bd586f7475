import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { HistoryView, type OpenedTask } from '@/components/history/HistoryView';
import { Figures } from './figures';
import { taskCsvWords } from './csv-words';
import { tasksCsv } from '@/lib/data/tasks-csv';
import { downloadText } from '@/lib/pages/download';
import { localDay } from '@/lib/domain/summary';
import { errorText, t, uiLocale } from '@/lib/i18n';
import { onChanged, sendToBackground } from '@/lib/messaging';
import { loadCustomSiteNames, persistStorage } from '@/lib/runtime/extension-page';
import { firstRows, readAllRows, taskDetail } from '@/lib/storage/history-read';
import { getRows } from '@/lib/storage/rows-db';
import { loadSettings } from '@/lib/storage/settings';
import type { TaskRow } from '@/lib/storage/task-store';
import '@/components/theme.css';
import '@/components/history/history.css';

// The history page reads the database directly (read-only transactions: lib/storage/history-read.ts); every
// change goes to the background's writer as a message. First the newest rows through the `day` index (the first
// screen), then every row in chunks, kept in memory: filters and sorts are then passes over an array.

const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Rows by key: later reads replace earlier ones. */
const merged = (base: readonly TaskRow[], fresh: readonly TaskRow[]) => {
  const byKey = new Map(base.map((r) => [r.key, r]));
  for (const row of fresh) byKey.set(row.key, row);
  return [...byKey.values()];
};

function History() {
  const [rows, setRows] = useState<TaskRow[] | null>(null);
  const [complete, setComplete] = useState(false);
  const [opened, setOpened] = useState<OpenedTask | null>(null);
  const [error, setError] = useState<string>();
  // Money typed by hand is in the worker's display currency or one they set a minimum for, as in the popup.
  const [currencies, setCurrencies] = useState<string[]>();
  useEffect(() => {
    void loadSettings().then(({ settings }) => setCurrencies([...new Set([settings.displayCurrency, ...Object.keys(settings.minRates)])]));
  }, []);

  /** Reads the task's timeline; `fresh` (a first open) shows "Loading" meanwhile, a refresh keeps what is shown. */
  const open = (key: string, fresh = true) => {
    if (fresh) setOpened({ key, task: undefined });
    void taskDetail(key).then(
      (task) => setOpened((o) => (o?.key === key ? { key, task: task ?? null } : o)),
      (e: unknown) => setError(errorText(e)),
    );
  };

  useEffect(() => {
    let all: TaskRow[] = [];
    void (async () => {
      const first = await firstRows();
      setRows((r) => r ?? first);
      await readAllRows((chunk) => {
        all = all.concat(chunk);
      });
      setRows(all);
      setComplete(true);
    })().catch((e: unknown) => setError(errorText(e)));
  }, []);

  useEffect(
    () =>
      // A write in the background: the newest rows, the open tasks and the task opened are read again and
      // merged (a full re-read of years of history on every heartbeat would be wasted work).
      onChanged(() => {
        void (async () => {
          const fresh = await firstRows(100);
          const key = openedKey;
          const extra = key ? await getRows([key]) : [];
          setRows((r) => merged(r ?? [], [...fresh, ...extra]));
          if (key) open(key, false);
        })().catch((e: unknown) => setError(errorText(e)));
      }),
    [],
  );
  openedKey = opened?.key ?? null;

  return (
    <HistoryView
      rows={rows}
      complete={complete}
      locale={uiLocale()}
      today={localDay(Date.now(), timeZone)}
      timeZone={timeZone}
      opened={opened}
      onOpen={(key) => open(key)}
      onClose={() => setOpened(null)}
      // Corrections go to the background's writer as validated messages; its broadcast refreshes what is shown.
      onEdit={(key, change) => sendToBackground('ui-bg-edit-task', { key, change })}
      onAdd={async (task) => {
        const { key } = await sendToBackground('ui-bg-add-task', task);
        // Its day may be long past (not among the newest rows the broadcast re-reads): read its row now.
        const added = await getRows([key]);
        setRows((r) => merged(r ?? [], added));
      }}
      error={error}
      {...(currencies ? { currencies } : {})}
      figures={<Figures locale={uiLocale()} weekLocale={navigator.language} timeZone={timeZone} />}
      onExportCsv={(shown) => downloadText(`centime-tasks-${localDay(Date.now(), timeZone)}.csv`, tasksCsv(shown, taskCsvWords(), timeZone), 'text/csv')}
    />
  );
}

/** The task opened, for the change listener (registered once). */
let openedKey: string | null = null;

document.documentElement.lang = uiLocale();
document.title = `${t('extName')} — ${t('historyTitle')}`;
void persistStorage();
// Custom sites are named as the worker named them: their names are read before the first render.
void loadCustomSiteNames().then(() => render(<History />, document.getElementById('app')!));
