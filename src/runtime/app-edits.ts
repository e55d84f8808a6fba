/**
 * Edits of an app's fields through the store: add or change a field, delete one. The
 * field editor calls these; they hold the rules so any other UI (or a script) gets the same
 * guarantees:
 * - names are required and unique in their table, ids are unique and well-formed;
 * - a formula must compile, and a circular reference is refused with a message naming the
 *   cycle (`checkFormulaField`);
 * - renaming a field rewrites every formula that refers to it (`renameFieldInApp`), so
 *   sources follow the rename;
 * - a change that would break another formula (a number field turned into text that a
 *   formula multiplies) is refused with the names of the formulas;
 * - deleting a field leaves formulas that used it with their source, computing `#REF!`,
 *   and reports them so the UI can warn first;
 * - the table's saved views follow in the same write: a deleted field leaves them, and so
 *   does a changed field from wherever it can no longer be (a sort, a group, a sum);
 * - every write names the app version it was based on, so a change made meanwhile in
 *   another tab is never overwritten: a field's deletion is applied on top of a change that
 *   left that field as it was, and refused (StaleWriteError) when the field changed too.
 *
 * Also the evaluation object a formula preview needs for one stored record.
 */
import { FormulaError } from '../core/formula/index.js';
import { buildFormulaGraph, checkFormulaField } from '../core/formula/graph.js';
import { withCompiledFormulas } from '../core/formula/stored.js';
import { renameFieldInApp } from '../core/formula/rewrite.js';
import type { CompiledFormula, FieldRename, FormulaErrorCode, FormulaReference } from '../core/formula/index.js';
import { createId, isValidId } from '../core/ids.js';
import { fieldTypeOf } from '../core/fields/index.js';
import { checkOptionSpecs } from '../core/fields/options.js';
import { issueMessage } from '../core/schema/messages.js';
import { t } from '../i18n/index.js';
import type { AppDef, CellValue, FieldDef, Locale, TableDef } from '../core/schema/types.js';
import { StaleWriteError, type Store } from '../store/types.js';
import { tf, type FormulaUiKey } from '../i18n/formula-ui.js';
import { idsOf, type DerivedValues } from './derived.js';
import { fitViewToTable } from '../core/schema/view-fields.js';
import { fitDashboardsToApp } from '../core/dashboards/validate.js';

/** Codes of refused field edits: the message keys of formula-ui.ts, or a formula's own code. */
export type FieldEditErrorCode =
  | 'edit.nameRequired'
  | 'edit.nameTaken'
  | 'edit.idTaken'
  | 'edit.idInvalid'
  | 'edit.unknownTable'
  | 'edit.unknownField'
  | 'edit.typeRequired'
  | 'edit.choiceEmpty'
  | 'edit.choiceDuplicate'
  | 'edit.relationTable'
  | 'edit.formulaEmpty'
  | 'edit.breaksFormulas'
  | 'edit.primaryField'
  | 'edit.inverseField'
  | 'edit.optionInvalid'
  | FormulaErrorCode;

/** Which part of the field an error is about (where the editor shows it). */
export type FieldEditTarget = 'name' | 'id' | 'type' | 'options' | 'formula' | 'field';

/** A refused field edit: a stable code, a translated message and what it is about. */
export class FieldEditError extends Error {
  override name = 'FieldEditError';
  constructor(
    readonly code: FieldEditErrorCode,
    message: string,
    readonly target: FieldEditTarget,
    /** For formula errors: the FormulaError with the character range to underline. */
    readonly formulaError?: FormulaError,
  ) {
    super(message);
  }
}

/** Options of `saveField` and `prepareFieldSave`. */
export interface SaveFieldOptions {
  /** Language of error messages (default `en`). */
  locale?: Locale;
  /**
   * `create` refuses an id that exists; `update` requires it; `auto` (default) updates when
   * the id exists and creates otherwise. An empty id always creates, with a generated id.
   */
  mode?: 'create' | 'update' | 'auto';
}

/** What saving a field would store. */
export interface PreparedFieldSave {
  /** The app with the field saved (version unchanged; the store increments it). */
  app: AppDef;
  /** The field as stored (trimmed name, generated id, inferred formula result type). */
  field: FieldDef;
  /** Formulas whose source a rename rewrote. */
  renamed: FieldRename[];
  /** The compiled formula, for a formula field. */
  compiled?: CompiledFormula;
}

/** A formula field, named for messages. */
export interface FormulaFieldRef {
  tableId: string;
  fieldId: string;
  name: string;
}

function fail(code: FieldEditErrorCode & FormulaUiKey, target: FieldEditTarget, locale: Locale, params?: Record<string, string | number>): never {
  throw new FieldEditError(code, tf(locale, code, params), target);
}

function tableOf(app: AppDef, tableId: string, locale: Locale): TableDef {
  const table = app.tables.find((t) => t.id === tableId);
  if (!table) fail('edit.unknownTable', 'field', locale, { id: tableId });
  return table;
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Keys of formula fields that do not compile (or sit in a cycle). */
function brokenFormulas(app: AppDef): Set<string> {
  return new Set(buildFormulaGraph(app).issues.map((i) => `${i.tableId}/${i.fieldId}`));
}

function fieldName(app: AppDef, tableId: string, fieldId: string): string {
  return app.tables.find((t) => t.id === tableId)?.fields.find((f) => f.id === fieldId)?.name ?? fieldId;
}

/**
 * A field's options checked against its type's options schema (src/core/fields): choice
 * lists (names present and distinct), table pickers (a table of this app), and the kinds,
 * ranges and allowed values of every other key — for a site owner's type as for ours.
 */
function checkOptions(app: AppDef, field: FieldDef, locale: Locale): void {
  const options = field.options ?? {};
  for (const spec of fieldTypeOf(field).options) {
    if (spec.kind === 'choices') {
      const seen = new Set<string>();
      for (const choice of options.choices ?? []) {
        if (choice.name.trim() === '') fail('edit.choiceEmpty', 'options', locale);
        const key = choice.name.trim().toLowerCase();
        if (seen.has(key)) fail('edit.choiceDuplicate', 'options', locale, { name: choice.name.trim() });
        seen.add(key);
      }
    } else if (spec.kind === 'table') {
      const target = options.table;
      if (!target) {
        if (spec.required) fail('edit.relationTable', 'options', locale);
      } else if (!app.tables.some((t) => t.id === target)) {
        fail('edit.unknownTable', 'options', locale, { id: target });
      }
    }
  }
  const problem = checkOptionSpecs(fieldTypeOf(field), field).find((p) => p.code === 'schema.range' || p.code === 'schema.enum' || p.code === 'schema.type');
  if (problem) {
    const spec = fieldTypeOf(field).options.find((s) => s.key === problem.key);
    const reason = issueMessage(problem.code, problem.params, locale);
    throw new FieldEditError('edit.optionInvalid', t(locale, 'field.optionInvalid', { option: spec?.labels[locale] ?? problem.key, reason }), 'options');
  }
}

/**
 * Validates a field edit and computes the app it produces, without writing anything: what
 * `saveField` stores. The field editor uses it to show problems before saving.
 * @throws FieldEditError
 */
export function prepareFieldSave(app: AppDef, tableId: string, input: FieldDef, options: SaveFieldOptions = {}): PreparedFieldSave {
  const locale = options.locale ?? 'en';
  const mode = options.mode ?? 'auto';
  const table = tableOf(app, tableId, locale);
  const name = input.name.trim();
  if (name === '') fail('edit.nameRequired', 'name', locale);
  if (!input.type) fail('edit.typeRequired', 'type', locale);

  let id = input.id.trim();
  const existing = id ? table.fields.find((f) => f.id === id) : undefined;
  if (id === '') {
    if (mode === 'update') fail('edit.unknownField', 'id', locale, { id: input.id });
    do id = createId('fld');
    while (table.fields.some((f) => f.id === id));
  } else if (existing && mode === 'create') {
    fail('edit.idTaken', 'id', locale, { id });
  } else if (!existing && mode === 'update') {
    fail('edit.unknownField', 'id', locale, { id });
  } else if (!existing && !isValidId(id)) {
    fail('edit.idInvalid', 'id', locale, { id });
  }
  const clash = table.fields.find((f) => f.id !== id && sameName(f.name, name));
  if (clash) fail('edit.nameTaken', 'name', locale, { name: clash.name });

  const field: FieldDef = { ...input, id, name };
  checkOptions(app, field, locale);

  // A rename first rewrites every formula that refers to the old name, in this table and
  // through relations from other tables; the field's own new definition is applied after.
  let next = app;
  let renamed: FieldRename[] = [];
  if (existing && existing.name !== name) {
    const result = renameFieldInApp(app, tableId, id, name);
    next = result.app;
    renamed = result.changes.filter((c) => !(c.tableId === tableId && c.fieldId === id));
  }
  // The table's saved views follow the change (a select turned into text no longer groups).
  const place = (f: FieldDef): AppDef => ({
    ...next,
    tables: next.tables.map((t) =>
      t.id !== tableId ? t : withFittedViews(t, { ...t, fields: existing ? t.fields.map((g) => (g.id === id ? f : g)) : [...t.fields, f] }),
    ),
  });

  let stored = field;
  let compiled: CompiledFormula | undefined;
  if (fieldTypeOf(field).options.some((spec) => spec.kind === 'formula')) {
    const source = field.options?.formula ?? '';
    if (source.trim() === '') fail('edit.formulaEmpty', 'formula', locale);
    try {
      compiled = checkFormulaField(place(field), tableId, id, source, { locale });
    } catch (error) {
      if (!(error instanceof FormulaError)) throw error;
      throw new FieldEditError(error.code, error.message, 'formula', error);
    }
    if (!field.options?.resultType && compiled.type !== 'any') {
      stored = { ...field, options: { ...field.options, resultType: compiled.type } };
    }
  }
  const result = place(stored);

  // Refuse a change that breaks formulas which worked before (a renamed field is followed,
  // a deleted one is not part of this function, so any new issue is this edit's doing).
  const before = brokenFormulas(app);
  const newlyBroken = [...brokenFormulas(result)].filter((k) => !before.has(k) && k !== `${tableId}/${id}`);
  if (newlyBroken.length > 0) {
    const names = newlyBroken.map((k) => {
      const [t, f] = k.split('/') as [string, string];
      return `{${fieldName(result, t, f)}}`;
    });
    fail('edit.breaksFormulas', 'type', locale, { names: names.join(locale === 'zh-CN' ? '、' : ', ') });
  }
  return compiled ? { app: result, field: stored, renamed, compiled } : { app: result, field: stored, renamed };
}

/**
 * Adds a field to a table, or replaces the field with the same id, and stores the app.
 * A renamed field's references in every formula are rewritten to the new name.
 * @returns the stored app (its version incremented by the store)
 * @throws FieldEditError for a field the user must fix (code, translated message, target)
 * @throws StaleWriteError when the stored app is newer than `app`
 */
export async function saveField(store: Store, app: AppDef, tableId: string, field: FieldDef, options: SaveFieldOptions = {}): Promise<AppDef> {
  const prepared = prepareFieldSave(app, tableId, field, options);
  return store.putApp(withCompiledFormulas(fitDashboardsToApp(prepared.app)), app.version);
}

/**
 * The formula fields that read a field: directly, through a relation from another table,
 * or — for a relation field — any formula reading through it (`{订单.金额}`).
 */
export function formulasReferencing(app: AppDef, tableId: string, fieldId: string): FormulaFieldRef[] {
  const graph = buildFormulaGraph(app);
  const keys = new Set(graph.referencesTo(tableId, fieldId).map((r) => `${r.tableId}/${r.fieldId}`));
  for (const node of graph.nodes.values()) {
    if (node.tableId === tableId && node.compiled?.refs.some((r) => r.via === fieldId)) keys.add(`${node.tableId}/${node.fieldId}`);
  }
  keys.delete(`${tableId}/${fieldId}`);
  return [...keys].map((k) => {
    const [t, f] = k.split('/') as [string, string];
    return { tableId: t, fieldId: f, name: fieldName(app, t, f) };
  });
}

/** The table with its saved views fitted to its changed fields (see `fitViewToTable`). */
function withFittedViews(before: TableDef, after: TableDef): TableDef {
  return after.views ? { ...after, views: after.views.map((view) => fitViewToTable(view, before, after)) } : after;
}

/** A table without one field, its saved views cleaned of it. */
function tableWithoutField(table: TableDef, fieldId: string): TableDef {
  return withFittedViews(table, { ...table, fields: table.fields.filter((f) => f.id !== fieldId) });
}

/**
 * Deletes a field and stores the app. Formulas that used it keep their source and compute
 * `#REF!`; they are returned so the caller can tell the user (check `formulasReferencing`
 * first to warn before deleting). The table's saved views lose their columns, sort levels,
 * group, sums and filter conditions on the field in the same write. Stored record values of
 * the field are left in place.
 * @throws FieldEditError for the primary field, or the forward side of an inverse relation
 * @throws StaleWriteError when the stored app is newer than `app` and its field changed too
 */
export async function deleteField(
  store: Store,
  app: AppDef,
  tableId: string,
  fieldId: string,
  options: { locale?: Locale } = {},
): Promise<{ app: AppDef; affected: FormulaFieldRef[] }> {
  return onFieldAsItWas(store, app, tableId, fieldId, (base) => deleteFieldOf(store, base, tableId, fieldId, options));
}

/**
 * Runs a field edit based on `app`; when another change landed meanwhile without touching
 * this field (the rules' run log table added on a first open, a view saved in another tab),
 * runs it once more on the stored app, keeping that change. A change to the field itself
 * stays a StaleWriteError: nothing is overwritten.
 */
export async function onFieldAsItWas<T>(store: Store, app: AppDef, tableId: string, fieldId: string, edit: (base: AppDef) => Promise<T>): Promise<T> {
  try {
    return await edit(app);
  } catch (error) {
    if (!(error instanceof StaleWriteError)) throw error;
    const latest = await store.getApp(app.id);
    const stored = (of: AppDef) => JSON.stringify(of.tables.find((t) => t.id === tableId)?.fields.find((f) => f.id === fieldId) ?? null);
    if (!latest || stored(latest) !== stored(app)) throw error;
    return edit(latest);
  }
}

async function deleteFieldOf(
  store: Store,
  app: AppDef,
  tableId: string,
  fieldId: string,
  options: { locale?: Locale },
): Promise<{ app: AppDef; affected: FormulaFieldRef[] }> {
  const locale = options.locale ?? 'en';
  const table = tableOf(app, tableId, locale);
  const field = table.fields.find((f) => f.id === fieldId);
  if (!field) fail('edit.unknownField', 'field', locale, { id: fieldId });
  if (table.primaryFieldId === fieldId) fail('edit.primaryField', 'field', locale, { name: field.name });
  for (const other of app.tables) {
    const inverse = other.fields.find((f) => fieldTypeOf(f).isDerived(f) && f.options?.table === tableId && f.options.inverseOf === fieldId);
    if (inverse) fail('edit.inverseField', 'field', locale, { name: field.name, other: `${other.name}.${inverse.name}` });
  }
  const affected = formulasReferencing(app, tableId, fieldId);
  const next: AppDef = { ...app, tables: app.tables.map((t) => (t.id !== tableId ? t : tableWithoutField(t, fieldId))) };
  const saved = await store.putApp(withCompiledFormulas(fitDashboardsToApp(next)), app.version);
  return { app: saved, affected };
}

/**
 * The object a formula is evaluated against for one stored record, as the recompute engine
 * builds it: the stored values, the computed ones (formulas, inverse relations) and, for
 * each relation the formula reads through (`refs` with `via`), the related records' values
 * and computed values. Undefined until `derived` has loaded, or for an unknown record.
 */
export function evaluationObject(
  app: AppDef,
  derived: DerivedValues,
  tableId: string,
  recordId: string,
  refs: readonly FormulaReference[],
): Record<string, unknown> | undefined {
  const record = derived.record(tableId, recordId);
  const computed = derived.get(tableId, recordId);
  if (!record || !computed) return undefined;
  const object: Record<string, unknown> = { ...record.values, ...computed };
  const table = app.tables.find((t) => t.id === tableId);
  for (const via of new Set(refs.map((r) => r.via).filter((v): v is string => v !== undefined))) {
    const target = table?.fields.find((f) => f.id === via)?.options?.table;
    if (!target) continue;
    object[via] = idsOf(object[via] as CellValue | undefined).map((id) => ({
      ...derived.record(target, id)?.values,
      ...derived.get(target, id),
    }));
  }
  return object;
}
