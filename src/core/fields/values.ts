/**
 * Pure value parsing shared by every field type, the form, CSV import and rules: numbers
 * and dates as people write them (full-width digits, thousands separators, currency signs,
 * 2024/1/5, 2024年1月5日) and the one meaning of "blank". No DOM, no Lit: importable from
 * src/core, workers and Node.
 */
import type { CellValue } from '../schema/types.js';

/**
 * Blank — the one meaning used everywhere (required checks, sorting blanks last, "no value"
 * in CSV): `null`, `undefined`, text that is empty or only whitespace, or an empty list.
 * `false` and `0` are values, not blanks (whether an unticked required checkbox counts as
 * missing is the checkbox type's `isEmpty`, not this function's business).
 */
export function isBlank(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    // A test rather than `trim()`: no new string per value (sorting and grouping 100,000 rows ask).
    (typeof value === 'string' && !/\S/.test(value)) ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** Full-width digits, letters and punctuation (typed with a Chinese IME) to ASCII; the ideographic space to a space. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * Parse a number as people type it or spreadsheets export it: `1,234.5`, `¥ 99`, `￥88`,
 * `1,234.5元`, `１２３`, `-3`, `1e3`. Undefined when the text is not a number.
 */
export function parseNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  const text = toHalfWidth(raw)
    .trim()
    .replace(/^([+-]?)\s*(?:[¥￥$€£]|CNY|RMB|USD)\s*/i, '$1')
    .replace(/\s*(?:元|块|CNY|RMB)$/i, '')
    .replace(/(\d),(?=\d{3}(\D|$))/g, '$1')
    .replace(/\s+/g, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** True when y-m-d is a real calendar day (years 1–9999). */
export function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1 || y > 9999) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Parse a calendar date to `YYYY-MM-DD`: accepts 2024-03-05, 2024/3/5, 2024.3.5,
 * 2024年3月5日 and timestamps (their date part). Undefined when it is not a real date.
 */
export function parseDate(raw: unknown): string | undefined {
  if (raw instanceof Date) {
    return Number.isNaN(raw.getTime()) ? undefined : `${raw.getFullYear()}-${pad(raw.getMonth() + 1)}-${pad(raw.getDate())}`;
  }
  if (typeof raw !== 'string') return undefined;
  const text = toHalfWidth(raw).trim();
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s].*)?$/.exec(text);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isRealDate(y, m, d) ? `${match[1]}-${pad(m)}-${pad(d)}` : undefined;
}

/**
 * Parse a date and time to an ISO 8601 UTC string. Without a zone the time is local (what a
 * person in front of the page means); a date alone is its local midnight.
 */
export function parseDateTime(raw: unknown): string | undefined {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? undefined : raw.toISOString();
  if (typeof raw !== 'string') return undefined;
  const text = toHalfWidth(raw).trim();
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const [h, min, s] = [Number(match[4] ?? 0), Number(match[5] ?? 0), Number(match[6] ?? 0)];
  if (!isRealDate(y, m, d) || h > 23 || min > 59 || s > 59) return undefined;
  const zone = match[7];
  const date = zone
    ? new Date(`${match[1]}-${pad(m)}-${pad(d)}T${pad(h)}:${pad(min)}:${pad(s)}${zone === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`)
    : new Date(y, m - 1, d, h, min, s);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** Whether `value` is a real calendar date written as `YYYY-MM-DD` (the stored form of dates). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_PATTERN.exec(value);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Whether `value` is an ISO 8601 date-time with a time zone (`Z` or `±hh:mm`), the stored form of datetimes. */
export function isIsoDateTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATETIME_PATTERN.exec(value);
  if (m === null || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), m[6] === undefined ? 0 : Number(m[6])];
  const [offsetHour, offsetMinute] = [m[7] === undefined ? 0 : Number(m[7]), m[8] === undefined ? 0 : Number(m[8])];
  return hour <= 23 && minute <= 59 && second <= 59 && offsetHour <= 23 && offsetMinute <= 59;
}

/** Zh-CN collation: pinyin order, digits by numeric value. Shared so every sort agrees. */
export const textCollator = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });

/** Plain text of any cell value (lists joined with `, `; blank as ''). */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/**
 * The largest value size a record may hold, in characters of text (a text value, or one
 * list's ids joined). Enforced by every text-like type's check and by record writes, so one
 * pasted file cannot make a record that slows every view down. See docs/field-types.md.
 */
export const MAX_TEXT_LENGTH = 100_000;

/** The largest number of items in a list value (multiselect, multiple relation). */
export const MAX_LIST_LENGTH = 10_000;

/**
 * Order two sort keys (`FieldTypeDef.sortKey`): numbers numerically (NaN last), before
 * strings; strings in zh-CN collation (pinyin order, digits by value).
 */
export function compareSortKeys(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) === Number.isNaN(b) ? 0 : Number.isNaN(a) ? 1 : -1;
    return a - b;
  }
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return textCollator.compare(a, b);
}
