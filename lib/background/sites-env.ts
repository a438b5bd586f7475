import { browser } from 'wxt/browser';
import { CentimeError } from '../errors';
import { t } from '../i18n';
import { originPatternOf } from '../platforms/custom-rule';
import type { SitesEnv } from './custom-handlers';

/** `SitesEnv` bound to the browser: `scripting` for the custom-site script, `permissions` for host access. */
export const sitesEnv: SitesEnv = {
  scripting: {
    registered: async () => (await browser.scripting.getRegisteredContentScripts()).map((s) => ({ id: s.id, ...(s.matches ? { matches: s.matches } : {}) })),
    register: async (scripts) => {
      await browser.scripting.registerContentScripts(scripts.map((script) => ({ ...script, persistAcrossSessions: true })));
    },
    unregister: async (ids) => {
      await browser.scripting.unregisterContentScripts({ ids });
    },
    granted: (origin) => browser.permissions.contains({ origins: [origin] }),
  },
  pick: async (rule, field) => {
    const origin = originPatternOf(rule);
    const tabs = origin ? await browser.tabs.query({ url: origin }) : [];
    const tab = tabs.find((candidate) => candidate.active) ?? tabs.at(-1);
    if (tab?.id === undefined) throw new CentimeError('pick_no_tab', [rule.name]);
    await browser.tabs.update(tab.id, { active: true });
    if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
    const reply = (await browser.tabs.sendMessage(tab.id, {
      type: 'bg-cs-pick',
      ruleId: rule.id,
      field,
      labels: {
        prompt: field === 'titleSelector' ? t('pickTitlePrompt') : field === 'rewardSelector' ? t('pickRewardPrompt') : t('pickSubmitPrompt'),
        cancel: t('pickCancel'),
      },
    })) as { selector?: unknown } | undefined;
    return typeof reply?.selector === 'string' ? reply.selector : null;
  },
};
