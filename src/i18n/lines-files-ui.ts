/**
 * UI strings of the line-items, attachment, image and address widgets (widgets/subtable.ts,
 * widgets/attachment.ts, widgets/address.ts), zh-CN and en, in the shape of src/i18n/index.ts
 * (`tw(locale, key, params)` fills `{name}` placeholders; results are plain text, never HTML).
 * They load with those widgets, so the script-tag bundle does not carry them. The value
 * issues these types report (`field.fileTooLarge` …) are added to the main catalogue with
 * `addMessages` when the widgets register (`LINES_FILES_ISSUES`).
 */
import type { Locale } from '../core/schema/types.js';

const zh = {
  'lines.row': '第 {row} 行',
  'lines.cell': '第 {row} 行 {column}',
  'lines.add': '添加一行',
  'lines.remove': '删除第 {row} 行',
  'lines.actions': '操作',
  'lines.total': '合计',
  'lines.empty': '还没有明细',
  'lines.noColumns': '明细表没有可填写的字段',
  'lines.optTable': '明细表',
  'lines.optBack': '明细表中关联回本表的字段',
  'lines.optNoBack': '明细表中没有关联回本表的关联字段，请先在明细表中添加一个',
  'lines.optColumns': '显示的列',
  'lines.optTotal': '合计的字段',
  'lines.optInto': '合计写入本表字段',
  'lines.optNone': '（不合计）',
  'files.choose': '选择文件',
  'files.chooseImage': '选择图片',
  'files.download': '下载 {name}',
  'files.remove': '移除 {name}',
  'files.saving': '正在保存 {name}…',
  'files.missing': '{name}（文件已不在本机）',
  'files.limits': '每个文件最大 {max} MB',
  'address.province': '省',
  'address.city': '市',
  'address.district': '区/县',
  'address.detail': '详细地址',
  'address.choose': '请选择',
  'address.loading': '正在加载地区…',
  'address.loadFailed': '地区数据加载失败：{message}',
};

export type LinesFilesUiKey = keyof typeof zh;

const en: Record<LinesFilesUiKey, string> = {
  'lines.row': 'Line {row}',
  'lines.cell': 'Line {row}, {column}',
  'lines.add': 'Add a line',
  'lines.remove': 'Remove line {row}',
  'lines.actions': 'Actions',
  'lines.total': 'Total',
  'lines.empty': 'No lines yet',
  'lines.noColumns': 'The line table has no fields to fill in',
  'lines.optTable': 'Line table',
  'lines.optBack': 'Link back from the line table',
  'lines.optNoBack': 'The line table has no relation field linking back to this table; add one there first',
  'lines.optColumns': 'Columns',
  'lines.optTotal': 'Field to total',
  'lines.optInto': 'Write the total into',
  'lines.optNone': '(no total)',
  'files.choose': 'Choose files',
  'files.chooseImage': 'Choose images',
  'files.download': 'Download {name}',
  'files.remove': 'Remove {name}',
  'files.saving': 'Saving {name}…',
  'files.missing': '{name} (the file is no longer on this device)',
  'files.limits': 'At most {max} MB per file',
  'address.province': 'Province',
  'address.city': 'City',
  'address.district': 'District',
  'address.detail': 'Street address',
  'address.choose': 'Choose',
  'address.loading': 'Loading regions…',
  'address.loadFailed': 'Could not load the regions: {message}',
};

const tables: Record<Locale, Record<LinesFilesUiKey, string>> = { 'zh-CN': zh, en };

/** Translate a widget string, filling `{param}` placeholders. */
export function tw(locale: Locale, key: LinesFilesUiKey, params?: Record<string, string | number>): string {
  const template = tables[locale]?.[key] ?? en[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole));
}

/** The value issues of attachments and addresses, for the main catalogue (`addMessages`) and CSV import. */
export const LINES_FILES_ISSUES = {
  'zh-CN': {
    'field.fileTooLarge': '“{name}”：文件“{file}”太大（{size} MB），每个文件最大 {max} MB',
    'field.filesTooLarge': '“{name}”：文件合计 {size} MB，超过每条记录 {max} MB 的上限',
    'field.fileType': '“{name}”：文件“{file}”不是图片',
    'field.attachment': '“{name}”的附件无效',
    'field.storageFull': '“{name}”：本机存储空间已满，文件“{file}”没有保存',
    'field.address': '“{name}”不是有效的地址（省/市/区 详细地址）',
  },
  en: {
    'field.fileTooLarge': '"{name}": the file "{file}" is too large ({size} MB); each file can be at most {max} MB',
    'field.filesTooLarge': '"{name}": the files come to {size} MB, over the limit of {max} MB per record',
    'field.fileType': '"{name}": the file "{file}" is not an image',
    'field.attachment': '"{name}" has an attachment that is not valid',
    'field.storageFull': '"{name}": this device’s storage is full, so the file "{file}" was not saved',
    'field.address': '"{name}" is not a valid address (province/city/district, then the street)',
  },
} as const;
