/**
 * `IndexedDbStore`: the default `Store`, on IndexedDB through idb.
 *
 * - Layout and migrations live in ./idb-schema.ts.
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
import { openDB, unwrap, type IDBPDatabase, type IDBPObjectStore, type IDBPTransaction } from 'idb';
import type { AppDef, RecordData } from '../core/schema/types.js';
import { storeErrors } from './errors.js';
import { ChangeFeed, isEmptyChange, reportLater } from './feed.js';
import { DB_VERSION, type LtcDb, type StoredRecord, upgradeDatabase } from './idb-schema.js';
import { newRecordId, SeqClock } from './ids.js';
import { checkRecordId, copyValues, matchesWhere, mergeValues, pageOf, sortRecords, restoredMeta } from './records.js';
import type { BulkOptions, BulkRecord, ChangeEvent, ChangeListener, Mutation, RecordQuery, Store } from './types.js';
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
}

/** What travels over the BroadcastChannel. */
interface WireMessage {
  ltc: 1;
  change: Omit<ChangeEvent, 'remote'>;
  /** Created records sent by reference, per table: the ids and the `seq` range they lie in. */
  createdRefs?: Array<{ tableId: string; ids: string[]; seqFrom: number; seqTo: number }>;
}

type Db = IDBPDatabase<LtcDb>;
type WriteTx = IDBPTransaction<LtcDb, Array<'apps' | 'records'>, 'readwrite'>;
type RecordsStore = IDBPObjectStore<LtcDb, Array<'apps' | 'records'>, 'records', 'readwrite'>;

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
  return store;
}

/** The IndexedDB-backed `Store`. Create it with `openIndexedDbStore`. */
export class IndexedDbStore implements Store {
  private readonly feed = new ChangeFeed();
  private readonly clock = new SeqClock();
  private readonly channel: BroadcastChannel | undefined;
  /** Remote messages are handled one after another so re-reads cannot reorder them. */
  private inbox: Promise<void> = Promise.resolve();
  private closedReason: string | undefined;

  /** @internal Use `openIndexedDbStore`. */
  constructor(
    private readonly db: Db,
    /** The database name this store was opened on. */
    readonly dbName: string,
    private readonly options: IndexedDbStoreOptions = {},
  ) {
    if (options.broadcast !== false && typeof BroadcastChannel !== 'undefined') {
      this.channel = new BroadcastChannel('ltc-kit:' + dbName);
      this.channel.onmessage = (event: MessageEvent) => this.receive(event.data);
    }
  }

  async listApps(): Promise<AppDef[]> {
    return this.open().getAll('apps');
  }

  async getApp(appId: string): Promise<AppDef | undefined> {
    return this.open().get('apps', appId);
  }

  async putApp(app: AppDef, expectedVersion?: number): Promise<AppDef> {
    const next = await this.write(async (tx) => {
      const apps = tx.objectStore('apps');
      const stored = await apps.get(app.id);
      if (expectedVersion !== undefined && (stored?.version ?? 0) !== expectedVersion) {
        throw new StaleWriteError('app', app.id, expectedVersion, stored?.version);
      }
      const now = new Date().toISOString();
      const row: AppDef = { ...app, version: (stored?.version ?? 0) + 1, createdAt: stored?.createdAt ?? app.createdAt ?? now, updatedAt: now };
      await apps.put(row);
      // A copy, as from a read: the caller's object and the stored one share nothing.
      return structuredClone(row);
    });
    this.publish({ appId: app.id, origin: { kind: 'user' }, kind: 'app', created: [], updated: [], deleted: [], remote: false });
    return next;
  }

  async deleteApp(appId: string): Promise<void> {
    const existed = await this.write(async (tx) => {
      const found = (await tx.objectStore('apps').count(appId)) > 0;
      await tx.objectStore('apps').delete(appId);
      // [appId] < [appId, tableId, id] < [appId, []] for every string tableId: arrays sort after strings.
      await tx.objectStore('records').delete(IDBKeyRange.bound([appId], [appId, []]));
      return found;
    });
    if (existed) this.publish({ appId, origin: { kind: 'user' }, kind: 'app', created: [], updated: [], deleted: [], remote: false, appDeleted: true });
  }

  async getRecord(appId: string, tableId: string, id: string): Promise<RecordData | undefined> {
    const row = await this.open().get('records', [appId, tableId, id]);
    return row && toRecord(row);
  }

  /**
   * A page of a table, in insertion order unless `sortBy` is given.
   *
   * Costs with 100,000 records (bench/store.bench.ts): without `sortBy` or `where`, only the
   * page is read — the first page with one `getAll(range, limit)` on the `byOrder` index
   * (≈ 2–3 ms for 50), later pages with a cursor that skips `offset` entries inside IndexedDB
   * (`advance`, ≈ 50 ms at offset 50,000) and reads `limit` records, newest first with a
   * reverse cursor (≈ 4 ms). With `sortBy` or `where`, or with no `limit` (the whole table),
   * every record of the table is read (≈ 2 s per 100,000 on the shared 2-core machine, the
   * same as a raw `getAll`) and sorted / filtered in memory (sorting adds ≈ 0.1–0.2 s).
   * Callers that sort or filter repeatedly should hold the table in memory.
   */
  async queryRecords(appId: string, tableId: string, query: RecordQuery = {}): Promise<RecordData[]> {
    const db = this.open();
    const range = tableRange(appId, tableId);
    const offset = Math.max(0, Math.floor(query.offset ?? 0));
    const limit = query.limit === undefined ? Infinity : Math.max(0, Math.floor(query.limit));
    const desc = query.direction === 'desc';
    const whole = query.sortBy !== undefined || query.where !== undefined || (limit === Infinity && (offset > 0 || desc));
    if (whole) {
      let rows = await this.readTable(appId, tableId);
      if (query.where) rows = rows.filter((r) => matchesWhere(r, query.where));
      const list = rows.map(toRecord);
      if (query.sortBy !== undefined) sortRecords(list, query.sortBy, query.direction);
      else if (desc) list.reverse();
      return pageOf(list, query);
    }
    if (limit === 0) return [];
    if (!desc && offset === 0) {
      // One request and no cursor round trips for the first page.
      const rows = limit === Infinity ? await this.readTable(appId, tableId) : await db.getAllFromIndex('records', 'byOrder', range, limit);
      return rows.map(toRecord);
    }
    const tx = db.transaction('records', 'readonly');
    let cursor = await tx.store.index('byOrder').openCursor(range, desc ? 'prev' : 'next');
    if (cursor && offset > 0) cursor = await cursor.advance(offset);
    const out: RecordData[] = [];
    while (cursor && out.length < limit) {
      out.push(toRecord(cursor.value));
      cursor = out.length < limit ? await cursor.continue() : null;
    }
    return out;
  }

  /**
   * Every record of a table in insertion order. `getAll` on the primary key and a sort by `seq`
   * in memory: the same read through the `byOrder` index costs an index-to-record lookup per
   * record (measured 1.4× the plain read for 100,000 records; the sort, when needed, ≈ 50 ms).
   */
  private async readTable(appId: string, tableId: string): Promise<StoredRecord[]> {
    const rows = await this.open().getAll('records', tableRange(appId, tableId));
    // Generated ids grow with time, so primary-key order is usually insertion order already.
    let sorted = true;
    for (let i = 1; i < rows.length && sorted; i++) sorted = rows[i - 1].seq <= rows[i].seq;
    // A stable sort from primary-key order: records sharing a seq (two tabs, same instant) keep the index's tie order.
    return sorted ? rows : rows.sort((a, b) => a.seq - b.seq);
  }

  /** Counts a table's records with an index count (no record is read). */
  async countRecords(appId: string, tableId: string): Promise<number> {
    return this.open().count('records', tableRange(appId, tableId));
  }

  async mutate(appId: string, mutations: Mutation[]): Promise<Array<RecordData | undefined>> {
    if (mutations.length === 0) {
      this.open();
      return [];
    }
    const change: ChangeEvent = { appId, origin: { kind: 'user' }, kind: 'records', created: [], updated: [], deleted: [], remote: false };
    const createdSeqs = new Map<string, number>();
    const results = await this.write(async (tx) => {
      const tableIds = await this.tableIdsOf(tx, appId);
      const records = tx.objectStore('records');
      const out: Array<RecordData | undefined> = [];
      const now = new Date().toISOString();
      for (const m of mutations) {
        if (!tableIds.has(m.tableId)) throw storeErrors.unknownTable(appId, m.tableId);
        if (m.type === 'create') {
          const id = m.id === undefined ? newRecordId() : checkRecordId(m.id);
          const row: StoredRecord = { appId, tableId: m.tableId, id, seq: this.clock.next(), version: 1, createdAt: now, updatedAt: now, values: copyValues(m.values) };
          await this.add(records, row);
          const record = toRecord(row);
          createdSeqs.set(m.tableId + '\u0000' + id, row.seq);
          change.created.push(record);
          out.push(record);
          continue;
        }
        const stored = await records.get([appId, m.tableId, m.id]);
        if (!stored) throw storeErrors.notFound(m.tableId, m.id);
        if (m.expectedVersion !== undefined && m.expectedVersion !== stored.version) {
          throw new StaleWriteError(m.tableId, m.id, m.expectedVersion, stored.version);
        }
        if (m.type === 'delete') {
          await records.delete([appId, m.tableId, m.id]);
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
        this.options.beforeWrite?.(toRecord(row));
        await records.put(row);
        const record = toRecord(row);
        change.updated.push({ record, previous: merged.previous });
        out.push(record);
      }
      return out;
    });
    if (!isEmptyChange(change)) this.publish(change, (r) => createdSeqs.get(r.tableId + '\u0000' + r.id) ?? 0);
    return results;
  }

  /**
   * Writes `records` in transactions of `batchSize` (default 5,000): each batch commits whole
   * or not at all, then reports progress and emits one change event. All of a batch's writes
   * are issued at once and only the commit is awaited, so a batch costs one round of
   * IndexedDB work, not one round trip per record. An id that already exists fails its batch with
   * `store.duplicateId`; a full disk fails it with `store.quota`; earlier batches stay.
   */
  async bulkCreate(appId: string, tableId: string, records: BulkRecord[], options: BulkOptions = {}): Promise<number> {
    this.open();
    const batchSize = options.batchSize ?? 5000;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw storeErrors.badBatchSize(batchSize);
    let done = 0;
    for (let start = 0; start < records.length; start += batchSize) {
      if (options.signal?.aborted) break;
      const now = new Date().toISOString();
      const rows: StoredRecord[] = [];
      for (let i = start; i < Math.min(start + batchSize, records.length); i++) {
        const input = records[i];
        const id = input.id === undefined ? newRecordId() : checkRecordId(input.id);
        rows.push({ appId, tableId, id, seq: this.clock.next(), ...restoredMeta(input, now), values: copyValues(input.values) });
      }
      let requests: IDBRequest[] = [];
      await this.write(
        async (tx) => {
          const tableIds = await this.tableIdsOf(tx, appId);
          if (!tableIds.has(tableId)) throw storeErrors.unknownTable(appId, tableId);
          // The plain IDBObjectStore: idb's wrapper would add a promise and two listeners per
          // request, and nothing here needs a per-record result; the commit is awaited once.
          // `add`, not `put`: an existing key fails the request (and so the batch) instead of overwriting.
          const store = unwrap(tx.objectStore('records'));
          requests = rows.map((row) => {
            this.options.beforeWrite?.(toRecord(row));
            return store.add(row);
          });
        },
        (error) => {
          if (!isConstraintError(error)) return error;
          const failed = requests.findIndex((r) => r.readyState === 'done' && r.error?.name === 'ConstraintError');
          return failed >= 0 ? storeErrors.duplicateId(tableId, rows[failed].id) : error;
        },
      );
      done += rows.length;
      const seqs = new Map(rows.map((r) => [r.id, r.seq]));
      this.publish({ appId, origin: { kind: 'user' }, kind: 'records', created: rows.map(toRecord), updated: [], deleted: [], remote: false }, (r) => seqs.get(r.id) ?? 0);
      options.onProgress?.(done, records.length);
    }
    return done;
  }

  subscribe(listener: ChangeListener): () => void {
    return this.feed.subscribe(listener);
  }

  /** Closes the database connection and the channel; later calls fail with `store.closed`. */
  close(): void {
    this.closeFor('This store has been closed.');
  }

  /** @internal Closes with a reason later calls will report. */
  closeFor(reason: string): void {
    if (this.closedReason !== undefined) return;
    this.closedReason = reason;
    this.channel?.close();
    this.feed.clear();
    this.db.close();
  }

  private open(): Db {
    if (this.closedReason !== undefined) throw storeErrors.closed(this.closedReason);
    return this.db;
  }

  /**
   * Runs `body` in one readwrite transaction over apps and records and resolves after the
   * commit. Whatever `body` throws aborts the transaction, so nothing of it is written.
   * `explain` turns a failed commit's error into a clearer one (which record was a duplicate).
   */
  private async write<T>(body: (tx: WriteTx) => Promise<T>, explain: (error: unknown) => unknown = (e) => e): Promise<T> {
    const tx = this.open().transaction(['apps', 'records'], 'readwrite');
    const finished = settled(unwrap(tx));
    let result: T;
    try {
      result = await body(tx);
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // IndexedDB already aborted it (a failed request does): nothing was written.
      }
      await finished.catch(() => undefined);
      throw toStoreError(error);
    }
    // A failed commit (a full disk shows up here as QuotaExceededError) or a failed request.
    await finished.catch((error: unknown) => {
      throw toStoreError(explain(error));
    });
    return result;
  }

  private async tableIdsOf(tx: WriteTx, appId: string): Promise<Set<string>> {
    const app = await tx.objectStore('apps').get(appId);
    if (!app) throw storeErrors.unknownApp(appId);
    return new Set(app.tables.map((t) => t.id));
  }

  private async add(records: RecordsStore, row: StoredRecord): Promise<void> {
    this.options.beforeWrite?.(toRecord(row));
    try {
      await records.add(row);
    } catch (error) {
      throw isConstraintError(error) ? storeErrors.duplicateId(row.tableId, row.id) : error;
    }
  }

  /** Delivers a committed change here, then to other tabs. `seqOf` gives created records' seq. */
  private publish(change: ChangeEvent, seqOf?: (record: RecordData) => number): void {
    this.feed.emit(change);
    if (!this.channel) return;
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
        if (this.closedReason !== undefined) return;
        const created = data.createdRefs ? await this.reread(data.change.appId, data.createdRefs) : data.change.created;
        if (this.closedReason !== undefined) return;
        this.feed.emit({ ...data.change, created, remote: true });
      })
      .catch(reportLater);
  }

  /** Reads records another tab created, by `seq` range, keeping only the ids it named. */
  private async reread(appId: string, refs: NonNullable<WireMessage['createdRefs']>): Promise<RecordData[]> {
    const out: RecordData[] = [];
    for (const ref of refs) {
      const wanted = new Set(ref.ids);
      const rows = await this.db.getAllFromIndex('records', 'byOrder', IDBKeyRange.bound([appId, ref.tableId, ref.seqFrom], [appId, ref.tableId, ref.seqTo]));
      for (const row of rows) if (wanted.has(row.id)) out.push(toRecord(row));
    }
    return out;
  }
}

/**
 * Resolves when `tx` commits; rejects with the transaction's own error when it aborts. Unlike
 * idb's `tx.done`, which rejects on the first request error (before IndexedDB has set
 * `tx.error`), this waits for the abort, so the error names the real cause.
 */
function settled(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.addEventListener('complete', () => resolve(), { once: true });
    tx.addEventListener('abort', () => reject(tx.error ?? new DOMException('The transaction was aborted.', 'AbortError')), { once: true });
  });
}

/** The key range of one table's records, valid on the primary key and on `byOrder`. */
function tableRange(appId: string, tableId: string): IDBKeyRange {
  return IDBKeyRange.bound([appId, tableId], [appId, tableId, []]);
}

function toRecord(row: StoredRecord): RecordData {
  return { id: row.id, tableId: row.tableId, version: row.version, createdAt: row.createdAt, updatedAt: row.updatedAt, values: row.values };
}

function isConstraintError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'ConstraintError';
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
