/** Date and time, stored as an ISO 8601 UTC timestamp and shown in the viewer's time zone. */
import type { WidgetDefinition } from './types.js';
import { compareValues, isBlank, parseDateTime, renderTextInput } from './shared.js';

/** `YYYY-MM-DDTHH:mm` in local time, the value format of `<input type="datetime-local">`. */
function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export const datetimeWidget: WidgetDefinition = {
  type: 'datetime',
  labels: { 'zh-CN': '日期时间', en: 'Date and time' },
  category: 'datetime',
  isEditable: () => true,
  coerce(raw) {
    if (isBlank(raw)) return { ok: true, value: null };
    const value = parseDateTime(raw);
    return value ? { ok: true, value } : { ok: false, issue: { key: 'field.datetime' } };
  },
  format(value, _field, { locale }) {
    if (typeof value !== 'string') return '';
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? value : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  },
  compare: compareValues,
  renderInput: (context) => {
    const value = context.value;
    // A stored value is a UTC ISO string; a draft is what the input itself produced.
    const shown = typeof value === 'string' && /Z$|[+-]\d\d:\d\d$/.test(value) ? toLocalInput(value) : typeof value === 'string' ? value : '';
    return renderTextInput(context, 'datetime-local', { value: shown });
  },
};
export default datetimeWidget;
