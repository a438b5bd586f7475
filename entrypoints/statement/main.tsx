import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { StatementView } from '@/components/data/StatementView';
import { platformName } from '@/components/period-format';
import { statementCsv } from '@/lib/data/statement-csv';
import { yearlyStatement, type StatementInput } from '@/lib/domain/statement';
import type { ExchangeRate } from '@/lib/domain/money';
import { t, uiLocale } from '@/lib/i18n';
import { downloadText } from '@/lib/pages/download';
import { loadCustomSiteNames } from '@/lib/runtime/extension-page';
import { loadSettings } from '@/lib/storage/settings';
import { statementInput, statementYears } from '@/lib/storage/statement-read';
import type { Settings } from '@/lib/storage/schemas';
import '@/components/theme.css';

const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A rate as the worker types it (`0.92` or `0,92`): a positive number, else none. */
function parseRate(text: string): number | null {
  const n = Number(text.trim().replace(',', '.'));
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** The worker's current rate from `from` to the display currency (direct, or the inverse of the reverse one). */
function currentRate(settings: Settings, from: string): string {
  const direct = settings.exchangeRates.find((r) => r.from === from && r.to === settings.displayCurrency);
  if (direct) return String(direct.rate);
  const reverse = settings.exchangeRates.find((r) => r.to === from && r.from === settings.displayCurrency);
  return reverse ? String(Number((1 / reverse.rate).toPrecision(6))) : '';
}

function Statement() {
  const locale = uiLocale();
  const [input, setInput] = useState<StatementInput | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [year, setYear] = useState(new Date().getFullYear());
  const [typed, setTyped] = useState<Record<number, Record<string, string>>>({});
  useEffect(() => {
    void Promise.all([statementInput(), loadSettings()]).then(([read, { settings: s }]) => {
      setInput(read);
      setSettings(s);
      // The latest year with anything in it, rather than an empty current one in January.
      const years = statementYears(read, new Date().getFullYear(), timeZone);
      const withData = years.find((y) => yearlyStatement(read, y, timeZone, s.displayCurrency, []).lines.length > 0);
      if (withData !== undefined) setYear(withData);
    });
  }, []);
  const display = settings?.displayCurrency ?? 'USD';
  const base = useMemo(() => (input && settings ? yearlyStatement(input, year, timeZone, display, []) : null), [input, settings, year, display]);
  const currencies = base ? [...new Set([...base.approved, ...base.paidOut].map((m) => m.currency))].filter((c) => c !== display) : [];
  // Prefilled with the current rate; what the worker types for a year stays for that year while the page is open.
  const rates: Record<string, string> = Object.fromEntries(currencies.map((c) => [c, typed[year]?.[c] ?? (settings ? currentRate(settings, c) : '')]));
  const exchange: ExchangeRate[] = Object.entries(rates).flatMap(([from, text]) => {
    const rate = parseRate(text);
    return rate ? [{ from, to: display, rate }] : [];
  });
  const statement = input ? yearlyStatement(input, year, timeZone, display, exchange) : null;
  useEffect(() => {
    document.title = t('statementTitle', [String(year)]);
  }, [year]);
  return (
    <StatementView
      locale={locale}
      years={input ? statementYears(input, new Date().getFullYear(), timeZone) : [year]}
      statement={statement}
      display={display}
      rates={rates}
      onYear={setYear}
      onRate={(currency, text) => setTyped((all) => ({ ...all, [year]: { ...all[year], [currency]: text } }))}
      onPrint={() => window.print()}
      onCsv={() => {
        if (!statement) return;
        const csv = statementCsv(statement, {
          header: [t('statementCsvYear'), t('statementPlatform'), t('statementCsvCurrency'), t('statementApproved'), t('statementPaidOut'), t('statementTasks'), t('statementHours')],
          total: t('statementTotal'),
          converted: t('statementConverted', [t('statementInDisplay', [display])]),
          platformName,
        });
        downloadText(`centime-statement-${year}.csv`, csv, 'text/csv');
      }}
    />
  );
}

document.documentElement.lang = uiLocale();
// Custom sites are named as the worker named them: their names are read before the first render.
void loadCustomSiteNames().then(() => render(<Statement />, document.getElementById('app')!));
