import { parseMoney, plausible, type Money } from '../domain/money';
import { customPlatformId, isPatternProblem, matchesPattern, originPatternOf, parseMatchPattern, taskIdOf, type CustomRule } from './custom-rule';
import type { PlatformAdapter, TaskSnapshot } from './types';

/**
 * The adapter of a site the worker set up (or a preset): everything it knows comes from the rule, so it reads
 * pages only through the rule's selectors and falls back to "not a task" on anything it cannot read. A
 * selector that the page's engine refuses counts as not found: a stored rule never breaks a page.
 */
export interface CustomAdapter extends PlatformAdapter {
  rule: CustomRule;
  /** Kinds `selector` and `url`: this page says the task was submitted. */
  isSubmitted(doc: Document, url: URL): boolean;
  /** Kind `click`: a click on `target` is a click on the submit control. */
  isSubmitClick(target: Element): boolean;
}

const MAX_TITLE = 500;
const MAX_REQUESTER = 200;

function find(root: ParentNode, selector: string | undefined): Element | null {
  if (!selector?.trim()) return null;
  try {
    return root.querySelector(selector);
  } catch {
    return null;
  }
}

/** Visible-ish text, whitespace collapsed; reads only the start of a huge element. */
function textOf(el: Element | null, max: number): string {
  return (el?.textContent ?? '').slice(0, max * 4).replace(/\s+/g, ' ').trim().slice(0, max);
}

/** The task a URL shows: null off the rule's pattern. See `taskIdOf` for what makes two URLs one task. */
export function taskIdFromUrl(url: URL, rule: CustomRule): string | null {
  return matchesPattern(rule.match, url) ? taskIdOf(url) : null;
}

export function readTitle(doc: Document, rule: CustomRule): string {
  return textOf(find(doc, rule.titleSelector), MAX_TITLE);
}

/**
 * Whether the rule's URL pattern alone says a page is a task (issue 19, "time first"): its path names the task
 * pages (Microworkers' `/dotask/run/*`, Toloka's `/task/*`), not the whole site (`/*`), and the work is done on
 * the page. An external rule's pages (Connect's `/participant/*`: its dashboard too) lead to work done elsewhere,
 * and a whole-site rule covers its lists: there only the title its selector finds tells a task page.
 */
export function urlNamesTask(rule: CustomRule): boolean {
  const parsed = parseMatchPattern(rule.match);
  return !isPatternProblem(parsed) && rule.timing === 'internal' && !/^\/\**$/.test(parsed.path) && !!rule.titleSelector?.trim();
}

/**
 * A task page: the title its selector finds, or — where the rule's pattern names task pages (`urlNamesTask`) —
 * its URL alone, the title then named in `missing` with the reward (issue 19): the task is timed all the same
 * and the worker told. A reward its selector no longer finds is left empty and named in `missing`. A site whose
 * rule has no reward selector is not asked about.
 */
export function readTask(doc: Document, url: URL, rule: CustomRule): TaskSnapshot | null {
  const taskId = taskIdFromUrl(url, rule);
  const title = taskId ? readTitle(doc, rule) : '';
  if (!taskId || (!title && !urlNamesTask(rule))) return null;
  const rewardText = textOf(find(doc, rule.rewardSelector), 200);
  const reward = rewardText ? rewardOf(rewardText, rule.currency) : null;
  const missing = [...(title ? [] : ['title' as const]), ...(reward || !rule.rewardSelector?.trim() ? [] : ['reward' as const])];
  return {
    platform: customPlatformId(rule),
    taskId,
    title,
    requesterName: (rule.name.trim() || url.hostname).slice(0, MAX_REQUESTER),
    reward,
    ...(missing.length ? { missing } : {}),
  };
}

// A number as pages write one (`0.50`, `1,50`, `1 234,56`): the amount parseMoney reads with the rule's currency.
const NUMBER = /\d+(?:[.,' ]\d+)*/g;
const TIME_UNIT = /^\s*(?:h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?)\b/i;

/**
 * The reward the rule's selector shows: an amount with its currency marker (`€1.50`, `$0.50`), else the one number
 * its text holds, in the rule's currency, whatever words surround it ("Reward: 1.50", "0,50 per task"): the worker
 * picked this element as the reward. Text with several numbers, or a duration ("10 mins"), gives none.
 */
function rewardOf(text: string, currency: string): Money | null {
  // An amount with its sign ("-€1.50") is no reward; its digits alone are not one either.
  const money = plausible(parseMoney(text, currency));
  if (money) return money.minor >= 0 ? money : null;
  const numbers = [...text.slice(0, 200).matchAll(NUMBER)];
  const only = numbers.length === 1 ? numbers[0]! : null;
  if (!only || TIME_UNIT.test(text.slice(only.index + only[0].length))) return null;
  const found = plausible(parseMoney(only[0].trim(), currency));
  return found && found.minor >= 0 ? found : null;
}

/** The submit page of a `url` rule (the background can ask with a tab's URL alone). */
export function isSubmitUrl(url: URL, rule: CustomRule): boolean {
  return rule.submit.kind === 'url' && rule.submit.pattern.trim() !== '' && matchesPattern(rule.submit.pattern, url);
}

/** `selector`: the confirmation element is on the page; `url`: the URL is the submit page; `click`: never. */
export function isSubmitted(doc: Document, url: URL, rule: CustomRule): boolean {
  switch (rule.submit.kind) {
    case 'selector':
      return find(doc, rule.submit.selector) !== null;
    case 'url':
      return isSubmitUrl(url, rule);
    default:
      return false;
  }
}

/** `click`: the target is the submit control or inside it (a click on the icon of a button counts). */
export function isSubmitClick(target: Element, rule: CustomRule): boolean {
  if (rule.submit.kind !== 'click' || !rule.submit.selector.trim()) return false;
  try {
    return target.closest(rule.submit.selector) !== null;
  } catch {
    return false;
  }
}

/**
 * `pageKind` says `task` only where the URL matches and the title selector finds text, or the URL alone names a
 * task page (`urlNamesTask`): a rule that still needs setup (no title selector) times nothing. `enabled` is not read here: a disabled rule has no content script.
 */
export function customAdapter(rule: CustomRule): CustomAdapter {
  return {
    id: customPlatformId(rule),
    name: rule.name,
    // The script runs on the rule's whole site (its submit page, its lists): pages other than task pages are
    // the site's platform time, as MTurk's search and queue are.
    matches: [originPatternOf(rule) ?? rule.match],
    external: rule.timing === 'external',
    rule,
    pageKind: (doc, url) => (taskIdFromUrl(url, rule) && (urlNamesTask(rule) || readTitle(doc, rule)) ? 'task' : 'other'),
    readTask: (doc, url) => readTask(doc, url, rule),
    taskIdFromUrl: (url) => taskIdFromUrl(url, rule),
    isSubmitted: (doc, url) => isSubmitted(doc, url, rule),
    isSubmitClick: (target) => isSubmitClick(target, rule),
  };
}

// Test pages (tests/fixtures-custom/, not tests/fixtures/: no built-in adapter may claim them):
// - task-page.html: a task page of an invented site (framework ids, hashed classes, repeated cards), read with
//   a rule whose selectors were picked on it; the selector tests pick on it and find again after a reload.
