import { create } from 'zustand';
import { sendToBackground, type PopupData } from '@/lib/messaging';
import { hasHostAccess } from '@/lib/runtime/extension-page';

interface PopupState {
  data: PopupData | null;
  error?: string;
  /** The platforms' host access was revoked (Firefox allows it): nothing can be timed until it is back. */
  missingAccess: boolean;
  load: () => Promise<void>;
}

export const usePopupStore = create<PopupState>((set) => ({
  data: null,
  missingAccess: false,
  load: async () => {
    try {
      set({ missingAccess: !(await hasHostAccess()) });
      set({ data: await sendToBackground('ui-bg-get-popup', {}), error: undefined });
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    }
  },
}));
