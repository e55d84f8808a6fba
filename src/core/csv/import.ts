/**
 * CSV import: `csvToRecords(text, table, options)` parses a spreadsheet's text with
 * papaparse, maps its columns to the table's fields (guessed from the headers or given),
 * and turns every cell into a stored value through the field type's own coercion
 * (`fieldTypeOf(field).coerce(cell, field, 'csv')`). It writes nothing: the UI previews the
 * result and the worker hands the good records to the store. See docs/csv.md.
 */
import Papa from 'papaparse';
import type { CellValue, ChoiceDef, FieldDef, Locale, RecordValues, TableDef } from '../schema/types.js';
import type { FieldTypeDef, ValueIssue } from '../fields/types.js';
import { fieldTypeOf, hasChoices, linkedTable } from '../fields/index.js';
import { isBlank, toHalfWidth } from '../fields/values.js';
import { findChoice } from '../fields/types/select.js';
import { LIST_SEPARATORS } from '../fields/types/multiselect.js';
import { choiceIdForName, excelSerialToText, headerKey, unguardCell, withoutUnit } from './cells.js';
import { csvMessage } from './messages.js';

/** Options of `csvToRecords`. */
export interface CsvImportOptions {
  /**
   * Header → field id, or null to skip the column. Headers not named here are guessed
   * (name, id or a label in either language); a field named here is not guessed again.
   */
  mapping?: Record<string, string | null>;
  /** Language of the messages (default `en`). */
  locale?: Locale;
  /** The delimiter; default: detected among `,` `;` tab. */
  delimiter?: string;
  /**
   * Finds the record a relation cell names (the UI matches by the target table's primary
   * field or a unique field the user picks). Called once per name (a multiple relation's
   * cell is split on `, ， ; ； 、 |`): an id, or the ids of every match (one is a match,
   * several are ambiguous), or undefined when nothing matches. Without it every non-blank
   * relation cell is a `csv.relationUnresolved` error.
   */
  resolveRelation?: (field: FieldDef, text: string) => string | readonly string[] | undefined;
  /**
   * Add unknown choices of select / multiselect columns instead of reporting them
   * (`newChoices`): `true` for every such column, or the ids of the fields that may grow.
   */
  addChoices?: boolean | readonly string[];
  /** Read plain numbers in date and datetime columns as Excel serial dates (for .xlsx readers). */
  excelSerialDates?: boolean;
}

/** One good row: its values keyed by field id, and its spreadsheet row number. */
export interface CsvRecord {
  row: number;
  values: RecordValues;
}

/**
 * One problem. `row` is the spreadsheet row number (the header is row 1); `column` the
 * header text ('' for a problem of the whole row or file); `value` the cell as written;
 * `code` a field-type issue key (`field.number` …) or a `csv.*` code; `message` translated.
 */
export interface CsvError {
  row: number;
  column: string;
  value: string;
  code: string;
  message: string;
}

/** A column that is not imported, and why. */
export interface CsvSkippedColumn {
  column: string;
  /** `unknown`: no field matches the header; `skipped`: mapped to null; `derived`: the header names a computed field; `duplicate`: its field is taken by an earlier column. */
  reason: 'unknown' | 'skipped' | 'derived' | 'duplicate';
}

/** What `csvToRecords` found. */
export interface CsvImportResult {
  /** The rows without any error, in file order. When the header has an error (row 1) there are none. */
  records: CsvRecord[];
  errors: CsvError[];
  /** Header → field id, or null for a column that is not imported (given or guessed). */
  mapping: Record<string, string | null>;
  skipped: CsvSkippedColumn[];
  /** With `addChoices`: the names of the choices to add, per field id. */
  newChoices: Record<string, string[]>;
  /** The same choices with the ids the records already hold (`choiceIdForName`). */
  addedChoices: Record<string, ChoiceDef[]>;
  /** The delimiter used. */
  delimiter: string;
  /** Data rows read (blank rows not counted). */
  rowCount: number;
}

interface Column {
  index: number;
  header: string;
  field: FieldDef;
  def: FieldTypeDef;
  label: string;
  relation: boolean;
  multiple: boolean;
  choices: boolean;
  list: boolean;
  date: boolean;
  /** The field with the choices added so far (addChoices). */
  working: FieldDef;
  added: ChoiceDef[];
  /**
   * Cell text → result, for the values a column repeats (dates, choices, yes/no, amounts):
   * coercion is pure, so each distinct text is read once. Bounded, so a column of unique
   * values (names, phones) costs one failed lookup per cell and no memory.
   */
  memo: Map<string, CellResult> | undefined;
  lookups: number;
  hits: number;
}

const MEMO_LIMIT = 20_000;
/** Lookups after which a column that hit its memo less than half the time stops using it. */
const MEMO_PROBE = 2_000;

function fieldLabel(field: FieldDef, locale: Locale): string {
  return field.labels?.[locale] ?? field.name;
}

/** Match a header to a field: exact key first, then without a trailing unit in parentheses. */
function guessField(header: string, fields: readonly FieldDef[]): FieldDef | undefined {
  const key = headerKey(header);
  if (key === '') return undefined;
  const keysOf = (f: FieldDef): string[] => [f.name, f.id, f.labels?.['zh-CN'], f.labels?.en].filter((s): s is string => !!s).map(headerKey);
  const exact = fields.find((f) => keysOf(f).includes(key));
  if (exact) return exact;
  const bare = withoutUnit(key);
  return fields.find((f) => keysOf(f).some((k) => k === bare || withoutUnit(k) === bare));
}

function isBlankRow(cells: readonly string[]): boolean {
  for (const cell of cells) {
    // Most cells start with a visible character: decide without allocating a trimmed copy.
    if (cell.charCodeAt(0) > 32 && cell.charCodeAt(0) !== 0x3000) return false;
    if (cell.trim() !== '') return false;
  }
  return true;
}

/**
 * The delimiter of the header row: the most frequent of `,` `;` tab outside quotes (`,` on a
 * tie or when there is none). Papaparse's own guess looks at data rows too, where a cell of
 * free text full of semicolons can outvote the real delimiter; headers rarely hold one.
 */
export function guessDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch]!++;
  }
  let best = ',';
  for (const candidate of [';', '\t']) if (counts[candidate]! > counts[best]!) best = candidate;
  return best;
}

const PLAIN_NUMBER = /^\s*\d+(?:\.\d+)?\s*$/;

/**
 * Parse CSV text into records of `table`. Never throws for bad input: every problem is an
 * entry of `errors` with its row, column, value and a translated reason. See docs/csv.md.
 */
export function csvToRecords(text: string, table: TableDef, options: CsvImportOptions = {}): CsvImportResult {
  const locale = options.locale ?? 'en';
  const errors: CsvError[] = [];
  const result: CsvImportResult = { records: [], errors, mapping: {}, skipped: [], newChoices: {}, addedChoices: {}, delimiter: options.delimiter ?? ',', rowCount: 0 };
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const fileError = (code: string, params: Record<string, string | number> = {}) =>
    errors.push({ row: 1, column: '', value: '', code, message: csvMessage('csv.file', { reason: csvMessage(code, params, locale) }, locale) });
  if (source.trim() === '') {
    fileError('csv.empty');
    return result;
  }

  const parsed = Papa.parse<string[]>(source, {
    delimiter: options.delimiter ?? guessDelimiter(source),
    // Blank rows are skipped by the reader, after counting them, so row numbers stay the spreadsheet's.
    skipEmptyLines: false,
  });
  const data = parsed.data;
  const reader = createCsvReader((data[0] ?? []).map((h) => h.trim()), table, options, result);
  result.delimiter = parsed.meta.delimiter;

  // Quote problems: papaparse reports the record index; the row is one past it (header = 1).
  const badRows = new Map<number, string>();
  for (const problem of parsed.errors) {
    if (problem.type !== 'Quotes' || problem.row === undefined) continue;
    badRows.set(problem.row, problem.message);
  }
  for (let i = 1; i < data.length; i++) {
    const record = reader.readRow(data[i]!, i + 1, badRows.get(i));
    if (record) result.records.push(record);
  }
  return result;
}

/**
 * Reads the rows of one file one at a time, for callers that parse it themselves: the
 * import worker streams a 50 MB file through papaparse's `chunk` and reads each row here,
 * so it shares every rule of `csvToRecords` (which is this reader over `Papa.parse`).
 */
export interface CsvRowReader {
  /** Mapping, skipped columns, errors and added choices so far (`records` is left to the caller). */
  readonly result: CsvImportResult;
  /** True when the header has an error: no row is a record then (the rows are still checked). */
  readonly headerBroken: boolean;
  /**
   * Read one data row (`row` is its spreadsheet row number; the header is row 1). Its
   * problems go to `result.errors`; returns the record when it has none, else undefined.
   * Blank rows are not counted and return undefined. `quoteProblem` is papaparse's reason
   * for unbalanced quotes in that row.
   */
  readRow(cells: readonly string[], row: number, quoteProblem?: string): CsvRecord | undefined;
}

/** Options of `csvToRecords` that matter to the reader; `result` collects what it finds (a new one by default). */
export function createCsvReader(headers: readonly string[], table: TableDef, options: CsvImportOptions = {}, result?: CsvImportResult): CsvRowReader {
  const locale = options.locale ?? 'en';
  const out: CsvImportResult = result ?? { records: [], errors: [], mapping: {}, skipped: [], newChoices: {}, addedChoices: {}, delimiter: options.delimiter ?? ',', rowCount: 0 };
  const errors = out.errors;
  // Mapping: the given entries first, then guesses for the other headers.
  const headerError = (column: string, code: string, params: Record<string, string | number>) =>
    errors.push({ row: 1, column, value: column, code, message: csvMessage(column ? 'csv.header' : 'csv.file', { column, reason: csvMessage(code, params, locale) }, locale) });
  const columns: Column[] = [];
  const taken = new Map<string, string>();
  const given = options.mapping ?? {};
  const byId = new Map(table.fields.map((f) => [f.id, f]));
  const addColumn = (index: number, header: string, field: FieldDef) => {
    const def = fieldTypeOf(field);
    const list = def.scalar(field).list;
    const relation = linkedTable(field) !== undefined;
    columns.push({
      index,
      header,
      field,
      def,
      label: fieldLabel(field, locale),
      relation,
      // Every relation reads as a list in formulas; whether one cell may name several records is its `multiple` option.
      multiple: relation && field.options?.multiple === true,
      choices: hasChoices(field.type),
      list,
      date: def.scalar(field).type === 'date',
      working: field,
      added: [],
      memo: new Map(),
      lookups: 0,
      hits: 0,
    });
    taken.set(field.id, header);
  };
  headers.forEach((header, index) => {
    if (!Object.prototype.hasOwnProperty.call(given, header)) return;
    const id = given[header];
    out.mapping[header] = id ?? null;
    if (id === null || id === undefined) {
      out.skipped.push({ column: header, reason: 'skipped' });
      return;
    }
    const field = byId.get(id);
    if (!field) headerError(header, 'csv.unknownField', { field: id });
    else if (fieldTypeOf(field).isDerived(field)) headerError(header, 'csv.derivedField', { name: fieldLabel(field, locale) });
    else if (taken.has(field.id)) headerError(header, 'csv.duplicateField', { name: fieldLabel(field, locale), other: taken.get(field.id) ?? '' });
    else {
      addColumn(index, header, field);
      return;
    }
    out.mapping[header] = null;
  });
  headers.forEach((header, index) => {
    if (Object.prototype.hasOwnProperty.call(given, header)) return;
    const field = guessField(header, table.fields);
    let reason: CsvSkippedColumn['reason'] | undefined;
    if (!field) reason = 'unknown';
    else if (fieldTypeOf(field).isDerived(field)) reason = 'derived';
    else if (taken.has(field.id)) reason = 'duplicate';
    if (reason || !field) {
      // A repeated header text keeps the mapping of its first column.
      if (!(header in out.mapping)) out.mapping[header] = null;
      out.skipped.push({ column: header, reason: reason ?? 'unknown' });
      return;
    }
    out.mapping[header] = field.id;
    addColumn(index, header, field);
  });
  for (const field of table.fields) {
    const def = fieldTypeOf(field);
    if (!field.required || def.isDerived(field) || taken.has(field.id)) continue;
    if (field.options?.defaultValue !== undefined && !def.isEmpty(field.options.defaultValue, field)) continue;
    headerError('', 'csv.requiredColumnMissing', { name: fieldLabel(field, locale) });
  }
  const headerBroken = errors.length > 0;

  const cellError = (row: number, column: Column | string, value: string, issue: ValueIssue) => {
    const header = typeof column === 'string' ? column : column.header;
    const name = typeof column === 'string' ? '' : column.label;
    const reason = csvMessage(issue.key, { name, value, ...issue.params }, locale);
    errors.push({ row, column: header, value, code: issue.key, message: csvMessage(header ? 'csv.cell' : 'csv.row', { row, column: header, reason }, locale) });
  };

  const readRow = (cells: readonly string[], row: number, quoteProblem?: string): CsvRecord | undefined => {
    if (isBlankRow(cells)) return undefined;
    out.rowCount++;
    const before = errors.length;
    if (quoteProblem !== undefined) cellError(row, '', '', { key: 'csv.quotes', params: { reason: quoteProblem } });
    if (cells.length !== headers.length) {
      const extra = cells.slice(headers.length).join(', ');
      cellError(row, '', extra, { key: cells.length > headers.length ? 'csv.tooManyCells' : 'csv.tooFewCells', params: { actual: cells.length, expected: headers.length } });
    }
    const values: RecordValues = {};
    for (const column of columns) {
      const written = cells[column.index] ?? '';
      const memo = column.memo;
      let coerced = memo?.get(written);
      if (coerced === undefined) {
        const added = column.added.length;
        coerced = readCell(written.charCodeAt(0) === 39 ? unguardCell(written) : written, column, options, out);
        // A cell that added a choice changed the column's field: what was read before still holds.
        if (memo && memo.size < MEMO_LIMIT && column.added.length === added) memo.set(written, coerced);
        // A column of mostly distinct values (names, phones) is not worth hashing every cell of.
        if (memo && ++column.lookups >= MEMO_PROBE && column.hits * 2 < column.lookups) column.memo = undefined;
      } else {
        column.lookups++;
        column.hits++;
        // Records must not share one list.
        if ('value' in coerced && Array.isArray(coerced.value)) coerced = { value: [...coerced.value] };
      }
      if ('issue' in coerced) {
        cellError(row, column, written, coerced.issue);
        continue;
      }
      const { value } = coerced;
      if (column.field.required && column.def.isEmpty(value, column.field)) {
        cellError(row, column, written, { key: 'field.required' });
        continue;
      }
      values[column.field.id] = value;
    }
    return errors.length === before && !headerBroken ? { row, values } : undefined;
  };
  return { result: out, headerBroken, readRow };
}

type CellResult = { value: CellValue } | { issue: ValueIssue };

function addsChoices(options: CsvImportOptions, field: FieldDef): boolean {
  return options.addChoices === true || (Array.isArray(options.addChoices) && options.addChoices.includes(field.id));
}

/** One cell → a stored value of its column's field, or the issue. */
function readCell(text: string, column: Column, options: CsvImportOptions, result: CsvImportResult): CellResult {
  const { def } = column;
  if (options.excelSerialDates && column.date && PLAIN_NUMBER.test(text)) {
    const converted = excelSerialToText(Number(text));
    if (converted === 'fictional') return { issue: { key: 'csv.excelSerialFictional' } };
    if (converted === 'range') return { issue: { key: 'csv.excelSerialRange', params: { value: text.trim() } } };
    text = converted;
  }
  let value: CellValue;
  if (column.relation) {
    const resolved = resolveRelationCell(text, column, options);
    if ('issue' in resolved) return resolved;
    value = resolved.value;
  } else {
    let coerced = def.coerce(text, column.working, 'csv');
    if (!coerced.ok && addsChoices(options, column.field) && column.choices && coerced.issue.key === 'field.choice') {
      addUnknownChoices(text, column, result);
      coerced = def.coerce(text, column.working, 'csv');
    }
    if (!coerced.ok) return { issue: coerced.issue };
    value = coerced.value;
  }
  if (!isBlank(value)) {
    const issue = def.validate(value, column.working);
    if (issue) return { issue };
  }
  return { value };
}

function resolveRelationCell(text: string, column: Column, options: CsvImportOptions): CellResult {
  if (isBlank(text)) return { value: null };
  const names = column.multiple ? text.split(LIST_SEPARATORS).map((s) => s.trim()).filter(Boolean) : [text.trim()];
  const resolve = options.resolveRelation;
  const ids: string[] = [];
  for (const name of names) {
    const found = resolve?.(column.field, name);
    const matches = found === undefined ? [] : typeof found === 'string' ? [found] : found;
    if (matches.length === 0) return { issue: { key: 'csv.relationUnresolved', params: { value: name } } };
    if (matches.length > 1) return { issue: { key: 'csv.relationAmbiguous', params: { value: name } } };
    if (!ids.includes(matches[0]!)) ids.push(matches[0]!);
  }
  // The type decides the stored shape (one id, or a list) and refuses several for a single link.
  const coerced = column.def.coerce(column.multiple ? ids : ids[0], column.field, 'json');
  return coerced.ok ? { value: coerced.value } : { issue: coerced.issue };
}

/** Add the names of a cell that match no choice to the column's working field (addChoices). */
function addUnknownChoices(text: string, column: Column, result: CsvImportResult): void {
  const items = column.list ? text.split(LIST_SEPARATORS) : [text];
  const choices = [...(column.working.options?.choices ?? [])];
  for (const item of items) {
    const name = toHalfWidth(item).trim();
    if (name === '') continue;
    if (findChoice({ ...column.working, options: { ...column.working.options, choices } }, name)) continue;
    const choice: ChoiceDef = { id: choiceIdForName(name, new Set(choices.map((c) => c.id))), name };
    choices.push(choice);
    column.added.push(choice);
    (result.newChoices[column.field.id] ??= []).push(name);
    (result.addedChoices[column.field.id] ??= []).push(choice);
  }
  column.working = { ...column.working, options: { ...column.working.options, choices } };
}
