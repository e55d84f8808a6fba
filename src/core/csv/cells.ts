/**
 * Cell-level rules shared by CSV import and export: the formula-injection guard and its
 * inverse, header matching keys, Excel serial dates and stable ids for added choices. Pure
 * functions, no papaparse, so the exporter can use them without loading the parser.
 */
import { isValidId } from '../ids.js';
import { toHalfWidth } from '../fields/values.js';

/**
 * Text a spreadsheet would run as a formula starts with `= + - @`, a tab or a CR (OWASP
 * "CSV injection"). Leading apostrophes are counted too, so that guarding is reversible:
 * `'=x` is written `''=x` and reads back as `'=x`.
 */
const GUARDED = /^'*[=+\-@\t\r]/;
const UNGUARD = /^'+[=+\-@\t\r]/;

/** Prefix `'` to text a spreadsheet would read as a formula (see `GUARDED`). */
export function guardCell(text: string): string {
  return GUARDED.test(text) ? `'${text}` : text;
}

/** The inverse of `guardCell`: drop the one `'` it added. Other text is returned as is. */
export function unguardCell(text: string): string {
  return UNGUARD.test(text) ? text.slice(1) : text;
}

/**
 * The key a header or a field name is matched by: the guard undone, full-width → half-width,
 * trimmed, inner white space collapsed, lower case.
 */
export function headerKey(text: string): string {
  return toHalfWidth(unguardCell(text)).trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A header key without a trailing unit in parentheses: `金额（元）` → `金额`, `amount (cny)` → `amount`. */
export function withoutUnit(key: string): string {
  return key.replace(/\s*\([^()]*\)$/, '').trim();
}

const DAY_MS = 86_400_000;
/** Excel's day 0 for serials after its fictional 1900-02-29: 1899-12-30. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
/** 9999-12-31, the last day Excel shows. */
const EXCEL_MAX_SERIAL = 2_958_465;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * An Excel serial date (1900 date system) as local wall-clock text `YYYY-MM-DD HH:MM:SS`,
 * which the date and datetime types read. Excel counts 1900 as a leap year (a Lotus 1-2-3
 * bug it kept): serial 60 is 1900-02-29, a day that never was, so serials below 60 count
 * from 1899-12-31 and those above from 1899-12-30. Returns `'fictional'` for 60 and
 * `'range'` outside 1 … 2958465 (9999-12-31).
 */
export function excelSerialToText(serial: number): string | 'fictional' | 'range' {
  if (!Number.isFinite(serial) || serial < 1 || serial >= EXCEL_MAX_SERIAL + 1) return 'range';
  let days = Math.floor(serial);
  if (days === 60) return 'fictional';
  if (days < 60) days += 1;
  // Excel stores the time as a fraction of a day; round to whole seconds as Excel shows it.
  let seconds = Math.round((serial - Math.floor(serial)) * 86_400);
  if (seconds === 86_400) {
    days += 1;
    seconds = 0;
  }
  const date = new Date(EXCEL_EPOCH + days * DAY_MS + seconds * 1000);
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
  );
}

/** FNV-1a, 32 bits: a small, stable hash for choice ids. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * The id of a choice added by an import (`addChoices`): `c-` and a hash of its name, so the
 * same name gets the same id in every run (an import run twice adds nothing twice); `-2`,
 * `-3` … when the id is already taken by another choice.
 */
export function choiceIdForName(name: string, taken: ReadonlySet<string>): string {
  const base = `c-${fnv1a(name.trim()).toString(36)}`;
  let id = base;
  for (let n = 2; taken.has(id) || !isValidId(id); n++) id = `${base}-${n}`;
  return id;
}
