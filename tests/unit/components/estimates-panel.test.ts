// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { panelText } from '../../../lib/background/panel-text';
import { setTranslator } from '../../../lib/i18n';
import { EstimatesPanel } from '../../../lib/runtime/estimates-panel';

const usd = (minor: number) => ({ minor, currency: 'USD' });
const detailsOf = (p: EstimatesPanel) => (p as unknown as { details: HTMLDetailsElement }).details;

describe('estimates panel', () => {
  let panel: EstimatesPanel;
  beforeEach(() => {
    setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key));
    panel = new EstimatesPanel();
  });
  afterEach(() => {
    panel.unmount();
    setTranslator();
  });

  it('takes the place of a panel an older copy left in the page (cut off by an update, it cannot remove it)', () => {
    const text = { summary: '1 of 1 under', rows: [] };
    new EstimatesPanel().show(text);
    panel.show(text);
    expect(document.querySelectorAll('centime-estimates')).toHaveLength(1);
    panel.unmount();
    expect(document.querySelectorAll('centime-estimates')).toHaveLength(0);
  });

  it('marks in words only rows whose expected rate is under the minimum, and shows the worst case muted', () => {
    // The words are the background's (panel-text.ts); the panel only lays them out.
    panel.show(
      panelText(
        ['<img src=x onerror=alert(1)>', 'Fast one', 'New group', 'A study'],
        [
          { basis: 'group', samples: 3, medianMs: 60_000, expected: usd(600), band: 'under', worstCase: usd(60) },
          { basis: 'requester', samples: 5, medianMs: 20_000, expected: usd(1800), band: 'good' },
          { basis: 'none', samples: 0, worstCase: usd(1) },
          { basis: 'platform', samples: 0, medianMs: 600_000, expected: usd(600), band: 'under' },
        ],
        'en-US',
      ),
    );
    const details = detailsOf(panel);
    expect(details.querySelector('summary')!.textContent).toBe('estimatesSummary_other(2|4)');
    // The rows are built when the worker opens the panel, not with every page.
    expect(details.querySelectorAll('li')).toHaveLength(0);
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
    const items = [...details.querySelectorAll('li')];
    expect(details.querySelector('img')).toBeNull();
    expect(items[0]!.querySelector('.title')!.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(items[0]!.textContent).toContain('estimateGroup_other($6.00|1:00|3) — estimateUnder');
    expect(items[0]!.querySelector('.under')).not.toBeNull();
    expect(items[0]!.textContent).toContain('worstCase($0.60)');
    expect(items[1]!.textContent).toContain('estimateRequester_other($18.00|0:20|5)');
    expect(items[1]!.textContent).not.toContain('estimateUnder');
    expect(items[2]!.textContent).toContain('noEstimate');
    expect(items[2]!.querySelector('.under')).toBeNull();
    expect(items[2]!.querySelector('.muted')).not.toBeNull();
    expect(items[3]!.textContent).toContain('estimatePlatform($6.00|10:00) — estimateUnder');
    expect(document.querySelector('centime-estimates')).not.toBeNull();
  });
});
