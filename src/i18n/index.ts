/**
 * UI strings in Simplified Chinese and English, and locale resolution.
 *
 * Keys describe meaning, not place (`field.required`, `stage.silent`). Messages may hold
 * `{name}` placeholders filled from params; the result is plain text, always rendered as
 * text (never as HTML). Core modules (formula, schema) carry their own message tables so
 * that src/core stays independent of this UI layer.
 */
import type { Locale, LocalizedLabels } from '../core/schema/types.js';
import { FIELD_ISSUE_MESSAGES } from '../core/fields/messages.js';

export type { Locale };

/** Every locale the UI ships with, in the order the switcher shows them. */
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

const zh = {
  ...FIELD_ISSUE_MESSAGES['zh-CN'],
  'app.loading': '正在加载…',
  'app.cloning': '正在根据模板创建应用…',
  'app.error': '出错了',
  'app.tables': '数据表',
  'app.language': '语言',
  'app.export': '导出',
  'app.import': '导入',
  'app.exported': '已导出 {count} 条记录',
  'app.imported': '已导入 {count} 条记录',
  'app.importConfirm': '导入会用文件中的应用替换当前应用“{name}”及其全部数据。继续吗？',
  'app.importFailed': '导入失败：{message}',
  'app.noTemplate': '未找到模板“{id}”。可用模板：{available}',
  'app.templateInvalid': '模板无效：{details}',
  'app.templateFetchFailed': '无法加载模板 {url}：{message}',
  'app.remoteChange': '其他窗口修改了数据，已刷新',
  'table.records': '共 {count} 条记录',
  'table.range': '第 {from}–{to} 条，共 {count} 条',
  'table.empty': '暂无记录',
  'table.add': '新增记录',
  'table.edit': '编辑',
  'table.delete': '删除',
  'table.actions': '操作',
  'table.prev': '上一页',
  'table.next': '下一页',
  'table.sortBy': '按“{name}”排序',
  'table.deleteConfirm': '确定删除这条记录吗？此操作无法撤销。',
  'table.deleted': '已删除记录',
  'table.loading': '正在加载记录…',
  'table.computing': '正在计算公式…',
  'table.addField': '添加字段',
  'table.editField': '编辑字段“{name}”',
  'form.titleNew': '新增{table}',
  'form.titleEdit': '编辑{table}',
  'form.save': '保存',
  'form.cancel': '取消',
  'form.saved': '已保存',
  'form.fixErrors': '请修正标出的 {count} 处错误',
  'form.readonly': '自动计算',
  'form.stale': '这条记录已在别处被修改（版本 {actual}），你的修改基于版本 {expected}。请重新打开后再修改。',
  'form.none': '（无）',
  'form.more': '等另外 {count} 条',
  'form.selectPlaceholder': '请选择',
  'field.unique': '“{name}”的值“{value}”已存在',
  'bool.true': '是',
  'bool.false': '否',
  'widget.text': '单行文本',
  'widget.textarea': '多行文本',
  'widget.number': '数字',
  'widget.money': '金额',
  'widget.percent': '百分比',
  'widget.date': '日期',
  'widget.datetime': '日期时间',
  'widget.select': '单选',
  'widget.multiselect': '多选',
  'widget.checkbox': '复选框',
  'widget.phone': '手机',
  'widget.email': '邮箱',
  'widget.relation': '关联数据',
  'widget.formula': '公式',
  'error.store.stale': '数据已在别处被修改，请刷新后重试。',
  'error.store.notFound': '这条记录已不存在（可能已在其他窗口中删除）。',
  'error.store.unknownApp': '应用已不存在（可能已在其他窗口中删除）。',
  'error.store.closed': '数据库连接已关闭，请刷新页面。',
  'error.store.open': '无法打开浏览器存储（可能处于隐私模式或存储被禁用），数据无法保存。',
  'error.store.newerVersion': '数据由更新版本的 ltc-kit 写入，请刷新页面加载新版本。',
  'error.store.migration': '升级本地数据库失败，数据保持原样未被改动。请联系网站管理员。',
  'error.designer': '无法加载字段编辑器：{message}',
  'error.store.quota': '浏览器存储空间已满，未保存任何更改。请导出数据并清理空间。',
  'error.generic': '操作失败：{message}',
  // store
  'error.store.aborted': '替换应用已取消，应用保持原样未被改动。',
  'error.store.incompleteReplace': '替换应用未完成（可能被其他窗口打断），应用保持原样未被改动，请重试。',
  'error.store.duplicateId': '已存在相同编号的记录，本次更改未保存。',
  'error.store.failed': '浏览器未能保存此更改，未写入任何内容。请重试。',
  // fields helper
  'field.storedProblem': '“{name}”中已保存的值有问题（{reason}），本次保存未改动它；请在方便时修正。',
  'field.optionInvalid': '字段设置“{option}”无效：{reason}',
  'field.definitionStale': '字段“{name}”在您编辑期间已在其他窗口或标签页中被修改（应用现为版本 {actual}），您的更改未保存，也未覆盖对方的修改。请关闭后重新打开此字段再修改。',
  'record.tableUnknown': '表“{table}”不存在',
  'record.unknownField': '表中没有字段“{field}”',
  // elements helper
  'app.importFailedTitle': '无法导入该文件',
  'app.importSummary': '文件中有 {count} 处问题，未做任何更改。前几处：',
  'app.importMore': '……另有 {count} 处问题',
  'app.importTooLarge': '文件“{name}”有 {size} MB，超过导入上限 {limit} MB，未读取。',
  'app.close': '关闭',
  'app.viewSettings': '视图设置',
  'app.exportFailed': '导出失败：{message}',
  'table.truncated': '（内容过长，仅显示前 {count} 个字符）',
  // start with your own data
  'app.clearSamples': '清除示例数据',
  'app.clearSamplesConfirm': '删除“{name}”中模板自带的全部示例记录？您自己添加的记录会保留。删除后可以撤销。',
  'app.samplesCleared': '已删除 {count} 条示例记录',
  'app.restored': '已恢复 {count} 条记录',
  'app.undo': '撤销',
  'app.startTitle': '新建工作区',
  'app.startHelp': '可以带着模板的示例数据开始试用，也可以从空白表格开始，导入或录入自己的数据。',
  'app.startWithSamples': '包含示例数据',
  'app.startEmpty': '从空白开始',
  // conditions helper
  'table.search': '搜索',
  'table.filter': '筛选',
  'table.filterClear': '清除筛选',
  // bulk delete and CSV export
  'table.exportCsv': '导出 CSV',
  'table.csvExported': '已导出 {count} 条记录（CSV）',
  'table.deleteAll': '全部删除',
  'table.deleteShown': '删除这 {count} 条',
  // CSV and Excel import (the dialog's own strings are in src/i18n/import-ui.ts)
  'table.import': '导入',
  'import.stale': '导入期间应用的结构在别处被修改了，未导入任何数据。请关闭后重新导入。',
  // The grid of <ltc-table> (virtual rows, inline editing, copy and paste, selection, views).
  'grid.selected': '已选 {count} 条',
  'grid.selectAll': '选择全部筛选结果',
  'grid.selectRow': '选择“{name}”',
  'grid.open': '打开“{name}”',
  'grid.readOnly': '“{name}”是计算字段，不能编辑',
  'grid.resize': '调整“{name}”列宽（左右方向键）',
  'grid.copied': '已复制 {count} 个单元格',
  'grid.bulkEdit': '批量修改',
  'grid.blank': '（空）',
  'grid.sum': '{name}合计 {sum}',
  // The workspace's automation screen (the rule editor, loaded with the designer).
  'app.automation': '自动化',
  // The workspace's form designer (<ltc-designer>, loaded with the designer).
  'app.forms': '表单设计',
  // The workspace's dashboards screen (<ltc-dashboard>, loaded with the designer).
  'app.dashboards': '仪表盘',
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  ...FIELD_ISSUE_MESSAGES.en,
  'app.loading': 'Loading…',
  'app.cloning': 'Creating the app from its template…',
  'app.error': 'Something went wrong',
  'app.tables': 'Tables',
  'app.language': 'Language',
  'app.export': 'Export',
  'app.import': 'Import',
  'app.exported': 'Exported {count} records',
  'app.imported': 'Imported {count} records',
  'app.importConfirm': 'Importing replaces the current app "{name}" and all of its data with the file. Continue?',
  'app.importFailed': 'Import failed: {message}',
  'app.noTemplate': 'No template "{id}". Available templates: {available}',
  'app.templateInvalid': 'The template is invalid: {details}',
  'app.templateFetchFailed': 'Could not load the template {url}: {message}',
  'app.remoteChange': 'Data was changed in another window and has been refreshed',
  'table.records': '{count} records',
  'table.range': '{from}–{to} of {count}',
  'table.empty': 'No records yet',
  'table.add': 'New record',
  'table.edit': 'Edit',
  'table.delete': 'Delete',
  'table.actions': 'Actions',
  'table.prev': 'Previous page',
  'table.next': 'Next page',
  'table.sortBy': 'Sort by "{name}"',
  'table.deleteConfirm': 'Delete this record? This cannot be undone.',
  'table.deleted': 'Record deleted',
  'table.loading': 'Loading records…',
  'table.computing': 'Computing formulas…',
  'table.addField': 'Add field',
  'table.editField': 'Edit field "{name}"',
  'form.titleNew': 'New {table}',
  'form.titleEdit': 'Edit {table}',
  'form.save': 'Save',
  'form.cancel': 'Cancel',
  'form.saved': 'Saved',
  'form.fixErrors': 'Please fix the {count} marked problem(s)',
  'form.readonly': 'Calculated',
  'form.stale':
    'This record was changed elsewhere (now version {actual}); your edit was based on version {expected}. Reopen it and apply your change again.',
  'form.none': '(none)',
  'form.more': 'and {count} more',
  'form.selectPlaceholder': 'Choose…',
  'field.unique': '"{name}" already has a record with "{value}"',
  'bool.true': 'Yes',
  'bool.false': 'No',
  'widget.text': 'Text',
  'widget.textarea': 'Long text',
  'widget.number': 'Number',
  'widget.money': 'Money',
  'widget.percent': 'Percent',
  'widget.date': 'Date',
  'widget.datetime': 'Date and time',
  'widget.select': 'Single select',
  'widget.multiselect': 'Multiple select',
  'widget.checkbox': 'Checkbox',
  'widget.phone': 'Phone',
  'widget.email': 'Email',
  'widget.relation': 'Linked records',
  'widget.formula': 'Formula',
  'error.store.stale': 'The data was changed elsewhere; reload and try again.',
  'error.store.notFound': 'This record no longer exists (it may have been deleted in another window).',
  'error.store.unknownApp': 'This app no longer exists (it may have been deleted in another window).',
  'error.store.closed': 'The database connection was closed; reload the page.',
  'error.store.open': 'The browser storage cannot be opened (private mode or storage disabled); nothing can be saved.',
  'error.store.newerVersion': 'The data was written by a newer ltc-kit; reload the page to get it.',
  'error.store.migration': 'Upgrading the local database failed; the data was left exactly as it was. Contact the site owner.',
  'error.designer': 'The field editor could not be loaded: {message}',
  'error.store.quota': 'The browser storage is full; nothing was saved. Export your data and free some space.',
  'error.generic': 'The action failed: {message}',
  // store
  'error.store.aborted': 'Replacing the app was cancelled; the app was left exactly as it was.',
  'error.store.incompleteReplace': 'Replacing the app did not finish (another window may have interrupted it); the app was left exactly as it was. Try again.',
  'error.store.duplicateId': 'A record with the same id already exists; this change was not saved.',
  'error.store.failed': 'The browser could not save this change; nothing of it was written. Try again.',
  // fields helper
  'field.storedProblem': 'The stored value of "{name}" has a problem ({reason}); this save left it unchanged. Fix it when you can.',
  'field.optionInvalid': 'The field setting "{option}" is invalid: {reason}',
  'field.definitionStale': 'The field "{name}" was changed in another window or tab while you were editing it (the app is now at version {actual}). Your changes were not saved, and theirs were not overwritten. Close and reopen the field to edit it again.',
  'record.tableUnknown': 'There is no table "{table}"',
  'record.unknownField': 'The table has no field "{field}"',
  // elements helper
  'app.importFailedTitle': 'This file cannot be imported',
  'app.importSummary': 'The file has {count} problems; nothing was changed. The first ones:',
  'app.importMore': '…and {count} more',
  'app.importTooLarge': 'The file "{name}" is {size} MB, over the import limit of {limit} MB; it was not read.',
  'app.close': 'Close',
  'app.viewSettings': 'View settings',
  'app.exportFailed': 'Export failed: {message}',
  'table.truncated': '(too long: only the first {count} characters are shown)',
  // start with your own data
  'app.clearSamples': 'Clear sample data',
  'app.clearSamplesConfirm': 'Delete every sample record the template brought into “{name}”? Records you added yourself stay. You can undo this.',
  'app.samplesCleared': 'Deleted {count} sample records',
  'app.restored': 'Restored {count} records',
  'app.undo': 'Undo',
  'app.startTitle': 'New workspace',
  'app.startHelp': 'Start with the template’s sample data to try things out, or start with empty tables and bring in your own data.',
  'app.startWithSamples': 'With sample data',
  'app.startEmpty': 'Start empty',
  // conditions helper
  'table.search': 'Search',
  'table.filter': 'Filter',
  'table.filterClear': 'Clear filter',
  // bulk delete and CSV export
  'table.exportCsv': 'Export CSV',
  'table.csvExported': 'Exported {count} records (CSV)',
  'table.deleteAll': 'Delete all',
  'table.deleteShown': 'Delete these {count}',
  // CSV and Excel import (the dialog's own strings are in src/i18n/import-ui.ts)
  'table.import': 'Import',
  'import.stale': 'The app was changed elsewhere while you were importing; nothing was imported. Close and import again.',
  // The grid of <ltc-table> (virtual rows, inline editing, copy and paste, selection, views).
  'grid.selected': '{count} selected',
  'grid.selectAll': 'Select all filtered records',
  'grid.selectRow': 'Select "{name}"',
  'grid.open': 'Open "{name}"',
  'grid.readOnly': '"{name}" is computed and cannot be edited',
  'grid.resize': 'Resize column "{name}" (left and right arrow keys)',
  'grid.copied': 'Copied {count} cells',
  'grid.bulkEdit': 'Edit field',
  'grid.blank': '(blank)',
  'grid.sum': '{name} total {sum}',
  // The workspace's automation screen (the rule editor, loaded with the designer).
  'app.automation': 'Automation',
  // The workspace's form designer (<ltc-designer>, loaded with the designer).
  'app.forms': 'Forms',
  // The workspace's dashboards screen (<ltc-dashboard>, loaded with the designer).
  'app.dashboards': 'Dashboards',
};

const tables: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zh, en };

// Messages of field types that load later (widgets/extra.ts: attachments, addresses), so their
// value issues read like the built-in ones wherever record writes report them.
const added: Record<Locale, Record<string, string>> = { 'zh-CN': {}, en: {} };

/** Add messages (both locales) for keys the catalogue does not have; existing keys are kept. */
export function addMessages(messages: Readonly<Record<Locale, Readonly<Record<string, string>>>>): void {
  for (const locale of LOCALES) for (const [key, text] of Object.entries(messages[locale])) if (!Object.prototype.hasOwnProperty.call(zh, key)) added[locale][key] = text;
}

/** Message parameters; values are turned into text. */
export type MessageParams = Record<string, string | number>;

/** Translate `key` into `locale`, filling `{param}` placeholders. */
export function t(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = tables[locale]?.[key] ?? tables.en[key] ?? added[locale]?.[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** True when `key` is a known message key. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zh, key) || Object.prototype.hasOwnProperty.call(added['zh-CN'], key);
}

/**
 * Pick the UI locale from an explicit `lang` value, falling back to the page's language and
 * then the browser's: any `zh*` means Simplified Chinese, everything else English.
 */
export function resolveLocale(...candidates: Array<string | null | undefined>): Locale {
  for (const candidate of candidates) {
    if (!candidate) continue;
    const lower = candidate.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

/** The label of a named entity in `locale`: its translation, else its name. */
export function labelOf(entity: { name: string; labels?: LocalizedLabels }, locale: Locale): string {
  return entity.labels?.[locale] || entity.name;
}

/** Format a number for display in `locale` (grouping, fixed decimals). */
export function formatNumber(value: number, locale: Locale, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale, options).format(value);
}

/**
 * What to tell the user about a failure, in their language: a translated message for the
 * errors we know by code (storage full, changed elsewhere, …), else the error's own message.
 */
export function errorMessage(error: unknown, locale: Locale): string {
  const code = (error as { code?: unknown } | null)?.code;
  const key = typeof code === 'string' ? `error.${code}` : '';
  if (isMessageKey(key)) return t(locale, key);
  const message = error instanceof Error ? error.message : String(error);
  return t(locale, 'error.generic', { message });
}
