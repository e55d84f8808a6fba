/** Calendar dates, stored as `YYYY-MM-DD` (no time zone, so a date never shifts by a day). */
import type { WidgetDefinition } from './types.js';
import { compareValues, isBlank, parseDate, renderTextInput } from './shared.js';

export const dateWidget: WidgetDefinition = {
  type: 'date',
  labels: { 'zh-CN': '日期', en: 'Date' },
  category: 'datetime',
  isEditable: () => true,
  coerce(raw) {
    if (isBlank(raw)) return { ok: true, value: null };
    const value = parseDate(raw);
    return value ? { ok: true, value } : { ok: false, issue: { key: 'field.date' } };
  },
  format: (value) => (value === null || value === undefined ? '' : String(value)),
  compare: compareValues,
  renderInput: (context) => renderTextInput(context, 'date', { value: typeof context.value === 'string' ? context.value : '' }),
};
export default dateWidget;
