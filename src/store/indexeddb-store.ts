/**
 * `IndexedDbStore`: the default `Store`, on IndexedDB — `CoreStore` (./core-store.ts, where
 * every write rule lives) over the IndexedDB backend below, plus other tabs.
 *
 * - Layout and migrations live in ./idb-schema.ts; idb opens and upgrades the database, and
 *   the backend then works on the plain IndexedDB objects: idb's wrapper adds a promise per
 *   request and per transaction (`tx.done`), and every one of those rejects when a refused
 *   write aborts its transaction — with nobody listening, an uncaught `AbortError` on the page.
 *   Here only awaited reads get a promise; queued writes report through the transaction.
 * - Every write (`mutate`, `putApp`, `deleteApp`, one `bulkCreate` batch) is one readwrite
 *   transaction; its change event is built from what the transaction wrote and emitted only
 *   after the commit, first to this instance's listeners (before the write's promise
 *   resolves), then to other tabs through `BroadcastChannel('ltc-kit:' + dbName)`, where it
 *   arrives with `remote: true`.
 * - Remote messages stay small. An event that created more than `INLINE_CREATED_LIMIT`
 *   records (an import batch: 5,000 records, megabytes to clone) travels as the created
 *   records' ids and their `seq` range; the receiving store re-reads them with one index range
 *   query (≈ 50 ms per 5,000) and emits an ordinary, complete event. A record deleted or
 *   changed between the commit and the re-read shows up as it is now (or not at all) and is
 *   followed by its own update/delete event. Updates and deletes always travel whole: they
 *   carry `previous` values and deleted records that no longer exist to be re-read.
 * - Remote messages are delivered to listeners in the order they were sent, re-reads included.
 * - Cost model (TOOLCHAIN.md, bench/store.bench.ts): writing is ≈ 0.1 ms per record and
 *   dominated by IndexedDB itself, so bulk writes go in large batches without a request
 *   round trip per record; reading a whole table is ≈ 1 s per 100,000 records, so the first
 *   page is read off the `byOrder` index with a cursor (`advance(offset)`, then `limit`
 *   records) and only sorting or filtering reads the whole table.
 */
import { openDB, unwrap, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { RecordData } from '../core/schema/types.js';
import type { BackendMiddleware, RangeQuery, ReadTx, StoreBackend, StoredApp, StoredBlob, StoredDerived, StoredHistory, WriteTx } from './backend.js';
import { CoreStore, dataKeyOf, toRecord } from './core-store.js';
import { storeErrors } from './errors.js';
import { reportLater } from './feed.js';
import { DB_VERSION, type LtcDb, type StoredRecord, upgradeDatabase } from './idb-schema.js';
import type { ChangeEvent } from './types.js';
import { StaleWriteError, StoreError } from './types.js';

/** Events creating more records than this send ids to other tabs instead of the records. */
export const INLINE_CREATED_LIMIT = 100;

/** Options of `openIndexedDbStore`. */
export interface IndexedDbStoreOptions {
  /**
   * Test seam: called with every record row just before it is written, inside the write's
   * transaction. Throwing (for instance a `DOMException` named `QuotaExceededError`) fails
   * that write exactly as IndexedDB failing the request would. Not for production use.
   * @internal
   */
  beforeWrite?: (record: RecordData) => void;
  /** Set false to keep changes to this instance (no BroadcastChannel). Default true. */
  broadcast?: boolean;
  /**
   * Test seam: wraps the storage backend (count reads, fail a chosen transaction), as Dexie's
   * DBCore middleware does. Not for production use.
   * @internal
   */
  middleware?: BackendMiddleware;
  /**
   * Delete record generations no app points at (left by an interrupted replace) right after
   * opening, in the background. Default true.
   */
  collectGarbage?: boolean;
}

/** What travels over the BroadcastChannel. */
interface WireMessage {
  ltc: 1;
  change: Omit<ChangeEvent, 'remote'>;
  /** Created records sent by reference, per table: the ids and the `seq` range they lie in. */
  createdRefs?: Array<{ tableId: string; ids: string[]; seqFrom: number; seqTo: number }>;
}

type Db = IDBPDatabase<LtcDb>;

/**
 * Opens (creating or migrating as needed) the database `dbName` and returns a store on it.
 * Two stores on the same name, in one page or in two tabs, see each other's changes.
 * @throws StoreError `store.newerVersion` when the database was written by a newer ltc-kit,
 *   `store.migration` when upgrading it failed (it is then left unchanged), `store.open` when
 *   the browser refuses IndexedDB (private mode, disabled storage).
 */
export async function openIndexedDbStore(dbName = 'ltc-kit', options: IndexedDbStoreOptions = {}): Promise<IndexedDbStore> {
  let store: IndexedDbStore | undefined;
  let db: Db;
  let migration: { from: number; error: unknown } | undefined;
  try {
    db = await openDB<LtcDb>(dbName, DB_VERSION, {
      upgrade(database, oldVersion, newVersion, tx) {
        // idb's promise for the upgrade transaction rejects when a failing step aborts it; the
        // failure is reported through openDB, so this one must not surface as unhandled.
        tx.done.catch(() => undefined);
        upgradeDatabase(
          database as unknown as IDBPDatabase<unknown>,
          oldVersion,
          newVersion ?? DB_VERSION,
          tx as unknown as IDBPTransaction<unknown, string[], 'versionchange'>,
          (error) => (migration = { from: oldVersion, error }),
        );
      },
      // Another tab opened a newer version: step aside so its upgrade can run.
      blocking() {
        store?.closeFor('ltc-kit was updated in another tab; reload this page to keep working.');
      },
      terminated() {
        store?.closeFor('The browser closed the database (storage was cleared or the disk failed); reload this page.');
      },
    });
  } catch (error) {
    if (migration) {
      const cause = migration.error instanceof Error ? migration.error.message : String(migration.error);
      throw new StoreError(
        'store.migration',
        `Upgrading the database "${dbName}" from version ${migration.from} to ${DB_VERSION} failed (${cause}). ` +
          'It was left exactly as it was, with all its data; this ltc-kit cannot open it until the problem is fixed.',
      );
    }
    if (error instanceof DOMException && error.name === 'VersionError') {
      throw new StoreError('store.newerVersion', `The database "${dbName}" was written by a newer version of ltc-kit; reload the page to get it.`);
    }
    throw new StoreError('store.open', `Could not open the database "${dbName}": ${error instanceof Error ? error.message : String(error)}`);
  }
  store = new IndexedDbStore(db, dbName, options);
  if (options.collectGarbage !== false) {
    const opened = store;
    // In the background: opening never waits for it, and a failure only leaves garbage.
    void opened.collectGarbage().catch(() => undefined);
  }
  return store;
}

/** The IndexedDB-backed `Store`. Create it with `openIndexedDbStore`. */
export class IndexedDbStore extends CoreStore {
  private readonly channel: BroadcastChannel | undefined;
  /** Remote messages are handled one after another so re-reads cannot reorder them. */
  private inbox: Promise<void> = Promise.resolve();
  private readonly idb: IdbBackend;

  /** @internal Use `openIndexedDbStore`. */
  constructor(
    db: Db,
    /** The database name this store was opened on. */
    readonly dbName: string,
    options: IndexedDbStoreOptions = {},
  ) {
    const backend = new IdbBackend(unwrap(db) as IDBDatabase, options.beforeWrite);
    super(backend, { middleware: options.middleware, lockScope: 'idb:' + dbName });
    this.idb = backend;
    if (options.broadcast !== false && typeof BroadcastChannel !== 'undefined') {
      this.channel = new BroadcastChannel('ltc-kit:' + dbName);
      this.channel.onmessage = (event: MessageEvent) => this.receive(event.data);
    }
  }

  protected override onClose(): void {
    this.channel?.close();
  }

  /** Delivers a committed change here, then to other tabs. `seqOf` gives created records' seq. */
  protected override publish(change: ChangeEvent, seqOf?: (record: RecordData) => number): void {
    this.feed.emit(change);
    // A write that committed as the page closed this store: it is stored; other tabs read it
    // from the database (their channel cannot be told any more).
    if (!this.channel || this.closed) return;
    const { remote: _remote, ...wire } = change;
    const message: WireMessage = { ltc: 1, change: wire };
    if (change.created.length > INLINE_CREATED_LIMIT && seqOf) {
      const byTable = new Map<string, { tableId: string; ids: string[]; seqFrom: number; seqTo: number }>();
      for (const record of change.created) {
        const seq = seqOf(record);
        let ref = byTable.get(record.tableId);
        if (!ref) byTable.set(record.tableId, (ref = { tableId: record.tableId, ids: [], seqFrom: seq, seqTo: seq }));
        ref.ids.push(record.id);
        ref.seqFrom = Math.min(ref.seqFrom, seq);
        ref.seqTo = Math.max(ref.seqTo, seq);
      }
      message.change = { ...wire, created: [] };
      message.createdRefs = [...byTable.values()];
    }
    try {
      this.channel.postMessage(message);
    } catch (error) {
      reportLater(error);
    }
  }

  private receive(data: unknown): void {
    if (!isWireMessage(data)) return;
    this.inbox = this.inbox
      .then(async () => {
        if (this.closed) return;
        const created = data.createdRefs ? await this.reread(data.change.appId, data.createdRefs) : data.change.created;
        if (this.closed) return;
        // Who wrote it there travels along, so rules here know it was already acted on.
        this.feed.emit({ ...data.change, origin: { kind: 'tab', from: data.change.origin ?? { kind: 'user' } }, created, remote: true });
      })
      .catch(reportLater);
  }

  /** Reads records another tab created, by `seq` range, keeping only the ids it named. */
  private async reread(appId: string, refs: NonNullable<WireMessage['createdRefs']>): Promise<RecordData[]> {
    return this.idb.read(async (tx) => {
      const app = await tx.getApp(appId);
      const dataKey = app ? dataKeyOf(app) : appId;
      const out: RecordData[] = [];
      for (const ref of refs) {
        const wanted = new Set(ref.ids);
        const rows = await (tx as IdbReadTx).bySeq(dataKey, ref.tableId, ref.seqFrom, ref.seqTo);
        for (const row of rows) if (wanted.has(row.id)) out.push(toRecord(row));
      }
      return out;
    });
  }
}

/** A request's result as a promise (only for reads that are awaited). */
function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Every transaction spans all three stores: any write may also write history. */
const STORES = ['apps', 'records', 'history', 'blobs', 'derived'];

/** Reads over a plain IndexedDB transaction on `apps`, `records` and `history`. */
class IdbReadTx implements ReadTx {
  constructor(protected readonly tx: IDBTransaction) {}

  protected get records(): IDBObjectStore {
    return this.tx.objectStore('records');
  }

  protected get history(): IDBObjectStore {
    return this.tx.objectStore('history');
  }

  getApp(appId: string): Promise<StoredApp | undefined> {
    return request(this.tx.objectStore('apps').get(appId) as IDBRequest<StoredApp | undefined>);
  }

  listApps(): Promise<StoredApp[]> {
    return request(this.tx.objectStore('apps').getAll() as IDBRequest<StoredApp[]>);
  }

  getRecord(dataKey: string, tableId: string, id: string): Promise<StoredRecord | undefined> {
    return request(this.records.get([dataKey, tableId, id]) as IDBRequest<StoredRecord | undefined>);
  }

  /**
   * Costs with 100,000 records (bench/store.bench.ts): the first page is one `getAll(range,
   * limit)` on the `byOrder` index (≈ 2–3 ms for 50); later pages a cursor that skips
   * `offset` entries inside IndexedDB (`advance`, ≈ 50 ms at offset 50,000) and reads `limit`
   * records, newest first with a reverse cursor (≈ 4 ms); the whole table a `getAll` on the
   * primary key (≈ 2 s per 100,000 on the shared 2-core machine, the same as a raw `getAll`).
   */
  async getRange(dataKey: string, tableId: string, query: RangeQuery = {}): Promise<StoredRecord[]> {
    const range = tableRange(dataKey, tableId);
    const offset = query.offset ?? 0;
    const limit = query.limit ?? Infinity;
    if (limit === Infinity) {
      const rows = await this.readTable(range);
      if (query.desc) rows.reverse();
      return offset > 0 ? rows.slice(offset) : rows;
    }
    if (!query.desc && offset === 0) {
      // One request and no cursor round trips for the first page.
      return request(this.records.index('byOrder').getAll(range, limit) as IDBRequest<StoredRecord[]>);
    }
    const out: StoredRecord[] = [];
    await new Promise<void>((resolve, reject) => {
      const req = this.records.index('byOrder').openCursor(range, query.desc ? 'prev' : 'next');
      let skipped = offset === 0;
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const cursor = req.result;
        if (!cursor) return resolve();
        if (!skipped) {
          skipped = true;
          cursor.advance(offset);
          return;
        }
        out.push(cursor.value as StoredRecord);
        if (out.length < limit) cursor.continue();
        else resolve();
      };
    });
    return out;
  }

  /**
   * Every record of a table in insertion order. `getAll` on the primary key and a sort by `seq`
   * in memory: the same read through the `byOrder` index costs an index-to-record lookup per
   * record (measured 1.4× the plain read for 100,000 records; the sort, when needed, ≈ 50 ms).
   */
  private async readTable(range: IDBKeyRange): Promise<StoredRecord[]> {
    const rows = await request(this.records.getAll(range) as IDBRequest<StoredRecord[]>);
    // Generated ids grow with time, so primary-key order is usually insertion order already.
    let sorted = true;
    for (let i = 1; i < rows.length && sorted; i++) sorted = rows[i - 1].seq <= rows[i].seq;
    // A stable sort from primary-key order: records sharing a seq (two tabs, same instant) keep the index's tie order.
    return sorted ? rows : rows.sort((a, b) => a.seq - b.seq);
  }

  /** Counts with an index count (no record is read). */
  count(dataKey: string, tableId: string): Promise<number> {
    return request(this.records.count(tableRange(dataKey, tableId)));
  }

  /** Distinct data keys of records and history (no record is read). */
  async dataKeys(): Promise<string[]> {
    const keys = new Set(await firstKeys(this.records));
    for (const key of await firstKeys(this.history)) keys.add(key);
    return [...keys];
  }

  /** Newest first: a reverse cursor over the record's key range, stopped after `limit`. */
  getHistory(dataKey: string, tableId: string, recordId: string, query: { limit: number; before?: number }): Promise<StoredHistory[]> {
    const upper = query.before === undefined ? [dataKey, tableId, recordId, []] : [dataKey, tableId, recordId, query.before];
    const range = IDBKeyRange.bound([dataKey, tableId, recordId], upper, false, query.before !== undefined);
    const out: StoredHistory[] = [];
    return new Promise((resolve, reject) => {
      const req = this.history.openCursor(range, 'prev');
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const cursor = req.result;
        if (!cursor) return resolve(out);
        out.push(cursor.value as StoredHistory);
        if (out.length < query.limit) cursor.continue();
        else resolve(out);
      };
    });
  }

  getBlob(appId: string, id: string): Promise<StoredBlob | undefined> {
    return request(this.tx.objectStore('blobs').get([appId, id]) as IDBRequest<StoredBlob | undefined>);
  }

  /** The blobs' rows hold Blob handles: reading them does not read the files' bytes. */
  async listBlobs(appId: string): Promise<Array<{ id: string; createdAt: string }>> {
    const rows = await request(this.tx.objectStore('blobs').getAll(IDBKeyRange.bound([appId], [appId, []])) as IDBRequest<StoredBlob[]>);
    return rows.map((row) => ({ id: row.id, createdAt: row.createdAt }));
  }

  getDerived(dataKey: string, name: string): Promise<StoredDerived | undefined> {
    return request(this.tx.objectStore('derived').get([dataKey, name]) as IDBRequest<StoredDerived | undefined>);
  }

  /** Records of a table whose `seq` lies in [from, to] (another tab's batch). */
  bySeq(dataKey: string, tableId: string, from: number, to: number): Promise<StoredRecord[]> {
    return request(this.records.index('byOrder').getAll(IDBKeyRange.bound([dataKey, tableId, from], [dataKey, tableId, to])) as IDBRequest<StoredRecord[]>);
  }
}

/** Writes are queued requests without promises; failures reach the transaction. */
class IdbWriteTx extends IdbReadTx implements WriteTx {
  /** Added rows and their requests, to name the duplicate when a ConstraintError aborts. */
  readonly adds: Array<{ req: IDBRequest; row: StoredRecord }> = [];

  constructor(
    tx: IDBTransaction,
    private readonly beforeWrite: ((record: RecordData) => void) | undefined,
  ) {
    super(tx);
  }

  putApp(app: StoredApp): void {
    this.tx.objectStore('apps').put(app);
  }

  deleteApp(appId: string): void {
    this.tx.objectStore('apps').delete(appId);
  }

  add(row: StoredRecord): void {
    this.beforeWrite?.(toRecord(row));
    // `add`, not `put`: an existing key fails the request (and so the transaction) instead of overwriting.
    this.adds.push({ req: this.records.add(row), row });
  }

  put(row: StoredRecord): void {
    this.beforeWrite?.(toRecord(row));
    this.records.put(row);
  }

  delete(dataKey: string, tableId: string, id: string): void {
    this.records.delete([dataKey, tableId, id]);
  }

  deleteAll(dataKey: string): void {
    // [key] < [key, tableId, id] < [key, []] for every string tableId: arrays sort after strings.
    const range = IDBKeyRange.bound([dataKey], [dataKey, []]);
    this.records.delete(range);
    this.history.delete(range);
    this.tx.objectStore('derived').delete(IDBKeyRange.bound([dataKey], [dataKey, []]));
  }

  putDerived(row: StoredDerived): void {
    this.tx.objectStore('derived').put(row);
  }

  addHistory(entry: StoredHistory): void {
    this.history.put(entry);
  }

  putBlob(blob: StoredBlob): void {
    this.tx.objectStore('blobs').put(blob);
  }

  deleteBlob(appId: string, id: string): void {
    this.tx.objectStore('blobs').delete([appId, id]);
  }

  deleteBlobsOf(appId: string): void {
    this.tx.objectStore('blobs').delete(IDBKeyRange.bound([appId], [appId, []]));
  }

  /**
   * Queued, not awaited: a reverse key cursor skips the newest `keep` entries and, if one is
   * left, deletes it and everything older in one range delete. A failing request fails the
   * transaction like any other write.
   */
  trimHistory(dataKey: string, tableId: string, recordId: string, keep: number): void {
    const lower = [dataKey, tableId, recordId];
    const req = this.history.openKeyCursor(IDBKeyRange.bound(lower, [dataKey, tableId, recordId, []]), 'prev');
    let skipped = false;
    req.onsuccess = () => {
      const cursor = req.result;
      if (!cursor) return;
      if (!skipped) {
        skipped = true;
        cursor.advance(keep);
        return;
      }
      this.history.delete(IDBKeyRange.bound(lower, cursor.key));
    };
  }

  /** The clearest error for a failed transaction: which record was a duplicate, a full disk. */
  explain(error: unknown): unknown {
    if (error instanceof StoreError || error instanceof StaleWriteError) return error;
    // A request failure aborts the transaction; later requests then fail with AbortError. The
    // transaction's own error names the first, real cause.
    const cause = (error instanceof DOMException && error.name === 'AbortError' && this.tx.error) || error;
    if (cause instanceof DOMException && cause.name === 'ConstraintError') {
      const failed = this.adds.find((a) => a.req.readyState === 'done' && a.req.error?.name === 'ConstraintError');
      if (failed) return storeErrors.duplicateId(failed.row.tableId, failed.row.id);
    }
    return toStoreError(cause);
  }
}

/** The IndexedDB backend: one plain transaction over every store per call. */
class IdbBackend implements StoreBackend {
  constructor(
    private readonly db: IDBDatabase,
    private readonly beforeWrite: ((record: RecordData) => void) | undefined,
  ) {}

  read<T>(body: (tx: ReadTx) => Promise<T>): Promise<T> {
    return body(new IdbReadTx(this.db.transaction(STORES, 'readonly')));
  }

  /**
   * Runs `body` in one readwrite transaction and resolves after the commit. Whatever `body`
   * throws aborts the transaction, so nothing of it is written.
   */
  async write<T>(body: (tx: WriteTx) => Promise<T>): Promise<T> {
    let raw: IDBTransaction;
    try {
      raw = this.db.transaction(STORES, 'readwrite');
    } catch (error) {
      throw toStoreError(error);
    }
    const finished = settled(raw);
    // Handled from the start: an abort while `body` still runs must not count as unhandled.
    finished.catch(() => undefined);
    const tx = new IdbWriteTx(raw, this.beforeWrite);
    let result: T;
    try {
      result = await body(tx);
    } catch (error) {
      try {
        raw.abort();
      } catch {
        // IndexedDB already aborted it (a failed request does): nothing was written.
      }
      await finished.catch(() => undefined);
      throw tx.explain(error);
    }
    // A failed commit (a full disk shows up here as QuotaExceededError) or a failed request.
    try {
      await finished;
    } catch (error) {
      throw tx.explain(error);
    }
    return result;
  }

  close(): void {
    this.db.close();
  }
}

/**
 * Resolves when `tx` commits; rejects with the transaction's own error when it aborts (so the
 * error names the real cause, not the AbortError of the requests that were still queued).
 */
function settled(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.addEventListener('complete', () => resolve(), { once: true });
    tx.addEventListener('abort', () => reject(tx.error ?? new DOMException('The transaction was aborted.', 'AbortError')), { once: true });
  });
}

/** Distinct first key components of a store keyed `[dataKey, …]`, jumping from one data key to the next. */
function firstKeys(store: IDBObjectStore): Promise<string[]> {
  const keys: string[] = [];
  return new Promise((resolve, reject) => {
    const req = store.openKeyCursor();
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const cursor = req.result;
      if (!cursor) return resolve(keys);
      const dataKey = (cursor.key as string[])[0];
      keys.push(dataKey);
      // [dataKey, []] sorts after every [dataKey, tableId, …]: arrays sort after strings.
      cursor.continue([dataKey, []]);
    };
  });
}

/** The key range of one table's records, valid on the primary key and on `byOrder`. */
function tableRange(dataKey: string, tableId: string): IDBKeyRange {
  return IDBKeyRange.bound([dataKey, tableId], [dataKey, tableId, []]);
}

/** Store errors pass through; a full disk becomes `store.quota`; other IndexedDB failures `store.failed`. */
function toStoreError(error: unknown): unknown {
  if (error instanceof StoreError || error instanceof StaleWriteError) return error;
  if (error instanceof DOMException || (error instanceof Error && error.name === 'QuotaExceededError')) {
    if (error.name === 'QuotaExceededError') return storeErrors.quota();
    return new StoreError('store.failed', `The browser could not save this change (${error.name}: ${error.message}); nothing of it was written.`);
  }
  return error;
}

function isWireMessage(data: unknown): data is WireMessage {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Partial<WireMessage>;
  return m.ltc === 1 && typeof m.change === 'object' && m.change !== null && typeof m.change.appId === 'string' && Array.isArray(m.change.created);
}
