/**
 * Guessing a column's field from its values when its header names none: a column whose
 * sample values all read as one specific type (choices of a field, e-mail addresses, phone
 * numbers, dates, yes/no, amounts) goes to the first unused field of that type. Free text
 * matches every text field, so it is never guessed.
 */
import { fieldTypeOf } from '../../core/fields/index.js';
import type { FieldDef } from '../../core/schema/types.js';

/** Most specific first: a column of `是/否` also reads as text, a phone column as numbers. */
const ORDER = ['select', 'multiselect', 'email', 'phone', 'datetime', 'date', 'checkbox', 'percent', 'money', 'number'];

/** The field the values of one column fit, among `free` (unused, writable) fields. */
export function guessFieldByValues(values: readonly string[], free: readonly FieldDef[]): FieldDef | undefined {
  const present = values.map((v) => v.trim()).filter((v) => v !== '');
  if (present.length === 0) return undefined;
  for (const type of ORDER) {
    for (const field of free) {
      if (field.type !== type) continue;
      const def = fieldTypeOf(field);
      if (present.every((v) => def.coerce(v, field, 'csv').ok)) return field;
    }
  }
  return undefined;
}
