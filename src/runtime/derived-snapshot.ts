/**
 * The derived-values snapshot: what `DerivedValues` computed for an app (formula results,
 * stages, predictions, inverse relations), kept in the store (`Store.writeDerived`) so that the
 * next open shows every computed column of a table as soon as that table is read, without
 * reading the tables its values come from (a million orders take seconds to read back from
 * IndexedDB; 100,000 customers a fraction of that).
 *
 * A snapshot is used only when it is exactly current: it names the data revision it was
 * computed at (every record write changes the revision in its own transaction, and the store
 * writes a snapshot only at the revision it names), the app definition's version, the day in
 * the app's zone (TODAY() and stages move with the date) and this format. Anything else and it
 * is ignored. Even a current one is only a preview: the full load runs behind it and its results
 * replace the snapshot's.
 *
 * Layout: per table, the record ids in one list and one list of values per field, in the same
 * order (columns clone far faster than one object per record); an inverse relation's ids are
 * joined into one string per record. Tables of more than `MAX_SNAPSHOT_RECORDS` records are
 * left out: they are the ones that take long to read anyway (the orders), and are shown when
 * the full load is in.
 */
import { CellError } from '../core/formula/values.js';
import type { AppDef } from '../core/schema/types.js';

/** The name the snapshot is kept under (`Store.readDerived` / `writeDerived`). */
export const SNAPSHOT_NAME = 'derived-values';
/** Bumped whenever the layout or the meaning of kept values changes. */
export const SNAPSHOT_FORMAT = 1;
/** Tables with more records than this are not kept (see the module comment). */
export const MAX_SNAPSHOT_RECORDS = 250_000;
/** Joins the ids of one inverse relation cell (ids never contain control characters). */
const ID_SEPARATOR = '\u0001';

export interface SnapshotTable {
  tableId: string;
  ids: string[];
  /** Field id → one value per id (formula results, stages, predictions…). */
  columns: Record<string, unknown[]>;
  /** Inverse relation field id → one joined id list per id. */
  inverse: Record<string, string[]>;
}

/** What is stored. */
export interface DerivedSnapshot {
  format: number;
  /** The data revision the values were computed at. */
  revision: string;
  appId: string;
  appVersion: number;
  /** The date in the app's zone the values were computed on (YYYY-MM-DD). */
  day: string;
  tables: SnapshotTable[];
}

/** What a snapshot is checked against. */
export interface SnapshotKey {
  revision: string;
  app: AppDef;
  day: string;
}

/** A loaded snapshot, indexed for lookups. */
export class SnapshotView {
  private readonly byTable = new Map<string, { index: Map<string, number>; table: SnapshotTable }>();

  constructor(snapshot: DerivedSnapshot) {
    for (const table of snapshot.tables) {
      const index = new Map<string, number>();
      for (let i = 0; i < table.ids.length; i++) index.set(table.ids[i], i);
      this.byTable.set(table.tableId, { index, table });
    }
  }

  /** Whether the snapshot holds the table's values. */
  has(tableId: string): boolean {
    return this.byTable.has(tableId);
  }

  /** The tables held, fewest records first (the order they are best read in). */
  tables(): string[] {
    return [...this.byTable.values()].sort((a, b) => a.table.ids.length - b.table.ids.length).map((entry) => entry.table.tableId);
  }

  /**
   * One kept value: a computed field's result, or an inverse relation's ids (a fresh list).
   * `undefined` when the snapshot has no such record or field.
   */
  value(tableId: string, recordId: string, fieldId: string): unknown {
    const entry = this.byTable.get(tableId);
    const at = entry?.index.get(recordId);
    if (entry === undefined || at === undefined) return undefined;
    const joined = entry.table.inverse[fieldId]?.[at];
    if (joined !== undefined) return joined === '' ? [] : joined.split(ID_SEPARATOR);
    return decode(entry.table.columns[fieldId]?.[at]);
  }

  /** Every kept value of one record, by field id (undefined when the record is not kept). */
  values(tableId: string, recordId: string): Record<string, unknown> | undefined {
    const entry = this.byTable.get(tableId);
    const at = entry?.index.get(recordId);
    if (entry === undefined || at === undefined) return undefined;
    const out: Record<string, unknown> = {};
    for (const [fieldId, list] of Object.entries(entry.table.inverse)) out[fieldId] = list[at] === '' ? [] : list[at].split(ID_SEPARATOR);
    for (const [fieldId, list] of Object.entries(entry.table.columns)) out[fieldId] = decode(list[at]);
    return out;
  }
}

/**
 * The snapshot's view when `value` is a snapshot current for `key`, else undefined (a
 * malformed, older or foreign value is ignored, never trusted).
 */
export function currentSnapshot(value: unknown, key: SnapshotKey): SnapshotView | undefined {
  if (!isSnapshot(value)) return undefined;
  if (value.format !== SNAPSHOT_FORMAT || value.revision !== key.revision) return undefined;
  if (value.appId !== key.app.id || value.appVersion !== key.app.version || value.day !== key.day) return undefined;
  return new SnapshotView(value);
}

function isSnapshot(value: unknown): value is DerivedSnapshot {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Partial<DerivedSnapshot>;
  if (typeof v.revision !== 'string' || typeof v.appId !== 'string' || typeof v.appVersion !== 'number' || typeof v.day !== 'string' || !Array.isArray(v.tables)) return false;
  return v.tables.every((table) => {
    if (table === null || typeof table !== 'object' || typeof table.tableId !== 'string' || !Array.isArray(table.ids)) return false;
    const n = table.ids.length;
    const lists = (group: unknown) => group !== null && typeof group === 'object' && Object.values(group as object).every((list) => Array.isArray(list) && list.length === n);
    return lists(table.columns) && lists(table.inverse) && Object.values(table.inverse).every((list) => (list as unknown[]).every((s) => typeof s === 'string'));
  });
}

/** What a snapshot is made from (DerivedValues passes its own readers). */
export interface SnapshotSource {
  /** The record ids of a table, in the order held. */
  ids(tableId: string): string[];
  /** A computed field's value for one record. */
  value(tableId: string, recordId: string, fieldId: string): unknown;
}

/**
 * Build the snapshot of every table of `app` with at most `MAX_SNAPSHOT_RECORDS` records:
 * `computed` lists, per table, the fields kept as values, `inverse` the inverse relation fields.
 */
export function buildSnapshot(
  key: SnapshotKey,
  fields: Array<{ tableId: string; computed: string[]; inverse: string[] }>,
  source: SnapshotSource,
): DerivedSnapshot {
  const tables: SnapshotTable[] = [];
  for (const { tableId, computed, inverse } of fields) {
    const ids = source.ids(tableId);
    if (ids.length > MAX_SNAPSHOT_RECORDS) continue;
    const columns: Record<string, unknown[]> = {};
    for (const fieldId of computed) {
      const column: unknown[] = new Array(ids.length);
      let keepable = true;
      for (let i = 0; i < ids.length && keepable; i++) {
        const value = encode(source.value(tableId, ids[i], fieldId));
        if (value === UNKEEPABLE) keepable = false;
        else column[i] = value;
      }
      // A value that would not come back as it is (an object of some class) keeps the field out.
      if (keepable) columns[fieldId] = column;
    }
    const joined: Record<string, string[]> = {};
    for (const fieldId of inverse) {
      joined[fieldId] = ids.map((id) => {
        const list = source.value(tableId, id, fieldId);
        return Array.isArray(list) ? list.join(ID_SEPARATOR) : '';
      });
    }
    tables.push({ tableId, ids, columns, inverse: joined });
  }
  return { format: SNAPSHOT_FORMAT, revision: key.revision, appId: key.app.id, appVersion: key.app.version, day: key.day, tables };
}

const UNKEEPABLE = Symbol('unkeepable');
/** The marker of a formula error value in a kept column. */
const ERROR_KEY = '$cellError';

/** A value as kept: formula errors as plain markers; UNKEEPABLE for objects of another class. */
function encode(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object') return typeof value === 'function' || typeof value === 'symbol' ? UNKEEPABLE : value;
  if (value instanceof CellError) return { [ERROR_KEY]: value.code, reason: value.reason, params: { ...value.params } };
  if (Array.isArray(value)) return value.every((item) => item === null || typeof item !== 'object') ? value : UNKEEPABLE;
  return Object.getPrototypeOf(value) === Object.prototype && !(ERROR_KEY in value) && Object.values(value).every((item) => item === null || typeof item !== 'object') ? value : UNKEEPABLE;
}

function decode(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || !(ERROR_KEY in value)) return value;
  const error = value as { [ERROR_KEY]: CellError['code']; reason: CellError['reason']; params: Record<string, string> };
  return new CellError(error[ERROR_KEY], error.reason, error.params);
}
