/**
 * Deleting many records at once — a selection, a whole table, the sample data a template
 * brought — with an undo that really restores them: the same ids (so relations from other
 * records point at them again), values, versions and timestamps.
 *
 * The delete is one store transaction (all or nothing; a reload mid-way leaves every record).
 * The undo re-creates the records per table in one batch each and skips records that exist
 * again, so an undo interrupted by a reload can simply be run again.
 */
import { isSampleRecordId } from '../core/templates/clone.js';
import type { AppDef, RecordData } from '../core/schema/types.js';
import type { ChangeOrigin, Mutation, Store } from '../store/types.js';

/** What `deleteRecords` removed, and how to bring it back. */
export interface DeletedRecords {
  /** How many records were deleted. */
  count: number;
  /** The deleted records, as they were stored, per table id. */
  records: Record<string, RecordData[]>;
  /** Re-creates every deleted record that does not exist again; resolves to how many. */
  undo(): Promise<number>;
}

/**
 * Deletes records (by table id → record ids) in one transaction. Each delete names the
 * version it read, so a record changed meanwhile in another tab makes the whole delete fail
 * (`StaleWriteError`) and nothing is deleted. Ids that no longer exist are skipped.
 */
export async function deleteRecords(
  store: Store,
  app: AppDef,
  ids: Record<string, readonly string[]>,
  options: { origin?: ChangeOrigin } = {},
): Promise<DeletedRecords> {
  const records: Record<string, RecordData[]> = {};
  const mutations: Mutation[] = [];
  for (const [tableId, list] of Object.entries(ids)) {
    const wanted = new Set(list);
    if (wanted.size === 0) continue;
    const rows = (await store.queryRecords(app.id, tableId)).filter((r) => wanted.has(r.id));
    if (rows.length === 0) continue;
    records[tableId] = rows;
    for (const row of rows) mutations.push({ type: 'delete', tableId, id: row.id, expectedVersion: row.version });
  }
  if (mutations.length) await store.mutate(app.id, mutations, { origin: options.origin ?? { kind: 'user' } });
  return {
    count: mutations.length,
    records,
    undo: () => restoreRecords(store, app.id, records, options.origin),
  };
}

/** Re-creates deleted records exactly (ids, values, versions, timestamps), skipping any that exist. */
export async function restoreRecords(
  store: Store,
  appId: string,
  records: Record<string, readonly RecordData[]>,
  origin: ChangeOrigin = { kind: 'user' },
): Promise<number> {
  let restored = 0;
  for (const [tableId, rows] of Object.entries(records)) {
    const present = new Set((await store.queryRecords(appId, tableId)).map((r) => r.id));
    const missing = rows.filter((r) => !present.has(r.id));
    if (missing.length === 0) continue;
    restored += await store.bulkCreate(
      appId,
      tableId,
      missing.map((r) => ({ id: r.id, values: r.values, version: r.version, createdAt: r.createdAt, updatedAt: r.updatedAt })),
      { batchSize: missing.length, origin },
    );
  }
  return restored;
}

/** The ids of the records a template brought (sample data), per table id. */
export async function sampleRecordIds(store: Store, app: AppDef): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of app.tables) {
    const ids = (await store.queryRecords(app.id, table.id)).map((r) => r.id).filter(isSampleRecordId);
    if (ids.length) out[table.id] = ids;
  }
  return out;
}

/** Sets or clears the app's `sampleData` mark against the latest stored definition. */
async function markSampleData(store: Store, appId: string, value: boolean, origin?: ChangeOrigin): Promise<void> {
  const latest = await store.getApp(appId);
  if (!latest || !!latest.sampleData === value) return;
  const { sampleData: _old, ...rest } = latest;
  await store.putApp(value ? { ...rest, sampleData: true } : rest, latest.version, { origin: origin ?? { kind: 'user' } });
}

/**
 * "Clear sample data": deletes every record the template brought, in every table, in one
 * transaction, then clears the app's `sampleData` mark. The user's own records stay (records
 * of theirs that linked to a sample record keep the link's id, shown as a missing record).
 * The undo restores the records and the mark.
 */
export async function clearSampleData(store: Store, app: AppDef, options: { origin?: ChangeOrigin } = {}): Promise<DeletedRecords> {
  const deleted = await deleteRecords(store, app, await sampleRecordIds(store, app), options);
  await markSampleData(store, app.id, false, options.origin);
  return {
    ...deleted,
    undo: async () => {
      const restored = await restoreRecords(store, app.id, deleted.records, options.origin);
      if (deleted.count > 0) await markSampleData(store, app.id, true, options.origin);
      return restored;
    },
  };
}
