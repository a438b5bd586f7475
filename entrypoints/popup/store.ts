import { create } from 'zustand';
import { firstDayOfWeek, type PeriodKind, type Weekday } from '@/lib/domain/periods';
import type { PeriodState } from '@/components/PeriodSection';
import { sendToBackground, type PopupData, type RefreshOutcome } from '@/lib/messaging';
import { hasHostAccess } from '@/lib/runtime/extension-page';
import { errorText } from '@/lib/i18n';
import { toCoded } from '@/lib/errors';

interface PopupState {
  data: PopupData | null;
  error?: string;
  /** The platforms' host access was revoked (Firefox allows it): nothing can be timed until it is back. */
  missingAccess: boolean;
  refresh: { busy: boolean; outcome?: RefreshOutcome };
  period: PeriodState;
  /** The first day of the week where the worker lives (their locale's), read once when the popup opens. */
  firstDay: Weekday;
  load: () => Promise<void>;
  runRefresh: () => Promise<void>;
  /** Reads the period again, or (with a kind) switches to it. */
  loadPeriod: (kind?: PeriodKind) => Promise<void>;
}

/** What the store needs of the browser; tests inject their own. */
export interface PopupDeps {
  send: typeof sendToBackground;
  hasHostAccess: () => Promise<boolean>;
  /** The worker's locale (the browser's language), whose week info gives the week's first day. */
  language: string;
  /** Reads a locale's week info (default: the browser's `Intl.Locale`; Chromium and Firefox differ). */
  weekInfo?: Parameters<typeof firstDayOfWeek>[1];
  now?: () => number;
}


export function createPopupStore(deps: PopupDeps) {
  const now = deps.now ?? Date.now;
  // Each period request gets a number: an answer that a later request overtook is dropped.
  let asked = 0;
  return create<PopupState>((set, get) => ({
    data: null,
    missingAccess: false,
    refresh: { busy: false },
    period: { kind: 'day', view: null, at: 0 },
    firstDay: firstDayOfWeek(deps.language, deps.weekInfo),
    runRefresh: async () => {
      set({ refresh: { busy: true } });
      try {
        set({ refresh: { busy: false, outcome: await deps.send('ui-bg-refresh', {}) } });
      } catch (error) {
        set({ refresh: { busy: false, outcome: { kind: 'failed', error: toCoded(error), requests: 0 } } });
      }
    },
    load: async () => {
      try {
        // Both at once: the summary's first paint waits for the data, not for a permission check before it.
        const access = deps.hasHostAccess().then((granted) => set({ missingAccess: !granted }));
        set({ data: await deps.send('ui-bg-get-popup', {}), error: undefined });
        await access;
      } catch (error) {
        set({ error: errorText(error) });
      }
    },
    loadPeriod: async (next) => {
      const current = get().period;
      const kind = next ?? current.kind;
      // A switch shows "loading" until the new period arrives; a reload keeps the figures shown meanwhile.
      if (kind !== current.kind) set({ period: { kind, view: null, at: now() } });
      const id = ++asked;
      try {
        const view = await deps.send('ui-bg-get-period', { kind, firstDay: get().firstDay });
        if (id === asked) set({ period: { kind, view, at: now() } });
      } catch (error) {
        if (id === asked) set({ period: { ...get().period, error: errorText(error) } });
      }
    },
  }));
}

export const usePopupStore = createPopupStore({ send: sendToBackground, hasHostAccess, language: navigator.language });
