import { t } from '../../lib/i18n';

// The currency of an amount the worker types (a correction, a task added by hand, a reward the page did not show):
// one labelled select, the currencies offered in the order the caller ranks them.

export interface CurrencySelectProps {
  currencies: readonly string[];
  value: string;
  onChange(currency: string): void;
  /** The select's form name (tests read it). */
  name?: string;
}

export function CurrencySelect({ currencies, value, onChange, name }: CurrencySelectProps) {
  return (
    <label>
      {t('manualCurrencyLabel')}
      <select name={name} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {currencies.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </label>
  );
}
