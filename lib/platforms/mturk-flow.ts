import { isRecord, str } from './react-props';
import type { PageAlert, SubmitMessageLike } from './types';

/**
 * How a HIT ends, as MTurk's pages show it. The HIT's own form, inside the requester's iframe, posts to
 * externalSubmit; the top page then receives a `message` whose JSON carries `answer` and `assignmentId`. Any
 * requester's iframe can post such a message, so it counts only from the externalSubmit origin with the task
 * iframe as its source, and only as a claim: the next page's "HIT Submitted" alert confirms it.
 */
export const EXTERNAL_SUBMIT_ORIGIN = 'https://www.mturk.com';

export function isSubmitMessage(event: SubmitMessageLike, doc: Document, url: URL): boolean {
  if (event.origin !== EXTERNAL_SUBMIT_ORIGIN) return false;
  const frame = doc.querySelector<HTMLIFrameElement>('iframe.embed-responsive-item');
  if (!frame || event.source === null || event.source !== frame.contentWindow) return false;
  let data: unknown = event.data;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      return false;
    }
  }
  if (!isRecord(data) || !('answer' in data)) return false;
  const assignment = str(data.assignmentId);
  // The message names the assignment: it must be this page's.
  return assignment !== undefined && assignment === str(url.searchParams.get('assignment_id'));
}

/** The Return button: a form posting to the task URL with `_method=delete`. */
export function isReturnForm(form: HTMLFormElement, url: URL): boolean {
  const method = form.querySelector<HTMLInputElement>('input[name="_method"]');
  if (method?.value.toLowerCase() !== 'delete') return false;
  try {
    const action = new URL(form.getAttribute('action') ?? '', url);
    // The same task path, whether or not one of them ends with a slash.
    const path = (u: URL) => u.pathname.replace(/(.)\/$/, '$1');
    return action.origin === url.origin && path(action) === path(url);
  } catch {
    return false;
  }
}

const SUBMITTED = /^(HIT Submitted|The HIT has been successfully submitted\.?)$/i;
const UNAVAILABLE = /This HIT is no longer available/i;

export function pageAlert(doc: Document): PageAlert | null {
  for (const h3 of doc.querySelectorAll('.mturk-alert-content h3')) {
    if (SUBMITTED.test((h3.textContent ?? '').trim())) return 'submitted';
  }
  // Older pages put the success sentence in the alert body rather than a heading.
  for (const alert of doc.querySelectorAll('.mturk-alert-success, .mturk-alert-content')) {
    if (/The HIT has been successfully submitted/i.test(alert.textContent ?? '')) return 'submitted';
  }
  for (const alert of doc.querySelectorAll('.mturk-alert-danger')) {
    if (UNAVAILABLE.test(alert.textContent ?? '')) return 'unavailable';
  }
  return null;
}
