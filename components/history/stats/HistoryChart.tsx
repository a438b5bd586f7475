import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChartSeries } from '../../../lib/domain/history-chart';
import { chartData, chartOptions, COLOR_TOKENS, type ChartColors, type ChartKind, type ChartText } from './chart-options';

// One uPlot chart, with its caption. The canvas is hidden from assistive technology: the caption says what it
// shows and the table with the same numbers is its accessible equivalent. Where no canvas can be drawn (a test's
// happy-dom), it is nothing at all.

/** Whether this document can draw on a canvas. */
export function canDraw(): boolean {
  try {
    return Boolean(document.createElement('canvas').getContext?.('2d'));
  } catch {
    return false;
  }
}

/** The design tokens as the page's theme sets them now (light or dark). */
function readColors(): ChartColors {
  const style = getComputedStyle(document.documentElement);
  const entries = Object.entries(COLOR_TOKENS).map(([name, token]) => [name, style.getPropertyValue(token).trim() || 'currentColor']);
  return Object.fromEntries(entries) as ChartColors;
}

export interface HistoryChartProps {
  kind: ChartKind;
  series: ChartSeries;
  text: ChartText;
  caption: string;
}

export function HistoryChart({ kind, series, text, caption }: HistoryChartProps) {
  const [drawable] = useState(canDraw);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!drawable) return;
    let plot: { destroy(): void } | undefined;
    let cancelled = false;
    const draw = async () => {
      // Loaded only where a chart is drawn: the tables alone need none of it.
      const { default: UPlot } = await import('uplot');
      const target = box.current;
      if (cancelled || !target) return;
      plot?.destroy();
      const bars = UPlot.paths.bars?.({ size: [0.7, 48] });
      plot = new UPlot(chartOptions(kind, series, readColors(), text, target.clientWidth || 640, bars), chartData(kind, series), target);
    };
    void draw();
    // The theme follows the system: draw again in the other theme's colours when it changes.
    const scheme = window.matchMedia?.('(prefers-color-scheme: dark)');
    const redraw = () => void draw();
    scheme?.addEventListener('change', redraw);
    return () => {
      cancelled = true;
      scheme?.removeEventListener('change', redraw);
      plot?.destroy();
    };
  }, [drawable, kind, series, text]);
  if (!drawable) return null;
  return (
    <figure class="chart" data-chart={kind}>
      <figcaption>{caption}</figcaption>
      <div ref={box} class="chart-canvas" aria-hidden="true" />
    </figure>
  );
}
