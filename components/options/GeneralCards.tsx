import type { ComponentChildren } from 'preact';
import { t } from '../../lib/i18n';
import type { ListProps } from './RatesCard';

// The single settings: tracking (idle timeout, session gap) and what Centime shows or does by itself.

function fieldOf({ draft, update }: ListProps) {
  return (name: string) => ({
    id: name,
    name,
    value: draft.fields[name] ?? '',
    onInput: (event: Event) => update({ ...draft, fields: { ...draft.fields, [name]: (event.currentTarget as HTMLInputElement).value } }),
  });
}

function checkOf({ draft, update }: ListProps) {
  return (name: string) => ({
    type: 'checkbox' as const,
    id: name,
    name,
    checked: draft.fields[name] === 'on',
    onChange: (event: Event) =>
      update({ ...draft, fields: { ...draft.fields, [name]: (event.currentTarget as HTMLInputElement).checked ? 'on' : '' } }),
  });
}

export function TrackingCard(props: ListProps) {
  const field = fieldOf(props);
  return (
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
  );
}

export function DisplayCard(props: ListProps) {
  const field = fieldOf(props);
  const check = checkOf(props);
  return (
    <fieldset>
      <legend>{t('groupDisplay')}</legend>
      <div class="checks">
        <label for="overlay" class="check">
          <input {...check('overlay')} />
          {t('showOverlay')}
        </label>
        <label for="notifications" class="check">
          <input {...check('notifications')} />
          {t('showNotifications')}
        </label>
        <label for="autoRefresh" class="check">
          <input {...check('autoRefresh')} />
          {t('autoRefresh')}
        </label>
        <label for="autoRefreshMinutes">
          {t('autoRefreshMinutes')}
          <input type="number" min={30} max={1440} step={1} {...field('autoRefreshMinutes')} />
        </label>
      </div>
    </fieldset>
  );
}

export interface SyncCardProps extends ListProps {
  /** Google or Mozilla: whose servers the synced settings go through. */
  browserMaker: string;
  /** The mirror's state: its problem in words, or the choice between two computers' settings. */
  children?: ComponentChildren;
}

export function SyncCard({ browserMaker, children, ...props }: SyncCardProps) {
  const check = checkOf(props);
  return (
    <fieldset data-testid="sync">
      <legend>{t('groupSync')}</legend>
      <label for="sync" class="check">
        <input {...check('sync')} aria-describedby="sync-help" />
        {t('syncSettings')}
      </label>
      <p id="sync-help" class="muted">
        {t('syncStatement', [browserMaker])}
      </p>
      {children}
    </fieldset>
  );
}
