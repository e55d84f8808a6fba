/**
 * The field-type registry: type id → FieldTypeDef (./types.ts). The built-in types register
 * themselves when this module loads; a site owner adds one with `registerFieldType` (or
 * through `registerWidget`, which registers the facts of a widget that brings its own).
 *
 * Callers never switch on `field.type`: they ask `fieldTypeOf(field)` for the facts —
 * stored-value check, coercion, blank, formula type, sort key, plain-text format, derived
 * or stored, options schema.
 */
import type { CellValue, ChoiceDef, FieldDef, FieldType, FormulaResultType } from '../schema/types.js';
import type { FieldTypeDef, ScalarType } from './types.js';
import { textType } from './types/text.js';
import { textareaType } from './types/textarea.js';
import { numberType } from './types/number.js';
import { moneyType } from './types/money.js';
import { percentType } from './types/percent.js';
import { dateType } from './types/date.js';
import { datetimeType } from './types/datetime.js';
import { selectType } from './types/select.js';
import { multiselectType } from './types/multiselect.js';
import { checkboxType } from './types/checkbox.js';
import { phoneType } from './types/phone.js';
import { emailType } from './types/email.js';
import { relationType } from './types/relation.js';
import { formulaType } from './types/formula.js';
import { stageType } from './types/stage.js';
import { defineFieldType } from './define.js';

export type * from './types.js';
export { defineFieldType } from './define.js';
export { checkOptionSpecs } from './options.js';
export type { OptionProblem } from './options.js';
export * from './values.js';

/** The built-in field types, in palette order. */
export const BUILTIN_FIELD_TYPE_DEFS: readonly FieldTypeDef[] = [
  textType,
  textareaType,
  numberType,
  moneyType,
  percentType,
  dateType,
  datetimeType,
  selectType,
  multiselectType,
  checkboxType,
  phoneType,
  emailType,
  relationType,
  formulaType,
  stageType,
];

const registry = new Map<string, FieldTypeDef>(BUILTIN_FIELD_TYPE_DEFS.map((def) => [def.type, def]));

/**
 * What ltc-kit assumes about a type nobody registered (a template written for a site's own
 * widget, opened without it): a stored, text-like value of any shape, shown as text. Nothing
 * is hidden or refused, and nothing is coerced away.
 */
const unknownType = (type: string): FieldTypeDef =>
  defineFieldType({
    type,
    labels: { 'zh-CN': type, en: type },
    category: 'basic',
    // A formula cannot know what the value means: it gets it as is.
    scalar: () => ({ type: 'any', list: false }),
    coerce: (raw) => ({ ok: true, value: raw === undefined ? null : (raw as never) }),
    checkStored: () => null,
  });

const unknownCache = new Map<string, FieldTypeDef>();

/**
 * The definition of a field's type (or of a type id). Unknown types get a permissive
 * text-like definition (any stored value accepted, shown as text, sorted as text).
 */
export function fieldTypeOf(fieldOrType: FieldDef | string): FieldTypeDef {
  const type = typeof fieldOrType === 'string' ? fieldOrType : fieldOrType.type;
  const found = registry.get(type);
  if (found) return found;
  let fallback = unknownCache.get(type);
  if (!fallback) unknownCache.set(type, (fallback = unknownType(type)));
  return fallback;
}

/** Whether a type id has a registered definition (built-in or a site owner's). */
export function isKnownFieldType(type: string): boolean {
  return registry.has(type);
}

/**
 * Register a field type. A type already registered (a built-in one included) is refused
 * unless `{ replace: true }`: replacing `money` by accident would change how every app stores
 * amounts.
 * @throws TypeError for a malformed definition or an unrequested replacement.
 */
export function registerFieldType(def: FieldTypeDef, options: { replace?: boolean } = {}): void {
  if (!def || typeof def.type !== 'string' || def.type === '') throw new TypeError('registerFieldType: a field type needs a non-empty string `type`');
  for (const member of ['isDerived', 'scalar', 'coerce', 'checkStored', 'validate', 'isEmpty', 'sortKey', 'format'] as const) {
    if (typeof def[member] !== 'function') throw new TypeError(`registerFieldType(${def.type}): \`${member}\` must be a function`);
  }
  if (!Array.isArray(def.options)) throw new TypeError(`registerFieldType(${def.type}): \`options\` must be an array of option specs`);
  if (registry.has(def.type) && !options.replace) {
    throw new TypeError(`registerFieldType: "${def.type}" is already registered; pass { replace: true } to replace it`);
  }
  registry.set(def.type, def);
  unknownCache.delete(def.type);
}

/** Every registered field type, built-ins first in palette order, then in registration order. */
export function listFieldTypes(): FieldTypeDef[] {
  return [...registry.values()];
}

/** What `scalarOf` needs of a field: a FieldDef, or a formula-scope field (src/core/formula/scope.ts). */
export interface ScalarSubject {
  id: string;
  name: string;
  type: FieldType;
  resultType?: FormulaResultType;
  options?: { readonly choices?: ReadonlyArray<{ id: string; name: string }>; multiple?: boolean; inverseOf?: string; table?: string; resultType?: FormulaResultType };
}

/**
 * The scalar type a formula sees for a field (`fieldTypeOf(f).scalar(f).type`), also for a
 * formula-scope field, whose inferred result type may sit beside its options.
 */
export function scalarOf(field: ScalarSubject): ScalarType {
  return scalarInfoOf(field).type;
}

/** `fieldTypeOf(f).scalar(f)` for a field or a formula-scope field: the type and whether it is a list. */
export function scalarInfoOf(field: ScalarSubject): { type: ScalarType; list: boolean } {
  const resultType = field.resultType ?? field.options?.resultType;
  // The type definitions only read options; the scope's readonly choices are never written.
  const def = { ...field, options: { ...field.options, ...(resultType ? { resultType } : {}) } } as FieldDef;
  return fieldTypeOf(def).scalar(def);
}

/** Whether fields of a type link to records of another table (its options have a `table` key). */
export function linksRecords(type: string): boolean {
  return fieldTypeOf(type).options.some((spec) => spec.kind === 'table' && spec.key === 'table');
}

/** Whether fields of a type are computed from a formula (their options have a `formula` source). */
export function hasFormula(type: string): boolean {
  return fieldTypeOf(type).options.some((spec) => spec.kind === 'formula');
}

/**
 * Whether fields of a type are computed through the formula graph: formulas, and derived
 * types with a `compile` hook (lifecycle stages).
 */
export function isComputedType(type: string): boolean {
  return hasFormula(type) || typeof fieldTypeOf(type).compile === 'function';
}

/** The choices a field's values are ids of: its own `options.choices`, or those its type defines (stages). */
export function fieldChoices(field: FieldDef): readonly ChoiceDef[] {
  return field.options?.choices ?? fieldTypeOf(field).choices?.(field) ?? [];
}

/** Whether fields of a type hold choice ids (its options have a `choices` list). */
export function hasChoices(type: string): boolean {
  return fieldTypeOf(type).options.some((spec) => spec.kind === 'choices');
}

/**
 * The table a field links into, when its type has a `table` option (relations, and a site
 * owner's relation-like types); undefined otherwise.
 */
export function linkedTable(field: FieldDef): string | undefined {
  return fieldTypeOf(field).options.some((spec) => spec.kind === 'table' && spec.key === 'table') ? field.options?.table : undefined;
}

/**
 * A field's value in a record: what the record stores, or for a type read from the record
 * itself (created / updated time, `fromRecord`) that.
 */
export function recordFieldValue(field: FieldDef, record: { createdAt: string; updatedAt: string; values: Readonly<Record<string, CellValue | undefined>> }): CellValue | undefined {
  const fromRecord = fieldTypeOf(field).fromRecord;
  return fromRecord ? fromRecord(record) : record.values[field.id];
}

/** True for a derived list of linked records: an inverse relation (a customer's orders). */
export function isInverseLink(field: FieldDef): boolean {
  return linkedTable(field) !== undefined && fieldTypeOf(field).isDerived(field);
}
