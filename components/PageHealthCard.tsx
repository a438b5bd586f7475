import { HEALTH_KINDS, type HealthKind, type PageHealth } from '../lib/domain/page-health';
import { t, tPlural } from '../lib/i18n';

// The options page's health lines (issue 19): per platform, when Centime last read each kind of its pages in full
// and how many it could not read since, so that a worker (or a bug report) sees at once that a platform changed.

const KIND_WORDS: Record<HealthKind, () => string> = {
  task: () => t('pageKindTask'),
  queue: () => t('pageKindQueue'),
  listing: () => t('pageKindListing'),
  balance: () => t('pageKindBalance'),
};

export interface PageHealthCardProps {
  health: PageHealth;
  platforms: readonly { id: string; name: string }[];
  locale: string;
}

export function PageHealthCard({ health, platforms, locale }: PageHealthCardProps) {
  const when = (ms: number) => new Date(ms).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const shown = platforms.filter(({ id }) => health[id]);
  return (
    <section class="card page-health" aria-labelledby="health-title">
      <div class="card-head">
        <h2 id="health-title">{t('healthTitle')}</h2>
      </div>
      <p class="muted">{t('healthIntro')}</p>
      {shown.length === 0 ? (
        <p class="empty">{t('healthNone')}</p>
      ) : (
        <ul>
          {shown.map(({ id, name }) => (
            <li key={id} data-platform={id}>
              {/* The colon and semicolon from the catalogue: French puts a no-break space before them. */}
              <strong>{t('healthPlatform', [name])}</strong>{' '}
              {HEALTH_KINDS.filter((kind) => health[id]?.[kind]).map((kind, i) => {
                const k = health[id]![kind]!;
                return (
                  <span key={kind} class={k.failed > 0 ? 'warning' : undefined} data-kind={kind}>
                    {i > 0 && `${t('listSemicolon')} `}
                    {KIND_WORDS[kind]()} — {k.okAt !== undefined ? t('healthRead', [when(k.okAt)]) : t('healthNever')}
                    {k.failed > 0 && `, ${tPlural('healthFailed', k.failed, undefined, locale)}`}
                  </span>
                );
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
