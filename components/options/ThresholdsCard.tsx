import { t } from '../../lib/i18n';
import { platforms } from '../../lib/platforms/registry';
import { Button } from '../ui/Button';
import { CurrencyInput } from './CurrencyInput';
import { rowKey, type ThresholdRow } from './draft';
import { focusListAdd } from './focus';
import type { ListProps } from './RatesCard';

// Payout thresholds per built-in platform: amount and currency per row; none means the platform pays any amount.

export function ThresholdsCard({ draft, update }: ListProps) {
  const set = (key: number, change: Partial<ThresholdRow>) =>
    update({ ...draft, thresholds: draft.thresholds.map((row) => (row.key === key ? { ...row, ...change } : row)) });
  return (
    <fieldset data-testid="thresholds">
      <legend>{t('payoutThresholds')}</legend>
      <p class="muted">{t('payoutThresholdsHelp')}</p>
      {platforms.map(({ id, name }) => {
        const rows = draft.thresholds.filter((row) => row.platform === id);
        return (
          // A group named by its platform (not a heading: the card's title is a legend, so an h3 here sat under the h1).
          <div key={id} class="threshold-platform" data-platform={id} role="group" aria-labelledby={`threshold-name-${id}`}>
            <p class="threshold-name" id={`threshold-name-${id}`}>
              {name}
            </p>
            {rows.length === 0 && <p class="muted">{t('paysAnyAmount')}</p>}
            {rows.map((row) => (
              <div key={row.key} class="field-row list-row">
                <label for={`threshold-${row.key}`}>
                  {t('thresholdFor', [name, row.currency || '…'])}
                  <input id={`threshold-${row.key}`} inputMode="decimal" value={row.amount} onInput={(e) => set(row.key, { amount: (e.currentTarget as HTMLInputElement).value })} />
                </label>
                <CurrencyInput id={`threshold-cur-${row.key}`} label={t('currencyLabel')} value={row.currency} onValue={(currency) => set(row.key, { currency })} />
                <Button
                  variant="link"
                  aria-label={t('removeThreshold', [name, row.currency || '…'])}
                  onClick={(e) => {
                    focusListAdd(e);
                    update({ ...draft, thresholds: draft.thresholds.filter((r) => r.key !== row.key) });
                  }}
                >
                  {t('remove')}
                </Button>
              </div>
            ))}
            <Button class="add-row" onClick={() => update({ ...draft, thresholds: [...draft.thresholds, { key: rowKey(), platform: id, currency: '', amount: '' }] })}>
              {t('addThreshold', [name])}
            </Button>
          </div>
        );
      })}
    </fieldset>
  );
}
