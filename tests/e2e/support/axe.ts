import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// axe-core over an extension page (WCAG 2 A and AA). The pages' CSP forbids injected script tags, so axe's
// source is evaluated in the page. Any page that evaluates a string and a function will do: Playwright's (Chromium)
// and puppeteer's (Firefox, through BiDi, which the CSP does not stop either).
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

export interface Evaluating {
  evaluate(fn: string | (() => Promise<unknown>)): Promise<unknown>;
}

export async function violations(page: Evaluating): Promise<string[]> {
  await page.evaluate(axeSource);
  const { found, passed } = (await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: unknown[]; passes: unknown[] }> } }).axe;
    const results = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return { found: results.violations, passed: results.passes.length };
  })) as { found: Violation[]; passed: number };
  // No violation because nothing was checked (an empty page, axe not loaded) is not a pass.
  if (passed === 0) throw new Error('axe checked nothing');
  return found.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
