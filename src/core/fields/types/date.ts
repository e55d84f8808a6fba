/** Calendar dates, stored as `YYYY-MM-DD` (no time zone, so a date never shifts by a day). */
import { defineFieldType, mismatch } from '../define.js';
import { isBlank, isIsoDate, parseDate } from '../values.js';

export const dateType = defineFieldType({
  type: 'date',
  labels: { 'zh-CN': '日期', en: 'Date' },
  category: 'datetime',
  scalar: () => ({ type: 'date', list: false }),
  coerce(raw) {
    if (isBlank(raw)) return { ok: true, value: null };
    const value = parseDate(raw);
    return value ? { ok: true, value } : { ok: false, issue: { key: 'field.date' } };
  },
  checkStored(value, field) {
    if (typeof value !== 'string') return mismatch(field, 'date string', value);
    return isIsoDate(value) ? null : { key: 'schema.dateFormat', params: { actual: String(value).slice(0, 80) } };
  },
  options: [],
});
