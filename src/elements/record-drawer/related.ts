/**
 * What the record drawer shows of a record's related records (a customer's orders): which
 * inverse relations a table has, which few columns of the linked table are worth a glance
 * (its primary field, then money, date and choice fields), and the newest-first order. No
 * DOM: the drawer renders what these return.
 */
import type { FieldDef, RecordData, TableDef } from '../../core/schema/types.js';
import { fieldTypeOf, isInverseLink, linkedTable } from '../../core/fields/index.js';

/** Columns of a related-records table besides the primary field. */
export const RELATED_COLUMNS = 4;

/** One inverse relation of a table: the field, and the table its records live in. */
export interface RelatedList {
  field: FieldDef;
  target: TableDef;
  /** The linked table's columns: its primary field first. */
  columns: FieldDef[];
  /** The field the newest-first order reads, or undefined for `createdAt`. */
  dateField: FieldDef | undefined;
}

/** Rank of a column for the small table: money, then dates, then choices, then numbers, then the rest. */
function columnRank(field: FieldDef): number {
  const type = fieldTypeOf(field);
  const scalar = type.scalar(field);
  if (scalar.type === 'money') return 0;
  if (scalar.type === 'date') return 1;
  if (type.category === 'choice') return 2;
  if (scalar.type === 'number' || scalar.type === 'percent') return 3;
  return 4;
}

/**
 * The columns shown for records of `target` linked through `backFieldId` (the relation that
 * points at the open record, which would only repeat its name): the primary field, then up to
 * `RELATED_COLUMNS` others by `columnRank`, in table order within a rank. Lists of linked
 * records (other relations) are left out.
 */
export function relatedColumns(target: TableDef, backFieldId: string | undefined): FieldDef[] {
  const primary = target.fields.find((f) => f.id === target.primaryFieldId);
  const others = target.fields
    .filter((f) => f.id !== target.primaryFieldId && f.id !== backFieldId && linkedTable(f) === undefined && fieldTypeOf(f).category !== 'layout')
    .map((field, index) => ({ field, index, rank: columnRank(field) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .slice(0, RELATED_COLUMNS)
    .map((c) => c.field);
  return primary ? [primary, ...others] : others;
}

/** Every inverse relation of `table` whose linked table exists in `tables`. */
export function relatedLists(table: TableDef, tables: readonly TableDef[]): RelatedList[] {
  const out: RelatedList[] = [];
  for (const field of table.fields) {
    if (!isInverseLink(field)) continue;
    const target = tables.find((t) => t.id === linkedTable(field));
    if (!target) continue;
    const back = typeof field.options?.inverseOf === 'string' ? field.options.inverseOf : undefined;
    const columns = relatedColumns(target, back);
    const dateField = target.fields.find((f) => f.id !== back && fieldTypeOf(f).scalar(f).type === 'date' && !fieldTypeOf(f).scalar(f).list);
    out.push({ field, target, columns, dateField });
  }
  return out;
}

/**
 * Sorts related records newest first: by `dateField` (records without a date last), ties
 * and undated tables by `createdAt`. Returns a new array.
 */
export function newestFirst(records: readonly RecordData[], dateField: FieldDef | undefined): RecordData[] {
  const type = dateField ? fieldTypeOf(dateField) : undefined;
  const keyed = records.map((record) => {
    const value = dateField ? record.values[dateField.id] : undefined;
    const blank = value === null || value === undefined || value === '';
    const key = blank || !type || !dateField ? undefined : type.sortKey(value, dateField);
    return { record, key: typeof key === 'number' ? key : typeof key === 'string' ? Date.parse(key) : Number.NaN, created: Date.parse(record.createdAt) };
  });
  keyed.sort((a, b) => {
    const aHas = !Number.isNaN(a.key);
    const bHas = !Number.isNaN(b.key);
    if (aHas !== bHas) return aHas ? -1 : 1;
    return (aHas ? b.key - a.key : 0) || b.created - a.created;
  });
  return keyed.map((k) => k.record);
}
