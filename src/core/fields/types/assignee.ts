/**
 * Owner / assignee (负责人): one staff member, a record of a staff table (`options.table`).
 * Stored like a single relation (the staff record's id), so formulas, filters and the
 * relation picker treat it as one; shown by the staff member's name.
 */
import { defineFieldType, mismatch } from '../define.js';
import type { CoerceResult } from '../types.js';
import { isBlank } from '../values.js';

export const assigneeType = defineFieldType({
  type: 'assignee',
  labels: { 'zh-CN': '负责人', en: 'Assignee' },
  category: 'relation',
  icon: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-8 8c0-3.3 3.6-6 8-6s8 2.7 8 6z',
  scalar: () => ({ type: 'text', list: true }),
  coerce(raw): CoerceResult {
    if (isBlank(raw)) return { ok: true, value: null };
    const id = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
    return typeof id === 'string' && id.trim() !== '' ? { ok: true, value: id.trim() } : { ok: false, issue: { key: 'field.relation' } };
  },
  checkStored: (value, field) => (typeof value === 'string' ? null : mismatch(field, 'record id', value)),
  format(value, field, { recordLabel }) {
    if (typeof value !== 'string') return '';
    return recordLabel?.(field.options?.table ?? '', value) ?? value;
  },
  options: [{ key: 'table', kind: 'table', required: true, labels: { 'zh-CN': '员工表', en: 'Staff table' } }],
});
