import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { browserEnv } from '../../../lib/background/browser-env';
import { keepViewed, seeStudy, VIEWED_MAX, VIEWED_MAX_AGE_MS, type ViewedStudies } from '../../../lib/background/viewed-studies';
import { clearQuarantine, quarantineCount } from '../../../lib/storage/quarantine';

const snapshot = (taskId: string) => ({ platform: 'prolific', taskId, title: 'Study', requesterName: 'Lab', reward: null });
const NOW = Date.UTC(2026, 10, 27, 14);

describe('the studies only looked at', () => {
  beforeEach(() => clearQuarantine());

  it('stay few and recent: at most 30, none last seen over a week ago', () => {
    let viewed: ViewedStudies = {};
    for (let i = 0; i < VIEWED_MAX + 5; i++) {
      viewed = seeStudy(viewed, `prolific:s${i}`, snapshot(`s${i}`), { wall: NOW + i, tabId: i, openedFromTab: () => [] });
    }
    expect(Object.keys(viewed)).toHaveLength(VIEWED_MAX);
    expect(viewed['prolific:s0']).toBeUndefined();
    expect(Object.keys(keepViewed(viewed, NOW + VIEWED_MAX_AGE_MS + 30))).toEqual(['prolific:s34', 'prolific:s33', 'prolific:s32', 'prolific:s31', 'prolific:s30']);
  });

  it('remember the tabs already opened from a tab the first time a study is seen there, not again', () => {
    let viewed = seeStudy({}, 'prolific:a', snapshot('a'), { wall: NOW, tabId: 1, openedFromTab: () => [4] });
    viewed = seeStudy(viewed, 'prolific:a', snapshot('a'), { wall: NOW + 1, tabId: 1, openedFromTab: () => [4, 5] });
    expect(viewed['prolific:a']).toMatchObject({ tabId: 1, firstSeenAt: NOW, seenAt: NOW + 1, openedBefore: [4] });
    viewed = seeStudy(viewed, 'prolific:a', snapshot('a'), { wall: NOW + 2, tabId: 2, openedFromTab: () => [] });
    expect(viewed['prolific:a']).toMatchObject({ tabId: 2, firstSeenAt: NOW, openedBefore: [] });
  });

  it('are checked when read back: a record that fails is kept aside, not used', async () => {
    const env = browserEnv(() => 120);
    await fakeBrowser.storage.session.set({ viewedStudies: { 'prolific:a': { snapshot: { taskId: 42 } } } });
    expect(await env.loadViewed()).toEqual({});
    expect(await quarantineCount()).toBe(1);
    await fakeBrowser.storage.local.set({ studyMarks: { 'prolific:a': { detached: 'yes' } } });
    expect(await env.loadStudyMarks()).toEqual({});
    expect(await quarantineCount()).toBe(2);
    const good = seeStudy({}, 'prolific:b', snapshot('b'), { wall: NOW, tabId: 3, openedFromTab: () => [] });
    await env.saveViewed(good);
    expect(await env.loadViewed()).toEqual(good);
  });
});
