/**
 * The field-type model: everything ltc-kit knows about one field type that does not need a
 * page — how a stored value must look, how raw input (typed text, a CSV cell, JSON) becomes
 * one, what counts as blank, how values order and read as plain text, whether the field is
 * stored or derived, what type a formula sees, and the schema of its `options` (which both
 * validates them and describes the property panel).
 *
 * One `FieldTypeDef` per type, one module each under src/core/fields/types/. Widgets
 * (widgets/) add only rendering: the input, the cell and the property panel drawn from
 * `options`. Nothing outside the field-type definitions and widgets names a field type:
 * callers ask `fieldTypeOf(field)`.
 *
 * CONTRACT (shared by parallel work; extend, do not rename):
 * - `fieldTypeOf(fieldOrType)`, `registerFieldType(def, { replace? })`, `listFieldTypes()`
 *   exported from src/core/fields/index.ts.
 * - The members below keep these names and meanings.
 */
import type { AppDef, CellValue, ChoiceDef, FieldDef, FieldOptions, Locale, LocalizedLabels } from '../schema/types.js';

/** A value problem: a translation key of src/i18n (`field.number`, `field.max` …) and its parameters. */
export interface ValueIssue {
  key: string;
  params?: Record<string, string | number>;
}

/** The result of turning raw input into a stored value. */
export type CoerceResult = { ok: true; value: CellValue } | { ok: false; issue: ValueIssue };

/**
 * Where raw input comes from. `input`: text a person typed in a form (a percent box takes
 * 80 for 80%); `csv`: a spreadsheet cell (`35%`, `¥1,234.50`, `是`); `json`: a value already
 * in the stored representation (imports, templates, API calls).
 */
export type ValueSource = 'input' | 'csv' | 'json';

/** The scalar type a formula sees for a field, and whether the reference yields a list. */
export type ScalarType = 'text' | 'number' | 'money' | 'percent' | 'date' | 'boolean' | 'any';

/** Plain-text formatting context. */
export interface FormatContext {
  locale: Locale;
  /** The display label of a record of another table (relations). */
  recordLabel?: (tableId: string, id: string) => string | undefined;
}

/**
 * One key of a type's `options`: validated on import / template load and drawn by the
 * property panel. `panel: false` keys are kept and validated but not shown (compiled logic).
 */
export interface OptionSpec {
  key: keyof FieldOptions & string;
  kind: 'number' | 'integer' | 'boolean' | 'text' | 'enum' | 'choices' | 'table' | 'field' | 'formula' | 'json';
  labels: Required<LocalizedLabels>;
  /** For `enum`: the allowed values (with labels when they are not self-explanatory). */
  values?: ReadonlyArray<string | { value: string; labels: Required<LocalizedLabels> }>;
  min?: number;
  max?: number;
  /** For `enum`: `values` are suggestions (the panel's list); other values are accepted too. */
  open?: boolean;
  /** The default the panel shows when the key is absent (e.g. a money precision of 2). */
  default?: string | number | boolean;
  required?: boolean;
  panel?: boolean;
  help?: Required<LocalizedLabels>;
  /** A further check of a present value: what the value must be (`schema.range`'s constraint), or null. */
  check?: (value: unknown) => string | null;
}

export interface FieldTypeDef {
  /** The type id (`FieldDef.type`). */
  type: string;
  /** Palette label per locale. */
  labels: Required<LocalizedLabels>;
  category: 'basic' | 'choice' | 'datetime' | 'relation' | 'computed' | 'layout';
  /** True for values computed rather than stored (formulas, inverse relations). */
  isDerived(field: FieldDef): boolean;
  /**
   * A derived type whose last value is also kept in the record (the lifecycle stage's
   * recorded stage): a stored value that passes `checkStored` is kept by imports and
   * exports instead of being refused as a computed field's value.
   */
  keepsStoredValue?: boolean;
  /** What a formula reading `{field}` sees. */
  scalar(field: FieldDef): { type: ScalarType; list: boolean };
  /** Raw input → stored value, or what is wrong. Blank input gives `null`. */
  coerce(raw: unknown, field: FieldDef, source?: ValueSource): CoerceResult;
  /** Whether a value already in stored form has the right shape (imports, templates). */
  checkStored(value: unknown, field: FieldDef): ValueIssue | null;
  /** Constraints on a stored, non-blank value (min, max, length, pattern …). */
  validate(value: CellValue, field: FieldDef): ValueIssue | null;
  /** Blank for `required`: null, '', [] — and an unticked required checkbox. */
  isEmpty(value: CellValue | undefined, field: FieldDef): boolean;
  /**
   * The key a non-blank value sorts by, used by the store's sort and the in-memory sort alike:
   * numbers compare numerically, strings in zh-CN collation order (pinyin; digits by value).
   */
  sortKey(value: CellValue, field: FieldDef): number | string;
  /** Plain-text display (cells, tooltips, exports, relation labels). */
  format(value: CellValue, field: FieldDef, context: FormatContext): string;
  /** The options this type reads. */
  options: readonly OptionSpec[];
  /**
   * For a derived type computed through the formula graph from its options rather than from
   * a formula the user typed (lifecycle stages): the JSON Logic, every field it reads and
   * whether its value changes with time. The graph orders, recomputes and sorts it like a
   * formula. Undefined when the options do not describe a computation (the value is blank).
   */
  compile?(field: FieldDef, context: { app: AppDef; tableId: string }): DerivedLogic | undefined;
  /**
   * For a type whose values are a fixed set of ids it defines itself (lifecycle stages): the
   * choices, in order, so conditions offer them as a choice list and views group by them.
   */
  choices?(field: FieldDef): readonly ChoiceDef[];
}

/** What a type's `compile` hook gives the formula graph. */
export interface DerivedLogic {
  logic: unknown;
  /** Fields read, `via` a relation field of the same table for fields of related records. */
  refs: Array<{ fieldId: string; via?: string }>;
  /** Changes as days pass (re-evaluated at midnight in the app's zone). */
  volatile: boolean;
}
