/**
 * Runtime values of the formula language and the one coercion path every operator and
 * function goes through (Excel's rules: blank is 0 in arithmetic and "" in text, numeric
 * text counts as a number, TRUE is 1).
 *
 * Values flowing between operations are plain JS values: number, string, boolean, null
 * (blank), arrays (lists from rollups) and `CellError` (an error value such as `#DIV/0!`).
 * Dates are Excel-style serial numbers inside a formula (days since 1899-12-30, the time
 * of day as the fraction, in the local time zone of the running environment) and become
 * `YYYY-MM-DD` / ISO strings again only at the formula's output, so date arithmetic is plain
 * number arithmetic as in a spreadsheet.
 */
import type { Locale } from '../schema/types.js';
import { runtimeMessage, type RuntimeMessageKey } from './messages.js';

/** The error codes a formula can evaluate to, as a spreadsheet shows them. */
export type CellErrorCode = '#DIV/0!' | '#VALUE!' | '#REF!' | '#NAME?' | '#NUM!' | '#N/A';

/**
 * An error value: the result of a formula that failed for a reason in the data (division by
 * zero, a bad argument, a deleted field). It flows through operators and functions like any
 * value (IFERROR catches it) and is never thrown. Deliberately not an `Error`: no stack is
 * captured, so computing `#DIV/0!` for 100,000 records stays cheap.
 */
export class CellError {
  constructor(
    /** The spreadsheet code, e.g. `#DIV/0!`. */
    readonly code: CellErrorCode,
    /** Which message explains it (see `messageIn`). */
    readonly reason: RuntimeMessageKey,
    /** Values substituted into the message, e.g. a function or field name. */
    readonly params: Readonly<Record<string, string>> = {},
  ) {}

  /** Why the error happened, in English. */
  get message(): string {
    return runtimeMessage(this.reason, 'en', this.params);
  }

  /** Why the error happened, in the given locale. */
  messageIn(locale: Locale): string {
    return runtimeMessage(this.reason, locale, this.params);
  }

  /** The code, as a cell shows it. */
  toString(): string {
    return this.code;
  }

  /** Serialises as the code, so a stored or logged result never becomes `{}`. */
  toJSON(): string {
    return this.code;
  }
}

/** Whether a value is an error value. */
export function isError(v: unknown): v is CellError {
  return v instanceof CellError;
}

/** Shorthand used by the operation table. */
export function err(code: CellErrorCode, reason: RuntimeMessageKey, params?: Record<string, string>): CellError {
  return new CellError(code, reason, params);
}

/**
 * The longest text a formula may build: Excel's cell limit. Every operation that makes text
 * longer (`&`, CONCATENATE, SUBSTITUTE, UPPER…) checks the length it *would* produce before
 * building it, so a formula like SUBSTITUTE nested seven deep (each step ×10) stops at
 * `#VALUE!` instead of building 100 MB strings per record and freezing the page.
 */
export const MAX_FORMULA_TEXT_LENGTH = 32767;

/** The error value of text that would exceed MAX_FORMULA_TEXT_LENGTH. */
export function textTooLong(): CellError {
  return new CellError('#VALUE!', 'textTooLong', { value: '32,767' });
}

/** Blank: no value at all. An empty string counts as blank because empty inputs store it. */
export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

// ---------------------------------------------------------------------------------------
// Numbers

/** Exact powers of ten 10^0 … 10^22 (every one is a double without rounding). */
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/**
 * Rounds to 15 significant digits, the precision Excel shows and compares with, so
 * 0.1 + 0.2 is 0.3. Integers (the common case) skip the string round trip.
 */
export function round15(n: number): number {
  if (Number.isInteger(n) && n < 1e15 && n > -1e15) return n === 0 ? 0 : n;
  // Fast exact check, no string: if scaling to 15 significant digits and back reproduces n,
  // n already has at most 15 digits (the usual case, e.g. 123.45) and is its own answer.
  // Scale so the 15 significant digits are the integer part, then round. The product n*scale
  // is off by at most 1/16 of a unit, so unless its fraction is near one half the rounding
  // is certain and the division (two exact operands) gives the correctly rounded result;
  // near a tie, the exact decimal conversion decides.
  const a = Math.abs(n);
  if (a >= 1e-8 && a < 1e15) {
    let k = 14 - Math.floor(Math.log10(a));
    // Math.log10 may land on the wrong side of a power of ten; fix the digit count.
    const magnitude = a * POW10[k]!;
    if (magnitude >= 1e15) k--;
    else if (magnitude < 1e14 && k < 22) k++;
    const scale = POW10[k]!;
    const scaled = n * scale;
    const frac = scaled - Math.floor(scaled);
    if (frac < 0.4 || frac > 0.6) {
      const r = Math.round(scaled) / scale;
      return r === 0 ? 0 : r;
    }
  }
  const r = Number(n.toPrecision(15));
  return r === 0 ? 0 : r;
}

/** A number as text the way Excel's General format writes it: at most 15 significant digits. */
export function numberToText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n === 0 ? 0 : n);
  const s = String(round15(n));
  const e = s.indexOf('e');
  if (e < 0) return s;
  // JS writes 1e-7 and 1e+21; Excel writes 1E-07 and 1E+21.
  const sign = s[e + 1] === '-' ? '-' : '+';
  const digits = s.slice(e + 2).padStart(2, '0');
  return `${s.slice(0, e)}E${sign}${digits}`;
}

const NUMBER_TEXT = /^([+-]?)\s*[¥￥$€£]?\s*((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:e([+-]?\d+))?\s*(%?)$/i;

/**
 * Reads text as a number the way Excel's VALUE and arithmetic do: `" 1,234.5 "`, `"50%"`,
 * `"¥100"`, `"1e3"`, dates (`"2024-01-31"` → its serial) and times (`"12:30"` → 0.5208…).
 * Returns undefined for text that is not a number.
 */
export function parseNumberText(text: string): number | undefined {
  const s = text.replace(/[\s\u3000]+/g, ' ').trim();
  if (s === '') return undefined;
  const m = NUMBER_TEXT.exec(s);
  if (m) {
    let n = Number(m[2]!.replace(/,/g, '') + (m[3] !== undefined ? `e${m[3]}` : ''));
    if (m[1] === '-') n = -n;
    if (m[4] === '%') n = n / 100;
    return Number.isFinite(n) ? n : undefined;
  }
  const d = parseDateText(s);
  if (d !== undefined) return d;
  return undefined;
}

/** Number coercion for arithmetic and numeric parameters. */
export function toNumber(v: unknown): number | CellError {
  if (typeof v === 'number') return v;
  if (v === null || v === undefined || v === '') return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const n = parseNumberText(v);
    return n === undefined ? err('#VALUE!', 'notNumber', { value: clip(v) }) : n;
  }
  if (v instanceof CellError) return v;
  if (Array.isArray(v)) return err('#VALUE!', 'listNotScalar');
  return err('#VALUE!', 'notNumber', { value: String(v) });
}

/** Text coercion for `&` and text parameters. */
export function toText(v: unknown): string | CellError {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberToText(v);
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof CellError) return v;
  if (Array.isArray(v)) return err('#VALUE!', 'listNotScalar');
  return err('#VALUE!', 'notText');
}

/** Logical coercion for conditions: numbers are TRUE unless 0, "TRUE"/"FALSE" text is read. */
export function toBoolean(v: unknown): boolean | CellError {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (v === null || v === undefined || v === '') return false;
  if (typeof v === 'string') {
    const u = v.trim().toUpperCase();
    if (u === 'TRUE') return true;
    if (u === 'FALSE') return false;
    return err('#VALUE!', 'notLogical', { value: clip(v) });
  }
  if (v instanceof CellError) return v;
  return err('#VALUE!', 'listNotScalar');
}

/** Keeps quoted user text in messages short. */
export function clip(s: string): string {
  return s.length > 30 ? `${s.slice(0, 30)}…` : s;
}

// ---------------------------------------------------------------------------------------
// Dates: serial numbers (Excel's 1900 date system without its fictitious 1900-02-29).

/** Serial of 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25569;
const MS_PER_DAY = 86_400_000;

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The calendar date of a serial's day. */
export function civilFromSerial(serial: number): { y: number; m: number; d: number } {
  const z = Math.floor(serial) - UNIX_EPOCH_SERIAL + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/**
 * Serial of a calendar date. Months and days outside their range roll over, as Excel's
 * DATE does: (2024, 13, 1) is 2025-01-01 and (2024, 3, 0) is 2024-02-29.
 */
export function serialFromParts(y: number, m: number, d: number): number {
  const m0 = m - 1;
  const yy = y + Math.floor(m0 / 12);
  const mm = (((m0 % 12) + 12) % 12) + 1;
  return daysFromCivil(yy, mm, 1) + d - 1 + UNIX_EPOCH_SERIAL;
}

/** Number of days in a month (1-12). */
export function daysInMonth(y: number, m: number): number {
  return serialFromParts(y, m + 1, 1) - serialFromParts(y, m, 1);
}

/** Serial (with the local time of day as fraction) of an instant in milliseconds. */
export function serialFromInstant(ms: number): number {
  const dt = new Date(ms);
  const day = daysFromCivil(dt.getFullYear(), dt.getMonth() + 1, dt.getDate()) + UNIX_EPOCH_SERIAL;
  const msOfDay = ((dt.getHours() * 60 + dt.getMinutes()) * 60 + dt.getSeconds()) * 1000 + dt.getMilliseconds();
  return day + msOfDay / MS_PER_DAY;
}

const DATE_TEXT =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const TIME_TEXT = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;

/**
 * Reads a stored date or datetime: `YYYY-MM-DD` (a calendar date), an ISO timestamp with a
 * zone (an instant, shown in local time), or one without (a local wall-clock time). Also
 * `YYYY/M/D` and `2024年1月5日`. A bare time `hh:mm[:ss]` is a fraction of a day.
 * Impossible dates (2023-02-29) are not dates.
 */
export function parseDateText(text: string): number | undefined {
  const s = text.trim();
  const t = TIME_TEXT.exec(s);
  if (t) {
    const h = Number(t[1]);
    const mi = Number(t[2]);
    const sec = Number(t[3] ?? 0) + Number(`0.${t[4] ?? 0}`);
    if (h > 23 || mi > 59 || sec >= 60) return undefined;
    return (h * 3600 + mi * 60 + sec) / 86400;
  }
  const m = DATE_TEXT.exec(s);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  const h = Number(m[4] ?? 0);
  const mi = Number(m[5] ?? 0);
  const sec = Number(m[6] ?? 0);
  const frac = Number(`0.${m[7] ?? 0}`);
  if (h > 23 || mi > 59 || sec > 59) return undefined;
  const zone = m[8];
  if (zone !== undefined) {
    let offsetMin = 0;
    if (zone.toUpperCase() !== 'Z') {
      const sign = zone[0] === '-' ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
    }
    const utc = (daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec + frac) * 1000 - offsetMin * 60000;
    return serialFromInstant(utc);
  }
  return daysFromCivil(y, mo, d) + UNIX_EPOCH_SERIAL + (h * 3600 + mi * 60 + sec + frac) / 86400;
}

/**
 * Date coercion for date parameters. Numbers are serials (as in Excel), text is parsed as a
 * date, blank stays blank (callers return blank: a CRM's empty "first order date" must not
 * turn into 1900-01-00 as it would in Excel).
 */
export function toDate(v: unknown): number | null | CellError {
  if (typeof v === 'number') return v;
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'string') {
    const d = parseDateText(v);
    if (d !== undefined) return d;
    const n = parseNumberText(v);
    return n === undefined ? err('#VALUE!', 'notDate', { value: clip(v) }) : n;
  }
  if (v instanceof CellError) return v;
  if (Array.isArray(v)) return err('#VALUE!', 'listNotScalar');
  return err('#VALUE!', 'notDate', { value: String(v) });
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** A serial as output: `YYYY-MM-DD` for whole days, an ISO timestamp (UTC) when there is a time. */
export function serialToDateValue(serial: number): string | CellError {
  if (!Number.isFinite(serial)) return err('#NUM!', 'dateOutOfRange');
  // Round to the millisecond first so 0.9999999999 of a day does not print as 23:59:59.999.
  const totalMs = Math.round(serial * MS_PER_DAY);
  const dayMs = Math.floor(totalMs / MS_PER_DAY) * MS_PER_DAY;
  const { y, m, d } = civilFromSerial(dayMs / MS_PER_DAY);
  if (y < 0 || y > 9999) return err('#NUM!', 'dateOutOfRange');
  const msOfDay = totalMs - dayMs;
  if (msOfDay === 0) return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
  const local = new Date(0);
  local.setFullYear(y, m - 1, d);
  local.setHours(0, 0, 0, msOfDay);
  return local.toISOString();
}

/** A serial as `YYYY-MM-DD` (or `YYYY-MM-DD hh:mm:ss` when it has a time), for `&` and text functions. */
export function serialToText(serial: number): string | CellError {
  const totalMs = Math.round(serial * MS_PER_DAY);
  const dayMs = Math.floor(totalMs / MS_PER_DAY) * MS_PER_DAY;
  const { y, m, d } = civilFromSerial(dayMs / MS_PER_DAY);
  if (y < 0 || y > 9999) return err('#NUM!', 'dateOutOfRange');
  const date = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
  const secs = Math.round((totalMs - dayMs) / 1000);
  if (secs === 0) return date;
  return `${date} ${pad(Math.floor(secs / 3600), 2)}:${pad(Math.floor(secs / 60) % 60, 2)}:${pad(secs % 60, 2)}`;
}

/** Serial of "now" given as a Date, an ISO string or epoch milliseconds. */
export function serialFromNowOption(now: Date | string | number): number {
  if (typeof now === 'number') return serialFromInstant(now);
  if (now instanceof Date) return serialFromInstant(now.getTime());
  const parsed = parseDateText(now);
  if (parsed === undefined) throw new RangeError(`Invalid "now" option: ${now}`);
  return parsed;
}
