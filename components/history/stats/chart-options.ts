import type uPlot from 'uplot';
import type { ChartSeries } from '../../../lib/domain/history-chart';

// What each chart gives uPlot: its data (the series lib/domain computed, as they are) and its options (colours
// from the design tokens, numbers and dates through the formatters passed in). Pure, so that tests check the
// numbers a chart draws without a canvas.

export type ChartKind = 'earnings' | 'parts';

/** The tokens of components/theme.css a chart draws with, read from the page at draw time (both themes). */
export interface ChartColors {
  fg: string;
  muted: string;
  grid: string;
  accent: string;
  paid: string;
  unpaid: string;
  platform: string;
  idle: string;
}

export const COLOR_TOKENS: Record<keyof ChartColors, string> = {
  fg: '--fg', muted: '--muted', grid: '--border', accent: '--accent',
  paid: '--good-fg', unpaid: '--under-fg', platform: '--between-fg', idle: '--border-strong',
};

export interface ChartText {
  /** Series names, in the UI language (`x`: what a point is, e.g. "Period"). */
  names: { x: string; earnings: string; trueRate: string; paid: string; unpaid: string; platform: string; idle: string };
  /** An axis label for a point (its day, week or month). */
  x: (index: number) => string;
  /** An amount of the display currency, and the same per hour. */
  money: (value: number) => string;
  rate: (value: number) => string;
  hours: (value: number) => string;
}

/**
 * The data a chart draws: x is the point's index (days, weeks or months are evenly spaced, named by `x`).
 * Earnings: earnings, true rate. Parts: the running sums, the top band first so that each lower band is drawn
 * over it (uPlot does not stack; each band shows as its own part).
 */
export function chartData(kind: ChartKind, s: ChartSeries): uPlot.AlignedData {
  const x = s.days.map((_, i) => i);
  if (kind === 'earnings') return [x, s.earnings, s.trueRate];
  return [x, s.stacked[3], s.stacked[2], s.stacked[1], s.stacked[0]];
}

/**
 * `bars`: uPlot's bar path builder (`uPlot.paths.bars`), passed in so that this stays free of uPlot's code: the
 * parts are drawn as bars, each band over the one above it.
 */
export function chartOptions(kind: ChartKind, s: ChartSeries, c: ChartColors, text: ChartText, width: number, bars?: uPlot.Series.PathBuilder): uPlot.Options {
  const axis = (values: (v: number) => string, side?: 1 | 3, scale?: string): uPlot.Axis => ({
    stroke: c.muted, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid, width: 1 },
    values: (_u, splits) => splits.map(values), ...(side ? { side } : {}), ...(scale ? { scale } : {}), size: 70,
  });
  const xAxis: uPlot.Axis = { ...axis((i) => (Number.isInteger(i) ? text.x(i) : '')), size: 40 };
  const common = { width, height: 240, scales: { x: { time: false } }, legend: { live: true } };
  if (kind === 'earnings') {
    return {
      ...common,
      scales: { ...common.scales, money: { range: (_u, _min, max) => [0, Math.max(1, max)] }, rate: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      series: [
        { label: text.names.x, value: (_u, v) => (v === null ? '' : text.x(v)) },
        { label: text.names.earnings, scale: 'money', stroke: c.accent, fill: `${c.accent}33`, width: 2, value: (_u, v) => (v === null ? '—' : text.money(v)) },
        { label: text.names.trueRate, scale: 'rate', stroke: c.fg, width: 2, dash: [6, 4], value: (_u, v) => (v === null ? '—' : text.rate(v)) },
      ],
      axes: [xAxis, axis(text.money, 3, 'money'), axis(text.rate, 1, 'rate')],
    };
  }
  // Each band's legend shows its own part (the running sum less the band below), not the sum.
  const own = (part: number[]) => (_u: uPlot, _v: number | null, _si: number, i: number | null) => (i === null ? '' : text.hours(part[i] ?? 0));
  const band = (label: string, color: string, part: number[]): uPlot.Series => ({
    label, stroke: color, fill: color, width: 1, value: own(part), ...(bars ? { paths: bars, points: { show: false } } : {}),
  });
  return {
    ...common,
    // Bars need half a point's room at each end.
    scales: { x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
    series: [
      { label: text.names.x, value: (_u, v) => (v === null ? '' : text.x(v)) },
      band(text.names.idle, c.idle, s.parts.idle),
      band(text.names.platform, c.platform, s.parts.platform),
      band(text.names.unpaid, c.unpaid, s.parts.unpaid),
      band(text.names.paid, c.paid, s.parts.paid),
    ],
    axes: [xAxis, axis(text.hours)],
  };
}
