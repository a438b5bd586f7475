import type { RateBand } from '../../lib/domain/rate';
import { t } from '../../lib/i18n';

// A rate's band (DESIGN.md, "Rates"; STYLE.md: never told by colour alone): a sign and a word beside the colour.

/** The sign and the word of each band (written out so that the messages test sees each key used). */
function bandText(band: RateBand): { sign: string; word: string } {
  switch (band) {
    case 'under':
      return { sign: '▼', word: t('bandUnder') };
    case 'between':
      return { sign: '●', word: t('bandBetween') };
    case 'good':
      return { sign: '▲', word: t('bandGood') };
    case 'no-minimum':
      return { sign: '○', word: t('bandNoMinimum') };
  }
}

export function RateBadge({ band, title }: { band: RateBand; title?: string }) {
  const { sign, word } = bandText(band);
  return (
    <span class={`band band-${band === 'no-minimum' ? 'none' : band}`} data-band={band} title={title}>
      <span class="band-sign" aria-hidden="true">
        {sign}
      </span>
      {word}
    </span>
  );
}
