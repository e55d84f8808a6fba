/** Money amounts: a number in the field's currency (default CNY, two decimals). */
import type { WidgetDefinition } from './types.js';
import { numberWidget } from './number.js';
import { renderTextInput } from './shared.js';

/** Currency symbol shown beside the input. */
function symbolOf(currency: string, locale: string): string {
  const part = new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(0).find((p) => p.type === 'currency');
  return part?.value ?? currency;
}

export const moneyWidget: WidgetDefinition = {
  ...numberWidget,
  type: 'money',
  labels: { 'zh-CN': '金额', en: 'Money' },
  format(value, field, { locale }) {
    if (typeof value !== 'number') return value === null || value === undefined ? '' : String(value);
    const precision = field.options?.precision ?? 2;
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: field.options?.currency ?? 'CNY',
      minimumFractionDigits: precision,
      maximumFractionDigits: precision,
    }).format(value);
  },
  renderInput: (context) =>
    renderTextInput(context, 'text', { inputmode: 'decimal', suffix: symbolOf(context.field.options?.currency ?? 'CNY', context.locale) }),
};
export default moneyWidget;
