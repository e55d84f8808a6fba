/**
 * Values that are computed, not stored: inverse relations (a customer's orders), formula
 * fields and record labels for relation cells. Kept in memory (IndexedDB writes cost ~9 s
 * per 100,000 records here, so derived values are never written back) and brought up to
 * date from the store's change feed.
 *
 * Loading is lazy: elements paint stored values first, then ask for derived values, which
 * arrive when `load()` has read the app's tables.
 */
import { fieldTypeOf } from '../core/fields/index.js';
import type { AppDef, FieldDef, RecordData, RecordValues, TableDef } from '../core/schema/types.js';
import type { ChangeEvent, Store } from '../store/types.js';
import { FormulaRuntime, idsOf } from './formula-runtime.js';

export { idsOf };

export type DerivedListener = () => void;

export class DerivedValues {
  /** Every record of the app by table id, then record id. */
  private readonly records = new Map<string, Map<string, RecordData>>();
  /** Inverse relation values by table id → record id → field id. */
  private readonly inverse = new Map<string, Map<string, Map<string, string[]>>>();
  private readonly listeners = new Set<DerivedListener>();
  private readonly formulas: FormulaRuntime;
  private loading?: Promise<void>;
  private unsubscribe?: () => void;
  /** True once every table has been read and computed. */
  ready = false;
  /** Incremented whenever any value changes, so views can cache sorted orders safely. */
  revision = 0;

  constructor(
    private readonly store: Store,
    private app: AppDef,
  ) {
    this.formulas = new FormulaRuntime(app);
  }

  /** Read every table of the app and compute; resolves when values are available. */
  load(): Promise<void> {
    if (!this.loading) {
      this.loading = (async () => {
        for (const table of this.app.tables) {
          const rows = await this.store.queryRecords(this.app.id, table.id);
          this.records.set(table.id, new Map(rows.map((r) => [r.id, r])));
        }
        this.unsubscribe = this.store.subscribe((change) => this.onChange(change));
        this.recomputeAll();
        this.ready = true;
        this.notify();
      })();
    }
    return this.loading;
  }

  /** The app definition changed (fields added, formulas edited): recompute everything. */
  setApp(app: AppDef): void {
    this.app = app;
    this.formulas.setApp(app);
    if (this.ready) {
      for (const table of app.tables) if (!this.records.has(table.id)) this.records.set(table.id, new Map());
      this.recomputeAll();
      this.notify();
    }
  }

  /** Computed values of one record (formula and inverse relation fields), or undefined before load. */
  get(tableId: string, recordId: string): RecordValues | undefined {
    if (!this.ready) return undefined;
    const values: RecordValues = {};
    const inverse = this.inverse.get(tableId)?.get(recordId);
    if (inverse) for (const [fieldId, ids] of inverse) values[fieldId] = ids;
    const table = this.table(tableId);
    for (const field of table?.fields ?? []) {
      if (field.type === 'relation' && field.options?.inverseOf && !(field.id in values)) values[field.id] = [];
    }
    const computed = this.formulas.valuesOf(tableId, recordId);
    if (computed) Object.assign(values, computed);
    return values;
  }

  /**
   * One computed value (a formula result or an inverse relation's ids), without building
   * the record's whole set: what sorting 100,000 rows by a computed column reads.
   */
  value(tableId: string, recordId: string, fieldId: string): unknown {
    if (!this.ready) return undefined;
    const inverse = this.inverse.get(tableId)?.get(recordId)?.get(fieldId);
    if (inverse) return inverse;
    const computed = this.formulas.valueOf(tableId, recordId, fieldId);
    if (computed !== undefined) return computed;
    const field = this.table(tableId)?.fields.find((f) => f.id === fieldId);
    return field?.type === 'relation' && field.options?.inverseOf ? [] : undefined;
  }

  /** A stored record held in memory, or undefined before load. */
  record(tableId: string, recordId: string): RecordData | undefined {
    return this.records.get(tableId)?.get(recordId);
  }

  /** All records of a table held in memory (empty before load). */
  all(tableId: string): RecordData[] {
    return [...(this.records.get(tableId)?.values() ?? [])];
  }

  /** The display label of a record: its primary field's value. */
  label(tableId: string, recordId: string): string | undefined {
    const table = this.table(tableId);
    const record = this.records.get(tableId)?.get(recordId);
    if (!table || !record) return undefined;
    const value = record.values[table.primaryFieldId] ?? this.formulas.valuesOf(tableId, recordId)?.[table.primaryFieldId];
    return value === null || value === undefined ? undefined : String(value);
  }

  /** Called whenever derived values change. Returns the unsubscribe function. */
  subscribe(listener: DerivedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.unsubscribe?.();
    this.listeners.clear();
  }

  private table(tableId: string): TableDef | undefined {
    return this.app.tables.find((t) => t.id === tableId);
  }

  private notify(): void {
    this.revision++;
    for (const listener of this.listeners) listener();
  }

  private onChange(change: ChangeEvent): void {
    if (change.appId !== this.app.id || change.kind !== 'records') return;
    for (const record of change.created) {
      this.tableRecords(record.tableId).set(record.id, record);
      this.relink(record, undefined, record.values);
    }
    for (const { record, previous } of change.updated) {
      const old = this.tableRecords(record.tableId).get(record.id);
      const before = old ? { ...old.values, ...previous } : previous;
      this.tableRecords(record.tableId).set(record.id, record);
      this.relink(record, before, record.values);
    }
    for (const record of change.deleted) {
      const old = this.tableRecords(record.tableId).get(record.id);
      this.tableRecords(record.tableId).delete(record.id);
      this.relink(record, old?.values ?? record.values, undefined);
    }
    this.formulas.applyChange(change, this.records, this.inverse);
    this.notify();
  }

  /**
   * Keep inverse relations in step with one record's forward links, without a full rebuild
   * (a full pass over a million orders would blow the 16 ms budget of one edit).
   */
  private relink(record: RecordData, before: RecordValues | undefined, after: RecordValues | undefined): void {
    for (const { table, field, inverseOf } of this.inverseFieldsFrom(record.tableId)) {
      const oldIds = before ? idsOf(before[inverseOf]) : [];
      const newIds = after ? idsOf(after[inverseOf]) : [];
      const byRecord = this.inverse.get(table.id) ?? new Map<string, Map<string, string[]>>();
      this.inverse.set(table.id, byRecord);
      for (const owner of oldIds) {
        if (newIds.includes(owner)) continue;
        const list = byRecord.get(owner)?.get(field.id);
        const at = list?.indexOf(record.id) ?? -1;
        if (list && at !== -1) list.splice(at, 1);
      }
      for (const owner of newIds) {
        let fields = byRecord.get(owner);
        if (!fields) byRecord.set(owner, (fields = new Map()));
        let list = fields.get(field.id);
        if (!list) fields.set(field.id, (list = []));
        if (!list.includes(record.id)) list.push(record.id);
      }
    }
  }

  /** Inverse relation fields whose forward side lives in `sourceTableId`. */
  private inverseFieldsFrom(sourceTableId: string): Array<{ table: TableDef; field: FieldDef; inverseOf: string }> {
    const result: Array<{ table: TableDef; field: FieldDef; inverseOf: string }> = [];
    for (const table of this.app.tables) {
      for (const field of table.fields) {
        const inverseOf = field.options?.inverseOf;
        if (field.type === 'relation' && inverseOf && field.options?.table === sourceTableId) result.push({ table, field, inverseOf });
      }
    }
    return result;
  }

  private tableRecords(tableId: string): Map<string, RecordData> {
    let map = this.records.get(tableId);
    if (!map) this.records.set(tableId, (map = new Map()));
    return map;
  }

  private recomputeAll(): void {
    this.rebuildInverse();
    this.formulas.recomputeAll(this.records, this.inverse);
  }

  /** Rebuild every inverse relation from the forward side (one pass over the linking tables). */
  private rebuildInverse(): void {
    this.inverse.clear();
    for (const table of this.app.tables) {
      for (const field of table.fields) {
        const inverseOf = field.options?.inverseOf;
        const source = field.options?.table;
        if (field.type !== 'relation' || !inverseOf || !source) continue;
        const byRecord = new Map<string, Map<string, string[]>>();
        for (const record of this.records.get(source)?.values() ?? []) {
          for (const id of idsOf(record.values[inverseOf])) {
            let fields = byRecord.get(id);
            if (!fields) byRecord.set(id, (fields = new Map()));
            let list = fields.get(field.id);
            if (!list) fields.set(field.id, (list = []));
            list.push(record.id);
          }
        }
        const existing = this.inverse.get(table.id);
        if (!existing) this.inverse.set(table.id, byRecord);
        else for (const [id, fields] of byRecord) for (const [f, list] of fields) {
          let target = existing.get(id);
          if (!target) existing.set(id, (target = new Map()));
          target.set(f, list);
        }
      }
    }
  }
}

/** True for fields whose values are computed rather than typed. */
export function isDerivedField(field: FieldDef): boolean {
  return fieldTypeOf(field).isDerived(field);
}
