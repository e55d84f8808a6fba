/**
 * UI strings of the import dialog (`<ltc-import-dialog>`), zh-CN and en, in the shape of
 * `src/i18n/index.ts` (`ti(locale, key, params)` fills `{name}` placeholders; plain text,
 * never HTML). They travel with the designer script, so the main bundle does not carry them.
 */
import type { Locale } from '../core/schema/types.js';

const zh = {
  'import.title': '导入到“{table}”',
  'import.chooseFile': '选择文件',
  'import.dropHint': '把 CSV 或 Excel（.xlsx）文件拖到这里，或按 Enter 选择文件',
  'import.reading': '正在读取文件…',
  'import.analysing': '正在检查 {done} / {total} 行…',
  'import.sheet': '工作表',
  'import.mappingTitle': '列与字段的对应',
  'import.column': '文件中的列',
  'import.field': '导入到字段',
  'import.skipColumn': '不导入',
  'import.sampleValues': '示例值',
  'import.matchBy': '按哪个字段匹配“{table}”的记录',
  'import.unknownChoices': '文件中没有的选项',
  'import.unknownError': '作为错误',
  'import.unknownAdd': '添加为新选项',
  'import.keyField': '查重字段',
  'import.keyNone': '不查重',
  'import.duplicates': '遇到重复',
  'import.dupSkip': '跳过',
  'import.dupUpdate': '更新已有记录',
  'import.dupCreate': '仍然新建',
  'import.next': '下一步',
  'import.back': '上一步',
  'import.cancel': '取消',
  'import.close': '关闭',
  'import.previewTitle': '预览（前 {count} 行，按保存后的样子显示）',
  'import.row': '行',
  'import.summaryCounts': '{ok} 行没有问题，{bad} 行有问题',
  'import.policy': '有问题的行',
  'import.policyGood': '只导入没有问题的行',
  'import.policyAll': '只要有一行有问题就全部不导入',
  'import.start': '开始导入',
  'import.downloadReport': '下载问题报告（CSV）',
  'import.progress': '已导入 {done} / {total}',
  'import.doneTitle': '导入完成',
  'import.cancelledTitle': '导入已取消（已写入的批次保留，可以再次导入同一文件继续）',
  'import.nothingTitle': '有 {count} 行有问题，按您的选择未导入任何数据',
  'import.created': '新建 {count} 条',
  'import.updated': '更新 {count} 条',
  'import.skipped': '跳过 {count} 条',
  'import.failed': '失败 {count} 行',
  'import.moreProblems': '……另有 {count} 处问题，见问题报告',
};

type ImportUiKey = keyof typeof zh;

const en: Record<ImportUiKey, string> = {
  'import.title': 'Import into “{table}”',
  'import.chooseFile': 'Choose file',
  'import.dropHint': 'Drop a CSV or Excel (.xlsx) file here, or press Enter to choose one',
  'import.reading': 'Reading the file…',
  'import.analysing': 'Checking {done} / {total} rows…',
  'import.sheet': 'Sheet',
  'import.mappingTitle': 'Columns and fields',
  'import.column': 'Column in the file',
  'import.field': 'Import into field',
  'import.skipColumn': 'Do not import',
  'import.sampleValues': 'Sample values',
  'import.matchBy': 'Match records of “{table}” by',
  'import.unknownChoices': 'Choices not in the field',
  'import.unknownError': 'Report as errors',
  'import.unknownAdd': 'Add as new options',
  'import.keyField': 'Duplicate key',
  'import.keyNone': 'No duplicate check',
  'import.duplicates': 'On a duplicate',
  'import.dupSkip': 'Skip it',
  'import.dupUpdate': 'Update the existing record',
  'import.dupCreate': 'Create anyway',
  'import.next': 'Next',
  'import.back': 'Back',
  'import.cancel': 'Cancel',
  'import.close': 'Close',
  'import.previewTitle': 'Preview (first {count} rows, as they will be stored)',
  'import.row': 'Row',
  'import.summaryCounts': '{ok} rows OK, {bad} rows with problems',
  'import.policy': 'Rows with problems',
  'import.policyGood': 'Import the good rows only',
  'import.policyAll': 'Import nothing if any row fails',
  'import.start': 'Import',
  'import.downloadReport': 'Download the problem report (CSV)',
  'import.progress': 'Imported {done} / {total}',
  'import.doneTitle': 'Import finished',
  'import.cancelledTitle': 'Import cancelled (the batches written stay; import the same file again to go on)',
  'import.nothingTitle': '{count} rows have problems; as you chose, nothing was imported',
  'import.created': '{count} created',
  'import.updated': '{count} updated',
  'import.skipped': '{count} skipped',
  'import.failed': '{count} rows failed',
  'import.moreProblems': '…and {count} more problems, see the report',
};

const tables: Record<Locale, Record<ImportUiKey, string>> = { 'zh-CN': zh, en };

/** An import dialog string in `locale`, with `{name}` placeholders filled. */
export function ti(locale: Locale, key: ImportUiKey, params?: Record<string, string | number>): string {
  const text = tables[locale][key];
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;
}
