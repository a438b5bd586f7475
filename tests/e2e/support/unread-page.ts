import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver, StoredTask, Tab } from './driver';
import { routeKey, sidecar } from './fixtures';
import { fixtureHtml, type Site } from './served';

/**
 * Issue 19 in both browsers: MTurk renamed a component. The real task-page fixture with its `ShowModal` props under
 * another component name is still timed by its URL; where the visible "Reward" label is gone too, the overlay says
 * in words that Centime is timing but could not read the reward, with a field to type it, the badge shows "?",
 * and the popup lists the task first with the same words. Before the fix such a page recorded nothing and said
 * nothing: no overlay, an empty badge, "No task seen yet".
 */
const task = sidecar('mturk/task-page.json');
const on = (hitId: string, assignmentId: string) => {
  const u = new URL(task.url);
  u.pathname = u.pathname.replace(/tasks\/[A-Z0-9]+$/, `tasks/${hitId}`);
  u.searchParams.set('assignment_id', assignmentId);
  return u.href;
};
/** ShowModal renamed, and the "Reward" label too: nothing on the page gives the reward. */
export const UNREAD = on('3UNREADHIT0000000000000000001', '3UNREADASSIGNMENT00000000001');
/** ShowModal renamed only: the reward is read from the visible "Reward" label. */
export const BY_TEXT = on('3BYTEXTHIT0000000000000000001', '3BYTEXTASSIGNMENT00000000001');
const renamed = fixtureHtml('mturk/task-page.html').replace('reactComponents/common/ShowModal&#39;', 'reactComponents/common/HitDetailsModal&#39;');

export const unreadSite: Site = {
  [routeKey(UNREAD)]: { html: renamed.replace('>Reward<', '>Payment<') },
  [routeKey(BY_TEXT)]: { html: renamed },
  'https://requester.example.org/hit.html': { html: '<!doctype html><title>HIT</title><form><textarea></textarea></form>' },
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const UNREAD_WORDS = 'Centime is timing this task but could not read its reward';

export interface UnreadHarness {
  driver: Driver;
  /** The overlay's text in a tab (its shadow root is closed: each browser has its own way in). */
  overlay(tab: Tab): Promise<{ text: string; box: string }>;
  close(): Promise<void>;
}

export function unreadFlows(launch: () => Promise<UnreadHarness>) {
  describe('a task page MTurk changed (issue 19)', () => {
    let h: UnreadHarness;
    beforeAll(async () => void (h = await launch()));
    afterAll(async () => h?.close());

    async function work(url: string): Promise<Tab> {
      const tab = await h.driver.newTab();
      await tab.bringToFront();
      await tab.goto(url);
      return tab;
    }

    it('times the renamed page with no reward to read, and the overlay, the badge and the popup ask for it', async () => {
      const tab = await work(UNREAD);
      await expect.poll(async () => (await h.overlay(tab)).text, { timeout: 8_000 }).toContain(UNREAD_WORDS);
      expect((await h.overlay(tab)).text).toContain('Reward');
      await expect.poll(async () => (await h.driver.badge()).text, { timeout: 8_000 }).toBe('?');
      await sleep(3_000);
      const popup = await h.driver.openPopup();
      const first = await popup.evaluate(
        () => ({ id: document.querySelector('ul.tasks > li')?.getAttribute('data-task-id'), words: document.querySelector('ul.tasks > li .unread-reward')?.textContent ?? '' }),
        null,
      );
      expect(first.id).toBe(new URL(UNREAD).searchParams.get('assignment_id'));
      expect(first.words).toContain(UNREAD_WORDS);
      await popup.close();
      await tab.close();
    });

    it('reads the reward of the renamed page from its visible "Reward" label, and does not ask', async () => {
      const tab = await work(BY_TEXT);
      await expect.poll(async () => (await h.overlay(tab)).text, { timeout: 8_000 }).toContain('$0.50');
      expect((await h.overlay(tab)).text).not.toContain(UNREAD_WORDS);
      await tab.close();
    });

    it('recorded both as open tasks timed by their URL, saying what is missing', async () => {
      const unread = await h.driver.readRecord<StoredTask & { missing?: string[]; reward: unknown }>(`task:mturk:${new URL(UNREAD).searchParams.get('assignment_id')}`);
      expect(unread).toMatchObject({ missing: ['reward', 'requester'], reward: null });
      expect(unread!.activeMs).toBeGreaterThan(2_000);
      const byText = await h.driver.readRecord<StoredTask & { missing?: string[]; reward: unknown }>(`task:mturk:${new URL(BY_TEXT).searchParams.get('assignment_id')}`);
      expect(byText).toMatchObject({ missing: ['requester'], reward: { minor: 50, currency: 'USD' } });
    });
  });
}
