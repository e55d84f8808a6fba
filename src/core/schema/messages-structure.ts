/**
 * Messages of the structural schema issues (keys, ids, tables, relations, records, JSON
 * syntax), in English and Simplified Chinese. Only the validators of templates and export
 * files report them, so they load with those validators (src/validation.ts) rather than with
 * the script-tag bundle. `schemaIssueMessage` knows every code: these and ./messages.ts's.
 */
import type { JsonSyntaxReason } from './json-syntax.js';
import type { Locale } from './types.js';
import { fillIssueTemplate, issueMessage, isIssueCode, type IssueCode, type IssueParams } from './messages.js';
import { RULE_MESSAGES } from '../rules/messages.js';
import { isFormIssueCode, type FormIssueCode } from '../forms/messages.js';
import { DASHBOARD_MESSAGES, type DashboardIssueCode } from '../dashboards/messages.js';

const STRUCTURE_MESSAGES = {
  // Problems of automation rules (AppDef.rules), found by checkRule in src/core/rules.
  ...RULE_MESSAGES,
  // Lifecycle stage fields and the app's time zone (src/core/fields/types/stage.ts).
  'schema.stageSource': {
    en: '"{field}" is not an inverse relation field of table "{table}" (such as a customer’s orders), so a stage cannot count its records.',
    'zh-CN': '“{field}”不是表“{table}”的反向关联字段（例如客户的订单），生命周期阶段无法统计其记录。',
  },
  'schema.stageDateField': {
    en: '"{field}" is not a date field of table "{table}".',
    'zh-CN': '“{field}”不是表“{table}”的日期字段。',
  },
  'schema.stageCountField': {
    en: 'The count condition reads "{field}", which is not a field of table "{table}".',
    'zh-CN': '计入条件读取的“{field}”不是表“{table}”的字段。',
  },
  'schema.stageThresholds': {
    en: 'The churned days ({churned}) must be more than the silent days ({silent}).',
    'zh-CN': '流失天数（{churned}）必须大于沉默天数（{silent}）。',
  },
  'schema.timeZone': {
    en: '"{actual}" is not a time zone this browser knows (an IANA name such as Asia/Shanghai).',
    'zh-CN': '“{actual}”不是可识别的时区（应为 IANA 名称，例如 Asia/Shanghai）。',
  },
  // Fitted prediction models (AppDef.clvFits, src/core/lifecycle/fit-summary.ts).
  'schema.clvFit': {
    en: 'This stored prediction model is not valid: {detail}.',
    'zh-CN': '存储的预测模型无效：{detail}。',
  },
  'json.syntax': {
    en: 'The file is not valid JSON: {detail} at line {line}, column {column} (offset {offset}).',
    'zh-CN': '文件不是有效的 JSON：第 {line} 行第 {column} 列（偏移 {offset}）{detail}。',
  },
  'schema.invalidInput': {
    en: 'The input could not be read: it is not plain JSON data.',
    'zh-CN': '无法读取输入：它不是普通的 JSON 数据。',
  },
  'schema.empty': {
    en: 'Must not be empty.',
    'zh-CN': '不能为空。',
  },
  'schema.unknownKey': {
    en: 'Unknown key "{key}" (kept as is, but ltc-kit does not use it).',
    'zh-CN': '未知的键“{key}”（已原样保留，但 ltc-kit 不会使用它）。',
  },
  'schema.forbiddenKey': {
    en: 'The key "{key}" is not allowed (it could alter object prototypes).',
    'zh-CN': '不允许使用键“{key}”（它可能篡改对象原型）。',
  },
  'schema.tooDeep': {
    en: 'Nested more than {max} levels deep.',
    'zh-CN': '嵌套层级超过 {max} 层。',
  },
  'schema.tooManyIssues': {
    en: 'More than {max} problems found; the rest are not listed.',
    'zh-CN': '发现的问题超过 {max} 个，其余问题未列出。',
  },
  'schema.constant': {
    en: 'Expected {expected}, found {actual}.',
    'zh-CN': '应为 {expected}，实际为 {actual}。',
  },
  'schema.formatVersion': {
    en: 'Format version {actual} is not supported (this version of ltc-kit reads version {expected}).',
    'zh-CN': '不支持格式版本 {actual}（当前版本的 ltc-kit 只能读取版本 {expected}）。',
  },
  'schema.pattern': {
    en: '"{actual}" is not a valid {what}.',
    'zh-CN': '“{actual}”不是有效的{what}。',
  },
  'schema.idSyntax': {
    en: '"{id}" is not a valid id: use 1–128 letters, digits, "_" or "-", starting with a letter or digit.',
    'zh-CN': '“{id}”不是有效的 ID：只能使用 1–128 个字母、数字、“_”或“-”，并以字母或数字开头。',
  },
  'schema.duplicateId': {
    en: 'Duplicate id "{id}" (first used at {first}).',
    'zh-CN': 'ID“{id}”重复（首次出现在 {first}）。',
  },
  'schema.duplicateName': {
    en: 'Duplicate name "{name}" (first used at {first}).',
    'zh-CN': '名称“{name}”重复（首次出现在 {first}）。',
  },
  'schema.nameChars': {
    en: 'The name "{name}" must not contain "{" or "}" (formulas refer to fields by name in braces).',
    'zh-CN': '名称“{name}”不能包含“{”或“}”（公式以 {名称} 的形式引用字段）。',
  },
  'schema.primaryFieldMissing': {
    en: 'The primary field "{id}" is not a field of this table.',
    'zh-CN': '主字段“{id}”不是本表的字段。',
  },
  'schema.fieldType': {
    en: 'Unknown field type "{type}". Register a widget for it and pass it in knownFieldTypes.',
    'zh-CN': '未知的字段类型“{type}”。请先注册对应的控件，并在 knownFieldTypes 中声明。',
  },
  'schema.relationTableUnknown': {
    en: 'The relation points to table "{table}", which does not exist.',
    'zh-CN': '关联指向的表“{table}”不存在。',
  },
  'schema.inverseFieldUnknown': {
    en: 'inverseOf names field "{field}", which is not a field of table "{table}".',
    'zh-CN': 'inverseOf 指定的字段“{field}”不在表“{table}”中。',
  },
  'schema.inverseTarget': {
    en: 'Field "{field}" of table "{table}" is not a stored relation field, so it cannot be the other side of this inverse.',
    'zh-CN': '表“{table}”的字段“{field}”不是存储型关联字段，不能作为此反向关联的另一端。',
  },
  'schema.inverseNotPointingBack': {
    en: 'Field "{field}" of table "{table}" links to table "{target}", not back to table "{own}".',
    'zh-CN': '表“{table}”的字段“{field}”关联到表“{target}”，而不是关联回表“{own}”。',
  },
  'schema.tableUnknown': {
    en: 'There is no table with id "{table}".',
    'zh-CN': '不存在 ID 为“{table}”的表。',
  },
  // Sub-table (line items) fields: the total and where it goes must be numbers (src/core/fields/types/subtable.ts).
  'schema.subtableFieldType': {
    en: 'Field "{field}" of table "{table}" is not a number or money field, so it cannot hold a total.',
    'zh-CN': '表“{table}”的字段“{field}”不是数字或金额字段，不能用于合计。',
  },
  'schema.fieldUnknown': {
    en: 'Table "{table}" has no field with id "{field}".',
    'zh-CN': '表“{table}”中没有 ID 为“{field}”的字段。',
  },
  'schema.recordUnknown': {
    en: 'Table "{table}" has no record with id "{id}".',
    'zh-CN': '表“{table}”中没有 ID 为“{id}”的记录。',
  },
  'schema.requiredValue': {
    en: 'Field "{field}" is required but has no value.',
    'zh-CN': '字段“{field}”为必填项，但没有值。',
  },
  // Saved views of a table (TableDef.views; docs/views.md).
  'schema.viewColumnDuplicate': {
    en: 'Field "{field}" already has a column in this view (at {first}).',
    'zh-CN': '字段“{field}”在此视图中已有一列（位于 {first}）。',
  },
  'schema.viewWidth': {
    en: 'A column width must be a whole number of pixels from {min} to {max}.',
    'zh-CN': '列宽必须是 {min} 到 {max} 之间的整数像素。',
  },
  'schema.viewFrozen': {
    en: 'The number of frozen columns must be a whole number from 0 to {max}.',
    'zh-CN': '冻结列数必须是 0 到 {max} 之间的整数。',
  },
  'schema.viewSortField': {
    en: 'Field "{field}" holds a list of values and cannot be sorted by.',
    'zh-CN': '字段“{field}”的值是列表，不能按它排序。',
  },
  'schema.viewSortDuplicate': {
    en: 'The view already sorts by field "{field}" (at {first}).',
    'zh-CN': '此视图已按字段“{field}”排序（位于 {first}）。',
  },
  'schema.viewGroupField': {
    en: 'Records cannot be grouped by field "{field}": group by a choice, checkbox, single relation, date or text formula field.',
    'zh-CN': '不能按字段“{field}”分组：请按单选、复选框、单个关联、日期或文本公式字段分组。',
  },
  'schema.viewGroupPeriod': {
    en: 'A period ("by") only applies to date fields; field "{field}" is not one.',
    'zh-CN': '分组周期（by）只适用于日期字段，字段“{field}”不是日期字段。',
  },
  'schema.viewSumField': {
    en: 'Field "{field}" is not a number, money or percent field, so it cannot be summed.',
    'zh-CN': '字段“{field}”不是数字、金额或百分比字段，不能求和。',
  },
  'schema.viewFilterUnreadable': {
    en: 'The filter is not a condition the filter builder can read for this table: it may name a field the table does not have, use an operator the field does not offer, or lack a value.',
    'zh-CN': '筛选条件无法读取为本表的条件：它可能引用了本表没有的字段、使用了该字段不支持的运算，或缺少值。',
  },
  'schema.tableIdMismatch': {
    en: 'The record says it belongs to table "{actual}" but is listed under table "{expected}".',
    'zh-CN': '该记录声明属于表“{actual}”，却列在表“{expected}”之下。',
  },
} as const satisfies Record<string, Record<Locale, string>>;

/**
 * The structural issue codes. Form-definition codes (src/core/forms/messages.ts) and dashboard
 * codes (src/core/dashboards/messages.ts) are among them but keep their texts beside their
 * validators, which the script-tag bundle does not carry: a spread at module level is kept by
 * the bundler.
 */
export type StructureIssueCode = keyof typeof STRUCTURE_MESSAGES | FormIssueCode | DashboardIssueCode;

const own = (code: string): code is keyof typeof STRUCTURE_MESSAGES | DashboardIssueCode =>
  Object.prototype.hasOwnProperty.call(STRUCTURE_MESSAGES, code) || Object.prototype.hasOwnProperty.call(DASHBOARD_MESSAGES, code);

/** The text of any schema issue in the given locale (unknown codes fall back to the code). */
export function schemaIssueMessage(code: IssueCode, params: IssueParams = {}, locale: Locale = 'en'): string {
  if (!own(code)) return issueMessage(code, params, locale);
  const entry: Record<Locale, string> = code in DASHBOARD_MESSAGES ? DASHBOARD_MESSAGES[code as DashboardIssueCode] : STRUCTURE_MESSAGES[code as keyof typeof STRUCTURE_MESSAGES];
  return fillIssueTemplate(entry[locale] ?? entry.en, params, locale);
}

/** Whether `code` is any known schema issue code. */
export function isSchemaIssueCode(code: string): code is IssueCode {
  return own(code) || isIssueCode(code) || isFormIssueCode(code);
}

/** The `{detail}` of `json.syntax`, per reason of `findJsonSyntaxError`. */
const JSON_DETAILS: Record<JsonSyntaxReason | 'unreadable', Record<Locale, string>> = {
  expectedValue: { en: 'expected a value', 'zh-CN': '处缺少值' },
  expectedKey: { en: 'expected a property name in double quotes', 'zh-CN': '处应为带双引号的属性名' },
  expectedColon: { en: 'expected ":" after the property name', 'zh-CN': '处属性名之后应为“:”' },
  expectedCommaOrEnd: { en: 'expected "," or a closing bracket', 'zh-CN': '处应为“,”或右括号' },
  unterminatedString: { en: 'a string is not closed', 'zh-CN': '处的字符串没有结束引号' },
  badEscape: { en: 'invalid escape sequence', 'zh-CN': '处的转义序列无效' },
  controlChar: { en: 'unescaped control character in a string', 'zh-CN': '处的字符串中有未转义的控制字符' },
  trailing: { en: 'unexpected text after the end of the JSON value', 'zh-CN': '处在 JSON 值结束后还有多余内容' },
  unreadable: { en: 'the text could not be parsed', 'zh-CN': '处无法解析' },
};

/**
 * The `{detail}` text of a JSON syntax error: what was expected, and the character found
 * (or "end of text").
 */
export function jsonSyntaxDetail(reason: JsonSyntaxReason | 'unreadable', found: string | undefined, locale: Locale = 'en'): string {
  const what = JSON_DETAILS[reason][locale];
  // An unclosed string is reported at its opening quote: naming that quote adds nothing.
  if (reason === 'unreadable' || reason === 'unterminatedString') return what;
  if (found === undefined) return locale === 'zh-CN' ? `${what}（文本已结束）` : `${what}, found the end of the text`;
  const shown = JSON.stringify(found);
  return locale === 'zh-CN' ? `${what}（实际为 ${shown}）` : `${what}, found ${shown}`;
}

