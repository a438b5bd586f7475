import { t } from '../../lib/i18n';
import { Button } from '../ui/Button';
import { CurrencyInput } from './CurrencyInput';
import { rowKey, type ExchangeRow } from './draft';
import { focusListAdd } from './focus';
import type { ListProps } from './RatesCard';

// The display currency and the worker's own exchange rates (no network lookup), each with the day it was entered.

export function CurrencyCard({ draft, update, locale }: ListProps & { locale: string }) {
  const set = (key: number, change: Partial<ExchangeRow>) =>
    update({ ...draft, exchange: draft.exchange.map((row) => (row.key === key ? { ...row, ...change, edited: true } : row)) });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  return (
    <fieldset data-testid="currencies">
      <legend>{t('groupCurrencies')}</legend>
      <div class="field-row">
        <CurrencyInput
          id="displayCurrency"
          label={t('displayCurrency')}
          value={draft.fields.displayCurrency ?? ''}
          onValue={(displayCurrency) => update({ ...draft, fields: { ...draft.fields, displayCurrency } })}
        />
      </div>
      <p class="muted">{t('exchangeRatesHelp')}</p>
      {draft.exchange.map((row) => (
        <div key={row.key} class="field-row list-row" data-pair={`${row.from}>${row.to}`}>
          <CurrencyInput id={`fx-from-${row.key}`} label={t('exchangeFrom')} value={row.from} onValue={(from) => set(row.key, { from })} />
          <label for={`fx-rate-${row.key}`}>
            {t('exchangeRateLabel', [row.from || '…', row.to || '…'])}
            <input id={`fx-rate-${row.key}`} inputMode="decimal" value={row.rate} onInput={(e) => set(row.key, { rate: (e.currentTarget as HTMLInputElement).value })} />
          </label>
          <CurrencyInput id={`fx-to-${row.key}`} label={t('exchangeTo')} value={row.to} onValue={(to) => set(row.key, { to })} />
          <span class="muted entered" data-testid="entered">
            {row.edited ? t('rateEnteredOnSave') : row.enteredAt === undefined ? t('rateDateUnknown') : t('rateEnteredOn', [day.format(row.enteredAt)])}
          </span>
          <Button
            variant="link"
            aria-label={t('removeExchangeRate', [row.from || '…', row.to || '…'])}
            onClick={(e) => {
              focusListAdd(e);
              update({ ...draft, exchange: draft.exchange.filter((r) => r.key !== row.key) });
            }}
          >
            {t('remove')}
          </Button>
        </div>
      ))}
      <Button class="add-row" onClick={() => update({ ...draft, exchange: [...draft.exchange, { key: rowKey(), from: '', to: draft.fields.displayCurrency ?? '', rate: '', edited: true }] })}>
        {t('addExchangeRate')}
      </Button>
    </fieldset>
  );
}
