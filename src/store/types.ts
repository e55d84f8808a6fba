/**
 * The storage seam. Everything above `src/store` talks to data only through `Store`, so that
 * IndexedDB (the default), memory (tests) and later a remote store are interchangeable.
 *
 * Kept deliberately narrow (compare Dexie's six-method DBCore): app definitions, record
 * reads, one `mutate` for every record write, and a change feed. Every write is one
 * transaction that also emits its change; every record carries a version, and a write that
 * names an older version than the stored one is refused with `StaleWriteError`.
 */
import type { AppDef, CellValue, RecordData, RecordValues } from '../core/schema/types.js';

/** How to page and order a record query. */
export interface RecordQuery {
  /** Sort by this field id (or `createdAt`/`updatedAt`); default: insertion order. */
  sortBy?: string;
  direction?: 'asc' | 'desc';
  offset?: number;
  /** Default: all. */
  limit?: number;
  /**
   * Only records whose `field` equals `equals` (for array cells — multiselect, multiple
   * relations — records whose array contains it). Used for relation lookups such as "the
   * orders of customer X". Applied before sorting and paging; it reads the whole table
   * (about 1 s per 100,000 records in IndexedDB), so callers that ask often should keep the
   * table in memory.
   */
  where?: { field: string; equals: CellValue };
}

/** One write inside a `mutate` call. */
export type Mutation =
  | {
      type: 'create';
      tableId: string;
      /** Optional caller-chosen id (templates, imports); generated otherwise. */
      id?: string;
      values: RecordValues;
    }
  | {
      type: 'update';
      tableId: string;
      id: string;
      /** The version the caller's edit is based on; refused if the stored one differs. */
      expectedVersion?: number;
      /** Changed values only; other fields keep their stored values. */
      values: RecordValues;
    }
  | {
      type: 'delete';
      tableId: string;
      id: string;
      expectedVersion?: number;
    };

/**
 * Who made a change. Rules need it for loop guards (a rule's own writes carry its depth) and
 * to avoid acting twice on a change another tab already acted on.
 * CONTRACT (shared by parallel work): keep these kinds and names.
 */
export type ChangeOrigin =
  | { kind: 'user' }
  | { kind: 'import' }
  | { kind: 'template' }
  | { kind: 'rule'; ruleId: string; depth: number }
  | { kind: 'sync' }
  /** A change made in another tab, as it arrives here; `from` is its origin there. */
  | { kind: 'tab'; from: ChangeOrigin }
  /**
   * The stage tracker recording lifecycle stages (src/runtime/stage-tracker.ts): `depth` is
   * the rule depth of the write that moved the stage (0 for a person's edit or time passing),
   * `reason` why the stages moved, shown in the record's history.
   */
  | { kind: 'lifecycle'; depth: number; reason: StageChangeReason };

/**
 * Why the stage tracker recorded a stage. `time`: days passed in the app's zone (midnight, or
 * the app opened after days closed) — a move to silent or churned means more than
 * `silentAfterDays` / `churnedAfterDays` days without a counted record; `records`: the counted
 * records changed (an order added, paid, moved or deleted) — `counted` of them now, the latest
 * dated `lastAt`; `first`: the stage recorded for the first time. Plain JSON, no HTML.
 */
export interface StageChangeReason {
  cause: 'time' | 'records' | 'first';
  /** The calendar day (`YYYY-MM-DD`, app zone) the stage was computed for. */
  day: string;
  counted?: number;
  lastAt?: string | null;
  silentAfterDays?: number;
  churnedAfterDays?: number;
}

/** Options of every write. */
export interface WriteOptions {
  /** Default `{ kind: 'user' }`. */
  origin?: ChangeOrigin;
}

/** One cell a change wrote: `before` is null for a created record, `after` null for a deleted one. */
export interface CellChange {
  tableId: string;
  recordId: string;
  fieldId: string;
  before: CellValue;
  after: CellValue;
}

/** What one committed transaction changed; delivered to every subscriber, in this tab and others. */
export interface ChangeEvent {
  appId: string;
  /** Who wrote it (`{ kind: 'tab', from }` when it came from another tab). */
  origin: ChangeOrigin;
  /** `app` = the definition changed; `records` = records were written. */
  kind: 'app' | 'records';
  created: RecordData[];
  /** Records after the update, each with `previous` values of the fields that changed. */
  updated: Array<{ record: RecordData; previous: RecordValues }>;
  deleted: RecordData[];
  /** True when the change came from another tab through BroadcastChannel. */
  remote: boolean;
  /**
   * The data revision the change's transaction wrote (kind `records`; see
   * `Store.readDerived`): what derived values computed after this change are current at.
   */
  revision?: string;
  /**
   * Set (with `kind: 'app'`) when the app was deleted together with all its records; the
   * record arrays stay empty rather than listing every deleted record, so drop everything
   * held for this app.
   */
  appDeleted?: boolean;
  /**
   * Set (with `kind: 'app'`) when the app's definition and all its records were replaced at
   * once (`replaceApp`: an import, a first clone); the record arrays stay empty, so re-read
   * everything held for this app.
   */
  replaced?: boolean;
}

export type ChangeListener = (change: ChangeEvent) => void;

/**
 * One record of a bulk write. Imports restore a record exactly: its id, and — when given —
 * its version and timestamps (otherwise version 1 and now).
 */
export interface BulkRecord {
  id?: string;
  values: RecordValues;
  version?: number;
  createdAt?: string;
  updatedAt?: string;
}

/** Options of bulk writes (`bulkCreate`, `replaceApp`). */
export interface BulkOptions extends WriteOptions {
  /** Records per transaction (default 5,000). Each batch commits all-or-nothing. */
  batchSize?: number;
  /** Called after each committed batch with the number of records written so far. */
  onProgress?: (done: number, total: number) => void;
  /** Aborting stops before the next batch; committed batches stay. */
  signal?: AbortSignal;
}

/** One changed field of a history entry. */
export interface FieldChange {
  fieldId: string;
  before: CellValue;
  after: CellValue;
}

/**
 * One entry of a record's change history, written in the same transaction as the change it
 * describes (see docs/store.md "Change history"). `created` lists the values the record was
 * created with (`before` null), `updated` only the fields whose value changed, `deleted` the
 * values the record had (`after` null). Bulk writes (`bulkCreate`, `replaceApp`) write none,
 * nor do records `mutate` creates with origin `import`: an imported record's `createdAt` is its
 * creation (updates by an import are recorded like any other).
 */
export interface HistoryEntry {
  appId: string;
  tableId: string;
  recordId: string;
  kind: 'created' | 'updated' | 'deleted';
  /** The record's version after the change (for `deleted`: the version it had). */
  version: number;
  /** When the change was committed (ISO 8601). */
  at: string;
  origin: ChangeOrigin;
  changes: FieldChange[];
  /** Position in the store's write order; pass it as `before` to read the next, older page. */
  seq: number;
}

/** Which part of a record's history `recordHistory` reads. */
export interface HistoryQuery {
  /** Default 50. */
  limit?: number;
  /** Only entries older than this entry's `seq`. */
  before?: number;
}

/**
 * How many history entries the store keeps per record; older ones are dropped as new ones are
 * written (by updates on every tenth version, so up to 9 more may be held in between).
 */
export const HISTORY_LIMIT = 200;

/** The storage interface every backend implements. */
export interface Store {
  /** All app definitions. */
  listApps(): Promise<AppDef[]>;
  getApp(appId: string): Promise<AppDef | undefined>;
  /**
   * Create or replace an app definition. With `expectedVersion`, refused (StaleWriteError)
   * unless the stored definition has that version. The stored version is incremented.
   */
  putApp(app: AppDef, expectedVersion?: number, options?: WriteOptions): Promise<AppDef>;
  /** Delete an app and all its records. */
  deleteApp(appId: string, options?: WriteOptions): Promise<void>;

  getRecord(appId: string, tableId: string, id: string): Promise<RecordData | undefined>;
  /** A page of records of one table. */
  queryRecords(appId: string, tableId: string, query?: RecordQuery): Promise<RecordData[]>;
  countRecords(appId: string, tableId: string): Promise<number>;

  /** Apply writes in one transaction: all succeed or none do. Returns records as stored. */
  mutate(appId: string, mutations: Mutation[], options?: WriteOptions): Promise<Array<RecordData | undefined>>;
  /**
   * Write many new records (templates, imports) in batched transactions; emits one change per
   * batch. Returns the number written: all of them, or, when `options.signal` was aborted, the
   * records of the batches committed before the abort (the batch in flight still commits).
   */
  bulkCreate(appId: string, tableId: string, records: BulkRecord[], options?: BulkOptions): Promise<number>;
  /**
   * Replace an app's definition and all its records at once (imports, the first clone of a
   * template), crash-safely: until the new app is complete the old one stays stored and live,
   * and a failure or a closed page at any moment leaves either the old app or the new one,
   * complete (see docs/store.md). Records of tables `app` does not have are ignored. Emits one
   * `{ kind: 'app', replaced: true }` change. Returns the number of records written.
   */
  replaceApp(app: AppDef, records: Record<string, BulkRecord[]>, options?: BulkOptions): Promise<number>;

  /**
   * A record's change history, newest first (one index range; at most `HISTORY_LIMIT` entries
   * are kept per record). Only the app's current records generation: after a `replaceApp` the
   * history starts afresh.
   */
  recordHistory(appId: string, tableId: string, recordId: string, query?: HistoryQuery): Promise<HistoryEntry[]>;

  /**
   * Store a file of an attachment or image field under `id` (a fresh `newBlobId()`), before
   * the record that refers to it is written (docs/store.md "Files"). One transaction: on a
   * full disk it rejects with `store.quota` and nothing is stored.
   */
  putBlob(appId: string, id: string, data: Blob): Promise<void>;
  /** A stored file, or undefined when there is none (deleted, or never on this device). */
  getBlob(appId: string, id: string): Promise<Blob | undefined>;
  /**
   * Delete stored files. Record writes already delete the files a deleted record or a changed
   * value stops referring to; this is for files picked and then dropped before any save.
   */
  deleteBlobs(appId: string, ids: readonly string[]): Promise<void>;

  /**
   * What is kept computed from an app's records (the derived-values snapshot), with the app's
   * current data revision: a token every record write changes in its own transaction. A kept
   * value is current exactly when it was written at the revision read now. `value` is
   * undefined when nothing is kept under `name`. One read transaction.
   */
  readDerived(appId: string, name: string): Promise<{ revision: string; value: unknown }>;
  /**
   * Keep `value` under `name`, computed from the app's records at data `revision`. Nothing is
   * written, and false returned, when the records changed since (the revision moved on) or
   * the app is gone. Writes no records, changes no revision and emits no change.
   */
  writeDerived(appId: string, name: string, revision: string, value: unknown): Promise<boolean>;

  /** Listen to committed changes (of every app). Returns the unsubscribe function. */
  subscribe(listener: ChangeListener): () => void;
  close(): void;
}

/** Thrown when a write is based on a version older than the stored one. */
export class StaleWriteError extends Error {
  readonly code = 'store.stale';
  constructor(
    readonly tableId: string,
    readonly recordId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number | undefined,
  ) {
    super(
      `Record ${recordId} in ${tableId} was changed elsewhere (version ${actualVersion ?? 'deleted'}, ` +
        `your edit was based on ${expectedVersion}); reload it and apply your change again.`,
    );
    this.name = 'StaleWriteError';
  }
}

/** Thrown for writes that break the store's own rules (unknown table, missing record, quota). */
export class StoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
