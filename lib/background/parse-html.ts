import { DOMParser } from 'linkedom';

/**
 * HTML to a Document in the background. Chrome's service worker has no DOMParser, so the adapters' readers
 * (functions of a Document) run on linkedom's, in both browsers alike.
 */
export function parseHtml(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}
