// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PageHealthCard } from '../../../components/PageHealthCard';
import { DelayCell } from '../../../components/history/stats/cells';
import { setTranslator } from '../../../lib/i18n';
import { frenchTranslator, plain } from './period-fixtures';

// Counts said in words follow the plural rules of the language (Intl.PluralRules, the catalogue's plural forms),
// and are written as the language writes numbers: never "1 illisibles" nor "connu(s)", nor "1234" for "1 234".
beforeEach(() => setTranslator(frenchTranslator(), 'fr'));
afterEach(() => {
  cleanup();
  setTranslator();
});

const at = Date.UTC(2026, 10, 30, 12, 0);
const health = (failed: number) => {
  render(<PageHealthCard health={{ mturk: { task: { okAt: at, failed, failedAt: at } } }} platforms={[{ id: 'mturk', name: 'Amazon Mechanical Turk' }]} locale="fr-FR" />);
  const text = plain(document.querySelector('[data-kind="task"]')?.textContent);
  cleanup();
  return text;
};
const delay = (count: number) => {
  render(<DelayCell delays={{ count, medianMs: null }} locale="fr-FR" />);
  const text = plain(document.body.textContent);
  cleanup();
  return text;
};

describe('counted words in French', () => {
  it('the options page’s health line: one page unreadable, or several, as French says it', () => {
    expect(health(1)).toMatch(/, 1 illisible depuis$/);
    expect(health(3)).toMatch(/, 3 illisibles depuis$/);
    expect(health(1234)).toMatch(/, 1 234 illisibles depuis$/);
  });

  it('the history’s figures: too few approval delays for a median, without "(s)"', () => {
    expect(delay(1)).toBe('1 connu, 3 nécessaires');
    expect(delay(2)).toBe('2 connus, 3 nécessaires');
  });
});
