/**
 * Saving a table's views (`TableDef.views`) through the store: save a changed view, save as a
 * new view, rename, delete, reorder. `<ltc-view-bar>` calls these; they hold the rules so any
 * other UI (or a script) gets the same guarantees:
 * - each edit is one `putApp` naming the app version it was based on, so a change made
 *   meanwhile in another tab is refused (`ViewEditError` with code `view.stale` and a
 *   translated message), never overwritten;
 * - a view is checked by the same validator as templates and imports before it is stored
 *   (fields that exist, widths, sort and group fields that can sort and group, a readable
 *   filter), so an app never stores a view its own import would refuse.
 * Loaded with the designer script (src/designer.ts).
 */
import { createId } from '../core/ids.js';
import { validateApp } from '../core/schema/validate.js';
import type { AppDef, Locale, TableDef, ViewDef } from '../core/schema/types.js';
import { StaleWriteError, type Store } from '../store/types.js';
import { tv, type ViewsUiKey } from '../i18n/views-ui.js';

/** Codes of refused view edits (the message keys of src/i18n/views-ui.ts). */
export type ViewEditErrorCode = 'view.nameRequired' | 'view.unknownTable' | 'view.unknownView' | 'view.idTaken' | 'view.order' | 'view.invalid' | 'view.stale';

/** A refused view edit: a stable code and a translated message. */
export class ViewEditError extends Error {
  override name = 'ViewEditError';
  constructor(
    readonly code: ViewEditErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Options of every view edit. */
export interface ViewEditOptions {
  /** Language of error messages (default `en`). */
  locale?: Locale;
}

/** What a view edit stored. */
export interface ViewEditResult {
  /** The stored app (its version incremented by the store). */
  app: AppDef;
  /** The view as stored (undefined after a delete). */
  view?: ViewDef;
}

function fail(code: ViewEditErrorCode & ViewsUiKey, locale: Locale, params?: Record<string, string | number>): never {
  throw new ViewEditError(code, tv(locale, code, params));
}

function tableOf(app: AppDef, tableId: string, locale: Locale): TableDef {
  const table = app.tables.find((t) => t.id === tableId);
  if (!table) fail('view.unknownTable', locale, { id: tableId });
  return table;
}

function viewIndex(table: TableDef, viewId: string, locale: Locale): number {
  const index = (table.views ?? []).findIndex((v) => v.id === viewId);
  if (index < 0) fail('view.unknownView', locale, { id: viewId });
  return index;
}

function trimmedName(name: string, locale: Locale): string {
  const trimmed = name.trim();
  if (trimmed === '') fail('view.nameRequired', locale);
  return trimmed;
}

/** The app with a table's views replaced. */
function withViews(app: AppDef, tableId: string, views: ViewDef[]): AppDef {
  return { ...app, tables: app.tables.map((t) => (t.id === tableId ? { ...t, views } : t)) };
}

/**
 * Refuse a view the validator would refuse on import: only the issues under this table's
 * views count (an app may carry other problems this edit did not cause).
 */
function checkViews(next: AppDef, tableId: string, locale: Locale): void {
  const result = validateApp(next, { locale });
  if (result.ok) return;
  const prefix = `tables[${next.tables.findIndex((t) => t.id === tableId)}].views`;
  const issue = result.errors.find((e) => e.path.startsWith(prefix));
  if (issue) fail('view.invalid', locale, { reason: `${issue.path.slice(prefix.length).replace(/^\[\d+\]\.?/, '') || issue.path}: ${issue.message}` });
}

/** Check and store, turning a stale write into a translated `view.stale`. */
async function store(storeApi: Store, app: AppDef, next: AppDef, tableId: string, locale: Locale): Promise<AppDef> {
  checkViews(next, tableId, locale);
  try {
    return await storeApi.putApp(next, app.version);
  } catch (error) {
    if (error instanceof StaleWriteError) fail('view.stale', locale, { actual: error.actualVersion ?? '—' });
    throw error;
  }
}

function storedView(saved: AppDef, tableId: string, viewId: string): ViewDef | undefined {
  return saved.tables.find((t) => t.id === tableId)?.views?.find((v) => v.id === viewId);
}

/**
 * Stores a changed view in place of the saved view with the same id (the bar's "Save").
 * @throws ViewEditError (`view.unknownView`, `view.nameRequired`, `view.invalid`, `view.stale`)
 */
export async function saveView(storeApi: Store, app: AppDef, tableId: string, view: ViewDef, options: ViewEditOptions = {}): Promise<ViewEditResult> {
  const locale = options.locale ?? 'en';
  const table = tableOf(app, tableId, locale);
  const index = viewIndex(table, view.id, locale);
  const saved: ViewDef = { ...structuredClone(view), name: trimmedName(view.name, locale) };
  const views = [...(table.views ?? [])];
  views[index] = saved;
  const next = await store(storeApi, app, withViews(app, tableId, views), tableId, locale);
  return { app: next, view: storedView(next, tableId, saved.id) };
}

/**
 * Stores a view as a new view at the end of the table's tabs (the bar's "Save as new view").
 * An empty or missing id gets a fresh one (`view_…`).
 * @throws ViewEditError (`view.idTaken`, `view.nameRequired`, `view.invalid`, `view.stale`)
 */
export async function createView(
  storeApi: Store,
  app: AppDef,
  tableId: string,
  view: Omit<ViewDef, 'id'> & { id?: string },
  options: ViewEditOptions = {},
): Promise<ViewEditResult> {
  const locale = options.locale ?? 'en';
  const table = tableOf(app, tableId, locale);
  const views = table.views ?? [];
  let id = view.id?.trim() ?? '';
  if (id !== '' && views.some((v) => v.id === id)) fail('view.idTaken', locale, { id });
  if (id === '') {
    do id = createId('view');
    while (views.some((v) => v.id === id));
  }
  const created: ViewDef = { ...structuredClone(view), id, name: trimmedName(view.name, locale) };
  const next = await store(storeApi, app, withViews(app, tableId, [...views, created]), tableId, locale);
  return { app: next, view: storedView(next, tableId, id) };
}

/**
 * Renames a saved view. Its translated labels are dropped: the name the user typed is what
 * the tab shows in every language from now on.
 * @throws ViewEditError (`view.unknownView`, `view.nameRequired`, `view.stale`)
 */
export async function renameView(storeApi: Store, app: AppDef, tableId: string, viewId: string, name: string, options: ViewEditOptions = {}): Promise<ViewEditResult> {
  const locale = options.locale ?? 'en';
  const table = tableOf(app, tableId, locale);
  const index = viewIndex(table, viewId, locale);
  const views = [...(table.views ?? [])];
  const renamed: ViewDef = { ...views[index]!, name: trimmedName(name, locale) };
  delete renamed.labels;
  views[index] = renamed;
  const next = await store(storeApi, app, withViews(app, tableId, views), tableId, locale);
  return { app: next, view: storedView(next, tableId, viewId) };
}

/**
 * Deletes a saved view (records are not touched).
 * @throws ViewEditError (`view.unknownView`, `view.stale`)
 */
export async function deleteView(storeApi: Store, app: AppDef, tableId: string, viewId: string, options: ViewEditOptions = {}): Promise<ViewEditResult> {
  const locale = options.locale ?? 'en';
  const table = tableOf(app, tableId, locale);
  viewIndex(table, viewId, locale);
  const next = await store(storeApi, app, withViews(app, tableId, (table.views ?? []).filter((v) => v.id !== viewId)), tableId, locale);
  return { app: next };
}

/**
 * Puts a table's views in a new tab order: `viewIds` lists every view id of the table once.
 * @throws ViewEditError (`view.order`, `view.stale`)
 */
export async function reorderViews(storeApi: Store, app: AppDef, tableId: string, viewIds: readonly string[], options: ViewEditOptions = {}): Promise<ViewEditResult> {
  const locale = options.locale ?? 'en';
  const table = tableOf(app, tableId, locale);
  const views = table.views ?? [];
  const byId = new Map(views.map((v) => [v.id, v]));
  if (viewIds.length !== views.length || new Set(viewIds).size !== viewIds.length || !viewIds.every((id) => byId.has(id))) fail('view.order', locale);
  const next = await store(storeApi, app, withViews(app, tableId, viewIds.map((id) => byId.get(id)!)), tableId, locale);
  return { app: next };
}
