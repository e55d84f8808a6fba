/**
 * `defineFieldType`: a complete FieldTypeDef from the members a type cares about, with the
 * defaults of a stored text value. The built-in types and a site owner's own use it.
 */
import type { CellValue, FieldDef } from '../schema/types.js';
import type { FieldTypeDef, ValueIssue } from './types.js';
import { cellText, isBlank, MAX_LIST_LENGTH, MAX_TEXT_LENGTH, textCollator } from './values.js';

export type FieldTypeInput = Pick<FieldTypeDef, 'type' | 'labels' | 'category'> & Partial<Omit<FieldTypeDef, 'type' | 'labels' | 'category'>>;

/** `{ key: 'schema.valueType' }`: a stored value of the wrong JSON kind. */
export function mismatch(field: FieldDef, expected: string, value: unknown): ValueIssue {
  const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return { key: 'schema.valueType', params: { type: field.type, expected, actual } };
}

/** The size limit every value obeys (docs/field-types.md "Limits"). */
export function sizeIssue(value: CellValue): ValueIssue | null {
  if (typeof value === 'string' && value.length > MAX_TEXT_LENGTH) return { key: 'field.tooLong', params: { max: MAX_TEXT_LENGTH } };
  if (Array.isArray(value) && value.length > MAX_LIST_LENGTH) return { key: 'field.tooMany', params: { max: MAX_LIST_LENGTH } };
  return null;
}

/** Fill in the defaults of a stored text value. */
export function defineFieldType(input: FieldTypeInput): FieldTypeDef {
  return {
    isDerived: () => false,
    scalar: () => ({ type: 'text', list: false }),
    coerce(raw) {
      if (isBlank(raw)) return { ok: true, value: null };
      if (typeof raw === 'string') return { ok: true, value: raw.trim() };
      if (typeof raw === 'number' || typeof raw === 'boolean') return { ok: true, value: String(raw) };
      return { ok: false, issue: { key: 'field.text' } };
    },
    checkStored: (value, field) => (typeof value === 'string' ? null : mismatch(field, 'string', value)),
    validate: () => null,
    isEmpty: (value) => isBlank(value),
    sortKey: (value) => (typeof value === 'number' ? value : cellText(value)),
    format: (value) => cellText(value),
    options: [],
    ...input,
  };
}

export { textCollator };
