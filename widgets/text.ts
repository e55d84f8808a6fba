/** Single-line text. */
import type { WidgetDefinition } from './types.js';
import { compareValues, isBlank, renderTextInput } from './shared.js';

export const textWidget: WidgetDefinition = {
  type: 'text',
  labels: { 'zh-CN': '单行文本', en: 'Text' },
  category: 'basic',
  isEditable: () => true,
  coerce(raw) {
    if (isBlank(raw)) return { ok: true, value: null };
    if (typeof raw === 'string') return { ok: true, value: raw.trim() };
    if (typeof raw === 'number' || typeof raw === 'boolean') return { ok: true, value: String(raw) };
    return { ok: false, issue: { key: 'field.text' } };
  },
  validate(value, field) {
    const max = field.options?.maxLength;
    if (max !== undefined && typeof value === 'string' && [...value].length > max) return { key: 'field.maxLength', params: { max } };
    return null;
  },
  format: (value) => (value === null || value === undefined ? '' : String(value)),
  compare: compareValues,
  renderInput: (context) => renderTextInput(context, 'text'),
};
export default textWidget;
