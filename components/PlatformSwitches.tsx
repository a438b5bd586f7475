import { useState } from 'preact/hooks';
import { errorText, t } from '../lib/i18n';
import type { Settings } from '../lib/storage/schemas';

// Each platform on or off (DESIGN.md, issue 15): one card of the options page. A switch takes effect at once
// (saved on change, like a power switch), so it never waits on the rest of the form's draft.

export interface PlatformSwitchesProps {
  settings: Settings;
  /** Every platform: the built-in ones, then the worker's custom sites. */
  platforms: readonly { id: string; name: string }[];
  onSave: (settings: Settings) => Promise<void>;
}

export function PlatformSwitches({ settings, platforms, onSave }: PlatformSwitchesProps) {
  const [problem, setProblem] = useState<string | null>(null);
  // What was just switched shows at once, before the saved settings come back.
  const [off, setOff] = useState<readonly string[] | null>(null);
  const disabled = off ?? settings.disabledPlatforms;
  const toggle = async (id: string, on: boolean) => {
    const next = on ? disabled.filter((p) => p !== id) : [...new Set([...disabled, id])];
    setOff(next);
    setProblem(null);
    try {
      await onSave({ ...settings, disabledPlatforms: next });
    } catch (error) {
      setOff(null);
      setProblem(t('saveFailed', [errorText(error)]));
    }
  };
  return (
    <fieldset class="platform-switches">
      <legend>{t('groupPlatforms')}</legend>
      <p class="muted">{t('platformsHint')}</p>
      <div class="checks">
        {platforms.map(({ id, name }) => (
          <label key={id} for={`record-${id}`} class="check">
            <input
              type="checkbox"
              id={`record-${id}`}
              name={`record-${id}`}
              checked={!disabled.includes(id)}
              onChange={(event) => void toggle(id, (event.currentTarget as HTMLInputElement).checked)}
            />
            {t('recordPlatform', [name])}
          </label>
        ))}
      </div>
      {problem && (
        <p role="alert" class="error">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
