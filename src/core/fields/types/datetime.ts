/** Date and time, stored as an ISO 8601 timestamp with zone and shown in the viewer's time zone. */
import { defineFieldType, mismatch } from '../define.js';
import { isBlank, isIsoDateTime, parseDateTime } from '../values.js';

export const datetimeType = defineFieldType({
  type: 'datetime',
  labels: { 'zh-CN': '日期时间', en: 'Date and time' },
  category: 'datetime',
  scalar: () => ({ type: 'date', list: false }),
  coerce(raw) {
    if (isBlank(raw)) return { ok: true, value: null };
    const value = parseDateTime(raw);
    return value ? { ok: true, value } : { ok: false, issue: { key: 'field.datetime' } };
  },
  checkStored(value, field) {
    if (typeof value !== 'string') return mismatch(field, 'datetime string', value);
    return isIsoDateTime(value) ? null : { key: 'schema.datetimeFormat', params: { actual: String(value).slice(0, 80) } };
  },
  // ISO timestamps in UTC sort correctly as numbers of milliseconds, whatever their zone.
  sortKey: (value) => (typeof value === 'string' ? Date.parse(value) : Number.NaN),
  format(value, _field, { locale }) {
    if (typeof value !== 'string') return '';
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? value : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  },
  options: [],
});
