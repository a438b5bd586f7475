// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cssString, isPlainIdent, looksGenerated, selectorFor } from '../../../lib/runtime/pick-selector';

// Tests run from the repository root (happy-dom gives import.meta.url no file: scheme).
const html = readFileSync('tests/fixtures-custom/task-page.html', 'utf8');
const parse = (source: string) => new DOMParser().parseFromString(source, 'text/html');

/** Where an element sits: child indexes from the root element. Equal paths in two parses = the same element. */
function pathOf(el: Element): number[] {
  const path: number[] = [];
  for (let node: Element | null = el; node?.parentElement; node = node.parentElement) {
    path.unshift([...node.parentElement.children].indexOf(node));
  }
  return path;
}

function only(doc: Document, selector: string): Element {
  const found = doc.querySelectorAll(selector);
  expect(found, selector).toHaveLength(1);
  return found[0]!;
}

describe('selectorFor on a realistic page, found again after a reload', () => {
  const page = parse(html);
  const reload = parse(html);

  it.each<[string, string, string]>([
    // [what, how it is reached on the page, the selector expected]
    ['the title (generated ids and hashed classes around it)', 'h1', 'h1.task-title'],
    ['the reward', '.task-reward', 'span.task-reward'],
    ['the submit button', 'button[type="submit"]', 'button.btn.btn-primary'],
    ['a radio input (its name is shared: the path tells)', 'input[value="bags"]', ''],
    ['the comment box, by its unique name', 'textarea', '[name="comment"]'],
    ['the header, by its id', 'header', '#top'],
    ['the balance, by its test hook', '.balance', '[data-testid="balance"]'],
    ['the balance amount, under its hook', '.balance b', ''],
    ['the second "more" card', '.more .card:nth-of-type(2)', ''],
    ['the price of the third card', '.more .card:nth-of-type(3) .price', ''],
    ['a nav link whose item is "active"', '.nav-item.active a', ''],
    ['the second paragraph of the body text', '.task-body p:nth-of-type(2)', ''],
    ['the footer link to Privacy', 'footer a[href="/privacy"]', ''],
    ['main, whose id is a framework id', 'main', 'main'],
    ['the body', 'body', 'body'],
  ])('%s', (_, reach, expected) => {
    const el = page.querySelector(reach)!;
    const selector = selectorFor(el);
    if (expected) expect(selector).toBe(expected);
    expect(only(page, selector)).toBe(el);
    const again = only(reload, selector);
    expect(pathOf(again)).toEqual(pathOf(el));
    expect(again.textContent).toBe(el.textContent);
  });

  it('never uses per-page ids, framework ids, hashed or state classes', () => {
    for (const el of page.querySelectorAll('body *')) {
      const selector = selectorFor(el);
      expect(selector).not.toMatch(/48213|:r1:|css-|sc-bdVaJa|\.active|is-logged-in/);
      expect(only(page, selector)).toBe(el);
      expect(pathOf(only(reload, selector))).toEqual(pathOf(el));
    }
  });
});

describe('names and strings, written without escapes', () => {
  it.each(['a b', 'a"b', "a'b", 'é-ü', 'a\\b', '#x', 'a.b', 'a]b', '1st'])('[id=…] finds the id %s', (v) => {
    const doc = parse('<div></div><div></div>');
    const el = doc.querySelectorAll('div')[1]!;
    el.id = v;
    expect(doc.querySelector(`[id=${cssString(v)}]`)).toBe(el);
  });

  it('gives up on a string holding both quotes or a control character', () => {
    expect(cssString(`a"b'c`)).toBeNull();
    expect(cssString('a\nb')).toBeNull();
  });

  it.each([
    ['title', true],
    ['-x', true],
    ['é-ü', true],
    ['1st', false],
    ['-1x', false],
    ['a:b', false],
    ['a b', false],
    ['--x', false],
  ])('%s is a plain identifier: %s', (v, plain) => {
    expect(isPlainIdent(v)).toBe(plain);
  });

  it.each([
    ['task-48213', true],
    [':r1:', true],
    ['ember42x9', true],
    ['css-1x9k2f', true],
    ['3f2a9c1e77', true],
    ['main-content', false],
    ['col-12', false],
    ['step-2', false],
  ])('%s looks generated: %s', (v, generated) => {
    expect(looksGenerated(v)).toBe(generated);
  });
});

// Random DOM trees: repeated tags and classes (paths need :nth-of-type), duplicate and generated ids, hooks
// shared by several elements, values that need escaping.
interface Spec {
  tag: string;
  id?: string;
  classes: string[];
  attr?: [string, string];
  children: Spec[];
}
// Tags that nest freely: the HTML parser rebuilds the same tree (it would move a <div> out of a <p>).
const TAGS = ['div', 'span', 'section', 'em', 'b', 'article'];
const IDS = ['main', 'dup', 'task-1234', ':r2:', '1st', 'a b', 'quo"te', 'é'];
const CLASSES = ['card', 'title', 'price', 'active', 'css-1x2y3z', 'row', 'a:b', 'col-12', '-x'];
const ATTRS: [string, string][] = [
  ['data-testid', 'reward'],
  ['data-testid', 'title'],
  ['name', 'q'],
  ['aria-label', 'Close "dialog"'],
  ['data-test', 'row\\1'],
  ['data-testid', 'study-123'],
];

/** Trees up to `depth` levels below, up to 3 children each. */
const specAt = (depth: number): fc.Arbitrary<Spec> =>
  fc.record({
    tag: fc.constantFrom(...TAGS),
    id: fc.option(fc.constantFrom(...IDS), { nil: undefined, freq: 3 }),
    classes: fc.subarray(CLASSES, { maxLength: 3 }),
    attr: fc.option(fc.constantFrom(...ATTRS), { nil: undefined, freq: 3 }),
    children: depth === 0 ? fc.constant([]) : fc.array(specAt(depth - 1), { maxLength: 3 }),
  });
const spec = specAt(4);

function build(doc: Document, s: Spec, parent: Element): void {
  const el = doc.createElement(s.tag);
  if (s.id) el.id = s.id;
  for (const c of s.classes) el.classList.add(c);
  if (s.attr) el.setAttribute(...s.attr);
  parent.appendChild(el);
  for (const child of s.children) build(doc, child, el);
}

describe('selectorFor: property', () => {
  it('finds the element and only it, in any tree, and again in a fresh parse of the same HTML', () => {
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 4 }), (roots) => {
        const doc = document.implementation.createHTMLDocument('t');
        for (const r of roots) build(doc, r, doc.body);
        const reload = parse(`<!doctype html><html><head></head>${doc.body.outerHTML}</html>`);
        for (const el of doc.body.querySelectorAll('*')) {
          const selector = selectorFor(el);
          const found = doc.querySelectorAll(selector);
          if (found.length !== 1 || found[0] !== el) throw new Error(`${selector} found ${found.length}`);
          const again = reload.querySelectorAll(selector);
          if (again.length !== 1 || pathOf(again[0]!).join() !== pathOf(el).join()) throw new Error(`${selector} after reload`);
        }
      }),
      { numRuns: 200 },
    );
    // ~1.8 s alone; a guard, not a timing: CI's two cores, shared, once took past the default 5 s.
  }, 30_000);
});
