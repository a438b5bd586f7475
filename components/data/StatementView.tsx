import type { StatementLine, YearStatement } from '../../lib/domain/statement';
import { formatMoney, type Money } from '../../lib/domain/money';
import { t } from '../../lib/i18n';
import { platformName } from '../period-format';
import { Button } from '../ui/Button';

/**
 * The yearly statement (issue 17, item 5): a page to print and a CSV for the tax return. Per platform, what was
 * approved and paid out per currency, and the year's totals in the display currency at the rate the worker sets
 * for that year (prefilled with the current one), marked as converted.
 */
export interface StatementViewProps {
  locale: string;
  years: number[];
  statement: YearStatement | null;
  display: string;
  /** The rate typed for each currency of the year, as text (1 unit of it in the display currency). */
  rates: Record<string, string>;
  onYear: (year: number) => void;
  onRate: (currency: string, text: string) => void;
  onCsv: () => void;
  onPrint: () => void;
}

const hours = (ms: number, locale: string) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(ms / 3_600_000);
const amounts = (list: readonly Money[], locale: string) => list.map((m) => formatMoney(m, locale)).join(' + ');

function Line({ line, locale }: { line: StatementLine; locale: string }) {
  return (
    <tr>
      <th scope="row">{platformName(line.platform)}</th>
      <td>{line.approved.length ? amounts(line.approved, locale) : '—'}</td>
      <td>{line.paidOut.length ? amounts(line.paidOut, locale) : '—'}</td>
      <td class="num">{line.tasks.toLocaleString(locale)}</td>
      <td class="num">{hours(line.activeMs, locale)}</td>
    </tr>
  );
}

export function StatementView(props: StatementViewProps) {
  const { locale, statement: s, display } = props;
  const currencies = s ? [...new Set([...s.approved, ...s.paidOut].map((m) => m.currency))].filter((c) => c !== display).sort() : [];
  return (
    <main class="page statement" aria-labelledby="statement-title">
      <h1 id="statement-title">{t('statementTitle', [String(s?.year ?? '')])}</h1>
      <div class="statement-controls no-print">
        <label class="field">
          {t('statementYear')}
          <select value={String(s?.year ?? '')} onChange={(e) => props.onYear(Number((e.currentTarget as HTMLSelectElement).value))}>
            {props.years.map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </select>
        </label>
        {currencies.map((c) => (
          <label class="field" key={c}>
            {t('statementRate', [c, display])}
            <input inputMode="decimal" value={props.rates[c] ?? ''} onInput={(e) => props.onRate(c, (e.currentTarget as HTMLInputElement).value)} />
          </label>
        ))}
        <div class="actions">
          <Button variant="primary" onClick={props.onPrint}>
            {t('statementPrint')}
          </Button>
          <Button class="statement-csv" onClick={props.onCsv}>
            {t('statementCsv')}
          </Button>
        </div>
      </div>
      {!s ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : s.lines.length === 0 ? (
        <p class="empty">{t('statementEmpty', [String(s.year)])}</p>
      ) : (
        <>
          <table class="statement-table">
            <caption>{t('statementCaption', [String(s.year)])}</caption>
            <thead>
              <tr>
                <th scope="col">{t('statementPlatform')}</th>
                <th scope="col">{t('statementApproved')}</th>
                <th scope="col">{t('statementPaidOut')}</th>
                <th scope="col">{t('statementTasks')}</th>
                <th scope="col">{t('statementHours')}</th>
              </tr>
            </thead>
            <tbody>
              {s.lines.map((line) => (
                <Line key={line.platform} line={line} locale={locale} />
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('statementTotal')}</th>
                <td>{s.approved.length ? amounts(s.approved, locale) : '—'}</td>
                <td>{s.paidOut.length ? amounts(s.paidOut, locale) : '—'}</td>
                <td class="num">{s.tasks.toLocaleString(locale)}</td>
                <td class="num">{hours(s.activeMs, locale)}</td>
              </tr>
              <tr class="converted">
                <th scope="row">{t('statementInDisplay', [display])}</th>
                <td>{s.approvedInDisplay ? t('statementConverted', [formatMoney(s.approvedInDisplay, locale)]) : '—'}</td>
                <td>{s.paidOutInDisplay ? t('statementConverted', [formatMoney(s.paidOutInDisplay, locale)]) : '—'}</td>
                <td colSpan={2} />
              </tr>
            </tfoot>
          </table>
          {s.missingRates.length > 0 && <p class="warning">{t('statementMissingRate', [s.missingRates.join(', ')])}</p>}
          <p class="muted">{t('statementRules')}</p>
        </>
      )}
    </main>
  );
}
