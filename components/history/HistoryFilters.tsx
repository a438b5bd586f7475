import { useRef } from 'preact/hooks';
import type { HistoryFilter, OutcomeFilter } from '../../lib/domain/history-list';
import { t } from '../../lib/i18n';
import { Button } from '../ui/Button';
import { outcomeText } from './format';

// The list's filters: platform, requester, outcome, days and text. Requester names are page strings: option
// text nodes only.

export interface FilterChoices {
  platforms: { id: string; name: string }[];
  requesters: { key: string; name: string }[];
}

export interface HistoryFiltersProps {
  filter: HistoryFilter;
  choices: FilterChoices;
  onChange: (filter: HistoryFilter) => void;
}

const OUTCOMES = ['open', 'submitted', 'approved', 'rejected', 'returned', 'expired'] as const;

/** The filter with `key` set, or removed when the control is emptied. */
function withValue<K extends keyof HistoryFilter>(filter: HistoryFilter, key: K, value: string): HistoryFilter {
  const next = { ...filter };
  if (value) next[key] = value as HistoryFilter[K];
  else delete next[key];
  return next;
}

export function HistoryFilters({ filter, choices, onChange }: HistoryFiltersProps) {
  const set = (key: keyof HistoryFilter) => (e: Event) => onChange(withValue(filter, key, (e.currentTarget as HTMLInputElement).value));
  const active = Object.values(filter).some(Boolean);
  const search = useRef<HTMLInputElement>(null);
  // "Clear filters" turns disabled once pressed, which drops the keyboard focus to the page's body: it goes to the
  // first filter instead, where a new search starts (the count's live region says how many tasks are now shown).
  const clear = () => {
    search.current?.focus();
    onChange({});
  };
  return (
    <form class="history-filters" role="search" aria-labelledby="filters-title" onSubmit={(e) => e.preventDefault()}>
      <h2 id="filters-title" class="visually-hidden">
        {t('historyFilters')}
      </h2>
      <label>
        {t('historySearch')}
        <input ref={search} type="search" name="text" value={filter.text ?? ''} placeholder={t('historySearchHint')} onInput={set('text')} />
      </label>
      <label>
        {t('historyPlatform')}
        <select name="platform" value={filter.platform ?? ''} onChange={set('platform')}>
          <option value="">{t('historyAllPlatforms')}</option>
          {choices.platforms.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('historyRequester')}
        <select name="requester" value={filter.requester ?? ''} onChange={set('requester')}>
          <option value="">{t('historyAllRequesters')}</option>
          {choices.requesters.map((r) => (
            <option key={r.key} value={r.key}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('historyOutcome')}
        <select name="outcome" value={filter.outcome ?? ''} onChange={set('outcome')}>
          <option value="">{t('historyAllOutcomes')}</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {outcomeText(o)}
            </option>
          ))}
          <option value={'untimed' satisfies OutcomeFilter}>{t('historyUntimed')}</option>
          <option value={'byHand' satisfies OutcomeFilter}>{t('historyByHandFilter')}</option>
          <option value={'deleted' satisfies OutcomeFilter}>{t('historyDeletedFilter')}</option>
        </select>
      </label>
      <label>
        {t('historyFrom')}
        <input type="date" name="from" value={filter.from ?? ''} max={filter.to} onChange={set('from')} />
      </label>
      <label>
        {t('historyTo')}
        <input type="date" name="to" value={filter.to ?? ''} min={filter.from} onChange={set('to')} />
      </label>
      <Button class="clear-filters" disabled={!active} onClick={clear}>
        {t('historyClearFilters')}
      </Button>
    </form>
  );
}
