/**
 * Opening an app: the first time, clone its template into the store; every later time, use
 * what is stored. Safe against two tabs opening the same new app at once (Web Locks) and
 * against a page closed halfway through cloning: the definition is stored first marked
 * `status: 'cloning'`, the records follow, and the mark is removed last; an app found still
 * marked is cleared and cloned again.
 */
import { cloneTemplate } from '../core/templates/index.js';
import { withCompiledFormulas } from '../core/formula/index.js';
import type { AppDef, TemplateDef } from '../core/schema/types.js';
import type { Store } from '../store/types.js';

export interface EnsureAppOptions {
  appId: string;
  /** Called only when the app is not stored yet. */
  loadTemplate: () => Promise<TemplateDef>;
  /** Progress of writing sample records, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

async function withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
  if (!locks) return task();
  return locks.request(name, task) as Promise<T>;
}

/** Return the stored app, cloning it from its template first if it does not exist yet. */
export async function ensureApp(store: Store, options: EnsureAppOptions): Promise<{ app: AppDef; created: boolean }> {
  const existing = await store.getApp(options.appId);
  if (existing && existing.status !== 'cloning') return { app: existing, created: false };
  return withLock(`ltc-kit:open-app:${options.appId}`, async () => {
    // Another tab may have finished the clone while this one waited for the lock.
    const stored = await store.getApp(options.appId);
    if (stored && stored.status !== 'cloning') return { app: stored, created: false };
    const template = await options.loadTemplate();
    const cloned = cloneTemplate(template, { appId: options.appId });
    const records = cloned.records;
    // Formulas are stored with their compiled JSON Logic and dependencies beside the source.
    const app = withCompiledFormulas(cloned.app);
    // Holding the lock, a definition still marked `cloning` is an interrupted clone: start over.
    if (stored) await store.deleteApp(options.appId);
    const pending = await store.putApp({ ...app, status: 'cloning' });
    const total = Object.values(records).reduce((sum, rows) => sum + rows.length, 0);
    let done = 0;
    for (const table of app.tables) {
      const rows = records[table.id] ?? [];
      if (rows.length === 0) continue;
      const before = done;
      await store.bulkCreate(app.id, table.id, rows, {
        onProgress: (written) => options.onProgress?.(before + written, total),
      });
      done += rows.length;
    }
    const { status: _pending, ...ready } = pending;
    const saved = await store.putApp(ready, pending.version);
    return { app: saved, created: true };
  });
}
