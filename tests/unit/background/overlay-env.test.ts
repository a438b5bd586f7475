import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { OverlayEnv } from '../../../lib/background/overlay';

// The env keeps its copies for the module's life (the worker's): a fresh module for each test.
let env: OverlayEnv;
beforeEach(async () => {
  vi.resetModules();
  env = (await import('../../../lib/background/overlay-env')).overlayEnv;
});

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the overlay keeper’s stored records, read through copies', () => {
  it('reads the place once, and again after the overlay in the page moved it', async () => {
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    expect(await env.place()).toEqual({ x: 16, y: 16, collapsed: false });
    expect(await env.place()).toEqual({ x: 16, y: 16, collapsed: false });
    expect(get).toHaveBeenCalledTimes(1);
    // As lib/runtime/overlay.ts writes it.
    await fakeBrowser.storage.local.set({ overlay: { x: 40, y: 300, collapsed: true } });
    await settle();
    expect(await env.place()).toEqual({ x: 40, y: 300, collapsed: true });
    expect(await env.place()).toEqual({ x: 40, y: 300, collapsed: true });
    expect(get).toHaveBeenCalledTimes(2);
  });

  it('reads a place stored before the worker started, and ignores a malformed one', async () => {
    await fakeBrowser.storage.local.set({ overlay: { x: 120, y: 40, collapsed: true } });
    expect(await env.place()).toEqual({ x: 120, y: 40, collapsed: true });
    await fakeBrowser.storage.local.set({ overlay: { x: 'left', y: 3 } });
    await settle();
    expect(await env.place()).toEqual({ x: 16, y: 16, collapsed: false });
  });

  it('keeps the tabs it saved without reading them back, and hands out copies', async () => {
    await fakeBrowser.storage.session.set({ overlayTabs: { 7: { key: 'mturk:A', frameId: 0 } } });
    const get = vi.spyOn(fakeBrowser.storage.session, 'get');
    const first = await env.loadTabs();
    expect(first).toEqual({ 7: { key: 'mturk:A', frameId: 0 } });
    // The keeper changes what it was given before saving: no one else sees that change.
    delete first[7];
    expect(await env.loadTabs()).toEqual({ 7: { key: 'mturk:A', frameId: 0 } });
    await env.saveTabs({ ...first, 9: { key: 'prolific:B', frameId: 2 } });
    expect(await env.loadTabs()).toEqual({ 9: { key: 'prolific:B', frameId: 2 } });
    expect(get).toHaveBeenCalledTimes(1);
    // Written through: a worker started after this one finds them.
    expect((await fakeBrowser.storage.session.get('overlayTabs')).overlayTabs).toEqual({ 9: { key: 'prolific:B', frameId: 2 } });
  });

  it('reads the tabs again after another context cleared them ("delete all")', async () => {
    await env.saveTabs({ 3: { key: 'mturk:C', frameId: 0 } });
    await fakeBrowser.storage.session.clear();
    await settle();
    expect(await env.loadTabs()).toEqual({});
  });
});
