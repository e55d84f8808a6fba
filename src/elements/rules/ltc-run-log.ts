/**
 * `<ltc-run-log>`: the rules' run log (the system table `ltc_rule_runs`, one record per
 * execution: src/runtime/rules/run-log.ts), newest first, a page at a time, so 100,000 runs
 * stay as quick as 100. Filters by rule, result, variant, trigger, date range and record
 * (the record's label, as the table shows it); each run opens to its inputs, every action
 * with its result and reason, the fields it changed, the records it created and its error
 * and webhook-attempt lines — all as text. New runs appear as the store's change feed
 * delivers them (from this tab or another). "Export CSV" downloads the filtered runs;
 * "Compare variants" (`<ltc-run-compare>`) compares a rule's A/B variants on an outcome.
 *
 * A run's record links to it: the element dispatches `ltc-record-open`; a host that opens
 * records itself (`<ltc-app>`) cancels it, otherwise the record drawer opens here.
 * Loaded with the designer script (src/designer.ts); the rule editor shows it in its
 * "Run log" tab with `rule-id` set.
 *
 * @summary The rules' run log: filter, read, export, compare variants.
 * @event ltc-record-open - A run's record was chosen. `detail: { appId, tableId, recordId }`; cancelable (cancel it to open the record yourself).
 * @csspart filters - The filter bar.
 * @csspart runs - The table of runs.
 * @csspart details - One run's details.
 * @csspart pager - The paging buttons.
 * @cssproperty --ltc-color-primary - Buttons and focus.
 */
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { AppDef, CellValue, FieldDef, Locale, RecordData, TableDef } from '../../core/schema/types.js';
import type { ChangeEvent, Store } from '../../store/types.js';
import type { DerivedValues } from '../../runtime/derived.js';
import { RUN_TABLE_ID, runLogTable } from '../../runtime/rules/run-log.js';
import { fieldTypeOf } from '../../core/fields/index.js';
import { calendarDay, instantOnDay, localTimeZone } from '../../core/time/zoned.js';
import { formatNumber, labelOf } from '../../i18n/index.js';
import { tr, type RunLogUiKey } from '../../i18n/runlog-ui.js';
import { downloadCsv } from '../grid/table-actions.js';
import { appContext, derivedContext, localeContext, storeContext } from '../context.js';
import { baseStyles } from '../styles.js';
import { RUN_NO_VARIANT, RUN_STATUSES, compareRows, filterRuns, narrows, runChoices, runDetails, runRow, searchText, upsertRow, type RunChoices, type RunFilter, type RunRow } from './run-log-rows.js';

/** What `ltc-record-open` carries. */
export interface RecordOpenDetail {
  appId: string;
  tableId: string;
  recordId: string;
}

declare global {
  interface HTMLElementTagNameMap {
    'ltc-run-log': LtcRunLog;
  }
  interface GlobalEventHandlersEventMap {
    'ltc-record-open': CustomEvent<RecordOpenDetail>;
  }
}

/** Runs per page. */
export const RUN_PAGE_SIZE = 50;

/** The filter as the form holds it (dates as `YYYY-MM-DD` text). */
interface FilterForm {
  rule: string;
  status: string;
  variant: string;
  trigger: string;
  from: string;
  to: string;
  record: string;
}

const EMPTY_FORM: FilterForm = { rule: '', status: '', variant: '', trigger: '', from: '', to: '', record: '' };

export class LtcRunLog extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 0.75rem;
        align-items: end;
        border: 0;
        padding: 0;
        margin: 0 0 0.5rem;
      }
      .filters label {
        display: flex;
        flex-direction: column;
        gap: 0.2rem;
      }
      /* baseStyles draws the controls; the filter bar's are compact. */
      select,
      input {
        padding: 0.25em 0.4em;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
        margin: 0.5rem 0;
      }
      table {
        width: 100%;
        border-collapse: collapse;
      }
      th,
      td {
        text-align: start;
        padding: 0.3rem 0.5rem;
        border-bottom: 1px solid var(--_border);
        vertical-align: top;
      }
      .status-error,
      .status-partial,
      .status-stopped {
        color: var(--_danger);
      }
      .details {
        background: var(--_surface-alt);
      }
      .details h3 {
        font-size: 1em;
        margin: 0.5rem 0 0.25rem;
      }
      .details dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.1rem 0.75rem;
        margin: 0;
      }
      .details dd {
        margin: 0;
        white-space: pre-wrap;
        word-break: break-word;
      }
      .details ol,
      .details ul {
        margin: 0;
        padding-inline-start: 1.5em;
      }
      .lines li {
        white-space: pre-wrap;
        font-family: ui-monospace, monospace;
      }
      .link {
        border: 0;
        background: none;
        padding: 0;
        color: var(--_primary);
        text-decoration: underline;
      }
      :focus-visible {
        outline: 2px solid var(--_focus);
        outline-offset: 1px;
      }
      .muted {
        color: var(--_muted);
      }
      .visually-hidden {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
        white-space: nowrap;
      }
    `,
  ];

  /** Only this rule's runs (the rule editor's "Run log" tab); empty = every rule, with a rule filter. */
  @property({ attribute: 'rule-id' }) accessor ruleId = '';
  /** The IANA time zone runs are shown and date filters read in (default: the browser's). */
  @property({ attribute: 'time-zone' }) accessor timeZone = localTimeZone();
  /** The UI language; inside `<ltc-app>` from context. */
  @consume({ context: localeContext, subscribe: true }) @property() accessor locale: Locale = 'en';
  /** The app; inside `<ltc-app>` from context. */
  @consume({ context: appContext, subscribe: true }) @property({ attribute: false }) accessor app: AppDef | undefined;
  /** Where the runs are read from; inside `<ltc-app>` from context. */
  @consume({ context: storeContext, subscribe: true }) @property({ attribute: false }) accessor store: Store | undefined;
  /** Records in memory with their labels; inside `<ltc-app>` from context. */
  @consume({ context: derivedContext, subscribe: true }) @property({ attribute: false }) accessor derived: DerivedValues | undefined;

  /** Every run of the app, newest first. */
  @state() accessor rows: RunRow[] = [];
  @state() private accessor form: FilterForm = EMPTY_FORM;
  @state() private accessor page = 0;
  @state() private accessor expanded = new Set<string>();
  @state() private accessor loading = false;
  @state() private accessor comparing = false;
  @state() private accessor announcement = '';
  private filtered: RunRow[] = [];
  /** The filter's choices, gathered once per change of `rows`. */
  private choices: RunChoices = { rules: [], triggers: [], variants: new Map() };
  /** The filter `filtered` was computed with, over which `rows`. */
  private filteredBy: { filter: RunFilter; rows: RunRow[] } | undefined;
  private unsubscribe: (() => void) | undefined;
  private loadedFor: { store: Store; appId: string } | undefined;
  /** Record labels by `table\0id`, read once per table when no DerivedValues are at hand. */
  private labels = new Map<string, string>();
  private labelTables = new Set<string>();
  private formatter: Intl.DateTimeFormat | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved or re-attached: read the runs again and follow the change feed once more.
    this.loadedFor = undefined;
    this.connectStore();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** The filter the form stands for (dates as instants in `timeZone`). */
  get filter(): RunFilter {
    const { rule, status, variant, trigger, from, to, record } = this.form;
    const day = (text: string) => (text ? calendarDay(text, this.timeZone) : undefined);
    const fromDay = day(from);
    const toDay = day(to);
    return {
      rule: this.ruleId || rule,
      status,
      variant,
      trigger,
      record,
      ...(fromDay !== undefined ? { from: instantOnDay(fromDay, 0, this.timeZone) } : {}),
      ...(toDay !== undefined ? { to: instantOnDay(toDay + 1, 0, this.timeZone) } : {}),
    };
  }

  /** The runs that pass the filter, newest first. */
  get visibleRuns(): readonly RunRow[] {
    return this.filtered;
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('store') || changed.has('app')) this.connectStore();
    if (changed.has('locale') || changed.has('timeZone')) this.formatter = undefined;
    if (changed.has('rows')) this.choices = runChoices(this.rows);
    if (changed.has('rows') || changed.has('form') || changed.has('ruleId') || changed.has('timeZone')) {
      const filter = this.filter;
      const last = this.filteredBy;
      // Typing in the record search narrows the runs already shown instead of reading all again.
      this.filtered = filterRuns(last && last.rows === this.rows && narrows(last.filter, filter) ? this.filtered : this.rows, filter);
      this.filteredBy = { filter, rows: this.rows };
      const lastPage = Math.max(0, Math.ceil(this.filtered.length / RUN_PAGE_SIZE) - 1);
      if (this.page > lastPage) this.page = lastPage;
    }
  }

  /** Read the runs (again) when the store or the app changed, and follow the change feed. */
  private connectStore(): void {
    const { store, app } = this;
    if (!store || !app) return;
    if (this.loadedFor?.store === store && this.loadedFor.appId === app.id) return;
    this.loadedFor = { store, appId: app.id };
    this.unsubscribe?.();
    this.unsubscribe = store.subscribe((change) => this.onChange(change));
    void this.reload();
  }

  /** Read every run of the app from the store. */
  async reload(): Promise<void> {
    const { store, app } = this;
    if (!store || !app) return;
    this.loading = true;
    try {
      const records = app.tables.some((table) => table.id === RUN_TABLE_ID) ? await store.queryRecords(app.id, RUN_TABLE_ID) : [];
      await this.readLabels(records);
      const rows = records.map((record) => this.toRow(record)).filter((row): row is RunRow => row !== undefined);
      this.rows = rows.sort(compareRows);
    } finally {
      this.loading = false;
    }
  }

  private toRow(record: RecordData): RunRow | undefined {
    const values = record.values;
    return runRow(record, typeof values.record === 'string' ? this.recordLabel(String(values.table ?? ''), values.record) : undefined);
  }

  /** A record's label: from DerivedValues inside `<ltc-app>`, otherwise from the labels read from the store. */
  private recordLabel(tableId: string, recordId: string): string | undefined {
    return this.derived?.label(tableId, recordId) ?? this.labels.get(`${tableId}\u0000${recordId}`);
  }

  /** Without DerivedValues, read the primary field of the runs' tables once per table. */
  private async readLabels(runs: readonly RecordData[]): Promise<void> {
    const { store, app } = this;
    if (!store || !app || this.derived?.ready) return;
    const tables = new Set(runs.map((run) => String(run.values.table ?? '')));
    for (const tableId of tables) {
      const table = app.tables.find((t) => t.id === tableId);
      if (!table || this.labelTables.has(tableId)) continue;
      this.labelTables.add(tableId);
      for (const record of await store.queryRecords(app.id, tableId)) {
        const value = record.values[table.primaryFieldId];
        if (value !== null && value !== undefined) this.labels.set(`${tableId}\u0000${record.id}`, String(value));
      }
    }
  }

  /** Live runs: created and updated runs go in place, deleted ones go; a replaced app is read again. */
  private onChange(change: ChangeEvent): void {
    if (change.appId !== this.app?.id) return;
    if (change.kind === 'app') {
      if (change.replaced || change.appDeleted) void this.reload();
      else void this.refreshApp();
      return;
    }
    let rows = this.rows;
    let added = 0;
    for (const record of [...change.created, ...change.updated.map((u) => u.record)]) {
      if (record.tableId !== RUN_TABLE_ID) continue;
      const row = this.toRow(record);
      if (!row) continue;
      if (!rows.some((r) => r.id === row.id)) added++;
      rows = upsertRow(rows, row);
      if (!this.recordLabel(row.table, row.record)) void this.learnLabel(row);
    }
    const gone = new Set(change.deleted.filter((r) => r.tableId === RUN_TABLE_ID).map((r) => r.id));
    if (gone.size) rows = rows.filter((row) => !gone.has(row.id));
    if (rows === this.rows) return;
    this.rows = rows;
    if (added) this.announcement = tr(this.locale, 'runlog.newRuns', { n: added });
  }

  /** A newer stored definition (an outcome saved in the compare panel, an edit elsewhere) replaces the one shown. */
  private async refreshApp(): Promise<void> {
    const { store, app } = this;
    const stored = store && app ? await store.getApp(app.id) : undefined;
    if (stored && app && stored.version > app.version) this.app = stored;
  }

  /** A live run's record the labels do not know yet (created after they were read). */
  private async learnLabel(row: RunRow): Promise<void> {
    const { store, app } = this;
    const table = app?.tables.find((t) => t.id === row.table);
    if (!store || !app || !table) return;
    const record = await store.getRecord(app.id, row.table, row.record);
    const value = record?.values[table.primaryFieldId];
    if (value === null || value === undefined) return;
    this.labels.set(`${row.table}\u0000${row.record}`, String(value));
    this.rows = this.rows.map((r) => (r.table === row.table && r.record === row.record ? { ...r, search: searchText(r.record, String(value)) } : r));
  }

  private setForm(patch: Partial<FilterForm>): void {
    this.form = { ...this.form, ...patch };
    this.page = 0;
  }

  private toggle(id: string): void {
    const next = new Set(this.expanded);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.expanded = next;
  }

  /** Open a run's record: the host's way when it cancels `ltc-record-open`, else the record drawer here. */
  openRecord(row: RunRow): void {
    const app = this.app;
    if (!app) return;
    const event = new CustomEvent<RecordOpenDetail>('ltc-record-open', { bubbles: true, composed: true, cancelable: true, detail: { appId: app.id, tableId: row.table, recordId: row.record } });
    if (!this.dispatchEvent(event) || !customElements.get('ltc-record-drawer')) return;
    this.renderRoot.querySelector('ltc-record-drawer')?.remove();
    const drawer = document.createElement('ltc-record-drawer');
    Object.assign(drawer, { tableId: row.table, recordId: row.record, order: [row.record], store: this.store, app, locale: this.locale, derived: this.derived });
    drawer.addEventListener('ltc-drawer-close', () => drawer.remove());
    this.renderRoot.append(drawer);
  }

  /** Download the filtered runs as CSV (the run log table's fields, as stored). Returns the file's text. */
  exportCsv(): string {
    const table = this.app?.tables.find((t) => t.id === RUN_TABLE_ID) ?? runLogTable();
    const text = downloadCsv(table, this.filtered.map((row) => row.source), table.fields, undefined, this.locale);
    this.announcement = tr(this.locale, 'runlog.exported', { n: this.filtered.length });
    return text;
  }

  private time(row: RunRow): string {
    this.formatter ??= new Intl.DateTimeFormat(this.locale, { dateStyle: 'short', timeStyle: 'medium', timeZone: this.timeZone });
    return row.time ? this.formatter.format(row.time) : row.at;
  }

  private ruleName(ruleId: string): string {
    const rule = this.app?.rules?.find((r) => r.id === ruleId);
    return rule ? labelOf(rule, this.locale) : ruleId;
  }

  private label(key: string, fallback: string): string {
    return tr(this.locale, key as RunLogUiKey) === key ? fallback : tr(this.locale, key as RunLogUiKey);
  }

  private triggerName(trigger: string): string {
    return this.label(`runlog.trigger.${trigger}`, trigger);
  }

  private statusName(status: string): string {
    return this.label(`runlog.status.${status}`, status);
  }

  private renderFilters() {
    const locale = this.locale;
    const form = this.form;
    const rules = [...new Set([...(this.app?.rules ?? []).map((rule) => rule.id), ...this.choices.rules])];
    const ruleId = this.ruleId || form.rule;
    const variants = this.choices.variants.get(ruleId) ?? [];
    const select = (name: keyof FilterForm, label: string, any: string, options: Array<[string, string]>) => html`<label
      >${label}
      <select name=${name} @change=${(e: Event) => this.setForm({ [name]: (e.target as HTMLSelectElement).value })}>
        <option value="" ?selected=${form[name] === ''}>${any}</option>
        ${options.map(([value, text]) => html`<option value=${value} ?selected=${form[name] === value}>${text}</option>`)}
      </select>
    </label>`;
    return html`<fieldset class="filters" part="filters">
      <legend class="visually-hidden">${tr(locale, 'runlog.filters')}</legend>
      ${this.ruleId ? nothing : select('rule', tr(locale, 'runlog.rule'), tr(locale, 'runlog.anyRule'), rules.map((id) => [id, this.ruleName(id)]))}
      ${select('status', tr(locale, 'runlog.status'), tr(locale, 'runlog.anyStatus'), RUN_STATUSES.map((status) => [status, this.statusName(status)]))}
      ${select('variant', tr(locale, 'runlog.variant'), tr(locale, 'runlog.anyVariant'), [...variants.map((v): [string, string] => [v, v]), [RUN_NO_VARIANT, tr(locale, 'runlog.noVariant')]])}
      ${select('trigger', tr(locale, 'runlog.trigger'), tr(locale, 'runlog.anyTrigger'), this.choices.triggers.map((trigger) => [trigger, this.triggerName(trigger)]))}
      <label
        >${tr(locale, 'runlog.from')}
        <input type="date" name="from" .value=${form.from} @change=${(e: Event) => this.setForm({ from: (e.target as HTMLInputElement).value })} />
      </label>
      <label
        >${tr(locale, 'runlog.to')}
        <input type="date" name="to" .value=${form.to} @change=${(e: Event) => this.setForm({ to: (e.target as HTMLInputElement).value })} />
      </label>
      <label
        >${tr(locale, 'runlog.record')}
        <input type="search" name="record" placeholder=${tr(locale, 'runlog.recordSearch')} .value=${form.record} @input=${(e: Event) => this.setForm({ record: (e.target as HTMLInputElement).value })} />
      </label>
      <button name="clear" @click=${() => this.setForm(EMPTY_FORM)}>${tr(locale, 'runlog.clear')}</button>
    </fieldset>`;
  }

  /** A stored value as text: by its field's format when the table has the field, else as JSON. */
  private valueText(table: TableDef | undefined, fieldId: string, value: unknown): { label: string; text: string } {
    const field: FieldDef | undefined = table?.fields.find((f) => f.id === fieldId);
    const raw = typeof value === 'string' ? value : JSON.stringify(value ?? null);
    if (!field) return { label: fieldId, text: raw };
    try {
      return { label: labelOf(field, this.locale), text: fieldTypeOf(field).format(value as CellValue, field, { locale: this.locale }) };
    } catch {
      return { label: labelOf(field, this.locale), text: raw };
    }
  }

  private renderValues(table: TableDef | undefined, values: Record<string, unknown> | undefined) {
    const entries = Object.entries(values ?? {});
    if (entries.length === 0) return html`<p class="muted">${tr(this.locale, 'runlog.none')}</p>`;
    return html`<dl>
      ${entries.map(([id, value]) => {
        const { label, text } = this.valueText(table, id, value);
        return html`<dt>${label}</dt>
          <dd>${text}</dd>`;
      })}
    </dl>`;
  }

  private renderDetails(row: RunRow) {
    const locale = this.locale;
    const details = runDetails(row.source);
    const table = this.app?.tables.find((t) => t.id === row.table);
    return html`<div part="details">
      ${details.unreadable ? html`<p>${tr(locale, 'runlog.unreadable')}</p>` : nothing}
      <h3>${tr(locale, 'runlog.inputs')}</h3>
      ${this.renderValues(table, details.inputs)}
      <h3>${tr(locale, 'runlog.actions')}</h3>
      ${details.steps.length
        ? html`<ol>
            ${details.steps.map(
              (step) => html`<li>
                ${tr(locale, 'runlog.step', { n: step.actionIndex + 1, type: this.label(`runlog.action.${step.type}`, step.type), status: this.label(`runlog.step.${step.status}`, step.status) })}${step.reason ? ` — ${step.reason}` : ''}
              </li>`,
            )}
          </ol>`
        : html`<p class="muted">${tr(locale, 'runlog.none')}</p>`}
      ${details.update ? html`<h3>${tr(locale, 'runlog.changed')}</h3>${this.renderValues(table, details.update)}` : nothing}
      ${details.creates.length
        ? html`<h3>${tr(locale, 'runlog.createdRecords')}</h3>
            <ul>
              ${details.creates.map((created) => {
                const target = this.app?.tables.find((t) => t.id === created.tableId);
                return html`<li>${target ? labelOf(target, locale) : created.tableId}: ${this.recordLabel(created.tableId, created.id) ?? created.id}</li>`;
              })}
            </ul>`
        : nothing}
      ${details.errors.length
        ? html`<h3>${tr(locale, 'runlog.errors')}</h3>
            <ul class="lines">
              ${details.errors.map((line) => html`<li>${line}</li>`)}
            </ul>`
        : nothing}
    </div>`;
  }

  private renderRow(row: RunRow) {
    const locale = this.locale;
    const open = this.expanded.has(row.id);
    const name = this.recordLabel(row.table, row.record) ?? row.record;
    const at = this.time(row);
    const rule = this.ruleName(row.rule);
    return html`<tr data-run=${row.id}>
        <td>
          <button class="details-toggle" aria-expanded=${open ? 'true' : 'false'} aria-controls=${`d-${row.id}`} aria-label=${tr(locale, 'runlog.showDetails', { rule, at })} @click=${() => this.toggle(row.id)}>
            ${open ? '▾' : '▸'}
          </button>
        </td>
        <td>${at}</td>
        ${this.ruleId ? nothing : html`<td>${rule}</td>`}
        <td><button class="link" aria-label=${tr(locale, 'runlog.open', { name })} @click=${() => this.openRecord(row)}>${name}</button></td>
        <td>${this.triggerName(row.trigger)}</td>
        <td>${row.variant ?? '—'}</td>
        <td class=${`status-${row.status}`}>${this.statusName(row.status)}</td>
      </tr>
      ${open
        ? html`<tr class="details" id=${`d-${row.id}`}>
            <td colspan=${this.ruleId ? 6 : 7}>${this.renderDetails(row)}</td>
          </tr>`
        : nothing}`;
  }

  private renderCompare() {
    const ruleId = this.ruleId || this.form.rule;
    const rule = this.app?.rules?.find((r) => r.id === ruleId);
    if (!rule?.variants?.length) return nothing;
    return html`<button name="compare" aria-expanded=${this.comparing ? 'true' : 'false'} aria-controls="compare" @click=${() => (this.comparing = !this.comparing)}>${tr(this.locale, 'runlog.compare')}</button>
      ${this.comparing
        ? html`<section id="compare" aria-label=${tr(this.locale, 'compare.title')}>
            <ltc-run-compare rule-id=${rule.id} time-zone=${this.timeZone} .runs=${this.rows} .app=${this.app} .store=${this.store} .derived=${this.derived} .locale=${this.locale}></ltc-run-compare>
          </section>`
        : nothing}`;
  }

  override render() {
    const locale = this.locale;
    const total = this.filtered.length;
    const start = this.page * RUN_PAGE_SIZE;
    const pageRows = this.filtered.slice(start, start + RUN_PAGE_SIZE);
    const cols: RunLogUiKey[] = ['runlog.at', ...(this.ruleId ? [] : (['runlog.rule'] as const)), 'runlog.record', 'runlog.trigger', 'runlog.variant', 'runlog.status'];
    return html`
      ${this.renderFilters()}
      <div class="bar">
        <button name="export" ?disabled=${total === 0} @click=${() => this.exportCsv()}>${tr(locale, 'runlog.export')}</button>
        ${this.renderCompare()}
      </div>
      <p class="visually-hidden" role="status">${this.announcement}</p>
      ${this.loading && this.rows.length === 0
        ? html`<p role="status">${tr(locale, 'runlog.loading')}</p>`
        : total === 0
          ? html`<p class="empty">${tr(locale, 'runlog.empty')}</p>`
          : html`<table part="runs">
                <caption class="visually-hidden">
                  ${tr(locale, 'runlog.title')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col"><span class="visually-hidden">${tr(locale, 'runlog.details')}</span></th>
                    ${cols.map((key) => html`<th scope="col">${tr(locale, key)}</th>`)}
                  </tr>
                </thead>
                <tbody>
                  ${pageRows.map((row) => this.renderRow(row))}
                </tbody>
              </table>
              <nav class="bar" part="pager" aria-label=${tr(locale, 'runlog.title')}>
                <button name="prev" ?disabled=${this.page === 0} @click=${() => this.page--}>${tr(locale, 'runlog.prev')}</button>
                <span>${tr(locale, 'runlog.range', { from: formatNumber(start + 1, locale), to: formatNumber(start + pageRows.length, locale), n: formatNumber(total, locale) })}</span>
                <button name="next" ?disabled=${start + RUN_PAGE_SIZE >= total} @click=${() => this.page++}>${tr(locale, 'runlog.next')}</button>
              </nav>`}
    `;
  }
}
