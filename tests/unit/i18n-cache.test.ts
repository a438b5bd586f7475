import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { setTranslator, t } from '../../lib/i18n';

// Issue 18: the history list's rows ask for the same few words on every frame of a scroll; the browser's
// getMessage (a native call) showed in its CPU profile. A page's words never change: each is asked once.

afterEach(() => vi.restoreAllMocks());

describe('t() with the browser catalogue', () => {
  it('asks the browser once for a plain message, every time for one with substitutions', () => {
    setTranslator();
    const getMessage = vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((key: string, subs?: string[]) => (subs ? `${key}:${subs.join()}` : `<${key}>`)) as never);
    expect([t('historyNone'), t('historyNone'), t('historyNone')]).toEqual(['<historyNone>', '<historyNone>', '<historyNone>']);
    expect(getMessage.mock.calls.filter(([key]) => key === 'historyNone')).toHaveLength(1);
    expect([t('perHour', ['$1.00']), t('perHour', ['$2.00'])]).toEqual(['perHour:$1.00', 'perHour:$2.00']);
    expect(getMessage.mock.calls.filter(([key]) => key === 'perHour')).toHaveLength(2);
  });
});
