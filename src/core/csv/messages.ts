/**
 * The messages of CSV import, in zh-CN and en: the field-type issue keys a CSV cell can raise
 * (`field.number`, `field.choice` …, from the one table in src/core/fields/messages.ts, which
 * the UI's catalogue uses too) and the `csv.*` codes of this module. Every message says what is wrong; the row and column are put in front of it
 * by `cellMessage`.
 */
import type { Locale } from '../schema/types.js';
import { FIELD_ISSUE_MESSAGES } from '../fields/messages.js';

type Catalogue = Record<string, string>;

const ZH: Catalogue = {
  ...FIELD_ISSUE_MESSAGES['zh-CN'],
  'csv.empty': '文件是空的：没有表头行，也没有数据',
  'csv.noRows': '文件只有表头行，没有数据',
  'csv.quotes': '引号不配对：{reason}',
  'csv.tooManyCells': '这一行有 {actual} 个单元格，表头只有 {expected} 列',
  'csv.tooFewCells': '这一行只有 {actual} 个单元格，表头有 {expected} 列',
  'csv.unknownField': '列映射到了不存在的字段“{field}”',
  'csv.derivedField': '“{name}”是计算得出的字段（公式或反向关联），不能导入',
  'csv.duplicateField': '“{name}”已由“{other}”列导入，一个字段只能对应一列',
  'csv.requiredColumnMissing': '必填字段“{name}”没有对应的列',
  'csv.relationUnresolved': '“{name}”找不到记录“{value}”',
  'csv.relationAmbiguous': '“{name}”的“{value}”对应了多条记录',
  'csv.excelSerialFictional': '“{name}”：Excel 日期序号 60 是不存在的 1900-02-29（Excel 的闰年错误）',
  'csv.excelSerialRange': '“{name}”：{value} 不是有效的 Excel 日期序号',
  'csv.cell': '第 {row} 行“{column}”列：{reason}',
  'csv.row': '第 {row} 行：{reason}',
  'csv.header': '表头“{column}”列：{reason}',
  'csv.file': '{reason}',
  'csv.xlsxUnreadable': '无法读取这个 Excel 文件（只支持 .xlsx）',
  'csv.unreadable': '无法读取这个文件',
};

const EN: Catalogue = {
  ...FIELD_ISSUE_MESSAGES.en,
  'csv.empty': 'The file is empty: no header row and no data',
  'csv.noRows': 'The file has a header row but no data',
  'csv.quotes': 'Unbalanced quotes: {reason}',
  'csv.tooManyCells': 'This row has {actual} cells but the header has {expected} columns',
  'csv.tooFewCells': 'This row has only {actual} cells but the header has {expected} columns',
  'csv.unknownField': 'The column is mapped to a field that does not exist: "{field}"',
  'csv.derivedField': '"{name}" is computed (a formula or an inverse link) and cannot be imported',
  'csv.duplicateField': '"{name}" is already imported from the column "{other}"; a field takes one column',
  'csv.requiredColumnMissing': 'The required field "{name}" has no column',
  'csv.relationUnresolved': '"{name}": no record found for "{value}"',
  'csv.relationAmbiguous': '"{name}": "{value}" matches more than one record',
  'csv.excelSerialFictional': '"{name}": Excel date serial 60 is the fictional 1900-02-29 (Excel\'s leap-year bug)',
  'csv.excelSerialRange': '"{name}": {value} is not a valid Excel date serial',
  'csv.cell': 'Row {row}, column "{column}": {reason}',
  'csv.row': 'Row {row}: {reason}',
  'csv.header': 'Header, column "{column}": {reason}',
  'csv.file': '{reason}',
  'csv.xlsxUnreadable': 'This Excel file cannot be read (only .xlsx is supported)',
  'csv.unreadable': 'This file cannot be read',
};

const CATALOGUES: Record<Locale, Catalogue> = { 'zh-CN': ZH, en: EN };

/** The keys this table translates (field-type issue keys and `csv.*` codes). */
export const CSV_MESSAGE_KEYS: readonly string[] = Object.keys(EN);

/**
 * A message in a locale with `{param}` placeholders filled in. An unknown key (a site owner's
 * field type raising its own issue key) reads as the key and its parameters, never as nothing.
 */
export function csvMessage(key: string, params: Record<string, string | number> = {}, locale: Locale = 'en'): string {
  const template = CATALOGUES[locale]?.[key] ?? CATALOGUES.en[key];
  if (template === undefined) {
    const extra = Object.entries(params)
      .filter(([name]) => name !== 'name')
      .map(([name, value]) => `${name}=${value}`)
      .join(', ');
    return `"${params.name ?? ''}": ${key}${extra ? ` (${extra})` : ''}`;
  }
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
