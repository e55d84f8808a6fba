/**
 * Plain numbers, with `precision` (digits shown; values are not rounded) and `min`/`max`.
 * Without `precision` at most 2 decimals are shown: 2601.2126241135 reads as 2,601.21.
 */
import { defineFieldType, mismatch } from '../define.js';
import type { CoerceResult, OptionSpec, ValueIssue } from '../types.js';
import type { CellValue, FieldDef, Locale } from '../../schema/types.js';
import { isBlank, parseNumber } from '../values.js';

/** Decimals shown for a number without `precision`. */
export const DEFAULT_MAX_DECIMALS = 2;

export const PRECISION_OPTION: OptionSpec = {
  key: 'precision',
  kind: 'integer',
  min: 0,
  max: 10,
  labels: { 'zh-CN': '小数位数', en: 'Decimal places' },
};

export const RANGE_OPTIONS: readonly OptionSpec[] = [
  { key: 'min', kind: 'number', labels: { 'zh-CN': '最小值', en: 'Minimum' } },
  { key: 'max', kind: 'number', labels: { 'zh-CN': '最大值', en: 'Maximum' } },
];

/** Blank → null, otherwise a finite number or a `field.number` issue. */
export function coerceNumber(raw: unknown): CoerceResult {
  if (isBlank(raw)) return { ok: true, value: null };
  const value = parseNumber(raw);
  return value === undefined ? { ok: false, issue: { key: 'field.number' } } : { ok: true, value };
}

/** `min`/`max`; `show` writes a bound in the unit the user sees (100% for a percent's 1). */
export function checkRange(value: CellValue, field: FieldDef, show: (n: number) => string | number = (n) => n): ValueIssue | null {
  if (typeof value !== 'number') return { key: 'field.number' };
  const { min, max } = field.options ?? {};
  if (min !== undefined && value < min) return { key: 'field.min', params: { min: show(min) } };
  if (max !== undefined && value > max) return { key: 'field.max', params: { max: show(max) } };
  return null;
}

/** Digits after the point: exactly `precision` when set, else up to `fallbackMax`. */
export function fractionDigits(field: FieldDef, fallbackMin: number, fallbackMax: number): Intl.NumberFormatOptions {
  const precision = field.options?.precision;
  return precision === undefined
    ? { minimumFractionDigits: fallbackMin, maximumFractionDigits: Math.max(fallbackMin, fallbackMax) }
    : { minimumFractionDigits: precision, maximumFractionDigits: precision };
}

export function formatNumberValue(value: CellValue, field: FieldDef, locale: Locale): string {
  if (typeof value !== 'number') return value === null || value === undefined ? '' : String(value);
  return new Intl.NumberFormat(locale, fractionDigits(field, 0, DEFAULT_MAX_DECIMALS)).format(value);
}

export const numberType = defineFieldType({
  type: 'number',
  labels: { 'zh-CN': '数字', en: 'Number' },
  category: 'basic',
  scalar: () => ({ type: 'number', list: false }),
  coerce: (raw) => coerceNumber(raw),
  checkStored: (value, field) => (typeof value === 'number' ? null : mismatch(field, 'number', value)),
  validate: (value, field) => checkRange(value, field),
  sortKey: (value) => (typeof value === 'number' ? value : Number.NaN),
  format: (value, field, { locale }) => formatNumberValue(value, field, locale),
  options: [PRECISION_OPTION, ...RANGE_OPTIONS],
});
