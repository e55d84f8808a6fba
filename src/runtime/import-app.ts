/**
 * Replacing an app with the contents of an export file (already validated). Records keep
 * their ids so relations stay intact; the definition is marked `cloning` until the last
 * record is written (see open-app.ts). The current app
 * is read into memory first: if any write fails (a full disk, a closed tab's transaction),
 * it is written back, so a failed import loses nothing that was stored.
 */
import type { AppDef, AppExport, RecordData } from '../core/schema/types.js';
import type { BulkOptions, Store } from '../store/types.js';
import { withCompiledFormulas } from '../core/formula/index.js';

async function writeApp(store: Store, app: AppDef, records: Record<string, RecordData[]>, options?: BulkOptions) {
  await store.deleteApp(app.id);
  // Records need their app; the `cloning` mark says "not complete yet" until the last write.
  const pending = await store.putApp({ ...app, status: 'cloning' });
  let count = 0;
  for (const table of app.tables) {
    const rows = records[table.id] ?? [];
    // Ids, versions and timestamps travel with the records, so an export restores exactly.
    if (rows.length) count += await store.bulkCreate(app.id, table.id, rows, options);
  }
  const { status: _pending, ...ready } = pending;
  await store.putApp(ready, pending.version);
  return count;
}

export async function replaceApp(store: Store, appId: string, data: AppExport, options?: BulkOptions): Promise<number> {
  const previous = await store.getApp(appId);
  const backup: Record<string, RecordData[]> = {};
  for (const table of previous?.tables ?? []) backup[table.id] = await store.queryRecords(appId, table.id);
  try {
    return await writeApp(store, withCompiledFormulas({ ...data.app, id: appId }), data.records, options);
  } catch (error) {
    if (previous) await writeApp(store, previous, backup);
    throw error;
  }
}
