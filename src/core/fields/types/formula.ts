/**
 * Formula fields: values the formula engine computes, never stored. `options.resultType`
 * says what the result is; its plain text borrows that type's format (numbers with at most
 * 2 decimals unless `precision` is set), and spreadsheet errors (`#DIV/0!`) show as their code.
 */
import { defineFieldType } from '../define.js';
import type { CellValue, FieldDef, FormulaResultType } from '../../schema/types.js';
import type { FormatContext, ScalarType } from '../types.js';
import { checkboxType } from './checkbox.js';
import { moneyType } from './money.js';
import { numberType, PRECISION_OPTION } from './number.js';
import { percentType } from './percent.js';

export const FORMULA_RESULT_TYPES: readonly FormulaResultType[] = ['number', 'money', 'percent', 'text', 'date', 'boolean'];

/** An error value from formula evaluation (anything with a spreadsheet error `code`). */
export function formulaErrorCode(value: unknown): string | undefined {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const code = (value as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('#')) return code;
  }
  return undefined;
}

const NUMERIC_FORMATS = { number: numberType, money: moneyType, percent: percentType } as const;

/** The plain text of a formula result. */
export function formatFormulaResult(value: unknown, field: FieldDef, context: FormatContext): string {
  const error = formulaErrorCode(value);
  if (error) return error;
  if (value === null || value === undefined || value === '') return '';
  const resultType = field.options?.resultType ?? (typeof value === 'number' ? 'number' : 'text');
  if (resultType === 'boolean' || typeof value === 'boolean') return checkboxType.format(value as CellValue, field, context);
  if (typeof value === 'number' && resultType !== 'text' && resultType !== 'date') return NUMERIC_FORMATS[resultType].format(value, field, context);
  if (typeof value === 'number') return numberType.format(value, field, context);
  if (resultType === 'date' && typeof value === 'string') return value.slice(0, 10);
  return Array.isArray(value) ? value.join(', ') : String(value);
}

export const formulaType = defineFieldType({
  type: 'formula',
  labels: { 'zh-CN': '公式', en: 'Formula' },
  category: 'computed',
  isDerived: () => true,
  scalar: (field) => ({ type: (field.options?.resultType ?? 'any') as ScalarType, list: false }),
  // Formula values are never typed or imported: whatever comes in is dropped and recomputed.
  coerce: () => ({ ok: true, value: null }),
  checkStored: (_value, field) => ({ key: 'schema.derivedStored', params: { field: field.name, kind: 'formula' } }),
  // Errors sort after every value (blanks are the caller's business).
  sortKey: (value) => {
    const error = formulaErrorCode(value);
    if (error) return `\uffff${error}`;
    return typeof value === 'number' ? value : Array.isArray(value) ? value.join(', ') : String(value);
  },
  format: (value, field, context) => formatFormulaResult(value, field, context),
  options: [
    { key: 'formula', kind: 'formula', required: true, labels: { 'zh-CN': '公式', en: 'Formula' } },
    {
      key: 'resultType',
      kind: 'enum',
      values: FORMULA_RESULT_TYPES,
      // Drawn beside the formula editor (it knows the inferred type), not as a row of its own.
      panel: false,
      labels: { 'zh-CN': '结果类型', en: 'Result type' },
    },
    { ...PRECISION_OPTION, panel: false },
    { key: 'logic', kind: 'json', panel: false, labels: { 'zh-CN': '编译后的 JSON Logic', en: 'Compiled JSON Logic' } },
    { key: 'deps', kind: 'json', panel: false, labels: { 'zh-CN': '依赖字段', en: 'Dependencies' } },
  ],
});
