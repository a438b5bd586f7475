import { broadcastChanged, type PickField, type SaveRulesOutcome } from '../messaging';
import { originPatternOf, type CustomRule } from '../platforms/custom-rule';
import { presets } from '../platforms/presets';
import { taskKey } from '../storage/history-db';
import { validateRule, type RuleProblem } from '../storage/custom-rules';
import { loadCustomRules, saveCustomRules } from '../storage/custom-rules-store';
import { syncCustomSites, type ScriptingEnv } from './custom-sites';
import type { Handlers } from './router';
import type { Tracker } from './tracker';
import { CentimeError } from '../errors';

/** The browser for custom sites: script registration and host access, and "pick on page" in a site's tab. */
export interface SitesEnv {
  scripting: ScriptingEnv;
  /** Brings a tab of the rule's site to the front and lets the worker click the element (null: cancelled). */
  pick(rule: CustomRule, field: PickField): Promise<string | null>;
}

type CustomHandlers = Pick<Handlers, 'ui-bg-get-rules' | 'ui-bg-get-site-names' | 'ui-bg-save-rules' | 'ui-bg-pick' | 'cs-bg-custom-submitted'>;

/**
 * The options page's custom sites and what their content script reports. `latestOpenTask` names the open task
 * of a platform last in front: a submit page that names no task submits that one.
 */
export function customHandlers(
  tracker: Tracker,
  sites: SitesEnv | undefined,
  latestOpenTask: (platform: string) => Promise<string | null>,
): CustomHandlers {
  return {
    'ui-bg-get-rules': async () => {
      const { rules, problem } = await loadCustomRules();
      const granted: Record<string, boolean> = {};
      for (const rule of rules) {
        const origin = originPatternOf(rule);
        granted[rule.id] = !!origin && !!sites && (await sites.scripting.granted(origin));
      }
      return { rules, granted, presets, ...(problem ? { problem } : {}) };
    },
    // Every stored rule (disabled ones too: their tasks stay in the history), validated as above.
    'ui-bg-get-site-names': async () => ({ sites: (await loadCustomRules()).rules.map(({ id, name, match }) => ({ id, name, match })) }),
    'ui-bg-save-rules': async ({ rules: input }): Promise<SaveRulesOutcome> => {
      const rules: CustomRule[] = [];
      const problems: { index: number; problems: RuleProblem[] }[] = [];
      // Each problem names its rule by its place in the list the page sent (an invalid rule is not in `rules`).
      const seen = new Set<string>();
      input.forEach((raw, index) => {
        const result = validateRule(raw);
        if (!result.ok) return void problems.push({ index, problems: result.problems });
        if (seen.has(result.rule.id)) problems.push({ index, problems: [{ field: 'id', code: 'invalid' }] });
        seen.add(result.rule.id);
        rules.push(result.rule);
      });
      if (problems.length) return { saved: false, problems };
      await saveCustomRules(rules);
      const registered = sites ? await syncCustomSites(rules, sites.scripting) : [];
      await broadcastChanged(['rules']);
      return { saved: true, registered };
    },
    'ui-bg-pick': async ({ ruleId, field }) => {
      const rule = (await loadCustomRules()).rules.find((r) => r.id === ruleId);
      if (!rule) throw new CentimeError('pick_unsaved');
      if (!sites) throw new CentimeError('pick_unavailable');
      return { selector: await sites.pick(rule, field) };
    },
    'cs-bg-custom-submitted': async ({ platform, taskId }) => {
      const key = taskId ? taskKey(platform, taskId) : await latestOpenTask(platform);
      const done = key ? await tracker.outcome(key, 'submitted') : null;
      if (done) await broadcastChanged(['tasks', 'balances']);
      return { confirmed: done ? key : null };
    },
  };
}
