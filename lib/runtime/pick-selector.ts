/**
 * A CSS selector that finds an element again after a reload, and only it. Pure DOM: no browser.*, no clock.
 * In order of preference: a unique `#id` that does not look generated; a unique test hook or form attribute;
 * else a short path of tag + stable classes (+ `:nth-of-type` where siblings need it) from the nearest
 * uniquely identifiable ancestor, cut to the shortest tail that is still unique. Every candidate is checked
 * against the page, so what comes back matches exactly that one element.
 */

// Per-page numbers (`task-1234`), framework ids (`:r1:`, `ember42`), hashes: they differ after a reload or
// on the next task, so they never name an element.
const GENERATED_ID = /\d{3,}|^[:«]|[:»]$|[0-9a-f]{8,}|^(ember|ext-gen|yui_|mui-|radix-|headlessui-|react-|rc[-_]|__)/i;
// Classes: CSS-in-JS hashes and per-item numbers; `w-100` and `col-12` stay.
const GENERATED_CLASS = /\d{4,}|^(css|sc|jsx|emotion|svelte|styled)-|[:[\]/.@!%#]/i;
// States that come and go while the worker hovers or clicks.
const STATE_CLASS = /^(is-|has-)|^(active|selected|hover|hovered|focus|focused|open|opened|closed|hidden|visible|disabled|current|show|in|collapsed|expanded|checked)$/i;
const ATTRIBUTES = ['data-testid', 'data-test', 'data-test-id', 'data-qa', 'data-cy', 'name', 'aria-label'];
const MAX_CLASSES = 2;
const MAX_VALUE = 80;
const BARE_NTH = /^[^.[]+:nth-of-type\(\d+\)$/;

/** A segment such as `1x2y3z` or `a9b8c7`: letters and at least two digits mixed in, five characters or more. */
const hashLike = (s: string) => s.split(/[-_]/).some((seg) => seg.length >= 5 && /[a-z]/i.test(seg) && /\d.*\d/.test(seg));

export const looksGenerated = (value: string): boolean => GENERATED_ID.test(value) || hashLike(value);

// Selectors are written without backslash escapes (happy-dom, where the tests run, misreads most of them): a
// name that would need one is written as an attribute string instead, or left out.
const IDENT = /^-?[_a-zA-Z\u00a0-\uffff][-_a-zA-Z0-9\u00a0-\uffff]*$/;
export const isPlainIdent = (s: string): boolean => IDENT.test(s);

/** A quoted CSS string that needs no escaped quote, or null (both quotes, or control characters, inside). */
export function cssString(s: string): string | null {
  if (/\p{Cc}/u.test(s)) return null;
  const quote = !s.includes('"') ? '"' : !s.includes("'") ? "'" : null;
  return quote && quote + s.replace(/\\/g, '\\\\') + quote;
}

type Scope = Document | DocumentFragment | Element;

function matchesOnly(scope: Scope, selector: string, el: Element): boolean {
  try {
    const found = scope.querySelectorAll(selector);
    return found.length === 1 && found[0] === el;
  } catch {
    return false;
  }
}

/** `#id` or a hook attribute that names this element alone, or null. */
function ownSelector(el: Element, scope: Scope): string | null {
  const tag = tagOf(el);
  const quotedId = el.id && !looksGenerated(el.id) ? cssString(el.id) : null;
  if (quotedId) {
    const byId = isPlainIdent(el.id) ? `#${el.id}` : `[id=${quotedId}]`;
    if (matchesOnly(scope, byId, el)) return byId;
  }
  for (const name of ATTRIBUTES) {
    const value = el.getAttribute(name);
    const quoted = value && value.length <= MAX_VALUE && !looksGenerated(value) ? cssString(value) : null;
    if (!quoted) continue;
    for (const candidate of [`[${name}=${quoted}]`, `${tag}[${name}=${quoted}]`]) {
      if (matchesOnly(scope, candidate, el)) return candidate;
    }
  }
  return null;
}

const tagOf = (el: Element): string => (isPlainIdent(el.localName) ? el.localName : '*');

export const stableClasses = (el: Element): string[] =>
  [...el.classList]
    .filter((c) => isPlainIdent(c) && !GENERATED_CLASS.test(c) && !STATE_CLASS.test(c) && !hashLike(c))
    .slice(0, MAX_CLASSES);

/** This element among its siblings: tag, stable classes, and its rank among same-tag siblings if needed. */
function step(el: Element): string {
  const tag = tagOf(el);
  // The document's own skeleton needs no class (and `body` classes often say who is logged in).
  if (tag === 'html' || tag === 'body' || tag === 'head') return tag;
  const base = tag + stableClasses(el).map((c) => `.${c}`).join('');
  const siblings = el.parentNode ? [...el.parentNode.children] : [el];
  const alike = siblings.filter((s) => {
    try {
      return s.matches(base);
    } catch {
      return s.localName === el.localName;
    }
  });
  if (alike.length <= 1) return base;
  const rank = siblings.filter((s) => s.localName === el.localName).indexOf(el) + 1;
  return `${base}:nth-of-type(${rank})`;
}

export function selectorFor(el: Element): string {
  // Duck-typed: a document from another frame is not an `instanceof Document` here.
  const root = el.getRootNode();
  const scope = ('querySelectorAll' in root ? root : el) as Scope;
  const own = ownSelector(el, scope);
  if (own) return own;
  const steps = [step(el)];
  let anchor: string | null = null;
  for (let node = el.parentElement; node; node = node.parentElement) {
    anchor = ownSelector(node, scope);
    if (anchor) break;
    steps.unshift(step(node));
  }
  // The shortest tail that is unique on its own or below the anchor; the whole path always is. A tail may not
  // start with a bare `tag:nth-of-type(n)`: the second link of just anything is not worth keeping.
  for (let k = 1; k <= steps.length; k++) {
    const tail = steps.slice(-k).join(' > ');
    const whole = k === steps.length;
    if ((!anchor || !whole) && !BARE_NTH.test(steps[steps.length - k] ?? '') && matchesOnly(scope, tail, el)) return tail;
    if (anchor) {
      const below = `${anchor}${whole ? ' > ' : ' '}${tail}`;
      if (whole || matchesOnly(scope, below, el)) return below;
    }
  }
  return steps.join(' > ');
}
