/**
 * Opening an app: the first time, clone its template into the store; every later time, use
 * what is stored. Safe against two tabs opening the same new app at once (Web Locks) and
 * against a page closed halfway through cloning: the clone is written with `Store.replaceApp`,
 * so the app row appears only once all its sample records are stored — an interrupted first
 * clone leaves no app (its records are collected as garbage), and the next open clones again.
 *
 * A stored app is therefore always complete and is never cloned over. An app still marked
 * `status: 'cloning'` was left by an older ltc-kit (whose clones and imports wrote the marked
 * definition first); it may hold user data (an interrupted import), so it is kept as it is.
 */
import { cloneTemplate } from '../core/templates/clone.js';
import { loadFormulaCompiler } from './formula-compiler.js';
import type { AppDef, TemplateDef } from '../core/schema/types.js';
import type { Store } from '../store/types.js';

export interface EnsureAppOptions {
  appId: string;
  /** Called only when the app is not stored yet. */
  loadTemplate: () => Promise<TemplateDef>;
  /** Whether a first clone writes the template's sample records (default true). */
  sampleData?: boolean;
  /** Progress of writing sample records, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

async function withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
  if (!locks) return task();
  return locks.request(name, task) as Promise<T>;
}

/** Keeps an app an older ltc-kit left marked `cloning`, without the mark (listeners skip marked definitions). */
async function clearLegacyMark(store: Store, app: AppDef): Promise<AppDef> {
  const { status: _legacy, ...kept } = app;
  try {
    return await store.putApp(kept, app.version);
  } catch {
    // Another tab cleared it first (stale) or the disk is full: the stored app is what counts.
    return (await store.getApp(app.id)) ?? kept;
  }
}

/** Return the stored app, cloning it from its template first if it does not exist yet. */
export async function ensureApp(store: Store, options: EnsureAppOptions): Promise<{ app: AppDef; created: boolean }> {
  const existing = await store.getApp(options.appId);
  if (existing?.status === 'cloning') return { app: await clearLegacyMark(store, existing), created: false };
  if (existing) return { app: existing, created: false };
  return withLock(`ltc-kit:open-app:${options.appId}`, async () => {
    // Another tab may have finished the clone while this one waited for the lock.
    const stored = await store.getApp(options.appId);
    if (stored) return { app: stored, created: false };
    const template = await options.loadTemplate();
    const cloned = cloneTemplate(template, { appId: options.appId, sampleData: options.sampleData !== false });
    // Formulas are stored with their compiled JSON Logic and dependencies beside the source.
    const hasSamples = Object.values(cloned.records).some((rows) => rows.length > 0);
    const { withCompiledFormulas } = await loadFormulaCompiler();
    const app = withCompiledFormulas(hasSamples ? { ...cloned.app, sampleData: true } : cloned.app);
    await store.replaceApp(app, cloned.records, { origin: { kind: 'template' }, onProgress: options.onProgress });
    const saved = await store.getApp(options.appId);
    if (!saved) throw new Error(`The app "${options.appId}" was cloned but then deleted (in another tab?)`);
    return { app: saved, created: true };
  });
}
