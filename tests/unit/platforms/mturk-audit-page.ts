import { parseHtml } from '../../../lib/background/parse-html';

/**
 * Pages built as MTurk writes them (DESIGN.md, "Amazon Mechanical Turk"): React props as JSON in a
 * `data-react-props` attribute, HTML-escaped, beside a `data-react-class` such as
 * `require('reactComponents/common/ShowModal')['default']`. Read in a browser-like DOM and in the background's
 * (linkedom), as the other platform tests do.
 */
export const M = 'https://worker.mturk.com';
export const G = '3XKJ1ZQ8R2B7N4M0P6A5S9T1V3W8Y0';
export const H = '3H7Z1Q5L8N2K4B6V0C9X1M3R5T7P9';
export const A = '3R8Y5T1U2I4O6P8A0S2D4F6G8H0J';
export const TASK_URL = `${M}/projects/${G}/tasks/${H}?assignment_id=${A}`;
export const WORKER_ID = 'A3F9QK2WORKER7ID';
export const NOW = 1_795_860_000_000;

export const escapeAttr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
export const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One props element; `props` is JSON-encoded unless given as a string (to write malformed JSON). */
export function propsEl(component: string, props: unknown, cls = `require('reactComponents/common/${component}')['default']`): string {
  const json = typeof props === 'string' ? props : JSON.stringify(props);
  return `<div data-react-class="${escapeAttr(cls)}" data-react-props="${escapeAttr(json)}"></div>`;
}

/** The me-bar every MTurk page has, with the worker's ID as the live page renders it (visible, and in props). */
export const meBar = `<div class="container-fluid me-bar"><div class="row"><div class="col-xs-7"><span class="text-uppercase">Worker ID: <span data-react-class="require(&#39;reactComponents/common/CopyText&#39;)[&#39;default&#39;]" data-react-props="{&quot;textToCopy&quot;:&quot;${WORKER_ID}&quot;}"><span class="copyable-content"><span>${WORKER_ID}</span></span></span></span></div></div></div>`;

export const page = (body: string) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"></head><body>${meBar}<div id="MainContent">${body}</div></body></html>`;

export const parsers = [
  ['happy-dom', (html: string) => new DOMParser().parseFromString(html, 'text/html')],
  ['linkedom', parseHtml],
] as const;

export const modal = (options: Record<string, unknown>) => ({
  modalHeader: 'HIT Details',
  modalOptions: {
    requesterName: 'Lab',
    projectTitle: 'Label images',
    monetaryReward: { amountInDollars: 0.5, currencyCode: 'USD' },
    assignmentDurationInSeconds: 3600,
    contactRequesterUrl: `/contact_requester?hit_type_message%5Bhit_type_id%5D=${G}&hit_type_message%5Brequester_id%5D=A1B2C3D4E5F6G7`,
    ...options,
  },
});
