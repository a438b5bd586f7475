// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DataCard } from '../../../components/data/DataCard';
import { OptionsView } from '../../../components/OptionsView';
import { setTranslator } from '../../../lib/i18n';
import { DEFAULT_SETTINGS } from '../../../lib/storage/settings';

// Screen-reader users move through a page by its headings: each level follows the one above it, none skipped
// (an h3 straight under the h1 reads as part of a section that is not there).
beforeEach(() => setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key)));
afterEach(() => {
  cleanup();
  setTranslator();
});

const skips = () => {
  const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => ({ level: Number(h.tagName[1]), text: h.textContent }));
  return levels.filter((h, i) => i > 0 && h.level > levels[i - 1]!.level + 1).map((h) => `h${h.level} ${h.text} after h${levels[levels.indexOf(h) - 1]!.level}`);
};

describe('heading levels', () => {
  it('the options page skips none', () => {
    const at = Date.UTC(2026, 10, 30);
    render(
      <OptionsView data={{ settings: DEFAULT_SETTINGS, quarantined: 0, health: { mturk: { task: { okAt: at, failed: 0 } } } }} locale="en" onSave={vi.fn(async () => {})} now={() => at}>
        <DataCard locale="en" browserMaker="Google" onBackup={vi.fn()} onPreview={vi.fn()} onImport={vi.fn()} onCancelImport={vi.fn()} onDeleteAll={vi.fn()} onOpenStatement={vi.fn()} />
      </OptionsView>,
    );
    expect(document.querySelector('h1')).not.toBeNull();
    expect(skips()).toEqual([]);
  });
});
