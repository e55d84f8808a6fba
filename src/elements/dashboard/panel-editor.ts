/**
 * `<ltc-panel-editor>`: the form that adds or changes one dashboard panel without code —
 * its type (a custom chart or one of the built-in analyses), title, table, filter (the
 * condition builder), measure, grouping, comparison and width, or the few settings a built-in
 * analysis needs. Every control is a native, labelled control, so it works from the keyboard
 * alone. The draft is checked with the dashboards' own validator before it is handed over in
 * `ltc-panel-saved`; `<ltc-dashboard>` stores it. Loaded with the designer script.
 *
 * @summary Add or edit a dashboard panel.
 * @attr locale - `zh-CN` or `en` (default: the workspace's).
 * @event ltc-panel-saved - `detail: { panel }`: the user saved a valid panel.
 * @event ltc-panel-cancelled - The user closed the editor without saving.
 */
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AppDef, FieldDef, Locale, TableDef } from '../../core/schema/types.js';
import { linkedTable, isInverseLink } from '../../core/fields/index.js';
import { isDateField, isGroupableField, isSummableField } from '../../core/schema/view-fields.js';
import {
  CHART_TYPES,
  COMPARE_PERIODS,
  GROUP_PERIODS,
  MEASURE_OPS,
  PANEL_KINDS,
  checkDashboards,
  dashboardMessage,
  leadToCashSteps,
  type MetricPanel,
  type PanelDef,
  type PanelKind,
} from '../../core/dashboards/index.js';
import { createId } from '../../core/ids.js';
import { labelOf } from '../../i18n/index.js';
import { td } from '../../i18n/dashboard-ui.js';
import { baseStyles } from '../styles.js';

/** Every setting any kind of panel may have, so switching the kind keeps what was typed. */
type Draft = Record<string, unknown> & { kind: PanelKind; id: string; title: string; tableId: string };

declare global {
  interface HTMLElementTagNameMap {
    'ltc-panel-editor': LtcPanelEditor;
  }
  interface GlobalEventHandlersEventMap {
    'ltc-panel-saved': CustomEvent<{ panel: PanelDef }>;
    'ltc-panel-cancelled': CustomEvent<Record<string, never>>;
  }
}

/** The keys each kind keeps when saved (the draft holds the others' too). */
const KEYS: Record<PanelKind, readonly string[]> = {
  metric: ['chart', 'measure', 'group', 'columns', 'compare'],
  histogram: ['fieldId', 'bins'],
  cohort: ['ordersFieldId', 'dateFieldId', 'orderFilter', 'months'],
  repurchase: ['ordersFieldId', 'dateFieldId', 'orderFilter', 'windows'],
  leadToCash: ['steps'],
  predicted: ['predictedFieldId', 'historicFieldId', 'group'],
  variants: ['ruleId'],
};

export class LtcPanelEditor extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
        gap: 0.6rem 1rem;
        align-items: end;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 0.75rem;
        background: var(--_surface);
      }
      h3,
      .wide,
      .actions,
      .problems {
        grid-column: 1 / -1;
        margin: 0;
      }
      label {
        display: flex;
        flex-direction: column;
        gap: 0.2rem;
      }
      label.check {
        flex-direction: row;
        align-items: center;
      }
      .actions {
        display: flex;
        gap: 0.5rem;
      }
      .problems {
        color: var(--_danger);
      }
    `,
  ];

  /** The app the panel reads (tables, fields, rules). */
  @property({ attribute: false }) accessor app: AppDef | undefined;
  /** The panel to edit; unset to add one. */
  @property({ attribute: false }) accessor panel: PanelDef | undefined;
  @property() accessor locale: Locale = 'en';

  @state() private accessor draft: Draft = { kind: 'metric', id: '', title: '', tableId: '' };
  @state() private accessor problems: string[] = [];

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('panel') || (changed.has('app') && !this.draft.tableId)) this.draft = this.initialDraft();
  }

  private initialDraft(): Draft {
    if (this.panel) return structuredClone(this.panel) as unknown as Draft;
    const table = this.tables()[0];
    return { kind: 'metric', id: createId('panel'), title: '', tableId: table?.id ?? '', chart: 'bar', measure: { op: 'count' }, span: 1 };
  }

  /**
   * Settings a built-in analysis starts with, so choosing it is enough on an app shaped like
   * customer-ltv: the table's first number field, its orders (first inverse relation) and
   * their first date field, the lead-to-cash path, the first rule with variants. Settings
   * already in the draft are kept.
   */
  private defaultsFor(kind: PanelKind): Record<string, unknown> {
    const d = this.draft;
    const table = this.table;
    const numbers = this.fieldOptions(table, isSummableField);
    if (kind === 'histogram') return { fieldId: d.fieldId ?? numbers[0]?.value };
    if (kind === 'predicted') return { historicFieldId: d.historicFieldId ?? numbers[0]?.value };
    if (kind === 'leadToCash') return { steps: d.steps ?? (this.app ? leadToCashSteps(this.app) : undefined) };
    if (kind === 'variants') {
      const rule = (this.app?.rules ?? []).find((r) => r.variants?.length);
      return d.ruleId || !rule ? {} : { ruleId: rule.id, tableId: rule.tableId };
    }
    if (kind !== 'cohort' && kind !== 'repurchase') return {};
    const orders = table?.fields.find((f) => f.id === d.ordersFieldId) ?? table?.fields.find(isInverseLink);
    const orderTable = this.app?.tables.find((t) => orders && t.id === linkedTable(orders));
    return { ordersFieldId: orders?.id, dateFieldId: d.dateFieldId ?? orderTable?.fields.find(isDateField)?.id };
  }

  private tables(): TableDef[] {
    return (this.app?.tables ?? []).filter((t) => !t.system);
  }

  private get table(): TableDef | undefined {
    return this.app?.tables.find((t) => t.id === this.draft.tableId);
  }

  private set(patch: Record<string, unknown>): void {
    this.draft = { ...this.draft, ...patch } as Draft;
  }

  /** The panel the draft describes: the shared keys and the kind's own, unset ones left out. */
  private panelOf(): PanelDef {
    const d = this.draft;
    const panel: Record<string, unknown> = { id: d.id, title: d.title.trim(), kind: d.kind, tableId: d.kind === 'leadToCash' ? ((d.steps as { tableId: string }[] | undefined)?.[0]?.tableId ?? '') : d.tableId };
    if (d.span && d.span !== 1) panel.span = d.span;
    if (d.filter !== undefined && d.filter !== true) panel.filter = d.filter;
    for (const key of KEYS[d.kind]) if (d[key] !== undefined && d[key] !== '') panel[key] = d[key];
    if (d.kind === 'metric' && d.chart !== 'number') delete panel.compare;
    if (d.kind === 'metric' && d.chart !== 'pivot') delete panel.columns;
    return panel as unknown as PanelDef;
  }

  private save(event: Event): void {
    event.preventDefault();
    const panel = this.panelOf();
    const issues = checkDashboards([{ id: 'd', name: 'd', panels: [panel] }], this.app?.tables ?? []);
    this.problems = issues.map((issue) => `${issue.path.replace(/^dashboards\[0\]\.panels\[0\]\.?/, '') || '—'}: ${dashboardMessage(issue, this.locale)}`);
    if (this.problems.length) return;
    this.dispatchEvent(new CustomEvent('ltc-panel-saved', { detail: { panel }, bubbles: true, composed: true }));
  }

  private cancel(): void {
    this.dispatchEvent(new CustomEvent('ltc-panel-cancelled', { detail: {}, bubbles: true, composed: true }));
  }

  private select(name: string, label: string, value: string, options: readonly { value: string; label: string }[], onChange: (value: string) => void, blank = false) {
    return html`<label
      >${label}
      <select name=${name} @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
        ${blank ? html`<option value="" ?selected=${value === ''}>${td(this.locale, 'editor.none')}</option>` : nothing}
        ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.label}</option>`)}
      </select>
    </label>`;
  }

  private fieldOptions(table: TableDef | undefined, fits: (field: FieldDef) => boolean) {
    return (table?.fields ?? []).filter((f) => !f.archived && fits(f)).map((f) => ({ value: f.id, label: labelOf(f, this.locale) }));
  }

  private groupControls(key: 'group' | 'columns', label: string, blank: boolean) {
    const group = this.draft[key] as { fieldId: string; by?: string } | undefined;
    const field = this.table?.fields.find((f) => f.id === group?.fieldId);
    return html`${this.select(key, label, group?.fieldId ?? '', this.fieldOptions(this.table, isGroupableField), (id) => this.set({ [key]: id ? { fieldId: id } : undefined }), blank)}
    ${field && isDateField(field)
      ? this.select(`${key}-by`, td(this.locale, 'editor.by'), group?.by ?? 'month', GROUP_PERIODS.map((p) => ({ value: p, label: td(this.locale, `editor.by.${p}`) })), (by) => this.set({ [key]: { fieldId: field.id, by } }))
      : nothing}`;
  }

  private renderMetric() {
    const locale = this.locale;
    const d = this.draft as unknown as MetricPanel;
    const measure = d.measure ?? { op: 'count' };
    return html`
      ${this.select('chart', td(locale, 'editor.chart'), d.chart ?? 'bar', CHART_TYPES.map((c) => ({ value: c, label: td(locale, `editor.chart.${c}`) })), (chart) => this.set({ chart }))}
      ${this.select('measure', td(locale, 'editor.measure'), measure.op, MEASURE_OPS.map((op) => ({ value: op, label: td(locale, `editor.measure.${op}`) })), (op) => this.set({ measure: op === 'count' ? { op } : { op, fieldId: measure.fieldId ?? this.fieldOptions(this.table, isSummableField)[0]?.value } }))}
      ${measure.op === 'count' ? nothing : this.select('measure-field', td(locale, 'editor.measureField'), measure.fieldId ?? '', this.fieldOptions(this.table, isSummableField), (fieldId) => this.set({ measure: { ...measure, fieldId } }))}
      ${this.groupControls('group', td(locale, 'editor.group'), d.chart === 'number')}
      ${d.chart === 'pivot' ? this.groupControls('columns', td(locale, 'editor.columns'), false) : nothing}
      ${d.chart === 'number'
        ? html`${this.select('compare', td(locale, 'editor.compare'), d.compare?.dateFieldId ?? '', this.fieldOptions(this.table, isDateField), (id) => this.set({ compare: id ? { dateFieldId: id, period: d.compare?.period ?? 'month' } : undefined }), true)}
          ${d.compare
            ? html`${this.select('compare-period', td(locale, 'editor.comparePeriod'), d.compare.period, COMPARE_PERIODS.map((p) => ({ value: p, label: td(locale, `editor.period.${p}`) })), (period) => this.set({ compare: { ...d.compare, period } }))}
                <label class="check"><input type="checkbox" name="up-to" .checked=${d.compare.upTo === true} @change=${(e: Event) => this.set({ compare: { ...d.compare, upTo: (e.target as HTMLInputElement).checked || undefined } })} />${td(locale, 'editor.upTo')}</label>`
            : nothing}`
        : nothing}
    `;
  }

  private renderOrders() {
    const locale = this.locale;
    const ordersField = this.table?.fields.find((f) => f.id === this.draft.ordersFieldId);
    const orderTable = this.app?.tables.find((t) => ordersField && t.id === linkedTable(ordersField));
    return html`
      ${this.select('orders', td(locale, 'editor.orders'), String(this.draft.ordersFieldId ?? ''), this.fieldOptions(this.table, isInverseLink), (ordersFieldId) => this.set({ ordersFieldId, dateFieldId: undefined }), true)}
      ${this.select('order-date', td(locale, 'editor.orderDate'), String(this.draft.dateFieldId ?? ''), this.fieldOptions(orderTable, isDateField), (dateFieldId) => this.set({ dateFieldId }), true)}
      ${this.draft.kind === 'cohort'
        ? html`<label>${td(locale, 'editor.months')}<input name="months" type="number" min="1" max="36" .value=${String(this.draft.months ?? 12)} @change=${(e: Event) => this.set({ months: Number((e.target as HTMLInputElement).value) })} /></label>`
        : html`<label
            >${td(locale, 'editor.windows')}<input
              name="windows"
              .value=${((this.draft.windows as number[] | undefined) ?? [30, 60, 90]).join(', ')}
              @change=${(e: Event) => this.set({ windows: (e.target as HTMLInputElement).value.split(/[,，\s]+/).filter(Boolean).map(Number) })}
          /></label>`}
    `;
  }

  private renderKind() {
    const locale = this.locale;
    const d = this.draft;
    switch (d.kind) {
      case 'metric':
        return this.renderMetric();
      case 'histogram':
        return html`${this.select('field', td(locale, 'editor.field'), String(d.fieldId ?? ''), this.fieldOptions(this.table, isSummableField), (fieldId) => this.set({ fieldId }), true)}
          <label>${td(locale, 'editor.bins')}<input name="bins" type="number" min="2" max="50" .value=${String(d.bins ?? 10)} @change=${(e: Event) => this.set({ bins: Number((e.target as HTMLInputElement).value) })} /></label>`;
      case 'cohort':
      case 'repurchase':
        return this.renderOrders();
      case 'leadToCash': {
        const steps = this.app ? leadToCashSteps(this.app) : undefined;
        return html`<p class="wide" role="note">
          ${steps ? td(locale, 'editor.steps', { steps: steps.map((s) => labelOf(this.app!.tables.find((t) => t.id === s.tableId)!, locale)).join(' → ') }) : dashboardMessage({ code: 'dashboard.noLeadToCash' }, locale)}
        </p>`;
      }
      case 'predicted':
        return html`${this.select('predicted', td(locale, 'editor.predictedField'), String(d.predictedFieldId ?? ''), this.fieldOptions(this.table, isSummableField), (predictedFieldId) => this.set({ predictedFieldId }), true)}
        ${this.select('historic', td(locale, 'editor.historicField'), String(d.historicFieldId ?? ''), this.fieldOptions(this.table, isSummableField), (historicFieldId) => this.set({ historicFieldId }), true)}
        ${this.groupControls('group', td(locale, 'editor.group'), true)}`;
      case 'variants': {
        const rules = (this.app?.rules ?? []).filter((r) => r.variants?.length);
        return this.select('rule', td(locale, 'editor.rule'), String(d.ruleId ?? ''), rules.map((r) => ({ value: r.id, label: labelOf(r, locale) })), (ruleId) => this.set({ ruleId, tableId: rules.find((r) => r.id === ruleId)?.tableId ?? d.tableId }), true);
      }
    }
  }

  override render() {
    const locale = this.locale;
    const d = this.draft;
    const filterTable = d.kind === 'leadToCash' ? undefined : this.table;
    return html`<form @submit=${this.save} aria-labelledby="editor-title">
      <h3 id="editor-title">${td(locale, this.panel ? 'editor.titleEdit' : 'editor.titleNew')}</h3>
      ${this.select('kind', td(locale, 'editor.kind'), d.kind, PANEL_KINDS.map((k) => ({ value: k, label: td(locale, `editor.kind.${k}`) })), (kind) => this.set({ kind, ...this.defaultsFor(kind as PanelKind) }))}
      <label>${td(locale, 'editor.name')}<input name="title" required .value=${d.title} @input=${(e: Event) => this.set({ title: (e.target as HTMLInputElement).value })} /></label>
      ${d.kind === 'leadToCash' || d.kind === 'variants'
        ? nothing
        : this.select('table', td(locale, 'editor.table'), d.tableId, this.tables().map((t) => ({ value: t.id, label: labelOf(t, locale) })), (tableId) => this.set({ tableId, group: undefined, columns: undefined, compare: undefined, measure: { op: 'count' } }))}
      ${this.select('span', td(locale, 'editor.width'), String(d.span ?? 1), [1, 2, 3].map((n) => ({ value: String(n), label: td(locale, 'dash.columns', { n }) })), (span) => this.set({ span: Number(span) }))}
      ${this.renderKind()}
      ${filterTable
        ? html`<div class="wide">
            <span id="filter-label">${td(locale, 'editor.filter')}</span>
            <ltc-condition-builder aria-labelledby="filter-label" .table=${filterTable} .locale=${locale} .value=${d.filter ?? true} @ltc-condition-changed=${(e: CustomEvent<{ logic: unknown }>) => this.set({ filter: e.detail.logic })}></ltc-condition-builder>
          </div>`
        : nothing}
      ${this.problems.length
        ? html`<div class="problems" role="alert">
            ${td(locale, 'editor.problems')}
            <ul>
              ${this.problems.map((p) => html`<li>${p}</li>`)}
            </ul>
          </div>`
        : nothing}
      <div class="actions">
        <button class="primary save" type="submit">${td(locale, 'editor.save')}</button>
        <button class="cancel" type="button" @click=${this.cancel}>${td(locale, 'editor.cancel')}</button>
      </div>
    </form>`;
  }
}
