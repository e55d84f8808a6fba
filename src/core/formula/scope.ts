/**
 * What a formula can see: the fields of its own table and, through relation fields, the
 * fields of the related table. A scope is FieldDef-like so an app's TableDef can be passed
 * almost as is (`scopeForTable` builds one from an AppDef).
 */
import type { AppDef, FieldType, FormulaResultType, LocalizedLabels } from '../schema/types.js';
import { linksRecords } from '../fields/index.js';

/** One field visible to a formula. */
export interface FormulaScopeField {
  /** Stable id: compiled logic and record values use it. */
  id: string;
  /** Display name: formula source refers to it as `{name}`. */
  name: string;
  /**
   * Labels in the UI languages: `{label}` refers to the field too (`{Average order value}`
   * is `{平均客单价}` when that is its English label). A name always wins over a label.
   */
  labels?: LocalizedLabels;
  /** A field type from schema/types.ts (unknown custom types are treated as "any value"). */
  type: FieldType;
  /** relation: the related table's fields, so `{relation.field}` resolves. */
  fields?: FormulaScopeField[];
  /** formula: the type of its result, if known. */
  resultType?: FormulaResultType;
  /**
   * The parts of FieldOptions that matter to formulas: select choices (a formula sees the
   * choice *name*, records store its id), relation cardinality and a formula's result type.
   */
  options?: {
    choices?: ReadonlyArray<{ id: string; name: string }>;
    multiple?: boolean;
    inverseOf?: string;
    table?: string;
    resultType?: FormulaResultType;
  };
}

/** The fields a formula may reference. */
export interface FormulaScope {
  fields: FormulaScopeField[];
}

/**
 * Whether `{relation.field}` yields a list (to-many) or one value (to-one). A relation is
 * to-one only when its options say so: a table id with neither `multiple` nor `inverseOf`
 * (an inverse relation is the "many" side), or `multiple: false`. Without options it is
 * treated as to-many, the rollup case.
 */
export function isToMany(field: FormulaScopeField): boolean {
  const o = field.options;
  if (!o) return true;
  if (o.multiple === false) return false;
  if (o.multiple === true || o.inverseOf !== undefined) return true;
  return o.table === undefined;
}

/**
 * The scope of a table's formulas: its fields, each relation field with the related
 * table's fields. `resultTypes` (by field id) overrides the declared result types of
 * formula fields, e.g. with types inferred by compiling them.
 */
export function scopeForTable(app: AppDef, tableId: string, resultTypes?: ReadonlyMap<string, FormulaResultType | undefined>): FormulaScope {
  const table = app.tables.find((t) => t.id === tableId);
  if (!table) throw new RangeError(`No table ${tableId} in app ${app.id}`);
  const toScopeField = (tId: string, f: (typeof table.fields)[number]): FormulaScopeField => {
    const o = f.options ?? {};
    const options: NonNullable<FormulaScopeField['options']> = {};
    if (o.choices) options.choices = o.choices;
    if (o.multiple !== undefined) options.multiple = o.multiple;
    if (o.inverseOf !== undefined) options.inverseOf = o.inverseOf;
    if (o.table !== undefined) options.table = o.table;
    const resultType = resultTypes?.get(`${tId}/${f.id}`) ?? o.resultType;
    const out: FormulaScopeField = { id: f.id, name: f.name, type: f.type, options };
    if (resultType) out.resultType = resultType;
    if (f.labels) out.labels = f.labels;
    return out;
  };
  return {
    fields: table.fields.map((f) => {
      const field = toScopeField(table.id, f);
      if (linksRecords(f.type) && f.options?.table) {
        const target = app.tables.find((t) => t.id === f.options!.table);
        if (target) field.fields = target.fields.map((g) => toScopeField(target.id, g));
      }
      return field;
    }),
  };
}

/** What a field reference resolves to: a field of the table, or one read through a relation. */
export interface ResolvedReference {
  field: FormulaScopeField;
  /** The relation field read through, for `{relation.field}`. */
  relation?: FormulaScopeField;
}

/**
 * The field a reference names: by name (exactly, then ignoring surrounding spaces), else by
 * one of its labels (the same way). Names come first, so a label can never take a reference
 * away from the field that has that name.
 */
export function findByName<F extends FormulaScopeField>(fields: Iterable<F>, name: string): F | undefined {
  const trimmed = name.trim();
  let trimmedName: F | undefined;
  let label: F | undefined;
  let trimmedLabel: F | undefined;
  for (const f of fields) {
    if (f.name === name) return f;
    if (trimmedName === undefined && f.name.trim() === trimmed) trimmedName = f;
    if (label === undefined && trimmedLabel === undefined && f.labels) {
      for (const l of Object.values(f.labels)) {
        if (typeof l !== 'string' || l === '') continue;
        if (l === name) label = f;
        else if (l.trim() === trimmed) trimmedLabel ??= f;
      }
    }
  }
  return trimmedName ?? label ?? trimmedLabel;
}

/**
 * Resolves a reference's segments (`{a.b}` → ['a', 'b']) the way the compiler does: the
 * whole text as one field name first (names may contain dots), then the longest relation
 * name followed by a field of the related table.
 */
export function resolveReference(scope: FormulaScope, segments: readonly string[]): ResolvedReference | undefined {
  const direct = findByName(scope.fields, segments.join('.'));
  if (direct) return { field: direct };
  for (let k = segments.length - 1; k >= 1; k--) {
    const relation = findByName(scope.fields, segments.slice(0, k).join('.'));
    if (!relation) continue;
    const field = linksRecords(relation.type) ? findByName(relation.fields ?? [], segments.slice(k).join('.')) : undefined;
    return field ? { field, relation } : undefined;
  }
  return undefined;
}
