import { readFileSync } from 'node:fs';
import { ROOT } from './served';

export interface Sidecar {
  url: string;
  pageKind: string;
  now?: number;
  expected: Record<string, unknown> & { title?: string };
}

export function sidecar(path: string): Sidecar {
  return JSON.parse(readFileSync(`${ROOT}tests/fixtures/${path}`, 'utf8')) as Sidecar;
}

/** The route-table key of a URL: origin and path, no query. */
export function routeKey(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}
