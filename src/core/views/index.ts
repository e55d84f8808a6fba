/**
 * Applying a saved view (`ViewDef`) to a table's records, without a page: which columns show
 * in which order and width, a stable multi-level sort, and grouping with counts and sums.
 * `<ltc-table>` calls these over the values it shows (computed ones included), through the
 * `valueOf` / `keyOf` hooks. The ordering itself is passed in (`order`): the element hands
 * over the store's one ordering, `orderBy` of src/store/records.ts (core imports nothing from
 * the store layer), so a column orders the same here as in a sorted store query.
 */
import type { CellValue, FieldDef, TableDef, ViewDef, ViewGroup } from '../schema/types.js';
import { isBlank } from '../fields/values.js';

/** One shown column of a view. */
export interface ViewColumnShown {
  field: FieldDef;
  /** Width in CSS pixels, when the view sets one (clamped to 40–800). */
  width?: number;
}

/**
 * The visible columns of `view` over `table`: the view's listed fields first in its order
 * (hidden ones left out, unknown ids ignored), then the fields it does not list, in table
 * order. Without a view: every field in table order.
 */
export function resolveColumns(table: TableDef, view?: ViewDef): ViewColumnShown[] {
  // Archived fields (`FieldDef.archived`) show in no view until restored.
  const byId = new Map(table.fields.filter((field) => !field.archived).map((field) => [field.id, field]));
  const listed = new Set<string>();
  const shown: ViewColumnShown[] = [];
  for (const column of view?.columns ?? []) {
    const field = byId.get(column.fieldId);
    if (!field || listed.has(field.id)) continue;
    listed.add(field.id);
    if (column.hidden) continue;
    shown.push(column.width === undefined ? { field } : { field, width: Math.min(800, Math.max(40, column.width)) });
  }
  for (const field of byId.values()) if (!listed.has(field.id)) shown.push({ field });
  return shown;
}

/**
 * A stable in-place sort of items by one value, blanks last in both directions, non-blank
 * values by `keyOf` (the shape of `orderBy` in src/store/records.ts).
 */
export type OrderFn = <T>(
  items: T[],
  valueOf: (item: T) => CellValue | undefined,
  direction: 'asc' | 'desc',
  keyOf?: (value: CellValue) => number | string,
) => T[];

/** One level of a multi-level sort over items of type T. */
export interface SortLevel<T> {
  /** The item's value (undefined or blank sorts last, in both directions). */
  valueOf: (item: T) => CellValue | undefined;
  direction: 'asc' | 'desc';
  /** The sort key of a non-blank value (the field type's `sortKey`). */
  keyOf?: (value: CellValue) => number | string;
}

/**
 * Sorts `items` in place by several levels, the first deciding first. `order` is stable,
 * so sorting by the last level first and the first level last gives the multi-level order
 * (ties of every level keep the incoming order), with blanks last within each level.
 */
export function sortByLevels<T>(items: T[], levels: readonly SortLevel<T>[], order: OrderFn): T[] {
  for (let i = levels.length - 1; i >= 0; i--) {
    const level = levels[i];
    order(items, level.valueOf, level.direction, level.keyOf);
  }
  return items;
}

/** ISO week of a calendar date: `YYYY-Www` (weeks start on Monday; week 1 holds the first Thursday). */
function isoWeek(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const start = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - start) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * The period a date or date-time falls in: `2024-03-05` by day, `2024-W10` by ISO week,
 * `2024-03` by month, `2024` by year. A date-time counts by its own written calendar day
 * (the wall clock it was stored with). Returns '' for a value that is no date.
 */
export function periodOf(value: CellValue | undefined, by: NonNullable<ViewGroup['by']> = 'month'): string {
  if (typeof value !== 'string') return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return '';
  if (by === 'year') return m[1];
  if (by === 'month') return `${m[1]}-${m[2]}`;
  if (by === 'day') return `${m[1]}-${m[2]}-${m[3]}`;
  return isoWeek(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** One group of records. */
export interface RecordGroup<T> {
  /** Stable key (what `ViewGroup.collapsed` lists); '' for the group of blanks. */
  key: string;
  /** The value the group shows (a choice id, a period, true/false, linked ids); null for blanks. */
  value: CellValue;
  /** The group's items, in the incoming order. */
  items: T[];
  /** Sum of each `sums` field over the group (non-numbers skipped). */
  sums: Record<string, number>;
}

/** How `groupRecords` reads items. */
export interface GroupOptions<T> {
  /** The group field's value of an item. */
  valueOf: (item: T) => CellValue | undefined;
  /** For dates: the period (any other value groups by itself). */
  by?: ViewGroup['by'];
  /** Whether the field is a date or date-time (grouped by period). */
  isDate?: boolean;
  /** Fields to sum, and how to read them. */
  sums?: readonly string[];
  sumOf?: (item: T, fieldId: string) => CellValue | undefined;
  /** The sort key of a group value (the field type's `sortKey`); groups order by it, blanks last. */
  keyOf?: (value: CellValue) => number | string;
}

/**
 * Groups `items` by one field: one group per distinct value (a list value, such as linked
 * records, by the whole list), dates by period. Items keep their incoming (sorted) order
 * within a group; the groups are ordered by their value, the blanks' group last.
 */
export function groupRecords<T>(items: readonly T[], options: GroupOptions<T>, order: OrderFn): RecordGroup<T>[] {
  const groups = new Map<string, RecordGroup<T>>();
  const sums = options.sums ?? [];
  for (const item of items) {
    const raw = options.valueOf(item);
    let value: CellValue = raw === undefined || isBlank(raw) ? null : raw;
    if (options.isDate && value !== null) value = periodOf(value, options.by ?? 'month') || null;
    const key = value === null ? '' : Array.isArray(value) ? value.join(',') : String(value);
    let group = groups.get(key);
    if (!group) {
      group = { key, value, items: [], sums: Object.fromEntries(sums.map((id) => [id, 0])) };
      groups.set(key, group);
    }
    group.items.push(item);
    for (const id of sums) {
      const n = options.sumOf?.(item, id);
      if (typeof n === 'number' && Number.isFinite(n)) group.sums[id] += n;
    }
  }
  // Period keys sort as text; other values by the field type's key.
  const keyOf = options.isDate ? undefined : options.keyOf;
  return order([...groups.values()], (group) => group.value, 'asc', keyOf);
}

/** A row of a grouped or plain grid: a group header or a record. */
export type GridRow<T> = { group: RecordGroup<T>; collapsed: boolean } | { item: T };

/** The rows a grid shows: each group's header, then its items unless the group is collapsed. */
export function flattenGroups<T>(groups: readonly RecordGroup<T>[], collapsed: ReadonlySet<string>): GridRow<T>[] {
  const rows: GridRow<T>[] = [];
  for (const group of groups) {
    const closed = collapsed.has(group.key);
    rows.push({ group, collapsed: closed });
    if (!closed) for (const item of group.items) rows.push({ item });
  }
  return rows;
}
