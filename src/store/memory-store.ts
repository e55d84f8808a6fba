/**
 * `MemoryStore`: the whole `Store` contract in plain Maps. Tests use it where IndexedDB would
 * only add time, and it is the reference the contract suite holds IndexedDbStore to, so it
 * keeps the same rules: one all-or-nothing write per `mutate`, versions, stale-write refusal,
 * insertion order, one change event per committed write. Everything going in or out is
 * copied, as IndexedDB's structured clone does, so a caller cannot change stored data behind
 * the store's back. Nothing persists and there are no other tabs (`remote` is always false).
 */
import type { AppDef, RecordData } from '../core/schema/types.js';
import { storeErrors } from './errors.js';
import { ChangeFeed, isEmptyChange } from './feed.js';
import { newRecordId } from './ids.js';
import { checkRecordId, copyRecord, copyValues, matchesWhere, mergeValues, pageOf, sortRecords, restoredMeta } from './records.js';
import type { BulkOptions, BulkRecord, ChangeEvent, ChangeListener, Mutation, RecordQuery, Store } from './types.js';
import { StaleWriteError } from './types.js';

type Table = Map<string, RecordData>;

/** An in-memory `Store` with the same semantics as `IndexedDbStore`. */
export class MemoryStore implements Store {
  private readonly apps = new Map<string, AppDef>();
  /** appId → tableId → id → record; Map iteration order is insertion order. */
  private readonly records = new Map<string, Map<string, Table>>();
  private readonly feed = new ChangeFeed();
  private closed = false;

  async listApps(): Promise<AppDef[]> {
    this.assertOpen();
    return [...this.apps.values()].map((app) => structuredClone(app));
  }

  async getApp(appId: string): Promise<AppDef | undefined> {
    this.assertOpen();
    const app = this.apps.get(appId);
    return app && structuredClone(app);
  }

  async putApp(app: AppDef, expectedVersion?: number): Promise<AppDef> {
    this.assertOpen();
    const stored = this.apps.get(app.id);
    if (expectedVersion !== undefined && (stored?.version ?? 0) !== expectedVersion) {
      throw new StaleWriteError('app', app.id, expectedVersion, stored?.version);
    }
    const now = new Date().toISOString();
    const next: AppDef = {
      ...structuredClone(app),
      version: (stored?.version ?? 0) + 1,
      createdAt: stored?.createdAt ?? app.createdAt ?? now,
      updatedAt: now,
    };
    this.apps.set(app.id, next);
    this.feed.emit({ appId: app.id, origin: { kind: 'user' }, kind: 'app', created: [], updated: [], deleted: [], remote: false });
    return structuredClone(next);
  }

  async deleteApp(appId: string): Promise<void> {
    this.assertOpen();
    const existed = this.apps.delete(appId);
    this.records.delete(appId);
    if (existed) {
      this.feed.emit({ appId, origin: { kind: 'user' }, kind: 'app', created: [], updated: [], deleted: [], remote: false, appDeleted: true });
    }
  }

  async getRecord(appId: string, tableId: string, id: string): Promise<RecordData | undefined> {
    this.assertOpen();
    const record = this.records.get(appId)?.get(tableId)?.get(id);
    return record && copyRecord(record);
  }

  async queryRecords(appId: string, tableId: string, query: RecordQuery = {}): Promise<RecordData[]> {
    this.assertOpen();
    const table = this.records.get(appId)?.get(tableId);
    if (!table) return [];
    let list = [...table.values()];
    if (query.where) list = list.filter((r) => matchesWhere(r, query.where));
    if (query.sortBy) sortRecords(list, query.sortBy, query.direction);
    else if (query.direction === 'desc') list.reverse();
    return pageOf(list, query).map(copyRecord);
  }

  async countRecords(appId: string, tableId: string): Promise<number> {
    this.assertOpen();
    return this.records.get(appId)?.get(tableId)?.size ?? 0;
  }

  async mutate(appId: string, mutations: Mutation[]): Promise<Array<RecordData | undefined>> {
    this.assertOpen();
    const app = this.requireApp(appId);
    const tableIds = new Set(app.tables.map((t) => t.id));
    // Stage every write, check everything, then apply: a refusal anywhere leaves the store untouched.
    const staged = new Map<string, { tableId: string; id: string; record: RecordData | null; created: boolean }>();
    const read = (tableId: string, id: string): RecordData | undefined => {
      const s = staged.get(key(tableId, id));
      if (s) return s.record ?? undefined;
      return this.records.get(appId)?.get(tableId)?.get(id);
    };
    const change: ChangeEvent = { appId, origin: { kind: 'user' }, kind: 'records', created: [], updated: [], deleted: [], remote: false };
    const results: Array<RecordData | undefined> = [];
    const now = new Date().toISOString();

    for (const m of mutations) {
      if (!tableIds.has(m.tableId)) throw storeErrors.unknownTable(appId, m.tableId);
      if (m.type === 'create') {
        const id = m.id === undefined ? newRecordId() : checkRecordId(m.id);
        if (read(m.tableId, id)) throw storeErrors.duplicateId(m.tableId, id);
        const record: RecordData = { id, tableId: m.tableId, version: 1, createdAt: now, updatedAt: now, values: copyValues(m.values) };
        staged.set(key(m.tableId, id), { tableId: m.tableId, id, record, created: true });
        change.created.push(copyRecord(record));
        results.push(copyRecord(record));
        continue;
      }
      const stored = read(m.tableId, m.id);
      if (!stored) throw storeErrors.notFound(m.tableId, m.id);
      if (m.expectedVersion !== undefined && m.expectedVersion !== stored.version) {
        throw new StaleWriteError(m.tableId, m.id, m.expectedVersion, stored.version);
      }
      const prior = staged.get(key(m.tableId, m.id));
      if (m.type === 'delete') {
        staged.set(key(m.tableId, m.id), { tableId: m.tableId, id: m.id, record: null, created: false });
        change.deleted.push(copyRecord(stored));
        results.push(undefined);
        continue;
      }
      const merged = mergeValues(stored.values, m.values);
      if (!merged.changed) {
        results.push(copyRecord(stored));
        continue;
      }
      const record: RecordData = { ...stored, version: stored.version + 1, updatedAt: now, values: merged.values };
      staged.set(key(m.tableId, m.id), { tableId: m.tableId, id: m.id, record, created: prior?.created ?? false });
      change.updated.push({ record: copyRecord(record), previous: merged.previous });
      results.push(copyRecord(record));
    }

    for (const s of staged.values()) {
      const table = this.tableOf(appId, s.tableId);
      if (s.record === null) table.delete(s.id);
      else {
        // A record deleted and created again in one mutate moves to the end, as a new seq does in IndexedDB.
        if (s.created) table.delete(s.id);
        table.set(s.id, s.record);
      }
    }
    if (!isEmptyChange(change)) this.feed.emit(change);
    return results;
  }

  async bulkCreate(
    appId: string,
    tableId: string,
    records: BulkRecord[],
    options: BulkOptions = {},
  ): Promise<number> {
    this.assertOpen();
    const batchSize = options.batchSize ?? 5000;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw storeErrors.badBatchSize(batchSize);
    let done = 0;
    for (let start = 0; start < records.length; start += batchSize) {
      if (options.signal?.aborted) break;
      this.assertOpen();
      const app = this.requireApp(appId);
      if (!app.tables.some((t) => t.id === tableId)) throw storeErrors.unknownTable(appId, tableId);
      const table = this.records.get(appId)?.get(tableId);
      const now = new Date().toISOString();
      const batch: RecordData[] = [];
      const seen = new Set<string>();
      for (const input of records.slice(start, start + batchSize)) {
        const id = input.id === undefined ? newRecordId() : checkRecordId(input.id);
        if (seen.has(id) || table?.has(id)) throw storeErrors.duplicateId(tableId, id);
        seen.add(id);
        batch.push({ id, tableId, ...restoredMeta(input, now), values: copyValues(input.values) });
      }
      const target = this.tableOf(appId, tableId);
      for (const record of batch) target.set(record.id, record);
      done += batch.length;
      this.feed.emit({ appId, origin: { kind: 'user' }, kind: 'records', created: batch.map(copyRecord), updated: [], deleted: [], remote: false });
      options.onProgress?.(done, records.length);
      // Give the page a turn between batches, as IndexedDB's commits do, so a cancel can land.
      if (start + batchSize < records.length) await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return done;
  }

  subscribe(listener: ChangeListener): () => void {
    return this.feed.subscribe(listener);
  }

  close(): void {
    this.closed = true;
    this.feed.clear();
  }

  private assertOpen(): void {
    if (this.closed) throw storeErrors.closed();
  }

  private requireApp(appId: string): AppDef {
    const app = this.apps.get(appId);
    if (!app) throw storeErrors.unknownApp(appId);
    return app;
  }

  private tableOf(appId: string, tableId: string): Table {
    let tables = this.records.get(appId);
    if (!tables) this.records.set(appId, (tables = new Map()));
    let table = tables.get(tableId);
    if (!table) tables.set(tableId, (table = new Map()));
    return table;
  }
}

function key(tableId: string, id: string): string {
  return `${tableId}\u0000${id}`;
}
