/**
 * `<ltc-form>`: the workspace form — add a record, or edit one with `record-id` — built on the
 * form renderer (`LtcFormView`, ./form/form-view.ts). Which form it draws:
 * - `table-id` alone: every field of the table (the record editor: computed fields and a
 *   record's linked records shown read-only when editing);
 * - `form="<formId>"`: that form definition of the app, live (it re-renders when the app
 *   definition changes);
 * - `app-id` alone (or with `table-id`): the table's first form, else its default form.
 * Outside `<ltc-app>` with `app-id`, it opens the page's default store itself.
 *
 * Values are coerced and validated by the record-write rules (src/runtime/record-writes.ts);
 * the write goes through the store in one transaction (an edit names the version it was based
 * on, so a change made meanwhile in another tab is refused, not overwritten). Sub-table rows
 * (line items) are written in that same transaction (./form/save-with-lines.ts). Items with
 * `prefill` take their value from a `prefill-<name>` attribute or the page's URL parameter.
 *
 * @summary Add or edit one record, or fill in a form of the app.
 * @event ltc-record-created - A new record was saved (only outside `<ltc-app>`, which reports
 *   every committed change itself). `detail: { appId, tableId, recordId, values, origin }`
 * @event ltc-record-updated - A record was saved (only outside `<ltc-app>`). `detail: { appId, tableId, recordId, values, origin }`
 * @event ltc-form-submitted - This form saved a record (always). `detail: { appId, tableId, recordId, values }`
 * @event ltc-form-cancelled - The user pressed Cancel.
 * @event ltc-error - Saving failed. `detail: { code, message }`
 * @event input - A field's value changed (native, composed; read `.values`).
 * @event change - A control committed a change (native, composed).
 * @csspart form - The `<form>`.
 * @csspart field - One field (label, input, message).
 * @csspart input - The control of a field.
 * @csspart actions - The row of buttons.
 * @cssproperty --ltc-color-primary - Save button and focus colour.
 */
import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { AppDef, CellValue, FieldDef, Locale, RecordData, TableDef } from '../core/schema/types.js';
import type { FormDef, FormFieldItem, SubRowValues, SubmissionValues } from '../core/forms/model.js';
import { defaultForm, initialValues, isSubtableField, prefillValues, resolveForm, visibleFieldIds } from '../core/forms/index.js';
import { StaleWriteError, type Store } from '../store/types.js';
import { errorMessage, labelOf, t } from '../i18n/index.js';
import { widgetFor } from '../../widgets/registry.js';
import type { RelationOption } from '../../widgets/types.js';
import { prepareRecordWrite, type RecordWriteIssue } from '../runtime/record-writes.js';
import { fieldTypeOf, isInverseLink, linkedTable } from '../core/fields/index.js';
import { isDerivedField } from '../runtime/derived.js';
import type { DerivedValues } from '../runtime/derived.js';
import { getDefaultStore } from '../runtime/default-store.js';
import { appContext, derivedContext, localeContext, storeContext } from './context.js';
import { emit, insideApp } from './events.js';
import { StoreController, derivedChangeTouchesRecord } from './store-controller.js';
import { FormSubmitError, LtcFormView, type FormValue } from './form/form-view.js';
import { saveWithLines } from './form/save-with-lines.js';

/** Linked records listed by name in an edit form before "and N more". */
const LINKED_SHOWN = 12;
const own = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** The record editor's form: every field of the table that is not archived. */
function recordForm(table: TableDef): FormDef {
  return {
    ...defaultForm(table),
    items: table.fields.filter((field) => !field.archived).map((field): FormFieldItem => ({ id: field.id, kind: 'field', fieldId: field.id })),
  };
}

export class LtcForm extends LtcFormView {
  static override styles = [
    ...LtcFormView.styles,
    css`
      .computed {
        padding-top: 0.45em;
        font-variant-numeric: tabular-nums;
      }
      .linked {
        list-style: none;
        margin: 0;
        padding: 0.35em 0 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.3rem;
      }
      .linked li {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 0.05em 0.5em;
        background: var(--_surface-alt);
        font-variant-numeric: tabular-nums;
      }
      .linked li.more {
        border: none;
        background: none;
        color: var(--_muted);
      }
      .warning {
        color: var(--ltc-color-warning, #92400e);
        font-size: 0.92em;
      }
    `,
  ];

  /** The table whose fields the form shows. */
  @property({ attribute: 'table-id' }) accessor tableId = '';
  /** Edit this record; empty to add a new one. */
  @property({ attribute: 'record-id' }) accessor recordId = '';
  /** The app (outside `<ltc-app>`, read from the page's default store). */
  @property({ attribute: 'app-id' }) accessor appId = '';
  /** Draw this form definition of the app (`TableDef.forms`). */
  @property({ attribute: 'form' }) accessor formId = '';

  @consume({ context: storeContext, subscribe: true }) @state() accessor store: Store | undefined;
  @consume({ context: appContext, subscribe: true }) @state() accessor app: AppDef | undefined;
  /** The workspace's language (context), which the form then speaks over its `locale` attribute. */
  @consume({ context: localeContext, subscribe: true }) @state() private accessor contextLocale!: Locale;
  @consume({ context: derivedContext, subscribe: true }) @state() accessor derived: DerivedValues | undefined;

  /** The record being edited, as loaded (its version guards the write). */
  @state() accessor record: RecordData | undefined;
  /** Warnings by field id: stored values that do not fit their field (they do not block a save). */
  @state() private accessor warnings: Record<string, string> = {};
  /**
   * The record named by `record-id` does not exist (deleted elsewhere, or replaced by an
   * import): the form says so and cannot be saved, rather than quietly creating a new record.
   */
  @state() private accessor missing = false;

  private loadedKey = '';
  /** The versions of the sub-table rows as loaded (their writes name them). */
  private lineVersions = new Map<string, number>();
  private ownStore = false;
  private unsubscribe: (() => void) | undefined;

  /** The table the form writes to. */
  get table(): TableDef | undefined {
    return this.resolved()?.table;
  }

  /** Forget what was typed and reload the record. */
  reset(): void {
    this.resetForm();
    this.warnings = {};
    this.loadedKey = '';
    this.requestUpdate();
  }

  protected override get showsThankYou(): boolean {
    return !!this.formId;
  }

  protected override defaultSubmitLabel(): string {
    return t(this.locale, 'form.save');
  }

  protected override canSubmit(): boolean {
    return !this.missing;
  }

  /**
   * Computed fields shown read-only update as soon as their values arrive: repaint for a
   * change of this record's computed cells (a new form shows none), or of everything.
   */
  protected readonly subscriptions = new StoreController(this, {
    derived: () => this.derived,
    onDerivedChange: (change) => {
      const record = this.record;
      if (!change || change.kind !== 'records' || (record && derivedChangeTouchesRecord(change, record.tableId, record.id))) this.requestUpdate();
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.ownStore && this.store && !this.unsubscribe) this.watchApp(this.store);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** The table and form to draw, from the attributes and the app. */
  private resolved(): { table: TableDef; form: FormDef } | undefined {
    const app = this.app;
    if (!app) return undefined;
    if (this.formId) return resolveForm(app, this.formId, this.tableId || undefined);
    if (this.tableId && !this.appId) {
      const table = app.tables.find((candidate) => candidate.id === this.tableId);
      return table ? { table, form: recordForm(table) } : undefined;
    }
    return resolveForm(app, undefined, this.tableId || undefined);
  }

  /** Standalone with `app-id`: open the default store and keep the app definition live. */
  private async openOwnStore(): Promise<void> {
    this.ownStore = true;
    const store = await getDefaultStore();
    this.store ??= store;
    this.watchApp(store);
    this.app = (await store.getApp(this.appId)) ?? this.app;
  }

  private watchApp(store: Store): void {
    this.unsubscribe = store.subscribe((change) => {
      if (change.kind === 'app' && change.appId === this.appId) void store.getApp(this.appId).then((app) => (this.app = app));
    });
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (this.contextLocale && this.contextLocale !== this.locale) this.locale = this.contextLocale;
    super.willUpdate(changed);
    if (this.appId && !this.store && !this.ownStore) {
      this.openOwnStore().catch((error: unknown) => this.reportLoadError(error));
    }
    const resolved = this.resolved();
    this.formDef = resolved?.form;
    this.fields = resolved?.table.fields ?? [];
    this.childFields = this.app && resolved ? childFieldsOf(this.app, resolved.table) : {};
    const key = `${this.app?.id}|${resolved?.table.id}|${this.recordId}|${!!this.store}|${resolved?.form.id}`;
    if (key !== this.loadedKey && this.store && this.app && resolved) {
      this.loadedKey = key;
      // A refused read (the database closed, the record's app gone) is shown, not left uncaught.
      this.load(this.store, this.app, resolved.table, resolved.form).catch((error: unknown) => this.reportLoadError(error));
    }
  }

  private reportLoadError(error: unknown): void {
    this.formError = errorMessage(error, this.locale);
    emit(this, 'ltc-error', { code: (error as { code?: string }).code ?? 'form.load', message: this.formError });
  }

  /** Values from the page: `prefill-<name>` attributes over the URL's parameters. */
  private pageParams(): Record<string, string> {
    const params: Record<string, string> = {};
    for (const [name, value] of new URLSearchParams(location.search)) params[name] = value;
    for (const attribute of Array.from(this.attributes)) {
      if (attribute.name.startsWith('prefill-')) params[attribute.name.slice('prefill-'.length)] = attribute.value;
    }
    return params;
  }

  private async load(store: Store, app: AppDef, table: TableDef, form: FormDef): Promise<void> {
    this.resetForm();
    this.missing = false;
    this.record = this.recordId ? await store.getRecord(app.id, table.id, this.recordId) : undefined;
    const record = this.record;
    // Stored values that do not fit their field (an old import) are pointed out at once.
    this.warnings = record
      ? Object.fromEntries(prepareRecordWrite(app, table.id, {}, { existing: record, locale: this.locale }).warnings.map((w) => [w.fieldId, w.message]))
      : {};
    if (this.recordId && !record) {
      this.missing = true;
      this.formError = t(this.locale, 'error.store.notFound');
    }
    this.lineVersions = new Map();
    const values = record ? { ...record.values } : this.startValues(table, form);
    if (record) for (const field of table.fields) if (isSubtableField(field)) values[field.id] = await this.loadLines(store, app, field, record.id);
    this.values = values;
    // An edit form shows the record's computed fields; make sure they are being computed.
    if (record) this.derived?.load().catch(() => undefined);
    this.relationOptions = await this.loadRelationOptions(store, app, table);
  }

  /** The stored rows of a sub-table of the record being edited. */
  private async loadLines(store: Store, app: AppDef, field: FieldDef, parentId: string): Promise<SubRowValues[]> {
    const child = field.options?.table;
    const link = field.options?.inverseOf;
    if (!child || !link) return [];
    const rows = await store.queryRecords(app.id, child, { where: { field: link, equals: parentId } });
    for (const row of rows) this.lineVersions.set(row.id, row.version);
    return rows.map((row) => ({ id: row.id, values: { ...row.values } }));
  }

  private async loadRelationOptions(store: Store, app: AppDef, table: TableDef): Promise<Record<string, RelationOption[]>> {
    const options: Record<string, RelationOption[]> = {};
    const derived = this.derived;
    const fields = [...table.fields, ...Object.values(this.childFields).flat()];
    for (const field of fields) {
      const targetId = linkedTable(field);
      if (!targetId || isDerivedField(field) || isSubtableField(field)) continue;
      const target = app.tables.find((candidate) => candidate.id === targetId);
      if (!target) continue;
      // A second value that tells apart records with the same name (two customers 王芳).
      const detailField = target.fields.find((f) => {
        const type = fieldTypeOf(f);
        const scalar = type.scalar(f);
        return f.id !== target.primaryFieldId && !type.isDerived(f) && type.category !== 'choice' && !scalar.list && (scalar.type === 'text' || scalar.type === 'date');
      });
      const detailOf = (row: RecordData) => {
        const value = detailField ? row.values[detailField.id] : undefined;
        return value === null || value === undefined || value === '' ? undefined : String(value);
      };
      if (derived) {
        // Every record of the target table is linkable; the picker searches them in memory.
        await derived.load();
        options[field.id] = derived.all(target.id).map((row) => ({ id: row.id, label: derived.label(target.id, row.id) ?? row.id, detail: detailOf(row) }));
      } else {
        const rows = await store.queryRecords(app.id, target.id);
        options[field.id] = rows.map((row) => ({ id: row.id, label: String(row.values[target.primaryFieldId] ?? row.id), detail: detailOf(row) }));
      }
    }
    return options;
  }

  /** Computed fields show their derived value; everything else what was typed or stored. */
  override getValue(fieldId: string): FormValue | undefined {
    const field = this.fieldOf(fieldId);
    if (field && isDerivedField(field) && !isSubtableField(field)) {
      return (this.record && this.derived?.get(this.record.tableId, this.record.id)?.[field.id]) ?? null;
    }
    return super.getValue(fieldId);
  }

  /** Editing a record, a stored value the user did not touch is not held to the rules here (it is a warning). */
  protected override checkField(item: FormFieldItem): string | undefined {
    if (this.record && !own(this.edits, item.fieldId)) return undefined;
    return super.checkField(item);
  }

  /**
   * What the record write gets: the user's edits of visible fields (a new record also its
   * defaults and prefilled values); hidden fields are left out.
   */
  protected override collectValues(): SubmissionValues {
    const table = this.table;
    const form = this.formDef;
    if (!table || !form) return {};
    const shown = visibleFieldIds(form, this.values);
    const input: SubmissionValues = {};
    const source = this.record ? this.edits : this.values;
    for (const [fieldId, value] of Object.entries(source)) {
      const field = table.fields.find((candidate) => candidate.id === fieldId);
      if (!field || !shown.has(fieldId) || (isDerivedField(field) && !isSubtableField(field))) continue;
      input[fieldId] = value as CellValue | SubRowValues[];
    }
    return input;
  }

  /**
   * Records of a table already in memory, for the unique and relation checks of a write
   * (without them the write asks the store).
   */
  private recordsAtHand = (tableId: string): readonly RecordData[] | undefined => (this.derived?.ready ? this.derived.all(tableId) : undefined);

  /** The app as this form writes it: fields the form hides (or does not show) are not required here. */
  private appForWrite(app: AppDef, table: TableDef, form: FormDef): AppDef {
    const shown = visibleFieldIds(form, this.values);
    if (!table.fields.some((field) => field.required && !shown.has(field.id))) return app;
    const relaxed: TableDef = { ...table, fields: table.fields.map((field) => (field.required && !shown.has(field.id) ? { ...field, required: false } : field)) };
    return { ...app, tables: app.tables.map((candidate) => (candidate.id === table.id ? relaxed : candidate)) };
  }

  /** A new record's values: the form's defaults, the page's prefill, no rows yet. */
  private startValues(table: TableDef, form: FormDef): Record<string, FormValue> {
    const values: Record<string, FormValue> = { ...initialValues(form, table), ...prefillValues(form, table, this.pageParams()) };
    for (const field of table.fields) if (isSubtableField(field)) values[field.id] = [];
    return values;
  }

  /** Show a write's problems next to their fields; the general ones above the form. */
  private issuesError(errors: RecordWriteIssue[], warnings: RecordWriteIssue[]): FormSubmitError {
    const fieldErrors: Record<string, string> = {};
    const general: string[] = [];
    for (const issue of errors) {
      if (this.table?.fields.some((f) => f.id === issue.fieldId)) fieldErrors[issue.fieldId] ??= issue.message;
      else general.push(issue.message);
    }
    this.warnings = Object.fromEntries(warnings.map((w) => [w.fieldId, w.message]));
    const count = Object.keys(fieldErrors).length;
    return new FormSubmitError([count ? t(this.locale, 'form.fixErrors', { count }) : '', ...general].filter(Boolean).join(' '), fieldErrors);
  }

  /**
   * Save: the record-write rules decide — each typed value coerced and checked by its field
   * type, required fields, relation targets, unique values — and the write goes through the
   * store, with the sub-tables' rows in the same transaction. Editing a record, only the
   * fields the user changed (plus required-ness) can block the save.
   */
  protected override async submitValues(values: SubmissionValues) {
    const { store, app, table, formDef } = this;
    if (!store || !app || !table || !formDef) throw new Error(t(this.locale, 'app.loading'));
    const existing = this.record;
    try {
      const result = await saveWithLines(store, this.appForWrite(app, table, formDef), table.id, values, {
        existing,
        records: this.recordsAtHand,
        locale: this.locale,
        childFields: this.childFields,
        lineVersions: this.lineVersions,
      });
      if (!result.ok) throw this.issuesError(result.errors, result.warnings);
      const saved = result.record;
      this.warnings = Object.fromEntries(result.warnings.map((w) => [w.fieldId, w.message]));
      const detail = { appId: app.id, tableId: table.id, recordId: saved.id, values: saved.values };
      if (!insideApp(this)) emit(this, existing ? 'ltc-record-updated' : 'ltc-record-created', { ...detail, origin: { kind: 'user' } });
      if (this.showsThankYou) {
        // A fill-in form starts over for the next submission.
        this.record = undefined;
        this.values = this.startValues(table, formDef);
      } else {
        this.record = saved;
        this.values = { ...saved.values, ...result.lines };
        this.lineVersions = new Map(result.versions);
      }
      return detail;
    } catch (error) {
      if (error instanceof FormSubmitError) throw error;
      const message =
        error instanceof StaleWriteError
          ? t(this.locale, 'form.stale', { expected: error.expectedVersion, actual: error.actualVersion ?? '—' })
          : errorMessage(error, this.locale);
      emit(this, 'ltc-error', { code: (error as { code?: string }).code ?? 'error', message });
      throw new FormSubmitError(message);
    }
  }

  private cancel(): void {
    this.resetForm();
    emit(this, 'ltc-form-cancelled', { tableId: this.table?.id ?? this.tableId });
  }

  protected override renderExtraActions(): TemplateResult {
    return html`<button type="button" @click=${this.cancel}>${t(this.locale, 'form.cancel')}</button>`;
  }

  protected override renderFieldItem(item: FormFieldItem, index: string): TemplateResult | typeof nothing {
    const field = this.fieldOf(item.fieldId);
    if (!field) return nothing;
    if (isInverseLink(field) && !isSubtableField(field)) return this.renderLinked(field, index);
    const editable = isSubtableField(field) || (widgetFor(field).isEditable(field) && !isDerivedField(field));
    if (!editable && !this.record) return nothing;
    const rendered = super.renderFieldItem(item, index);
    const warning = this.errors[field.id] ? undefined : this.warnings[field.id];
    if (!warning) return rendered;
    return html`${rendered}<span class="warning" role="status" data-warning-for=${field.id}>${warning}</span>`;
  }

  /** An inverse relation (a customer's orders): read-only, the linked records' names. */
  private renderLinked(field: FieldDef, index: string) {
    if (!this.record) return nothing;
    const ids = this.getValue(field.id);
    const list = Array.isArray(ids) ? (ids as unknown[]).filter((id): id is string => typeof id === 'string') : [];
    const target = field.options?.table ?? '';
    const shown = list.slice(0, LINKED_SHOWN);
    const id = `f-${index}`;
    return html`<div class="field" part="field">
      <span class="label" id="${id}-label">${labelOf(field, this.locale)}</span>
      <div class="control">
        ${this.derived?.ready
          ? html`<ul class="linked" aria-labelledby="${id}-label">
              ${shown.map((linked) => html`<li>${this.derived?.label(target, linked) ?? linked}</li>`)}
              ${list.length > shown.length ? html`<li class="more">${t(this.locale, 'form.more', { count: list.length - shown.length })}</li>` : nothing}
              ${list.length === 0 ? html`<li class="more">${t(this.locale, 'form.none')}</li>` : nothing}
            </ul>`
          : html`<span class="computed">…</span>`}
      </div>
    </div>`;
  }

  override render() {
    if (!this.table) return html`<p>${t(this.locale, 'app.loading')}</p>`;
    return this.renderForm();
  }
}

/** The child tables' fields of a table's sub-tables, by sub-table field id. */
function childFieldsOf(app: AppDef, table: TableDef): Record<string, FieldDef[]> {
  const out: Record<string, FieldDef[]> = {};
  for (const field of table.fields) {
    if (!isSubtableField(field)) continue;
    const child = app.tables.find((candidate) => candidate.id === field.options?.table);
    if (child) out[field.id] = child.fields;
  }
  return out;
}

declare global {
  interface HTMLElementTagNameMap {
    'ltc-form': LtcForm;
  }
}
