import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { OptionsView } from '@/components/OptionsView';
import { uiLocale } from '@/lib/i18n';
import { onChanged, sendToBackground, type OptionsData } from '@/lib/messaging';
import { persistStorage } from '@/lib/runtime/extension-page';
import '@/components/theme.css';

function Options() {
  const [data, setData] = useState<OptionsData | null>(null);
  useEffect(() => {
    const load = () => void sendToBackground('ui-bg-get-options', {}).then(setData);
    load();
    return onChanged(load);
  }, []);
  return (
    <OptionsView
      data={data}
      locale={uiLocale()}
      onSave={async (settings) => {
        await sendToBackground('ui-bg-save-settings', settings);
      }}
    />
  );
}

document.documentElement.lang = uiLocale();
void persistStorage();
render(<Options />, document.getElementById('app')!);
