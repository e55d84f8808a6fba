/**
 * CSV export: `recordsToCsv(table, records, options)` writes what Excel (zh-CN or en) opens
 * correctly — UTF-8 with a BOM, CRLF, RFC 4180 quoting — with values as Excel reads them and
 * the formula-injection guard. What it writes, `csvToRecords` reads back to the same stored
 * values (docs/csv.md "Round trip"). No papaparse: writing CSV is a few lines.
 */
import type { CellValue, FieldDef, Locale, TableDef } from '../schema/types.js';
import { fieldTypeOf, hasChoices, linkedTable } from '../fields/index.js';
import { isIsoDate, isIsoDateTime } from '../fields/values.js';
import { choiceLabel } from '../fields/types/select.js';
import { LIST_SEPARATORS } from '../fields/types/multiselect.js';
import { formulaErrorCode } from '../fields/types/formula.js';
import { guardCell } from './cells.js';

/** Options of `recordsToCsv`. */
export interface CsvExportOptions {
  /** Language of the headers, choice labels, yes/no words and list separators (default `en`). */
  locale?: Locale;
  /** The field ids to write, in order (default: every field of the table, derived ones included). */
  fields?: readonly string[];
  /** The label of a linked record (a relation cell names it); the id when undefined. */
  recordLabel?: (tableId: string, id: string) => string | undefined;
  /** The delimiter (default `,`). */
  delimiter?: string;
}

/** A record to export: its values by field id (derived values may be included). */
export interface CsvExportRecord {
  values: Readonly<Record<string, unknown>>;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** An ISO timestamp as local wall-clock time, `YYYY-MM-DD HH:MM:SS` (what Excel reads as a date and time). */
function localDateTime(iso: string): string {
  const d = new Date(iso);
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/**
 * A fraction as `35%` when that text reads back to the same number (the importer divides by
 * 100 and keeps 15 significant digits), else as the plain fraction, which a percent column
 * also reads (`0.35`): never a rounded value.
 */
function percentCell(fraction: number): string {
  for (let digits = 1; digits <= 17; digits++) {
    const shown = Number((fraction * 100).toPrecision(digits));
    if (Number((shown / 100).toPrecision(15)) === fraction) return `${shown}%`;
  }
  return String(fraction);
}

/** One cell's text before quoting, and whether it is a plain number (never guarded). */
function cellText(value: unknown, field: FieldDef, locale: Locale, options: CsvExportOptions): { text: string; number: boolean } {
  if (value === null || value === undefined) return { text: '', number: false };
  const def = fieldTypeOf(field);
  const scalar = def.scalar(field).type;
  const separator = locale === 'zh-CN' ? '、' : ', ';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { text: '', number: false };
    return { text: scalar === 'percent' ? percentCell(value) : String(value), number: true };
  }
  if (typeof value === 'boolean') return { text: locale === 'zh-CN' ? (value ? '是' : '否') : value ? 'TRUE' : 'FALSE', number: false };
  const error = formulaErrorCode(value);
  if (error) return { text: error, number: false };
  const items = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : undefined;
  if (!items) return { text: JSON.stringify(value), number: false };
  if (hasChoices(field.type)) {
    // A label holding a list separator would split on import; its id reads back the same.
    const labels = items.map((id) => {
      const label = choiceLabel(field, id, locale);
      return Array.isArray(value) && LIST_SEPARATORS.test(label) ? id : label;
    });
    return { text: labels.join(separator), number: false };
  }
  const table = linkedTable(field);
  if (table !== undefined) return { text: items.map((id) => options.recordLabel?.(table, id) ?? id).join(separator), number: false };
  if (typeof value === 'string' && scalar === 'date' && !isIsoDate(value) && isIsoDateTime(value)) return { text: localDateTime(value), number: false };
  return { text: items.join(separator), number: false };
}

/**
 * One cell as a spreadsheet reads it, exactly as `recordsToCsv` writes it before quoting
 * (numbers plain, dates `YYYY-MM-DD`, choices by label, the formula-injection guard on text):
 * the grid copies cells to the clipboard with it, so a copied range and an exported file agree.
 */
export function spreadsheetCell(value: unknown, field: FieldDef, options: CsvExportOptions = {}): string {
  const { text, number } = cellText(value as CellValue | undefined, field, options.locale ?? 'en', options);
  return number ? text : guardCell(text);
}

/** RFC 4180: quote a cell holding the delimiter, a quote, a line break or outer white space; double its quotes. */
function quote(text: string, delimiter: string): string {
  if (text.includes('"') || text.includes(delimiter) || /[\r\n]/.test(text) || /^\s|\s$/.test(text)) return `"${text.replace(/"/g, '""')}"`;
  return text;
}

/**
 * The records of `table` as CSV text: a UTF-8 BOM, a header row of field labels in
 * `options.locale` (the name without one), CRLF line ends, RFC 4180 quoting. Values as Excel
 * reads them: numbers and money plain (`1234.5`), percents `35%`, dates `YYYY-MM-DD`,
 * datetimes in local time `YYYY-MM-DD HH:MM:SS`, choices by label, lists joined with `、`
 * (zh-CN) or `, ` (en), yes/no as 是/否 or TRUE/FALSE, linked records by `recordLabel`.
 * Text a spreadsheet would run as a formula is prefixed with `'` (docs/csv.md).
 * @throws TypeError when `options.fields` names a field the table does not have.
 */
export function recordsToCsv(table: TableDef, records: readonly CsvExportRecord[], options: CsvExportOptions = {}): string {
  const locale = options.locale ?? 'en';
  const delimiter = options.delimiter ?? ',';
  const byId = new Map(table.fields.map((f) => [f.id, f]));
  const fields = (options.fields ?? table.fields.map((f) => f.id)).map((id) => {
    const field = byId.get(id);
    if (!field) throw new TypeError(`recordsToCsv: table "${table.id}" has no field "${id}"`);
    return field;
  });
  const lines = [fields.map((f) => quote(guardCell(f.labels?.[locale] ?? f.name), delimiter)).join(delimiter)];
  for (const record of records) {
    const cells = fields.map((field) => {
      const { text, number } = cellText(record.values[field.id] as CellValue | undefined, field, locale, options);
      return quote(number ? text : guardCell(text), delimiter);
    });
    lines.push(cells.join(delimiter));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
