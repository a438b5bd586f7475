import { t } from '../../lib/i18n';

// A currency typed as its ISO 4217 code, with the browser's list of codes as suggestions.

const LIST_ID = 'iso-currencies';

/** Once per page: the codes Intl knows (all of ISO 4217 in current browsers; none in older ones). */
export function CurrencyOptions() {
  const codes = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [];
  return (
    <datalist id={LIST_ID}>
      {codes.map((code) => (
        <option key={code} value={code} />
      ))}
    </datalist>
  );
}

export interface CurrencyInputProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
}

export function CurrencyInput({ id, label, value, onValue }: CurrencyInputProps) {
  return (
    <label for={id}>
      {label}
      <input
        id={id}
        class="currency-code"
        list={LIST_ID}
        maxLength={3}
        autoComplete="off"
        spellcheck={false}
        placeholder={t('currencyPlaceholder')}
        value={value}
        onInput={(event) => onValue((event.currentTarget as HTMLInputElement).value.toUpperCase())}
      />
    </label>
  );
}
