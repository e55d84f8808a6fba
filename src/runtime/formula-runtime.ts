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
 * After a change only the touched records (and the records linked to them whose formulas
 * read through the link) are re-evaluated.
 */
import { buildFormulaGraph, formulaEvaluator, withNow, type FormulaGraph } from '../core/formula/index.js';
import type { AppDef, Locale, RecordData, RecordValues, TableDef } from '../core/schema/types.js';

type EvalObject = Record<string, unknown>;
export type RecordMaps = Map<string, Map<string, RecordData>>;
export type InverseMaps = Map<string, Map<string, Map<string, string[]>>>;

/** The value a cell shows for a formula that does not compile (or is part of a cycle). */
export interface BrokenFormulaValue {
  code: '#NAME?' | '#REF!';
  message: string;
}

export class FormulaRuntime {
  private graph: FormulaGraph;
  /** Evaluation objects by table id → record id. */
  private objects = new Map<string, Map<string, EvalObject>>();
  /** Per table: the relation fields some formula of that table reads through. */
  private viaFields = new Map<string, Set<string>>();
  /** Per table: its formula field ids. */
  private formulaFields = new Map<string, string[]>();

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

  /**
   * Re-evaluate. Without `touched`, every record of every table; with it, the records named
   * there plus the records whose formulas read through a relation to one of them.
   */
  recompute(records: RecordMaps, inverse: InverseMaps, touched?: Map<string, Set<string>>): void {
    if (!touched) {
      this.objects.clear();
      for (const table of this.app.tables) {
        const map = new Map<string, EvalObject>();
        const copy = this.writesInto(table.id);
        for (const record of records.get(table.id)?.values() ?? []) map.set(record.id, copy ? { ...record.values } : record.values);
        this.objects.set(table.id, map);
      }
      for (const table of this.app.tables) for (const id of this.objects.get(table.id)!.keys()) this.link(table, id, records, inverse);
      this.evaluate((tableId) => this.objects.get(tableId)?.keys() ?? []);
      return;
    }
    const expanded = this.expand(touched, records);
    for (const [tableId, ids] of expanded) {
      const map = this.objects.get(tableId) ?? new Map<string, EvalObject>();
      this.objects.set(tableId, map);
      for (const id of ids) {
        const record = records.get(tableId)?.get(id);
        if (record) map.set(id, this.writesInto(tableId) ? { ...record.values } : record.values);
        else map.delete(id);
      }
    }
    for (const [tableId, ids] of expanded) {
      const table = this.app.tables.find((t) => t.id === tableId);
      if (table) for (const id of ids) if (this.objects.get(tableId)?.has(id)) this.link(table, id, records, inverse);
    }
    this.evaluate((tableId) => [...(expanded.get(tableId) ?? [])].filter((id) => this.objects.get(tableId)?.has(id)));
  }

  /**
   * Whether a table's evaluation objects are written to (formula results, linked related
   * records) and so must be copies; other tables' stored values are shared as they are,
   * which saves copying a million orders that only feed their customers' rollups.
   */
  private writesInto(tableId: string): boolean {
    return (this.formulaFields.get(tableId)?.length ?? 0) > 0 || (this.viaFields.get(tableId)?.size ?? 0) > 0;
  }

  private analyse(app: AppDef): FormulaGraph {
    const graph = buildFormulaGraph(app, { locale: this.options.locale });
    this.viaFields.clear();
    this.formulaFields.clear();
    for (const table of app.tables) {
      this.formulaFields.set(table.id, table.fields.filter((f) => f.type === 'formula').map((f) => f.id));
      const via = new Set<string>();
      for (const fieldId of this.formulaFields.get(table.id)!) {
        for (const ref of graph.compiled(table.id, fieldId)?.refs ?? []) if (ref.via) via.add(ref.via);
      }
      this.viaFields.set(table.id, via);
    }
    return graph;
  }

  /** Point a record's relation fields (those formulas read through) at the related objects. */
  private link(table: TableDef, id: string, records: RecordMaps, inverse: InverseMaps): void {
    const object = this.objects.get(table.id)?.get(id);
    if (!object) return;
    for (const fieldId of this.viaFields.get(table.id) ?? []) {
      const field = table.fields.find((f) => f.id === fieldId);
      const target = field?.options?.table;
      if (!field || !target) continue;
      const ids = field.options?.inverseOf
        ? (inverse.get(table.id)?.get(id)?.get(fieldId) ?? [])
        : idsOf(records.get(table.id)?.get(id)?.values[fieldId]);
      const targets = this.objects.get(target);
      const related: EvalObject[] = [];
      for (const relatedId of ids) {
        const relatedObject = targets?.get(relatedId);
        if (relatedObject) related.push(relatedObject);
      }
      object[fieldId] = related;
    }
  }

  private evaluate(idsOfTable: (tableId: string) => Iterable<string>): void {
    for (const table of this.app.tables) {
      for (const issue of this.graph.issues.filter((i) => i.tableId === table.id)) {
        const broken: BrokenFormulaValue = {
          code: issue.error.code === 'formula.unknownField' ? '#REF!' : '#NAME?',
          message: issue.error.message,
        };
        for (const id of idsOfTable(table.id)) {
          const object = this.objects.get(table.id)?.get(id);
          if (object) object[issue.fieldId] = broken;
        }
      }
    }
    // One instant for the whole pass, so TODAY() cannot change halfway through.
    withNow(this.options.now?.() ?? Date.now(), () => {
      for (const { tableId, fieldId } of this.graph.order) {
        const compiled = this.graph.compiled(tableId, fieldId);
        const objects = this.objects.get(tableId);
        if (!compiled || !objects) continue;
        const evaluate = formulaEvaluator(compiled);
        for (const id of idsOfTable(tableId)) {
          const object = objects.get(id);
          if (object) object[fieldId] = evaluate(object);
        }
      }
    });
  }

  /**
   * Add to `touched` the records whose formulas read through a relation to a touched record
   * (e.g. the customer of a changed order), until nothing new is added.
   */
  private expand(touched: Map<string, Set<string>>, records: RecordMaps): Map<string, Set<string>> {
    const result = new Map<string, Set<string>>();
    for (const [tableId, ids] of touched) result.set(tableId, new Set(ids));
    let grew = true;
    while (grew) {
      grew = false;
      for (const table of this.app.tables) {
        for (const fieldId of this.viaFields.get(table.id) ?? []) {
          const field = table.fields.find((f) => f.id === fieldId);
          const target = field?.options?.table;
          const changed = target ? result.get(target) : undefined;
          if (!field || !target || !changed?.size) continue;
          const mine = result.get(table.id) ?? new Set<string>();
          const before = mine.size;
          if (field.options?.inverseOf) {
            // The forward side holds the link: the changed records name their owner.
            for (const id of changed) for (const owner of idsOf(records.get(target)?.get(id)?.values[field.options.inverseOf])) mine.add(owner);
          } else {
            for (const record of records.get(table.id)?.values() ?? []) {
              if (idsOf(record.values[fieldId]).some((id) => changed.has(id))) mine.add(record.id);
            }
          }
          if (mine.size !== before) {
            result.set(table.id, mine);
            grew = true;
          }
        }
      }
    }
    return result;
  }
}

/** The record ids a relation value holds (one id, a list of ids, or none). */
export function idsOf(value: unknown): string[] {
  if (typeof value === 'string' && value !== '') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}
