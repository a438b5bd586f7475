// The currency of the browser's region: the default display currency of a new install (DESIGN.md "Display
// currency"). No network, no Intl lookup (Intl has no region → currency data): a small table of the regions
// workers on these platforms live in, plus the eurozone. Anything else falls back to USD, MTurk's currency.

const EUROZONE = ['AT', 'BE', 'CY', 'DE', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PT', 'SI', 'SK'];

const BY_REGION: Readonly<Record<string, string>> = {
  ...Object.fromEntries(EUROZONE.map((region) => [region, 'EUR'])),
  US: 'USD', GB: 'GBP', CA: 'CAD', AU: 'AUD', NZ: 'NZD', IN: 'INR', JP: 'JPY', CN: 'CNY', KR: 'KRW',
  BR: 'BRL', MX: 'MXN', ZA: 'ZAR', NG: 'NGN', KE: 'KES', PH: 'PHP', PK: 'PKR', BD: 'BDT', ID: 'IDR',
  CH: 'CHF', SE: 'SEK', NO: 'NOK', DK: 'DKK', PL: 'PLN', CZ: 'CZK', HU: 'HUF', RO: 'RON', TR: 'TRY',
  RU: 'RUB', UA: 'UAH', IL: 'ILS', SG: 'SGD', HK: 'HKD', VE: 'VES', AR: 'ARS', CL: 'CLP', CO: 'COP',
};

/** A BCP 47 tag's region ('fr-FR' → 'FR', 'zh-Hant-TW' → 'TW'), or undefined when it names none. */
function regionOf(locale: string): string | undefined {
  try {
    const region = new Intl.Locale(locale).region;
    if (region) return region.toUpperCase();
  } catch {
    // Not a valid tag: read it by hand below.
  }
  return locale.split(/[-_]/).slice(1).find((part) => /^[A-Za-z]{2}$/.test(part))?.toUpperCase();
}

export function regionCurrency(locale: string | undefined): string {
  const region = locale ? regionOf(locale) : undefined;
  return (region && BY_REGION[region]) || 'USD';
}
