import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { platformName } from '../../components/period-format';
import { setTranslator } from '../../lib/i18n';
import { setCustomSiteNames, siteNames } from '../../lib/site-names';

// How pages name the worker's custom sites: by the names the worker gave them, told apart where two are alike.
beforeEach(() => setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key)));
afterEach(() => {
  setCustomSiteNames([]);
  setTranslator();
});

const hint = (name: string, site: string) => `${name} (${site})`;

describe('custom site names', () => {
  it("names each site by its rule's name, whatever its id", () => {
    const names = siteNames([{ id: 'site-k3j9x2ab', name: 'Taskmill', match: 'https://tasks.example.net/*' }, { id: 'clickworker', name: 'My Clickworker', match: 'https://workplace.clickworker.com/*' }], [], hint);
    expect([...names]).toEqual([
      ['custom:site-k3j9x2ab', 'Taskmill'],
      ['custom:clickworker', 'My Clickworker'],
    ]);
  });

  it('tells two sites of one name (in any case) apart by their hosts, and two on one host by their ids', () => {
    const names = siteNames(
      [
        { id: 'site-aaaa1111', name: 'Surveys', match: 'https://*.panel.example.net/*' },
        { id: 'site-bbbb2222', name: 'SURVEYS', match: 'https://surveys.example.org/take/*' },
        { id: 'site-cccc3333', name: 'Studies', match: 'https://lab.example.com/a/*' },
        { id: 'site-dddd4444', name: 'Studies', match: 'https://lab.example.com/b/*' },
        // Not set up yet: no host to tell it by, so its id.
        { id: 'site-eeee5555', name: 'Studies', match: '' },
        { id: 'site-ffff6666', name: 'Alone', match: 'https://alone.example.com/*' },
      ],
      [],
      hint,
    );
    expect([...names.values()]).toEqual([
      'Surveys (panel.example.net)',
      'SURVEYS (surveys.example.org)',
      'Studies (site-cccc3333)',
      'Studies (site-dddd4444)',
      'Studies (site-eeee5555)',
      'Alone',
    ]);
    expect(new Set(names.values()).size).toBe(names.size);
  });

  it("tells a site named like a built-in platform apart from it", () => {
    const names = siteNames([{ id: 'site-aaaa1111', name: 'prolific', match: 'https://connect.example.com/*' }], ['Amazon Mechanical Turk', 'Prolific'], hint);
    expect(names.get('custom:site-aaaa1111')).toBe('prolific (connect.example.com)');
  });

  it("is what platformName shows; a site whose rule was removed keeps its id, and built-in platforms their names", () => {
    setCustomSiteNames([
      { id: 'site-k3j9x2ab', name: 'Taskmill', match: 'https://tasks.example.net/*' },
      { id: 'site-aaaa1111', name: 'Surveys', match: 'https://a.example.net/*' },
      { id: 'site-bbbb2222', name: 'Surveys', match: 'https://b.example.org/*' },
    ]);
    expect(['custom:site-k3j9x2ab', 'custom:site-aaaa1111', 'custom:site-bbbb2222', 'custom:gone-1', 'mturk', 'manual'].map(platformName)).toEqual([
      'Taskmill',
      'customSiteWithHint(Surveys|a.example.net)',
      'customSiteWithHint(Surveys|b.example.org)',
      'gone-1',
      'Amazon Mechanical Turk',
      'manualPlatform',
    ]);
    setCustomSiteNames([]);
    expect(platformName('custom:site-k3j9x2ab')).toBe('site-k3j9x2ab');
  });
});
