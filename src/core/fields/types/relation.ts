/**
 * Links to records of another table (`options.table`). A single relation stores one record
 * id, a multiple one an array of ids; an inverse relation (`options.inverseOf`) is derived
 * from the other side and never stored. A formula reading one sees a list of linked records.
 */
import { defineFieldType, mismatch, sizeIssue } from '../define.js';
import { isBlank } from '../values.js';

export const relationType = defineFieldType({
  type: 'relation',
  labels: { 'zh-CN': '关联数据', en: 'Linked records' },
  category: 'relation',
  isDerived: (field) => !!field.options?.inverseOf,
  scalar: () => ({ type: 'text', list: true }),
  coerce(raw, field) {
    if (isBlank(raw)) return { ok: true, value: null };
    const ids = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[,，]/).map((s) => s.trim()).filter(Boolean) : undefined;
    if (!ids || ids.some((id) => typeof id !== 'string' || id === '')) return { ok: false, issue: { key: 'field.relation' } };
    if (field.options?.multiple) return { ok: true, value: [...new Set(ids as string[])] };
    if (ids.length !== 1) return { ok: false, issue: { key: 'field.relation' } };
    return { ok: true, value: ids[0] as string };
  },
  checkStored(value, field) {
    if (field.options?.multiple) return Array.isArray(value) ? null : mismatch(field, 'array of record ids', value);
    return typeof value === 'string' ? null : mismatch(field, 'record id', value);
  },
  validate: (value) => sizeIssue(value),
  format(value, field, { recordLabel }) {
    const table = field.options?.table ?? '';
    const ids = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
    return ids.map((id) => recordLabel?.(table, id) ?? id).join(', ');
  },
  options: [
    { key: 'table', kind: 'table', required: true, labels: { 'zh-CN': '关联的表', en: 'Linked table' } },
    { key: 'multiple', kind: 'boolean', labels: { 'zh-CN': '允许关联多条记录', en: 'Allow several records' } },
    { key: 'inverseOf', kind: 'field', panel: false, labels: { 'zh-CN': '反向关联字段', en: 'Inverse of' } },
  ],
});
