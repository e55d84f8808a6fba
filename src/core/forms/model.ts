/**
 * Forms as definitions: which fields a form shows, in which order, in which sections and
 * rows, with labels, help, visibility conditions and defaults of its own (`TableDef.forms`),
 * and the two shapes that leave the workspace: a published form file (the definition and
 * what it needs to render, no records) and a visitor's submission.
 *
 * CONTRACT shared by parallel work (the form renderer, the designer, publishing, the inbox):
 * keep these names and shapes; add optional members only.
 */
import type { CellValue, FieldDef, LocalizedLabels, RecordValues } from '../schema/types.js';

/** Text a form shows in the user's language: `text` is the fallback, `labels` per locale. */
export interface FormText {
  text: string;
  labels?: LocalizedLabels;
}

/** What every item of a form has. */
interface FormItemBase {
  /** Stable id, unique within the form (the designer's selection, undo, visibility). */
  id: string;
  /**
   * Show the item only when this JSON Logic condition (fields by id, as built with
   * `<ltc-condition-builder>`) is true of the values being filled in. Hidden fields are
   * neither validated nor submitted.
   */
  visibleWhen?: unknown;
}

/** A field of the form's table, with presentation of its own. */
export interface FormFieldItem extends FormItemBase {
  kind: 'field';
  fieldId: string;
  /** Overrides the field's label in this form. */
  label?: FormText;
  help?: FormText;
  placeholder?: FormText;
  /** Required in this form even when the field is not (a field's own `required` always holds). */
  required?: boolean;
  /** Default of this form (stored representation), over the field's `options.defaultValue`. */
  defaultValue?: CellValue;
  /** Shown but not editable (a value prefilled from the page). */
  readOnly?: boolean;
  /**
   * Fill the field from the host page: an attribute `prefill-<name>` on `<ltc-form>` or the
   * URL parameter `<name>` (`utm_source`, `channel`). Default: no prefill.
   */
  prefill?: string;
}

/** A section heading (layout only; starts a new section). */
export interface FormHeadingItem extends FormItemBase {
  kind: 'heading';
  title: FormText;
  description?: FormText;
}

/** A paragraph of description text (layout only). */
export interface FormTextItem extends FormItemBase {
  kind: 'text';
  text: FormText;
}

/** Two or three items side by side (narrow screens stack them). */
export interface FormRowItem extends FormItemBase {
  kind: 'row';
  items: Array<FormFieldItem | FormTextItem>;
}

export type FormItem = FormFieldItem | FormHeadingItem | FormTextItem | FormRowItem;

/** One form of a table (`TableDef.forms`). A table without one gets a default form of its fields. */
export interface FormDef {
  /** Stable id, unique within its app (`<ltc-form form="lead-capture">`). */
  id: string;
  name: string;
  labels?: LocalizedLabels;
  description?: FormText;
  items: FormItem[];
  submitLabel?: FormText;
  /** The state shown after a successful submission. */
  thankYou?: { title?: FormText; message?: FormText };
}

/** A row of a sub-table field in a submission or a form draft (e.g. one order line). */
export interface SubRowValues {
  /** The stored child record, when editing an existing one. */
  id?: string;
  values: RecordValues;
}

/** What a form submits: stored values by field id; sub-table fields carry their rows. */
export type SubmissionValues = Record<string, CellValue | SubRowValues[]>;

/**
 * A published form file (`lead-capture.form.json`): self-contained — the form, the fields it
 * shows (labels in both languages, choices, validation, visibility), no records — so that
 * `<ltc-form src>` renders it on any page with no app in the visitor's browser.
 */
export interface FormFile {
  format: 'ltc-form';
  formatVersion: 1;
  publishedAt: string;
  appId: string;
  tableId: string;
  /** The table's name and labels, for the form's title when the form has none. */
  table: { name: string; labels?: LocalizedLabels };
  form: FormDef;
  /** The fields the form shows (and the child tables' fields of its sub-tables), by id. */
  fields: FieldDef[];
  /** Sub-table fields: the child table's fields, by sub-table field id. */
  childFields?: Record<string, FieldDef[]>;
}

/**
 * A visitor's submission, as posted to the site owner's endpoint and pulled by the inbox.
 * `submissionId` makes delivery idempotent: the endpoint and the inbox keep one per id.
 */
export interface FormSubmission {
  format: 'ltc-submission';
  formatVersion: 1;
  /** A random id made once per submission (`crypto.randomUUID()`), kept across retries. */
  submissionId: string;
  appId: string;
  tableId: string;
  formId: string;
  submittedAt: string;
  values: SubmissionValues;
  /** Where it came from: the page URL and its utm_* parameters. */
  meta?: { page?: string; params?: Record<string, string> };
}
