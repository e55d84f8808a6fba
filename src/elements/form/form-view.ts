/**
 * `LtcFormView`: the store-free form renderer. It draws a form definition (`FormDef`) over the
 * fields it shows — sections (heading items), description text, rows of 2–3 items side by side
 * (stacked when the form is narrower than 600 px), per-form labels, help, placeholders,
 * required marks and defaults, read-only prefilled fields — re-evaluates every item's
 * `visibleWhen` as the user types (hidden fields are neither validated nor submitted),
 * validates each field once it has been left and then as the user types, validates everything
 * on submit (moving focus to the first invalid field), and hands the coerced values to
 * `submitValues`, which a subclass implements: the workspace `<ltc-form>` writes a record
 * through the store, the published form posts a submission. After a successful submission it
 * shows a thank-you state with "submit another" (unless the subclass keeps the form open) and
 * fires `ltc-form-submitted`.
 *
 * Every input is the field type's widget (`widgetFor`); values are rendered as text, never as
 * HTML. Frameworks bind it like a native input: the host dispatches the native `input` (every
 * edit) and `change` (a control's committed change) events, detail-free, and exposes `.values`,
 * `getValue(fieldId)` and `setValue(fieldId, value)` (docs/forms.md, "Rendering").
 *
 * @summary Fill in a form definition (no store).
 * @event input - A field's value changed (native, composed; read `.values`).
 * @event change - A control committed a change (native, composed).
 * @event ltc-form-submitted - The values were submitted. `detail: { appId, tableId, recordId, values }`
 * @csspart form - The `<form>`.
 * @csspart section - A section (items from one heading to the next).
 * @csspart row - Items side by side.
 * @csspart field - One field (label, input, help, message).
 * @csspart actions - The row of buttons.
 * @csspart thank-you - The state shown after submitting.
 * @cssproperty --ltc-color-primary - Submit button and focus colour.
 */
import { LitElement, css, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { CellValue, FieldDef, Locale, RecordValues } from '../../core/schema/types.js';
import type { FormDef, FormFieldItem, FormItem, FormTextItem, SubRowValues, SubmissionValues } from '../../core/forms/model.js';
import { formText, isSubtableField, visibleItems } from '../../core/forms/index.js';
import { issueMessage, isIssueCode } from '../../core/schema/messages.js';
import type { ValueIssue } from '../../core/fields/types.js';
import { isMessageKey, labelOf, t } from '../../i18n/index.js';
import { ft } from '../../i18n/form-ui.js';
import { widgetFor } from '../../../widgets/registry.js';
import type { RelationOption } from '../../../widgets/types.js';
import { baseStyles } from '../styles.js';
import { emit } from '../events.js';

/** A value being filled in: a stored value, the raw input while it does not parse, or sub-table rows. */
export type FormValue = CellValue | SubRowValues[];

/** Thrown by `submitValues` to show problems next to their fields (`''` for the form as a whole). */
export class FormSubmitError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'FormSubmitError';
  }
}

const own = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** The message of a field-type issue (an i18n key, or a schema code for stored-value checks). */
export function fieldIssueText(issue: ValueIssue, name: string, locale: Locale): string {
  const params = { name, ...(issue.params ?? {}) };
  if (isMessageKey(issue.key)) return t(locale, issue.key, params);
  if (isIssueCode(issue.key)) return issueMessage(issue.key, params, locale);
  return issue.key;
}

export class LtcFormView extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        container-type: inline-size;
      }
      form {
        display: grid;
        gap: 1rem;
      }
      section {
        display: grid;
        gap: 0.9rem;
      }
      h2,
      h3 {
        margin: 0.4rem 0 0;
        font-size: 1.1em;
      }
      .description {
        margin: 0;
        color: var(--_muted);
      }
      .row {
        display: grid;
        grid-template-columns: repeat(var(--_columns, 2), minmax(0, 1fr));
        gap: 0.9rem;
      }
      .row.three {
        --_columns: 3;
      }
      @container (max-width: 600px) {
        .row {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      .field {
        display: grid;
        gap: 0.3rem;
        align-content: start;
      }
      .field > label,
      .field > .label {
        color: var(--_muted);
      }
      .required::after {
        content: ' *';
        color: var(--_danger);
      }
      .field input:not([type='checkbox']):not([type='radio']),
      .field select,
      .field textarea,
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
      .suffix,
      .help {
        color: var(--_muted);
        font-size: 0.92em;
      }
      .message,
      .cell-message {
        color: var(--_danger);
        font-size: 0.9em;
      }
      .cell-message {
        display: block;
      }
      .readonly {
        padding: 0.35em 0;
      }
      .choices {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3rem 1rem;
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
      .thank-you {
        display: grid;
        gap: 0.75rem;
        justify-items: start;
      }
    `,
  ];

  /*
   * Reactive properties declared statically rather than with decorators: the lowered
   * decorators cost the form runtime's 30 KB budget about a kilobyte.
   */
  static override properties: PropertyDeclarations = {
    formDef: { attribute: false },
    fields: { attribute: false },
    childFields: { attribute: false },
    locale: {},
    baseValues: { state: true, attribute: false },
    edits: { state: true, attribute: false },
    errors: { state: true, attribute: false },
    formError: { state: true, attribute: false },
    submitting: { state: true, attribute: false },
    submitted: { state: true, attribute: false },
    relationOptions: { state: true, attribute: false },
  };

  /** The form to fill in. */
  declare formDef: FormDef | undefined;
  /** The fields the form shows (the table's fields), by id. */
  declare fields: FieldDef[];
  /** Sub-table fields: the child table's fields, by sub-table field id. */
  declare childFields: Record<string, FieldDef[]>;
  /** The page language of labels and messages. */
  declare locale: Locale;

  /** Values by field id before the user's edits (defaults, a record being edited, prefill). */
  declare protected baseValues: Record<string, FormValue>;
  /** What the user changed, by field id (raw input, or rows of a sub-table). */
  declare protected edits: Record<string, unknown>;
  /** Error messages by field id. */
  declare protected errors: Record<string, string>;
  /** A message for the form as a whole. */
  declare protected formError: string;
  /** A submission is on its way (the submit button waits). */
  declare protected submitting: boolean;
  /** The thank-you state is shown. */
  declare protected submitted: boolean;
  /** Options of relation fields, by field id (a subclass with a store loads them). */
  declare protected relationOptions: Record<string, RelationOption[]>;

  constructor() {
    super();
    this.fields = [];
    this.childFields = {};
    this.locale = 'en';
    this.baseValues = {};
    this.edits = {};
    this.errors = {};
    this.formError = '';
    this.submitting = false;
    this.submitted = false;
    this.relationOptions = {};
  }

  /** Fields left at least once (their validation then follows the typing), and a submit attempt. */
  private readonly blurred = new Set<string>();
  private triedSubmit = false;

  /** The current values by field id: starting values with the user's edits on top. */
  get values(): Record<string, FormValue> {
    return { ...this.baseValues, ...(this.edits as Record<string, FormValue>) };
  }

  /** Replace the starting values (the user's edits are forgotten). */
  set values(values: Record<string, FormValue>) {
    this.baseValues = { ...values };
    this.edits = {};
    this.errors = {};
  }

  /** The current value of one field. */
  getValue(fieldId: string): FormValue | undefined {
    return own(this.edits, fieldId) ? (this.edits[fieldId] as FormValue) : this.baseValues[fieldId];
  }

  /** Set one field as if the user had typed `value` (frameworks' two-way binding); fires `input`. */
  setValue(fieldId: string, value: unknown): void {
    this.applyEdit(fieldId, value);
  }

  /** Clear the form for another submission (starting values kept). */
  resetForm(): void {
    this.edits = {};
    this.errors = {};
    this.formError = '';
    this.submitted = false;
    this.blurred.clear();
    this.triedSubmit = false;
  }

  /**
   * Deliver the submitted values; throw (a `FormSubmitError` to point at fields) to show an
   * error. What it resolves to is merged into the `ltc-form-submitted` detail.
   */
  protected async submitValues(_values: SubmissionValues): Promise<void | Partial<{ appId: string; tableId: string; recordId: string; values: RecordValues }>> {
    throw new Error('LtcFormView: a subclass implements submitValues');
  }

  /** Whether a successful submission shows the thank-you state (the workspace form stays open). */
  protected get showsThankYou(): boolean {
    return true;
  }

  /** The label of the submit button when the form sets none. */
  protected defaultSubmitLabel(): string {
    return ft(this.locale, 'formView.submit');
  }

  /** Extra buttons beside submit (the workspace form's Cancel). */
  protected renderExtraActions(): TemplateResult | typeof nothing {
    return nothing;
  }

  /** Content before the form's items (the workspace form's warnings). */
  protected renderBefore(): TemplateResult | typeof nothing {
    return nothing;
  }

  /** The field of an item, when the form shows it. */
  protected fieldOf(fieldId: string): FieldDef | undefined {
    return this.fields.find((field) => field.id === fieldId);
  }

  /** A field as this form presents it: its required-ness and placeholder overridden by the item. */
  protected presentedField(field: FieldDef, item: FormFieldItem): FieldDef {
    const placeholder = item.placeholder ? formText(item.placeholder, this.locale) : undefined;
    if (!item.required && placeholder === undefined) return field;
    return {
      ...field,
      ...(item.required ? { required: true } : {}),
      ...(placeholder !== undefined ? { options: { ...field.options, placeholder } } : {}),
    };
  }

  protected labelFor(field: FieldDef, item: FormFieldItem): string {
    return item.label ? formText(item.label, this.locale) : labelOf(field, this.locale);
  }

  /** The visible items for the current values. */
  protected shownItems(): FormItem[] {
    return this.formDef ? visibleItems(this.formDef, this.values) : [];
  }

  /** The visible field items, rows flattened. */
  protected shownFieldItems(): FormFieldItem[] {
    const out: FormFieldItem[] = [];
    for (const item of this.shownItems()) {
      if (item.kind === 'field') out.push(item);
      else if (item.kind === 'row') for (const inner of item.items) if (inner.kind === 'field') out.push(inner);
    }
    return out;
  }

  /**
   * The problem of one field's current value, or undefined: the type's coercion of what was
   * typed, required-ness, the type's constraints. Sub-table rows are checked on save.
   */
  protected checkField(item: FormFieldItem): string | undefined {
    const base = this.fieldOf(item.fieldId);
    if (!base || item.readOnly || !isInputField(base)) return undefined;
    const field = this.presentedField(base, item);
    const name = this.labelFor(base, item);
    const value = this.getValue(field.id);
    if (isSubtableField(field)) {
      const rows = Array.isArray(value) ? value : [];
      if (field.required && rows.length === 0) return t(this.locale, 'field.required', { name });
      // The first problem of a line names its row; every cell's own shows beside it (cellProblems).
      const first = Object.entries(this.cellProblems(field))[0];
      return first ? ft(this.locale, 'formView.lineProblem', { row: Number(first[0].split(':')[0]) + 1, message: first[1] }) : undefined;
    }
    const type = widgetFor(field).fieldType;
    const result = type.coerce(value ?? null, field, own(this.edits, field.id) ? 'input' : 'json');
    if (!result.ok) return fieldIssueText(result.issue, name, this.locale);
    if (type.isEmpty(result.value, field)) return field.required ? t(this.locale, 'field.required', { name }) : undefined;
    const issue = type.validate(result.value, field);
    return issue ? fieldIssueText(issue, name, this.locale) : undefined;
  }

  /**
   * The problems of a sub-table's cells, by `row:column` (row from 0): each editable child
   * field's value checked as the field itself would be (what was typed, required, its limits).
   */
  protected cellProblems(field: FieldDef): Record<string, string> {
    const out: Record<string, string> = {};
    const value = this.getValue(field.id);
    if (!Array.isArray(value)) return out;
    const columns = this.childFields[field.id] ?? [];
    value.forEach((row, index) => {
      const values = (typeof row === 'object' && row !== null ? (row as SubRowValues).values : undefined) ?? {};
      for (const column of columns) {
        if (!isInputField(column)) continue;
        const type = widgetFor(column).fieldType;
        const cell = values[column.id] ?? null;
        const name = labelOf(column, this.locale);
        const result = type.coerce(cell, column, typeof cell === 'string' ? 'input' : 'json');
        let message: string | undefined;
        if (!result.ok) message = fieldIssueText(result.issue, name, this.locale);
        else if (type.isEmpty(result.value, column)) message = column.required ? t(this.locale, 'field.required', { name }) : undefined;
        else {
          const issue = type.validate(result.value, column);
          message = issue ? fieldIssueText(issue, name, this.locale) : undefined;
        }
        if (message) out[`${index}:${column.id}`] = message;
      }
    });
    return out;
  }

  /** The visible fields' values, coerced: what a submission carries (hidden fields left out). */
  protected collectValues(): SubmissionValues {
    const out: SubmissionValues = {};
    for (const item of this.shownFieldItems()) {
      const field = this.fieldOf(item.fieldId);
      if (!field || !isInputField(field)) continue;
      const value = this.getValue(field.id);
      if (isSubtableField(field)) {
        if (Array.isArray(value)) out[field.id] = value.filter((row): row is SubRowValues => typeof row === 'object' && row !== null);
        continue;
      }
      const result = widgetFor(field).fieldType.coerce(value ?? null, field, own(this.edits, field.id) ? 'input' : 'json');
      if (result.ok) out[field.id] = result.value;
    }
    return out;
  }

  /** Validate every visible field; true when none has a problem. */
  protected validateAll(): boolean {
    const errors: Record<string, string> = {};
    for (const item of this.shownFieldItems()) {
      const message = this.checkField(item);
      if (message) errors[item.fieldId] = message;
    }
    this.errors = errors;
    const count = Object.keys(errors).length;
    this.formError = count ? ft(this.locale, 'formView.fixErrors', { count }) : '';
    return count === 0;
  }

  /** Move focus to the first field marked invalid (after the next render). */
  protected async focusFirstInvalid(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"], .field.invalid input, .field.invalid select, .field.invalid textarea')?.focus();
  }

  private applyEdit(fieldId: string, raw: unknown): void {
    this.edits = { ...this.edits, [fieldId]: raw };
    this.revalidate(fieldId);
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }

  /** Live validation: a field the user has left (or every field after a submit attempt) is checked as it changes. */
  private revalidate(fieldId: string): void {
    if (!this.triedSubmit && !this.blurred.has(fieldId)) return;
    const item = this.shownFieldItems().find((candidate) => candidate.fieldId === fieldId);
    const message = item ? this.checkField(item) : undefined;
    const { [fieldId]: _old, ...rest } = this.errors;
    this.errors = message ? { ...rest, [fieldId]: message } : rest;
  }

  private onFocusOut(event: FocusEvent): void {
    const holder = (event.target as Element | null)?.closest?.('[data-field]');
    const fieldId = holder?.getAttribute('data-field');
    // Leaving a control for another control of the same field (a checkbox group) is not leaving the field.
    if (!fieldId || (event.relatedTarget instanceof Node && holder?.contains(event.relatedTarget))) return;
    this.blurred.add(fieldId);
    this.revalidate(fieldId);
  }

  /** The native input events of the controls stay inside: the host reports each edit once, itself. */
  private onNativeInput(event: Event): void {
    if (event.target !== this) event.stopPropagation();
  }

  /** A control's `change` does not leave the shadow root by itself: the host re-dispatches it. */
  private onNativeChange(): void {
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.submitting || !this.formDef) return;
    this.triedSubmit = true;
    if (!this.validateAll()) {
      await this.focusFirstInvalid();
      return;
    }
    const values = this.collectValues();
    this.submitting = true;
    try {
      const detail = (await this.submitValues(values)) ?? {};
      const scalar: RecordValues = {};
      for (const [key, value] of Object.entries(values)) if (!isSubRows(value)) scalar[key] = value;
      emit(this, 'ltc-form-submitted', { appId: '', tableId: '', recordId: '', values: scalar, ...detail });
      if (this.showsThankYou) {
        this.submitted = true;
        this.edits = {};
      }
    } catch (error) {
      if (error instanceof FormSubmitError) {
        this.errors = { ...error.fieldErrors };
        this.formError = error.message;
        await this.focusFirstInvalid();
      } else {
        this.formError = ft(this.locale, 'formView.submitFailed', { message: error instanceof Error ? error.message : String(error) });
      }
    } finally {
      this.submitting = false;
    }
  }

  private async submitAnother(): Promise<void> {
    this.resetForm();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A form definition of another form starts over.
    if (changed.has('formDef') && changed.get('formDef')?.id !== this.formDef?.id && changed.get('formDef') !== undefined) this.resetForm();
  }

  protected renderFieldItem(item: FormFieldItem, index: string): TemplateResult | typeof nothing {
    const base = this.fieldOf(item.fieldId);
    if (!base) return nothing;
    const field = this.presentedField(base, item);
    const widget = widgetFor(field);
    const id = `f-${index}`;
    const label = this.labelFor(base, item);
    const help = item.help ? formText(item.help, this.locale) : base.description;
    const error = this.errors[field.id];
    const describedBy = [error ? `${id}-msg` : '', help ? `${id}-help` : ''].filter(Boolean).join(' ') || undefined;
    const value = this.getValue(field.id) ?? null;
    const requiredClass = field.required ? 'required' : '';
    if (item.readOnly) {
      const shown = isSubRows(value) ? '' : widget.format(value, field, { locale: this.locale });
      return html`<div class="field" part="field" data-field=${field.id}>
        <span class="label" id="${id}-label">${label}</span>
        <output class="readonly" id=${id} name=${field.id} aria-labelledby="${id}-label">${shown}</output>
        ${help ? html`<span class="help" id="${id}-help">${help}</span>` : nothing}
      </div>`;
    }
    const input = widget.renderInput({
      id,
      field,
      // Sub-table widgets read their rows from the value (SubRowValues[]), as the contract says.
      value: value as CellValue,
      locale: this.locale,
      invalid: !!error,
      describedBy,
      relationOptions: this.relationOptions[field.id],
      childFields: this.childFields[field.id],
      // A sub-table marked invalid shows each cell's problem beside the cell.
      ...(error && isSubtableField(field) ? { cellErrors: this.cellProblems(field) } : {}),
      onInput: (raw) => this.applyEdit(field.id, raw),
    });
    const grouped = widget.grouped || isSubtableField(field);
    return html`<div class="field ${error ? 'invalid' : ''}" part="field" data-field=${field.id}>
      ${grouped
        ? html`<span class="label ${requiredClass}" id="${id}-label">${label}</span>`
        : html`<label class=${requiredClass} for=${id}>${label}</label>`}
      ${grouped ? html`<div class="control" role="group" aria-labelledby="${id}-label">${input}</div>` : input}
      ${help ? html`<span class="help" id="${id}-help">${help}</span>` : nothing}
      ${error ? html`<span class="message" id="${id}-msg" role="alert">${error}</span>` : nothing}
    </div>`;
  }

  private renderTextItem(item: FormTextItem): TemplateResult {
    return html`<p class="description">${formText(item.text, this.locale)}</p>`;
  }

  private renderItem(item: FormItem, index: string): TemplateResult | typeof nothing {
    if (item.kind === 'field') return this.renderFieldItem(item, index);
    if (item.kind === 'text') return this.renderTextItem(item);
    if (item.kind === 'row') {
      return html`<div class="row ${item.items.length >= 3 ? 'three' : ''}" part="row">
        ${item.items.map((inner, i) => this.renderItem(inner, `${index}-${i}`))}
      </div>`;
    }
    return nothing;
  }

  /** The visible items, split into sections at each heading. */
  private renderSections(): TemplateResult[] {
    const sections: Array<{ heading?: FormItem & { kind: 'heading' }; items: Array<[FormItem, string]> }> = [{ items: [] }];
    this.shownItems().forEach((item, i) => {
      if (item.kind === 'heading') sections.push({ heading: item, items: [] });
      else sections[sections.length - 1]!.items.push([item, String(i)]);
    });
    return sections
      .filter((section) => section.heading || section.items.length > 0)
      .map((section, i) => {
        const heading = section.heading;
        const headingId = `s-${i}`;
        return html`<section part="section" aria-labelledby=${heading ? headingId : nothing}>
          ${heading ? html`<h3 id=${headingId}>${formText(heading.title, this.locale)}</h3>` : nothing}
          ${heading?.description ? html`<p class="description">${formText(heading.description, this.locale)}</p>` : nothing}
          ${section.items.map(([item, index]) => this.renderItem(item, index))}
        </section>`;
      });
  }

  private renderThankYou(form: FormDef): TemplateResult {
    const title = form.thankYou?.title ? formText(form.thankYou.title, this.locale) : ft(this.locale, 'formView.thankYouTitle');
    const message = form.thankYou?.message ? formText(form.thankYou.message, this.locale) : ft(this.locale, 'formView.thankYouMessage');
    return html`<div class="thank-you" part="thank-you" role="status">
      <h2>${title}</h2>
      <p>${message}</p>
      <button type="button" @click=${this.submitAnother}>${ft(this.locale, 'formView.submitAnother')}</button>
    </div>`;
  }

  /** The whole form; subclasses render it once they have a definition. */
  protected renderForm(): TemplateResult | typeof nothing {
    const form = this.formDef;
    if (!form) return nothing;
    if (this.submitted) return this.renderThankYou(form);
    const submitLabel = form.submitLabel ? formText(form.submitLabel, this.locale) : this.defaultSubmitLabel();
    return html`<form part="form" novalidate @submit=${this.onSubmit} @focusout=${this.onFocusOut} @input=${this.onNativeInput} @change=${this.onNativeChange}>
      ${form.description ? html`<p class="description">${formText(form.description, this.locale)}</p>` : nothing}
      ${this.formError ? html`<div class="summary" role="alert">${this.formError}</div>` : nothing} ${this.renderBefore()} ${this.renderSections()}
      <div class="actions" part="actions">
        ${this.renderExtraActions()}
        <button type="submit" class="primary" ?disabled=${this.submitting || !this.canSubmit()}>${this.submitting ? ft(this.locale, 'formView.submitting') : submitLabel}</button>
      </div>
    </form>`;
  }

  /** False while the form cannot be submitted (the workspace form's record is missing). */
  protected canSubmit(): boolean {
    return true;
  }

  override render() {
    return this.renderForm();
  }
}

/** A field the user fills in: stored and not computed, or a sub-table's rows. */
function isInputField(field: FieldDef): boolean {
  return isSubtableField(field) || widgetFor(field).isEditable(field);
}

function isSubRows(value: unknown): value is SubRowValues[] {
  return Array.isArray(value) && value.some((row) => typeof row === 'object' && row !== null);
}
