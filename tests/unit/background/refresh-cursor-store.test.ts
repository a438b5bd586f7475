import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { refreshEnv } from '../../../lib/background/browser-env';

describe('the stored status cursor', () => {
  it('is kept per platform in extension storage, across a restarted worker', async () => {
    await refreshEnv.saveCursor('mturk', { done: ['2026-11-20'], at: { day: '2026-11-21', page: 3, seen: 40 } });
    await refreshEnv.saveCursor('other', { done: [] });
    expect(await refreshEnv.loadCursor('mturk')).toEqual({ done: ['2026-11-20'], at: { day: '2026-11-21', page: 3, seen: 40 } });
    expect(await refreshEnv.loadCursor('other')).toEqual({ done: [] });
    expect(await refreshEnv.loadCursor('prolific')).toBeNull();
    // Where the next tests put what a broken or older Centime might have left.
    expect(await fakeBrowser.storage.local.get('refreshCursor')).toEqual({ refreshCursor: { mturk: expect.anything(), other: { done: [] } } });
  });

  it.each([
    ['not an object', 'x'],
    ['a day that is not one', { done: ['last week'] }],
    ['a page past the cap', { done: [], at: { day: '2026-11-21', page: 10_000, seen: 0 } }],
  ])('is read as none when it is %s (only the round restarts)', async (_, stored) => {
    await fakeBrowser.storage.local.set({ refreshCursor: { mturk: stored } });
    expect(await refreshEnv.loadCursor('mturk')).toBeNull();
  });
});
