/**
 * The few custom JSON Logic operations conditions need beyond standard json-logic-js, and the
 * data a condition is evaluated against. Registered with `addOperation`, so applyLogic and
 * json-logic-js (the oracle) run the same functions. Kept tiny: the table's filtering loads
 * this module in the main bundle; the condition model itself travels with the designer.
 *
 * - `ltc_text(v)`: the text a condition compares — full-width → half-width, lower case,
 *   lists joined with `, `, blank as ''.
 * - `ltc_blank(v)`: blank as everywhere (`isBlank`: null, '', whitespace, []).
 * - `ltc_day(v)`: the calendar day (`YYYY-MM-DD`, local time) of a date or datetime; null if none.
 * - `ltc_shift(day, n, unit)`: a `YYYY-MM-DD` moved by n days, weeks or months.
 *
 * Relative dates read today from the data's reserved `$today` var (`YYYY-MM-DD`), so stored
 * logic means "in the last 30 days" whenever it runs, not "since the day it was saved".
 */
import { addOperation } from '../logic/index.js';
import { cellText, isBlank, isIsoDate, toHalfWidth } from '../fields/values.js';
import { fieldTypeOf } from '../fields/index.js';
import type { CellValue, FieldDef, RecordData, TableDef } from '../schema/types.js';

/** The reserved data key holding today's date (`YYYY-MM-DD`) for relative-date conditions. */
export const TODAY_VAR = '$today';

/** A value normalised for text comparison: half-width, lower case (also for the search text). */
export function normaliseText(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : cellText(value as CellValue);
  return toHalfWidth(text).toLowerCase();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A local calendar day as `YYYY-MM-DD`. */
export function localDay(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The calendar day of a stored date (as is) or datetime (its local day); null otherwise. */
export function dayOf(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  if (isIsoDate(value)) return value;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : localDay(date);
}

/** `day` moved by `n` units; a month step keeps the day of month, clamped to the month's end (Jan 31 + 1 month = Feb 28/29). */
export function shiftDay(day: unknown, n: unknown, unit: unknown): string | null {
  if (typeof day !== 'string' || !isIsoDate(day) || typeof n !== 'number' || !Number.isFinite(n)) return null;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  // UTC arithmetic: calendar days, no daylight-saving hour to trip over.
  if (unit === 'month') {
    const first = new Date(Date.UTC(y, m - 1 + n, 1));
    const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
    first.setUTCDate(Math.min(d, last));
    return first.toISOString().slice(0, 10);
  }
  const days = unit === 'week' ? n * 7 : n;
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

addOperation('ltc_text', normaliseText);
addOperation('ltc_blank', (value: unknown) => isBlank(value));
addOperation('ltc_day', dayOf);
addOperation('ltc_shift', shiftDay);

/** Reads a field's value of a record: stored values, or derived ones (formulas, inverse links) from the app's DerivedValues. */
export type ValueOf = (record: RecordData, field: FieldDef) => CellValue | undefined;

/**
 * The data a condition's logic runs on: the record's stored values by field id, the derived
 * fields' values (formulas, inverse links) through `valueOf`, and `$today`.
 */
export function conditionData(record: RecordData, table: TableDef, today: string, valueOf?: ValueOf): Record<string, unknown> {
  const data: Record<string, unknown> = { ...record.values, [TODAY_VAR]: today };
  // Only derived fields are asked for: a filter over 100,000 records reads stored values as they are.
  if (valueOf) for (const field of table.fields) if (fieldTypeOf(field).isDerived(field)) data[field.id] = valueOf(record, field) ?? null;
  return data;
}
