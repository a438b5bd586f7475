import { defaultRangeExtractor, elementScroll, observeElementOffset, observeElementRect, Virtualizer, type VirtualizerOptions } from '@tanstack/virtual-core';
import { useLayoutEffect, useReducer, useState } from 'preact/hooks';

// @tanstack/virtual-core in Preact, as its React adapter does it: one Virtualizer per list, its options set on
// each render, a re-render when its range changes. Only the rows in view (and `overscan` each side) are rendered.

/** A screenful when the scroller has no height yet (before layout, or a DOM without layout): never an empty list. */
const FALLBACK_HEIGHT = 800;

const observeRect: VirtualizerOptions<HTMLDivElement, Element>['observeElementRect'] = (instance, cb) =>
  observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width, height: FALLBACK_HEIGHT }));

export interface VirtualOptions {
  count: number;
  rowHeight: number;
  /** Space above the first row inside the scroller (the sticky header). */
  paddingStart: number;
  scroller: () => HTMLDivElement | null;
  overscan?: number;
  /** An index rendered even out of view (the focused row: unmounting it would drop the focus). */
  keep?: number;
  /** Told the first index in view (without overscan) whenever the range is computed. */
  onRange?: (firstInView: number) => void;
}

export function useVirtual(o: VirtualOptions): Virtualizer<HTMLDivElement, Element> {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const options: VirtualizerOptions<HTMLDivElement, Element> = {
    count: o.count,
    getScrollElement: o.scroller,
    estimateSize: () => o.rowHeight,
    paddingStart: o.paddingStart,
    overscan: o.overscan ?? 12,
    observeElementRect: observeRect,
    observeElementOffset,
    scrollToFn: elementScroll,
    rangeExtractor: (range) => {
      o.onRange?.(range.startIndex);
      const indices = defaultRangeExtractor(range);
      const keep = o.keep;
      if (keep === undefined || keep >= range.count || indices.includes(keep)) return indices;
      return keep < (indices[0] ?? 0) ? [keep, ...indices] : [...indices, keep];
    },
    onChange: () => rerender(undefined),
  };
  const [virtualizer] = useState(() => new Virtualizer(options));
  virtualizer.setOptions(options);
  useLayoutEffect(() => virtualizer._didMount(), []);
  useLayoutEffect(() => {
    virtualizer._willUpdate();
  });
  return virtualizer;
}
