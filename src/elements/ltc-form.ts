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
import type { AppDef, CellValue, FieldDef, Locale, RecordData, TableDef } from '../core/schema/types.js';
import { StaleWriteError, type Store } from '../store/types.js';
import { errorMessage, labelOf, t } from '../i18n/index.js';
import { widgetFor } from '../../widgets/registry.js';
import type { RelationOption } from '../../widgets/types.js';
import { prepareRecordWrite, writeRecord, type RecordWriteIssue } from '../runtime/record-writes.js';
import { fieldTypeOf, isInverseLink, linkedTable } from '../core/fields/index.js';
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
      .warning {
        color: var(--ltc-color-warning, #92400e);
        font-size: 0.92em;
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
  /** Warnings by field id: stored values that do not fit their field (they do not block a save). */
  @state() private accessor warnings: Record<string, string> = {};
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
    this.warnings = {};
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
    // Stored values that do not fit their field (an old import) are pointed out at once.
    this.warnings = this.record
      ? Object.fromEntries(prepareRecordWrite(app, table.id, {}, { existing: this.record, locale: this.locale }).warnings.map((w) => [w.fieldId, w.message]))
      : {};
    if (this.recordId && !this.record) {
      this.missing = true;
      this.formError = t(this.locale, 'error.store.notFound');
    }
    // An edit form shows the record's computed fields; make sure they are being computed.
    if (this.record) this.derived?.load().catch(() => undefined);
    const options: Record<string, RelationOption[]> = {};
    const derived = this.derived;
    for (const field of table.fields) {
      const targetId = linkedTable(field);
      if (!targetId || isDerivedField(field)) continue;
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

  /**
   * Records of a table already in memory, for the unique and relation checks of a write
   * (without them `writeRecord` asks the store).
   */
  private recordsAtHand = (tableId: string): readonly RecordData[] | undefined => (this.derived?.ready ? this.derived.all(tableId) : undefined);

  /** Show a write's problems next to their fields; true when nothing blocks it. */
  private showIssues(result: { errors: RecordWriteIssue[]; warnings: RecordWriteIssue[] }): boolean {
    const errors: Record<string, string> = {};
    const warnings: Record<string, string> = {};
    const general: string[] = [];
    for (const issue of result.errors) {
      if (this.table?.fields.some((f) => f.id === issue.fieldId)) errors[issue.fieldId] ??= issue.message;
      else general.push(issue.message);
    }
    for (const issue of result.warnings) warnings[issue.fieldId] ??= issue.message;
    this.errors = errors;
    this.warnings = warnings;
    const count = Object.keys(errors).length;
    if (count === 0 && general.length === 0) return true;
    this.formError = [count ? t(this.locale, 'form.fixErrors', { count }) : '', ...general].filter(Boolean).join(' ');
    return false;
  }

  /**
   * Save: the record-write rules (src/runtime/record-writes.ts) decide — each typed value
   * coerced and checked by its field type, required fields, relation targets, unique values
   * — and the write goes through the store. Editing a record, only the fields the user
   * changed (plus required-ness) can block the save; a stored value that does not fit its
   * field is shown as a warning on that field.
   */
  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const { store, app, table } = this;
    if (!store || !app || !table || this.saving) return;
    this.formError = '';
    const options = { existing: this.record, records: this.recordsAtHand, locale: this.locale };
    if (!this.showIssues(prepareRecordWrite(app, table.id, this.drafts, options))) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this.saving = true;
    try {
      const existing = this.record;
      const result = await writeRecord(store, app, table.id, this.drafts, options);
      if (!result.ok) {
        this.showIssues(result);
        return;
      }
      const saved = result.record;
      this.record = saved;
      this.drafts = {};
      this.warnings = Object.fromEntries(result.warnings.map((w) => [w.fieldId, w.message]));
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
    if (isInverseLink(field)) return this.renderLinked(field, index);
    const editable = widget.isEditable(field) && !isDerivedField(field);
    if (!editable && !this.record) return nothing;
    const id = `f${index}`;
    const error = this.errors[field.id];
    const warning = error ? undefined : this.warnings[field.id];
    const label = labelOf(field, this.locale);
    const input = widget.renderInput({
      id,
      field,
      value: this.currentValue(field),
      locale: this.locale,
      invalid: !!error,
      describedBy: error ? `${id}-msg` : warning ? `${id}-warn` : undefined,
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
    const grouped = widget.grouped;
    return html`<div class="field" part="field">
      ${grouped
        ? html`<span class="label ${field.required ? 'required' : ''}" id="${id}-label">${label}</span>`
        : html`<label class=${field.required ? 'required' : ''} for=${id}>${label}</label>`}
      <div class="control" role=${grouped ? 'group' : nothing} aria-labelledby=${grouped ? `${id}-label` : nothing}>
        ${input} ${error ? html`<span class="message" id="${id}-msg" role="alert">${error}</span>` : nothing}
        ${warning ? html`<span class="warning" id="${id}-warn" role="status">${warning}</span>` : nothing}
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
      ${table.fields.filter((field) => !field.archived).map((field, index) => this.renderField(field, index))}
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
