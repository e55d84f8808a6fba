/**
 * Replacing an app with the contents of an export file (already validated). Records keep
 * their ids, versions and timestamps so relations stay intact and an export restores exactly.
 *
 * Crash-safe through `Store.replaceApp`: the new records are written under a new storage
 * generation while the current app stays stored and live, and one small transaction switches
 * to the new definition once every record is in. A failed write, a full disk or a closed page
 * at any moment leaves the old app complete (see docs/store.md); nothing is held only in memory.
 */
import type { AppExport } from '../core/schema/types.js';
import type { BulkOptions, Store } from '../store/types.js';
import { loadFormulaCompiler } from './formula-compiler.js';

/**
 * Replaces app `appId` with `data` (its definition under this id, and its records). Returns the
 * number of records written. On failure the stored app is unchanged and the store's error
 * (`store.quota`, `store.closed`, …) is thrown. Writes carry origin `import`.
 */
export async function replaceApp(store: Store, appId: string, data: AppExport, options?: BulkOptions): Promise<number> {
  const { withCompiledFormulas } = await loadFormulaCompiler();
  const app = withCompiledFormulas({ ...data.app, id: appId });
  return store.replaceApp(app, data.records, { ...options, origin: { kind: 'import' } });
}
