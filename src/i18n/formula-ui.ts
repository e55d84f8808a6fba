/**
 * UI strings of the formula editor, the field editor and field edits (zh-CN and en), in
 * the same shape as `src/i18n/index.ts` (`tf(locale, key, params)` fills `{name}`
 * placeholders; results are plain text, never HTML). Kept apart from the main table so
 * the `<ltc-form>` runtime does not carry the designer's strings.
 *
 * Also the function reference texts (parameter names and one-line descriptions per
 * function, the same words as docs/formulas.md).
 */
import type { Locale } from '../core/schema/types.js';

const zh = {
  'formula.label': '公式',
  'formula.placeholder': '例如 {平均客单价} * {购买频次}',
  'formula.hint': '输入 { 引用字段；Ctrl+空格 显示建议；↑↓ 选择，Enter 或 Tab 插入，Esc 关闭。',
  'formula.suggestions': '建议',
  'formula.noSuggestions': '没有匹配的字段或函数',
  'formula.applySuggestion': '改为 {replacement}',
  'formula.ok': '公式正确',
  'formula.resultType': '结果类型：{type}',
  'formula.preview': '预览',
  'formula.previewRecord': '预览记录',
  'formula.previewResult': '计算结果',
  'formula.previewNone': '没有可预览的记录',
  'formula.previewLoading': '正在读取记录…',
  'formula.previewBlank': '（空）',
  'formula.functions': '函数参考',
  'formula.searchFunctions': '搜索函数',
  'formula.insertFunction': '插入 {name}',
  'formula.noFunctions': '没有匹配的函数',
  'formula.category.logic': '逻辑',
  'formula.category.math': '数学',
  'formula.category.text': '文本',
  'formula.category.date': '日期',
  'fieldEditor.titleNew': '新建字段',
  'fieldEditor.titleEdit': '编辑字段“{name}”',
  'fieldEditor.name': '字段名称',
  'fieldEditor.type': '字段类型',
  'fieldEditor.rules': '校验',
  'fieldEditor.unique': '不允许重复值',
  'fieldEditor.ltvType': 'LTV 客户终身价值（公式预设）',
  'fieldEditor.description': '说明',
  'fieldEditor.required': '必填',
  'fieldEditor.choices': '选项',
  'fieldEditor.choiceName': '选项 {index}',
  'fieldEditor.addChoice': '添加选项',
  'fieldEditor.removeChoice': '删除选项“{name}”',
  'fieldEditor.newChoice': '选项{index}',
  'fieldEditor.currency': '币种',
  'fieldEditor.precision': '小数位数',
  'fieldEditor.relationTable': '关联的表',
  'fieldEditor.relationMultiple': '可关联多条记录',
  'fieldEditor.resultType': '结果显示为',
  'fieldEditor.resultAuto': '自动（{type}）',
  'fieldEditor.resultAutoUnknown': '自动',
  'fieldEditor.save': '保存字段',
  'fieldEditor.cancel': '取消',
  'fieldEditor.saving': '正在保存…',
  'fieldEditor.typeChangeWarning': '更改类型不会删除已保存的值，但旧值可能无法按新类型显示。',
  'ltv.preset': 'LTV 计算方式',
  'ltv.example': '例：{example}',
  'ltv.mapping': '把每个输入对应到字段或表达式',
  'ltv.custom': '自定义表达式…',
  'ltv.customLabel': '“{input}”的表达式',
  'ltv.fieldOption': '字段 {name}',
  'ltv.rollupOption': '汇总 {expression}',
  'ltv.generated': '生成的公式',
  'ltv.editAsFormula': '作为公式继续编辑',
  'ltv.unmapped': '请为“{input}”选择字段或填写表达式',
  'edit.nameRequired': '请填写字段名称',
  'edit.nameTaken': '本表已有名为“{name}”的字段',
  'edit.idTaken': '本表已有 ID 为“{id}”的字段',
  'edit.idInvalid': '字段 ID“{id}”无效（只能用字母、数字、_ 和 -）',
  'edit.unknownTable': '没有数据表“{id}”',
  'edit.unknownField': '数据表中没有字段“{id}”',
  'edit.typeRequired': '请选择字段类型',
  'edit.choiceEmpty': '选项名称不能为空',
  'edit.choiceDuplicate': '选项“{name}”重复',
  'edit.relationTable': '请选择关联的表',
  'edit.formulaEmpty': '请填写公式',
  'edit.breaksFormulas': '这样修改会使以下公式出错：{names}',
  'edit.primaryField': '“{name}”是这张表的主字段，不能删除',
  'edit.inverseField': '“{name}”被“{other}”反向关联，请先删除“{other}”',
  'edit.deleteWarning': '以下公式引用了“{name}”，删除后将显示 #REF!：{names}',
  'edit.stale': '应用定义已在别处被修改（版本 {actual}），请重新打开后再修改。',
  // formula helper
  'formula.placeholderExample': '例如 {example}',
} as const;

/** A key of the formula UI's message table. */
export type FormulaUiKey = keyof typeof zh;

const en: Record<FormulaUiKey, string> = {
  'formula.label': 'Formula',
  'formula.placeholder': 'e.g. {Average order value} * {Purchase frequency}',
  'formula.hint': 'Type { to reference a field; Ctrl+Space shows suggestions; ↑↓ to choose, Enter or Tab to insert, Esc to close.',
  'formula.suggestions': 'Suggestions',
  'formula.noSuggestions': 'No matching field or function',
  'formula.applySuggestion': 'Change to {replacement}',
  'formula.ok': 'The formula is valid',
  'formula.resultType': 'Result type: {type}',
  'formula.preview': 'Preview',
  'formula.previewRecord': 'Preview record',
  'formula.previewResult': 'Result',
  'formula.previewNone': 'No records to preview',
  'formula.previewLoading': 'Reading records…',
  'formula.previewBlank': '(blank)',
  'formula.functions': 'Function reference',
  'formula.searchFunctions': 'Search functions',
  'formula.insertFunction': 'Insert {name}',
  'formula.noFunctions': 'No matching function',
  'formula.category.logic': 'Logic',
  'formula.category.math': 'Math',
  'formula.category.text': 'Text',
  'formula.category.date': 'Dates',
  'fieldEditor.titleNew': 'New field',
  'fieldEditor.titleEdit': 'Edit field "{name}"',
  'fieldEditor.name': 'Field name',
  'fieldEditor.type': 'Field type',
  'fieldEditor.rules': 'Rules',
  'fieldEditor.unique': 'No duplicate values',
  'fieldEditor.ltvType': 'LTV customer lifetime value (formula preset)',
  'fieldEditor.description': 'Description',
  'fieldEditor.required': 'Required',
  'fieldEditor.choices': 'Choices',
  'fieldEditor.choiceName': 'Choice {index}',
  'fieldEditor.addChoice': 'Add choice',
  'fieldEditor.removeChoice': 'Remove choice "{name}"',
  'fieldEditor.newChoice': 'Choice {index}',
  'fieldEditor.currency': 'Currency',
  'fieldEditor.precision': 'Decimal places',
  'fieldEditor.relationTable': 'Linked table',
  'fieldEditor.relationMultiple': 'Link several records',
  'fieldEditor.resultType': 'Show the result as',
  'fieldEditor.resultAuto': 'Automatic ({type})',
  'fieldEditor.resultAutoUnknown': 'Automatic',
  'fieldEditor.save': 'Save field',
  'fieldEditor.cancel': 'Cancel',
  'fieldEditor.saving': 'Saving…',
  'fieldEditor.typeChangeWarning': 'Changing the type keeps stored values, but old values may not display as the new type.',
  'ltv.preset': 'How to compute LTV',
  'ltv.example': 'Example: {example}',
  'ltv.mapping': 'Map each input to a field or an expression',
  'ltv.custom': 'Custom expression…',
  'ltv.customLabel': 'Expression for "{input}"',
  'ltv.fieldOption': 'Field {name}',
  'ltv.rollupOption': 'Rollup {expression}',
  'ltv.generated': 'Generated formula',
  'ltv.editAsFormula': 'Keep editing as a formula',
  'ltv.unmapped': 'Choose a field or type an expression for "{input}"',
  'edit.nameRequired': 'The field needs a name',
  'edit.nameTaken': 'This table already has a field named "{name}"',
  'edit.idTaken': 'This table already has a field with id "{id}"',
  'edit.idInvalid': 'The field id "{id}" is invalid (letters, digits, _ and - only)',
  'edit.unknownTable': 'There is no table "{id}"',
  'edit.unknownField': 'The table has no field "{id}"',
  'edit.typeRequired': 'Choose a field type',
  'edit.choiceEmpty': 'A choice needs a name',
  'edit.choiceDuplicate': 'The choice "{name}" appears twice',
  'edit.relationTable': 'Choose the table to link to',
  'edit.formulaEmpty': 'Type a formula',
  'edit.breaksFormulas': 'This change would break these formulas: {names}',
  'edit.primaryField': '"{name}" is the primary field of this table and cannot be deleted',
  'edit.inverseField': '"{name}" is the other side of "{other}"; delete "{other}" first',
  'edit.deleteWarning': 'These formulas use "{name}" and will show #REF! after deleting it: {names}',
  'edit.stale': 'The app definition was changed elsewhere (now version {actual}); reopen it and try again.',
  // formula helper
  'formula.placeholderExample': 'e.g. {example}',
};

const tables: Record<Locale, Record<FormulaUiKey, string>> = { 'zh-CN': zh, en };

/** Translate a formula-UI key into `locale`, filling `{param}` placeholders. */
export function tf(locale: Locale, key: FormulaUiKey, params?: Record<string, string | number>): string {
  const template = tables[locale]?.[key] ?? tables.en[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** Reference text of one function: parameter names and a one-line description per locale. */
export interface FunctionDoc {
  params: Record<Locale, string>;
  description: Record<Locale, string>;
}
