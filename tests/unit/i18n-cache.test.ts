// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { setTranslator, t, uiLocale } from '../../lib/i18n';

// Issue 18: the history list's rows ask for the same few words on every frame of a scroll, some with a task's ids
// in them; the browser's getMessage (a native call) showed in its CPU profile. A page's words never change: each
// message is asked once.

afterEach(() => {
  vi.restoreAllMocks();
  setTranslator();
});

/** The browser's own filling: $1 to $9 by the values given ('' where none), in one pass; $$ is a dollar sign. */
function browserFilling(catalogue: Record<string, string>) {
  return ((key: string, subs?: string | string[]) =>
    (catalogue[key] ?? '').replace(/\$(\$|[1-9])/g, (_, n: string) => (n === '$' ? '$' : ([subs ?? []].flat()[Number(n) - 1] ?? '')))) as never;
}

describe('t() with the browser catalogue', () => {
  it('asks the browser once for a plain message', () => {
    setTranslator();
    const getMessage = vi.spyOn(browser.i18n, 'getMessage').mockImplementation(browserFilling({ historyNone: '—' }));
    expect([t('historyNone'), t('historyNone'), t('historyNone')]).toEqual(['—', '—', '—']);
    expect(getMessage).toHaveBeenCalledTimes(1);
  });

  it('asks once for a message with substitutions, and fills it as the browser would', () => {
    setTranslator();
    const catalogue = { historyTaskId: 'Task $1 ($$2)', historyHit: '$2 then $1, $3.' };
    const getMessage = vi.spyOn(browser.i18n, 'getMessage').mockImplementation(browserFilling(catalogue));
    const cases: [keyof typeof catalogue, string[]][] = [
      ['historyTaskId', ['3ABC']],
      ['historyTaskId', ['$1 and $2']],
      ['historyHit', ['a', 'b']],
      // A value is never read for places of its own, not even one holding the mark used inside.
      ['historyHit', ['\ue000', '$1', 'c', 'extra']],
    ];
    const native = cases.map(([key, subs]) => browser.i18n.getMessage(key, subs));
    expect(native).toEqual(['Task 3ABC ($2)', 'Task $1 and $2 ($2)', 'b then a, .', '$1 then \ue000, c.']);
    getMessage.mockClear();
    expect(cases.map(([key, subs]) => t(key, subs))).toEqual(native);
    expect(t('historyTaskId', ['again'])).toBe('Task again ($2)');
    expect(getMessage).toHaveBeenCalledTimes(2); // once per message
  });

  it('shows the key of a message the catalogue does not have, with or without substitutions', () => {
    setTranslator();
    vi.spyOn(browser.i18n, 'getMessage').mockImplementation(browserFilling({}));
    expect([t('historyNone'), t('historyTaskId', ['x'])]).toEqual(['historyNone', 'historyTaskId']);
  });

  it('asks the browser for its locale once, and again when the preferred languages or the translator change', () => {
    const ui = vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('en-US');
    vi.spyOn(browser.i18n, 'getMessage').mockImplementation(browserFilling({ catalogueLanguage: 'fr' }));
    const languages = vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['de-DE', 'fr-CA']);
    setTranslator();
    expect([uiLocale(), uiLocale()]).toEqual(['fr-CA', 'fr-CA']);
    expect(ui).toHaveBeenCalledTimes(1);
    languages.mockReturnValue(['fr-BE']);
    expect(uiLocale()).toBe('fr-CA'); // kept until the browser says its languages changed
    dispatchEvent(new Event('languagechange'));
    expect(uiLocale()).toBe('fr-BE');
    expect(ui).toHaveBeenCalledTimes(2);
    setTranslator((key) => key, 'fr-FR');
    expect(uiLocale()).toBe('fr-FR');
    setTranslator();
    expect(uiLocale()).toBe('fr-BE');
    expect(ui).toHaveBeenCalledTimes(3);
  });
});
