/**
 * The messages between the import dialog and the import worker (src/workers/import-worker.ts).
 * Types only, so both sides agree without the page loading the worker's code. See docs/import.md.
 */
import type { CsvEncoding } from '../core/csv/decode.js';
import type { CsvError, CsvRecord, CsvSkippedColumn } from '../core/csv/import.js';
import type { ChoiceDef, FieldDef, Locale, TableDef } from '../core/schema/types.js';

/**
 * How relation cells find their records: per relation field id, the target's records keyed
 * by the chosen match field's stored value (normalised by `relationKey`), and that field
 * (the worker coerces each cell through its type first, so `138 0013 8000` finds `13800138000`).
 */
export interface RelationIndex {
  matchField: FieldDef;
  entries: Array<[string, string[]]>;
}

/** Page → worker: read a file. */
export interface ParseRequest {
  type: 'parse';
  file: Blob;
  /** `csv` or `xlsx` (by the file's name or type). */
  format: 'csv' | 'xlsx';
  table: TableDef;
  locale: Locale;
  mapping?: Record<string, string | null>;
  /** The select / multiselect fields whose unknown choices are added as new options. */
  addChoices?: string[];
  relations?: Record<string, RelationIndex>;
  /** The sheet of an .xlsx file (default the first). */
  sheet?: string;
  /** Records per `batch` message (default 500). */
  batchSize?: number;
}

/** Worker → page: the header is read and mapped. */
export interface HeaderMessage {
  type: 'header';
  headers: string[];
  mapping: Record<string, string | null>;
  skipped: CsvSkippedColumn[];
  /** The sheets of an .xlsx file (empty for CSV). */
  sheets: string[];
  sheet?: string;
  encoding?: CsvEncoding;
  /** Content hash (8 hex digits) of the file's bytes: the key of deterministic record ids. */
  hash: string;
  /** The first data rows as written (for value-based guessing in the mapping step). */
  sample: string[][];
}

/** Worker → page: more rows read. */
export interface BatchMessage {
  type: 'batch';
  records: CsvRecord[];
  errors: CsvError[];
  rowsRead: number;
  /** How far through the file (0 … 1). */
  progress: number;
}

/** Worker → page: the whole file is read. */
export interface DoneMessage {
  type: 'done';
  rowCount: number;
  newChoices: Record<string, string[]>;
  addedChoices: Record<string, ChoiceDef[]>;
}

/** Worker → page: the file could not be read at all. */
export interface FailMessage {
  type: 'fail';
  code: string;
  message: string;
}

export type WorkerMessage = HeaderMessage | BatchMessage | DoneMessage | FailMessage;

/** The key a relation's match value is looked up by: text, trimmed, case-insensitive. */
export function relationKey(value: unknown): string {
  return String(value).trim().toLowerCase();
}
