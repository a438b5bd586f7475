/**
 * MTurk renders its pages from React components whose props sit as JSON in `data-react-props`, next to a
 * `data-react-class` naming the component, e.g. `require('reactComponents/common/ShowModal')['default']`.
 * Reading those props is sturdier than scraping visible text. The JSON is untrusted: callers guard every field.
 */
export function reactProps(
  doc: Document,
  component: string,
  wanted?: (props: Record<string, unknown>) => boolean,
): Record<string, unknown> | null {
  // Match the component's own name, so that `CompletionTimer` does not match `FooCompletionTimerBar`.
  const name = new RegExp(`(^|[/'"])${escapeRegExp(component)}(['"]|$)`);
  let first: Record<string, unknown> | null = null;
  for (const el of doc.querySelectorAll('[data-react-class][data-react-props]')) {
    if (!name.test(el.getAttribute('data-react-class') ?? '')) continue;
    try {
      const value: unknown = JSON.parse(el.getAttribute('data-react-props') ?? '');
      // A page may hold the component more than once (another modal): `wanted` picks the one the caller means.
      if (isRecord(value) && (!wanted || wanted(value))) return value;
      if (isRecord(value)) first ??= value;
    } catch {
      // Malformed props: treat as absent; the caller falls back or returns null.
    }
  }
  return first;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
