/**
 * Validation of a table's forms (`TableDef.forms`) on import and template load: the shapes
 * of src/core/forms/model.ts, form ids unique within the app, item ids unique within their
 * form, fields that exist and are not archived (each at most once per form), rows of 2–3
 * fields or texts, visibility conditions that are JSON Logic over the table's fields, texts
 * of the FormText shape and defaults the field type accepts.
 *
 * Issues name the bad path (`tables[0].forms[1].items[3].fieldId`); the schema validator
 * (src/core/schema/validate.ts) reports them with its other issues and their messages
 * (./messages.ts).
 */
import { fieldTypeOf } from '../fields/index.js';
import { isBlank } from '../fields/values.js';
import { isValidId } from '../ids.js';
import { logicVars } from '../lifecycle/stage-field.js';
import { compileLogic } from '../logic/index.js';
import type { CellValue, FieldDef, TableDef } from '../schema/types.js';
import type { FormIssueCode } from './messages.js';

/** One problem of a form definition. Generic shape problems use the schema's own codes. */
export interface FormIssue {
  path: string;
  code: FormIssueCode | 'schema.type' | 'schema.required' | 'schema.idSyntax' | 'schema.duplicateId' | 'schema.empty' | 'schema.unknownKey';
  params?: Record<string, string | number>;
  /** Warnings (an unknown key, kept as is) do not fail validation. */
  warning?: true;
}

const FORM_KEYS = new Set(['id', 'name', 'labels', 'description', 'items', 'submitLabel', 'thankYou']);
const ITEM_KEYS: Record<string, ReadonlySet<string>> = {
  field: new Set(['id', 'kind', 'visibleWhen', 'fieldId', 'label', 'help', 'placeholder', 'required', 'defaultValue', 'readOnly', 'prefill']),
  heading: new Set(['id', 'kind', 'visibleWhen', 'title', 'description']),
  text: new Set(['id', 'kind', 'visibleWhen', 'text']),
  row: new Set(['id', 'kind', 'visibleWhen', 'items']),
};
const TEXT_KEYS = new Set(['text', 'labels']);
const THANK_YOU_KEYS = new Set(['title', 'message']);

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const kindOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** The checks of one app's forms, sharing the app-wide form ids. */
class FormChecker {
  readonly issues: FormIssue[] = [];
  /** Form id → path of the form that has it, across the app's tables. */
  private readonly formIds = new Map<string, string>();

  add(path: string, code: FormIssue['code'], params?: FormIssue['params']): void {
    this.issues.push({ path, code, ...(params ? { params } : {}) });
  }

  /** Check one table's `forms` value (at `path`). */
  checkTable(raw: unknown, table: TableDef, path: string): void {
    if (!Array.isArray(raw)) return this.add(path, 'schema.type', { expected: 'array', actual: kindOf(raw) });
    raw.forEach((form, i) => this.checkForm(form, table, `${path}[${i}]`));
  }

  private keys(value: Json, known: ReadonlySet<string>, path: string, required: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!known.has(key)) this.issues.push({ path: `${path}.${key}`, code: 'schema.unknownKey', params: { key }, warning: true });
    }
    for (const key of required) if (!Object.prototype.hasOwnProperty.call(value, key)) this.add(`${path}.${key}`, 'schema.required', { key });
  }

  private id(value: unknown, path: string, seen: Map<string, string>): void {
    if (typeof value !== 'string') return this.add(path, 'schema.type', { expected: 'string', actual: kindOf(value) });
    if (!isValidId(value)) return this.add(path, 'schema.idSyntax', { id: String(value).slice(0, 80) });
    const first = seen.get(value);
    if (first !== undefined) this.add(path, 'schema.duplicateId', { id: value, first });
    else seen.set(value, path);
  }

  private text(value: unknown, path: string): void {
    if (!isObject(value)) return this.add(path, 'schema.type', { expected: 'object', actual: kindOf(value) });
    this.keys(value, TEXT_KEYS, path, ['text']);
    if (Object.prototype.hasOwnProperty.call(value, 'text') && typeof value.text !== 'string') {
      this.add(`${path}.text`, 'schema.type', { expected: 'string', actual: kindOf(value.text) });
    }
    if (value.labels !== undefined) this.labels(value.labels, `${path}.labels`);
  }

  private labels(value: unknown, path: string): void {
    if (!isObject(value)) return this.add(path, 'schema.type', { expected: 'object', actual: kindOf(value) });
    for (const [locale, label] of Object.entries(value)) {
      if (typeof label !== 'string') this.add(`${path}["${locale}"]`, 'schema.type', { expected: 'string', actual: kindOf(label) });
    }
  }

  private boolean(value: unknown, path: string): void {
    if (typeof value !== 'boolean') this.add(path, 'schema.type', { expected: 'boolean', actual: kindOf(value) });
  }

  private checkForm(raw: unknown, table: TableDef, path: string): void {
    if (!isObject(raw)) return this.add(path, 'schema.type', { expected: 'object', actual: kindOf(raw) });
    this.keys(raw, FORM_KEYS, path, ['id', 'name', 'items']);
    if (raw.id !== undefined) this.id(raw.id, `${path}.id`, this.formIds);
    if (raw.name !== undefined) {
      if (typeof raw.name !== 'string') this.add(`${path}.name`, 'schema.type', { expected: 'non-empty string', actual: kindOf(raw.name) });
      else if (raw.name.trim() === '') this.add(`${path}.name`, 'schema.empty');
    }
    if (raw.labels !== undefined) this.labels(raw.labels, `${path}.labels`);
    for (const key of ['description', 'submitLabel'] as const) if (raw[key] !== undefined) this.text(raw[key], `${path}.${key}`);
    if (raw.thankYou !== undefined) {
      const thankYou = raw.thankYou;
      if (!isObject(thankYou)) this.add(`${path}.thankYou`, 'schema.type', { expected: 'object', actual: kindOf(thankYou) });
      else {
        this.keys(thankYou, THANK_YOU_KEYS, `${path}.thankYou`, []);
        for (const key of ['title', 'message'] as const) if (thankYou[key] !== undefined) this.text(thankYou[key], `${path}.thankYou.${key}`);
      }
    }
    if (raw.items === undefined) return;
    if (!Array.isArray(raw.items)) return this.add(`${path}.items`, 'schema.type', { expected: 'array', actual: kindOf(raw.items) });
    const scope: FormScope = { table, itemIds: new Map(), fields: new Map() };
    raw.items.forEach((item, i) => this.item(item, `${path}.items[${i}]`, scope, false));
  }

  private item(raw: unknown, path: string, scope: FormScope, inRow: boolean): void {
    if (!isObject(raw)) return this.add(path, 'schema.type', { expected: 'object', actual: kindOf(raw) });
    const kind = raw.kind;
    const known = typeof kind === 'string' ? ITEM_KEYS[kind] : undefined;
    if (!Object.prototype.hasOwnProperty.call(raw, 'kind')) return this.add(`${path}.kind`, 'schema.required', { key: 'kind' });
    if (!known || !Object.prototype.hasOwnProperty.call(ITEM_KEYS, kind as string)) return this.add(`${path}.kind`, 'form.kind', { actual: String(kind).slice(0, 80) });
    if (inRow && kind !== 'field' && kind !== 'text') return this.add(`${path}.kind`, 'form.rowItem', { actual: String(kind) });
    const required = kind === 'field' ? ['id', 'fieldId'] : kind === 'heading' ? ['id', 'title'] : kind === 'text' ? ['id', 'text'] : ['id', 'items'];
    this.keys(raw, known, path, required);
    if (raw.id !== undefined) this.id(raw.id, `${path}.id`, scope.itemIds);
    if (raw.visibleWhen !== undefined) this.condition(raw.visibleWhen, `${path}.visibleWhen`, scope.table);
    if (kind === 'field') this.fieldItem(raw, path, scope);
    else if (kind === 'heading') {
      if (raw.title !== undefined) this.text(raw.title, `${path}.title`);
      if (raw.description !== undefined) this.text(raw.description, `${path}.description`);
    } else if (kind === 'text') {
      if (raw.text !== undefined) this.text(raw.text, `${path}.text`);
    } else if (raw.items !== undefined) {
      if (!Array.isArray(raw.items)) return this.add(`${path}.items`, 'schema.type', { expected: 'array', actual: kindOf(raw.items) });
      if (raw.items.length < 2 || raw.items.length > 3) this.add(`${path}.items`, 'form.rowSize', { count: raw.items.length });
      raw.items.forEach((item, i) => this.item(item, `${path}.items[${i}]`, scope, true));
    }
  }

  private fieldItem(raw: Json, path: string, scope: FormScope): void {
    for (const key of ['label', 'help', 'placeholder'] as const) if (raw[key] !== undefined) this.text(raw[key], `${path}.${key}`);
    for (const key of ['required', 'readOnly'] as const) if (raw[key] !== undefined) this.boolean(raw[key], `${path}.${key}`);
    if (raw.prefill !== undefined && (typeof raw.prefill !== 'string' || raw.prefill === '')) {
      this.add(`${path}.prefill`, 'schema.type', { expected: 'non-empty string', actual: kindOf(raw.prefill) });
    }
    if (raw.fieldId === undefined) return;
    const fieldPath = `${path}.fieldId`;
    if (typeof raw.fieldId !== 'string') return this.add(fieldPath, 'schema.type', { expected: 'string', actual: kindOf(raw.fieldId) });
    const field = scope.table.fields.find((candidate) => candidate.id === raw.fieldId);
    if (!field) return this.add(fieldPath, 'form.fieldUnknown', { table: scope.table.id, field: raw.fieldId });
    if (field.archived) this.add(fieldPath, 'form.fieldArchived', { field: field.name });
    const first = scope.fields.get(field.id);
    if (first !== undefined) this.add(fieldPath, 'form.fieldTwice', { field: field.name, first });
    else scope.fields.set(field.id, fieldPath);
    if (raw.defaultValue !== undefined) this.defaultValue(raw.defaultValue, `${path}.defaultValue`, field);
  }

  private defaultValue(value: unknown, path: string, field: FieldDef): void {
    const type = fieldTypeOf(field);
    if (isBlank(value as CellValue)) return;
    const issue = type.checkStored(value, field) ?? type.validate(value as CellValue, field);
    if (issue) this.add(path, 'form.defaultValue', { field: field.name, type: field.type });
  }

  private condition(logic: unknown, path: string, table: TableDef): void {
    try {
      compileLogic(logic);
    } catch (error) {
      return this.add(path, 'form.visibleWhenLogic', { detail: error instanceof Error ? error.message : String(error) });
    }
    for (const name of logicVars(logic)) {
      if (!table.fields.some((field) => field.id === name)) this.add(path, 'form.visibleWhenField', { field: name, table: table.id });
    }
  }
}

interface FormScope {
  table: TableDef;
  /** Item id → path, within one form. */
  itemIds: Map<string, string>;
  /** Field id → path of the item showing it, within one form. */
  fields: Map<string, string>;
}

/**
 * Check the forms of every table of an app. `forms` gives each table's raw `forms` value
 * and the path it was read at (`tables[0].forms`); form ids are unique across the app.
 */
export function checkForms(entries: ReadonlyArray<{ table: TableDef; forms: unknown; path: string }>): FormIssue[] {
  const checker = new FormChecker();
  for (const entry of entries) checker.checkTable(entry.forms, entry.table, entry.path);
  return checker.issues;
}
