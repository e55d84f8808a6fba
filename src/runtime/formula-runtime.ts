/**
 * Formula fields of an app, evaluated in memory over every record.
 *
 * Each formula is compiled once (through the app's formula graph, which also orders them:
 * an order's formulas before the customer rollups that read them). Every record gets one
 * evaluation object — its stored values, plus its formula results as they are computed,
 * plus, for each relation a formula reads through (`{订单.金额}`), the array of the related
 * records' evaluation objects. Rollups therefore see the related records' own formula
 * results without copying anything.
 *
 * After a change only the dependent formulas are re-evaluated, on the records that need
 * them: the formula graph says which formula fields depend on the changed fields (and, step
 * by step through relations, which fields of which linked tables), and the links say which
 * records. Evaluation objects of updated records are updated in place, so the arrays of
 * related objects other records hold stay valid.
 *
 * A full recompute is a sequence of small steps (`recomputeSteps`): run to the end at once
 * (`recomputeAll`) or in slices with the page given back in between (`recomputeAllSliced`,
 * what DerivedValues does on load and app changes, so 100,000 customers never block the page
 * for more than about 50 ms at a time). A sliced recompute builds new evaluation objects and
 * swaps them in at the end, so readers keep seeing the previous results until then.
 */
import { isComputedType } from '../core/fields/index.js';
import { formulaEvaluator, withNow, type FormulaGraph } from '../core/formula/index.js';
import { formulaCompiler } from './formula-compiler.js';
import type { FormulaImpact } from '../core/formula/index.js';
import { CellError } from '../core/formula/index.js';
import type { AppDef, FieldDef, Locale, RecordData, RecordValues, TableDef } from '../core/schema/types.js';
import type { DerivedCellChange } from './derived-change.js';

type EvalObject = Record<string, unknown>;
export type RecordMaps = Map<string, Map<string, RecordData>>;
export type InverseMaps = Map<string, Map<string, Map<string, string[]>>>;

/** What changed in one store transaction, as DerivedValues hands it over. */
export interface RecordChanges {
  created: RecordData[];
  updated: Array<{ record: RecordData; previous: RecordValues }>;
  deleted: RecordData[];
}

/**
 * Whether two computed values are the same for change notifications: SameValueZero, error
 * values by code, lists (inverse relations) item by item.
 */
export function sameComputedValue(a: unknown, b: unknown): boolean {
  if (a === b || (a !== a && b !== b)) return true;
  if (a instanceof CellError || b instanceof CellError) return a instanceof CellError && b instanceof CellError && a.code === b.code;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameComputedValue(x, b[i]));
  if (isBroken(a) && isBroken(b)) return a.code === b.code && a.message === b.message;
  return false;
}

function isBroken(v: unknown): v is BrokenFormulaValue {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as { code?: unknown }).code === 'string';
}

/** How a sliced recompute gives the page back (DerivedValues passes its own). */
export interface Slicing {
  /** Longest synchronous slice in ms (default 50). */
  sliceMs?: number;
  /** Resolves when the page has had its turn (default: scheduler.yield, else setTimeout 0). */
  yieldToPage?: () => Promise<void>;
  /** The clock slices are measured with (default performance.now). */
  clock?: () => number;
  /** Checked at every slice: true stops the recompute (a newer one superseded it). */
  cancelled?: () => boolean;
}

/** Work units (records copied, linked or evaluated) between two looks at the clock. */
const STEP = 256;

/** Gives the page a turn: `scheduler.yield()` where the browser has it, else a macrotask. */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The value a cell shows for a formula that does not compile (or is part of a cycle). */
export interface BrokenFormulaValue {
  code: '#NAME?' | '#REF!';
  message: string;
}

/** The graph of an app whose formulas are not compiled yet: nothing to evaluate. */
const NO_FORMULAS: FormulaGraph = {
  nodes: new Map(),
  issues: [],
  order: [],
  orderFor: () => [],
  compiled: () => undefined,
  dependentsOf: (tableId) => ({ tableId, via: null, fieldIds: [], next: [] }),
  referencesTo: () => [],
};

export class FormulaRuntime {
  private graph: FormulaGraph;
  /** Evaluation objects by table id → record id. */
  private objects = new Map<string, Map<string, EvalObject>>();
  /** Per table: the relation fields some formula of that table reads through. */
  private viaFields = new Map<string, Set<string>>();
  /** Per table: its formula field ids. */
  private formulaFields = new Map<string, string[]>();
  /** Per table: the definitions of `viaFields` (relation fields with a target table). */
  private viaDefs = new Map<string, FieldDef[]>();

  constructor(
    private app: AppDef,
    private readonly options: { locale?: Locale; now?: () => Date | undefined } = {},
  ) {
    this.graph = this.analyse(app);
  }

  /** Formula compile problems (field, message), for the designer and for cell tooltips. */
  get issues() {
    return this.graph.issues;
  }

  setApp(app: AppDef): void {
    this.app = app;
    this.graph = this.analyse(app);
  }

  /** One formula result of one record (undefined when the record or field has none). */
  valueOf(tableId: string, recordId: string, fieldId: string): unknown {
    return this.objects.get(tableId)?.get(recordId)?.[fieldId];
  }

  /** The formula results of one record. */
  valuesOf(tableId: string, recordId: string): RecordValues | undefined {
    const object = this.objects.get(tableId)?.get(recordId);
    const fields = this.formulaFields.get(tableId);
    if (!object || !fields?.length) return undefined;
    const values: Record<string, unknown> = {};
    for (const fieldId of fields) values[fieldId] = object[fieldId] ?? null;
    // Results may be CellError values, which are not storable CellValues; they are only shown.
    return values as RecordValues;
  }

  /** Re-evaluate every formula of every record (on load, and after the app changes), at once. */
  recomputeAll(records: RecordMaps, inverse: InverseMaps): void {
    const objects = new Map<string, Map<string, EvalObject>>();
    const steps = this.recomputeSteps(records, inverse, objects);
    while (!steps.next().done);
    this.objects = objects;
  }

  /**
   * The same recompute in slices of at most `sliceMs`, giving the page a turn between them.
   * Results are swapped in at the end; until then the previous ones stay readable. Resolves
   * false when `cancelled()` stopped it (nothing is swapped in then).
   */
  async recomputeAllSliced(records: RecordMaps, inverse: InverseMaps, slicing: Slicing = {}): Promise<boolean> {
    const objects = new Map<string, Map<string, EvalObject>>();
    const steps = this.recomputeSteps(records, inverse, objects);
    const clock = slicing.clock ?? (() => performance.now());
    const sliceMs = slicing.sliceMs ?? 50;
    const pause = slicing.yieldToPage ?? yieldToPage;
    let started = clock();
    for (;;) {
      if (steps.next().done) break;
      if (clock() - started >= sliceMs) {
        await pause();
        if (slicing.cancelled?.()) return false;
        started = clock();
      }
    }
    if (slicing.cancelled?.()) return false;
    this.objects = objects;
    return true;
  }

  /**
   * The full recompute as a sequence of steps of about STEP records each, into `objects`.
   * The clock (one instant for TODAY()) is fixed per step, all steps seeing the same one.
   */
  private *recomputeSteps(records: RecordMaps, inverse: InverseMaps, objects: Map<string, Map<string, EvalObject>>): Generator<void, void, void> {
    // Evaluation objects only for tables that get formula results or linked records; the
    // others (a million orders feeding rollups) are read from the records as they are.
    let work = 0;
    for (const table of this.app.tables) {
      if (!this.writesInto(table.id)) continue;
      const map = new Map<string, EvalObject>();
      objects.set(table.id, map);
      for (const record of records.get(table.id)?.values() ?? []) {
        map.set(record.id, { ...record.values });
        if (++work % STEP === 0) yield;
      }
    }
    for (const table of this.app.tables) {
      if ((this.viaFields.get(table.id)?.size ?? 0) === 0) continue;
      for (const id of objects.get(table.id)?.keys() ?? []) {
        this.link(table, id, records, inverse, objects);
        if (++work % STEP === 0) yield;
      }
    }
    for (const table of this.app.tables) {
      for (const issue of this.graph.issues.filter((i) => i.tableId === table.id)) {
        const broken: BrokenFormulaValue = {
          code: issue.error.code === 'formula.unknownField' ? '#REF!' : '#NAME?',
          message: issue.error.message,
        };
        for (const object of objects.get(table.id)?.values() ?? []) object[issue.fieldId] = broken;
      }
    }
    // One instant for the whole pass, so TODAY() cannot change halfway through.
    const now = this.options.now?.() ?? Date.now();
    for (const { tableId, fieldId } of this.graph.order) {
      const compiled = this.graph.compiled(tableId, fieldId);
      const map = objects.get(tableId);
      if (!compiled || !map) continue;
      const evaluate = formulaEvaluator(compiled);
      const all = [...map.values()];
      for (let i = 0; i < all.length; i += STEP) {
        withNow(now, () => {
          const end = Math.min(all.length, i + STEP);
          for (let j = i; j < end; j++) {
            const object = all[j]!;
            object[fieldId] = evaluate(object);
          }
        });
        yield;
      }
    }
  }

  /**
   * Bring formula results up to date after one change. `records` and `inverse` must already
   * reflect it. Returns the number of formula evaluations done (for tests and benchmarks).
   * With `cells`, every formula cell whose value changed is pushed to it, before → after
   * (a deleted record's cells with `after` undefined).
   */
  applyChange(change: RecordChanges, records: RecordMaps, inverse: InverseMaps, cells?: DerivedCellChange[]): number {
    const tables = new Map(this.app.tables.map((t) => [t.id, t]));
    // 1. Evaluation objects of the changed records themselves.
    const roots = new Map<string, { ids: Set<string>; fields: Set<string>; previous: Map<string, RecordValues> }>();
    const root = (record: RecordData) => {
      let entry = roots.get(record.tableId);
      if (!entry) roots.set(record.tableId, (entry = { ids: new Set(), fields: new Set(), previous: new Map() }));
      entry.ids.add(record.id);
      return entry;
    };
    const allFields = (tableId: string) => (tables.get(tableId)?.fields ?? []).map((f) => f.id);
    for (const record of change.created) {
      if (this.writesInto(record.tableId)) this.objectsOf(record.tableId).set(record.id, { ...record.values });
      for (const f of allFields(record.tableId)) root(record).fields.add(f);
    }
    for (const { record, previous } of change.updated) {
      const entry = root(record);
      for (const f of Object.keys(previous)) entry.fields.add(f);
      entry.previous.set(record.id, previous);
      this.updateInPlace(tables.get(record.tableId), record);
    }
    for (const record of change.deleted) {
      const gone = this.objects.get(record.tableId)?.get(record.id);
      if (gone && cells) {
        for (const fieldId of this.formulaFields.get(record.tableId) ?? []) {
          if (gone[fieldId] !== undefined) cells.push({ tableId: record.tableId, recordId: record.id, fieldId, before: gone[fieldId], after: undefined });
        }
      }
      this.objects.get(record.tableId)?.delete(record.id);
      const entry = root(record);
      for (const f of allFields(record.tableId)) entry.fields.add(f);
      // The links a deleted record had, for finding who rolled it up.
      entry.previous.set(record.id, record.values);
    }
    // 2. Walk the impact tree of each changed table, collecting records per step.
    let evaluations = 0;
    withNow(this.options.now?.() ?? Date.now(), () => {
      for (const [tableId, entry] of roots) {
        const impact = this.graph.dependentsOf(tableId, entry.fields);
        for (const id of entry.ids) this.relinkRecord(tables.get(tableId), id, records, inverse);
        evaluations += this.evaluateFields(tableId, impact.fieldIds, [...entry.ids], cells);
        for (const next of impact.next) {
          evaluations += this.walk(next, tableId, entry.ids, entry.previous, records, inverse, tables, cells);
        }
      }
    });
    return evaluations;
  }

  /**
   * Re-evaluate the fields whose value depends on the date (volatile: TODAY() formulas,
   * lifecycle stages) and everything computed from them, for every record: what a new day
   * in the app's zone changes. Returns the number of evaluations; changed cells go to `cells`.
   */
  recomputeVolatile(records: RecordMaps, inverse: InverseMaps, cells?: DerivedCellChange[]): number {
    const tables = new Map(this.app.tables.map((t) => [t.id, t]));
    let evaluations = 0;
    withNow(this.options.now?.() ?? Date.now(), () => {
      for (const table of this.app.tables) {
        const volatile = this.graph.orderFor(table.id).filter((fieldId) => this.graph.compiled(table.id, fieldId)?.volatile);
        if (volatile.length === 0) continue;
        const impact = this.graph.dependentsOf(table.id, volatile);
        const due = new Set([...volatile, ...impact.fieldIds]);
        const ids = [...(this.objects.get(table.id)?.keys() ?? [])];
        evaluations += this.evaluateFields(table.id, this.graph.orderFor(table.id).filter((fieldId) => due.has(fieldId)), ids, cells);
        for (const next of impact.next) evaluations += this.walk(next, table.id, new Set(ids), new Map(), records, inverse, tables, cells);
      }
    });
    return evaluations;
  }

  private walk(
    step: FormulaImpact,
    parentTableId: string,
    parentIds: ReadonlySet<string>,
    previous: ReadonlyMap<string, RecordValues>,
    records: RecordMaps,
    inverse: InverseMaps,
    tables: ReadonlyMap<string, TableDef>,
    cells: DerivedCellChange[] | undefined,
  ): number {
    const table = tables.get(step.tableId);
    const via = table?.fields.find((f) => f.id === step.via);
    if (!table || !via) return 0;
    const ids = new Set<string>();
    const inverseOf = via.options?.inverseOf;
    if (inverseOf) {
      // The parent records name their owners; a moved or deleted one named another before.
      for (const id of parentIds) {
        for (const owner of idsOf(records.get(parentTableId)?.get(id)?.values[inverseOf])) ids.add(owner);
        for (const owner of idsOf(previous.get(id)?.[inverseOf])) ids.add(owner);
      }
    } else {
      for (const record of records.get(step.tableId)?.values() ?? []) {
        if (idsOf(record.values[via.id]).some((id) => parentIds.has(id))) ids.add(record.id);
      }
    }
    for (const id of ids) this.relinkRecord(table, id, records, inverse);
    let evaluations = this.evaluateFields(step.tableId, step.fieldIds, [...ids], cells);
    for (const next of step.next) evaluations += this.walk(next, step.tableId, ids, new Map(), records, inverse, tables, cells);
    return evaluations;
  }

  private objectsOf(tableId: string): Map<string, EvalObject> {
    let map = this.objects.get(tableId);
    if (!map) this.objects.set(tableId, (map = new Map()));
    return map;
  }

  /** Copy a record's new stored values into its existing evaluation object. */
  private updateInPlace(table: TableDef | undefined, record: RecordData): void {
    // Tables nobody writes into have no evaluation objects: their records are read directly.
    if (!this.writesInto(record.tableId)) return;
    const objects = this.objectsOf(record.tableId);
    const object = objects.get(record.id);
    if (!object) {
      objects.set(record.id, { ...record.values });
      return;
    }
    const computed = new Set([...(this.formulaFields.get(record.tableId) ?? []), ...(this.viaFields.get(record.tableId) ?? [])]);
    for (const field of table?.fields ?? []) {
      if (computed.has(field.id)) continue;
      if (field.id in record.values) object[field.id] = record.values[field.id];
      else delete object[field.id];
    }
  }

  private relinkRecord(table: TableDef | undefined, id: string, records: RecordMaps, inverse: InverseMaps): void {
    if (table && (this.viaFields.get(table.id)?.size ?? 0) > 0) this.link(table, id, records, inverse, this.objects);
  }

  /** Evaluate the given formula fields (already in dependency order) for the given records. */
  private evaluateFields(tableId: string, fieldIds: readonly string[], ids: readonly string[], cells?: DerivedCellChange[]): number {
    const objects = this.objects.get(tableId);
    if (!objects || fieldIds.length === 0 || ids.length === 0) return 0;
    let evaluations = 0;
    for (const fieldId of fieldIds) {
      const compiled = this.graph.compiled(tableId, fieldId);
      if (!compiled) continue;
      const evaluate = formulaEvaluator(compiled);
      for (const id of ids) {
        const object = objects.get(id);
        if (!object) continue;
        const before = object[fieldId];
        const after = evaluate(object);
        object[fieldId] = after;
        evaluations++;
        if (cells && !sameComputedValue(before, after)) cells.push({ tableId, recordId: id, fieldId, before, after });
      }
    }
    return evaluations;
  }

  /**
   * Whether a table's evaluation objects are written to (formula results, linked related
   * records) and so must be copies; other tables' stored values are shared as they are,
   * which saves copying a million orders that only feed their customers' rollups.
   */
  private writesInto(tableId: string): boolean {
    return (this.formulaFields.get(tableId)?.length ?? 0) > 0 || (this.viaFields.get(tableId)?.size ?? 0) > 0;
  }

  /**
   * Until the compiler is loaded (src/runtime/formula-compiler.ts) an app's formulas have no
   * graph and compute nothing; DerivedValues loads it before the first full recompute.
   */
  private analyse(app: AppDef): FormulaGraph {
    const graph = formulaCompiler()?.buildFormulaGraph(app, { locale: this.options.locale }) ?? NO_FORMULAS;
    this.viaFields.clear();
    this.viaDefs.clear();
    this.formulaFields.clear();
    for (const table of app.tables) {
      this.formulaFields.set(table.id, table.fields.filter((f) => isComputedType(f.type)).map((f) => f.id));
      const via = new Set<string>();
      for (const fieldId of this.formulaFields.get(table.id)!) {
        for (const ref of graph.compiled(table.id, fieldId)?.refs ?? []) if (ref.via) via.add(ref.via);
      }
      this.viaFields.set(table.id, via);
      this.viaDefs.set(table.id, table.fields.filter((f) => via.has(f.id) && !!f.options?.table));
    }
    return graph;
  }

  /** Point a record's relation fields (those formulas read through) at the related objects. */
  private link(table: TableDef, id: string, records: RecordMaps, inverse: InverseMaps, objects: Map<string, Map<string, EvalObject>>): void {
    const object = objects.get(table.id)?.get(id);
    if (!object) return;
    for (const field of this.viaDefs.get(table.id) ?? []) {
      const target = field.options!.table!;
      const ids = field.options?.inverseOf
        ? (inverse.get(table.id)?.get(id)?.get(field.id) ?? [])
        : idsOf(records.get(table.id)?.get(id)?.values[field.id]);
      // Tables nobody writes into are read straight from the records, without copies.
      const written = objects.get(target);
      const stored = written ? undefined : records.get(target);
      const related: EvalObject[] = [];
      for (const relatedId of ids) {
        const relatedObject = written ? written.get(relatedId) : stored?.get(relatedId)?.values;
        if (relatedObject) related.push(relatedObject);
      }
      object[field.id] = related;
    }
  }
}

/** The record ids a relation value holds (one id, a list of ids, or none). */
export function idsOf(value: unknown): string[] {
  if (typeof value === 'string' && value !== '') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}
