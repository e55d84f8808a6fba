/**
 * Line and area charts of dashboards through uPlot, the entry of the lazily loaded script
 * dist/ltc-kit-charts.js (`window.LtcKitCharts`, an IIFE that shares nothing with the other
 * bundles); src/elements/dashboard/load-charts.ts loads it the first time a dashboard shows
 * a line or area chart. uPlot (~22 KB gzip, docs/dependencies.md) draws on a canvas, fast
 * for long series; the numbers stay readable in the data table `<ltc-dashboard>` puts beside
 * every chart, and the canvas exports as PNG.
 */
import uPlot from 'uplot';

/** One line of a chart. */
export interface LineSeries {
  label: string;
  /** One value per category; null leaves a gap. */
  values: (number | null)[];
  /** A CSS colour (resolved by the caller from its theme). */
  color: string;
}

/** What to draw. */
export interface LineChartSpec {
  /** Category labels along the x axis (months, days, groups). */
  labels: string[];
  series: LineSeries[];
  /** Fill under each line. */
  area: boolean;
  width: number;
  height: number;
  /** Text colour of the axes and the grid colour, from the theme. */
  text: string;
  grid: string;
  /** A value as the y axis shows it. */
  format: (value: number) => string;
}

/** A drawn chart: resize it, take its canvas for an export, or remove it. */
export interface DrawnChart {
  resize(width: number, height: number): void;
  canvas(): HTMLCanvasElement;
  destroy(): void;
}

/** Fill colour of an area: the line's colour, mostly transparent (any CSS colour, via canvas). */
function translucent(color: string): string {
  const canvas = document.createElement('canvas').getContext('2d');
  if (!canvas) return color;
  canvas.fillStyle = color;
  const hex = canvas.fillStyle;
  return /^#[0-9a-f]{6}$/i.test(hex) ? `${hex}40` : color;
}

/** Draws a line (or area) chart into `target`, replacing what it held. */
export function drawLineChart(target: HTMLElement, spec: LineChartSpec): DrawnChart {
  target.replaceChildren();
  const xs = spec.labels.map((_, i) => i);
  const axis = { stroke: spec.text, grid: { stroke: spec.grid, width: 1 }, ticks: { stroke: spec.grid, width: 1 } };
  const plot = new uPlot(
    {
      width: spec.width,
      height: spec.height,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false } },
      axes: [
        { ...axis, values: (_u: uPlot, splits: number[]) => splits.map((i) => (Number.isInteger(i) ? (spec.labels[i] ?? '') : '')) },
        { ...axis, size: 64, values: (_u: uPlot, splits: number[]) => splits.map((v) => spec.format(v)) },
      ],
      series: [{}, ...spec.series.map((s) => ({ label: s.label, stroke: s.color, width: 2, points: { show: true, size: 5 }, ...(spec.area ? { fill: translucent(s.color) } : {}) }))],
    },
    [xs, ...spec.series.map((s) => s.values)] as uPlot.AlignedData,
    target,
  );
  return {
    resize: (width, height) => plot.setSize({ width, height }),
    canvas: () => plot.ctx.canvas,
    destroy: () => plot.destroy(),
  };
}
