/**
 * Formulas are stored as source text plus compiled logic plus dependencies: the source is
 * what the user wrote and the truth; the JSON Logic (fields by id) and the dependency list
 * are derived from it on every save, so any JSON Logic evaluator — this one, json-logic-js
 * on a server, a site owner's own — can run a stored formula without our parser.
 */
import { hasFormula } from '../fields/index.js';
import type { AppDef, FieldDef } from '../schema/types.js';
import { buildFormulaGraph } from './graph.js';

/**
 * The app with `options.logic` and `options.deps` of every formula field brought in line with
 * its source. A formula that does not compile (or is part of a cycle) keeps its source and
 * loses stale logic, so nothing ever evaluates an outdated compilation.
 */
export function withCompiledFormulas(app: AppDef): AppDef {
  const graph = buildFormulaGraph(app);
  let changed = false;
  const tables = app.tables.map((table) => {
    let tableChanged = false;
    const fields = table.fields.map((field): FieldDef => {
      if (!hasFormula(field.type)) return field;
      const compiled = graph.compiled(table.id, field.id);
      const { logic: oldLogic, deps: oldDeps, ...rest } = field.options ?? {};
      const next: FieldDef = compiled ? { ...field, options: { ...rest, logic: compiled.logic, deps: [...compiled.deps] } } : { ...field, options: rest };
      const same = compiled
        ? JSON.stringify(oldLogic) === JSON.stringify(compiled.logic) && JSON.stringify(oldDeps) === JSON.stringify(compiled.deps)
        : oldLogic === undefined && oldDeps === undefined;
      if (same) return field;
      tableChanged = true;
      return next;
    });
    if (!tableChanged) return table;
    changed = true;
    return { ...table, fields };
  });
  return changed ? { ...app, tables } : app;
}
