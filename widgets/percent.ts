/**
 * Percentages, stored as fractions (80% is 0.8) so formulas multiply them directly.
 * Text typed into the input is a percentage (`80` and `80%` are both 0.8); numbers that
 * arrive already typed (imports, templates) are stored fractions and kept as they are.
 */
import type { WidgetDefinition } from './types.js';
import { numberWidget } from './number.js';
import { checkRange, inputText, isBlank, parseNumber, renderTextInput, toHalfWidth } from './shared.js';

export const percentWidget: WidgetDefinition = {
  ...numberWidget,
  type: 'percent',
  labels: { 'zh-CN': '百分比', en: 'Percent' },
  coerce(raw) {
    if (isBlank(raw)) return { ok: true, value: null };
    // Stored values (numbers from imports, templates) are already fractions.
    if (typeof raw === 'number') return Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false, issue: { key: 'field.number' } };
    if (typeof raw !== 'string') return { ok: false, issue: { key: 'field.number' } };
    const text = toHalfWidth(raw).trim();
    const hasSign = text.endsWith('%');
    const value = parseNumber(hasSign ? text.slice(0, -1) : text);
    if (value === undefined) return { ok: false, issue: { key: 'field.number' } };
    // What a person types into a percent box is a percentage: "80" and "80%" are both 0.8.
    return { ok: true, value: Number((value / 100).toPrecision(15)) };
  },
  validate: (value, field) => checkRange(value, field.options?.min, field.options?.max),
  format(value, field, { locale }) {
    if (typeof value !== 'number') return value === null || value === undefined ? '' : String(value);
    const precision = field.options?.precision;
    return new Intl.NumberFormat(locale, {
      style: 'percent',
      minimumFractionDigits: precision ?? 0,
      maximumFractionDigits: precision ?? 2,
    }).format(value);
  },
  renderInput: (context) =>
    renderTextInput(context, 'text', {
      inputmode: 'decimal',
      suffix: '%',
      // Show the stored fraction as the percentage the user typed (0.8 → 80).
      value: typeof context.value === 'number' ? String(Number((context.value * 100).toPrecision(15))) : inputText(context.value),
    }),
};
export default percentWidget;
