/**
 * The narrow storage primitives every `Store` backend implements (modelled on Dexie's DBCore).
 *
 * Write semantics — versions, merges, stale refusal, change events, origins, storage
 * generations, copying rules — live once in ./core-store.ts, on top of these primitives. A
 * backend only knows how to keep rows and run an all-or-nothing transaction over them: the
 * IndexedDB backend maps them to object stores and requests, the memory backend to Maps, and a
 * later remote backend to requests to a server.
 *
 * Records are addressed by a *data key*, not by the app id: an app's stored row points at the
 * data key its records live under (`StoredApp.dataKey`, absent = the app id). Replacing an app
 * writes its new records under a fresh data key and then switches the pointer in one small
 * transaction (see docs/store.md).
 */
import type { AppDef } from '../core/schema/types.js';
import type { StoredBlob, StoredDerived, StoredHistory, StoredRecord } from './idb-schema.js';

export type { StoredBlob, StoredDerived, StoredHistory, StoredRecord } from './idb-schema.js';

/** An app definition as stored: the public `AppDef` plus the data key of its records. */
export type StoredApp = AppDef & {
  /** The key the app's records are stored under; absent means the app id (generation 0). */
  dataKey?: string;
};

/** Which part of a table `getRange` reads, in insertion (`seq`) order. */
export interface RangeQuery {
  offset?: number;
  /** Default: all. */
  limit?: number;
  /** Newest first. */
  desc?: boolean;
}

/** Reads, inside one transaction (a consistent snapshot). */
export interface ReadTx {
  getApp(appId: string): Promise<StoredApp | undefined>;
  listApps(): Promise<StoredApp[]>;
  getRecord(dataKey: string, tableId: string, id: string): Promise<StoredRecord | undefined>;
  /**
   * Records of one table in insertion order. A page (`limit` given, no `offset` beyond what
   * the backend can skip cheaply) must not read the rest of the table.
   */
  getRange(dataKey: string, tableId: string, query?: RangeQuery): Promise<StoredRecord[]>;
  count(dataKey: string, tableId: string): Promise<number>;
  /** Every distinct data key that has records or history (for garbage collection). */
  dataKeys(): Promise<string[]>;
  /** A record's history entries, newest first: at most `limit`, only those older than `before` (a seq). */
  getHistory(dataKey: string, tableId: string, recordId: string, query: { limit: number; before?: number }): Promise<StoredHistory[]>;
  /** A stored file of an app (src/store/blobs.ts). */
  getBlob(appId: string, id: string): Promise<StoredBlob | undefined>;
  /** The ids and write times of an app's stored files (for garbage collection; the bytes are not read). */
  listBlobs(appId: string): Promise<Array<{ id: string; createdAt: string }>>;
  /** A row of what is kept computed from the records under `dataKey` (see `StoredDerived`). */
  getDerived(dataKey: string, name: string): Promise<StoredDerived | undefined>;
}

/**
 * Reads and writes inside one readwrite transaction. Writes are queued, not awaited: a later
 * read of the same transaction sees them, and a failing write (a duplicate `add`, a full disk)
 * fails the whole transaction, which `StoreBackend.write` reports.
 */
export interface WriteTx extends ReadTx {
  putApp(app: StoredApp): void;
  deleteApp(appId: string): void;
  /** Inserts a record; an existing key fails the transaction with `store.duplicateId`. */
  add(row: StoredRecord): void;
  /** Inserts or overwrites a record. */
  put(row: StoredRecord): void;
  delete(dataKey: string, tableId: string, id: string): void;
  /** Deletes every record, history entry and derived row stored under `dataKey`. */
  deleteAll(dataKey: string): void;
  /** Adds a history entry (queued like every write). */
  addHistory(entry: StoredHistory): void;
  /** Drops a record's history entries beyond the newest `keep`, including any added in this transaction. */
  trimHistory(dataKey: string, tableId: string, recordId: string, keep: number): void;
  /** Stores a file (queued; a full disk fails the transaction with `store.quota`). */
  putBlob(blob: StoredBlob): void;
  /** Deletes one stored file of an app. */
  deleteBlob(appId: string, id: string): void;
  /** Deletes every stored file of an app. */
  deleteBlobsOf(appId: string): void;
  /** Stores a derived row (queued; a full disk fails the transaction with `store.quota`). */
  putDerived(row: StoredDerived): void;
}

/** A storage backend: transactions over apps and records. */
export interface StoreBackend {
  /** Runs `body` in a read-only transaction. */
  read<T>(body: (tx: ReadTx) => Promise<T>): Promise<T>;
  /**
   * Runs `body` in one readwrite transaction and resolves after it committed. If `body`
   * throws, or any queued write fails, nothing of the transaction is written and the promise
   * rejects with a `StoreError` (`store.duplicateId`, `store.quota`, `store.failed`) or with
   * what `body` threw. Rejections never escape anywhere else (no unhandled rejections).
   */
  write<T>(body: (tx: WriteTx) => Promise<T>): Promise<T>;
  close(): void;
}

/**
 * A function that wraps a backend, as Dexie's DBCore middleware does: tests use it to count
 * reads or to fail a chosen write; a later sync layer can observe every write.
 */
export type BackendMiddleware = (backend: StoreBackend) => StoreBackend;
