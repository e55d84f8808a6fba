/**
 * Renames in formula source. Formulas are stored as the text the user typed; when a field
 * they reference is renamed, only the `{…}` reference tokens are rewritten, so spacing,
 * comments-by-layout, full-width punctuation and everything else stay exactly as typed.
 * (Compiled logic refers to field ids and does not change on a rename.)
 */
import type { AppDef, FieldDef } from '../schema/types.js';
import { fieldReference } from './ast.js';
import { resolveReference, scopeForTable, type FormulaScope } from './scope.js';
import { tokenize } from './tokenizer.js';
import { hasFormula, linksRecords } from '../fields/index.js';

/**
 * Rewrites field references. `map` receives each reference's segments and its range and
 * returns the new path (`['name']` or `['relation', 'field']`) or undefined to keep it.
 * Text that does not tokenize (an unclosed string) is returned unchanged.
 */
export function rewriteFormulaReferences(
  source: string,
  map: (segments: readonly string[], range: { start: number; end: number }) => readonly string[] | undefined,
): string {
  let tokens;
  try {
    tokens = tokenize(source);
  } catch {
    return source;
  }
  let out = '';
  let last = 0;
  for (const t of tokens) {
    if (t.kind !== 'field') continue;
    const path = map(t.segments!, { start: t.start, end: t.end });
    if (!path) continue;
    out += source.slice(last, t.start) + fieldReference(path);
    last = t.end;
  }
  return out + source.slice(last);
}

/**
 * Source text after renaming one field, resolved against `scope` as it was *before* the
 * rename. Without `via`, `fieldId` is a field of the formula's own table: `{old}` becomes
 * `{new}` (and, for a relation field, `{old.x}` becomes `{new.x}`). With `via` (a relation
 * field of the formula's table), `fieldId` is a field of the related table: `{via.old}`
 * becomes `{via.new}`.
 */
export function renameFieldInFormula(source: string, scope: FormulaScope, fieldId: string, newName: string, via?: string): string {
  return rewriteFormulaReferences(source, (segments) => {
    const r = resolveReference(scope, segments);
    if (!r) return undefined;
    if (via === undefined) {
      if (!r.relation && r.field.id === fieldId) return [newName];
      if (r.relation && r.relation.id === fieldId) return [newName, r.field.name];
      return undefined;
    }
    if (r.relation && r.relation.id === via && r.field.id === fieldId) return [r.relation.name, newName];
    return undefined;
  });
}

/** One formula whose source a rename rewrote. */
export interface FieldRename {
  tableId: string;
  fieldId: string;
  before: string;
  after: string;
}

/**
 * Renames a field and rewrites every formula of the app that references it, in its own
 * table and through relation fields of other tables. Pure: returns a new AppDef (the
 * version and timestamps are left to the store) and the list of rewritten formulas.
 */
export function renameFieldInApp(app: AppDef, tableId: string, fieldId: string, newName: string): { app: AppDef; changes: FieldRename[] } {
  const changes: FieldRename[] = [];
  const tables = app.tables.map((table) => {
    const relationsIn = table.fields.filter((f) => linksRecords(f.type) && f.options?.table === tableId).map((f) => f.id);
    const scope = scopeForTable(app, table.id);
    const fields = table.fields.map((f): FieldDef => {
      let next: FieldDef = f;
      if (table.id === tableId && f.id === fieldId) next = { ...next, name: newName };
      const source = hasFormula(f.type) ? f.options?.formula : undefined;
      if (source !== undefined) {
        const after = rewriteFormulaReferences(source, (segments) => {
          const r = resolveReference(scope, segments);
          if (!r) return undefined;
          if (table.id === tableId) {
            if (!r.relation && r.field.id === fieldId) return [newName];
            if (r.relation && r.relation.id === fieldId) return [newName, r.field.name];
          }
          if (r.relation && relationsIn.includes(r.relation.id) && r.field.id === fieldId) return [r.relation.name, newName];
          return undefined;
        });
        if (after !== source) {
          next = { ...next, options: { ...next.options, formula: after } };
          changes.push({ tableId: table.id, fieldId: f.id, before: source, after });
        }
      }
      return next;
    });
    return { ...table, fields };
  });
  return { app: { ...app, tables }, changes };
}
