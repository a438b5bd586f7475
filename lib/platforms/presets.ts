import type { CustomRule } from './custom-rule';

/**
 * Best-effort starting points for the sites DESIGN.md lists ("Platforms"): plain rules the options page copies
 * (`presetRule`) and the worker corrects. They carry only what DESIGN.md says of each site: no selector is
 * invented, so a preset without a known title selector is `needsSetup` (the worker picks the title on a task
 * page, and the submit control where the submit is a click). All start disabled: a rule is enabled once the
 * worker has granted access to its site. Domains were checked against public pages (see each comment).
 */
export const presets: readonly CustomRule[] = [
  {
    // workplace.clickworker.com is the workplace login the Clickworker FAQ gives. A job page is
    // /{lang}/workplace/jobs/{id}/edit (the list is /{lang}/workplace/jobs). Payouts from €10 by PayPal or SEPA
    // ($10 by ACH in the US, per Clickworker's support pages): EUR is the default, the worker can switch.
    id: 'clickworker',
    name: 'Clickworker',
    match: 'https://workplace.clickworker.com/*/workplace/jobs/*/edit*',
    currency: 'EUR',
    submit: { kind: 'click', selector: '' },
    timing: 'internal',
    payoutThreshold: { minor: 1000, currency: 'EUR' },
    preset: 'clickworker',
    needsSetup: true,
    enabled: false,
  },
  {
    // TTV tasks live on ttv.microworkers.com (/dotask/info/{id} → "Accept and Start" → /dotask/run/{id} →
    // /dotask/save), some on taskv2.microworkers.com; the job list is www.microworkers.com/jobs.php (`.jobslist`,
    // `.jobpayment`, `.jobname a`: a listing, which custom rules do not read). Hence `*.microworkers.com`.
    // The task page's title has no known selector. Payouts from $9.
    id: 'microworkers',
    name: 'Microworkers',
    match: 'https://*.microworkers.com/dotask/run/*',
    currency: 'USD',
    submit: { kind: 'url', pattern: 'https://*.microworkers.com/dotask/save*' },
    timing: 'internal',
    payoutThreshold: { minor: 900, currency: 'USD' },
    preset: 'microworkers',
    needsSetup: true,
    enabled: false,
  },
  {
    // The Toloker's web app is toloka.ai (task list /tasks; platform.toloka.ai is the requesters' side); a task
    // is /task/{poolId}/{assignmentId}, as on the older toloka.yandex.com. Rewards in USD. The payout minimum
    // depends on the payment method: left for the worker to fill in.
    id: 'toloka',
    name: 'Toloka',
    match: 'https://toloka.ai/task/*',
    currency: 'USD',
    submit: { kind: 'click', selector: '' },
    timing: 'internal',
    preset: 'toloka',
    needsSetup: true,
    enabled: false,
  },
  {
    // Connect lists projects on /participant/dashboard (cards `div.project-card`, pay per hour in
    // `[class*="project-pay-per-hour-"]`: an hourly figure, not the reward, so not the reward selector). A
    // project runs on the researcher's site (external timing) and ends on /participant/project/{code}/complete.
    // The task's title has no known selector. Payout threshold: editable (none pre-filled).
    id: 'connect',
    name: 'CloudResearch Connect',
    match: 'https://connect.cloudresearch.com/participant/*',
    currency: 'USD',
    submit: { kind: 'url', pattern: 'https://connect.cloudresearch.com/participant/project/*/complete*' },
    timing: 'external',
    preset: 'connect',
    needsSetup: true,
    enabled: false,
  },
  {
    // Nothing is known of RapidWorkers' pages (DESIGN.md): the domain only (rapidworkers.com, whose FAQ public
    // copies were served over http, hence `*://`). Its payout minimum could not be confirmed: left for the
    // worker to fill in rather than guessed. Fees are quoted in USD.
    id: 'rapidworkers',
    name: 'RapidWorkers',
    match: '*://*.rapidworkers.com/*',
    currency: 'USD',
    submit: { kind: 'click', selector: '' },
    timing: 'internal',
    preset: 'rapidworkers',
    needsSetup: true,
    enabled: false,
  },
];

/** A fresh copy of a preset, free to edit (the list itself is never changed); undefined for an unknown id. */
export function presetRule(id: string): CustomRule | undefined {
  const preset = presets.find((p) => p.id === id);
  return preset && structuredClone(preset);
}
