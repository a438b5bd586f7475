import { render } from 'preact';
import { PopupView } from '@/components/PopupView';
import { uiLocale } from '@/lib/i18n';
import { onChanged, sendToBackground } from '@/lib/messaging';
import { loadCustomSiteNames, persistStorage, requestHostAccess } from '@/lib/runtime/extension-page';
import { usePopupStore } from './store';
import '@/components/theme.css';

function Popup() {
  const { data, error, missingAccess, refresh, runRefresh, period, loadPeriod } = usePopupStore();
  return (
    <PopupView
      data={data}
      error={error}
      missingAccess={missingAccess}
      refresh={refresh}
      onRefresh={() => void runRefresh()}
      onGrantAccess={() => {
        // The request comes first in the click handler: Firefox refuses it after an await.
        void requestHostAccess().then(() => load());
      }}
      locale={uiLocale()}
      onOpenOptions={() => void browser.runtime.openOptionsPage()}
      onOpenHistory={() => void browser.tabs.create({ url: browser.runtime.getURL('/task-history.html') })}
      period={period}
      onPeriod={(kind) => void loadPeriod(kind)}
      onCashOut={(platform, currency) => void sendToBackground('ui-bg-cash-out', { platform, currency }).then(() => load())}
      onNotWorking={(platform, taskId) => void sendToBackground('ui-bg-not-working-on', { platform, taskId }).then(() => load())}
      onReward={async (platform, taskId, reward) => {
        await sendToBackground('ui-bg-task-reward', { platform, taskId, reward });
        await load();
      }}
      onPause={async (paused) => {
        await sendToBackground('ui-bg-pause', { paused });
        await load();
      }}
      onManual={async (command) => {
        await sendToBackground('ui-bg-manual', command);
        await load();
      }}
    />
  );
}

document.documentElement.lang = uiLocale();
const { load, loadPeriod } = usePopupStore.getState();
// Every write in the background is broadcast: the open popup reads its data and its period again.
onChanged(() => {
  void load();
  void loadPeriod();
});
void load();
void loadPeriod();
void persistStorage();
// Custom sites are named as the worker named them: their names are read before the first render.
void loadCustomSiteNames().then(() => render(<Popup />, document.getElementById('app')!));
