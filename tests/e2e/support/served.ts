import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CHROME_DIR = `${ROOT}.output-e2e/chrome-mv3`;
export const FIREFOX_DIR = `${ROOT}.output-e2e/firefox-mv3`;

export interface ServedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * A served page: a fixture under tests/fixtures/, or literal HTML (for pages a test builds, e.g. a requester's
 * form), or a redirect. `post` answers POST requests to the same URL (e.g. MTurk's Return form).
 */
export type Served = (
  | { fixture: string; status?: number }
  | { html: string; status?: number }
  | { redirect: string }
  /** Decided per request, e.g. a page that needs the worker's session cookie. */
  | { dynamic: (request: ServedRequestInfo) => Served }
) & {
  post?: Served;
};

export interface ServedRequestInfo {
  method: string;
  /** The full URL asked for (query included: MTurk answers `?format=json` on the same path). */
  url: string;
  /** The Cookie header, '' when none. */
  cookie: string;
}

/** Maps `https://host/path` (no query) to what is served there; both browsers' harnesses use it. */
export type Site = Record<string, Served>;

export function fixtureHtml(path: string): string {
  return readFileSync(`${ROOT}tests/fixtures/${path}`, 'utf8');
}

export function serve(site: Site, rawUrl: string, method = 'GET', cookie = ''): ServedResponse | null {
  const url = new URL(rawUrl);
  const found = site[`${url.origin}${url.pathname}`];
  let entry = method === 'POST' && found?.post ? found.post : found;
  if (!entry) return null;
  if ('dynamic' in entry) entry = entry.dynamic({ method, cookie, url: rawUrl });
  if ('dynamic' in entry) return null;
  if ('redirect' in entry) return { status: 302, headers: { location: entry.redirect }, body: '' };
  const body = 'fixture' in entry ? fixtureHtml(entry.fixture) : entry.html;
  // A JSON answer (MTurk's ?format=json) is served as JSON.
  if (body.trimStart().startsWith('{')) return { status: entry.status ?? 200, headers: { 'content-type': 'application/json' }, body };
  return { status: entry.status ?? 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}
