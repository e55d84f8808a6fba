/**
 * Created time / updated time (创建时间 / 更新时间): read-only date-times taken from the
 * record itself (`createdAt`, `updatedAt`, which the store keeps), never stored in its
 * values. They format in the viewer's locale and zone like `datetime`, sort and filter as
 * date-times, and a spreadsheet column of them is skipped on import like any derived field.
 */
import { defineFieldType } from '../define.js';
import type { FieldTypeDef } from '../types.js';

function timestampType(type: 'createdTime' | 'updatedTime', labels: FieldTypeDef['labels'], fromRecord: FieldTypeDef['fromRecord']): FieldTypeDef {
  return defineFieldType({
    type,
    labels,
    category: 'datetime',
    icon: type === 'createdTime' ? 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm1 4v5l4 2-1 1.7-5-2.7V7z' : 'M12 3a9 9 0 0 1 8.5 6H18l3 4 3-4h-1.5A11 11 0 1 0 12 23v-2a9 9 0 0 1 0-18zm-1 4h2v5l3.5 2-1 1.7L11 13z',
    isDerived: () => true,
    scalar: () => ({ type: 'date', list: false }),
    // The store writes these; typed or imported text never replaces them.
    coerce: () => ({ ok: true, value: null }),
    checkStored: (_value, field) => ({ key: 'schema.derivedStored', params: { field: field.name, kind: type } }),
    // As `datetime` (src/core/fields/types/datetime.ts, which the designer script does not share).
    sortKey: (value) => (typeof value === 'string' ? Date.parse(value) : Number.NaN),
    format(value, _field, { locale }) {
      if (typeof value !== 'string') return '';
      const date = new Date(value);
      return Number.isNaN(date.getTime()) ? value : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
    },
    fromRecord,
    options: [],
  });
}

export const createdTimeType = timestampType('createdTime', { 'zh-CN': '创建时间', en: 'Created time' }, (record) => record.createdAt);
export const updatedTimeType = timestampType('updatedTime', { 'zh-CN': '更新时间', en: 'Updated time' }, (record) => record.updatedAt);
