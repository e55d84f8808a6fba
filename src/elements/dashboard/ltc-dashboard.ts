/**
 * `<ltc-dashboard>`: the app's dashboards (`AppDef.dashboards`) — numbers, charts, pivot
 * tables and the built-in analyses (docs/dashboards.md) — computed from the records and their
 * derived values (`DerivedValues`), so formula and stage fields count as the table shows
 * them. Users add, edit, remove, reorder (buttons, or Alt+arrow keys on a focused panel) and
 * resize (1–3 columns; Alt+1/2/3) panels without code; each change is one `putApp` based on
 * the app version shown, so an edit made meanwhile elsewhere is refused with a message rather
 * than overwritten, and a removed panel can be put back with Undo.
 *
 * Every chart has its numbers in a data table (behind a disclosure, read by screen readers),
 * an SVG export of the chart and a CSV export of the numbers. Colours and surfaces are CSS
 * custom properties: light or dark follows `prefers-color-scheme`, or the `theme` attribute.
 * Loaded with the designer script; `<ltc-app>` shows it as its "Dashboards" screen.
 *
 * @summary Dashboards of numbers and charts over an app's records.
 * @attr locale - `zh-CN` or `en` (default: the workspace's).
 * @attr dashboard-id - The dashboard shown (default: the app's first).
 * @attr theme - `light` or `dark` to override the page's colour scheme.
 * @csspart panel - Each panel.
 * @csspart data-table - The data table behind a chart.
 * @cssproperty --ltc-chart-1 - First series colour (to --ltc-chart-6).
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { AppDef, CellValue, Locale, RecordData } from '../../core/schema/types.js';
import { StaleWriteError, type Store } from '../../store/types.js';
import type { DerivedValues } from '../../runtime/derived.js';
import { computeDashboard, dashboardMessage, resultToCsv, type DashboardDef, type DashboardData, type PanelDef, type PanelResult } from '../../core/dashboards/index.js';
import type { OutcomeRun } from '../../core/rules/outcomes.js';
import { createId } from '../../core/ids.js';
import { RUN_TABLE_ID } from '../../runtime/rules/run-log.js';
import { runRow } from '../rules/run-log-rows.js';
import { labelOf } from '../../i18n/index.js';
import { td } from '../../i18n/dashboard-ui.js';
import { appContext, derivedContext, localeContext, storeContext } from '../context.js';
import { baseStyles } from '../styles.js';
import { drawnSeries, formatValue, renderChart } from './svg-charts.js';
import { loadCharts } from './load-charts.js';
import type { DrawnChart } from '../../charts.js';
import { dashboardStyles } from './ltc-dashboard.styles.js';

/** How long record changes are gathered before the panels are computed again, in ms. */
const RECOMPUTE_DELAY = 250;

/** A download of `text` as a file, through an object URL (no data: URLs, which a strict CSP may refuse). */
function download(text: string, type: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a panel title: no characters file systems refuse. */
function fileName(title: string, extension: string): string {
  return `${title.replace(/[\\/:*?"<>|]+/g, '_').trim() || 'chart'}.${extension}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'ltc-dashboard': LtcDashboard;
  }
}

export class LtcDashboard extends LitElement {
  static override styles = [baseStyles, dashboardStyles];

  @consume({ context: storeContext, subscribe: true }) @property({ attribute: false }) accessor store: Store | undefined;
  @consume({ context: appContext, subscribe: true }) @property({ attribute: false }) accessor app: AppDef | undefined;
  @consume({ context: derivedContext, subscribe: true }) @property({ attribute: false }) accessor derived: DerivedValues | undefined;
  @consume({ context: localeContext, subscribe: true }) @property() accessor locale: Locale = 'en';
  /** The dashboard shown; the app's first when unset or unknown. */
  @property({ attribute: 'dashboard-id' }) accessor dashboardId = '';
  /** `light` or `dark` overrides the page's colour scheme. */
  @property({ reflect: true }) accessor theme: '' | 'light' | 'dark' = '';
  /** A fixed "now" for the numbers (tests, reports); default: the current time. */
  @property({ attribute: false }) accessor now: Date | undefined;

  @state() private accessor results: ReadonlyMap<string, PanelResult> | undefined;
  /** Results by panel definition, valid while the derived values' revision and the app's day are theirs: a move or a resize computes nothing again. */
  private cache = new Map<string, PanelResult>();
  private cacheKey = '';
  /** The panel being edited ('' to add one); undefined when the editor is closed. */
  @state() private accessor editing: string | undefined;
  @state() private accessor message = '';
  @state() private accessor error = '';
  @state() private accessor undo: { dashboardId: string; panel: PanelDef; index: number } | undefined;

  private unsubscribe?: () => void;
  private timer?: ReturnType<typeof setTimeout>;
  private computing?: Promise<void>;
  /** A panel to focus after the next render (it moved). */
  private focusPanel?: string;
  /** uPlot charts drawn into their panels, with what they show (redrawn when that changes). */
  /** The uPlot drawing after the last render. */
  private plotting?: Promise<void>;
  private readonly plots = new Map<string, { result: PanelResult; theme: string; host: HTMLElement; chart: DrawnChart; observer: ResizeObserver }>();

  /** The dashboard shown. */
  get dashboard(): DashboardDef | undefined {
    const all = this.app?.dashboards ?? [];
    return all.find((d) => d.id === this.dashboardId) ?? all[0];
  }

  /** Resolves when the panels shown have been computed from the current data and drawn. */
  async whenComputed(): Promise<void> {
    await this.updateComplete;
    while (this.computing) await this.computing;
    await this.updateComplete;
    await this.plotting;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const id of [...this.plots.keys()]) this.dropPlot(id);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearTimeout(this.timer);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.derived && !this.unsubscribe) this.watch(this.derived);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('derived') && this.derived) this.watch(this.derived);
    if (changed.has('app') || changed.has('derived') || changed.has('dashboardId') || changed.has('locale') || changed.has('now')) this.scheduleCompute(0);
  }

  protected override updated(): void {
    this.plotting = this.drawPlots();
    if (!this.focusPanel) return;
    this.renderRoot.querySelector<HTMLElement>(`[data-panel="${CSS.escape(this.focusPanel)}"]`)?.focus();
    this.focusPanel = undefined;
  }

  /** Line and area charts: drawn by uPlot (loaded with the first one) into their panels' hosts. */
  private async drawPlots(): Promise<void> {
    const hosts = [...this.renderRoot.querySelectorAll<HTMLElement>('.plot[data-plot]')];
    for (const id of [...this.plots.keys()]) if (!hosts.some((host) => host.dataset.plot === id && this.plots.get(id)!.host === host)) this.dropPlot(id);
    if (hosts.length === 0) return;
    const charts = await loadCharts().catch(() => undefined);
    if (!charts) {
      for (const host of hosts) host.textContent = td(this.locale, 'dash.chartsFailed');
      return;
    }
    const style = getComputedStyle(this);
    const colour = (name: string) => style.getPropertyValue(name).trim();
    const theme = `${this.theme}|${colour('--_c1')}|${colour('--_text')}`;
    for (const host of hosts) {
      const id = host.dataset.plot!;
      const result = this.results?.get(id);
      const drawn = this.plots.get(id);
      if (!result || (drawn && drawn.result === result && drawn.theme === theme && drawn.host === host)) continue;
      if (drawn) this.dropPlot(id);
      const series = drawnSeries(result);
      const format = series[0]?.format ?? 'number';
      const chart = charts.drawLineChart(host, {
        labels: result.categories.map((c) => c.label),
        series: series.map((s, i) => ({ label: s.label, values: s.values, color: colour(`--_c${(i % 6) + 1}`) })),
        area: result.chart === 'area',
        width: Math.max(200, host.clientWidth || 600),
        height: 240,
        text: colour('--_text'),
        grid: colour('--_border'),
        format: (value) => formatValue(value, format, this.locale),
      });
      const observer = new ResizeObserver(() => host.clientWidth > 0 && chart.resize(Math.max(200, host.clientWidth), 240));
      observer.observe(host);
      this.plots.set(id, { result, theme, host, chart, observer });
    }
  }

  private dropPlot(id: string): void {
    const drawn = this.plots.get(id);
    drawn?.observer.disconnect();
    drawn?.chart.destroy();
    this.plots.delete(id);
  }

  private watch(derived: DerivedValues): void {
    this.unsubscribe?.();
    this.unsubscribe = derived.subscribe(() => this.scheduleCompute(RECOMPUTE_DELAY));
  }

  private scheduleCompute(delay: number): void {
    clearTimeout(this.timer);
    let done!: () => void;
    const pending = new Promise<void>((resolve) => (done = resolve));
    this.computing = pending;
    this.timer = setTimeout(() => void this.compute().finally(() => (this.computing === pending && (this.computing = undefined), done())), delay);
  }

  /** Computes every panel of the dashboard shown (after the derived values have loaded). */
  private async compute(): Promise<void> {
    const { app, derived, dashboard } = this;
    if (!app || !derived || !dashboard) {
      this.results = undefined;
      return;
    }
    await derived.load();
    const now = this.now ?? new Date();
    const key = `${derived.revision}|${this.locale}|${now.toISOString().slice(0, 13)}|${JSON.stringify(app.tables)}|${JSON.stringify(app.rules ?? [])}`;
    if (key !== this.cacheKey) ((this.cache = new Map()), (this.cacheKey = key));
    const definition = (panel: PanelDef) => JSON.stringify(panel);
    const missing = dashboard.panels.filter((panel) => !this.cache.has(definition(panel)));
    if (missing.length) {
      const computed = computeDashboard({ ...dashboard, panels: missing }, this.dataOf(app, derived, now));
      missing.forEach((panel, i) => this.cache.set(definition(panel), computed[i]));
    }
    this.results = new Map(dashboard.panels.map((panel) => [panel.id, this.cache.get(definition(panel))!]));
  }

  private dataOf(app: AppDef, derived: DerivedValues, now: Date): DashboardData {
    // `all()` copies a table's records: read each table once per computation.
    const tables = new Map<string, RecordData[]>();
    const records = (tableId: string) => {
      let list = tables.get(tableId);
      if (!list) tables.set(tableId, (list = derived.all(tableId)));
      return list;
    };
    const runs = app.dashboards?.some((d) => d.panels.some((p) => p.kind === 'variants'))
      ? records(RUN_TABLE_ID)
          .map((record) => runRow(record))
          .filter((run): run is NonNullable<typeof run> => run !== undefined) as OutcomeRun[]
      : [];
    return {
      app,
      records,
      readValue: (record, field) => derived.value(record.tableId, record.id, field.id) as CellValue | undefined,
      recordLabel: (tableId, id) => derived.label(tableId, id),
      runs,
      locale: this.locale,
      now,
    };
  }

  // -------------------------------------------------------------------------------------
  // Changes, each one `putApp`

  private async saveDashboards(change: (dashboards: DashboardDef[]) => DashboardDef[], message: string): Promise<boolean> {
    const { store, app } = this;
    if (!store || !app) return false;
    this.error = '';
    try {
      this.app = await store.putApp({ ...app, dashboards: change(structuredClone(app.dashboards ?? [])) }, app.version);
      this.message = message;
      return true;
    } catch (error) {
      this.error = error instanceof StaleWriteError ? td(this.locale, 'dash.stale', { actual: String(error.actualVersion ?? '') }) : td(this.locale, 'dash.failed', { reason: (error as Error).message });
      return false;
    }
  }

  private changePanels(change: (panels: PanelDef[]) => PanelDef[], message: string): Promise<boolean> {
    const id = this.dashboard?.id;
    return this.saveDashboards((all) => all.map((d) => (d.id === id ? { ...d, panels: change(d.panels) } : d)), message);
  }

  private async createDashboard(): Promise<void> {
    const dashboard: DashboardDef = { id: createId('dash'), name: td(this.locale, 'dash.defaultName'), panels: [] };
    if (await this.saveDashboards((all) => [...all, dashboard], td(this.locale, 'dash.saved'))) this.dashboardId = dashboard.id;
  }

  /** Moves a panel by `delta` places (saved), keeping the focus on it. */
  async movePanel(panelId: string, delta: number): Promise<void> {
    const panels = this.dashboard?.panels ?? [];
    const from = panels.findIndex((p) => p.id === panelId);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= panels.length) return;
    const title = panels[from].title;
    const moved = await this.changePanels((list) => {
      const [panel] = list.splice(from, 1);
      list.splice(to, 0, panel);
      return list;
    }, td(this.locale, 'dash.moved', { title, position: to + 1, count: panels.length }));
    if (moved) this.focusPanel = panelId;
  }

  /** Sets the columns a panel spans, 1–3 (saved). */
  async resizePanel(panelId: string, span: 1 | 2 | 3): Promise<void> {
    const panel = this.dashboard?.panels.find((p) => p.id === panelId);
    if (!panel || (panel.span ?? 1) === span) return;
    await this.changePanels((list) => list.map((p) => (p.id === panelId ? { ...p, span } : p)), td(this.locale, 'dash.resized', { title: panel.title, n: span }));
  }

  private async removePanel(panelId: string): Promise<void> {
    const dashboard = this.dashboard;
    const index = dashboard?.panels.findIndex((p) => p.id === panelId) ?? -1;
    if (!dashboard || index < 0) return;
    const panel = dashboard.panels[index];
    if (await this.changePanels((list) => list.filter((p) => p.id !== panelId), td(this.locale, 'dash.removed', { title: panel.title }))) this.undo = { dashboardId: dashboard.id, panel, index };
  }

  private async undoRemove(): Promise<void> {
    const undo = this.undo;
    if (!undo) return;
    const restored = await this.saveDashboards(
      (all) => all.map((d) => (d.id === undo.dashboardId ? { ...d, panels: [...d.panels.slice(0, undo.index), undo.panel, ...d.panels.slice(undo.index)] } : d)),
      td(this.locale, 'dash.saved'),
    );
    if (restored) this.undo = undefined;
  }

  private async onPanelSaved(event: CustomEvent<{ panel: PanelDef }>): Promise<void> {
    const { panel } = event.detail;
    const exists = this.dashboard?.panels.some((p) => p.id === panel.id);
    const saved = await this.changePanels((list) => (exists ? list.map((p) => (p.id === panel.id ? panel : p)) : [...list, panel]), td(this.locale, 'dash.saved'));
    if (saved) {
      this.editing = undefined;
      this.focusPanel = panel.id;
    }
  }

  private onPanelKey(event: KeyboardEvent, panel: PanelDef): void {
    if (!event.altKey || event.target !== event.currentTarget) return;
    const move = { ArrowLeft: -1, ArrowUp: -1, ArrowRight: 1, ArrowDown: 1 }[event.key];
    const span = { '1': 1, '2': 2, '3': 3 }[event.key] as 1 | 2 | 3 | undefined;
    if (move === undefined && span === undefined) return;
    event.preventDefault();
    if (move !== undefined) void this.movePanel(panel.id, move);
    else if (span !== undefined) void this.resizePanel(panel.id, span);
  }

  // -------------------------------------------------------------------------------------
  // Exports

  /** The panel's numbers as CSV (BOM, CRLF), downloaded; returns the text. */
  exportCsv(panelId: string): string {
    const result = this.results?.get(panelId);
    const panel = this.dashboard?.panels.find((p) => p.id === panelId);
    if (!result || !panel) return '';
    const locale = this.locale;
    const text = resultToCsv(result, { value: td(locale, 'dash.value'), previous: td(locale, 'dash.previous'), change: td(locale, 'dash.change') });
    download(text, 'text/csv;charset=utf-8', fileName(labelOf({ name: panel.title, labels: panel.labels }, locale), 'csv'));
    return text;
  }

  /**
   * The panel's chart as a standalone SVG file, downloaded; returns the text. Colours are
   * resolved from the theme into the file, which has no stylesheet of its own.
   */
  exportSvg(panelId: string): string {
    const chart = this.renderRoot.querySelector<SVGSVGElement>(`[data-panel="${CSS.escape(panelId)}"] svg.chart`);
    const panel = this.dashboard?.panels.find((p) => p.id === panelId);
    if (!chart || !panel) return '';
    const copy = chart.cloneNode(true) as SVGSVGElement;
    const originals = [chart, ...chart.querySelectorAll('*')];
    const copies = [copy, ...copy.querySelectorAll('*')];
    originals.forEach((element, i) => {
      const style = getComputedStyle(element);
      const target = copies[i];
      for (const property of ['fill', 'stroke', 'stroke-width', 'fill-opacity', 'font-size', 'font-family'] as const) {
        const value = style.getPropertyValue(property);
        if (value && value !== 'none' && !target.hasAttribute(property)) target.setAttribute(property, value);
      }
      target.removeAttribute('class');
    });
    copy.setAttribute('width', String(chart.viewBox.baseVal.width));
    copy.setAttribute('height', String(chart.viewBox.baseVal.height));
    const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
    download(text, 'image/svg+xml', fileName(labelOf({ name: panel.title, labels: panel.labels }, this.locale), 'svg'));
    return text;
  }

  /** A line or area chart (drawn by uPlot on a canvas) as a PNG file, downloaded; resolves to the file. */
  async exportPng(panelId: string): Promise<Blob | undefined> {
    const drawn = this.plots.get(panelId);
    const panel = this.dashboard?.panels.find((p) => p.id === panelId);
    if (!drawn || !panel) return undefined;
    const source = drawn.chart.canvas();
    // The canvas is transparent: paint the panel's surface behind it, so the file reads on any viewer.
    const canvas = document.createElement('canvas');
    canvas.width = source.width;
    canvas.height = source.height;
    const context = canvas.getContext('2d')!;
    context.fillStyle = getComputedStyle(this).getPropertyValue('--_surface').trim() || '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(source, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) return undefined;
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName(labelOf({ name: panel.title, labels: panel.labels }, this.locale), 'png');
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return blob;
  }

  // -------------------------------------------------------------------------------------
  // Rendering

  private renderTable(result: PanelResult, title: string) {
    const locale = this.locale;
    return html`<table part="data-table">
      <caption class="visually-hidden">${title}</caption>
      <thead>
        <tr>
          <th scope="col">${result.categoryLabel}</th>
          ${result.series.map((s) => html`<th scope="col">${s.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${result.categories.map(
          (c, i) => html`<tr>
            <th scope="row">${c.label}</th>
            ${result.series.map((s) => html`<td>${formatValue(s.values[i], s.format, locale)}</td>`)}
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  /** A table that may be wider than its panel: a focusable region, so it scrolls from the keyboard too. */
  private renderScroll(result: PanelResult, title: string) {
    return html`<div class="scroll" tabindex="0" role="region" aria-label=${td(this.locale, 'dash.tableOf', { title })}>${this.renderTable(result, title)}</div>`;
  }

  private renderHeadline(result: PanelResult) {
    const locale = this.locale;
    const h = result.headline!;
    const change = h.change;
    return html`<p class="number">${formatValue(h.value, h.format, locale)}</p>
      ${h.previous !== undefined
        ? html`<p class="change ${change === null || change === undefined ? '' : change >= 0 ? 'up' : 'down'}">
              ${change === null || change === undefined ? td(locale, 'dash.noPrevious') : td(locale, 'dash.vsPrevious', { change: `${change >= 0 ? '▲ +' : '▼ '}${formatValue(change, 'percent', locale)}` })}
            </p>
            <p class="range">
              ${td(locale, 'dash.period', h.current!)} · ${td(locale, 'dash.previous')}: ${td(locale, 'dash.period', h.previousRange!)} (${formatValue(h.previous ?? null, h.format, locale)})
            </p>`
        : nothing}`;
  }

  private renderBody(panel: PanelDef, result: PanelResult | undefined, title: string) {
    const locale = this.locale;
    if (!result) return html`<p class="status">${td(locale, 'dash.loading')}</p>`;
    if (result.note) return html`<p class="note" role="note">${dashboardMessage(result.note, locale)}</p>`;
    if (result.headline) return this.renderHeadline(result);
    if (result.chart === 'pivot') return this.renderScroll(result, title);
    const plotted = result.chart === 'line' || result.chart === 'area';
    return html`<figure>
        ${plotted
          ? html`<div class="plot" data-plot=${panel.id} role="img" aria-label=${td(locale, 'dash.chartOf', { title })}></div>`
          : renderChart(result, td(locale, 'dash.chartOf', { title }), locale)}
        <figcaption class="visually-hidden">${title}</figcaption>
      </figure>
      <details>
        <summary>${td(locale, 'dash.dataTable')}</summary>
        ${this.renderScroll(result, title)}
      </details>
      <div class="exports">
        ${plotted
          ? html`<button class="export-png" @click=${() => this.exportPng(panel.id)}>${td(locale, 'dash.exportPng')}</button>`
          : drawnSeries(result).length
            ? html`<button class="export-svg" @click=${() => this.exportSvg(panel.id)}>${td(locale, 'dash.exportSvg')}</button>`
            : nothing}
        <button class="export-csv" @click=${() => this.exportCsv(panel.id)}>${td(locale, 'dash.exportCsv')}</button>
      </div>`;
  }

  private renderPanel(panel: PanelDef, index: number, count: number) {
    const locale = this.locale;
    const title = labelOf({ name: panel.title, labels: panel.labels }, locale);
    const result = this.results?.get(panel.id);
    const span = panel.span ?? 1;
    const headingId = `panel-${panel.id}`;
    return html`<li class="panel span-${span}" part="panel" data-panel=${panel.id} tabindex="0" aria-labelledby=${headingId} aria-describedby="keys" @keydown=${(e: KeyboardEvent) => this.onPanelKey(e, panel)}>
      <header>
        <h3 id=${headingId}>${title}</h3>
        <div class="tools">
          <button class="move-earlier" ?disabled=${index === 0} aria-label=${td(locale, 'dash.moveEarlier', { title })} @click=${() => this.movePanel(panel.id, -1)}>←</button>
          <button class="move-later" ?disabled=${index === count - 1} aria-label=${td(locale, 'dash.moveLater', { title })} @click=${() => this.movePanel(panel.id, 1)}>→</button>
          <select class="span" aria-label=${td(locale, 'dash.width', { title })} @change=${(e: Event) => this.resizePanel(panel.id, Number((e.target as HTMLSelectElement).value) as 1 | 2 | 3)}>
            ${[1, 2, 3].map((n) => html`<option value=${n} ?selected=${n === span}>${td(locale, 'dash.columns', { n })}</option>`)}
          </select>
          <button class="edit" aria-label=${td(locale, 'dash.edit', { title })} @click=${() => (this.editing = panel.id)}>✎</button>
          <button class="remove" aria-label=${td(locale, 'dash.remove', { title })} @click=${() => this.removePanel(panel.id)}>✕</button>
        </div>
      </header>
      ${this.renderBody(panel, result, title)}
    </li>`;
  }

  override render() {
    const locale = this.locale;
    const app = this.app;
    const dashboard = this.dashboard;
    const dashboards = app?.dashboards ?? [];
    const editing = this.editing === undefined ? undefined : (dashboard?.panels.find((p) => p.id === this.editing) ?? null);
    return html`<section aria-labelledby="dash-title">
      <div class="bar">
        <h2 id="dash-title">${dashboard ? labelOf(dashboard, locale) : td(locale, 'dash.title')}</h2>
        ${dashboards.length > 1
          ? html`<select class="choose" aria-label=${td(locale, 'dash.choose')} @change=${(e: Event) => (this.dashboardId = (e.target as HTMLSelectElement).value)}>
              ${dashboards.map((d) => html`<option value=${d.id} ?selected=${d.id === dashboard?.id}>${labelOf(d, locale)}</option>`)}
            </select>`
          : nothing}
        <span class="spacer"></span>
        ${dashboard ? html`<button class="primary add" ?disabled=${this.editing !== undefined} @click=${() => (this.editing = '')}>${td(locale, 'dash.addPanel')}</button>` : nothing}
        <button class="create" @click=${this.createDashboard}>${td(locale, 'dash.create')}</button>
      </div>
      <p class="status" role="status" aria-live="polite">
        ${this.message}${this.undo ? html` <button class="undo" @click=${this.undoRemove}>${td(locale, 'dash.undo')}</button>` : nothing}
      </p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${editing !== undefined
        ? html`<ltc-panel-editor .app=${app} .panel=${editing ?? undefined} .locale=${locale} @ltc-panel-saved=${this.onPanelSaved} @ltc-panel-cancelled=${() => (this.editing = undefined)}></ltc-panel-editor>`
        : nothing}
      ${!dashboard
        ? html`<p class="empty">${td(locale, 'dash.none')}</p>`
        : dashboard.panels.length === 0
          ? html`<p class="empty">${td(locale, 'dash.empty')}</p>`
          : html`<p id="keys" class="keys">${td(locale, 'dash.keys')}</p>
              <ol class="grid" aria-label=${td(locale, 'dash.panels')}>
                ${dashboard.panels.map((panel, i) => this.renderPanel(panel, i, dashboard.panels.length))}
              </ol>`}
    </section>`;
  }
}
