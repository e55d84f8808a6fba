/**
 * The form designer's edits of a form and of its table, as drafts of the app definition and
 * the versioned writes that store them. Editing a form edits its table:
 * - a new widget adds a field (a unique name, an id from src/core/ids.ts) and an item;
 * - removing a field that holds data archives it (`FieldDef.archived`: values kept, the field
 *   gone from forms and views, restorable); removing an empty field deletes it;
 * - changing a field's type converts every value the new type can read and keeps the
 *   original values recoverable, in one definition write (see `changeFieldType`);
 * - the draft is stored with `saveDesign`, naming the version it was based on, so a change
 *   made meanwhile in another tab is refused (StaleWriteError), never overwritten.
 *
 * Everything but `changeFieldType`, `fieldUsage` and `saveDesign` is pure: the designer keeps
 * each result as a step of its undo history and autosaves the present one.
 */
import { withCompiledFormulas } from '../core/formula/stored.js';
import { createId } from '../core/ids.js';
import { fieldTypeOf } from '../core/fields/index.js';
import { isBlank } from '../core/fields/values.js';
import { insertItem, withoutField, type FormDropTarget, type FormHeadingOrCell } from '../core/forms/edit.js';
import { defaultForm } from '../core/forms/index.js';
import type { FormDef } from '../core/forms/model.js';
import type { AppDef, CellValue, FieldDef, Locale, TableDef } from '../core/schema/types.js';
import { fitViewToTable } from '../core/schema/view-fields.js';
import { fitDashboardsToApp } from '../core/dashboards/validate.js';
import { td } from '../i18n/designer-ui.js';
import type { Mutation, Store } from '../store/types.js';
import { FieldEditError, formulasReferencing, prepareFieldSave, type FormulaFieldRef } from './app-edits.js';

/** The table of an app, or undefined. */
export function tableIn(app: AppDef, tableId: string): TableDef | undefined {
  return app.tables.find((t) => t.id === tableId);
}

/** The form the designer edits: the one with this id, else the table's first, else its default form. */
export function formToDesign(table: TableDef, formId?: string): FormDef {
  return table.forms?.find((f) => f.id === formId) ?? table.forms?.[0] ?? defaultForm(table);
}

/** The app with `table` changed by `change`. */
function withTable(app: AppDef, tableId: string, change: (table: TableDef) => TableDef): AppDef {
  return { ...app, tables: app.tables.map((t) => (t.id === tableId ? change(t) : t)) };
}

/** The app with the form stored in its table (replacing the form with its id, else added). */
export function withForm(app: AppDef, tableId: string, form: FormDef): AppDef {
  return withTable(app, tableId, (table) => {
    const forms = table.forms ?? [];
    return { ...table, forms: forms.some((f) => f.id === form.id) ? forms.map((f) => (f.id === form.id ? form : f)) : [...forms, form] };
  });
}

/** A name like `电话 2` that no field of the table has (names compare case-insensitively). */
export function uniqueFieldName(table: TableDef, base: string): string {
  const taken = new Set(table.fields.map((f) => f.name.trim().toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base} ${n}`.toLowerCase())) return `${base} ${n}`;
}

/** The settings a new field of a type starts with, so that it is valid at once (one choice, another table, a formula). */
function startingOptions(app: AppDef, table: TableDef, type: string, locale: Locale): FieldDef['options'] {
  const options: NonNullable<FieldDef['options']> = {};
  for (const spec of fieldTypeOf(type).options) {
    if (spec.kind === 'choices') options.choices = [1, 2].map((n) => ({ id: createId('opt'), name: td(locale, 'designer.newChoice', { n }) }));
    if (spec.kind === 'table' && spec.required) options.table = app.tables.find((t) => t.id !== table.id && !t.system)?.id ?? table.id;
    if (spec.kind === 'formula') options.formula = '0';
  }
  return options;
}

/** What adding a widget produced: the app, the new field and the form item showing it. */
export interface AddedWidget {
  app: AppDef;
  form: FormDef;
  itemId: string;
  fieldId?: string;
}

/**
 * Adds a field of `type` to the table (unique name from the type's label, fresh id, starting
 * settings) and its item to the form at `target`.
 * @throws FieldEditError when the type cannot make a valid field in this table (e.g. a stage without orders to count)
 */
export function addFieldWidget(app: AppDef, tableId: string, form: FormDef, type: string, target: FormDropTarget, locale: Locale): AddedWidget {
  const table = tableIn(app, tableId);
  if (!table) throw new FieldEditError('edit.unknownTable', td(locale, 'designer.unknownTable', { id: tableId }), 'field');
  const field: FieldDef = { id: createId('fld'), name: uniqueFieldName(table, fieldTypeOf(type).labels[locale]), type, options: startingOptions(app, table, type, locale) };
  const prepared = prepareFieldSave(app, tableId, field, { locale, mode: 'create' });
  const itemId = createId('item');
  const next = insertItem(form, { id: itemId, kind: 'field', fieldId: prepared.field.id }, target, () => createId('row'));
  return { app: withForm(prepared.app, tableId, next), form: next, itemId, fieldId: prepared.field.id };
}

/** Adds a layout item (section heading or description text) to the form at `target`. */
export function addLayoutWidget(app: AppDef, tableId: string, form: FormDef, kind: 'heading' | 'text', target: FormDropTarget, locale: Locale): AddedWidget {
  const itemId = createId('item');
  const item: FormHeadingOrCell =
    kind === 'heading' ? { id: itemId, kind, title: { text: td(locale, 'designer.newHeading') } } : { id: itemId, kind, text: { text: td(locale, 'designer.newText') } };
  const next = insertItem(form, item, target, () => createId('row'));
  return { app: withForm(app, tableId, next), form: next, itemId };
}

/**
 * The app with a field's definition changed (rename followed by every formula, views fitted),
 * as the field editor would save it.
 * @throws FieldEditError for a change the user must fix (an empty name, a duplicate choice …)
 */
export function editField(app: AppDef, tableId: string, field: FieldDef, locale: Locale): AppDef {
  return prepareFieldSave(app, tableId, field, { locale, mode: 'update' }).app;
}

/** How a field is used before it is removed: the records holding a value, the formulas reading it. */
export interface FieldUsage {
  records: number;
  formulas: FormulaFieldRef[];
}

/** How many records hold a value in the field, and which formulas read it. */
export async function fieldUsage(store: Store, app: AppDef, tableId: string, fieldId: string): Promise<FieldUsage> {
  const field = tableIn(app, tableId)?.fields.find((f) => f.id === fieldId);
  const records = field ? (await store.queryRecords(app.id, tableId)).filter((r) => !fieldTypeOf(field).isEmpty(r.values[fieldId], field)).length : 0;
  return { records, formulas: formulasReferencing(app, tableId, fieldId) };
}

function refuseIfKey(app: AppDef, tableId: string, fieldId: string, locale: Locale): FieldDef {
  const table = tableIn(app, tableId);
  const field = table?.fields.find((f) => f.id === fieldId);
  if (!table || !field) throw new FieldEditError('edit.unknownField', td(locale, 'designer.unknownField', { id: fieldId }), 'field');
  if (table.primaryFieldId === fieldId) throw new FieldEditError('edit.primaryField', td(locale, 'designer.primaryField', { name: field.name }), 'field');
  return field;
}

/** Every form of the table without the field's items. */
function formsWithout(table: TableDef, fieldId: string): TableDef {
  return table.forms ? { ...table, forms: table.forms.map((form) => withoutField(form, fieldId)) } : table;
}

/**
 * The app with a field archived: kept with its values, gone from the table's forms (and, by
 * `FieldDef.archived`, from its views and formula completions), restorable with `restoreField`.
 * @throws FieldEditError for the primary field
 */
export function archiveField(app: AppDef, tableId: string, fieldId: string, locale: Locale): AppDef {
  refuseIfKey(app, tableId, fieldId, locale);
  return withTable(app, tableId, (table) => formsWithout({ ...table, fields: table.fields.map((f) => (f.id === fieldId ? { ...f, archived: true } : f)) }, fieldId));
}

/**
 * The app without an empty field: gone from the table, its forms and views. Formulas that read
 * it keep their source and compute `#REF!` (check `fieldUsage` first to warn).
 * @throws FieldEditError for the primary field
 */
export function deleteEmptyField(app: AppDef, tableId: string, fieldId: string, locale: Locale): AppDef {
  refuseIfKey(app, tableId, fieldId, locale);
  return withTable(app, tableId, (table) => {
    const after: TableDef = { ...table, fields: table.fields.filter((f) => f.id !== fieldId) };
    if (table.views) after.views = table.views.map((view) => fitViewToTable(view, table, after));
    return formsWithout(after, fieldId);
  });
}

/** The app with an archived field back: not archived, its item at the end of the form. */
export function restoreField(app: AppDef, tableId: string, form: FormDef, fieldId: string): { app: AppDef; form: FormDef; itemId: string } {
  const restored = withTable(app, tableId, (table) => ({ ...table, fields: table.fields.map((f) => (f.id === fieldId ? withoutArchived(f) : f)) }));
  const itemId = createId('item');
  const next = insertItem(form, { id: itemId, kind: 'field', fieldId }, { kind: 'between', index: form.items.length }, () => createId('row'));
  return { app: withForm(restored, tableId, next), form: next, itemId };
}

function withoutArchived(field: FieldDef): FieldDef {
  const { archived: _archived, ...rest } = field;
  return rest;
}

/**
 * Stores the designer's draft, based on `expectedVersion`; formulas are compiled on the way.
 * @throws StaleWriteError when another tab changed the app meanwhile (nothing is overwritten)
 */
export async function saveDesign(store: Store, draft: AppDef, expectedVersion: number): Promise<AppDef> {
  return store.putApp(withCompiledFormulas(fitDashboardsToApp({ ...draft, version: expectedVersion })), expectedVersion);
}

// ---------------------------------------------------------------------------------------
// Changing a field's type

/** A value the new type could not read: which record, and the value as it reads in the old type. */
export interface UnconvertedValue {
  recordId: string;
  text: string;
}

/** What a type change did. */
export interface TypeChange {
  app: AppDef;
  /** The field as it is now (a new id: its values are the converted ones). */
  fieldId: string;
  converted: number;
  unconverted: UnconvertedValue[];
  /** The archived field keeping every original value, when some did not convert. */
  originalFieldId?: string;
}

/** Replaces every string equal to `from` by `to` in a JSON value (ids in forms, views, rules, logic). */
function replaceId<T>(value: T, from: string, to: string): T {
  if (value === from) return to as T;
  if (Array.isArray(value)) return value.map((v) => replaceId(v, from, to)) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceId(v, from, to)])) as T;
  return value;
}

/**
 * Changes a field's type, converting every value the new type can read (each value as text in
 * the old type, read by the new type's `coerce` as an imported cell) and losing none.
 *
 * The converted values go to a new field id, so that the originals never change:
 * 1. one record transaction writes the converted values under the new id (nothing refers to
 *    it yet: a failure here leaves the app exactly as it was);
 * 2. one versioned definition write puts the new field in the old one's place — its name,
 *    position, form items, views, rules and formulas now refer to it — and, when some values
 *    did not convert, keeps the old field archived as "<name> (原值)" with all its values.
 * A failure at any point leaves records and definition consistent; undoing the change is a
 * definition write back (the old field's values are still stored).
 * @throws FieldEditError for the primary field, a derived field or a derived target type
 * @throws StaleWriteError when the app or a record changed meanwhile
 */
export async function changeFieldType(store: Store, app: AppDef, tableId: string, fieldId: string, type: string, locale: Locale): Promise<TypeChange> {
  const table = tableIn(app, tableId);
  const field = table?.fields.find((f) => f.id === fieldId);
  if (!table || !field) throw new FieldEditError('edit.unknownField', td(locale, 'designer.unknownField', { id: fieldId }), 'field');
  const oldType = fieldTypeOf(field);
  if (oldType.isDerived(field) || fieldTypeOf(type).isDerived({ ...field, type })) {
    throw new FieldEditError('edit.typeRequired', td(locale, 'designer.typeDerived', { name: field.name }), 'type');
  }
  const newId = createId('fld');
  const records = await store.queryRecords(app.id, tableId);
  const texts = records.map((r) => r.values[fieldId]).filter((v): v is CellValue => v !== undefined && !oldType.isEmpty(v, field)).map((v) => oldType.format(v, field, { locale }));
  const target: FieldDef = { ...field, id: newId, type, options: { ...field.options, ...startingOptionsFor(app, table, field, type, texts, locale) } };
  const prepared = prepareFieldSave(app, tableId, { ...target, name: `${field.name}\u0000` }, { locale, mode: 'create' });
  const convertedField = { ...prepared.field, name: field.name };

  const mutations: Mutation[] = [];
  const unconverted: UnconvertedValue[] = [];
  for (const record of records) {
    const value = record.values[fieldId];
    if (value === undefined || oldType.isEmpty(value, field)) continue;
    const text = oldType.format(value, field, { locale });
    const converted = convertValue(value, text, convertedField);
    if (converted === undefined) unconverted.push({ recordId: record.id, text });
    else mutations.push({ type: 'update', tableId, id: record.id, expectedVersion: record.version, values: { [newId]: converted } });
  }
  if (mutations.length) await store.mutate(app.id, mutations, { origin: { kind: 'user' } });

  const keepOriginal = unconverted.length > 0;
  const original: FieldDef = { ...field, archived: true, name: uniqueFieldName(table, td(locale, 'designer.originalName', { name: field.name })) };
  const swapped = replaceId(app, fieldId, newId);
  const next = withTable(swapped, tableId, (t) => ({
    ...t,
    fields: [...t.fields.map((f) => (f.id === newId ? convertedField : f)), ...(keepOriginal ? [original] : [])],
  }));
  const saved = await store.putApp(withCompiledFormulas(fitDashboardsToApp(next)), app.version);
  const change: TypeChange = { app: saved, fieldId: newId, converted: mutations.length, unconverted };
  if (keepOriginal) change.originalFieldId = fieldId;
  return change;
}

/** Most choices a type change makes from the distinct values of a field (text turned into a select). */
const MAX_MADE_CHOICES = 50;

/**
 * Settings the new type needs that the old one did not have: a choice per distinct value when
 * text becomes a choice field (up to MAX_MADE_CHOICES), else the new type's starting settings.
 */
function startingOptionsFor(app: AppDef, table: TableDef, field: FieldDef, type: string, texts: string[], locale: Locale): FieldDef['options'] {
  const needed = startingOptions(app, table, type, locale) ?? {};
  const kept: NonNullable<FieldDef['options']> = {};
  for (const [key, value] of Object.entries(needed) as Array<[keyof NonNullable<FieldDef['options']>, never]>) if (field.options?.[key] === undefined) kept[key] = value;
  if (kept.choices) {
    const distinct = [...new Set(texts.flatMap((text) => text.split(/[,，、;；]/)).map((text) => text.trim()).filter((text) => text !== ''))];
    if (distinct.length > 0 && distinct.length <= MAX_MADE_CHOICES) kept.choices = distinct.map((name) => ({ id: createId('opt'), name }));
  }
  return kept;
}

/**
 * A value in the new type, or undefined when it cannot be read: first as the text it shows in
 * the old type (a choice's name, a formatted amount), read as an imported cell, then as the
 * stored value itself (a number staying a number).
 */
function convertValue(value: CellValue, text: string, field: FieldDef): CellValue | undefined {
  const type = fieldTypeOf(field);
  for (const attempt of [type.coerce(text, field, 'csv'), type.coerce(value, field, 'json')]) {
    if (attempt.ok && !isBlank(attempt.value)) return attempt.value;
  }
  return undefined;
}
