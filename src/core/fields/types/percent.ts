/**
 * Percentages, stored as fractions (80% is 0.8) so formulas multiply them directly. Input
 * and messages are in the unit the user sees: typing `80` or `80%` into the form stores 0.8,
 * and a `max` of 1 reads "at most 100%". A CSV cell is `35%` or the fraction `0.35`; JSON
 * numbers are stored fractions.
 */
import { defineFieldType } from '../define.js';
import type { OptionSpec } from '../types.js';
import { isBlank, parseNumber, toHalfWidth } from '../values.js';
import { checkRange, numberType, PRECISION_OPTION } from './number.js';

/** A fraction as the percentage people read: 1 → `100%`, 0.125 → `12.5%`. */
export function percentText(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(12))}%`;
}

const PERCENT_RANGE: readonly OptionSpec[] = [
  { key: 'min', kind: 'number', labels: { 'zh-CN': '最小值（1 = 100%）', en: 'Minimum (1 = 100%)' } },
  { key: 'max', kind: 'number', labels: { 'zh-CN': '最大值（1 = 100%）', en: 'Maximum (1 = 100%)' } },
];

export const percentType = defineFieldType({
  ...numberType,
  type: 'percent',
  labels: { 'zh-CN': '百分比', en: 'Percent' },
  scalar: () => ({ type: 'percent', list: false }),
  coerce(raw, _field, source = 'input') {
    if (isBlank(raw)) return { ok: true, value: null };
    // Numbers (imports, templates, API calls) are already fractions.
    if (typeof raw === 'number') return Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false, issue: { key: 'field.number' } };
    if (typeof raw !== 'string') return { ok: false, issue: { key: 'field.number' } };
    const text = toHalfWidth(raw).trim();
    const hasSign = /[%％]$/.test(text);
    const value = parseNumber(hasSign ? text.slice(0, -1) : text);
    if (value === undefined) return { ok: false, issue: { key: 'field.number' } };
    // Typed into the % box, "80" means 80%; in a CSV or JSON file a bare number is the fraction.
    // Only a division by 100 is rounded (to 15 digits, so 35% is 0.35, not 0.35000000000000003);
    // a bare fraction is kept to the last digit, so an exported value reads back exactly.
    if (!hasSign && source !== 'input') return { ok: true, value };
    return { ok: true, value: Number((value / 100).toPrecision(15)) };
  },
  validate: (value, field) => checkRange(value, field, percentText),
  format(value, field, { locale }) {
    if (typeof value !== 'number') return value === null || value === undefined ? '' : String(value);
    const precision = field.options?.precision;
    return new Intl.NumberFormat(locale, {
      style: 'percent',
      minimumFractionDigits: precision ?? 0,
      maximumFractionDigits: precision ?? 2,
    }).format(value);
  },
  options: [PRECISION_OPTION, ...PERCENT_RANGE],
});
