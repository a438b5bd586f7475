// Types for the TypeScript tests that build the bench's pages (tests/unit/runtime/page-html.test.ts).
export function queueOf(count: number): string;
export const PAGES: { name: string; kind: 'task' | 'other'; url: string; routes: Record<string, string> }[];
export function routeKey(url: string): string;
