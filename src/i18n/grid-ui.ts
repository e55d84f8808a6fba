/**
 * UI strings of the table's actions that load with the designer script — paste, bulk edit and
 * the field dialog (src/elements/grid/) — zh-CN and en, in the shape of `src/i18n/index.ts`
 * (`tg(locale, key, params)` fills `{name}` placeholders; results are plain text, never HTML).
 * Kept here so the script-tag bundle does not carry them.
 */
import type { Locale } from '../core/schema/types.js';

const zh = {
  'table.fieldTitleNew': '添加字段',
  'table.fieldTitleEdit': '编辑字段',
  'table.deleteField': '删除字段',
  'table.deleteFieldConfirm': '确定删除字段“{name}”吗？记录中已填写的值会保留在导出文件中，但不再显示。',
  'table.fieldSaved': '字段已保存',
  'table.fieldDeleted': '字段已删除',
  'table.discardField': '字段的修改尚未保存，确定要放弃吗？',
  'grid.pasted': '已粘贴到 {count} 条记录',
  'grid.pasteProblem': '第 {row} 行“{column}”：{reason}',
  'grid.pasteRefused': '粘贴未写入，{count} 个单元格有问题：{details}',
  'grid.bulkEditTitle': '批量修改 {count} 条记录',
  'grid.bulkField': '字段',
  'grid.bulkApply': '修改 {count} 条',
  'grid.bulkEdited': '已修改 {count} 条记录',
  'grid.bulkStale': '{count} 条记录已在别处修改，未改动',
  'table.bulkDeleteConfirm': '删除“{table}”中的 {count} 条记录？删除后可以撤销。',
  'table.bulkDeleted': '已删除 {count} 条记录',
};

export type GridUiKey = keyof typeof zh;

const en: Record<GridUiKey, string> = {
  'table.fieldTitleNew': 'Add a field',
  'table.fieldTitleEdit': 'Edit field',
  'table.deleteField': 'Delete field',
  'table.deleteFieldConfirm': 'Delete the field "{name}"? Values already typed stay in exports but are no longer shown.',
  'table.fieldSaved': 'Field saved',
  'table.fieldDeleted': 'Field deleted',
  'table.discardField': 'Your changes to this field are not saved. Discard them?',
  'grid.pasted': 'Pasted into {count} records',
  'grid.pasteProblem': 'row {row}, "{column}": {reason}',
  'grid.pasteRefused': 'Nothing was pasted: {count} cells have problems: {details}',
  'grid.bulkEditTitle': 'Change {count} records',
  'grid.bulkField': 'Field',
  'grid.bulkApply': 'Change {count}',
  'grid.bulkEdited': 'Changed {count} records',
  'grid.bulkStale': '{count} records were changed elsewhere and left as they were',
  'table.bulkDeleteConfirm': 'Delete {count} records of “{table}”? You can undo this.',
  'table.bulkDeleted': 'Deleted {count} records',
};

const tables: Record<Locale, Record<GridUiKey, string>> = { 'zh-CN': zh, en };

/** Translate a grid action string into `locale`, filling `{param}` placeholders. */
export function tg(locale: Locale, key: GridUiKey, params?: Record<string, string | number>): string {
  const template = tables[locale]?.[key] ?? tables.en[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}
