import type { Money } from '../domain/money';

/**
 * A site the worker taught Centime (DESIGN.md, "Platforms" and "Architecture" → custom sites): plain data that
 * the options page edits and `customAdapter` turns into an adapter. Pure and free of zod: content scripts
 * import it; `lib/storage/custom-rules.ts` validates it.
 */
export interface CustomRule {
  /** Lower-case letters, digits and dashes; the platform id is `custom:<id>`. */
  id: string;
  name: string;
  /** ONE WebExtension match pattern naming a site, e.g. `https://workplace.clickworker.com/*`. */
  match: string;
  /** The task's title on a task page. Required once the rule is set up. */
  titleSelector?: string;
  rewardSelector?: string;
  /** ISO 4217: the currency of a reward shown as a bare number. */
  currency: string;
  submit: SubmitRule;
  /** `external`: the work happens in another tab opened from this one (like Prolific studies). */
  timing: 'internal' | 'external';
  payoutThreshold?: Money;
  /** The preset this rule was copied from. */
  preset?: string;
  /** Not usable yet: selectors are missing (an empty selector or pattern means "not set"). */
  needsSetup?: boolean;
  enabled: boolean;
}

/**
 * How Centime learns the task was submitted:
 * - `selector`: an element that appears only once it is submitted (a "thank you" box);
 * - `url`: a page the site opens on submit, written as a full match pattern on the rule's own site (the
 *   Connect preset's names its completion page); `*` matches any run of characters, and the path part is
 *   matched against the URL's path plus query, as browsers match patterns;
 * - `click`: a click on the submit control (the element or one inside it).
 */
export type SubmitRule =
  | { kind: 'selector'; selector: string }
  | { kind: 'url'; pattern: string }
  | { kind: 'click'; selector: string };

/** Where the rules are kept in extension storage (`storage.local`): the custom-site script reads them there. */
export const CUSTOM_RULES_KEY = 'customRules';

export const customPlatformId = (rule: Pick<CustomRule, 'id'>): string => `custom:${rule.id}`;

/** A match pattern taken apart. `host` is lower case, without its `*.`; `subdomains` says it had one. */
export interface ParsedPattern {
  scheme: '*' | 'http' | 'https';
  host: string;
  subdomains: boolean;
  path: string;
}

export type PatternProblem = 'match-invalid' | 'match-scheme' | 'match-host' | 'match-port' | 'match-too-broad';

const PATTERN = /^([^:/]*):\/\/([^/]*)(\/.*)$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Reads one match pattern as Chrome and Firefox do, narrowed to what a rule may name: http, https or `*`
 * (both), a host (`*.` allowed in front), no port (Firefox has none), a path. `<all_urls>`, a host of `*`
 * and `*.tld` name no site and are refused.
 */
export function parseMatchPattern(pattern: string): ParsedPattern | PatternProblem {
  if (pattern === '<all_urls>') return 'match-too-broad';
  const m = /\s/.test(pattern) ? null : PATTERN.exec(pattern);
  if (!m) return 'match-invalid';
  const [, scheme = '', rawHost = '', path = '/'] = m;
  if (scheme !== '*' && scheme !== 'http' && scheme !== 'https') return 'match-scheme';
  let host = rawHost.toLowerCase();
  if (host === '*') return 'match-too-broad';
  const subdomains = host.startsWith('*.');
  if (subdomains) host = host.slice(2);
  if (host.includes(':')) return 'match-port';
  const labels = host.split('.');
  if (host.length > 253 || !labels.every((l) => LABEL.test(l))) return 'match-host';
  if (subdomains && labels.length < 2) return 'match-too-broad';
  return { scheme, host, subdomains, path };
}

export const isPatternProblem = (p: ParsedPattern | PatternProblem): p is PatternProblem => typeof p === 'string';

/** The pattern written back, host in lower case. */
export const formatPattern = (p: ParsedPattern): string => `${p.scheme}://${p.subdomains ? '*.' : ''}${p.host}${p.path}`;

/**
 * Whether `text` is what a match pattern's path names, `*` standing for any run of characters. Each literal part
 * is found after the one before it (the leftmost place is always right when `*` is the only wildcard): time
 * linear in the text, where a regular expression's `.*` backtracks, and a long URL left open in a tab (the
 * tracker reads every tab at every decision) would stall the worker's timing.
 */
function globMatches(path: string, text: string): boolean {
  const parts = path.split('*');
  const first = parts[0]!;
  if (parts.length === 1) return text === first;
  const last = parts[parts.length - 1]!;
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  const end = text.length - last.length;
  let at = first.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = text.indexOf(parts[i]!, at);
    if (found < 0 || found + parts[i]!.length > end) return false;
    at = found + parts[i]!.length;
  }
  return true;
}

/** Whether a URL is one the pattern names: scheme, host (with its subdomains for `*.`), path plus query. */
export function matchesPattern(pattern: string | ParsedPattern, url: URL): boolean {
  const p = typeof pattern === 'string' ? parseMatchPattern(pattern) : pattern;
  if (isPatternProblem(p)) return false;
  const scheme = url.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https') return false;
  if (p.scheme !== '*' && p.scheme !== scheme) return false;
  const host = url.hostname;
  if (host !== p.host && !(p.subdomains && host.endsWith(`.${p.host}`))) return false;
  return globMatches(p.path, url.pathname + url.search);
}

/**
 * The host permission to ask for: the rule's whole site (`https://workplace.clickworker.com/*`), so that its
 * submit page is covered too. Null when the rule's pattern is invalid.
 */
export function originPatternOf(rule: Pick<CustomRule, 'match'>): string | null {
  const p = parseMatchPattern(rule.match);
  return isPatternProblem(p) ? null : formatPattern({ ...p, path: '/*' });
}

// Parameters that say where the worker came from, not which task this is.
const TRACKING = /^(utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|_ga|_gl|igshid|ref|ref_src|_)$/i;
// Parameters that say who the worker is: never stored (DESIGN.md), and no part of which task this is. Survey and
// task sites put the worker's platform id in the URL (MTurk's `workerId`, Prolific's `PROLIFIC_PID`…).
const IDENTITY = /^(worker[_-]?id|prolific[_-]?pid|participant[_-]?id|participant|respondent[_-]?id|panelist[_-]?id|user[_-]?id|member[_-]?id|e[_-]?mail)$/i;
const MAX_ID = 200;
/** How an id over `MAX_ID` ends: `~` and 8 hex digits (`fnv1a`), after its first `MAX_ID - 10` characters. */
const CUT = /~[0-9a-f]{8}$/;

/** Whether a query parameter names the worker (`workerId`, `PROLIFIC_PID`…): never stored, no part of a task's id. */
export const isIdentityParam = (name: string): boolean => IDENTITY.test(name);

/**
 * A stable id for the task a URL shows: host + path (no trailing slash) + query without tracking parameters and
 * without the worker's own id, sorted by name; no scheme, no fragment. So `https://site/task/7?utm_source=x#top` and
 * `http://site/task/7/` are the same task, and `…/task/7?step=2` another page of the same task only if the
 * site keeps the query. Ids over 200 characters keep their start plus a hash of the whole.
 */
export function taskIdOf(url: URL): string {
  return idOf(url, true);
}

/**
 * The id `taskIdOf` made of `url` before bce8f57, when it kept the worker's own id: what custom sites' tasks stored
 * then are named by. The start-up migration (lib/storage/migrate-identity-ids.ts) finds an open task's URL in the
 * tabs by it, since a cut id holds neither its URL's end nor the hash of the URL without the worker's id.
 */
export function taskIdWithIdentity(url: URL): string {
  return idOf(url, false);
}

function idOf(url: URL, dropIdentity: boolean): string {
  const params = [...url.searchParams].filter(([k]) => !TRACKING.test(k) && !(dropIdentity && isIdentityParam(k)));
  params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  const id = url.host + url.pathname.replace(/(.)\/+$/, '$1') + query;
  return id.length <= MAX_ID ? id : `${id.slice(0, MAX_ID - 10)}~${fnv1a(id)}`;
}

/**
 * An id `taskIdOf` made before it dropped the worker's own id (bce8f57), without it; null when it holds none. Its
 * query is `taskIdOf`'s (sorted, encoded by `URLSearchParams`), so dropping the pieces that name the worker gives
 * the id `taskIdOf` now makes of the same URL. An id cut to its start and a hash (the whole URL is gone) keeps its
 * hash, and loses the identity parameters of its start, the last one even when cut short: not the id `taskIdOf`
 * makes of its URL now (the hash is of the URL with the worker's id), which only the URL itself can give.
 */
export function withoutIdentity(id: string): string | null {
  const hash = id.length === MAX_ID - 1 && CUT.test(id) ? id.slice(-9) : '';
  const kept = hash ? id.slice(0, -9) : id;
  const q = kept.indexOf('?');
  if (q < 0) return null;
  const pieces = kept.slice(q + 1).split('&');
  // Each piece `name=value` as `URLSearchParams` wrote it: its name read back as `url.searchParams` gives it.
  const left = pieces.filter((piece) => !isIdentityParam(new URLSearchParams(piece).keys().next().value ?? ''));
  if (left.length === pieces.length) return null;
  return `${kept.slice(0, q)}${left.length ? `?${left.join('&')}` : ''}${hash}`;
}

/** 32-bit FNV-1a, as 8 hex digits: enough to tell two long URLs of one site apart. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}
