/**
 * Styles of `<ltc-dashboard>`: a three-column grid of panels (one column on narrow screens),
 * chart colours as `--ltc-chart-1`…`6` with light and dark defaults, and the `theme`
 * attribute forcing either scheme over `prefers-color-scheme`.
 */
import { css } from 'lit';

const dark = css`
  --_primary: var(--ltc-color-primary, #60a5fa);
  --_primary-contrast: var(--ltc-color-on-primary, #0b1220);
  --_danger: var(--ltc-color-danger, #f87171);
  --_text: var(--ltc-color-text, #e5e7eb);
  --_muted: var(--ltc-color-muted, #a3acb9);
  --_surface: var(--ltc-color-surface, #111827);
  --_surface-alt: var(--ltc-color-surface-alt, #1f2937);
  --_border: var(--ltc-color-border, #374151);
  --_focus: var(--ltc-color-focus, #93c5fd);
  --_up: #4ade80;
  --_down: #f87171;
  --_c1: var(--ltc-chart-1, #60a5fa);
  --_c2: var(--ltc-chart-2, #f472b6);
  --_c3: var(--ltc-chart-3, #34d399);
  --_c4: var(--ltc-chart-4, #fbbf24);
  --_c5: var(--ltc-chart-5, #a78bfa);
  --_c6: var(--ltc-chart-6, #f87171);
`;

const light = css`
  --_primary: var(--ltc-color-primary, #2563eb);
  --_primary-contrast: var(--ltc-color-on-primary, #ffffff);
  --_danger: var(--ltc-color-danger, #b91c1c);
  --_text: var(--ltc-color-text, #1f2937);
  --_muted: var(--ltc-color-muted, #5b6472);
  --_surface: var(--ltc-color-surface, #ffffff);
  --_surface-alt: var(--ltc-color-surface-alt, #f5f7fa);
  --_border: var(--ltc-color-border, #d9dee7);
  --_focus: var(--ltc-color-focus, #1d4ed8);
  --_up: #15803d;
  --_down: #b91c1c;
  --_c1: var(--ltc-chart-1, #2563eb);
  --_c2: var(--ltc-chart-2, #db2777);
  --_c3: var(--ltc-chart-3, #059669);
  --_c4: var(--ltc-chart-4, #d97706);
  --_c5: var(--ltc-chart-5, #7c3aed);
  --_c6: var(--ltc-chart-6, #dc2626);
`;

export const dashboardStyles = css`
  :host {
    display: block;
    ${light}
    background: var(--_surface);
    color: var(--_text);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      ${dark}
    }
  }
  :host([theme='dark']) {
    ${dark}
  }
  :host([theme='light']) {
    ${light}
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .bar h2 {
    margin: 0;
    font-size: 1.2em;
  }
  .spacer {
    flex: 1;
  }
  .keys,
  .range,
  .status,
  .empty {
    color: var(--_muted);
  }
  .error {
    color: var(--_danger);
  }
  .grid {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(3, minmax(0, 1fr));
    gap: 0.75rem;
  }
  .panel {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.6rem 0.75rem;
    background: var(--_surface);
    min-width: 0;
  }
  .panel:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .span-2 {
    grid-column: span 2;
  }
  .span-3 {
    grid-column: span 3;
  }
  @media (max-width: 720px) {
    .grid {
      grid-template-columns: minmax(0, 1fr);
    }
    .span-2,
    .span-3 {
      grid-column: auto;
    }
  }
  .panel header {
    display: flex;
    align-items: center;
    gap: 0.25rem;
  }
  .panel h3 {
    flex: 1;
    margin: 0;
    font-size: 1em;
  }
  .tools button,
  .tools select {
    padding: 0.1rem 0.35rem;
  }
  figure {
    margin: 0.5rem 0 0;
  }
  svg.chart {
    width: 100%;
    height: auto;
    display: block;
  }
  .axis .grid {
    stroke: var(--_border);
    stroke-width: 1;
  }
  .tick,
  .legend,
  .cell {
    fill: var(--_text);
    font-size: 11px;
    font-family: inherit;
  }
  .cell.strong {
    fill: var(--_surface);
  }
  .heat {
    fill: var(--_c1);
  }
  /* The few rules of uPlot's stylesheet its canvas layers need (src/charts.ts). */
  .plot .u-wrap {
    position: relative;
  }
  .plot .u-over,
  .plot .u-under,
  .plot .u-axis {
    position: absolute;
  }
  .plot .u-under {
    overflow: hidden;
  }
  .plot canvas {
    display: block;
    position: relative;
    width: 100%;
    height: 100%;
  }
  .s0 { fill: var(--_c1); }
  .s1 { fill: var(--_c2); }
  .s2 { fill: var(--_c3); }
  .s3 { fill: var(--_c4); }
  .s4 { fill: var(--_c5); }
  .s5 { fill: var(--_c6); }
  .number {
    font-size: 2.2em;
    font-weight: 600;
    margin: 0.4rem 0 0;
  }
  .change {
    margin: 0.2rem 0;
  }
  .change.up {
    color: var(--_up);
  }
  .change.down {
    color: var(--_down);
  }
  .scroll {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    font-size: 0.9em;
    margin-top: 0.4rem;
  }
  th,
  td {
    border: 1px solid var(--_border);
    padding: 0.15rem 0.4rem;
    text-align: end;
  }
  th[scope='row'],
  thead th:first-child {
    text-align: start;
  }
  .exports {
    display: flex;
    gap: 0.4rem;
    margin-top: 0.4rem;
  }
  ltc-panel-editor {
    margin: 0.5rem 0;
  }
`;
