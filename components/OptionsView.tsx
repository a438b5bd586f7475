import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { errorText, t, tPlural } from '../lib/i18n';
import type { OptionsData } from '../lib/messaging';
import { platforms } from '../lib/platforms/registry';
import type { Settings } from '../lib/storage/schemas';
import { CurrencyCard } from './options/CurrencyCard';
import { CurrencyOptions } from './options/CurrencyInput';
import { readDraft, toDraft, type Draft } from './options/draft';
import { DisplayCard, SyncCard, TrackingCard } from './options/GeneralCards';
import { RatesCard } from './options/RatesCard';
import { ThresholdsCard } from './options/ThresholdsCard';
import { Button } from './ui/Button';
import { PlatformSwitches } from './PlatformSwitches';
import { PageHealthCard } from './PageHealthCard';

export { readDraft, toDraft } from './options/draft';

export interface OptionsViewProps {
  data: OptionsData | null;
  locale: string;
  onSave: (settings: Settings) => Promise<void>;
  /** Google or Mozilla: named in the sync statement. */
  browserMaker?: string;
  /** The sync mirror's state (its problem in words, or the choice between two computers' settings). */
  sync?: ComponentChildren;
  /** More sections of the page (the custom sites). */
  children?: ComponentChildren;
  /** The clock that dates exchange rates (tests pass a fixed one). */
  now?: () => number;
}

export function OptionsView({ data, locale, onSave, browserMaker = 'Google', sync, children, now = Date.now }: OptionsViewProps) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'status'; text: string } | null>(null);
  if (!data) return <p aria-busy="true">{t('loading')}</p>;
  const current = draft ?? toDraft(data.settings, locale);
  const list = { draft: current, update: setDraft };

  const submit = async (event: Event) => {
    event.preventDefault();
    const next = readDraft(data.settings, current, now());
    if (typeof next === 'string') return setMessage({ kind: 'error', text: next });
    try {
      await onSave(next);
      // Read back from what was saved: new rates now carry their date.
      setDraft(toDraft(next, locale));
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
      <CurrencyOptions />
      <form onSubmit={submit} noValidate>
        <CurrencyCard {...list} locale={locale} />
        <RatesCard {...list} />
        <ThresholdsCard {...list} />
        <TrackingCard {...list} />
        <DisplayCard {...list} />
        <SyncCard {...list} browserMaker={browserMaker}>
          {sync}
        </SyncCard>
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
      {data.health && <PageHealthCard health={data.health} platforms={data.platforms ?? platforms} locale={locale} />}
      {children}
    </main>
  );
}
