/**
 * Ratings (评分): a whole number of stars from 1 to `options.max` (default 5). Typed, pasted
 * or imported as people write ratings: `4`, `４`, `★★★★`, `★★★★☆`, `4/5`, `4星`, `4 stars`.
 * Stored as the number, so formulas, sums and averages read it as one.
 */
import { defineFieldType, mismatch } from '../define.js';
import type { CoerceResult, ValueIssue } from '../types.js';
import type { CellValue, FieldDef } from '../../schema/types.js';
import { isBlank, toHalfWidth } from '../values.js';

export const DEFAULT_RATING_MAX = 5;

/** The most stars a field allows. */
export function ratingMax(field: FieldDef): number {
  const max = field.options?.max;
  return typeof max === 'number' && Number.isInteger(max) && max >= 1 && max <= 10 ? max : DEFAULT_RATING_MAX;
}

/** The number a rating's text means: stars counted, `n/m` scaled to the field's max, digits read. */
function readRating(text: string, max: number): number | undefined {
  const stars = /^[★☆\s]+$/.test(text) ? [...text].filter((ch) => ch === '★').length : undefined;
  if (stars !== undefined) return stars;
  const fraction = /^(\d+(?:\.\d+)?)\s*\/\s*(\d+)$/.exec(text);
  if (fraction) {
    const [n, d] = [Number(fraction[1]), Number(fraction[2])];
    return d > 0 ? (d === max ? n : Math.round((n / d) * max)) : undefined;
  }
  const plain = /^(\d+(?:\.\d+)?)\s*(?:星|颗星|分|stars?)?$/i.exec(text);
  return plain ? Number(plain[1]) : undefined;
}

function checkRating(value: number, field: FieldDef): ValueIssue | null {
  if (!Number.isInteger(value)) return { key: 'field.integer' };
  if (value < 1) return { key: 'field.min', params: { min: 1 } };
  const max = ratingMax(field);
  return value > max ? { key: 'field.max', params: { max } } : null;
}

export const ratingType = defineFieldType({
  type: 'rating',
  labels: { 'zh-CN': '评分', en: 'Rating' },
  category: 'basic',
  icon: 'M12 3l2.8 5.7 6.2.9-4.5 4.4 1.1 6.2L12 17.3 6.4 20.2l1.1-6.2L3 9.6l6.2-.9z',
  scalar: () => ({ type: 'number', list: false }),
  coerce(raw, field): CoerceResult {
    if (isBlank(raw)) return { ok: true, value: null };
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? readRating(toHalfWidth(raw).trim(), ratingMax(field)) : undefined;
    if (value === undefined || !Number.isFinite(value)) return { ok: false, issue: { key: 'field.number' } };
    // No stars (`☆☆☆☆☆`, `0`) is no rating.
    if (value === 0) return { ok: true, value: null };
    const issue = checkRating(value, field);
    return issue ? { ok: false, issue } : { ok: true, value };
  },
  checkStored: (value, field) => (typeof value === 'number' ? null : mismatch(field, 'number', value)),
  validate: (value: CellValue, field) => (typeof value === 'number' ? checkRating(value, field) : { key: 'field.number' }),
  sortKey: (value) => (typeof value === 'number' ? value : Number.NaN),
  // Stars, then the number, so a screen reader and a spreadsheet both get the value.
  format: (value, field) => (typeof value === 'number' ? `${'★'.repeat(Math.max(0, Math.min(value, ratingMax(field))))}${'☆'.repeat(Math.max(0, ratingMax(field) - value))} ${value}/${ratingMax(field)}` : ''),
  options: [{ key: 'max', kind: 'integer', min: 1, max: 10, default: DEFAULT_RATING_MAX, labels: { 'zh-CN': '最多几颗星', en: 'Most stars' } }],
});
