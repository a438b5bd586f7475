import { create } from 'zustand';
import { sendToBackground, type PopupData, type RefreshOutcome } from '@/lib/messaging';
import { hasHostAccess } from '@/lib/runtime/extension-page';

interface PopupState {
  data: PopupData | null;
  error?: string;
  /** The platforms' host access was revoked (Firefox allows it): nothing can be timed until it is back. */
  missingAccess: boolean;
  refresh: { busy: boolean; outcome?: RefreshOutcome };
  load: () => Promise<void>;
  runRefresh: () => Promise<void>;
}

export const usePopupStore = create<PopupState>((set) => ({
  data: null,
  missingAccess: false,
  refresh: { busy: false },
  runRefresh: async () => {
    set({ refresh: { busy: true } });
    try {
      set({ refresh: { busy: false, outcome: await sendToBackground('ui-bg-refresh', {}) } });
    } catch (error) {
      set({ refresh: { busy: false, outcome: { kind: 'failed', error: String(error), requests: 0 } } });
    }
  },
  load: async () => {
    try {
      set({ missingAccess: !(await hasHostAccess()) });
      set({ data: await sendToBackground('ui-bg-get-popup', {}), error: undefined });
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    }
  },
}));
