/**
 * `<ltc-form>`: a record form generated from a table's fields — add a record, or edit one
 * with `record-id`. Every field type comes from the widget registry; values are coerced
 * and validated by the widgets, required fields and relations are checked here, and the
 * write goes through the store in one transaction (an edit names the version it was based
 * on, so a change made meanwhile in another tab is refused, not overwritten).
 *
 * @summary Add or edit one record.
 * @event ltc-record-created - A new record was saved (only outside `<ltc-app>`, which reports
 *   every committed change itself). `detail: { appId, tableId, recordId, values, origin }`
 * @event ltc-record-updated - A record was saved (only outside `<ltc-app>`). `detail: { appId, tableId, recordId, values, origin }`
 * @event ltc-form-submitted - This form saved a record (always). `detail: { appId, tableId, recordId, values }`
 * @event ltc-form-cancelled - The user pressed Cancel.
 * @event ltc-error - Saving failed. `detail: { code, message }`
 * @csspart form - The `<form>`.
 * @csspart field - One field row (label, input, message).
 * @csspart input - The control of a field.
 * @csspart actions - The row of buttons.
 * @cssproperty --ltc-color-primary - Save button and focus colour.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { AppDef, CellValue, FieldDef, Locale, RecordData, RecordValues, TableDef } from '../core/schema/types.js';
import { StaleWriteError, type Store } from '../store/types.js';
import { errorMessage, labelOf, t, type MessageKey } from '../i18n/index.js';
import { widgetFor } from '../../widgets/registry.js';
import type { RelationOption } from '../../widgets/types.js';
import { isBlank } from '../../widgets/shared.js';
import { isDerivedField } from '../runtime/derived.js';
import type { DerivedValues } from '../runtime/derived.js';
import { appContext, derivedContext, localeContext, storeContext } from './context.js';
import { baseStyles } from './styles.js';
import { emit, insideApp } from './events.js';
import { StoreController, derivedChangeTouchesRecord } from './store-controller.js';

/** Linked records listed by name in an edit form before "and N more". */
const LINKED_SHOWN = 12;

export class LtcForm extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        gap: 0.9rem;
      }
      .field {
        display: grid;
        grid-template-columns: minmax(7rem, 10rem) 1fr;
        gap: 0.25rem 0.75rem;
        align-items: start;
      }
      .field > label,
      .field > .label {
        padding-top: 0.45em;
        color: var(--_muted);
      }
      .required::after {
        content: ' *';
        color: var(--_danger);
      }
      .control {
        display: grid;
        gap: 0.25rem;
      }
      .control > input,
      .control > select,
      .control > textarea,
      .affix {
        width: 100%;
      }
      .affix {
        display: flex;
        align-items: center;
        gap: 0.4rem;
      }
      .affix input {
        flex: 1;
      }
      .suffix {
        color: var(--_muted);
      }
      .message {
        color: var(--_danger);
        font-size: 0.9em;
      }
      .computed {
        padding-top: 0.45em;
        font-variant-numeric: tabular-nums;
      }
      .computed small {
        color: var(--_muted);
        margin-left: 0.5em;
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
      .choices {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3rem 1rem;
        padding-top: 0.35em;
      }
      .summary {
        color: var(--_danger);
        border: 1px solid var(--_danger);
        border-radius: var(--_radius);
        padding: 0.5rem 0.75rem;
      }
      .actions {
        display: flex;
        justify-content: flex-end;
        gap: 0.5rem;
      }
      @media (max-width: 520px) {
        .field {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  /** The table whose fields the form shows. */
  @property({ attribute: 'table-id' }) accessor tableId = '';
  /** Edit this record; empty to add a new one. */
  @property({ attribute: 'record-id' }) accessor recordId = '';

  @consume({ context: storeContext, subscribe: true }) @state() accessor store: Store | undefined;
  @consume({ context: appContext, subscribe: true }) @state() accessor app: AppDef | undefined;
  @consume({ context: localeContext, subscribe: true }) @state() accessor locale: Locale = 'en';
  @consume({ context: derivedContext, subscribe: true }) @state() accessor derived: DerivedValues | undefined;

  /** The record being edited, as loaded (its version guards the write). */
  @state() accessor record: RecordData | undefined;
  /** What the user typed, by field id, before coercion. */
  @state() private accessor drafts: Record<string, unknown> = {};
  /** Error messages by field id. */
  @state() private accessor errors: Record<string, string> = {};
  @state() private accessor formError = '';
  @state() private accessor saving = false;
  /**
   * The record named by `record-id` does not exist (deleted elsewhere, or replaced by an
   * import): the form says so and cannot be saved, rather than quietly creating a new record.
   */
  @state() private accessor missing = false;
  @state() private accessor relationOptions: Record<string, RelationOption[]> = {};

  private loadedKey = '';

  get table(): TableDef | undefined {
    return this.app?.tables.find((table) => table.id === this.tableId);
  }

  /** Forget what was typed and reload the record. */
  reset(): void {
    this.drafts = {};
    this.errors = {};
    this.formError = '';
    this.loadedKey = '';
    this.requestUpdate();
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

  override willUpdate(_changed: PropertyValues<this>): void {
    const key = `${this.app?.id}|${this.tableId}|${this.recordId}|${!!this.store}`;
    if (key !== this.loadedKey && this.store && this.app && this.table) {
      this.loadedKey = key;
      // A refused read (the database closed, the record's app gone) is shown, not left uncaught.
      this.load().catch((error: unknown) => {
        this.formError = errorMessage(error, this.locale);
        emit(this, 'ltc-error', { code: (error as { code?: string }).code ?? 'form.load', message: this.formError });
      });
    }
  }

  private async load(): Promise<void> {
    const { store, app, table } = this;
    if (!store || !app || !table) return;
    this.drafts = {};
    this.errors = {};
    this.formError = '';
    this.missing = false;
    this.record = this.recordId ? await store.getRecord(app.id, table.id, this.recordId) : undefined;
    if (this.recordId && !this.record) {
      this.missing = true;
      this.formError = t(this.locale, 'error.store.notFound');
    }
    // An edit form shows the record's computed fields; make sure they are being computed.
    if (this.record) this.derived?.load().catch(() => undefined);
    const options: Record<string, RelationOption[]> = {};
    const derived = this.derived;
    for (const field of table.fields) {
      if (field.type !== 'relation' || field.options?.inverseOf || !field.options?.table) continue;
      const target = app.tables.find((candidate) => candidate.id === field.options?.table);
      if (!target) continue;
      // A second value that tells apart records with the same name (two customers 王芳).
      const detailField = target.fields.find((f) => f.id !== target.primaryFieldId && ['phone', 'email', 'date', 'text'].includes(f.type));
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
    this.relationOptions = options;
  }

  /** The value shown for a field: what was typed, else the stored or default value. */
  private currentValue(field: FieldDef): CellValue {
    if (Object.prototype.hasOwnProperty.call(this.drafts, field.id)) return this.drafts[field.id] as CellValue;
    if (isDerivedField(field)) {
      return (this.record && this.derived?.get(this.table!.id, this.record.id)?.[field.id]) ?? null;
    }
    if (this.record) return this.record.values[field.id] ?? null;
    return field.options?.defaultValue ?? null;
  }

  private message(field: FieldDef, key: MessageKey, params: Record<string, string | number> = {}): string {
    return t(this.locale, key, { name: labelOf(field, this.locale), ...params });
  }

  /** Coerce and check every editable field; returns the values to write, or undefined. */
  private collect(): RecordValues | undefined {
    const table = this.table!;
    const errors: Record<string, string> = {};
    const values: RecordValues = {};
    for (const field of table.fields) {
      const widget = widgetFor(field);
      if (!widget.isEditable(field) || isDerivedField(field)) continue;
      const edited = Object.prototype.hasOwnProperty.call(this.drafts, field.id);
      const raw = edited ? this.drafts[field.id] : this.currentValue(field);
      const result = widget.coerce(raw, field);
      if (!result.ok) {
        errors[field.id] = this.message(field, result.issue.key, result.issue.params);
        continue;
      }
      const value = result.value;
      // A required checkbox must be ticked ("I agree"), as in HTML's required checkbox.
      if (field.required && (isBlank(value) || (field.type === 'checkbox' && value !== true))) {
        errors[field.id] = this.message(field, 'field.required');
        continue;
      }
      if (!isBlank(value)) {
        const issue = widget.validate?.(value, field);
        if (issue) {
          errors[field.id] = this.message(field, issue.key, issue.params);
          continue;
        }
        if (field.type === 'relation' && this.relationOptions[field.id]) {
          const known = new Set(this.relationOptions[field.id].map((option) => option.id));
          const ids = Array.isArray(value) ? value : [String(value)];
          if (ids.some((id) => !known.has(id))) {
            errors[field.id] = this.message(field, 'field.relation');
            continue;
          }
        }
      }
      if (edited || !this.record) values[field.id] = value;
    }
    this.errors = errors;
    return Object.keys(errors).length ? undefined : values;
  }

  /**
   * Fields marked `unique`: no other record of the table may hold the same value. Checked
   * against every record (in memory when loaded, else with a store query) just before the
   * write; reports on the field and returns false when a value is taken.
   */
  private async checkUnique(values: RecordValues): Promise<boolean> {
    const { store, app, table } = this;
    if (!store || !app || !table) return true;
    const errors: Record<string, string> = {};
    for (const field of table.fields) {
      if (!field.unique || !(field.id in values) || isBlank(values[field.id])) continue;
      const value = values[field.id];
      const same = (other: CellValue | undefined) => typeof other === 'string' && typeof value === 'string' ? other.trim().toLowerCase() === value.trim().toLowerCase() : other === value;
      const others = this.derived?.ready
        ? this.derived.all(table.id)
        : await store.queryRecords(app.id, table.id, { where: { field: field.id, equals: value } });
      if (others.some((record) => record.id !== this.record?.id && same(record.values[field.id]))) {
        errors[field.id] = this.message(field, 'field.unique', { value: String(value) });
      }
    }
    this.errors = { ...this.errors, ...errors };
    return Object.keys(errors).length === 0;
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const { store, app, table } = this;
    if (!store || !app || !table || this.saving) return;
    this.formError = '';
    const values = this.collect();
    if (!values) {
      this.formError = t(this.locale, 'form.fixErrors', { count: Object.keys(this.errors).length });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this.saving = true;
    try {
      if (!(await this.checkUnique(values))) {
        this.formError = t(this.locale, 'form.fixErrors', { count: Object.keys(this.errors).length });
        return;
      }
      const existing = this.record;
      const [saved] = await store.mutate(
        app.id,
        existing
          ? [{ type: 'update', tableId: table.id, id: existing.id, expectedVersion: existing.version, values }]
          : [{ type: 'create', tableId: table.id, values }],
      );
      if (!saved) return;
      this.record = saved;
      this.drafts = {};
      const detail = { appId: app.id, tableId: table.id, recordId: saved.id, values: saved.values };
      if (!insideApp(this)) emit(this, existing ? 'ltc-record-updated' : 'ltc-record-created', { ...detail, origin: { kind: 'user' } });
      emit(this, 'ltc-form-submitted', detail);
    } catch (error) {
      this.formError =
        error instanceof StaleWriteError
          ? t(this.locale, 'form.stale', { expected: error.expectedVersion, actual: error.actualVersion ?? '—' })
          : errorMessage(error, this.locale);
      emit(this, 'ltc-error', { code: (error as { code?: string }).code ?? 'error', message: this.formError });
    } finally {
      this.saving = false;
    }
  }

  private cancel(): void {
    this.drafts = {};
    this.errors = {};
    emit(this, 'ltc-form-cancelled', { tableId: this.tableId });
  }

  private renderField(field: FieldDef, index: number) {
    const widget = widgetFor(field);
    if (field.type === 'relation' && field.options?.inverseOf) return this.renderLinked(field, index);
    const editable = widget.isEditable(field) && !isDerivedField(field);
    if (!editable && !this.record) return nothing;
    const id = `f${index}`;
    const error = this.errors[field.id];
    const label = labelOf(field, this.locale);
    const input = widget.renderInput({
      id,
      field,
      value: this.currentValue(field),
      locale: this.locale,
      invalid: !!error,
      describedBy: error ? `${id}-msg` : undefined,
      relationOptions: this.relationOptions[field.id],
      onInput: (raw) => {
        this.drafts = { ...this.drafts, [field.id]: raw };
        if (this.errors[field.id]) {
          const { [field.id]: _removed, ...rest } = this.errors;
          this.errors = rest;
        }
      },
    });
    // Groups of checkboxes are labelled by aria-labelledby; single controls by <label for>.
    const grouped = field.type === 'multiselect';
    return html`<div class="field" part="field">
      ${grouped
        ? html`<span class="label ${field.required ? 'required' : ''}" id="${id}-label">${label}</span>`
        : html`<label class=${field.required ? 'required' : ''} for=${id}>${label}</label>`}
      <div class="control" role=${grouped ? 'group' : nothing} aria-labelledby=${grouped ? `${id}-label` : nothing}>
        ${input} ${error ? html`<span class="message" id="${id}-msg" role="alert">${error}</span>` : nothing}
      </div>
    </div>`;
  }

  /** An inverse relation (a customer's orders): read-only, the linked records' names. */
  private renderLinked(field: FieldDef, index: number) {
    if (!this.record) return nothing;
    const ids = this.currentValue(field);
    const list = Array.isArray(ids) ? ids : [];
    const target = field.options?.table ?? '';
    const shown = list.slice(0, LINKED_SHOWN);
    const id = `f${index}`;
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
    const table = this.table;
    if (!table) return html`<p>${t(this.locale, 'app.loading')}</p>`;
    return html`<form part="form" novalidate @submit=${this.submit}>
      ${this.formError ? html`<div class="summary" role="alert">${this.formError}</div>` : nothing}
      ${table.fields.map((field, index) => this.renderField(field, index))}
      <div class="actions" part="actions">
        <button type="button" @click=${this.cancel}>${t(this.locale, 'form.cancel')}</button>
        <button type="submit" class="primary" ?disabled=${this.saving || this.missing}>${t(this.locale, 'form.save')}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ltc-form': LtcForm;
  }
}
