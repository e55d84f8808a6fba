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
 * joined into one string per record. As stored, a list of texts (the ids, a column of stage
 * names or dates, the inverse lists) is packed into one string (`Packed`) and a column of
 * numbers is a Float64Array: IndexedDB clones one long string or one block of memory many
 * times faster than 100,000 small strings, on the way in and out. Tables of more than `MAX_SNAPSHOT_RECORDS` records are
 * left out: they are the ones that take long to read anyway (the orders), and are shown when
 * the full load is in.
 */
import { CellError } from '../core/formula/values.js';
import type { AppDef } from '../core/schema/types.js';

/** The name the snapshot is kept under (`Store.readDerived` / `writeDerived`). */
export const SNAPSHOT_NAME = 'derived-values';
/** Bumped whenever the layout or the meaning of kept values changes. */
export const SNAPSHOT_FORMAT = 2;
/** Tables with more records than this are not kept (see the module comment). */
export const MAX_SNAPSHOT_RECORDS = 250_000;
/** Joins the ids of one inverse relation cell (ids never contain control characters). */
const ID_SEPARATOR = '\u0001';

/** A list of texts (or blanks) as one string: `count` entries joined by ROW, blank = BLANK. */
export interface Packed {
  packed: string;
  count: number;
}
const ROW = '\u0002';
const BLANK = '\u0003';

/** The list as one string, or the list itself when an entry holds a separator. */
function pack(list: Array<string | null>): Packed | Array<string | null> {
  for (const item of list) if (item !== null && (item.includes(ROW) || item.includes(BLANK))) return list;
  return { packed: list.map((item) => (item === null ? BLANK : item)).join(ROW), count: list.length };
}

function isPacked(value: unknown): value is Packed {
  return value !== null && typeof value === 'object' && typeof (value as Packed).packed === 'string' && typeof (value as Packed).count === 'number';
}

/** Back to the list (undefined when the count does not match: a damaged value). */
function unpack(value: Packed): Array<string | null> | undefined {
  if (value.count === 0) return value.packed === '' ? [] : undefined;
  const list: Array<string | null> = value.packed.split(ROW);
  if (list.length !== value.count) return undefined;
  for (let i = 0; i < list.length; i++) if (list[i] === BLANK) list[i] = null;
  return list;
}

/** A table as stored. */
interface StoredSnapshotTable {
  tableId: string;
  ids: string[] | Packed;
  columns: Record<string, unknown[] | Float64Array | Packed>;
  inverse: Record<string, string[] | Packed>;
}

export interface SnapshotTable {
  tableId: string;
  ids: string[];
  /** Field id → one value per id (formula results, stages, predictions…); numbers as a Float64Array, blank = NaN. */
  columns: Record<string, unknown[] | Float64Array>;
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
  /**
   * What the kept values were computed from in the definition (`definitionOf` of the kept
   * tables): the tables they depend on, the CLV fits and the time zone. A definition change
   * elsewhere (a rule, a dashboard, an unrelated table) leaves the snapshot current.
   */
  definition: string;
  /** The date in the app's zone the values were computed on (YYYY-MM-DD). */
  day: string;
  tables: StoredSnapshotTable[];
}

/** What a snapshot is checked against. */
export interface SnapshotKey {
  revision: string;
  app: AppDef;
  day: string;
}

/**
 * The tables whose records or definitions the computed values of `tableIds` depend on: those
 * tables and every table reachable from them through relation fields (a customer's orders,
 * the orders' lines), at any depth.
 */
export function dependencies(app: AppDef, tableIds: Iterable<string>, linkedTable: (field: AppDef['tables'][number]['fields'][number]) => string | undefined): Set<string> {
  const found = new Set(tableIds);
  const queue = [...found];
  while (queue.length) {
    const table = app.tables.find((t) => t.id === queue.pop());
    for (const field of table?.fields ?? []) {
      const target = linkedTable(field);
      if (target && !found.has(target)) {
        found.add(target);
        queue.push(target);
      }
    }
  }
  return found;
}

/** The part of the definition the computed values of `tables` (a dependency set) come from, as one string. */
export function definitionOf(app: AppDef, tables: Set<string>): string {
  return JSON.stringify([app.tables.filter((t) => tables.has(t.id)), app.clvFits ?? null, app.timeZone ?? null]);
}

/** A loaded snapshot, indexed for lookups. */
export class SnapshotView {
  private readonly byTable = new Map<string, { index: Map<string, number>; table: SnapshotTable }>();

  constructor(tables: SnapshotTable[]) {
    for (const table of tables) {
      const index = new Map<string, number>();
      for (let i = 0; i < table.ids.length; i++) index.set(table.ids[i], i);
      this.byTable.set(table.tableId, { index, table });
    }
  }

  /** Whether the snapshot holds the table's values. */
  has(tableId: string): boolean {
    return this.byTable.has(tableId);
  }

  /** The tables whose changes make the kept values out of date (set by DerivedValues). */
  dependsOn = new Set<string>();

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

  /** How many records of a table are kept (0 when the table is not). */
  size(tableId: string): number {
    return this.byTable.get(tableId)?.table.ids.length ?? 0;
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
export function currentSnapshot(value: unknown, key: SnapshotKey & { definition: (tableIds: string[]) => string }): SnapshotView | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const v = value as Partial<DerivedSnapshot>;
  if (v.format !== SNAPSHOT_FORMAT || v.revision !== key.revision || v.appId !== key.app.id || v.day !== key.day) return undefined;
  if (!Array.isArray(v.tables)) return undefined;
  const kept = (v.tables as Array<{ tableId?: unknown }>).map((table) => table?.tableId);
  if (!kept.every((id): id is string => typeof id === 'string') || v.definition !== key.definition(kept)) return undefined;
  const tables: SnapshotTable[] = [];
  for (const stored of v.tables as unknown[]) {
    const table = unpackTable(stored);
    if (!table) return undefined;
    tables.push(table);
  }
  return new SnapshotView(tables);
}

/** A stored table checked and unpacked, or undefined when anything about it is off. */
function unpackTable(value: unknown): SnapshotTable | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const stored = value as Partial<StoredSnapshotTable>;
  if (typeof stored.tableId !== 'string') return undefined;
  const list = (item: unknown): unknown[] | Float64Array | undefined => (isPacked(item) ? unpack(item) : Array.isArray(item) || item instanceof Float64Array ? item : undefined);
  const ids = list(stored.ids);
  if (!ids || !(ids as unknown[]).every?.((id) => typeof id === 'string')) return undefined;
  const n = ids.length;
  const group = (raw: unknown, texts: boolean): Record<string, unknown[] | Float64Array> | undefined => {
    if (raw === null || typeof raw !== 'object') return undefined;
    const out: Record<string, unknown[] | Float64Array> = {};
    for (const [fieldId, item] of Object.entries(raw as object)) {
      const column = list(item);
      if (!column || column.length !== n) return undefined;
      if (texts && !(Array.isArray(column) && column.every((entry) => typeof entry === 'string' || entry === null))) return undefined;
      out[fieldId] = column;
    }
    return out;
  };
  const columns = group(stored.columns, false);
  const inverse = group(stored.inverse, true);
  if (!columns || !inverse) return undefined;
  return { tableId: stored.tableId, ids: ids as string[], columns, inverse: inverse as Record<string, Array<string | null>> as Record<string, string[]> };
}

/** What a snapshot is made from (DerivedValues passes its own readers). */
export interface SnapshotSource {
  /** The record ids of a table, in the order held. */
  ids(tableId: string): string[];
  /** A computed field's value for one record. */
  value(tableId: string, recordId: string, fieldId: string): unknown;
  /** An inverse relation's ids for one record. */
  links(tableId: string, recordId: string, fieldId: string): readonly string[] | undefined;
}

/**
 * Build the snapshot of every table of `app` with at most `MAX_SNAPSHOT_RECORDS` records:
 * `computed` lists, per table, the fields kept as values, `inverse` the inverse relation fields.
 * A generator that yields every few thousand values, so the caller can give the page a turn
 * (100,000 customers × 20 computed fields is two million values); it returns the snapshot.
 * A column of numbers (and blanks) is kept as a Float64Array, blank as NaN (a formula never
 * yields NaN: it yields #NUM!), which the store clones as one block of memory.
 */
export function* buildSnapshotSliced(
  key: SnapshotKey & { definition?: (tableIds: string[]) => string },
  fields: Array<{ tableId: string; computed: string[]; inverse: string[] }>,
  source: SnapshotSource,
): Generator<void, DerivedSnapshot, void> {
  const tables: StoredSnapshotTable[] = [];
  for (const { tableId, computed, inverse } of fields) {
    const ids = source.ids(tableId);
    if (ids.length > MAX_SNAPSHOT_RECORDS) continue;
    const columns: StoredSnapshotTable['columns'] = {};
    for (const fieldId of computed) {
      const column: unknown[] = new Array(ids.length);
      let keepable = true;
      let numeric = true;
      for (let i = 0; i < ids.length && keepable; i++) {
        if ((i & 4095) === 4095) yield;
        const value = encode(source.value(tableId, ids[i], fieldId));
        if (value === UNKEEPABLE) keepable = false;
        else {
          column[i] = value;
          if (value !== null && typeof value !== 'number') numeric = false;
        }
      }
      // A value that would not come back as it is (an object of some class) keeps the field out.
      if (!keepable) continue;
      const texts = !numeric && column.every((v) => v === null || typeof v === 'string');
      columns[fieldId] = numeric ? Float64Array.from(column, (v) => (v === null ? NaN : (v as number))) : texts ? pack(column as Array<string | null>) : column;
    }
    const joined: StoredSnapshotTable['inverse'] = {};
    for (const fieldId of inverse) {
      const list: string[] = new Array(ids.length);
      for (let i = 0; i < ids.length; i++) {
        if ((i & 4095) === 4095) yield;
        list[i] = source.links(tableId, ids[i], fieldId)?.join(ID_SEPARATOR) ?? '';
      }
      joined[fieldId] = pack(list) as string[] | Packed;
    }
    tables.push({ tableId, ids: pack(ids) as string[] | Packed, columns, inverse: joined });
  }
  return { format: SNAPSHOT_FORMAT, revision: key.revision, appId: key.app.id, appVersion: key.app.version, definition: key.definition?.(tables.map((t) => t.tableId)) ?? '', day: key.day, tables };
}

/** `buildSnapshotSliced` run to the end at once. */
export function buildSnapshot(key: SnapshotKey & { definition?: (tableIds: string[]) => string }, fields: Array<{ tableId: string; computed: string[]; inverse: string[] }>, source: SnapshotSource): DerivedSnapshot {
  const steps = buildSnapshotSliced(key, fields, source);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
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
  if (typeof value === 'number') return Number.isNaN(value) ? null : value;
  if (value === null || typeof value !== 'object' || !(ERROR_KEY in value)) return value;
  const error = value as { [ERROR_KEY]: CellError['code']; reason: CellError['reason']; params: Record<string, string> };
  return new CellError(error[ERROR_KEY], error.reason, error.params);
}
