/** Plain numbers, with optional precision (display only) and min/max. */
import type { WidgetDefinition } from './types.js';
import { checkRange, coerceNumber, compareValues, renderTextInput } from './shared.js';

export const numberWidget: WidgetDefinition = {
  type: 'number',
  labels: { 'zh-CN': '数字', en: 'Number' },
  category: 'basic',
  align: 'end',
  isEditable: () => true,
  coerce: (raw) => coerceNumber(raw),
  validate: (value, field) => checkRange(value, field.options?.min, field.options?.max),
  format(value, field, { locale }) {
    if (typeof value !== 'number') return value === null || value === undefined ? '' : String(value);
    const precision = field.options?.precision;
    return new Intl.NumberFormat(locale, precision === undefined ? { maximumFractionDigits: 10 } : { minimumFractionDigits: precision, maximumFractionDigits: precision }).format(value);
  },
  compare: compareValues,
  renderInput: (context) => renderTextInput(context, 'text', { inputmode: 'decimal' }),
};
export default numberWidget;
