import type { ExchangeRate } from './domain/money';
import { semicolonList, t } from './i18n';

/**
 * The worker's exchange rates as "1 GBP = 1.27 USD", each with the day it was entered where known: what a mark on a
 * converted figure says on hover and focus (DESIGN.md, "Display currency"). Pages and the background (the overlay's
 * words, the badge's title) alike.
 */
export function ratesText(rates: readonly ExchangeRate[], locale: string): string {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 6 });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  // Joined as the language writes a list with semicolons (French: a no-break space before each).
  return semicolonList(
    rates.map((r) => {
      const rate = `1 ${r.from} = ${number.format(r.rate)} ${r.to}`;
      return r.enteredAt === undefined ? rate : t('rateWithDate', [rate, day.format(r.enteredAt)]);
    }),
  );
}
