import { create } from 'zustand';
import { sendToBackground, type PopupData } from '@/lib/messaging';

interface PopupState {
  data: PopupData | null;
  error?: string;
  load: () => Promise<void>;
}

export const usePopupStore = create<PopupState>((set) => ({
  data: null,
  load: async () => {
    try {
      set({ data: await sendToBackground('ui-bg-get-popup', {}), error: undefined });
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    }
  },
}));
