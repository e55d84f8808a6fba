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
  return undefined;
}

const REASONS: Record<PublishIssue['code'], string> = {
  'publish.unknownField': 'names a field the table does not have',
  'publish.archived': 'is archived',
  'publish.derived': 'is computed (a formula, stage or inverse relation), so a visitor cannot fill it in',
  'publish.relation': 'links to records a visitor cannot see',
  'publish.unknownType': 'has a field type the form runtime does not know',
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

/** A reader of untrusted JSON that collects problems by path. */
class Checker {
  readonly errors: ValidationIssue[] = [];

  fail(path: string, message: string, code = 'form.invalid'): false {
    if (this.errors.length < 50) this.errors.push({ path, message, code });
    return false;
  }

  object(value: unknown, path: string): value is Record<string, unknown> {
    return (typeof value === 'object' && value !== null && !Array.isArray(value)) || this.fail(path, 'must be an object');
  }

  string(value: unknown, path: string, max = 2000): value is string {
    if (typeof value !== 'string') return this.fail(path, 'must be a string');
    return value.length <= max || this.fail(path, `must be at most ${max} characters`);
  }

  id(value: unknown, path: string): value is string {
    if (!this.string(value, path, 200)) return false;
    return value.length > 0 || this.fail(path, 'must not be empty');
  }

  optional(record: Record<string, unknown>, key: string, path: string, check: (value: unknown, path: string) => boolean): void {
    if (record[key] !== undefined) check(record[key], `${path}.${key}`);
  }

  labels(value: unknown, path: string): boolean {
    if (!this.object(value, path)) return false;
    return Object.entries(value).every(([locale, text]) => this.string(text, `${path}.${locale}`));
  }

  text(value: unknown, path: string): boolean {
    if (!this.object(value, path) || !this.string(value.text, `${path}.text`)) return false;
    this.optional(value, 'labels', path, (v, p) => this.labels(v, p));
    return true;
  }

  /** JSON of bounded depth (a visibility condition): deep nesting would overflow the evaluator's stack. */
  json(value: unknown, path: string, depth = 0): boolean {
    if (depth > 40) return this.fail(path, 'is nested too deeply');
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
    if (Array.isArray(value)) return value.every((v, i) => this.json(v, `${path}[${i}]`, depth + 1));
    if (typeof value === 'object') return Object.entries(value).every(([k, v]) => this.json(v, `${path}.${k}`, depth + 1));
    return this.fail(path, 'must be JSON');
  }
}

function checkField(c: Checker, value: unknown, path: string): value is FieldDef {
  if (!c.object(value, path)) return false;
  const ok = c.id(value.id, `${path}.id`) && c.string(value.name, `${path}.name`, 200) && c.id(value.type, `${path}.type`);
  c.optional(value, 'labels', path, (v, p) => c.labels(v, p));
  c.optional(value, 'required', path, (v, p) => typeof v === 'boolean' || c.fail(p, 'must be true or false'));
  c.optional(value, 'options', path, (options, p) => {
    if (!c.object(options, p) || !c.json(options, p)) return false;
    if (options.choices !== undefined) {
      if (!Array.isArray(options.choices)) return c.fail(`${p}.choices`, 'must be an array');
      options.choices.forEach((choice, i) => {
        if (c.object(choice, `${p}.choices[${i}]`)) c.id(choice.id, `${p}.choices[${i}].id`) && c.string(choice.name, `${p}.choices[${i}].name`, 200);
      });
    }
    if (options.pattern !== undefined && c.string(options.pattern, `${p}.pattern`, 500)) {
      try {
        new RegExp(options.pattern);
      } catch {
        c.fail(`${p}.pattern`, 'is not a valid regular expression');
      }
    }
    return true;
  });
  return ok;
}

function checkItem(c: Checker, value: unknown, path: string, fieldIds: Set<string>, itemIds: Set<string>, inRow: boolean): void {
  if (!c.object(value, path)) return;
  if (c.id(value.id, `${path}.id`)) {
    if (itemIds.has(value.id)) c.fail(`${path}.id`, `repeats the item id "${value.id}"`, 'form.duplicateId');
    itemIds.add(value.id);
  }
  c.optional(value, 'visibleWhen', path, (v, p) => c.json(v, p));
  switch (value.kind) {
    case 'field':
      if (c.id(value.fieldId, `${path}.fieldId`) && !fieldIds.has(value.fieldId)) c.fail(`${path}.fieldId`, `names the field "${value.fieldId}", which the file's fields do not have`, 'form.unknownField');
      for (const key of ['label', 'help', 'placeholder']) c.optional(value, key, path, (v, p) => c.text(v, p));
      for (const key of ['required', 'readOnly']) c.optional(value, key, path, (v, p) => typeof v === 'boolean' || c.fail(p, 'must be true or false'));
      c.optional(value, 'prefill', path, (v, p) => c.string(v, p, 100));
      c.optional(value, 'defaultValue', path, (v, p) => c.json(v, p));
      return;
    case 'heading':
      c.text(value.title, `${path}.title`);
      c.optional(value, 'description', path, (v, p) => c.text(v, p));
      return;
    case 'text':
      c.text(value.text, `${path}.text`);
      return;
    case 'row':
      if (inRow) {
        c.fail(`${path}.kind`, 'a row cannot hold another row');
        return;
      }
      if (!Array.isArray(value.items) || value.items.length === 0) {
        c.fail(`${path}.items`, 'must be a non-empty array');
        return;
      }
      value.items.forEach((inner, i) => checkItem(c, inner, `${path}.items[${i}]`, fieldIds, itemIds, true));
      return;
    default:
      c.fail(`${path}.kind`, 'must be "field", "heading", "text" or "row"');
  }
}

/**
 * Checks a form file read from the network (`<ltc-form src>`): its shape, ids, the fields its
 * items name, labels and conditions as plain JSON, and its size. Every problem has a path
 * (`form.items[2].fieldId`).
 */
export function validateFormFile(json: unknown): ValidationResult<FormFile> {
  const c = new Checker();
  if (!c.object(json, '$')) return { ok: false, errors: c.errors };
  if (json.format !== 'ltc-form') c.fail('format', 'must be "ltc-form" (this is not a published ltc-kit form)', 'form.format');
  if (json.formatVersion !== 1) c.fail('formatVersion', 'must be 1', 'form.formatVersion');
  c.string(json.publishedAt, 'publishedAt', 40);
  c.id(json.appId, 'appId');
  c.id(json.tableId, 'tableId');
  if (c.object(json.table, 'table')) {
    c.string(json.table.name, 'table.name', 200);
    c.optional(json.table, 'labels', 'table', (v, p) => c.labels(v, p));
  }
  const fieldIds = new Set<string>();
  const countFields = (list: unknown, path: string): void => {
    if (!Array.isArray(list)) {
      c.fail(path, 'must be an array');
      return;
    }
    list.forEach((field, i) => checkField(c, field, `${path}[${i}]`));
  };
  countFields(json.fields, 'fields');
  if (Array.isArray(json.fields)) {
    json.fields.forEach((field: { id?: unknown }, i) => {
      if (typeof field?.id !== 'string') return;
      if (fieldIds.has(field.id)) c.fail(`fields[${i}].id`, `repeats the field id "${field.id}"`, 'form.duplicateId');
      fieldIds.add(field.id);
    });
  }
  let total = Array.isArray(json.fields) ? json.fields.length : 0;
  if (json.childFields !== undefined && c.object(json.childFields, 'childFields')) {
    const value = json.childFields;
    for (const [key, list] of Object.entries(value)) {
      if (!fieldIds.has(key)) c.fail(`childFields.${key}`, 'names a sub-table field the file does not have', 'form.unknownField');
      countFields(list, `childFields.${key}`);
      if (Array.isArray(list)) total += list.length;
    }
  }
  if (total > MAX_FORM_FILE_FIELDS) c.fail('fields', `has ${total} fields; a form file may have at most ${MAX_FORM_FILE_FIELDS}`, 'form.tooLarge');
  if (c.object(json.form, 'form')) {
    const form = json.form;
    c.id(form.id, 'form.id');
    c.string(form.name, 'form.name', 200);
    c.optional(form, 'labels', 'form', (v, p) => c.labels(v, p));
    c.optional(form, 'description', 'form', (v, p) => c.text(v, p));
    c.optional(form, 'submitLabel', 'form', (v, p) => c.text(v, p));
    c.optional(form, 'thankYou', 'form', (v, p) => {
      if (!c.object(v, p)) return false;
      c.optional(v, 'title', p, (t, tp) => c.text(t, tp));
      c.optional(v, 'message', p, (t, tp) => c.text(t, tp));
      return true;
    });
    if (!Array.isArray(form.items)) c.fail('form.items', 'must be an array');
    else {
      const itemIds = new Set<string>();
      form.items.forEach((item, i) => checkItem(c, item, `form.items[${i}]`, fieldIds, itemIds, false));
    }
  }
  // Every check above looked at the value it names, so a file without errors has the FormFile shape.
  return c.errors.length > 0 ? { ok: false, errors: c.errors } : { ok: true, value: json as unknown as FormFile };
}
