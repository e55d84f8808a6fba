/**
 * Options schemas: each field type lists the `options` keys it reads as OptionSpecs. One list
 * serves two readers — the validator (template load, import, app edits) checks options
 * against it, and the field editor draws the property panel from it.
 */
import type { FieldDef, FieldOptions } from '../schema/types.js';
import type { FieldTypeDef, OptionSpec } from './types.js';

/** One options problem: the key, a schema issue code and its parameters. */
export interface OptionProblem {
  key: string;
  code: 'schema.required' | 'schema.choicesMissing' | 'schema.relationTableMissing' | 'schema.formulaMissing' | 'schema.range' | 'schema.enum' | 'schema.type';
  params: Record<string, string | number>;
}

function enumValues(spec: OptionSpec): string[] {
  return (spec.values ?? []).map((v) => (typeof v === 'string' ? v : v.value));
}

/** The code for a missing required key (the built-in kinds have their own, clearer ones). */
function missingCode(spec: OptionSpec): OptionProblem['code'] {
  if (spec.kind === 'choices') return 'schema.choicesMissing';
  if (spec.kind === 'table') return 'schema.relationTableMissing';
  if (spec.kind === 'formula') return 'schema.formulaMissing';
  return 'schema.required';
}

/**
 * Check a field's options against its type's OptionSpecs: required keys present (a
 * `choices` list not empty), numbers within `min`/`max` (integers for `integer`), `enum`
 * values among `values`, kinds right for number / integer / boolean / text / enum keys.
 * The shapes of the shared keys (choices, table ids …) are the schema validator's job.
 */
export function checkOptionSpecs(type: FieldTypeDef, field: Pick<FieldDef, 'type' | 'options'>): OptionProblem[] {
  const problems: OptionProblem[] = [];
  const options: FieldOptions = field.options ?? {};
  for (const spec of type.options) {
    const has = Object.prototype.hasOwnProperty.call(options, spec.key) && options[spec.key] !== undefined;
    const value: unknown = has ? options[spec.key] : undefined;
    if (!has || (spec.kind === 'choices' && Array.isArray(value) && value.length === 0)) {
      if (spec.required) problems.push({ key: spec.key, code: missingCode(spec), params: { key: spec.key, type: field.type } });
      continue;
    }
    switch (spec.kind) {
      case 'number':
      case 'integer':
        if (typeof value !== 'number' || !Number.isFinite(value)) problems.push({ key: spec.key, code: 'schema.type', params: { expected: 'number', actual: typeof value } });
        else if ((spec.kind === 'integer' && !Number.isInteger(value)) || (spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
          const range = `${spec.kind === 'integer' ? 'an integer ' : 'a number '}from ${spec.min ?? '−∞'} to ${spec.max ?? '∞'}`;
          problems.push({ key: spec.key, code: 'schema.range', params: { constraint: range } });
        }
        break;
      case 'boolean':
        if (typeof value !== 'boolean') problems.push({ key: spec.key, code: 'schema.type', params: { expected: 'boolean', actual: typeof value } });
        break;
      case 'text':
        if (typeof value !== 'string') problems.push({ key: spec.key, code: 'schema.type', params: { expected: 'string', actual: typeof value } });
        break;
      case 'enum': {
        const allowed = enumValues(spec);
        if (!spec.open && allowed.length > 0 && !allowed.includes(value as string)) {
          problems.push({ key: spec.key, code: 'schema.enum', params: { actual: String(value).slice(0, 80), allowed: allowed.join(', ') } });
        }
        break;
      }
      default:
        break;
    }
    const constraint = spec.check?.(value);
    if (constraint) problems.push({ key: spec.key, code: 'schema.range', params: { constraint } });
  }
  return problems;
}
