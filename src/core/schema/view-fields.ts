/**
 * What a saved view (`ViewDef`) may do with each field of its table, and the small pure
 * operations on views that the validator, the runtime (src/runtime/views.ts) and the view
 * elements share: which fields sort, group and sum; the full column list a view shows; whether
 * two views are the same; a view fitted to its table after a field was deleted or changed.
 *
 * A field's abilities come from the field-type model (`fieldTypeOf(field).scalar(field)`,
 * `conditionKind`), never from its type name, so a site owner's type and a formula field get
 * those of what they hold. See docs/views.md for the table of which fields do what.
 */
import { fieldTypeOf, hasFormula, linkedTable } from '../fields/index.js';
import { conditionKind, conditionToLogic, logicToCondition } from '../conditions/model.js';
import type { Logic } from '../logic/index.js';
import type { FieldDef, TableDef, ViewColumn, ViewDef } from './types.js';

/** Width bounds of a column, in CSS pixels. */
export const VIEW_COLUMN_WIDTH = { min: 40, max: 800 } as const;
/** Most columns a view may freeze. */
export const VIEW_MAX_FROZEN = 10;
/** The periods a date group may span. */
export const VIEW_DATE_PERIODS = ['day', 'week', 'month', 'year'] as const;

/**
 * Whether a field holds one value per record (not a list of choices or linked records). A
 * relation reads as a list in formulas; it holds one record when it is not `multiple` and not
 * an inverse link.
 */
function isSingleValued(field: FieldDef): boolean {
  if (linkedTable(field) !== undefined) return field.options?.multiple !== true && !fieldTypeOf(field).isDerived(field);
  return !fieldTypeOf(field).scalar(field).list;
}

/** Sorting needs one key per record: every single-valued field sorts (lists do not). */
export function isSortableField(field: FieldDef): boolean {
  return isSingleValued(field);
}

/** A date, a datetime or a date formula: groups by a period. */
export function isDateField(field: FieldDef): boolean {
  return conditionKind(field) === 'date';
}

/**
 * Groups need few distinct values and one per record: a single choice, a checkbox, a single
 * relation, a date (by period), a lifecycle stage (five values), or a text formula (a stage
 * computed by IFS and the like). Free text, numbers and lists (multiselect, multiple
 * relations) do not group.
 */
export function isGroupableField(field: FieldDef): boolean {
  if (!isSingleValued(field)) return false;
  const kind = conditionKind(field);
  if (kind === 'choice' || kind === 'checkbox' || kind === 'relation' || kind === 'date') return true;
  return kind === 'text' && (hasFormula(field.type) || field.type === 'stage');
}

/** Number, money and percent fields (formulas with such a result too) are summed per group. */
export function isSummableField(field: FieldDef): boolean {
  return isSingleValued(field) && conditionKind(field) === 'number';
}

/** One column as a view shows it: the field, whether hidden, its width when set. */
export interface ResolvedColumn {
  field: FieldDef;
  hidden: boolean;
  width?: number;
}

/**
 * Every field of the table in the view's order: the view's columns first (entries naming a
 * field the table no longer has are skipped), then the fields it does not list, visible, in
 * table order. Archived fields (`FieldDef.archived`) are left out until restored.
 */
export function viewColumns(table: TableDef, view: ViewDef | undefined): ResolvedColumn[] {
  const byId = new Map(table.fields.filter((f) => !f.archived).map((f) => [f.id, f]));
  const out: ResolvedColumn[] = [];
  const listed = new Set<string>();
  for (const column of view?.columns ?? []) {
    const field = byId.get(column.fieldId);
    if (!field || listed.has(field.id)) continue;
    listed.add(field.id);
    out.push(column.width === undefined ? { field, hidden: column.hidden === true } : { field, hidden: column.hidden === true, width: column.width });
  }
  for (const field of byId.values()) if (!listed.has(field.id)) out.push({ field, hidden: false });
  return out;
}

/** The stored `columns` of a resolved column list (hidden and width only where set). */
export function toViewColumns(columns: readonly ResolvedColumn[]): ViewColumn[] {
  return columns.map((c) => {
    const column: ViewColumn = { fieldId: c.field.id };
    if (c.hidden) column.hidden = true;
    if (c.width !== undefined) column.width = c.width;
    return column;
  });
}

/** JSON with object keys sorted, so that key order does not make two views differ. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A view with its defaults spelled out the one way, so that views showing the same thing
 * compare equal: every column listed in the order shown, `frozen` 1 when absent, and empty
 * sort levels, sums, collapsed groups and an always-true filter left out.
 */
function normalView(table: TableDef, view: ViewDef): ViewDef {
  const next: ViewDef = { ...view, columns: toViewColumns(viewColumns(table, view)), frozen: view.frozen ?? 1 };
  if (!view.sort?.length) delete next.sort;
  if (view.filter === true) delete next.filter;
  if (view.group) {
    const group = { ...view.group };
    if (!group.sums?.length) delete group.sums;
    if (!group.collapsed?.length) delete group.collapsed;
    next.group = group;
  }
  return next;
}

/**
 * Whether two views show the same thing (the "modified" marker compares with this). With the
 * table, defaults count as set (a view listing every column in table order equals one listing
 * none); without it, the views are compared as stored.
 */
export function sameView(a: ViewDef, b: ViewDef, table?: TableDef): boolean {
  return table ? canonical(normalView(table, a)) === canonical(normalView(table, b)) : canonical(a) === canonical(b);
}

/**
 * The view fitted to a changed table: columns, sort levels, the group and sums that name a
 * field the table no longer has, or one that lost the ability (a select turned into text no
 * longer groups), are taken out, and so is a period on a field that is no longer a date. The
 * filter is read with `before` (the table the view was made for) and written again for
 * `after`, which drops its conditions on missing fields or with operators the field no longer
 * offers; a filter that cannot be read as conditions is kept as it is.
 */
export function fitViewToTable(view: ViewDef, before: TableDef, after: TableDef): ViewDef {
  const fields = new Map(after.fields.map((f) => [f.id, f]));
  const has = (id: string, ability: (field: FieldDef) => boolean): boolean => {
    const field = fields.get(id);
    return field !== undefined && ability(field);
  };
  const next: ViewDef = { ...view };
  if (view.columns) next.columns = view.columns.filter((c) => fields.has(c.fieldId));
  if (view.sort) next.sort = view.sort.filter((s) => has(s.fieldId, isSortableField));
  if (view.group) {
    if (!has(view.group.fieldId, isGroupableField)) delete next.group;
    else {
      const group = { ...view.group };
      if (group.by !== undefined && !has(group.fieldId, isDateField)) delete group.by;
      if (group.sums) group.sums = group.sums.filter((id) => has(id, isSummableField));
      next.group = group;
    }
  }
  if (view.filter !== undefined) {
    const parsed = logicToCondition(view.filter as Logic, before);
    if (parsed) {
      const logic = conditionToLogic(parsed, after);
      if (logic === true) delete next.filter;
      else next.filter = logic;
    }
  }
  return next;
}
