import { describe, expect, it } from 'vitest';
import { matchesPattern, originPatternOf } from '../../../lib/platforms/custom-rule';
import { presetRule, presets } from '../../../lib/platforms/presets';
import { roughSelectorCheck, validateRule } from '../../../lib/storage/custom-rules';

// The selectors DESIGN.md names for these sites ("Platforms"): a preset may use no other.
const DESIGN_SELECTORS = ['div.project-card', '[class*="project-pay-per-hour-"]', '.jobslist', '.jobpayment', '.jobname a'];

describe('presets', () => {
  it.each(presets.map((p) => [p.id, p] as const))('%s passes validateRule unchanged (DOM and no-DOM checks)', (_, preset) => {
    expect(validateRule(preset)).toEqual({ ok: true, rule: preset });
    expect(validateRule(preset, roughSelectorCheck)).toEqual({ ok: true, rule: preset });
  });

  it('cover the sites DESIGN.md lists, each marked with its own id and starting disabled', () => {
    expect(presets.map((p) => p.id)).toEqual(['clickworker', 'microworkers', 'toloka', 'connect', 'rapidworkers']);
    for (const p of presets) expect(p).toMatchObject({ preset: p.id, enabled: false });
  });

  it('use no selector DESIGN.md does not name, and need setup where the title selector is unknown', () => {
    for (const p of presets) {
      const selectors = [p.titleSelector, p.rewardSelector, p.submit.kind === 'url' ? undefined : p.submit.selector];
      for (const s of selectors) if (s) expect(DESIGN_SELECTORS, p.id).toContain(s);
      if (!p.titleSelector) expect(p.needsSetup, p.id).toBe(true);
    }
  });

  it('pre-fill the payout thresholds DESIGN.md gives, and none it leaves to the worker', () => {
    const threshold = Object.fromEntries(presets.map((p) => [p.id, p.payoutThreshold]));
    expect(threshold).toEqual({
      clickworker: { minor: 1000, currency: 'EUR' },
      microworkers: { minor: 900, currency: 'USD' },
      toloka: undefined,
      connect: undefined,
      rapidworkers: undefined,
    });
  });

  it('time Connect studies as external work, the rest in the tab', () => {
    for (const p of presets) expect(p.timing, p.id).toBe(p.id === 'connect' ? 'external' : 'internal');
  });

  it.each([
    ['clickworker', 'https://workplace.clickworker.com/en/workplace/jobs/123456/edit', 'https://workplace.clickworker.com/en/workplace/jobs'],
    ['microworkers', 'https://ttv.microworkers.com/dotask/run/d472ac0550fb_HG', 'https://www.microworkers.com/jobs.php'],
    ['toloka', 'https://toloka.ai/task/41122/00000a1b2c--5f3e', 'https://toloka.ai/tasks'],
    ['connect', 'https://connect.cloudresearch.com/participant/dashboard', 'https://cloudresearch.com/participant/dashboard'],
    ['rapidworkers', 'http://rapidworkers.com/jobs', 'https://rapidworkers.com.evil.test/'],
  ])('%s matches its own pages (%s) and not others (%s)', (id, yes, no) => {
    const preset = presets.find((p) => p.id === id)!;
    expect(matchesPattern(preset.match, new URL(yes))).toBe(true);
    expect(matchesPattern(preset.match, new URL(no))).toBe(false);
  });

  it('ask for access to their whole site only', () => {
    expect(presets.map(originPatternOf)).toEqual([
      'https://workplace.clickworker.com/*',
      'https://*.microworkers.com/*',
      'https://toloka.ai/*',
      'https://connect.cloudresearch.com/*',
      '*://*.rapidworkers.com/*',
    ]);
  });

  it('are copied, never shared, for the options page to edit', () => {
    const copy = presetRule('clickworker')!;
    copy.payoutThreshold!.currency = 'USD';
    copy.titleSelector = 'h1';
    expect(presets[0]).toMatchObject({ payoutThreshold: { currency: 'EUR' } });
    expect(presets[0]!.titleSelector).toBeUndefined();
    expect(presetRule('nope')).toBeUndefined();
  });
});
