/**
 * Phone numbers. A Chinese mobile number (11 digits starting 13–19) is checked strictly;
 * other numbers (landlines with area codes, +country codes) need 5–15 digits and only
 * digits, spaces, dashes and parentheses. Stored trimmed, as typed.
 */
import type { WidgetDefinition } from './types.js';
import { compareValues, isBlank, renderTextInput, toHalfWidth } from './shared.js';

export function isValidPhone(text: string): boolean {
  if (!/^\+?[\d\s\-()]+$/.test(text)) return false;
  const digits = text.replace(/\D/g, '');
  if (/^1\d{10}$/.test(digits) && !text.startsWith('+')) return /^1[3-9]\d{9}$/.test(digits);
  return digits.length >= 5 && digits.length <= 15;
}

export const phoneWidget: WidgetDefinition = {
  type: 'phone',
  labels: { 'zh-CN': '手机', en: 'Phone' },
  category: 'basic',
  isEditable: () => true,
  coerce(raw) {
    if (isBlank(raw)) return { ok: true, value: null };
    const text = toHalfWidth(String(raw)).trim();
    return isValidPhone(text) ? { ok: true, value: text } : { ok: false, issue: { key: 'field.phone' } };
  },
  format: (value) => (value === null || value === undefined ? '' : String(value)),
  compare: compareValues,
  renderInput: (context) => renderTextInput(context, 'tel', { inputmode: 'tel', autocomplete: 'tel' }),
};
export default phoneWidget;
