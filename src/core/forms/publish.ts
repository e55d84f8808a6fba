/**
 * Publishing a form: the self-contained form file a site owner hosts beside `ltc-form.js`
 * (`FormFile`: the form, the fields it shows with their labels, choices and validation, no
 * records), the HTML snippet to paste, and the check of a form file read from the network.
 *
 * A visitor fills in values, nothing else: fields whose value is derived (formulas, stages,
 * inverse relations) or that point at records the visitor cannot see (relations) are left
 * out of the file and reported as issues, never dropped silently. A sub-table field keeps its
 * child table's fillable columns (`FormFile.childFields`).
 *
 * Framework-free: used by the designer (publish), the form runtime (`validateFormFile`), the
 * inbox and the demo server (through `validateSubmission`, ./submission.ts).
 */
import type { AppDef, FieldDef, ValidationIssue, ValidationResult } from '../schema/types.js';
import { fieldTypeOf, isKnownFieldType, linksRecords } from '../fields/index.js';
import type { FormFile, FormItem } from './model.js';
import { isSubtableField } from './index.js';

/** Largest form file `validateFormFile` accepts, in fields (the form's and its sub-tables'). */
export const MAX_FORM_FILE_FIELDS = 500;

/** One problem found while publishing: `path` names the form item, `fieldId` the field left out. */
export interface PublishIssue {
  code: 'publish.unknownField' | 'publish.archived' | 'publish.derived' | 'publish.relation' | 'publish.unknownType';
  path: string;
  fieldId: string;
  message: string;
}

/** The field types the form runtime (dist/ltc-form.js) draws itself. */
export const RUNTIME_FIELD_TYPES: readonly string[] = ['text', 'textarea', 'number', 'money', 'percent', 'date', 'datetime', 'select', 'multiselect', 'checkbox', 'phone', 'email'];

/**
 * The field types whose widgets come with the form runtime's widget pack
 * (dist/ltc-form-widgets.js, src/form-widgets.ts), which the runtime loads only for a form
 * file that uses one of them.
 */
export const PACKED_FIELD_TYPES: readonly string[] = ['rating', 'tags', 'tier', 'subtable', 'address'];

/**
 * Whether a published form can show this type: the runtime's own and the pack's. Files
 * (attachments, images: a submission carries JSON, not files), serial numbers (assigned when
 * the record is stored) and a site owner's own types are left out.
 */
export function isPublishableType(type: string): boolean {
  return RUNTIME_FIELD_TYPES.includes(type) || PACKED_FIELD_TYPES.includes(type);
}

/** Whether a field is a sub-table of line items whose rows are child records of `options.table`. */
export function isSubTable(field: FieldDef): boolean {
  return isSubtableField(field) && typeof field.options?.table === 'string';
}

/**
 * Why a visitor cannot fill this field in, or undefined when they can. Sub-tables are
 * fillable through their rows.
 */
export function unfillableReason(field: FieldDef): PublishIssue['code'] | undefined {
  if (field.archived) return 'publish.archived';
  if (isSubTable(field)) return undefined;
  if (!isKnownFieldType(field.type)) return 'publish.unknownType';
  if (fieldTypeOf(field).isDerived(field)) return 'publish.derived';
  if (linksRecords(field.type)) return 'publish.relation';
  if (!isPublishableType(field.type)) return 'publish.unknownType';
  return undefined;
}

const REASONS: Record<PublishIssue['code'], string> = {
  'publish.unknownField': 'names a field the table does not have',
  'publish.archived': 'is archived',
  'publish.derived': 'is computed (a formula, stage or inverse relation), so a visitor cannot fill it in',
  'publish.relation': 'links to records a visitor cannot see',
  'publish.unknownType': 'has a field type published forms do not show (files, serial numbers, custom types)',
};

/** The fillable fields of a sub-table's child table: its `columns`, or all but the link back. */
function childFieldsOf(app: AppDef, field: FieldDef): FieldDef[] {
  const child = app.tables.find((t) => t.id === field.options?.table);
  if (!child) return [];
  const columns = field.options?.columns;
  const shown = columns ? columns.map((id) => child.fields.find((f) => f.id === id)).filter((f): f is FieldDef => !!f) : child.fields;
  return shown.filter((f) => f.id !== field.options?.inverseOf && unfillableReason(f) === undefined);
}

/**
 * The published file of one form of a table, and what had to be left out.
 * @throws TypeError when the table or the form does not exist (a caller's mistake, not a file problem).
 */
export function publishForm(app: AppDef, tableId: string, formId: string, now: Date = new Date()): { file: FormFile; issues: PublishIssue[] } {
  const table = app.tables.find((t) => t.id === tableId);
  if (!table) throw new TypeError(`publishForm: app ${app.id} has no table ${tableId}`);
  const form = table.forms?.find((f) => f.id === formId);
  if (!form) throw new TypeError(`publishForm: table ${tableId} has no form ${formId}`);
  const issues: PublishIssue[] = [];
  const fields: FieldDef[] = [];
  const childFields: Record<string, FieldDef[]> = {};
  const byId = new Map(table.fields.map((f) => [f.id, f]));

  /** The item as published, or undefined when it has to be left out. */
  const keep = <T extends FormItem>(item: T, path: string): T | undefined => {
    if (item.kind === 'row') {
      const items = item.items.map((inner, i) => keep(inner, `${path}.items[${i}]`)).filter((inner): inner is NonNullable<typeof inner> => !!inner);
      return items.length > 0 ? { ...item, items } : undefined;
    }
    if (item.kind !== 'field') return item;
    const field = byId.get(item.fieldId);
    const code = field ? unfillableReason(field) : 'publish.unknownField';
    if (code) {
      issues.push({ code, path, fieldId: item.fieldId, message: `${path}: field ${field ? `"${field.name}"` : item.fieldId} ${REASONS[code]}; it is left out of the published form` });
      return undefined;
    }
    if (!fields.includes(field!)) fields.push(field!);
    if (isSubTable(field!)) childFields[field!.id] = childFieldsOf(app, field!);
    return item;
  };
  const items = form.items.map((item, i) => keep(item, `items[${i}]`)).filter((item): item is FormItem => !!item);
  const file: FormFile = {
    format: 'ltc-form',
    formatVersion: 1,
    publishedAt: now.toISOString(),
    appId: app.id,
    tableId,
    table: { name: table.name, ...(table.labels ? { labels: table.labels } : {}) },
    form: { ...form, items },
    fields,
    ...(Object.keys(childFields).length > 0 ? { childFields } : {}),
  };
  return { file, issues };
}

/** Text inside an HTML attribute value: the five characters that could end or change it. */
function attribute(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The HTML a site owner pastes into a page: the runtime script and the element, pointing at
 * the form file (hosted as `<formId>.form.json` beside the script unless `src` says otherwise).
 */
export function formSnippet(file: FormFile, options: { scriptUrl: string; action?: string; src?: string; allowedOrigins?: string[] }): string {
  const src = options.src ?? `${file.form.id}.form.json`;
  const attributes = [`src="${attribute(src)}"`];
  if (options.action) attributes.push(`action="${attribute(options.action)}"`);
  if (options.allowedOrigins?.length) attributes.push(`allowed-origins="${attribute(options.allowedOrigins.join(' '))}"`);
  return `<script src="${attribute(options.scriptUrl)}" defer></script>\n<ltc-form ${attributes.join(' ')}></ltc-form>\n`;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks a form file read from the network (`<ltc-form src>`): its shape, ids, the fields its
 * items name, labels and conditions as plain JSON of bounded depth, and its size. Every problem
 * has a path (`form.items[2].fieldId`); at most 50 are listed.
 */
export function validateFormFile(json: unknown): ValidationResult<FormFile> {
  const errors: ValidationIssue[] = [];
  const fail = (path: string, message: string, code = 'form.invalid'): false => {
    if (errors.length < 50) errors.push({ path, message, code });
    return false;
  };
  const object = (value: unknown, path: string): value is Record<string, unknown> => isObject(value) || fail(path, 'must be an object');
  const string = (value: unknown, path: string, max = 2000): value is string =>
    typeof value !== 'string' ? fail(path, 'must be a string') : value.length <= max || fail(path, `must be at most ${max} characters`);
  const id = (value: unknown, path: string): value is string => string(value, path, 200) && (value !== '' || fail(path, 'must not be empty'));
  const boolean = (value: unknown, path: string) => typeof value === 'boolean' || fail(path, 'must be true or false');
  const labels = (value: unknown, path: string) => object(value, path) && Object.entries(value).every(([locale, text]) => string(text, `${path}.${locale}`));
  const text = (value: unknown, path: string) => object(value, path) && string(value.text, `${path}.text`) && (value.labels === undefined || labels(value.labels, `${path}.labels`));
  // Bounded depth: a deeply nested condition would overflow the evaluator's stack.
  const plain = (value: unknown, path: string, depth = 0): boolean =>
    depth > 40
      ? fail(path, 'is nested too deeply')
      : value === null || ['string', 'number', 'boolean'].includes(typeof value)
        ? true
        : typeof value === 'object'
          ? Object.entries(value).every(([key, inner]) => plain(inner, `${path}.${key}`, depth + 1))
          : fail(path, 'must be JSON');
  /** Checks `record[key]` with `check` for each key present. */
  const optional = (record: Record<string, unknown>, path: string, keys: string[], check: (value: unknown, path: string) => boolean) => {
    for (const key of keys) if (record[key] !== undefined) check(record[key], `${path}.${key}`);
  };

  const field = (value: unknown, path: string): void => {
    if (!object(value, path)) return;
    id(value.id, `${path}.id`);
    string(value.name, `${path}.name`, 200);
    id(value.type, `${path}.type`);
    optional(value, path, ['labels'], labels);
    optional(value, path, ['required'], boolean);
    const options = value.options;
    if (options === undefined || !object(options, `${path}.options`) || !plain(options, `${path}.options`)) return;
    if (options.choices !== undefined) {
      if (!Array.isArray(options.choices)) fail(`${path}.options.choices`, 'must be an array');
      else options.choices.forEach((choice, i) => object(choice, `${path}.options.choices[${i}]`) && id(choice.id, `${path}.options.choices[${i}].id`) && string(choice.name, `${path}.options.choices[${i}].name`, 200));
    }
    if (options.pattern !== undefined && string(options.pattern, `${path}.options.pattern`, 500)) {
      try {
        new RegExp(options.pattern);
      } catch {
        fail(`${path}.options.pattern`, 'is not a valid regular expression');
      }
    }
  };

  const fieldIds = new Set<string>();
  let fieldCount = 0;
  const fieldList = (value: unknown, path: string, top: boolean): void => {
    if (!Array.isArray(value)) {
      fail(path, 'must be an array');
      return;
    }
    fieldCount += value.length;
    value.forEach((entry, i) => {
      field(entry, `${path}[${i}]`);
      const fieldId = (entry as { id?: unknown } | null)?.id;
      if (!top || typeof fieldId !== 'string') return;
      if (fieldIds.has(fieldId)) fail(`${path}[${i}].id`, `repeats the field id "${fieldId}"`, 'form.duplicateId');
      fieldIds.add(fieldId);
    });
  };

  const itemIds = new Set<string>();
  const item = (value: unknown, path: string, inRow: boolean): void => {
    if (!object(value, path)) return;
    if (id(value.id, `${path}.id`)) {
      if (itemIds.has(value.id)) fail(`${path}.id`, `repeats the item id "${value.id}"`, 'form.duplicateId');
      itemIds.add(value.id);
    }
    optional(value, path, ['visibleWhen'], plain);
    if (value.kind === 'field') {
      if (id(value.fieldId, `${path}.fieldId`) && !fieldIds.has(value.fieldId)) fail(`${path}.fieldId`, `names the field "${value.fieldId}", which the file's fields do not have`, 'form.unknownField');
      optional(value, path, ['label', 'help', 'placeholder'], text);
      optional(value, path, ['required', 'readOnly'], boolean);
      optional(value, path, ['prefill'], (v, p) => string(v, p, 100));
      optional(value, path, ['defaultValue'], plain);
    } else if (value.kind === 'heading') {
      text(value.title, `${path}.title`);
      optional(value, path, ['description'], text);
    } else if (value.kind === 'text') text(value.text, `${path}.text`);
    else if (value.kind === 'row' && !inRow) {
      if (!Array.isArray(value.items) || value.items.length === 0) fail(`${path}.items`, 'must be a non-empty array');
      else value.items.forEach((inner, i) => item(inner, `${path}.items[${i}]`, true));
    } else fail(`${path}.kind`, inRow ? 'must be "field" or "text" inside a row' : 'must be "field", "heading", "text" or "row"');
  };

  if (!object(json, '$')) return { ok: false, errors };
  if (json.format !== 'ltc-form') fail('format', 'must be "ltc-form" (this is not a published ltc-kit form)', 'form.format');
  if (json.formatVersion !== 1) fail('formatVersion', 'must be 1', 'form.formatVersion');
  string(json.publishedAt, 'publishedAt', 40);
  id(json.appId, 'appId');
  id(json.tableId, 'tableId');
  if (object(json.table, 'table')) {
    string(json.table.name, 'table.name', 200);
    optional(json.table, 'table', ['labels'], labels);
  }
  fieldList(json.fields, 'fields', true);
  if (json.childFields !== undefined && object(json.childFields, 'childFields')) {
    for (const [key, list] of Object.entries(json.childFields)) {
      if (!fieldIds.has(key)) fail(`childFields.${key}`, 'names a sub-table field the file does not have', 'form.unknownField');
      fieldList(list, `childFields.${key}`, false);
    }
  }
  if (fieldCount > MAX_FORM_FILE_FIELDS) fail('fields', `has ${fieldCount} fields; a form file may have at most ${MAX_FORM_FILE_FIELDS}`, 'form.tooLarge');
  const form = json.form;
  if (object(form, 'form')) {
    id(form.id, 'form.id');
    string(form.name, 'form.name', 200);
    optional(form, 'form', ['labels'], labels);
    optional(form, 'form', ['description', 'submitLabel'], text);
    optional(form, 'form', ['thankYou'], (value, path) => object(value, path) && (optional(value, path, ['title', 'message'], text), true));
    if (!Array.isArray(form.items)) fail('form.items', 'must be an array');
    else form.items.forEach((entry, i) => item(entry, `form.items[${i}]`, false));
  }
  // Every check above looked at the value it names, so a file without errors has the FormFile shape.
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: json as unknown as FormFile };
}
