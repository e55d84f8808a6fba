/**
 * The IndexedDB database layout and its migrations.
 *
 * Every change of layout is one numbered step in `MIGRATIONS`; opening a database at version
 * N runs steps N+1 … current, in order, inside IndexedDB's single upgrade transaction, so an
 * upgrade either completes or leaves the database exactly as it was. Steps may add stores,
 * indexes and derived fields, and may rewrite records, but never drop a value a user typed.
 *
 * Layout history:
 * - v1: `apps` (key `id`) and `records` (key `[appId, tableId, id]`, index `byUpdated` on
 *   `[appId, tableId, updatedAt]`). Tables listed in primary-key order, i.e. id order, which
 *   broke insertion order for caller-chosen ids (template ids `c10` sorted before `c2`).
 * - v2: every record gets `seq` (insertion order: milliseconds × 1024 plus a counter; migrated
 *   records get it from `createdAt`), index `byOrder` on `[appId, tableId, seq]` pages a table
 *   in insertion order straight off the index, and `byUpdated` is dropped: no query used it,
 *   and every index is one more write per record (measured: 100,000 records in batches of
 *   5,000 took 10.9 s with the compound key alone, 12.9 s with one index, 15.2 s with two).
 * - v3: `history` (key `[appId, tableId, recordId, seq]`, `appId` holding the data key as in
 *   `records`): each record's change history, written by `mutate` in the same transaction as
 *   the change. The key alone orders one record's entries, so reading them newest first is one
 *   reverse range and no index costs a write. Existing records start with no history.
 * - v4: `blobs` (key `[appId, id]`): the files of attachment and image fields (src/store/blobs.ts),
 *   keyed by app id rather than data key, so a replaced records generation keeps its files.
 * - v5: `derived` (key `[appId, name]`, `appId` holding the data key): what is computed from a
 *   records generation and kept to save recomputing it (the derived-values snapshot of
 *   src/runtime/derived-snapshot.ts), and the generation's data revision (name `revision`),
 *   which every record write changes in its own transaction. A later migration that rewrites
 *   records must delete this store's rows too (or a snapshot would outlive what it was made of).
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction } from 'idb';
import type { AppDef, RecordValues } from '../core/schema/types.js';
import type { FieldChange, HistoryEntry } from './types.js';
import { seqFromCreatedAt } from './ids.js';

/** The version this code writes. */
export const DB_VERSION = 5;

/** A record as stored: `RecordData` plus the keys the store orders and scopes it by. */
export interface StoredRecord {
  appId: string;
  tableId: string;
  id: string;
  /** Insertion order within the table (see ids.ts). */
  seq: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  values: RecordValues;
}

/**
 * A history entry as stored: `HistoryEntry` with `appId` holding the data key of the
 * records generation it belongs to, so deleting a generation deletes its history too.
 */
export interface StoredHistory {
  appId: string;
  tableId: string;
  recordId: string;
  seq: number;
  kind: HistoryEntry['kind'];
  version: number;
  at: string;
  origin: HistoryEntry['origin'];
  changes: FieldChange[];
}

/** A stored file: its bytes and when they were written (unreferenced blobs are collected after a grace period). */
export interface StoredBlob {
  appId: string;
  id: string;
  data: Blob;
  createdAt: string;
}

/**
 * A row of the `derived` store: something computed from the records stored under `appId` (a
 * data key), or (name `revision`) the token of the last transaction that wrote them.
 */
export interface StoredDerived {
  appId: string;
  name: string;
  value: unknown;
}

/** The current (v5) layout, for idb's typed API. */
export interface LtcDb extends DBSchema {
  apps: { key: string; value: AppDef };
  records: {
    key: [string, string, string];
    value: StoredRecord;
    indexes: { byOrder: [string, string, number] };
  };
  history: { key: [string, string, string, number]; value: StoredHistory };
  blobs: { key: [string, string]; value: StoredBlob };
  derived: { key: [string, string]; value: StoredDerived };
}

type AnyDb = IDBPDatabase<unknown>;
type UpgradeTx = IDBPTransaction<unknown, string[], 'versionchange'>;

/** One migration step; it may only await IndexedDB requests of `tx` (anything else would let the upgrade commit early). */
export type Migration = (db: AnyDb, tx: UpgradeTx) => void | Promise<void>;

/** `MIGRATIONS[n - 1]` upgrades a database from version n - 1 to n. */
export const MIGRATIONS: readonly Migration[] = [
  // v1: apps and records.
  (db) => {
    db.createObjectStore('apps', { keyPath: 'id' });
    const records = db.createObjectStore('records', { keyPath: ['appId', 'tableId', 'id'] });
    records.createIndex('byUpdated', ['appId', 'tableId', 'updatedAt']);
  },
  // v2: insertion order (`seq` + `byOrder`), drop the unused `byUpdated` index.
  async (_db, tx) => {
    const records = tx.objectStore('records');
    let cursor = await records.openCursor();
    while (cursor) {
      const row = cursor.value as Partial<StoredRecord> & Record<string, unknown>;
      // Spread the whole row so any property this code does not know about is kept too.
      if (typeof row.seq !== 'number') await cursor.update({ ...row, seq: seqFromCreatedAt(String(row.createdAt ?? '')) });
      cursor = await cursor.continue();
    }
    records.createIndex('byOrder', ['appId', 'tableId', 'seq']);
    if (records.indexNames.contains('byUpdated')) records.deleteIndex('byUpdated');
  },
  // v3: record change history.
  (db) => {
    db.createObjectStore('history', { keyPath: ['appId', 'tableId', 'recordId', 'seq'] });
  },
  // v4: files of attachment and image fields.
  (db) => {
    db.createObjectStore('blobs', { keyPath: ['appId', 'id'] });
  },
  // v5: derived values kept between sessions, and each records generation's data revision.
  (db) => {
    db.createObjectStore('derived', { keyPath: ['appId', 'name'] });
  },
];

/**
 * Runs the steps from `oldVersion + 1` to `newVersion` in order. A failing step aborts the
 * upgrade transaction, so the database stays at its old version with all its data.
 */
export function upgradeDatabase(db: AnyDb, oldVersion: number, newVersion: number, tx: UpgradeTx, onError?: (error: unknown) => void): void {
  // Synchronous steps run right here; once a step is asynchronous (it walks a cursor), later
  // steps chain after it. Everything stays inside the one upgrade transaction.
  let pending: Promise<void> | undefined;
  const fail = (error: unknown) => {
    onError?.(error);
    try {
      tx.abort();
    } catch {
      // Already finished or aborted: nothing was committed either way.
    }
  };
  try {
    for (let v = oldVersion + 1; v <= newVersion; v++) {
      const step = MIGRATIONS[v - 1];
      if (!step) throw new Error(`No migration to database version ${v}`);
      if (pending) pending = pending.then(() => step(db, tx));
      else {
        const result = step(db, tx);
        if (result) pending = result;
      }
    }
  } catch (error) {
    fail(error);
    return;
  }
  pending?.catch(fail);
}
