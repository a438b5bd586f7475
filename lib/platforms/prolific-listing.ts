import { boundedText, durationSec, shownMoney, textOf } from './prolific-fields';
import { isStudyId, pageKind } from './prolific-urls';
import type { ListedTask } from './types';

/**
 * The hooks of a study card, as Prolific's studies list names them (`data-testid`). The list's cards are
 * `li[data-testid="study-{id}"]` inside `[data-testid="studies-list"]`; public scripts that read the list
 * (browser extensions and userscripts that notify workers of new studies) use the same hooks.
 */
export const STUDIES_LIST = '[data-testid="studies-list"]';
export const STUDY_CARD = 'li[data-testid^="study-"]';

export const hook = (name: string) => `[data-testid="${name}"]`;

/** The study id a card names (`study-{id}`); the card's tags (`study-tag-…`) are no ids. */
export function cardStudyId(card: Element): string | null {
  const id = card.getAttribute('data-testid')?.slice('study-'.length);
  return isStudyId(id) ? id : null;
}

/** Marks beside a name, never part of it: an icon's text is its label ("Verified researcher"). */
const ICON = 'svg, img, [aria-hidden="true"]';

/** An element's text without its icons, spaces collapsed. */
function shownText(el: Element): string {
  const gather = (parent: Element): string => {
    let text = '';
    for (const node of parent.childNodes) {
      if (node.nodeType === 3) text += node.nodeValue ?? '';
      else if (node.nodeType === 1 && !(node as Element).matches(ICON)) text += gather(node as Element);
    }
    return text;
  };
  return gather(el).replace(/\s+/g, ' ').trim();
}

/**
 * "By Decision Lab" → "Decision Lab": the researcher, as the card's host line names them. Where the name has an
 * element of its own (`By <span>Decision Lab</span>`), that element: the word before it may change (issue 19),
 * so the host's own text counts as a prefix when it is a word or ends in "by". Icons beside the name (a
 * verified mark, an info sign) are never the name nor part of it.
 */
export function researcher(el: Element | null): string | undefined {
  if (!el) return undefined;
  const named = [...el.children].filter((child) => !child.matches(ICON) && shownText(child) !== '');
  let own = '';
  for (const node of el.childNodes) if (node.nodeType === 3) own += node.nodeValue ?? '';
  own = own.replace(/\s+/g, ' ').trim();
  const prefix = own === '' || /(^|\s)by$/i.test(own) || /^[^\s\d]+$/.test(own);
  const name = named.length === 1 && prefix ? shownText(named[0]!) : shownText(el).replace(/^By\s+/i, '');
  return boundedText(name, 200);
}

/**
 * The studies of the studies list (`/studies`), for a rate before taking part: the reward, the platform's
 * own time estimate and the rate per hour it shows. A card without a valid id or a title (or with one
 * longer than any study's) is skipped; the others are kept, each field only where the card shows it.
 */
export function readListing(doc: Document, url: URL): ListedTask[] {
  if (pageKind(doc, url) !== 'listing') return [];
  const listed: ListedTask[] = [];
  const seen = new Set<string>();
  for (const card of doc.querySelectorAll(`${STUDIES_LIST} ${STUDY_CARD}`)) {
    const task = listedStudy(card);
    if (!task || seen.has(task.taskId)) continue;
    seen.add(task.taskId);
    listed.push(task);
    // The background's schema takes at most 1000 rows: no real list is that long.
    if (listed.length === 1000) break;
  }
  return listed;
}

function listedStudy(card: Element): ListedTask | null {
  const taskId = cardStudyId(card);
  const title = boundedText(textOf(card.querySelector(hook('title'))), 500);
  if (!taskId || !title) return null;
  const task: ListedTask = { taskId, title, reward: shownMoney(textOf(card.querySelector(hook('study-tag-reward')))) };
  const requesterName = researcher(card.querySelector(hook('host')));
  if (requesterName) task.requesterName = requesterName;
  const estimated = durationSec(textOf(card.querySelector(hook('study-tag-completion-time'))));
  if (estimated !== undefined) task.estimatedSec = estimated;
  const rate = shownMoney(textOf(card.querySelector(hook('study-tag-reward-per-hour'))));
  if (rate) task.ratePerHour = rate;
  return task;
}
