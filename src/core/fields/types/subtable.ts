/**
 * Line items (子表单): the rows of a sub-table field are records of a child table
 * (`options.table`) linked back to the parent by the child's relation field
 * `options.inverseOf` (an order line's 订单). Like an inverse relation the value is derived —
 * the ids of the child records — and never stored in the parent, so the runtime keeps it in
 * memory exactly as it keeps a customer's orders, and a formula reads it as a list of records
 * (`SUM({订单明细}.{金额})`).
 *
 * `columns` are the child fields the rows show, `totalField` the child number / money field
 * summed in the total row, and `totalInto` the parent's stored number / money field that
 * receives that total when the form saves (`applySubtableTotals`), so the order amount follows
 * its lines. Facts only: the editable table is widgets/subtable.ts.
 */
import type { CellValue, FieldDef, Locale, RecordValues, TableDef } from '../../schema/types.js';
import { defineFieldType, mismatch } from '../define.js';
import { fieldTypeOf, type FormatContext, type OptionProblem } from '../index.js';

const NUMERIC_TYPES: ReadonlySet<string> = new Set(['number', 'money']);

const LINES: Record<Locale, (count: number) => string> = {
  'zh-CN': (count) => `${count} 行`,
  en: (count) => (count === 1 ? '1 line' : `${count} lines`),
};

function idsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}

/** The sum of `totalField` over child rows' values (blank and non-number values count as 0). */
export function subtableTotal(field: FieldDef, rows: ReadonlyArray<RecordValues>): number {
  const totalField = field.options?.totalField;
  if (!totalField) return 0;
  let total = 0;
  for (const row of rows) {
    const value = row[totalField];
    if (typeof value === 'number' && Number.isFinite(value)) total += value;
  }
  // Money sums of decimal fractions drift (0.1 + 0.2); cents are what people read and store.
  return Math.round(total * 1e6) / 1e6;
}

/**
 * The parent's values with every sub-table's total written into its `totalInto` field: what a
 * form saves beside the child rows, in the same write. `rowsByField` holds the rows being saved
 * per sub-table field id; sub-tables without rows there or without `totalInto` are left alone.
 */
export function applySubtableTotals(table: TableDef, values: RecordValues, rowsByField: Readonly<Record<string, ReadonlyArray<RecordValues>>>): RecordValues {
  const out: RecordValues = { ...values };
  for (const field of table.fields) {
    if (field.type !== 'subtable' || !field.options?.totalInto) continue;
    const rows = rowsByField[field.id];
    if (rows) out[field.options.totalInto] = subtableTotal(field, rows);
  }
  return out;
}

/** The child fields a sub-table shows as columns: `columns` in order, else every field but the link back. */
export function subtableColumns(field: FieldDef, childFields: readonly FieldDef[]): FieldDef[] {
  const columns = field.options?.columns;
  if (columns && columns.length > 0) {
    const byId = new Map(childFields.map((f) => [f.id, f]));
    return columns.map((id) => byId.get(id)).filter((f): f is FieldDef => f !== undefined && !f.archived);
  }
  return childFields.filter((f) => f.id !== field.options?.inverseOf && !f.archived);
}

/** "3 行 · ¥1,234.00": the number of rows and, when the context can read them, their total. */
function formatSubtable(value: CellValue, field: FieldDef, context: FormatContext): string {
  const ids = idsOf(value);
  // Blank (no lines yet) reads as blank text, like every other blank value.
  if (ids.length === 0) return '';
  const lines = LINES[context.locale](ids.length);
  const table = field.options?.table;
  const totalField = field.options?.totalField;
  if (!table || !totalField || !context.relatedValues || !context.fieldOf) return lines;
  const totalDef = context.fieldOf(table, totalField);
  if (!totalDef) return lines;
  const rows = ids.map((id) => context.relatedValues!(table, id)).filter((row): row is RecordValues => row !== undefined);
  const total = subtableTotal(field, rows);
  return `${lines} · ${fieldTypeOf(totalDef).format(total, totalDef, context)}`;
}

/** A problem of a sub-table's options found against the whole app, keyed by the option. */
export type SubtableProblem = OptionProblem | { key: string; code: 'schema.fieldUnknown' | 'schema.subtableFieldType'; params: Record<string, string> };

/**
 * Options checked against the app (template load, import, field saves): the child table
 * exists, `inverseOf` is its stored relation back to this table (checked with every inverse
 * relation), the columns and `totalField` are child fields, `totalField` is a number / money
 * field and `totalInto` a stored number / money field of this table.
 */
export function checkSubtableInApp(field: FieldDef, own: TableDef, tableOf: (id: string) => TableDef | undefined): SubtableProblem[] {
  const o = field.options ?? {};
  const child = o.table ? tableOf(o.table) : undefined;
  if (!child) return [];
  const problems: SubtableProblem[] = [];
  const childField = (id: string) => child.fields.find((f) => f.id === id);
  const unknown = (key: string, id: string, table: TableDef): SubtableProblem => ({ key, code: 'schema.fieldUnknown', params: { field: id, table: table.id } });
  for (const id of o.columns ?? []) if (!childField(id)) problems.push(unknown('columns', id, child));
  if (o.totalField) {
    const total = childField(o.totalField);
    if (!total) problems.push(unknown('totalField', o.totalField, child));
    else if (!NUMERIC_TYPES.has(total.type)) problems.push({ key: 'totalField', code: 'schema.subtableFieldType', params: { field: o.totalField, table: child.id } });
  }
  if (o.totalInto) {
    const into = own.fields.find((f) => f.id === o.totalInto);
    if (!into) problems.push(unknown('totalInto', o.totalInto, own));
    else if (!NUMERIC_TYPES.has(into.type)) problems.push({ key: 'totalInto', code: 'schema.subtableFieldType', params: { field: o.totalInto, table: own.id } });
  }
  return problems;
}

export const subtableType = defineFieldType({
  type: 'subtable',
  labels: { 'zh-CN': '子表单', en: 'Line items' },
  category: 'relation',
  isDerived: () => true,
  scalar: () => ({ type: 'text', list: true }),
  // The rows are records of the child table: nothing is ever stored in the parent.
  coerce: () => ({ ok: true, value: null }),
  checkStored: (value, field) => mismatch(field, 'no stored value (line items are records of their own table)', value),
  sortKey: (value) => idsOf(value).length,
  format: formatSubtable,
  checkInApp: checkSubtableInApp,
  options: [
    { key: 'table', kind: 'table', required: true, labels: { 'zh-CN': '明细表', en: 'Line table' } },
    { key: 'inverseOf', kind: 'field', required: true, panel: false, labels: { 'zh-CN': '明细表中关联回本表的字段', en: 'Link back from the line table' } },
    { key: 'columns', kind: 'json', labels: { 'zh-CN': '显示的列', en: 'Columns' } },
    { key: 'totalField', kind: 'field', labels: { 'zh-CN': '合计的字段', en: 'Field to total' } },
    { key: 'totalInto', kind: 'field', labels: { 'zh-CN': '合计写入本表字段', en: 'Write the total into' } },
  ],
});

