/**
 * `MemoryStore`: the `Store` contract in plain Maps — `CoreStore` over a memory backend. Tests
 * use it where IndexedDB would only add time; since every rule lives in ./core-store.ts it
 * behaves exactly as IndexedDbStore does. The backend copies everything going in or out, as
 * IndexedDB's structured clone does, so a caller cannot change stored data behind the store's
 * back. A write transaction stages its writes and applies them at once when its body has
 * finished (all or nothing); write transactions run one after another, as IndexedDB's
 * readwrite transactions over the same stores do. Nothing persists and there are no other
 * tabs (`remote` is always false).
 */
import type { ReadTx, StoreBackend, StoredApp, StoredBlob, StoredDerived, StoredHistory, StoredRecord, WriteTx, RangeQuery } from './backend.js';
import { CoreStore, type CoreStoreOptions } from './core-store.js';
import { storeErrors } from './errors.js';

type Table = Map<string, StoredRecord>;

function copyRow(row: StoredRecord): StoredRecord {
  return structuredClone(row);
}

/**
 * Committed data: app id → row; data key → table id → record id → row (Map order = insertion
 * order); record key → its history entries, oldest first.
 */
class MemoryData {
  readonly apps = new Map<string, StoredApp>();
  readonly records = new Map<string, Map<string, Table>>();
  readonly history = new Map<string, StoredHistory[]>();
  /** `appId \0 id` → stored file (Blobs are immutable, so they are shared, not copied). */
  readonly blobs = new Map<string, StoredBlob>();
  /** `dataKey \0 name` → derived row (copied in and out, as records are). */
  readonly derived = new Map<string, StoredDerived>();

  table(dataKey: string, tableId: string, create = false): Table | undefined {
    let tables = this.records.get(dataKey);
    if (!tables) {
      if (!create) return undefined;
      this.records.set(dataKey, (tables = new Map()));
    }
    let table = tables.get(tableId);
    if (!table && create) tables.set(tableId, (table = new Map()));
    return table;
  }
}

/** Newest first, older than `before`, at most `limit`. */
function historyPage(entries: StoredHistory[], query: { limit: number; before?: number }): StoredHistory[] {
  const out: StoredHistory[] = [];
  for (let i = entries.length - 1; i >= 0 && out.length < query.limit; i--) {
    if (query.before === undefined || entries[i].seq < query.before) out.push(structuredClone(entries[i]));
  }
  return out;
}

function pageRows(rows: StoredRecord[], query: RangeQuery): StoredRecord[] {
  const list = query.desc ? rows.reverse() : rows;
  const offset = query.offset ?? 0;
  return offset === 0 && query.limit === undefined ? list : list.slice(offset, query.limit === undefined ? undefined : offset + query.limit);
}

/** Reads straight from committed data, handing out copies. */
class MemoryReadTx implements ReadTx {
  constructor(protected readonly data: MemoryData) {}

  async getApp(appId: string): Promise<StoredApp | undefined> {
    const app = this.data.apps.get(appId);
    return app && structuredClone(app);
  }

  async listApps(): Promise<StoredApp[]> {
    return [...this.data.apps.values()].map((app) => structuredClone(app));
  }

  async getRecord(dataKey: string, tableId: string, id: string): Promise<StoredRecord | undefined> {
    const row = this.data.table(dataKey, tableId)?.get(id);
    return row && copyRow(row);
  }

  async getRange(dataKey: string, tableId: string, query: RangeQuery = {}): Promise<StoredRecord[]> {
    const table = this.data.table(dataKey, tableId);
    return table ? pageRows([...table.values()], query).map(copyRow) : [];
  }

  async count(dataKey: string, tableId: string): Promise<number> {
    return this.data.table(dataKey, tableId)?.size ?? 0;
  }

  async dataKeys(): Promise<string[]> {
    const keys = new Set([...this.data.records.entries()].filter(([, tables]) => [...tables.values()].some((t) => t.size > 0)).map(([key]) => key));
    for (const [key, entries] of this.data.history) if (entries.length) keys.add(dataKeyOfRowKey(key));
    return [...keys];
  }

  async getHistory(dataKey: string, tableId: string, recordId: string, query: { limit: number; before?: number }): Promise<StoredHistory[]> {
    return historyPage(this.data.history.get(rowKey(dataKey, tableId, recordId)) ?? [], query);
  }

  async getBlob(appId: string, id: string): Promise<StoredBlob | undefined> {
    const blob = this.data.blobs.get(blobKey(appId, id));
    return blob && { ...blob };
  }

  async getDerived(dataKey: string, name: string): Promise<StoredDerived | undefined> {
    const row = this.data.derived.get(blobKey(dataKey, name));
    return row && structuredClone(row);
  }

  async listBlobs(appId: string): Promise<Array<{ id: string; createdAt: string }>> {
    return [...this.data.blobs.values()].filter((b) => b.appId === appId).map((b) => ({ id: b.id, createdAt: b.createdAt }));
  }
}

const blobKey = (appId: string, id: string) => `${appId}\u0000${id}`;

/** A staged write: the row (null = deleted) and whether it was added (moves to the end). */
interface Staged {
  dataKey: string;
  tableId: string;
  id: string;
  row: StoredRecord | null;
  added: boolean;
}

const rowKey = (dataKey: string, tableId: string, id: string) => `${dataKey}\u0000${tableId}\u0000${id}`;
const dataKeyOfRowKey = (key: string) => key.slice(0, key.indexOf('\u0000'));

/** Stages writes over committed data; reads see the staged writes first. */
class MemoryWriteTx extends MemoryReadTx implements WriteTx {
  private readonly staged = new Map<string, Staged>();
  private readonly stagedApps = new Map<string, StoredApp | null>();
  private readonly cleared = new Set<string>();
  /** Record key → that record's whole history as this transaction leaves it (copy on write). */
  private readonly stagedHistory = new Map<string, StoredHistory[]>();
  /** Blob key → the file written, or null for a deleted one; `clearedBlobs`: apps whose files all go. */
  private readonly stagedBlobs = new Map<string, StoredBlob | null>();
  private readonly clearedBlobs = new Set<string>();
  /** Derived key → the row written (cleared data keys drop theirs, see `cleared`). */
  private readonly stagedDerived = new Map<string, StoredDerived>();

  private committedRow(dataKey: string, tableId: string, id: string): StoredRecord | undefined {
    return this.cleared.has(dataKey) ? undefined : this.data.table(dataKey, tableId)?.get(id);
  }

  override async getApp(appId: string): Promise<StoredApp | undefined> {
    if (this.stagedApps.has(appId)) {
      const app = this.stagedApps.get(appId);
      return app ? structuredClone(app) : undefined;
    }
    return super.getApp(appId);
  }

  override async listApps(): Promise<StoredApp[]> {
    const apps = new Map(this.data.apps);
    for (const [id, app] of this.stagedApps) app ? apps.set(id, app) : apps.delete(id);
    return [...apps.values()].map((app) => structuredClone(app));
  }

  override async getRecord(dataKey: string, tableId: string, id: string): Promise<StoredRecord | undefined> {
    const s = this.staged.get(rowKey(dataKey, tableId, id));
    const row = s ? s.row : this.committedRow(dataKey, tableId, id);
    return row ? copyRow(row) : undefined;
  }

  override async getRange(dataKey: string, tableId: string, query: RangeQuery = {}): Promise<StoredRecord[]> {
    const rows = new Map<string, StoredRecord>();
    if (!this.cleared.has(dataKey)) for (const [id, row] of this.data.table(dataKey, tableId) ?? []) rows.set(id, row);
    for (const s of this.staged.values()) {
      if (s.dataKey !== dataKey || s.tableId !== tableId) continue;
      if (s.added || !s.row) rows.delete(s.id);
      if (s.row) rows.set(s.id, s.row);
    }
    return pageRows([...rows.values()], query).map(copyRow);
  }

  override async count(dataKey: string, tableId: string): Promise<number> {
    return (await this.getRange(dataKey, tableId)).length;
  }

  override async dataKeys(): Promise<string[]> {
    const keys = new Set((await super.dataKeys()).filter((k) => !this.cleared.has(k)));
    for (const s of this.staged.values()) if (s.row) keys.add(s.dataKey);
    for (const [key, entries] of this.stagedHistory) if (entries.length) keys.add(dataKeyOfRowKey(key));
    return [...keys];
  }

  override async getHistory(dataKey: string, tableId: string, recordId: string, query: { limit: number; before?: number }): Promise<StoredHistory[]> {
    return historyPage(this.historyOf(rowKey(dataKey, tableId, recordId)), query);
  }

  /** The record's history as this transaction sees it, staged for changing. */
  private historyOf(key: string): StoredHistory[] {
    let entries = this.stagedHistory.get(key);
    if (!entries) {
      entries = this.cleared.has(dataKeyOfRowKey(key)) ? [] : (this.data.history.get(key) ?? []).slice();
      this.stagedHistory.set(key, entries);
    }
    return entries;
  }

  addHistory(entry: StoredHistory): void {
    const entries = this.historyOf(rowKey(entry.appId, entry.tableId, entry.recordId));
    const copy = structuredClone(entry);
    // Kept in seq order, as the IndexedDB key orders them; an equal key overwrites, as `put` does.
    const at = entries.findIndex((e) => e.seq >= copy.seq);
    if (at === -1) entries.push(copy);
    else entries.splice(at, entries[at].seq === copy.seq ? 1 : 0, copy);
  }

  trimHistory(dataKey: string, tableId: string, recordId: string, keep: number): void {
    const entries = this.historyOf(rowKey(dataKey, tableId, recordId));
    if (entries.length > keep) entries.splice(0, entries.length - keep);
  }

  override async getBlob(appId: string, id: string): Promise<StoredBlob | undefined> {
    const key = blobKey(appId, id);
    if (this.stagedBlobs.has(key)) {
      const blob = this.stagedBlobs.get(key);
      return blob ? { ...blob } : undefined;
    }
    return this.clearedBlobs.has(appId) ? undefined : super.getBlob(appId, id);
  }

  override async listBlobs(appId: string): Promise<Array<{ id: string; createdAt: string }>> {
    const rows = new Map<string, { id: string; createdAt: string }>();
    if (!this.clearedBlobs.has(appId)) for (const b of await super.listBlobs(appId)) rows.set(b.id, b);
    for (const [key, blob] of this.stagedBlobs) {
      if (!key.startsWith(`${appId}\u0000`)) continue;
      const id = key.slice(appId.length + 1);
      if (blob) rows.set(id, { id, createdAt: blob.createdAt });
      else rows.delete(id);
    }
    return [...rows.values()];
  }

  override async getDerived(dataKey: string, name: string): Promise<StoredDerived | undefined> {
    const staged = this.stagedDerived.get(blobKey(dataKey, name));
    if (staged) return structuredClone(staged);
    return this.cleared.has(dataKey) ? undefined : super.getDerived(dataKey, name);
  }

  putDerived(row: StoredDerived): void {
    this.stagedDerived.set(blobKey(row.appId, row.name), structuredClone(row));
  }

  putBlob(blob: StoredBlob): void {
    this.stagedBlobs.set(blobKey(blob.appId, blob.id), { ...blob });
  }

  deleteBlob(appId: string, id: string): void {
    this.stagedBlobs.set(blobKey(appId, id), null);
  }

  deleteBlobsOf(appId: string): void {
    this.clearedBlobs.add(appId);
    for (const key of this.stagedBlobs.keys()) if (key.startsWith(`${appId}\u0000`)) this.stagedBlobs.delete(key);
  }

  putApp(app: StoredApp): void {
    this.stagedApps.set(app.id, structuredClone(app));
  }

  deleteApp(appId: string): void {
    this.stagedApps.set(appId, null);
  }

  add(row: StoredRecord): void {
    const key = rowKey(row.appId, row.tableId, row.id);
    const s = this.staged.get(key);
    if (s ? s.row : this.committedRow(row.appId, row.tableId, row.id)) throw storeErrors.duplicateId(row.tableId, row.id);
    this.staged.set(key, { dataKey: row.appId, tableId: row.tableId, id: row.id, row: copyRow(row), added: true });
  }

  put(row: StoredRecord): void {
    const key = rowKey(row.appId, row.tableId, row.id);
    const added = this.staged.get(key)?.added ?? false;
    this.staged.set(key, { dataKey: row.appId, tableId: row.tableId, id: row.id, row: copyRow(row), added });
  }

  delete(dataKey: string, tableId: string, id: string): void {
    this.staged.set(rowKey(dataKey, tableId, id), { dataKey, tableId, id, row: null, added: false });
  }

  deleteAll(dataKey: string): void {
    this.cleared.add(dataKey);
    for (const [key, s] of this.staged) if (s.dataKey === dataKey) this.staged.delete(key);
    for (const key of this.stagedHistory.keys()) if (dataKeyOfRowKey(key) === dataKey) this.stagedHistory.delete(key);
    for (const [key, row] of this.stagedDerived) if (row.appId === dataKey) this.stagedDerived.delete(key);
  }

  /** Applies everything staged, synchronously. */
  commit(): void {
    for (const key of this.cleared) this.data.records.delete(key);
    for (const [key, row] of this.data.derived) if (this.cleared.has(row.appId)) this.data.derived.delete(key);
    for (const [key, row] of this.stagedDerived) this.data.derived.set(key, row);
    for (const key of this.data.history.keys()) if (this.cleared.has(dataKeyOfRowKey(key))) this.data.history.delete(key);
    for (const [key, entries] of this.stagedHistory) entries.length ? this.data.history.set(key, entries) : this.data.history.delete(key);
    for (const s of this.staged.values()) {
      const table = this.data.table(s.dataKey, s.tableId, true)!;
      // A record deleted and added again in one transaction moves to the end, as a new seq does in IndexedDB.
      if (s.added || !s.row) table.delete(s.id);
      if (s.row) table.set(s.id, s.row);
    }
    for (const [id, app] of this.stagedApps) app ? this.data.apps.set(id, app) : this.data.apps.delete(id);
    for (const [key, blob] of this.data.blobs) if (this.clearedBlobs.has(blob.appId)) this.data.blobs.delete(key);
    for (const [key, blob] of this.stagedBlobs) blob ? this.data.blobs.set(key, blob) : this.data.blobs.delete(key);
  }
}

/** The memory backend. */
class MemoryBackend implements StoreBackend {
  private readonly data = new MemoryData();
  /** Write transactions run one at a time, so two writes cannot both pass a version check. */
  private queue: Promise<unknown> = Promise.resolve();

  read<T>(body: (tx: ReadTx) => Promise<T>): Promise<T> {
    return body(new MemoryReadTx(this.data));
  }

  write<T>(body: (tx: WriteTx) => Promise<T>): Promise<T> {
    const run = async () => {
      const tx = new MemoryWriteTx(this.data);
      const result = await body(tx);
      tx.commit();
      return result;
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  close(): void {}
}

/** An in-memory `Store` with the same semantics as `IndexedDbStore`. */
export class MemoryStore extends CoreStore {
  constructor(options: CoreStoreOptions = {}) {
    super(new MemoryBackend(), options);
  }
}
