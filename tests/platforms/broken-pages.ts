import type { Case } from './fixtures';

/**
 * A generated family of broken pages (issue 19): each task page of the fixtures with one piece of its structure
 * renamed or removed at a time — a React component's name (MTurk's `data-react-class`), a `data-testid`
 * (Prolific), a visible label, a class the text fallback reads — and, last, all of them at once (a redesign).
 * Platforms change their markup without notice; what Centime must do then is time the task by its URL, never
 * throw, never read a wrong value, and name what it could not read.
 */
export interface Broken {
  name: string;
  html: string;
}

// The labels each platform's task pages show, as they appear between tags.
const LABELS: Record<string, string[]> = {
  mturk: ['Reward', 'Requester', 'Time Elapsed'],
  prolific: ['Maximum time', 'Estimated completion time', 'By '],
};
// Classes a text fallback reads.
const CLASSES: Record<string, string[]> = { mturk: ['task-project-title', 'detail-bar-label'], prolific: [] };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function brokenPages(c: Case): Broken[] {
  const pieces: { what: string; rename: (h: string) => string; remove: (h: string) => string }[] = [];
  // MTurk: every component a task page names, e.g. require('reactComponents/common/ShowModal')['default'].
  for (const name of new Set([...c.html.matchAll(/reactComponents\/[\w/]*?(\w+)&#39;\)/g)].map((m) => m[1]!))) {
    const attr = new RegExp(`data-react-class="require\\(&#39;reactComponents/[\\w/]*?${name}&#39;\\)\\[&#39;default&#39;\\]"`, 'g');
    pieces.push({
      what: `component ${name}`,
      rename: (h) => h.replace(attr, (m) => m.replace(`${name}&#39;`, `${name}V2&#39;`)),
      remove: (h) => h.replace(attr, ''),
    });
  }
  // Prolific: every data-testid.
  for (const id of new Set([...c.html.matchAll(/data-testid="([^"]+)"/g)].map((m) => m[1]!))) {
    const attr = new RegExp(`data-testid="${escape(id)}"`, 'g');
    pieces.push({ what: `data-testid ${id}`, rename: (h) => h.replace(attr, `data-testid="${id}-v2"`), remove: (h) => h.replace(attr, '') });
  }
  for (const label of LABELS[c.platform ?? ''] ?? []) {
    const text = new RegExp(`>${escape(label)}`, 'g');
    if (!text.test(c.html)) continue;
    pieces.push({ what: `label "${label.trim()}"`, rename: (h) => h.replace(text, `>Zz${label}`), remove: (h) => h.replace(text, '>') });
  }
  for (const cls of CLASSES[c.platform ?? ''] ?? []) {
    const attr = new RegExp(`class="${escape(cls)}"`, 'g');
    if (!attr.test(c.html)) continue;
    pieces.push({ what: `class ${cls}`, rename: (h) => h.replace(attr, `class="${cls}-v2"`), remove: (h) => h.replace(attr, '') });
  }
  const variants = pieces.flatMap((p) => [
    { name: `${p.what} renamed`, html: p.rename(c.html) },
    { name: `${p.what} removed`, html: p.remove(c.html) },
  ]);
  variants.push({ name: 'everything renamed at once', html: pieces.reduce((h, p) => p.rename(h), c.html) });
  return variants.filter((v) => v.html !== c.html);
}
