import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { formatMoney, parseMoney } from '../lib/domain/money';
import { errorText, t, tPlural } from '../lib/i18n';
import type { OptionsData } from '../lib/messaging';
import { adapterById, platforms } from '../lib/platforms/registry';
import type { Settings } from '../lib/storage/schemas';
import { Button } from './ui/Button';
import { PlatformSwitches } from './PlatformSwitches';

export interface OptionsViewProps {
  data: OptionsData | null;
  locale: string;
  onSave: (settings: Settings) => Promise<void>;
  /** More sections of the page (the custom sites). */
  children?: ComponentChildren;
}

type Draft = Record<string, string>;

function toDraft(settings: Settings, locale: string): Draft {
  const draft: Draft = {
    idle: String(settings.idleTimeoutSec),
    overlay: settings.overlay ? 'on' : '',
    notifications: settings.notifications ? 'on' : '',
    autoRefresh: settings.autoRefresh.enabled ? 'on' : '',
    autoRefreshMinutes: String(settings.autoRefresh.everyMinutes),
    sessionGap: String(settings.sessionGapMin),
  };
  for (const [currency, minor] of Object.entries(settings.minRates)) {
    draft[`min-${currency}`] = plainAmount(minor, currency, locale);
  }
  for (const [currency, minor] of Object.entries(settings.targetRates)) {
    draft[`target-${currency}`] = plainAmount(minor, currency, locale);
  }
  for (const [platform, amounts] of Object.entries(settings.payoutThresholds)) {
    for (const { minor, currency } of amounts) draft[`threshold-${platform}-${currency}`] = plainAmount(minor, currency, locale);
  }
  return draft;
}

/** Each built-in platform with the currencies a payout threshold may be set in: the rates' and its own. */
function thresholdFields(settings: Settings): { platform: string; currencies: string[] }[] {
  const rateCurrencies = Object.keys(settings.minRates);
  return platforms.map(({ id }) => ({
    platform: id,
    currencies: [...new Set([...(settings.payoutThresholds[id] ?? []).map((m) => m.currency), ...rateCurrencies])],
  }));
}

/** The amount as the worker types it: digits and the locale's decimal mark, no currency sign. */
function plainAmount(minor: number, currency: string, locale: string): string {
  return formatMoney({ minor, currency }, locale).replace(/[^\d.,]/g, '');
}

/** Reads the form; returns the new settings or the first problem, in words the worker can act on. */
export function readDraft(settings: Settings, draft: Draft): Settings | string {
  const next: Settings = { ...settings, minRates: {}, targetRates: {} };
  const currencies = new Set([...Object.keys(settings.minRates), ...Object.keys(settings.targetRates)]);
  for (const currency of currencies) {
    for (const kind of ['min', 'target'] as const) {
      const text = (draft[`${kind}-${currency}`] ?? '').trim();
      if (text === '') continue;
      const amount = parseMoney(text, currency);
      if (!amount || amount.currency !== currency || amount.minor < 0) {
        return t('invalidRate', [text, currency]);
      }
      (kind === 'min' ? next.minRates : next.targetRates)[currency] = amount.minor;
    }
    const min = next.minRates[currency];
    const target = next.targetRates[currency];
    if (min !== undefined && target !== undefined && target < min) return t('targetBelowMinimum', [currency]);
  }
  next.payoutThresholds = { ...settings.payoutThresholds };
  for (const { platform, currencies: own } of thresholdFields(settings)) {
    const amounts = [];
    for (const currency of own) {
      const typed = draft[`threshold-${platform}-${currency}`];
      const kept = settings.payoutThresholds[platform]?.find((m) => m.currency === currency);
      // A field the form did not show keeps its value; a field emptied removes the threshold.
      if (typed === undefined && kept) amounts.push(kept);
      const text = (typed ?? '').trim();
      if (text === '') continue;
      const amount = parseMoney(text, currency);
      if (!amount || amount.currency !== currency || amount.minor <= 0) return t('invalidThreshold', [text, currency]);
      amounts.push(amount);
    }
    next.payoutThresholds[platform] = amounts;
  }
  const idle = Number(draft.idle);
  if (!Number.isInteger(idle) || idle < 15 || idle > 3600) return t('invalidIdleTimeout');
  next.idleTimeoutSec = idle;
  if (draft.sessionGap !== undefined) {
    const gap = Number(draft.sessionGap);
    if (!Number.isInteger(gap) || gap < 1 || gap > 240) return t('invalidSessionGap');
    next.sessionGapMin = gap;
  }
  if (draft.overlay !== undefined) next.overlay = draft.overlay === 'on';
  if (draft.notifications !== undefined) next.notifications = draft.notifications === 'on';
  if (draft.autoRefreshMinutes !== undefined) {
    const minutes = Number(draft.autoRefreshMinutes);
    if (!Number.isInteger(minutes) || minutes < 30 || minutes > 1440) return t('invalidRefreshInterval');
    next.autoRefresh = { enabled: draft.autoRefresh === 'on', everyMinutes: minutes };
  }
  return next;
}

export function OptionsView({ data, locale, onSave, children }: OptionsViewProps) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'status'; text: string } | null>(null);
  if (!data) return <p aria-busy="true">{t('loading')}</p>;
  const current = draft ?? toDraft(data.settings, locale);
  const currencies = [...new Set([...Object.keys(data.settings.minRates), ...Object.keys(data.settings.targetRates)])];
  const field = (name: string) => ({
    id: name,
    name,
    value: current[name] ?? '',
    onInput: (event: Event) => setDraft({ ...current, [name]: (event.currentTarget as HTMLInputElement).value }),
  });

  const submit = async (event: Event) => {
    event.preventDefault();
    const next = readDraft(data.settings, current);
    if (typeof next === 'string') return setMessage({ kind: 'error', text: next });
    try {
      await onSave(next);
      setMessage({ kind: 'status', text: t('settingsSaved') });
    } catch (error) {
      setMessage({ kind: 'error', text: t('saveFailed', [errorText(error)]) });
    }
  };

  return (
    <main class="page" aria-labelledby="options-title">
      <h1 id="options-title">{t('optionsTitle')}</h1>
      {data.problem && <p class="warning" role="alert">{t('settingsReset')}</p>}
      <p class={data.quarantined > 0 ? 'warning' : 'muted'} data-testid="quarantine">
        {data.quarantined > 0 ? tPlural('quarantinedCount', data.quarantined, undefined, locale) : t('quarantineEmpty')}
      </p>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('hourlyRates')}</legend>
          {currencies.map((currency) => (
            <div key={currency} class="field-row">
              <label for={`min-${currency}`}>
                {t('minimumRateFor', [currency])}
                <input inputMode="decimal" {...field(`min-${currency}`)} />
              </label>
              <label for={`target-${currency}`}>
                {t('targetRateFor', [currency])}
                <input inputMode="decimal" {...field(`target-${currency}`)} />
              </label>
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('payoutThresholds')}</legend>
          <p class="muted">{t('payoutThresholdsHelp')}</p>
          {thresholdFields(data.settings).map(({ platform, currencies: own }) => (
            <div key={platform} class="field-row">
              {own.map((currency) => (
                <label key={currency} for={`threshold-${platform}-${currency}`}>
                  {t('thresholdFor', [adapterById(platform)?.name ?? platform, currency])}
                  <input inputMode="decimal" {...field(`threshold-${platform}-${currency}`)} />
                </label>
              ))}
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('groupTracking')}</legend>
          <div class="field-row">
            <label for="idle">
              {t('idleTimeout')}
              <input type="number" min={15} max={3600} step={1} {...field('idle')} />
            </label>
            <div class="field">
              <label for="sessionGap">
                {t('sessionGap')}
                <input type="number" min={1} max={240} step={1} aria-describedby="sessionGap-help" {...field('sessionGap')} />
              </label>
              <span id="sessionGap-help" class="muted">
                {t('sessionGapHelp')}
              </span>
            </div>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('groupDisplay')}</legend>
          <div class="checks">
            {(['overlay', 'notifications'] as const).map((name) => (
              <label key={name} for={name} class="check">
                <input
                  type="checkbox"
                  id={name}
                  name={name}
                  checked={current[name] === 'on'}
                  onChange={(event) => setDraft({ ...current, [name]: (event.currentTarget as HTMLInputElement).checked ? 'on' : '' })}
                />
                {name === 'overlay' ? t('showOverlay') : t('showNotifications')}
              </label>
            ))}
            <label for="autoRefresh" class="check">
              <input
                type="checkbox"
                id="autoRefresh"
                name="autoRefresh"
                checked={current.autoRefresh === 'on'}
                onChange={(event) => setDraft({ ...current, autoRefresh: (event.currentTarget as HTMLInputElement).checked ? 'on' : '' })}
              />
              {t('autoRefresh')}
            </label>
            <label for="autoRefreshMinutes">
              {t('autoRefreshMinutes')}
              <input type="number" min={30} max={1440} step={1} {...field('autoRefreshMinutes')} />
            </label>
          </div>
        </fieldset>
        <div class="options-actions">
          <Button type="submit" variant="primary">
            {t('save')}
          </Button>
          {message && (
            <p role={message.kind === 'error' ? 'alert' : 'status'} class={message.kind === 'error' ? 'error' : 'muted'}>
              {message.text}
            </p>
          )}
        </div>
      </form>
      <PlatformSwitches settings={data.settings} platforms={data.platforms ?? platforms} onSave={onSave} />
      {children}
    </main>
  );
}
