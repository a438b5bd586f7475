import { t } from '../../lib/i18n';
import { Button } from '../ui/Button';
import { CurrencyInput } from './CurrencyInput';
import { rowKey, type Draft, type RateRow } from './draft';
import { focusListAdd } from './focus';

// Minimum and target per hour for any currency: one row each, added and removed (DESIGN.md "Minimum rates").

export interface ListProps {
  draft: Draft;
  update: (draft: Draft) => void;
}

export function RatesCard({ draft, update }: ListProps) {
  const set = (key: number, change: Partial<RateRow>) =>
    update({ ...draft, rates: draft.rates.map((row) => (row.key === key ? { ...row, ...change } : row)) });
  return (
    <fieldset data-testid="rates">
      <legend>{t('hourlyRates')}</legend>
      <p class="muted">{t('hourlyRatesHelp')}</p>
      {draft.rates.map((row) => {
        const named = row.currency || '…';
        return (
          <div key={row.key} class="field-row list-row" data-currency={row.currency}>
            <CurrencyInput id={`rate-cur-${row.key}`} label={t('currencyLabel')} value={row.currency} onValue={(currency) => set(row.key, { currency })} />
            <label for={`min-${row.key}`}>
              {t('minimumRateFor', [named])}
              <input id={`min-${row.key}`} inputMode="decimal" value={row.min} onInput={(e) => set(row.key, { min: (e.currentTarget as HTMLInputElement).value })} />
            </label>
            <label for={`target-${row.key}`}>
              {t('targetRateFor', [named])}
              <input id={`target-${row.key}`} inputMode="decimal" value={row.target} onInput={(e) => set(row.key, { target: (e.currentTarget as HTMLInputElement).value })} />
            </label>
            <Button variant="link" aria-label={t('removeRatesFor', [named])} onClick={(e) => {
                focusListAdd(e);
                update({ ...draft, rates: draft.rates.filter((r) => r.key !== row.key) });
              }}>
              {t('remove')}
            </Button>
          </div>
        );
      })}
      <Button class="add-row" onClick={() => update({ ...draft, rates: [...draft.rates, { key: rowKey(), currency: '', min: '', target: '' }] })}>
        {t('addRateCurrency')}
      </Button>
    </fieldset>
  );
}
