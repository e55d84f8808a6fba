/**
 * Forms as definitions, without a page: which form a table shows (`defaultForm`,
 * `resolveForm`), which fields it holds (`formFields`), which items are visible for the
 * values being filled in (`visibleItems`, each item's `visibleWhen` run on `applyLogic`),
 * the starting values (`initialValues`) and the values prefilled from the host page
 * (`prefillValues`, coerced by each field's type). The renderer (src/elements/form/) and
 * the published form build on these; docs/forms.md describes the shapes.
 */
import { fieldTypeOf } from '../fields/index.js';
import { applyLogic, truthy } from '../logic/index.js';
import type { AppDef, CellValue, FieldDef, Locale, TableDef } from '../schema/types.js';
import type { FormDef, FormFieldItem, FormItem, FormText } from './model.js';

export * from './model.js';

/** A sub-table field (line items): its rows are child records written with the parent. */
export function isSubtableField(field: FieldDef): boolean {
  return field.type === 'subtable';
}

/** Whether a form may show a field for input: stored, not computed, not archived (sub-tables are). */
export function isFormEditable(field: FieldDef): boolean {
  if (field.archived) return false;
  return isSubtableField(field) || !fieldTypeOf(field).isDerived(field);
}

/** The form a table without forms of its own gets: every editable, non-archived field, in order. */
export function defaultForm(table: TableDef): FormDef {
  return {
    id: `${table.id}-default`,
    name: table.name,
    ...(table.labels ? { labels: table.labels } : {}),
    items: table.fields.filter(isFormEditable).map((field): FormFieldItem => ({ id: field.id, kind: 'field', fieldId: field.id })),
  };
}

/** The form `formId` of the app and its table; without an id, the first table's first (or default) form. */
export function resolveForm(app: AppDef, formId?: string, tableId?: string): { table: TableDef; form: FormDef } | undefined {
  const tables = tableId ? app.tables.filter((table) => table.id === tableId) : app.tables.filter((table) => !table.system);
  if (formId) {
    for (const table of tables) {
      const form = table.forms?.find((candidate) => candidate.id === formId);
      if (form) return { table, form };
    }
    return undefined;
  }
  const table = tables[0];
  if (!table) return undefined;
  return { table, form: table.forms?.[0] ?? defaultForm(table) };
}

/** The field items of a form in reading order, rows flattened. */
export function fieldItems(form: FormDef): FormFieldItem[] {
  const out: FormFieldItem[] = [];
  for (const item of form.items) {
    if (item.kind === 'field') out.push(item);
    else if (item.kind === 'row') for (const inner of item.items) if (inner.kind === 'field') out.push(inner);
  }
  return out;
}

/** The table fields a form shows, in form order (items naming a missing or archived field are skipped). */
export function formFields(form: FormDef, table: TableDef): FieldDef[] {
  const byId = new Map(table.fields.map((field) => [field.id, field]));
  const out: FieldDef[] = [];
  for (const item of fieldItems(form)) {
    const field = byId.get(item.fieldId);
    if (field && !field.archived) out.push(field);
  }
  return out;
}

/** A form text in the user's language (`labels[locale]`, else `text`). */
export function formText(text: FormText | undefined, locale: Locale): string {
  if (!text) return '';
  return text.labels?.[locale] ?? text.text;
}

/** Whether `visibleWhen` holds for the values (absent: always). A condition that fails to evaluate shows the item. */
function conditionHolds(condition: unknown, values: Readonly<Record<string, unknown>>): boolean {
  if (condition === undefined) return true;
  try {
    return truthy(applyLogic(condition, values));
  } catch {
    return true;
  }
}

/**
 * The items shown for the values being filled in (by field id). A hidden heading hides its
 * section (the items up to the next heading); a hidden row hides its items. Hidden fields
 * are neither validated nor submitted.
 */
export function visibleItems(form: FormDef, values: Readonly<Record<string, unknown>>): FormItem[] {
  const out: FormItem[] = [];
  let sectionShown = true;
  for (const item of form.items) {
    if (item.kind === 'heading') sectionShown = conditionHolds(item.visibleWhen, values);
    if (!sectionShown || !conditionHolds(item.visibleWhen, values)) continue;
    if (item.kind === 'row') {
      const inner = item.items.filter((child) => conditionHolds(child.visibleWhen, values));
      if (inner.length > 0) out.push({ ...item, items: inner });
    } else out.push(item);
  }
  return out;
}

/** The field ids of the visible field items. */
export function visibleFieldIds(form: FormDef, values: Readonly<Record<string, unknown>>): Set<string> {
  return new Set(fieldItems({ ...form, items: visibleItems(form, values) }).map((item) => item.fieldId));
}

/** A new record's starting values: each item's default, else its field's (stored representation). */
export function initialValues(form: FormDef, table: TableDef): Record<string, CellValue> {
  const byId = new Map(table.fields.map((field) => [field.id, field]));
  const out: Record<string, CellValue> = {};
  for (const item of fieldItems(form)) {
    const field = byId.get(item.fieldId);
    const value = item.defaultValue ?? field?.options?.defaultValue;
    if (field && value !== undefined) out[field.id] = value;
  }
  return out;
}

/**
 * Values taken from the host page for the items with `prefill`: `params[item.prefill]` (an
 * attribute `prefill-<name>` or the URL parameter `<name>`) coerced by the field's type as
 * typed input. A value the type refuses (a date that is not one) is left out.
 */
export function prefillValues(form: FormDef, table: TableDef, params: Readonly<Record<string, string>>): Record<string, CellValue> {
  const byId = new Map(table.fields.map((field) => [field.id, field]));
  const out: Record<string, CellValue> = {};
  for (const item of fieldItems(form)) {
    const field = byId.get(item.fieldId);
    if (!field || !item.prefill || !Object.prototype.hasOwnProperty.call(params, item.prefill)) continue;
    const result = fieldTypeOf(field).coerce(params[item.prefill], field, 'input');
    if (result.ok && result.value !== null) out[field.id] = result.value;
  }
  return out;
}
