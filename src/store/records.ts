/**
 * Record helpers shared by every `Store` backend, so that MemoryStore (the reference) and
 * IndexedDbStore order, filter, merge and copy records in exactly the same way.
 */
import type { CellValue, RecordData, RecordValues } from '../core/schema/types.js';
import type { RecordQuery } from './types.js';
import { StoreError } from './types.js';
import { rankTexts } from './collate.js';

/** True for the values a table shows as an empty cell. */
export function isBlank(value: CellValue | undefined): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Structural equality of two cell values (arrays compare element by element). */
export function sameValue(a: CellValue | undefined, b: CellValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }
  return a === b || (a === undefined && b === null) || (a === null && b === undefined);
}

/** A copy of `values` that shares nothing mutable with the original. */
export function copyValues(values: RecordValues): RecordValues {
  const out: RecordValues = {};
  for (const key of Object.keys(values)) {
    const v = values[key];
    out[key] = Array.isArray(v) ? v.slice() : v;
  }
  return out;
}

/** A deep copy of a record, so callers can never change what a store holds. */
export function copyRecord(record: RecordData): RecordData {
  return {
    id: record.id,
    tableId: record.tableId,
    version: record.version,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    values: copyValues(record.values),
  };
}

/**
 * Applies an update's changed values to a stored record's values. Returns the merged values
 * and, for every field whose value actually changed, its previous value (`null` if unset).
 */
export function mergeValues(stored: RecordValues, changes: RecordValues): { values: RecordValues; previous: RecordValues; changed: boolean } {
  const values = copyValues(stored);
  const previous: RecordValues = {};
  let changed = false;
  for (const key of Object.keys(changes)) {
    const next = changes[key];
    if (next === undefined) continue; // not a CellValue; a spread of a partial object may carry it
    if (sameValue(stored[key], next)) continue;
    previous[key] = stored[key] ?? null;
    values[key] = Array.isArray(next) ? next.slice() : next;
    changed = true;
  }
  return { values, previous, changed };
}

/** Checks a caller-chosen record id. */
export function checkRecordId(id: unknown): string {
  if (typeof id !== 'string' || id.length === 0 || id.length > 200) {
    throw new StoreError('store.invalidId', `A record id must be a non-empty string of at most 200 characters (got ${JSON.stringify(id)}).`);
  }
  return id;
}

/** Type rank for mixed columns (a field whose type changed): numbers, booleans, then text. */
function typeRank(v: CellValue): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'boolean') return 1;
  return 2;
}

/** Text a non-number cell sorts as: arrays (multiselect, relations) by their joined ids. */
function textOf(v: CellValue): string {
  return Array.isArray(v) ? v.join(',') : String(v);
}

/** The value a record sorts by: a field value, or `createdAt` / `updatedAt` / `id`. */
function sortValue(record: RecordData, sortBy: string): CellValue | undefined {
  if (Object.prototype.hasOwnProperty.call(record.values, sortBy)) return record.values[sortBy];
  if (sortBy === 'createdAt' || sortBy === 'updatedAt' || sortBy === 'id') return record[sortBy];
  return undefined;
}

interface SortEntry {
  record: RecordData;
  type: number;
  /** The number, 0/1 for a boolean, or the text's zh-CN rank among the column's texts. */
  key: number;
  i: number;
}

/**
 * Sorts records in place by one field: numbers numerically, text in zh-CN order (pinyin,
 * numbers inside text by value: '客户2' < '客户10'), blanks last in both directions (an empty
 * phone number is never "the smallest"). The sort is stable, so records with equal values
 * keep insertion order. Text is ranked once per distinct value (./collate.ts) and records are
 * then sorted by numbers, instead of calling the collator n·log n times: 100,000 names sort
 * in tens of milliseconds rather than hundreds.
 */
export function sortRecords(records: RecordData[], sortBy: string, direction: 'asc' | 'desc' = 'asc'): RecordData[] {
  const sign = direction === 'desc' ? -1 : 1;
  const blanks: RecordData[] = [];
  const entries: SortEntry[] = [];
  const texts: string[] = [];
  const textEntries: SortEntry[] = [];
  for (const record of records) {
    const value = sortValue(record, sortBy);
    if (value === undefined || isBlank(value)) {
      blanks.push(record);
      continue;
    }
    const type = typeRank(value);
    const entry: SortEntry = { record, type, key: 0, i: entries.length };
    if (typeof value === 'number') entry.key = value;
    else if (typeof value === 'boolean') entry.key = Number(value);
    else {
      texts.push(textOf(value));
      textEntries.push(entry);
    }
    entries.push(entry);
  }
  if (texts.length > 0) {
    const ranks = rankTexts(texts);
    for (let j = 0; j < textEntries.length; j++) textEntries[j].key = ranks.get(texts[j])!;
  }
  entries.sort((x, y) => sign * (x.type - y.type || x.key - y.key) || x.i - y.i);
  let n = 0;
  for (const e of entries) records[n++] = e.record;
  for (const r of blanks) records[n++] = r;
  return records;
}

/**
 * Whether a record matches `query.where`: the cell equals the value, or, for array cells
 * (multiselect, multiple relations), contains it.
 */
export function matchesWhere(record: RecordData, where: RecordQuery['where']): boolean {
  if (!where) return true;
  const v = record.values[where.field];
  if (Array.isArray(v) && !Array.isArray(where.equals)) return where.equals !== null && v.includes(where.equals as string);
  return sameValue(v, where.equals);
}

/** Applies `offset` and `limit` to an already ordered list. */
export function pageOf<T>(items: T[], query: RecordQuery): T[] {
  const offset = Math.max(0, query.offset ?? 0);
  const end = query.limit === undefined ? undefined : offset + Math.max(0, query.limit);
  return offset === 0 && end === undefined ? items : items.slice(offset, end);
}
