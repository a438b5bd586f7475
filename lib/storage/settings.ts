import { storage } from 'wxt/utils/storage';
import { regionCurrency } from '../domain/region-currency';
import { settingsKind } from './kinds';
import { quarantine } from './quarantine';
import { SETTINGS_VERSION, settingsSchema, type Settings } from './schemas';
import { upgrade } from './versioned';

/** DESIGN.md's prefilled values: USD 7.25 (US federal minimum) and GBP 6.00 (Prolific's floor) per hour. */
export const DEFAULT_SETTINGS: Settings = {
  v: SETTINGS_VERSION,
  minRates: { USD: 725, GBP: 600 },
  targetRates: { USD: 1000, GBP: 900 },
  idleTimeoutSec: 120,
  displayCurrency: 'USD',
  exchangeRates: [],
  // Custom sites (Clickworker, Microworkers…) carry their threshold in their rule (lib/platforms/presets.ts).
  payoutThresholds: {
    mturk: [],
    prolific: [
      { minor: 600, currency: 'GBP' },
      { minor: 600, currency: 'USD' },
    ],
  },
  overlay: true,
  notifications: true,
  autoRefresh: { enabled: false, everyMinutes: 60 },
  sessionGapMin: 15,
  disabledPlatforms: [],
  syncSettings: false,
};

/** The browser's language tag (the background has `navigator` too); replaceable so tests pick a region. */
let browserLocale = (): string | undefined => globalThis.navigator?.language;
export function setBrowserLocale(read?: () => string | undefined): void {
  browserLocale = read ?? ((): string | undefined => globalThis.navigator?.language);
}

/** A new install's settings: the defaults, shown in the currency of the browser's region (fr-FR → EUR). */
export function firstSettings(locale: string | undefined = browserLocale()): Settings {
  return { ...DEFAULT_SETTINGS, displayCurrency: regionCurrency(locale) };
}

/** Raw on purpose: what is stored is validated on every read, never trusted. */
const settingsItem = storage.defineItem<unknown>('local:settings');

export interface LoadedSettings {
  settings: Settings;
  /** Set when the stored settings were invalid and defaults are shown instead (the original is quarantined). */
  problem?: string;
}

export async function loadSettings(now: number = Date.now()): Promise<LoadedSettings> {
  const raw = await settingsItem.getValue();
  if (raw === null || raw === undefined) return { settings: firstSettings() };
  const result = upgrade(settingsKind, raw);
  if (result.ok) return { settings: result.value };
  // Keep the original aside first; then store the defaults so that it is not quarantined again on every read.
  // The options page reports the quarantine count, so this is never silent.
  await quarantine({ source: 'settings', reason: result.error, raw, at: now });
  await settingsItem.setValue(DEFAULT_SETTINGS);
  return { settings: DEFAULT_SETTINGS, problem: result.error };
}

/** Validates before writing, so that an invalid form can never replace good settings. */
export async function saveSettings(settings: Settings): Promise<void> {
  await settingsItem.setValue(settingsSchema.parse(settings));
}

export function watchSettings(onChange: () => void): () => void {
  return settingsItem.watch(onChange);
}

/**
 * The settings as the background reads them on every message and decision (the router's switched-off platforms,
 * the tracker's, the badge's and the overlay's thresholds): read once, then again only after they change
 * (`storage.onChanged`, whoever wrote them: the options page, the sync mirror, "delete all"). A task page's
 * message then waits for no storage read before its event is written (issue 18, docs/page-cost.md).
 */
export function settingsCache(): () => Promise<LoadedSettings> {
  let current: Promise<LoadedSettings> | undefined;
  settingsItem.watch(() => (current = undefined));
  return () => {
    if (current) return current;
    const load: Promise<LoadedSettings> = loadSettings().catch((error: unknown) => {
      // A failed read is not kept: the next caller reads again.
      if (current === load) current = undefined;
      throw error;
    });
    return (current = load);
  };
}
