/**
 * Writing an import: the good records the worker read (src/workers/import-worker.ts) go to
 * the store in batches of `batchSize` (2,000), each batch ONE `store.mutate` of creates and
 * updates with origin `{ kind: 'import' }`, so a cancelled or interrupted import (a closed
 * page) leaves whole batches only. Created records get deterministic ids from the file's
 * content hash and the spreadsheet row (`imp_<hash8>_<row>`) and ids that exist are skipped,
 * so running the same file again doubles nothing.
 *
 * Before anything is written `planImport` decides every row: duplicates on the key field
 * (against the stored records and earlier rows of the file) are skipped, update the
 * existing record or are created anyway; unique fields stay unique; a new record gets its
 * fields' defaults. Choices the file adds are one `putApp` naming the app's version, before
 * the records (refused when the app changed meanwhile). See docs/import.md.
 */
import { fieldTypeOf } from '../core/fields/index.js';
import type { CsvRecord } from '../core/csv/import.js';
import type { ReportProblem } from '../core/csv/report.js';
import type { AppDef, CellValue, ChoiceDef, FieldDef, Locale, RecordData, RecordValues, TableDef } from '../core/schema/types.js';
import { StaleWriteError } from '../store/types.js';
import type { Mutation, Store } from '../store/types.js';
import { labelOf, t } from '../i18n/index.js';

/** What to do with a row whose key field matches a stored record or an earlier row. */
export type DuplicateMode = 'skip' | 'update' | 'create';

/** Options of `planImport` and `importRecords`. */
export interface ImportOptions {
  tableId: string;
  /** The file's content hash (8 hex digits, from the worker): the key of the created records' ids. */
  hash: string;
  locale?: Locale;
  /** The key field for duplicates and what to do with them. */
  key?: { fieldId: string; mode: DuplicateMode };
  /** Choices to add to select and multiselect fields (the worker's `addedChoices`). */
  addedChoices?: Record<string, ChoiceDef[]>;
  /** `all`: import nothing if any row fails (the file's problems included, `fileProblems`). */
  policy?: 'good' | 'all';
  /** Problems the file already had (rows the worker could not read): counted as failed. */
  fileProblems?: readonly ReportProblem[];
  /** Mutations per transaction (default 2,000). */
  batchSize?: number;
  /** Aborting stops before the next batch; committed batches stay. */
  signal?: AbortSignal;
  /** After each committed batch: rows decided so far and in all. */
  onProgress?: (done: number, total: number) => void;
}

/** What an import did (`ltc-import-done`'s detail, plus the report). */
export interface ImportSummary {
  tableId: string;
  created: number;
  updated: number;
  /** Rows not written: duplicates skipped, and records an earlier run of the same file already created. */
  skipped: number;
  /** Rows with a problem (the file's and the plan's); nothing of them was written. */
  failed: number;
  /** True when the import was cancelled before every batch was written. */
  cancelled: boolean;
  /** Every problem, for the report. */
  problems: ReportProblem[];
}

/** Thrown when the app changed while the import was being prepared (new choices not added). */
export class ImportStaleError extends Error {
  readonly code = 'import.stale';
  constructor(message: string) {
    super(message);
    this.name = 'ImportStaleError';
  }
}

/** One decided row. */
type Step = { kind: 'write'; row: number; mutation: Mutation; created: boolean } | { kind: 'skip'; row: number };

/** The outcome of `planImport`: the writes in file order, and the rows that cannot be written. */
export interface ImportPlan {
  steps: Step[];
  problems: ReportProblem[];
}

/** The id of the record a file's row creates. */
export function importedRecordId(hash: string, row: number): string {
  return `imp_${hash}_${row}`;
}

/** Values compare like the unique rule of record-writes.ts: text trimmed, case ignored. */
function keyOf(value: CellValue | undefined): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (Array.isArray(value)) return value.length ? JSON.stringify(value) : undefined;
  return typeof value === 'string' ? value.trim().toLowerCase() : String(value);
}

/** A new record's fields that the file does not hold start from their default. */
function withDefaults(table: TableDef, values: RecordValues): RecordValues {
  const out: RecordValues = { ...values };
  for (const field of table.fields) {
    if (field.id in out || fieldTypeOf(field).isDerived(field)) continue;
    const fallback = field.options?.defaultValue;
    if (fallback !== undefined) out[field.id] = fallback;
  }
  return out;
}

/**
 * Decide every row without writing: duplicates, unique fields, ids already stored.
 * `existing` are the table's stored records.
 */
export function planImport(table: TableDef, records: readonly CsvRecord[], existing: readonly RecordData[], options: ImportOptions): ImportPlan {
  const steps = planSteps(table, records, existing, options);
  let next = steps.next();
  while (!next.done) next = steps.next();
  return next.value;
}

/** Rows `planSteps` decides between two looks at the clock. */
const ROWS_PER_CHECK = 1000;

/**
 * `planImport` in slices of at most ~30 ms with the page given a turn in between: deciding
 * 100,000 rows at once was a task of ~270 ms (bench/import.bench.ts).
 */
async function planImportSliced(table: TableDef, records: readonly CsvRecord[], existing: readonly RecordData[], options: ImportOptions): Promise<ImportPlan> {
  const steps = planSteps(table, records, existing, options);
  let started = performance.now();
  for (let next = steps.next(); ; next = steps.next()) {
    if (next.done) return next.value;
    if (performance.now() - started < 30) continue;
    await new Promise((resolve) => setTimeout(resolve, 0));
    started = performance.now();
  }
}

/** The work of `planImport`, yielding every `ROWS_PER_CHECK` rows. */
function* planSteps(table: TableDef, records: readonly CsvRecord[], existing: readonly RecordData[], options: ImportOptions): Generator<void, ImportPlan, void> {
  const locale = options.locale ?? 'en';
  const steps: Step[] = [];
  const problems: ReportProblem[] = [];
  const ids = new Set(existing.map((r) => r.id));
  const keyField = options.key ? table.fields.find((f) => f.id === options.key!.fieldId) : undefined;
  const mode = options.key?.mode ?? 'create';
  /** Key → the stored record, or the step of an earlier row, holding it. */
  const byKey = new Map<string, { record?: RecordData; step?: Step & { kind: 'write' } }>();
  if (keyField) for (const r of existing) {
    const key = keyOf(r.values[keyField.id]);
    if (key !== undefined && !byKey.has(key)) byKey.set(key, { record: r });
  }
  const unique = table.fields.filter((f) => f.unique && !fieldTypeOf(f).isDerived(f));
  /** Per unique field: value → the id of the record that holds it. */
  const taken = new Map<string, Map<string, string>>(unique.map((f) => [f.id, new Map()]));
  for (const r of existing) for (const f of unique) {
    const key = keyOf(r.values[f.id]);
    if (key !== undefined) taken.get(f.id)!.set(key, r.id);
  }
  const clash = (field: FieldDef, values: RecordValues, ownId: string): boolean => {
    const key = keyOf(values[field.id]);
    const holder = key === undefined ? undefined : taken.get(field.id)!.get(key);
    return holder !== undefined && holder !== ownId;
  };

  let decided = 0;
  for (const record of records) {
    if (++decided % ROWS_PER_CHECK === 0) yield;
    const id = importedRecordId(options.hash, record.row);
    if (ids.has(id)) {
      steps.push({ kind: 'skip', row: record.row });
      continue;
    }
    const key = keyField ? keyOf(record.values[keyField.id]) : undefined;
    const match = key === undefined ? undefined : byKey.get(key);
    if (match && mode === 'skip') {
      steps.push({ kind: 'skip', row: record.row });
      continue;
    }
    const target = match && mode === 'update' ? (match.record?.id ?? (match.step!.mutation as { id: string }).id) : id;
    const broken = unique.find((f) => clash(f, record.values, target));
    if (broken) {
      const value = String(record.values[broken.id]);
      problems.push({ row: record.row, column: labelOf(broken, locale), value, message: t(locale, 'field.unique', { name: labelOf(broken, locale), value }) });
      continue;
    }
    for (const f of unique) {
      const k = keyOf(record.values[f.id]);
      if (k !== undefined) taken.get(f.id)!.set(k, target);
    }
    if (match && mode === 'update') {
      if (match.step) {
        // A later row of the same file updates the record an earlier row creates or updates.
        Object.assign(match.step.mutation.type === 'delete' ? {} : match.step.mutation.values, record.values);
        steps.push({ kind: 'skip', row: record.row });
        continue;
      }
      const step: Step & { kind: 'write' } = {
        kind: 'write',
        row: record.row,
        created: false,
        mutation: { type: 'update', tableId: table.id, id: match.record!.id, expectedVersion: match.record!.version, values: { ...record.values } },
      };
      match.step = step;
      steps.push(step);
      continue;
    }
    const step: Step & { kind: 'write' } = { kind: 'write', row: record.row, created: true, mutation: { type: 'create', tableId: table.id, id, values: withDefaults(table, record.values) } };
    ids.add(id);
    if (key !== undefined && !match) byKey.set(key, { step });
    steps.push(step);
  }
  return { steps, problems };
}

/**
 * The app with `addedChoices` appended to their fields, or undefined when every one of them
 * is there already (the same file imported again).
 */
function appWithChoices(app: AppDef, tableId: string, added: Record<string, ChoiceDef[]> | undefined): AppDef | undefined {
  let changed = false;
  const tables = app.tables.map((table) => {
    if (table.id !== tableId) return table;
    const fields = table.fields.map((field) => {
      const extra = (added?.[field.id] ?? []).filter((c) => !(field.options?.choices ?? []).some((have) => have.id === c.id));
      if (extra.length === 0) return field;
      changed = true;
      return { ...field, options: { ...field.options, choices: [...(field.options?.choices ?? []), ...extra] } };
    });
    return { ...table, fields };
  });
  return changed ? { ...app, tables } : undefined;
}

/**
 * Import `records` (the good rows of a file) into `options.tableId`: new choices first (one
 * `putApp` naming `app.version`), then the plan's writes in batches, each one transaction.
 * With `policy: 'all'` nothing is written when any row fails. Returns what happened; the app
 * as stored afterwards is `store.getApp`.
 * @throws ImportStaleError when the app changed meanwhile (nothing written); StoreError from the store
 */
export async function importRecords(store: Store, app: AppDef, records: readonly CsvRecord[], options: ImportOptions): Promise<ImportSummary> {
  const locale = options.locale ?? 'en';
  const table = app.tables.find((t) => t.id === options.tableId);
  if (!table) throw new Error(t(locale, 'record.tableUnknown', { table: options.tableId }));
  const existing = await store.queryRecords(app.id, table.id);
  const plan = await planImportSliced(table, records, existing, options);
  const fileProblems = [...(options.fileProblems ?? [])];
  const problems = [...fileProblems, ...plan.problems];
  const failedRows = new Set(problems.filter((p) => p.row > 1).map((p) => p.row)).size;
  const summary: ImportSummary = { tableId: table.id, created: 0, updated: 0, skipped: 0, failed: failedRows, cancelled: false, problems };
  if (options.policy === 'all' && problems.length > 0) return summary;

  const updatedApp = appWithChoices(app, table.id, options.addedChoices);
  if (updatedApp) {
    try {
      await store.putApp(updatedApp, app.version, { origin: { kind: 'import' } });
    } catch (error) {
      if (error instanceof StaleWriteError) throw new ImportStaleError(t(locale, 'import.stale'));
      throw error;
    }
  }

  const size = options.batchSize ?? 2000;
  const total = plan.steps.length;
  for (let start = 0; start < total; start += size) {
    if (options.signal?.aborted) {
      summary.cancelled = true;
      break;
    }
    const batch = plan.steps.slice(start, start + size);
    const mutations = batch.flatMap((s) => (s.kind === 'write' ? [s.mutation] : []));
    if (mutations.length) await store.mutate(app.id, mutations, { origin: { kind: 'import' } });
    for (const step of batch) {
      if (step.kind === 'skip') summary.skipped++;
      else if (step.created) summary.created++;
      else summary.updated++;
    }
    options.onProgress?.(Math.min(total, start + size), total);
    // Let the page paint the progress and handle input between two batches.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return summary;
}
