/** Money amounts: a decimal input with the currency symbol beside it (facts: src/core/fields/types/money.ts). */
import type { WidgetDefinition } from './types.js';
import { renderTextInput } from './shared.js';

/** Currency symbol shown beside the input. */
function symbolOf(currency: string, locale: string): string {
  try {
    const part = new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(0).find((p) => p.type === 'currency');
    return part?.value ?? currency;
  } catch {
    return currency;
  }
}

export const moneyWidget: WidgetDefinition = {
  type: 'money',
  align: 'end',
  renderInput: (context) =>
    renderTextInput(context, 'text', { inputmode: 'decimal', suffix: symbolOf(context.field.options?.currency ?? 'CNY', context.locale) }),
};
export default moneyWidget;
