import { useEffect, useState } from 'preact/hooks';
import type { PeriodKind } from '../lib/domain/periods';
import { t, tPlural } from '../lib/i18n';
import type { PeriodView } from '../lib/messaging';
import { DayTable } from './DayTable';
import { advance, rangeText } from './period-format';
import { Earnings, PartsList, Rates } from './PeriodFigures';
import { SessionList } from './SessionList';

// Today, this week, this month: the figures from the days' aggregates, each day, then the work sessions.

// Written out (not in a table of keys) so that the messages test sees each key used.
const KINDS: { kind: PeriodKind; label: () => string; empty: () => string }[] = [
  { kind: 'day', label: () => t('today'), empty: () => t('periodEmptyDay') },
  { kind: 'week', label: () => t('thisWeek'), empty: () => t('periodEmptyWeek') },
  { kind: 'month', label: () => t('thisMonth'), empty: () => t('periodEmptyMonth') },
];
const tabId = (kind: PeriodKind) => `period-tab-${kind}`;

/** Tabs (WAI-ARIA pattern): arrows, Home and End move between them and show the period at once. */
function PeriodTabs({ kind, onKind }: { kind: PeriodKind; onKind: (kind: PeriodKind) => void }) {
  const onKeyDown = (event: KeyboardEvent) => {
    const i = KINDS.findIndex((k) => k.kind === kind);
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: KINDS.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const next = KINDS[(to + KINDS.length) % KINDS.length]!.kind;
    onKind(next);
    document.getElementById(tabId(next))?.focus();
  };
  return (
    <div role="tablist" aria-label={t('periodChoice')} class="period-tabs" onKeyDown={onKeyDown}>
      {KINDS.map((k) => (
        <button
          key={k.kind}
          type="button"
          role="tab"
          id={tabId(k.kind)}
          aria-selected={k.kind === kind}
          aria-controls="period-panel"
          tabIndex={k.kind === kind ? 0 : -1}
          onClick={() => k.kind !== kind && onKind(k.kind)}
        >
          {k.label()}
        </button>
      ))}
    </div>
  );
}

function PeriodBody({ view, locale }: { view: PeriodView; locale: string }) {
  const empty = !view.figures && view.sessions.length === 0 && view.inProgressMs === 0;
  return (
    <>
      <p class="range muted" data-from={view.from} data-to={view.to}>
        {rangeText(view, locale)}
      </p>
      {empty ? (
        <p class="empty">{KINDS.find((k) => k.kind === view.kind)!.empty()}</p>
      ) : (
        <>
          <div class="period-summary">
            {view.figures ? (
              <>
                <p class="headline">
                  <Earnings figures={view.figures} locale={locale} />
                </p>
                <Rates figures={view.figures} locale={locale} />
              </>
            ) : (
              <p class="muted">{t('nothingFinishedYet')}</p>
            )}
            <p class="tasks-done">{tPlural('tasksDone', view.tasksDone, undefined, locale)}</p>
            <PartsList time={view.figures?.time ?? { paidActiveMs: 0, unpaidActiveMs: 0, platformMs: 0, idleMs: 0 }} inProgressMs={view.inProgressMs} />
          </div>
          {view.kind !== 'day' && view.days.length > 0 && <DayTable days={view.days} locale={locale} />}
          {view.crossesMidnight && (
            <p class="note midnight" role="note">
              {t('crossesMidnight')}
            </p>
          )}
          <h3>{tPlural('sessionsTitle', view.sessions.length, undefined, locale)}</h3>
          {view.sessions.length === 0 ? (
            <p class="empty">{t('noSessions')}</p>
          ) : (
            // Newest first in every period: the session under way, or the last one, is the one a worker looks for.
            <SessionList sessions={[...view.sessions].reverse()} withDate={view.kind !== 'day'} locale={locale} />
          )}
        </>
      )}
    </>
  );
}

/** The period the popup reviews: the kind chosen, its view once read (null: loading) and when it was read. */
export interface PeriodState {
  kind: PeriodKind;
  view: PeriodView | null;
  /** Wall time of the reading: times still under way move on from there. */
  at: number;
  error?: string;
}

export interface PeriodSectionProps {
  period: PeriodState;
  locale: string;
  onKind: (kind: PeriodKind) => void;
  /** Time accrues right now (a task in front, a running manual timer): what is in progress moves on each second. */
  live?: boolean;
}

export function PeriodSection({ period, locale, onKind, live }: PeriodSectionProps) {
  const [now, setNow] = useState(() => Date.now());
  const ticking = Boolean(live && period.view && period.view.inProgressMs > 0);
  useEffect(() => {
    if (!ticking) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [ticking]);
  const view = period.view && period.view.kind === period.kind ? period.view : null;
  return (
    <section aria-labelledby="period-title" class="card period">
      <div class="card-head">
        <h2 id="period-title">{t('yourWork')}</h2>
      </div>
      <PeriodTabs kind={period.kind} onKind={onKind} />
      <div role="tabpanel" id="period-panel" aria-labelledby={tabId(period.kind)} aria-busy={!view && !period.error}>
        {period.error && (
          <p role="alert" class="error">
            {t('loadFailed', [period.error])}
          </p>
        )}
        {view ? (
          <PeriodBody view={ticking ? advance(view, period.at, now - period.at) : view} locale={locale} />
        ) : (
          !period.error && <p>{t('loading')}</p>
        )}
      </div>
    </section>
  );
}
