import { render } from 'preact';
import { PopupView } from '@/components/PopupView';
import { uiLocale } from '@/lib/i18n';
import { onChanged } from '@/lib/messaging';
import { usePopupStore } from './store';
import '@/components/theme.css';

function Popup() {
  const { data, error } = usePopupStore();
  return (
    <PopupView
      data={data}
      error={error}
      locale={uiLocale()}
      onOpenOptions={() => void browser.runtime.openOptionsPage()}
    />
  );
}

document.documentElement.lang = uiLocale();
const { load } = usePopupStore.getState();
onChanged(() => void load());
void load();
render(<Popup />, document.getElementById('app')!);
