import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { CustomSitesView } from '@/components/CustomSitesView';
import { OptionsView } from '@/components/OptionsView';
import { SyncStatusView } from '@/components/options/SyncStatus';
import { uiLocale } from '@/lib/i18n';
import { onChanged, sendToBackground, type OptionsData, type RulesData } from '@/lib/messaging';
import { originPatternOf } from '@/lib/platforms/custom-rule';
import { persistStorage } from '@/lib/runtime/extension-page';
import { syncChoiceItem, syncStatusItem, type SyncStatus } from '@/lib/storage/sync-status';
import { DataCard } from '@/components/data/DataCard';
import { localDay } from '@/lib/domain/summary';
import { backupFileName, backupFileParts, previewImport, runImport, type ImportPreview } from '@/lib/pages/data-io';
import { downloadText } from '@/lib/pages/download';
import '@/components/theme.css';

/** The file previewed last: what "Import" sends once the worker confirms. */
let previewed: ImportPreview | null = null;

function Options() {
  const [data, setData] = useState<OptionsData | null>(null);
  const [rules, setRules] = useState<RulesData | null>(null);
  const [syncStatus, setSyncStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    void syncStatusItem.getValue().then(setSyncStatus);
    return syncStatusItem.watch(setSyncStatus);
  }, []);
  useEffect(() => {
    const load = () => {
      void sendToBackground('ui-bg-get-options', {}).then(setData);
      void sendToBackground('ui-bg-get-rules', {}).then(setRules);
    };
    load();
    return onChanged((what) => {
      // Saving rules re-reads them; other changes (tasks, balances) do not concern this page's drafts.
      if (what.includes('settings') || what.includes('rules')) load();
    });
  }, []);
  return (
    <OptionsView
      data={data}
      locale={uiLocale()}
      browserMaker={import.meta.env.FIREFOX ? 'Mozilla' : 'Google'}
      sync={<SyncStatusView status={syncStatus} onChoose={(which) => void syncChoiceItem.setValue(which)} />}
      onSave={async (settings) => {
        await sendToBackground('ui-bg-save-settings', settings);
      }}
    >
      <CustomSitesView
          data={rules}
          onSave={(list) => sendToBackground('ui-bg-save-rules', { rules: list })}
          // First call of the click: Firefox refuses a permission request after an await.
          onGrant={(rule) => {
            const origin = originPatternOf(rule);
            return origin ? browser.permissions.request({ origins: [origin] }) : Promise.resolve(false);
          }}
          onPick={async (ruleId, field) => (await sendToBackground('ui-bg-pick', { ruleId, field })).selector}
        />
      <DataCard
        locale={uiLocale()}
        browserMaker={import.meta.env.FIREFOX ? 'Mozilla' : 'Google'}
        onBackup={async (progress) => {
          const now = Date.now();
          const day = localDay(now, Intl.DateTimeFormat().resolvedOptions().timeZone);
          const file = await backupFileParts(now, progress);
          downloadText(backupFileName(day), file.parts, 'application/json');
          return file.leftOut;
        }}
        onPreview={async (file) => {
          const read = await previewImport(await file.text(), Date.now());
          previewed = 'counts' in read ? read : null;
          return read;
        }}
        onImport={(useSettings, progress) => {
          const preview = previewed;
          previewed = null;
          if (!preview) return Promise.reject(new Error('no preview'));
          return runImport(preview, useSettings, progress);
        }}
        onCancelImport={() => (previewed = null)}
        onDeleteAll={async (sync) => {
          await sendToBackground('ui-bg-delete-all', { sync });
        }}
        onOpenStatement={() => void browser.tabs.create({ url: browser.runtime.getURL('/statement.html') })}
      />
    </OptionsView>
  );
}

document.documentElement.lang = uiLocale();
void persistStorage();
render(<Options />, document.getElementById('app')!);
