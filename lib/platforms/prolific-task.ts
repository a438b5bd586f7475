import { boundedText, durationSec, shownMoney, textOf } from './prolific-fields';
import { cardStudyId, hook, researcher, STUDIES_LIST, STUDY_CARD } from './prolific-listing';
import { taskIdFromUrl } from './prolific-urls';
import { missingOf } from './shown-details';
import type { TaskSnapshot } from './types';

/**
 * The study a study page (`/studies/{id}`) shows. The study id comes from the URL.
 *
 * Assumption (no public source shows the study page's markup): the study's details carry the same
 * `data-testid` hooks as its card in the list (`title`, `host`, `study-tag-reward`). A public userscript that
 * totals amounts on the "Awaiting review" page after a submission has to leave `study-tag-reward-per-hour` out
 * of them, which suggests the study's own pages do carry these hooks.
 * The list may stay rendered beside the details (a split view), so a hook is read outside the list first,
 * then from this study's own card in it, never from another study's card.
 */
export function readTask(doc: Document, url: URL): TaskSnapshot | null {
  const taskId = taskIdFromUrl(url);
  if (!taskId) return null;
  const card = [...doc.querySelectorAll(STUDY_CARD)].find((li) => cardStudyId(li) === taskId);
  const find = (name: string) => outsideList(doc, hook(name)) ?? card?.querySelector(hook(name)) ?? null;
  // The second way (issue 19): with the hooks renamed, the study's heading and what is shown beside it.
  const heading = find('title') ?? outsideList(doc, 'h1');
  const scope = besideHeading(heading, taskId);
  // A document with no root element has no title (linkedom's `title` getter throws on one).
  const pageTitle = doc.documentElement ? doc.title : '';
  const title = boundedText(textOf(heading), 500) ?? boundedText(pageTitle.replace(/\s*\|\s*Prolific\s*$/i, '').trim(), 500) ?? '';
  const snapshot: TaskSnapshot = {
    platform: 'prolific',
    taskId,
    title: /^prolific$/i.test(title) ? '' : title,
    requesterName: researcher(find('host')) ?? researcher(scope && shownIn(scope, (t) => /^By\s/i.test(t))) ?? '',
    reward: shownMoney(textOf(find('study-tag-reward'))) ?? (scope ? shownMoney(textOf(shownIn(scope, (t) => AMOUNT_ONLY.test(t)))) : null),
  };
  const missing = missingOf(snapshot);
  if (missing) snapshot.missing = missing;
  const allotted = maximumTime(doc);
  if (allotted !== undefined) snapshot.timeAllottedSec = allotted;
  return snapshot;
}

/** An element that holds the page's own copy of a hook: not in the list, nor in any study's card. */
function outsideList(doc: Document, selector: string): Element | null {
  for (const el of doc.querySelectorAll(selector)) if (!el.closest(STUDIES_LIST) && !el.closest(STUDY_CARD)) return el;
  return null;
}

// A reward alone ("£10.00"), not a rate ("£9.23/hr").
const AMOUNT_ONLY = /^(US\$|\$|£)\s?[\d,]+(\.\d+)?$/;

/**
 * The part of the page that is the study's own: the nearest ancestor of its heading that shows more than the
 * heading (a few levels up at most), and holds no link to another study (which would be the list's).
 */
function besideHeading(heading: Element | null, taskId: string): Element | null {
  let scope = heading?.parentElement ?? null;
  for (let up = 0; scope && up < 4; up++, scope = scope.parentElement) {
    const links = [...scope.querySelectorAll('a[href*="/studies/"]')];
    if (links.some((a) => !(a.getAttribute('href') ?? '').endsWith(`/studies/${taskId}`))) return null;
    if (shownIn(scope, (t) => AMOUNT_ONLY.test(t))) return scope;
  }
  return null;
}

/** The first element in `scope` with little markup inside whose text passes `test`. */
function shownIn(scope: Element, test: (text: string) => boolean): Element | null {
  for (const el of scope.querySelectorAll('*')) if (el.childElementCount <= 2 && test(textOf(el))) return el;
  return null;
}

// "Maximum time", "Maximum allowed time", "Max time", alone or followed by its value.
const MAX_LABEL = /^max(?:imum)?(?: allowed)?(?: completion)? time\b\s*:?\s*/i;

/**
 * The time Prolific allows before a submission times out. Prolific's participant help says a worker sees a
 * "Maximum Time" next to the estimated completion time before starting a study; no public source shows its
 * markup, so this falls back to text: a text that starts with that label, with the value after it in the same
 * text, in the rest of the label's element ("Maximum time: <strong>45 mins</strong>") or in the element after it
 * ("Maximum time" / "45 mins"), looking up at most three levels while the element holds the label alone. Only the
 * value's first part counts: "30 mins (average 10 mins)" is 30 minutes. Absent or unreadable: undefined.
 */
function maximumTime(doc: Document): number | undefined {
  if (!doc.documentElement || !doc.body) return undefined;
  // Text nodes, not elements: one pass over the page's text, however deep its markup.
  const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.nodeValue ?? '').replace(/\s+/g, ' ').trim();
    const el = node.parentElement;
    if (text.length > 60 || !MAX_LABEL.test(text) || !el || el.closest(STUDIES_LIST)) continue;
    const sec = maximumValue(text, el);
    if (sec !== undefined) return sec;
  }
  return undefined;
}

function maximumValue(text: string, el: Element): number | undefined {
  const read = (value: string) => {
    const sec = durationSec(value.split(/[(;|·]/)[0]!);
    return sec !== undefined && sec > 0 ? sec : undefined;
  };
  const inline = text.replace(MAX_LABEL, '');
  if (inline) return read(inline);
  let at: Element | null = el;
  for (let level = 0; at && level < 3; level++, at = at.parentElement) {
    const own = textOf(at);
    // A container with more than the label (and its value) is past the label's line.
    if (own.length > 60 || !MAX_LABEL.test(own)) return undefined;
    const rest = own.replace(MAX_LABEL, '');
    if (rest) return read(rest);
    const next = textOf(at.nextElementSibling);
    if (next) return next.length <= 60 ? read(next) : undefined;
  }
  return undefined;
}
