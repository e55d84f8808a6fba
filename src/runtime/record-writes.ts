/**
 * The record-write rules, in one place for every writer — `<ltc-form>`, CSV import and rule
 * actions: raw input coerced by each field's type, constraints checked, required fields
 * filled, relation targets existing, unique values unique, values within the size limits.
 *
 * `prepareRecordWrite` decides without writing (and without a page: plain unit tests run it
 * over a MemoryStore); `writeRecord` decides and writes through `store.mutate`, an update
 * naming the version it was based on so a change made meanwhile elsewhere is refused.
 *
 * Editing an existing record, only what the writer changes is held to the rules, plus
 * required-ness: a value imported long ago that does not fit its field (a bad date from a
 * CSV) does not block an edit of another field. It is reported as a warning that names the
 * field and the reason, and blocks the save only once the user edits that field.
 */
import { fieldTypeOf, linkedTable } from '../core/fields/index.js';
import { isBlank } from '../core/fields/values.js';
import type { ValueSource, ValueIssue } from '../core/fields/types.js';
import { issueMessage, isIssueCode } from '../core/schema/messages.js';
import type { AppDef, CellValue, FieldDef, Locale, RecordData, RecordValues, TableDef } from '../core/schema/types.js';
import type { ChangeOrigin, Store } from '../store/types.js';
import { isMessageKey, labelOf, t } from '../i18n/index.js';

/** One problem of a record write, on one field (`fieldId` '' for the record as a whole). */
export interface RecordWriteIssue {
  fieldId: string;
  /** A translation key (`field.required`, `field.unique`, `field.storedProblem` …). */
  code: string;
  /** The translated message, naming the field. */
  message: string;
}

/** What `prepareRecordWrite` decided. */
export interface PreparedRecordWrite {
  /** True when nothing blocks the write. */
  ok: boolean;
  /** What to store: for an update the changed fields only; for a create every stored field. */
  values: RecordValues;
  /** Problems that block the write. */
  errors: RecordWriteIssue[];
  /** Problems that do not: an untouched stored value that does not fit its field. */
  warnings: RecordWriteIssue[];
}

/** Options of `prepareRecordWrite`. */
export interface PrepareRecordWriteOptions {
  /** The record being edited (as loaded); absent to create one. */
  existing?: RecordData;
  /**
   * The records of a table in memory, for the unique and relation-target checks; `undefined`
   * for a table not at hand (its checks are skipped here; `writeRecord` asks the store).
   */
  records?: (tableId: string) => readonly RecordData[] | undefined;
  /** Where the raw input comes from (default `input`: typed in a form). */
  source?: ValueSource;
  /** Language of the messages (default `en`). */
  locale?: Locale;
}

/** Options of `writeRecord`. */
export interface WriteRecordOptions extends PrepareRecordWriteOptions {
  /** Who writes (default `{ kind: 'user' }`). */
  origin?: ChangeOrigin;
}

/** The outcome of `writeRecord`: the stored record, or why nothing was written. */
export type RecordWriteResult =
  | { ok: true; record: RecordData; warnings: RecordWriteIssue[] }
  | { ok: false; errors: RecordWriteIssue[]; warnings: RecordWriteIssue[] };

const own = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** The message of a field-type issue (an i18n key, or a schema code for stored-value checks). */
function issueText(issue: ValueIssue, field: FieldDef, locale: Locale): string {
  const params = { name: labelOf(field, locale), ...(issue.params ?? {}) };
  if (isMessageKey(issue.key)) return t(locale, issue.key, params);
  if (isIssueCode(issue.key)) return issueMessage(issue.key, params, locale);
  return issue.key;
}

function sameValue(a: CellValue | undefined, b: CellValue): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.trim().toLowerCase() === b.trim().toLowerCase();
  return a === b;
}

/** The ids a relation-like value links to. */
function linkedIds(value: CellValue): string[] {
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}


/**
 * Decide a record write without writing.
 * @param input raw values by field id — for an edit, the fields the writer changed only.
 */
export function prepareRecordWrite(
  app: AppDef,
  tableId: string,
  input: Readonly<Record<string, unknown>>,
  options: PrepareRecordWriteOptions = {},
): PreparedRecordWrite {
  const locale = options.locale ?? 'en';
  const existing = options.existing;
  const errors: RecordWriteIssue[] = [];
  const warnings: RecordWriteIssue[] = [];
  const values: RecordValues = {};
  const table: TableDef | undefined = app.tables.find((t) => t.id === tableId);
  if (!table) {
    errors.push({ fieldId: '', code: 'record.tableUnknown', message: t(locale, 'record.tableUnknown', { table: tableId }) });
    return { ok: false, values, errors, warnings };
  }
  const error = (field: FieldDef, code: string, message: string) => errors.push({ fieldId: field.id, code, message });
  for (const key of Object.keys(input)) {
    if (!table.fields.some((f) => f.id === key)) errors.push({ fieldId: key, code: 'record.unknownField', message: t(locale, 'record.unknownField', { field: key }) });
  }

  for (const field of table.fields) {
    const type = fieldTypeOf(field);
    if (type.isDerived(field)) continue;
    const touched = own(input, field.id);
    let value: CellValue;
    if (touched || !existing) {
      // A new record's untouched field starts from its default (already a stored value).
      const raw = touched ? input[field.id] : (field.options?.defaultValue ?? null);
      const result = type.coerce(raw, field, touched ? (options.source ?? 'input') : 'json');
      if (!result.ok) {
        error(field, result.issue.key, issueText(result.issue, field, locale));
        continue;
      }
      value = result.value;
      if (type.isEmpty(value, field)) {
        if (field.required) {
          error(field, 'field.required', t(locale, 'field.required', { name: labelOf(field, locale) }));
          continue;
        }
      } else {
        const issue = type.validate(value, field);
        if (issue) {
          error(field, issue.key, issueText(issue, field, locale));
          continue;
        }
        if (!checkLinks(field, value, options, locale, error)) continue;
        if (!checkUnique(table, field, value, existing, options, locale, error)) continue;
      }
      values[field.id] = value;
      continue;
    }
    // An untouched value of an existing record: required still holds; a value that does not
    // fit is a warning until the user edits that field.
    value = own(existing.values, field.id) ? existing.values[field.id] : null;
    if (type.isEmpty(value, field)) {
      if (field.required) error(field, 'field.required', t(locale, 'field.required', { name: labelOf(field, locale) }));
      continue;
    }
    const issue = isBlank(value) ? null : (type.checkStored(value, field) ?? type.validate(value, field));
    if (issue) {
      const reason = issueText(issue, field, locale);
      warnings.push({ fieldId: field.id, code: 'field.storedProblem', message: t(locale, 'field.storedProblem', { name: labelOf(field, locale), reason }) });
    }
  }
  return { ok: errors.length === 0, values, errors, warnings };
}

/** Relation targets must exist (when the target table is at hand). */
function checkLinks(
  field: FieldDef,
  value: CellValue,
  options: PrepareRecordWriteOptions,
  locale: Locale,
  error: (field: FieldDef, code: string, message: string) => void,
): boolean {
  const target = linkedTable(field);
  const rows = target ? options.records?.(target) : undefined;
  if (!rows) return true;
  const known = new Set(rows.map((r) => r.id));
  if (linkedIds(value).every((id) => known.has(id))) return true;
  error(field, 'field.relation', t(locale, 'field.relation', { name: labelOf(field, locale) }));
  return false;
}

/** A `unique` field's value may not be held by another record of the table (case and outer spaces ignored). */
function checkUnique(
  table: TableDef,
  field: FieldDef,
  value: CellValue,
  existing: RecordData | undefined,
  options: PrepareRecordWriteOptions,
  locale: Locale,
  error: (field: FieldDef, code: string, message: string) => void,
): boolean {
  if (!field.unique) return true;
  const rows = options.records?.(table.id);
  if (!rows) return true;
  if (!rows.some((r) => r.id !== existing?.id && sameValue(r.values[field.id], value))) return true;
  error(field, 'field.unique', t(locale, 'field.unique', { name: labelOf(field, locale), value: String(value) }));
  return false;
}

/**
 * Decide and write one record: `prepareRecordWrite`, with the unique and relation-target
 * checks of tables not given in `records` answered by store queries, then one
 * `store.mutate` (an update names `existing.version`, so a change made meanwhile elsewhere
 * is refused with StaleWriteError). The checks run just before the write, not inside its
 * transaction: the Store seam has no conditional writes.
 * @throws StaleWriteError, StoreError from the store
 */
export async function writeRecord(
  store: Store,
  app: AppDef,
  tableId: string,
  input: Readonly<Record<string, unknown>>,
  options: WriteRecordOptions = {},
): Promise<RecordWriteResult> {
  const table = app.tables.find((t) => t.id === tableId);
  const given = options.records;
  const fetched = new Map<string, RecordData[]>();
  if (table) {
    // Only what the changed fields need: their link targets, and the table itself for unique ones.
    const need = new Set<string>();
    for (const field of table.fields) {
      if (!own(input, field.id) && options.existing) continue;
      const target = linkedTable(field);
      if (target && !given?.(target) && !isBlank(input[field.id] as CellValue)) need.add(target);
      if (field.unique && !given?.(tableId)) need.add(tableId);
    }
    for (const id of need) fetched.set(id, await store.queryRecords(app.id, id));
  }
  const records = (id: string) => given?.(id) ?? fetched.get(id);
  const prepared = prepareRecordWrite(app, tableId, input, { ...options, records });
  if (!prepared.ok) return { ok: false, errors: prepared.errors, warnings: prepared.warnings };
  const existing = options.existing;
  const [record] = await store.mutate(
    app.id,
    existing
      ? [{ type: 'update', tableId, id: existing.id, expectedVersion: existing.version, values: prepared.values }]
      : [{ type: 'create', tableId, values: prepared.values }],
    options.origin ? { origin: options.origin } : undefined,
  );
  if (!record) throw new Error(`writeRecord: the store returned no record for ${tableId}`);
  return { ok: true, record, warnings: prepared.warnings };
}
