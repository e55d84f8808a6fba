/**
 * The dependency graph of all formula fields of an app: compiles every formula (the source
 * is FieldDef.options.formula) and every field a type computes from its options (a
 * lifecycle stage, through `FieldTypeDef.compile`: a formula without source text), infers result types through formula-of-formula chains,
 * refuses cycles with a message naming them, gives a topological evaluation order and
 * answers "what must be recomputed when these fields of a record change", across tables
 * (an order's amount → its customer's rollups). Pure data: no store, no records.
 */
import type { AppDef, FieldDef, FormulaResultType, Locale } from '../schema/types.js';
import { fieldReference } from './ast.js';
import { compileFormula, type CompiledFormula, type FormulaReference } from './compiler.js';
import { FormulaError, bothLocales } from './errors.js';
import { resolveReference, scopeForTable } from './scope.js';
import { tokenize } from './tokenizer.js';
import { fieldTypeOf, hasFormula, isComputedType, linksRecords } from '../fields/index.js';

/** One formula field of the app. */
export interface FormulaGraphNode {
  tableId: string;
  fieldId: string;
  /** The compiled formula; absent when it does not compile or is part of a cycle. */
  compiled?: CompiledFormula;
  /** Why `compiled` is absent. */
  error?: FormulaError;
  /** Keys (`tableId/fieldId`) of the formula fields this one reads. */
  dependsOn: string[];
}

/** A formula field that cannot be evaluated, and why. */
export interface FormulaGraphIssue {
  tableId: string;
  fieldId: string;
  error: FormulaError;
}

/**
 * What to recompute after fields of one record changed. `fieldIds` are formula fields of
 * `tableId`, in evaluation order. `via` is null for the changed record itself; otherwise it
 * is a relation field of `tableId`: recompute the records of `tableId` that are linked
 * through it to the records of the parent step (for an order, its customer). `next` goes on
 * to tables whose rollups read the fields recomputed here.
 */
export interface FormulaImpact {
  tableId: string;
  via: string | null;
  fieldIds: string[];
  next: FormulaImpact[];
}

/** The compiled formulas of an app and their dependencies. */
export interface FormulaGraph {
  /** Every formula field by key `tableId/fieldId`. */
  nodes: ReadonlyMap<string, FormulaGraphNode>;
  /** Formulas that do not compile, and cycles (every field of a cycle is listed). */
  issues: FormulaGraphIssue[];
  /** All evaluable formula fields, dependencies first (across tables). */
  order: Array<{ tableId: string; fieldId: string }>;
  /** The evaluable formula fields of one table, dependencies first. */
  orderFor(tableId: string): string[];
  /** The compiled formula of a field, if it compiles and is not in a cycle. */
  compiled(tableId: string, fieldId: string): CompiledFormula | undefined;
  /** What to recompute after `changedFieldIds` of a record of `tableId` changed. */
  dependentsOf(tableId: string, changedFieldIds: Iterable<string>): FormulaImpact;
  /** Formula fields that reference a field (directly or through a relation), e.g. before deleting it. */
  referencesTo(tableId: string, fieldId: string): Array<{ tableId: string; fieldId: string }>;
}

const key = (tableId: string, fieldId: string) => `${tableId}/${fieldId}`;

/** The table a formula reference reads from. */
function targetTable(app: AppDef, tableId: string, ref: FormulaReference): string | undefined {
  if (ref.via === undefined) return tableId;
  const rel = app.tables.find((t) => t.id === tableId)?.fields.find((f) => f.id === ref.via);
  return rel?.options?.table;
}

/**
 * The graph node of a field whose type computes it from its options (`FieldTypeDef.compile`:
 * lifecycle stages), as a formula without source text. Options that describe no computation
 * compile to a blank value.
 */
function compileDerived(app: AppDef, tableId: string, field: FieldDef): CompiledFormula {
  const derived = fieldTypeOf(field).compile?.(field, { app, tableId });
  const refs = derived?.refs ?? [];
  return {
    source: '',
    logic: derived?.logic ?? null,
    deps: refs.map((r) => (r.via ? `${r.via}.${r.fieldId}` : r.fieldId)),
    refs,
    type: 'text',
    volatile: derived?.volatile ?? false,
    brokenReferences: [],
  };
}

function compileAll(app: AppDef, locale: Locale, resultTypes?: Map<string, FormulaResultType | undefined>): Map<string, FormulaGraphNode> {
  const nodes = new Map<string, FormulaGraphNode>();
  for (const table of app.tables) {
    const scope = scopeForTable(app, table.id, resultTypes);
    for (const field of table.fields) {
      // A tier chosen by hand is stored; only one computed from points is in the graph.
      if (!isComputedType(field.type) || !fieldTypeOf(field).isDerived(field)) continue;
      const node: FormulaGraphNode = { tableId: table.id, fieldId: field.id, dependsOn: [] };
      if (!hasFormula(field.type)) {
        node.compiled = compileDerived(app, table.id, field);
        nodes.set(key(table.id, field.id), node);
        continue;
      }
      try {
        // Stored formulas keep working after a referenced field is deleted: #REF! values.
        node.compiled = compileFormula(field.options?.formula ?? '', scope, { locale, unknownFields: 'ref' });
      } catch (e) {
        if (!(e instanceof FormulaError)) throw e;
        node.error = e;
      }
      nodes.set(key(table.id, field.id), node);
    }
  }
  for (const node of nodes.values()) {
    for (const ref of node.compiled?.refs ?? []) {
      const t = targetTable(app, node.tableId, ref);
      if (t === undefined) continue;
      const k = key(t, ref.fieldId);
      if (nodes.has(k) && !node.dependsOn.includes(k)) node.dependsOn.push(k);
    }
  }
  return nodes;
}

/** Finds cycles (each as a list of keys, first = last omitted) by depth-first search. */
function findCycles(nodes: ReadonlyMap<string, FormulaGraphNode>): string[][] {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (k: string): void => {
    state.set(k, 1);
    stack.push(k);
    for (const d of nodes.get(k)?.dependsOn ?? []) {
      const s = state.get(d);
      if (s === 1) cycles.push(stack.slice(stack.indexOf(d)));
      else if (s === undefined) visit(d);
    }
    stack.pop();
    state.set(k, 2);
  };
  for (const k of nodes.keys()) if (!state.has(k)) visit(k);
  return cycles;
}

function displayName(app: AppDef, k: string, crossTable: boolean): string {
  const [tableId, fieldId] = k.split('/') as [string, string];
  const table = app.tables.find((t) => t.id === tableId);
  const field = table?.fields.find((f) => f.id === fieldId);
  const name = fieldReference([field?.name ?? fieldId]);
  return crossTable ? `${table?.name ?? tableId}.${name}` : name;
}

/** The message naming a cycle: `{A} → {B} → {A}`. */
function cycleText(app: AppDef, cycle: string[]): string {
  const tables = new Set(cycle.map((k) => k.split('/')[0]));
  const names = [...cycle, cycle[0]!].map((k) => displayName(app, k, tables.size > 1));
  return names.join(' → ');
}

/** The range of the first reference in `source` that reads `target` (for underlining). */
function rangeOfReference(app: AppDef, tableId: string, source: string, target: string): { start: number; end: number } {
  try {
    const scope = scopeForTable(app, tableId);
    for (const t of tokenize(source)) {
      if (t.kind !== 'field') continue;
      const r = resolveReference(scope, t.segments!);
      if (!r) continue;
      const readsTable = r.relation ? r.relation.options?.table : tableId;
      if (readsTable !== undefined && key(readsTable, r.field.id) === target) return { start: t.start, end: t.end };
    }
  } catch {
    // Fall through to the whole source.
  }
  return { start: 0, end: source.length };
}

function cycleError(app: AppDef, cycle: string[], at: string, locale: Locale): FormulaError {
  const [tableId, fieldId] = at.split('/') as [string, string];
  const source = app.tables.find((t) => t.id === tableId)?.fields.find((f) => f.id === fieldId)?.options?.formula ?? '';
  const next = cycle[(cycle.indexOf(at) + 1) % cycle.length]!;
  const { start, end } = rangeOfReference(app, tableId, source, next);
  return new FormulaError('formula.cycle', bothLocales('formula.cycle', { cycle: cycleText(app, cycle) }), start, end, locale);
}

/** Depth-first post-order over evaluable nodes: dependencies first. */
function topologicalOrder(nodes: ReadonlyMap<string, FormulaGraphNode>): string[] {
  const done = new Set<string>();
  const order: string[] = [];
  const visit = (k: string): void => {
    if (done.has(k)) return;
    done.add(k);
    const node = nodes.get(k);
    if (!node?.compiled) return;
    for (const d of node.dependsOn) visit(d);
    order.push(k);
  };
  for (const k of nodes.keys()) visit(k);
  return order;
}

/**
 * Compiles every formula field of an app and builds its dependency graph.
 * Formula fields without a declared result type get the type inferred from their formula,
 * so `{利润} * 2` knows `{利润}` is money.
 */
export function buildFormulaGraph(app: AppDef, options: { locale?: Locale } = {}): FormulaGraph {
  const locale = options.locale ?? 'en';
  let nodes = compileAll(app, locale);
  const cycles = findCycles(nodes);
  const cyclic = new Map<string, FormulaError>();
  for (const cycle of cycles) for (const k of cycle) if (!cyclic.has(k)) cyclic.set(k, cycleError(app, cycle, k, locale));

  // Second pass: recompile with the inferred result types of formula fields, dependencies first.
  const inferred = new Map<string, FormulaResultType | undefined>();
  for (const k of topologicalOrder(nodes)) {
    if (cyclic.has(k)) continue;
    const t = nodes.get(k)?.compiled?.type;
    if (t !== undefined && t !== 'any') inferred.set(k, t);
  }
  if (inferred.size > 0) {
    // One recompile per chain level; chains are short, but loop until the types settle.
    for (let round = 0; round < 8; round++) {
      const next = compileAll(app, locale, inferred);
      let changed = false;
      for (const [k, node] of next) {
        const t = node.compiled?.type;
        if (!cyclic.has(k) && t !== undefined && t !== 'any' && inferred.get(k) !== t) {
          inferred.set(k, t);
          changed = true;
        }
      }
      nodes = next;
      if (!changed) break;
    }
  }

  const issues: FormulaGraphIssue[] = [];
  for (const [k, node] of nodes) {
    const e = cyclic.get(k);
    if (e) {
      node.error = e;
      delete node.compiled;
    }
    if (node.error) issues.push({ tableId: node.tableId, fieldId: node.fieldId, error: node.error });
  }
  const orderKeys = topologicalOrder(nodes);
  const order = orderKeys.map((k) => ({ tableId: nodes.get(k)!.tableId, fieldId: nodes.get(k)!.fieldId }));
  const perTable = new Map<string, string[]>();
  for (const o of order) {
    const list = perTable.get(o.tableId) ?? [];
    list.push(o.fieldId);
    perTable.set(o.tableId, list);
  }

  const orderFor = (tableId: string) => perTable.get(tableId) ?? [];

  /** Formula fields of `tableId` to recompute, given seed formulas and changed fields, in order. */
  const closure = (tableId: string, seeds: ReadonlySet<string>, changed: ReadonlySet<string>): string[] => {
    const affected = new Set(changed);
    const out: string[] = [];
    for (const fieldId of orderFor(tableId)) {
      const node = nodes.get(key(tableId, fieldId))!;
      // A read through a relation field is hit when the links themselves changed.
      const hit = seeds.has(fieldId) || node.compiled!.refs.some((r) => affected.has(r.via ?? r.fieldId));
      if (hit) {
        out.push(fieldId);
        affected.add(fieldId);
      }
    }
    return out;
  };

  const impactsFrom = (tableId: string, changed: ReadonlySet<string>, depth: number): FormulaImpact[] => {
    if (depth > 32) return [];
    const impacts: FormulaImpact[] = [];
    for (const table of app.tables) {
      for (const rel of table.fields) {
        if (!linksRecords(rel.type) || rel.options?.table !== tableId) continue;
        const linkChanged = rel.options.inverseOf !== undefined && changed.has(rel.options.inverseOf);
        const seeds = new Set<string>();
        for (const fieldId of orderFor(table.id)) {
          const refs = nodes.get(key(table.id, fieldId))!.compiled!.refs;
          const reads = refs.some((r) => r.via === rel.id && (linkChanged || changed.has(r.fieldId)));
          const readsLinks = linkChanged && refs.some((r) => r.via === undefined && r.fieldId === rel.id);
          if (reads || readsLinks) seeds.add(fieldId);
        }
        if (seeds.size === 0) continue;
        const fieldIds = closure(table.id, seeds, new Set());
        impacts.push({ tableId: table.id, via: rel.id, fieldIds, next: impactsFrom(table.id, new Set(fieldIds), depth + 1) });
      }
    }
    return impacts;
  };

  return {
    nodes,
    issues,
    order,
    orderFor,
    compiled: (tableId, fieldId) => nodes.get(key(tableId, fieldId))?.compiled,
    dependentsOf(tableId, changedFieldIds) {
      const changed = new Set(changedFieldIds);
      const fieldIds = closure(tableId, new Set(), changed);
      const all = new Set([...changed, ...fieldIds]);
      return { tableId, via: null, fieldIds, next: impactsFrom(tableId, all, 0) };
    },
    referencesTo(tableId, fieldId) {
      const out: Array<{ tableId: string; fieldId: string }> = [];
      for (const node of nodes.values()) {
        const refs = node.compiled?.refs ?? [];
        if (refs.some((r) => targetTable(app, node.tableId, r) === tableId && r.fieldId === fieldId)) {
          out.push({ tableId: node.tableId, fieldId: node.fieldId });
        }
      }
      return out;
    },
  };
}

/**
 * Edit-time check of one formula field's new source: compiles it (unknown fields are
 * errors here) and refuses a circular reference with a message naming the cycle and the
 * range of the reference that closes it. Returns the compiled formula to store.
 * @throws FormulaError
 */
export function checkFormulaField(app: AppDef, tableId: string, fieldId: string, source: string, options: { locale?: Locale } = {}): CompiledFormula {
  const locale = options.locale ?? 'en';
  const table = app.tables.find((t) => t.id === tableId);
  if (!table?.fields.some((f) => f.id === fieldId)) throw new RangeError(`No field ${fieldId} in table ${tableId}`);
  // The app as it would be with the new source (the field becomes a formula if it was not).
  const edited: AppDef = {
    ...app,
    tables: app.tables.map((t) =>
      t.id !== tableId
        ? t
        : { ...t, fields: t.fields.map((f) => (f.id === fieldId ? { ...f, type: 'formula', options: { ...f.options, formula: source } } : f)) },
    ),
  };
  const graph = buildFormulaGraph(edited, { locale });
  const inferred = new Map<string, FormulaResultType | undefined>();
  for (const node of graph.nodes.values()) {
    const t = node.compiled?.type;
    if (t !== undefined && t !== 'any') inferred.set(key(node.tableId, node.fieldId), t);
  }
  const compiled = compileFormula(source, scopeForTable(edited, tableId, inferred), { locale });
  const self = graph.nodes.get(key(tableId, fieldId));
  if (self?.error?.code === 'formula.cycle') throw self.error;
  return compiled;
}
