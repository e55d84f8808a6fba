/**
 * The dashboard's charts as SVG drawn by Lit templates: bar, pie, funnel and the cohort
 * heatmap (uPlot has none of the last three; lines and areas are uPlot's, src/charts.ts), from one `PanelResult` (src/core/dashboards/compute.ts). Labels are text
 * nodes (Lit bindings), never markup, so a choice named `<b>` shows as typed; colours come
 * from CSS classes (`s0`…`s5`, themed by `--ltc-chart-1`…`6` in the element's styles), so
 * light and dark follow the page. Each chart is an `img` with a name; the numbers themselves
 * are in the data table the element renders beside it for screen readers.
 */
import { nothing, svg, type SVGTemplateResult } from 'lit';
import type { PanelResult, Series, ValueFormat } from '../../core/dashboards/index.js';
import type { Locale } from '../../core/schema/types.js';
import { formatNumber } from '../../i18n/index.js';

const WIDTH = 600;
const HEIGHT = 280;
const PAD = { left: 56, right: 12, top: 12, bottom: 40 };
const PALETTE_SIZE = 6;

/** A value as the data table and the labels show it. */
export function formatValue(value: number | null, format: ValueFormat, locale: Locale): string {
  if (value === null) return '–';
  if (format === 'percent') return formatNumber(value, locale, { style: 'percent', maximumFractionDigits: 1 });
  if (format === 'days') return `${formatNumber(value, locale, { maximumFractionDigits: 1 })}${locale === 'zh-CN' ? ' 天' : ' d'}`;
  return formatNumber(value, locale, { maximumFractionDigits: 2 });
}

/** The series a chart draws (table-only ones are left to the data table). */
export function drawnSeries(result: PanelResult): Series[] {
  return result.series.filter((s) => !s.tableOnly);
}

/** A short axis label: long category names are cut with an ellipsis (the data table has them whole). */
function short(text: string, max = 12): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= max) return m * step;
  return 10 * step;
}

function extent(series: readonly Series[]): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (const s of series) for (const v of s.values) if (v !== null) ((min = Math.min(min, v)), (max = Math.max(max, v)));
  return { min: min < 0 ? -niceMax(-min) : 0, max: niceMax(max) };
}

function frame(title: string, body: SVGTemplateResult | SVGTemplateResult[], legend: readonly Series[]): SVGTemplateResult {
  return svg`<svg class="chart" role="img" viewBox="0 0 ${WIDTH} ${HEIGHT + (legend.length > 1 ? 24 : 0)}" preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">
    <title>${title}</title>
    ${body}
    ${legend.length > 1 ? legend.map((s, i) => svg`<g transform="translate(${PAD.left + i * 150} ${HEIGHT + 8})"><rect class="s${i % PALETTE_SIZE}" width="10" height="10"></rect><text class="legend" x="14" y="9">${short(s.label, 20)}</text></g>`) : nothing}
  </svg>`;
}

/** Y axis with four ticks and the category labels under the plot. */
function axes(result: PanelResult, min: number, max: number, format: ValueFormat, locale: Locale, x: (i: number) => number): SVGTemplateResult {
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const ticks = [0, 1, 2, 3, 4].map((k) => min + ((max - min) * k) / 4);
  const every = Math.max(1, Math.ceil(result.categories.length / 10));
  return svg`<g class="axis">
    ${ticks.map((t) => {
      const y = PAD.top + plotH - ((t - min) / (max - min)) * plotH;
      return svg`<line class="grid" x1=${PAD.left} x2=${WIDTH - PAD.right} y1=${y} y2=${y}></line><text class="tick" x=${PAD.left - 6} y=${y + 4} text-anchor="end">${formatValue(t, format, locale)}</text>`;
    })}
    ${result.categories.map((c, i) => (i % every === 0 ? svg`<text class="tick" x=${x(i)} y=${HEIGHT - PAD.bottom + 16} text-anchor="middle">${short(c.label)}</text>` : nothing))}
  </g>`;
}

function barChart(result: PanelResult, title: string, locale: Locale): SVGTemplateResult {
  const series = drawnSeries(result);
  const { min, max } = extent(series);
  const n = Math.max(1, result.categories.length);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const band = plotW / n;
  const barW = (band * 0.8) / Math.max(1, series.length);
  const y = (v: number) => PAD.top + plotH - ((v - min) / (max - min)) * plotH;
  const x = (i: number) => PAD.left + band * i + band / 2;
  const bars = series.flatMap((s, si) =>
    s.values.map((v, i) => {
      if (v === null) return svg``;
      const top = Math.min(y(v), y(0));
      return svg`<rect class="s${si % PALETTE_SIZE}" x=${PAD.left + band * i + band * 0.1 + barW * si} y=${top} width=${Math.max(1, barW - 1)} height=${Math.abs(y(v) - y(0))}><title>${result.categories[i].label}: ${formatValue(v, s.format, locale)}</title></rect>`;
    }),
  );
  return frame(title, [axes(result, min, max, series[0]?.format ?? 'number', locale, x), ...bars], series);
}

function pieChart(result: PanelResult, title: string, locale: Locale): SVGTemplateResult {
  const s = drawnSeries(result)[0];
  const values = s ? s.values.map((v) => (v !== null && v > 0 ? v : 0)) : [];
  const total = values.reduce((a, b) => a + b, 0);
  const cx = 150;
  const cy = HEIGHT / 2;
  const r = HEIGHT / 2 - 16;
  let angle = -Math.PI / 2;
  const slices = values.map((v, i) => {
    if (v === 0 || total === 0) return svg``;
    const sweep = (v / total) * Math.PI * 2;
    const label = `${result.categories[i].label}: ${formatValue(v, s.format, locale)} (${formatValue(v / total, 'percent', locale)})`;
    const start = angle;
    angle += sweep;
    if (sweep >= Math.PI * 2 - 1e-9) return svg`<circle class="s${i % PALETTE_SIZE}" cx=${cx} cy=${cy} r=${r}><title>${label}</title></circle>`;
    const [x1, y1, x2, y2] = [cx + r * Math.cos(start), cy + r * Math.sin(start), cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
    return svg`<path class="s${i % PALETTE_SIZE}" d=${`M${cx},${cy} L${x1},${y1} A${r},${r} 0 ${sweep > Math.PI ? 1 : 0} 1 ${x2},${y2} Z`}><title>${label}</title></path>`;
  });
  const legend = result.categories.map(
    (c, i) => svg`<g transform="translate(320 ${24 + i * 20})"><rect class="s${i % PALETTE_SIZE}" width="10" height="10"></rect><text class="legend" x="16" y="9">${short(c.label, 18)} ${total ? formatValue(values[i] / total, 'percent', locale) : ''}</text></g>`,
  );
  return frame(title, [...slices, ...legend], []);
}

function funnelChart(result: PanelResult, title: string, locale: Locale): SVGTemplateResult {
  const s = drawnSeries(result)[0];
  const values = s?.values ?? [];
  const max = Math.max(1, ...values.map((v) => v ?? 0));
  const rowH = (HEIGHT - 16) / Math.max(1, values.length);
  const full = WIDTH - 240;
  const rows = values.map((v, i) => {
    const w = Math.max(2, ((v ?? 0) / max) * full);
    const y = 8 + i * rowH;
    return svg`<rect class="s${i % PALETTE_SIZE}" x=${160 + (full - w) / 2} y=${y} width=${w} height=${rowH - 6}></rect>
      <text class="tick" x="152" y=${y + rowH / 2} text-anchor="end">${short(result.categories[i].label, 16)}</text>
      <text class="tick" x=${WIDTH - 72} y=${y + rowH / 2}>${formatValue(v, s.format, locale)}</text>`;
  });
  return frame(title, rows, []);
}

function heatmap(result: PanelResult, title: string, locale: Locale): SVGTemplateResult {
  const series = drawnSeries(result);
  const rows = result.categories.length;
  const cellW = (WIDTH - 80) / Math.max(1, series.length);
  const cellH = Math.max(14, Math.min(24, (HEIGHT - 24) / Math.max(1, rows)));
  const height = 24 + rows * cellH;
  const cells = result.categories.map(
    (c, r) => svg`<text class="tick" x="74" y=${24 + r * cellH + cellH / 2 + 4} text-anchor="end">${c.label}</text>
      ${series.map((s, k) => {
        const v = s.values[r];
        if (v === null) return svg``;
        return svg`<rect class="heat" x=${80 + k * cellW} y=${24 + r * cellH} width=${cellW - 1} height=${cellH - 1} fill-opacity=${0.12 + 0.88 * Math.max(0, Math.min(1, v))}><title>${c.label} · ${s.label}: ${formatValue(v, s.format, locale)}</title></rect><text class=${v > 0.55 ? 'cell strong' : 'cell'} x=${80 + k * cellW + cellW / 2} y=${24 + r * cellH + cellH / 2 + 4} text-anchor="middle">${formatValue(v, s.format, locale)}</text>`;
      })}`,
  );
  const heads = series.map((s, k) => svg`<text class="tick" x=${80 + k * cellW + cellW / 2} y="14" text-anchor="middle">${k}</text>`);
  return svg`<svg class="chart" role="img" viewBox="0 0 ${WIDTH} ${height}" xmlns="http://www.w3.org/2000/svg"><title>${title}</title>${heads}${cells}</svg>`;
}

/** The chart of a result, or nothing for those drawn otherwise (numbers and pivot tables as HTML, lines and areas by uPlot: src/charts.ts). */
export function renderChart(result: PanelResult, title: string, locale: Locale): SVGTemplateResult | typeof nothing {
  switch (result.chart) {
    case 'bar':
      return barChart(result, title, locale);
    case 'pie':
      return pieChart(result, title, locale);
    case 'funnel':
      return funnelChart(result, title, locale);
    case 'heatmap':
      return heatmap(result, title, locale);
    default:
      return nothing;
  }
}
