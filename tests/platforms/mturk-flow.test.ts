// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mturk } from '../../lib/platforms/mturk';
import { EXTERNAL_SUBMIT_ORIGIN } from '../../lib/platforms/mturk-flow';
import { cases, parse } from './fixtures';

/**
 * mturk-flow through the saved pages: the submit message on each task page. The alerts ("HIT Submitted", "no
 * longer available") and the Return form are checked for every fixture from its sidecar (adapters.test.ts).
 */
const M = 'https://worker.mturk.com';

describe('submit messages, on the fixtures’ task pages', () => {
  const taskPages = cases.filter((c) => c.platform === 'mturk' && c.pageKind === 'task' && c.expected !== null);

  /** The page with a stand-in for its task iframe's window (happy-dom loads no iframe page, so has none). */
  function page(html: string) {
    const doc = parse(html);
    const frame = doc.querySelector('iframe.embed-responsive-item');
    const frameWindow = { name: 'task frame' };
    if (frame) Object.defineProperty(frame, 'contentWindow', { value: frameWindow });
    return { doc, frameWindow };
  }

  it.each(taskPages)('$name: only the task iframe, from externalSubmit, naming this assignment', ({ html, url }) => {
    const { doc, frameWindow } = page(html);
    const here = new URL(url);
    const assignmentId = here.searchParams.get('assignment_id');
    const data = JSON.stringify({ answer: { q1: 'yes' }, assignmentId });
    const is = (event: { origin: string; data: unknown; source: unknown }) => mturk.isSubmitMessage?.(event, doc, here);

    expect(is({ origin: EXTERNAL_SUBMIT_ORIGIN, data, source: frameWindow })).toBe(true);
    expect(is({ origin: EXTERNAL_SUBMIT_ORIGIN, data: JSON.parse(data), source: frameWindow })).toBe(true);
    expect(is({ origin: 'https://requester.example.org', data, source: frameWindow })).toBe(false);
    expect(is({ origin: EXTERNAL_SUBMIT_ORIGIN, data, source: { name: 'another frame' } })).toBe(false);
    expect(is({ origin: EXTERNAL_SUBMIT_ORIGIN, data, source: null })).toBe(false);
    const other = JSON.stringify({ answer: {}, assignmentId: '3OTHERASSIGNMENT000000000000X' });
    expect(is({ origin: EXTERNAL_SUBMIT_ORIGIN, data: other, source: frameWindow })).toBe(false);
    expect(is({ origin: EXTERNAL_SUBMIT_ORIGIN, data: JSON.stringify({ assignmentId }), source: frameWindow })).toBe(false);
    expect(is({ origin: EXTERNAL_SUBMIT_ORIGIN, data: '{"answer":', source: frameWindow })).toBe(false);
  });

  it('a page without a task iframe accepts no submit message', () => {
    const unavailable = cases.find((c) => c.platform === 'mturk' && c.name === 'task-unavailable.html');
    const { doc } = page(unavailable?.html ?? '');
    const url = new URL(unavailable?.url ?? M);
    const data = { answer: {}, assignmentId: url.searchParams.get('assignment_id') };
    expect(mturk.isSubmitMessage?.({ origin: EXTERNAL_SUBMIT_ORIGIN, data, source: null }, doc, url)).toBe(false);
  });
});
