/**
 * `CoreStore`: the `Store` contract written once, over the primitives of ./backend.ts.
 *
 * Everything a backend must not get subtly different lives here: version checks and stale
 * refusal, merging updates (`mergeValues`), ids and insertion order (`seq`), the change feed
 * with each write's origin, restoring imported records, and storage generations — the data key
 * an app's records live under, which is what makes `replaceApp` crash-safe — and each record's
 * change history, written by `mutate` in the transaction of the change itself. MemoryStore and
 * IndexedDbStore are this class over their backend; IndexedDbStore adds other tabs.
 */
import { fieldTypeOf } from '../core/fields/index.js';
import type { AppDef, CellValue, RecordData, RecordValues } from '../core/schema/types.js';
import type { BackendMiddleware, ReadTx, StoreBackend, StoredApp, StoredHistory, StoredRecord, WriteTx } from './backend.js';

/** The name of a records generation's data revision in the `derived` rows. */
const REVISION = 'revision';
import { BLOB_GRACE_MS, blobIdsIn, removedBlobIds } from './blobs.js';
import { storeErrors } from './errors.js';
import { ChangeFeed, isEmptyChange } from './feed.js';
import { newRecordId, SeqClock } from './ids.js';
import { checkRecordId, copyRecord, copyValues, isBlank, matchesWhere, mergeValues, pageOf, restoredMeta, sortRecords } from './records.js';
import type {
  BulkOptions,
  BulkRecord,
  ChangeEvent,
  ChangeListener,
  ChangeOrigin,
  FieldChange,
  HistoryEntry,
  HistoryQuery,
  Mutation,
  RecordQuery,
  Store,
  WriteOptions,
} from './types.js';
import { HISTORY_LIMIT, StaleWriteError } from './types.js';

/**
 * Updates trim a record's history on every tenth version only (so a record holds at most
 * `HISTORY_LIMIT` + 10 entries between trims): the trim's key cursor made a 5,000-record update
 * half again slower when it ran on every one. Deletes always trim; creates never do: a chosen
 * id that had a record before (an undone delete) had its history trimmed by that delete, and
 * a trim per created record made an import's batches of 2,000 several times slower.
 */
const HISTORY_TRIM_EVERY = 10;

/** Options every backend's store shares. */
export interface CoreStoreOptions {
  /** Wraps the backend (tests count reads or fail chosen writes through it). @internal */
  middleware?: BackendMiddleware;
  /**
   * Scope of the Web Locks that keep garbage collection away from a replace in progress;
   * stores on the same data (two tabs on one database) must share it.
   */
  lockScope?: string;
}

const USER: ChangeOrigin = { kind: 'user' };

/**
 * Values the store assigns to created records inside the creating transaction (serial
 * numbers): `assign` is installed by the designer script (src/store/assign-on-create.ts),
 * which also brings the field types that need it. @internal
 */
export const createHooks: { assign?: (tx: WriteTx, app: AppDef, dataKey: string, mutations: Mutation[], now: string) => Promise<Map<Mutation, RecordValues>> } = {};

/** The data key an app's records are stored under. */
export function dataKeyOf(app: StoredApp): string {
  return app.dataKey ?? app.id;
}

/** The public definition: the data key is the store's business. */
function publicApp(row: StoredApp): AppDef {
  const { dataKey: _dataKey, ...app } = row;
  return app;
}

export function toRecord(row: StoredRecord): RecordData {
  return { id: row.id, tableId: row.tableId, version: row.version, createdAt: row.createdAt, updatedAt: row.updatedAt, values: row.values };
}

/** Runs `task` holding the Web Lock `name` (or, with `ifAvailable`, not at all if it is taken). */
async function withLock<T>(name: string, ifAvailable: boolean, task: () => Promise<T>): Promise<T | undefined> {
  const locks = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
  if (!locks) return task();
  return locks.request(name, { ifAvailable }, (lock) => (lock ? task() : undefined)) as Promise<T | undefined>;
}

/** A `Store` over any backend. */
export class CoreStore implements Store {
  protected readonly feed = new ChangeFeed();
  protected readonly clock = new SeqClock();
  protected readonly backend: StoreBackend;
  private readonly lockScope: string;
  private closedReason: string | undefined;

  constructor(backend: StoreBackend, options: CoreStoreOptions = {}) {
    this.backend = options.middleware ? options.middleware(backend) : backend;
    this.lockScope = options.lockScope ?? 'memory-' + newRecordId();
  }

  async listApps(): Promise<AppDef[]> {
    this.assertOpen();
    return (await this.backend.read((tx) => tx.listApps())).map(publicApp);
  }

  async getApp(appId: string): Promise<AppDef | undefined> {
    this.assertOpen();
    const row = await this.backend.read((tx) => tx.getApp(appId));
    return row && publicApp(row);
  }

  async putApp(app: AppDef, expectedVersion?: number, options?: WriteOptions): Promise<AppDef> {
    this.assertOpen();
    const next = await this.backend.write(async (tx) => {
      const stored = await tx.getApp(app.id);
      if (expectedVersion !== undefined && (stored?.version ?? 0) !== expectedVersion) {
        throw new StaleWriteError('app', app.id, expectedVersion, stored?.version);
      }
      const now = new Date().toISOString();
      // A caller never chooses the data key (it could point the app at another app's records).
      const { dataKey: _ignored, ...def } = app as StoredApp;
      const row: StoredApp = { ...def, version: (stored?.version ?? 0) + 1, createdAt: stored?.createdAt ?? app.createdAt ?? now, updatedAt: now };
      if (stored?.dataKey !== undefined) row.dataKey = stored.dataKey;
      tx.putApp(row);
      // A copy, as from a read: the caller's object and the stored one share nothing.
      return publicApp(structuredClone(row));
    });
    this.publish(this.appChange(app.id, options));
    return next;
  }

  async deleteApp(appId: string, options?: WriteOptions): Promise<void> {
    this.assertOpen();
    const existed = await this.backend.write(async (tx) => {
      const stored = await tx.getApp(appId);
      tx.deleteApp(appId);
      tx.deleteAll(appId);
      tx.deleteBlobsOf(appId);
      if (stored && dataKeyOf(stored) !== appId) tx.deleteAll(dataKeyOf(stored));
      return stored !== undefined;
    });
    if (existed) this.publish({ ...this.appChange(appId, options), appDeleted: true });
  }

  async getRecord(appId: string, tableId: string, id: string): Promise<RecordData | undefined> {
    this.assertOpen();
    const row = await this.backend.read(async (tx) => tx.getRecord(await this.dataKey(tx, appId), tableId, id));
    return row && toRecord(row);
  }

  /**
   * A page of a table, in insertion order unless `sortBy` is given. Without `sortBy` or
   * `where` only the page is read (the backend reads it off its insertion-order index); with
   * them the whole table is read, then filtered, sorted and paged in memory.
   */
  async queryRecords(appId: string, tableId: string, query: RecordQuery = {}): Promise<RecordData[]> {
    this.assertOpen();
    return this.backend.read(async (tx) => {
      const app = await tx.getApp(appId);
      const dataKey = app ? dataKeyOf(app) : appId;
      if (query.sortBy === undefined && query.where === undefined) {
        const offset = Math.max(0, Math.floor(query.offset ?? 0));
        const limit = query.limit === undefined ? undefined : Math.max(0, Math.floor(query.limit));
        if (limit === 0) return [];
        return (await tx.getRange(dataKey, tableId, { offset, limit, desc: query.direction === 'desc' })).map(toRecord);
      }
      let rows = await tx.getRange(dataKey, tableId);
      if (query.where) rows = rows.filter((r) => matchesWhere(r, query.where));
      const list = rows.map(toRecord);
      if (query.sortBy !== undefined) {
        sortRecords(list, query.sortBy, query.direction, app ? this.sortKeyFor(app, tableId, query.sortBy) : undefined);
      } else if (query.direction === 'desc') list.reverse();
      return pageOf(list, query);
    });
  }

  async countRecords(appId: string, tableId: string): Promise<number> {
    this.assertOpen();
    return this.backend.read(async (tx) => tx.count(await this.dataKey(tx, appId), tableId));
  }

  async mutate(appId: string, mutations: Mutation[], options?: WriteOptions): Promise<Array<RecordData | undefined>> {
    this.assertOpen();
    if (mutations.length === 0) return [];
    const change = this.recordChange(appId, options);
    const origin = change.origin;
    const createdSeqs = new Map<string, number>();
    const results = await this.backend.write(async (tx) => {
      const app = await tx.getApp(appId);
      if (!app) throw storeErrors.unknownApp(appId);
      const dataKey = dataKeyOf(app);
      const tableIds = new Set(app.tables.map((t) => t.id));
      const out: Array<RecordData | undefined> = [];
      const now = new Date().toISOString();
      const breathe = breather(tx, appId);
      const assigned = await createHooks.assign?.(tx, app, dataKey, mutations, now);
      change.revision = this.touch(tx, dataKey);
      for (const m of mutations) {
        if (!tableIds.has(m.tableId)) throw storeErrors.unknownTable(appId, m.tableId);
        if (m.type === 'create') {
          const turn = breathe();
          if (turn) await turn;
          const id = m.id === undefined ? newRecordId() : checkRecordId(m.id);
          const row: StoredRecord = { appId: dataKey, tableId: m.tableId, id, seq: this.clock.next(), version: 1, createdAt: now, updatedAt: now, values: assigned?.get(m) ?? copyValues(m.values) };
          tx.add(row);
          // An imported record's creation is its createdAt, as for bulk writes: no entry
          // (it would double what an import writes). No trim: an earlier record of this id
          // was trimmed when it was deleted.
          if (origin.kind !== 'import') this.writeHistory(tx, row, 'created', origin, now, valueChanges(row.values, 'after'), false);
          createdSeqs.set(m.tableId + '\u0000' + id, row.seq);
          change.created.push(toRecord(row));
          out.push(copyRecord(toRecord(row)));
          continue;
        }
        const stored = await tx.getRecord(dataKey, m.tableId, m.id);
        if (!stored) throw storeErrors.notFound(m.tableId, m.id);
        if (m.expectedVersion !== undefined && m.expectedVersion !== stored.version) {
          throw new StaleWriteError(m.tableId, m.id, m.expectedVersion, stored.version);
        }
        if (m.type === 'delete') {
          tx.delete(dataKey, m.tableId, m.id);
          // The record's files stay until collected (`collectBlobs`, on a later open): the undo
          // of a deletion (src/runtime/record-deletes.ts) restores the record with its files.
          this.writeHistory(tx, stored, 'deleted', origin, now, valueChanges(stored.values, 'before'), true);
          change.deleted.push(toRecord(stored));
          out.push(undefined);
          continue;
        }
        const merged = mergeValues(stored.values, m.values);
        if (!merged.changed) {
          out.push(toRecord(stored));
          continue;
        }
        const row: StoredRecord = { ...stored, version: stored.version + 1, updatedAt: now, values: merged.values };
        tx.put(row);
        for (const blobId of removedBlobIds(merged.previous, row.values)) tx.deleteBlob(appId, blobId);
        this.writeHistory(tx, row, 'updated', origin, now, updateChanges(merged.previous, row.values), row.version % HISTORY_TRIM_EVERY === 0);
        change.updated.push({ record: toRecord(row), previous: merged.previous });
        out.push(copyRecord(toRecord(row)));
      }
      return out;
    });
    if (!isEmptyChange(change)) this.publish(change, (r) => createdSeqs.get(r.tableId + '\u0000' + r.id) ?? 0);
    return results;
  }

  /**
   * A record's history, newest first: one reverse range over the history key of the app's
   * current records generation (entries of an earlier generation are never read).
   */
  async recordHistory(appId: string, tableId: string, recordId: string, query: HistoryQuery = {}): Promise<HistoryEntry[]> {
    this.assertOpen();
    const limit = Math.min(HISTORY_LIMIT, Math.max(0, Math.floor(query.limit ?? 50)));
    if (limit === 0) return [];
    const rows = await this.backend.read(async (tx) => tx.getHistory(await this.dataKey(tx, appId), tableId, recordId, { limit, before: query.before }));
    return rows.map((row) => ({ ...row, appId }));
  }

  /**
   * Writes `records` in transactions of `batchSize` (default 5,000): each batch commits whole
   * or not at all, then reports progress and emits one change event. A batch's writes are
   * queued at once and only the commit is awaited (no round trip per record).
   */
  async bulkCreate(appId: string, tableId: string, records: BulkRecord[], options: BulkOptions = {}): Promise<number> {
    this.assertOpen();
    const batchSize = checkBatchSize(options);
    let done = 0;
    for (let start = 0; start < records.length; start += batchSize) {
      if (options.signal?.aborted) break;
      if (start > 0) await nextTurn();
      this.assertOpen();
      const rows = this.rowsOf(appId, tableId, records, start, batchSize);
      const revision = await this.backend.write(async (tx) => {
        const app = await tx.getApp(appId);
        if (!app) throw storeErrors.unknownApp(appId);
        if (!app.tables.some((t) => t.id === tableId)) throw storeErrors.unknownTable(appId, tableId);
        const dataKey = dataKeyOf(app);
        const revision = this.touch(tx, dataKey);
        const breathe = breather(tx, appId);
        for (const row of rows) {
          const turn = breathe();
          if (turn) await turn;
          row.appId = dataKey;
          tx.add(row);
        }
        return revision;
      });
      done += rows.length;
      const seqs = new Map(rows.map((r) => [r.id, r.seq]));
      this.publish({ ...this.recordChange(appId, options), created: rows.map(toRecord), revision }, (r) => seqs.get(r.id) ?? 0);
      options.onProgress?.(done, records.length);
    }
    return done;
  }

  /**
   * Replaces an app's definition and all its records (an import; the first clone of a
   * template), crash-safely: the new records are written in batches under a fresh data key
   * while the old app stays live and untouched; one small transaction then checks that every
   * record arrived and switches the app row to the new definition and data key; the old
   * generation is deleted afterwards. A failure or a closed page at any moment leaves the old
   * app (or no app) complete; an unfinished generation is removed by `collectGarbage`.
   *
   * Emits one change `{ kind: 'app', replaced: true }` after the switch. Returns the number of
   * records written. Records of tables the definition does not have are ignored.
   * @throws StoreError `store.aborted` when `options.signal` aborted before the switch.
   */
  async replaceApp(app: AppDef, records: Record<string, BulkRecord[]>, options: BulkOptions = {}): Promise<number> {
    this.assertOpen();
    const batchSize = checkBatchSize(options);
    const origin = options.origin ?? USER;
    const dataKey = `${app.id}#g${newRecordId().slice(1)}`;
    const total = app.tables.reduce((sum, t) => sum + (records[t.id]?.length ?? 0), 0);
    const result = await withLock(this.lockName(app.id), false, async () => {
      let done = 0;
      try {
        for (const table of app.tables) {
          const input = records[table.id] ?? [];
          for (let start = 0; start < input.length; start += batchSize) {
            if (options.signal?.aborted) throw storeErrors.aborted(app.id);
            if (done > 0) await nextTurn();
            this.assertOpen();
            const rows = this.rowsOf(dataKey, table.id, input, start, batchSize);
            await this.backend.write(async (tx) => {
              const breathe = breather(tx, app.id);
              for (const row of rows) {
                const turn = breathe();
          if (turn) await turn;
                tx.add(row);
              }
            });
            done += rows.length;
            options.onProgress?.(done, total);
          }
        }
        if (options.signal?.aborted) throw storeErrors.aborted(app.id);
        this.assertOpen();
        const old = await this.backend.write(async (tx) => {
          // Only a complete generation may go live (another tab's garbage collection, a bug).
          for (const table of app.tables) {
            const expected = records[table.id]?.length ?? 0;
            const found = await tx.count(dataKey, table.id);
            if (found !== expected) throw storeErrors.incompleteReplace(app.id, table.id, expected, found);
          }
          const stored = await tx.getApp(app.id);
          const now = new Date().toISOString();
          const { dataKey: _ignored, status: _status, ...def } = app as StoredApp;
          tx.putApp({ ...def, dataKey, version: (stored?.version ?? 0) + 1, createdAt: stored?.createdAt ?? app.createdAt ?? now, updatedAt: now });
          return stored;
        });
        // The old generation is garbage now; if this delete never happens, collectGarbage does it.
        const oldKeys = new Set([app.id, ...(old ? [dataKeyOf(old)] : [])]);
        await this.backend
          .write(async (tx) => {
            for (const key of oldKeys) tx.deleteAll(key);
          })
          .catch(() => undefined);
        return done;
      } catch (error) {
        // Best effort: whatever stays behind is not pointed at and is collected on the next open.
        if (this.closedReason === undefined) await this.backend.write(async (tx) => tx.deleteAll(dataKey)).catch(() => undefined);
        throw error;
      }
    });
    this.publish({ ...this.appChange(app.id, { origin }), replaced: true });
    return result ?? 0;
  }

  /**
   * Deletes every record generation no app points at: what an interrupted `replaceApp` left,
   * or an old generation whose deletion did not run, and the files no record refers to
   * (`collectBlobs`). Skips an app while a replace of it holds its lock (in this tab or
   * another). Returns the number of generations deleted.
   */
  async collectGarbage(): Promise<number> {
    this.assertOpen();
    const candidates = await this.backend.read(async (tx) => {
      const live = new Set((await tx.listApps()).map(dataKeyOf));
      return (await tx.dataKeys()).filter((k) => !live.has(k));
    });
    let deleted = 0;
    for (const key of candidates) {
      const appId = key.includes('#g') ? key.slice(0, key.lastIndexOf('#g')) : key;
      await withLock(this.lockName(appId), true, async () => {
        if (this.closedReason !== undefined) return;
        await this.backend.write(async (tx) => {
          // Checked again inside the deleting transaction: a switch may have happened since.
          const live = new Set((await tx.listApps()).map(dataKeyOf));
          if (live.has(key)) return;
          tx.deleteAll(key);
          deleted += 1;
        });
      });
    }
    // Files nobody refers to (a form never saved): not while a replace of the app is under way.
    for (const app of await this.listApps()) {
      await withLock(this.lockName(app.id), true, () => (this.closedReason === undefined ? this.collectBlobs(app.id) : Promise.resolve(0)));
    }
    return deleted;
  }

  async putBlob(appId: string, id: string, data: Blob): Promise<void> {
    this.assertOpen();
    await this.backend.write(async (tx) => tx.putBlob({ appId, id, data, createdAt: new Date().toISOString() }));
  }

  async getBlob(appId: string, id: string): Promise<Blob | undefined> {
    this.assertOpen();
    return (await this.backend.read((tx) => tx.getBlob(appId, id)))?.data;
  }

  async deleteBlobs(appId: string, ids: readonly string[]): Promise<void> {
    this.assertOpen();
    if (ids.length === 0) return;
    await this.backend.write(async (tx) => {
      for (const id of ids) tx.deleteBlob(appId, id);
    });
  }

  /**
   * Deletes the files of `appId` that no record refers to and that are older than
   * `BLOB_GRACE_MS` (a form picked them and was never saved, or a record write failed after
   * its files were stored). Reads the app's records only when it has files at all. Returns the
   * number deleted.
   */
  async collectBlobs(appId: string, now = Date.now()): Promise<number> {
    this.assertOpen();
    return this.backend.write(async (tx) => {
      const blobs = await tx.listBlobs(appId);
      const old = blobs.filter((b) => now - Date.parse(b.createdAt) > BLOB_GRACE_MS);
      if (old.length === 0) return 0;
      const app = await tx.getApp(appId);
      const referenced = new Set<string>();
      for (const table of app?.tables ?? []) {
        for (const row of await tx.getRange(dataKeyOf(app!), table.id)) for (const id of blobIdsIn(row.values)) referenced.add(id);
      }
      let deleted = 0;
      for (const blob of old) {
        if (referenced.has(blob.id)) continue;
        tx.deleteBlob(appId, blob.id);
        deleted += 1;
      }
      return deleted;
    });
  }

  subscribe(listener: ChangeListener): () => void {
    return this.feed.subscribe(listener);
  }

  close(): void {
    this.closeFor('This store has been closed.');
  }

  /** @internal Closes with a reason later calls will report. */
  closeFor(reason: string): void {
    if (this.closedReason !== undefined) return;
    this.closedReason = reason;
    this.feed.clear();
    this.onClose();
    this.backend.close();
  }

  /** Called once when the store closes, before the backend is closed. */
  protected onClose(): void {}

  protected get closed(): boolean {
    return this.closedReason !== undefined;
  }

  protected assertOpen(): void {
    if (this.closedReason !== undefined) throw storeErrors.closed(this.closedReason);
  }

  /**
   * Delivers a committed change to this store's listeners. Backends with other tabs override
   * it to pass the change on; `seqOf` gives created records' insertion order.
   */
  protected publish(change: ChangeEvent, _seqOf?: (record: RecordData) => number): void {
    this.feed.emit(change);
  }

  /**
   * Queues one history entry for a record `mutate` wrote and, with `trim`, drops the record's
   * entries beyond the newest `HISTORY_LIMIT`.
   */
  private writeHistory(tx: WriteTx, row: StoredRecord, kind: HistoryEntry['kind'], origin: ChangeOrigin, at: string, changes: FieldChange[], trim: boolean): void {
    const entry: StoredHistory = { appId: row.appId, tableId: row.tableId, recordId: row.id, seq: this.clock.next(), kind, version: row.version, at, origin, changes };
    tx.addHistory(entry);
    if (trim) tx.trimHistory(row.appId, row.tableId, row.id, HISTORY_LIMIT);
  }

  /**
   * The key function `queryRecords` sorts a field by (numbers numerically, strings in zh-CN
   * order): the field type's `sortKey`, the same key the table's in-memory sort uses.
   */
  private sortKeyFor(app: AppDef, tableId: string, fieldId: string): ((value: CellValue) => number | string) | undefined {
    const field = app.tables.find((t) => t.id === tableId)?.fields.find((f) => f.id === fieldId);
    if (!field) return undefined; // createdAt / updatedAt / id, or a field deleted since
    const type = fieldTypeOf(field);
    return (value) => type.sortKey(value, field);
  }

  async readDerived(appId: string, name: string): Promise<{ revision: string; value: unknown }> {
    this.assertOpen();
    return this.backend.read(async (tx) => {
      const dataKey = await this.dataKey(tx, appId);
      const [revision, row] = await Promise.all([tx.getDerived(dataKey, REVISION), name === REVISION ? undefined : tx.getDerived(dataKey, name)]);
      return { revision: String(revision?.value ?? ''), value: row?.value };
    });
  }

  async writeDerived(appId: string, name: string, revision: string, value: unknown): Promise<boolean> {
    this.assertOpen();
    if (name === REVISION) throw new TypeError(`"${REVISION}" is the data revision's own name`);
    return this.backend.write(async (tx) => {
      const app = await tx.getApp(appId);
      if (!app) return false;
      const dataKey = dataKeyOf(app);
      const current = await tx.getDerived(dataKey, REVISION);
      if (String(current?.value ?? '') !== revision) return false;
      tx.putDerived({ appId: dataKey, name, value });
      return true;
    });
  }

  /**
   * Gives the records under `dataKey` a new data revision in the transaction `tx` (every
   * record write calls it): whatever was kept computed from them is out of date from then on.
   */
  private touch(tx: WriteTx, dataKey: string): string {
    const revision = newRecordId();
    tx.putDerived({ appId: dataKey, name: REVISION, value: revision });
    return revision;
  }

  private async dataKey(tx: ReadTx, appId: string): Promise<string> {
    const app = await tx.getApp(appId);
    return app ? dataKeyOf(app) : appId;
  }

  private lockName(appId: string): string {
    return `ltc-kit:store-generation:${this.lockScope}:${appId}`;
  }

  private appChange(appId: string, options?: WriteOptions): ChangeEvent {
    return { appId, origin: options?.origin ?? USER, kind: 'app', created: [], updated: [], deleted: [], remote: false };
  }

  private recordChange(appId: string, options?: WriteOptions): ChangeEvent {
    return { appId, origin: options?.origin ?? USER, kind: 'records', created: [], updated: [], deleted: [], remote: false };
  }

  /** Stored rows for `records[start … start + batchSize)`, ids checked, metadata restored. */
  private rowsOf(dataKey: string, tableId: string, records: BulkRecord[], start: number, batchSize: number): StoredRecord[] {
    const now = new Date().toISOString();
    const rows: StoredRecord[] = [];
    const end = Math.min(start + batchSize, records.length);
    for (let i = start; i < end; i++) {
      const input = records[i];
      const id = input.id === undefined ? newRecordId() : checkRecordId(input.id);
      rows.push({ appId: dataKey, tableId, id, seq: this.clock.next(), ...restoredMeta(input, now), values: copyValues(input.values) });
    }
    return rows;
  }
}

function checkBatchSize(options: BulkOptions): number {
  const batchSize = options.batchSize ?? 5000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw storeErrors.badBatchSize(batchSize);
  return batchSize;
}

/** Writes queued in one go before the page gets a turn inside a transaction. */
const WRITES_PER_TURN = 250;

/**
 * Lets the page run between chunks of one transaction's queued writes: storing a record
 * costs a structured clone on the page's thread, and a batch of 2,000–5,000 queued in one go
 * was a task of 200–400 ms (bench/import.bench.ts counts them). Every `WRITES_PER_TURN` calls
 * it queues a cheap read in the same transaction and waits for the one queued a chunk
 * earlier: the wait ends in that request's success event — a new task, with the transaction
 * still active — while the database goes on writing the chunk in between, so the batch stays
 * one transaction and the pipeline stays full.
 */
function breather(tx: ReadTx, appId: string): () => Promise<void> | undefined {
  let count = 0;
  let marker: Promise<unknown> | undefined;
  return () => {
    if (++count % WRITES_PER_TURN !== 0) return undefined;
    const previous = marker;
    marker = tx.getApp(appId);
    return previous?.then(() => undefined);
  };
}

/** Gives the page a turn between batches, so a cancel or a reload can land. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A created (`after`) or deleted (`before`) record's non-blank values as field changes. */
function valueChanges(values: RecordValues, side: 'before' | 'after'): FieldChange[] {
  const out: FieldChange[] = [];
  for (const fieldId of Object.keys(values)) {
    const value = values[fieldId];
    if (isBlank(value)) continue;
    out.push(side === 'after' ? { fieldId, before: null, after: value } : { fieldId, before: value, after: null });
  }
  return out;
}

/** An update's changed fields: `previous` holds exactly the fields whose value changed. */
function updateChanges(previous: RecordValues, values: RecordValues): FieldChange[] {
  return Object.keys(previous).map((fieldId) => ({ fieldId, before: previous[fieldId] ?? null, after: values[fieldId] ?? null }));
}
