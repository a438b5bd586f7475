import { useEffect, useState } from 'preact/hooks';
import { HistoryStats } from '@/components/history/stats/HistoryStats';
import { defaultQuery } from '@/components/history/stats/stats-format';
import type { FiguresQuery } from '@/lib/domain/history-figures';
import { localDay } from '@/lib/domain/summary';
import { errorText } from '@/lib/i18n';
import { onChanged } from '@/lib/messaging';
import { loadHistoryFigures, type HistoryFigures } from '@/lib/storage/history-figures-load';
import { loadSettings } from '@/lib/storage/settings';

/**
 * The history's "Figures" tab (issue 16, item 2): tables and charts for a range of days, read through the
 * storage layer (lib/storage/history-figures-load.ts), again after every write the background broadcasts.
 */
export function Figures({ locale, weekLocale, timeZone }: { locale: string; weekLocale: string; timeZone: string }) {
  const today = localDay(Date.now(), timeZone);
  // The week starts on the browser language's first day, as in the popup: the UI's language is only English or
  // French, and a German browser shown in English still starts its weeks on Monday.
  const [query, setQuery] = useState<FiguresQuery>(() => defaultQuery(today, weekLocale));
  const [data, setData] = useState<HistoryFigures | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    const load = async () => {
      const wall = Date.now();
      const now = { wall, mono: performance.timeOrigin + performance.now(), origin: performance.timeOrigin };
      const { settings } = await loadSettings(wall);
      const figures = await loadHistoryFigures(query, { now, today: localDay(wall, timeZone), timeZone, settings });
      if (current) setData(figures);
    };
    const reload = () => void load().catch((e: unknown) => current && setError(errorText(e)));
    reload();
    const stop = onChanged(reload);
    return () => {
      current = false;
      stop();
    };
  }, [query.from, query.to, query.grouping, query.firstDay]);
  return (
    <HistoryStats
      query={query}
      data={data}
      today={today}
      locale={locale}
      error={error}
      onQuery={(q) => {
        setData(null);
        setQuery(q);
      }}
    />
  );
}
