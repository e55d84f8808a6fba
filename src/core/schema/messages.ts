/**
 * Messages for schema validation issues, in English and Simplified Chinese.
 *
 * Every issue the validators report has a stable `code` (tests and UIs key on it); the
 * human-readable text is produced here from one table keyed by that code, so adding a locale
 * means adding one column, and the validators never build sentences themselves. Core keeps
 * its own table (rather than using src/i18n) so that src/core stays free of the UI layer.
 */
import type { JsonSyntaxReason } from './json-syntax.js';
import type { Locale } from './types.js';

/** Parameters interpolated into a message as `{name}`. */
export type IssueParams = Readonly<Record<string, string | number>>;

/** Message templates per issue code. `{x}` is replaced by `params.x`. */
const MESSAGES = {
  'json.syntax': {
    en: 'The file is not valid JSON: {detail} at line {line}, column {column} (offset {offset}).',
    'zh-CN': '文件不是有效的 JSON：第 {line} 行第 {column} 列（偏移 {offset}）{detail}。',
  },
  'schema.invalidInput': {
    en: 'The input could not be read: it is not plain JSON data.',
    'zh-CN': '无法读取输入：它不是普通的 JSON 数据。',
  },
  'schema.type': {
    en: 'Expected {expected}, found {actual}.',
    'zh-CN': '应为{expected}，实际为{actual}。',
  },
  'schema.required': {
    en: 'Required key "{key}" is missing.',
    'zh-CN': '缺少必填项“{key}”。',
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
  'schema.enum': {
    en: '"{actual}" is not one of: {allowed}.',
    'zh-CN': '“{actual}”不是允许的值之一：{allowed}。',
  },
  'schema.pattern': {
    en: '"{actual}" is not a valid {what}.',
    'zh-CN': '“{actual}”不是有效的{what}。',
  },
  'schema.range': {
    en: 'Must be {constraint}.',
    'zh-CN': '必须{constraint}。',
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
  'schema.choicesMissing': {
    en: 'A {type} field needs at least one choice in options.choices.',
    'zh-CN': '{type} 字段需要在 options.choices 中至少提供一个选项。',
  },
  'schema.relationTableMissing': {
    en: 'A relation field must name the table it links to in options.table.',
    'zh-CN': '关联字段必须在 options.table 中指定关联的表。',
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
  'schema.formulaMissing': {
    en: 'A formula field needs its formula text in options.formula.',
    'zh-CN': '公式字段需要在 options.formula 中填写公式。',
  },
  'schema.dateFormat': {
    en: '"{actual}" is not a date in the form YYYY-MM-DD.',
    'zh-CN': '“{actual}”不是 YYYY-MM-DD 格式的日期。',
  },
  'schema.datetimeFormat': {
    en: '"{actual}" is not an ISO 8601 date and time with a time zone (e.g. 2026-01-31T08:00:00Z).',
    'zh-CN': '“{actual}”不是带时区的 ISO 8601 日期时间（例如 2026-01-31T08:00:00Z）。',
  },
  'schema.tableUnknown': {
    en: 'There is no table with id "{table}".',
    'zh-CN': '不存在 ID 为“{table}”的表。',
  },
  'schema.fieldUnknown': {
    en: 'Table "{table}" has no field with id "{field}".',
    'zh-CN': '表“{table}”中没有 ID 为“{field}”的字段。',
  },
  'schema.valueType': {
    en: 'A {type} field holds {expected}; found {actual}.',
    'zh-CN': '{type} 字段的值应为{expected}，实际为{actual}。',
  },
  'schema.choiceUnknown': {
    en: '"{value}" is not a choice id of this field (choices: {allowed}).',
    'zh-CN': '“{value}”不是该字段的选项 ID（可选：{allowed}）。',
  },
  'schema.recordUnknown': {
    en: 'Table "{table}" has no record with id "{id}".',
    'zh-CN': '表“{table}”中没有 ID 为“{id}”的记录。',
  },
  'schema.derivedStored': {
    en: 'Field "{field}" is computed ({kind}); its value is never stored, so remove it.',
    'zh-CN': '字段“{field}”是自动计算的（{kind}），其值不会被存储，请删除该值。',
  },
  'schema.requiredValue': {
    en: 'Field "{field}" is required but has no value.',
    'zh-CN': '字段“{field}”为必填项，但没有值。',
  },
  'schema.tableIdMismatch': {
    en: 'The record says it belongs to table "{actual}" but is listed under table "{expected}".',
    'zh-CN': '该记录声明属于表“{actual}”，却列在表“{expected}”之下。',
  },
  // fields helper: value checks asked of the field-type registry
  'schema.valueInvalid': {
    en: 'This value does not fit a {type} field ({detail}).',
    'zh-CN': '该值不符合 {type} 字段的要求（{detail}）。',
  },
  'schema.valueTooLong': {
    en: 'The value is too long: at most {max} characters.',
    'zh-CN': '值太长：最多 {max} 个字符。',
  },
  'schema.valueTooMany': {
    en: 'The list has too many items: at most {max}.',
    'zh-CN': '列表项目太多：最多 {max} 项。',
  },
} as const satisfies Record<string, Record<Locale, string>>;

/** Every issue code the schema validators and the export parser report. */
export type IssueCode = keyof typeof MESSAGES;

/** Names of JSON value kinds, used for `{expected}` / `{actual}` parameters. */
const KIND_LABELS: Record<string, Record<Locale, string>> = {
  object: { en: 'an object', 'zh-CN': '对象' },
  array: { en: 'an array', 'zh-CN': '数组' },
  string: { en: 'a string', 'zh-CN': '字符串' },
  number: { en: 'a number', 'zh-CN': '数字' },
  'finite number': { en: 'a finite number', 'zh-CN': '有限数字' },
  integer: { en: 'an integer', 'zh-CN': '整数' },
  boolean: { en: 'a boolean', 'zh-CN': '布尔值' },
  null: { en: 'null', 'zh-CN': 'null' },
  undefined: { en: 'nothing', 'zh-CN': '空' },
  'non-empty string': { en: 'a non-empty string', 'zh-CN': '非空字符串' },
  'array of strings': { en: 'an array of strings', 'zh-CN': '字符串数组' },
  'record id': { en: 'a record id (string)', 'zh-CN': '记录 ID（字符串）' },
  'array of record ids': { en: 'an array of record ids', 'zh-CN': '记录 ID 数组' },
  'choice id': { en: 'a choice id (string)', 'zh-CN': '选项 ID（字符串）' },
  'array of choice ids': { en: 'an array of choice ids', 'zh-CN': '选项 ID 数组' },
  'date string': { en: 'a date string (YYYY-MM-DD)', 'zh-CN': '日期字符串（YYYY-MM-DD）' },
  'datetime string': { en: 'an ISO 8601 date-time string', 'zh-CN': 'ISO 8601 日期时间字符串' },
  'cell value': { en: 'a string, number, boolean, null or array of strings', 'zh-CN': '字符串、数字、布尔值、null 或字符串数组' },
  'inverse relation': { en: 'inverse relation', 'zh-CN': '反向关联' },
  formula: { en: 'formula', 'zh-CN': '公式' },
  color: { en: 'colour (#rgb, #rrggbb or a CSS colour name)', 'zh-CN': '颜色（#rgb、#rrggbb 或 CSS 颜色名）' },
  'JSON value': { en: 'a JSON value', 'zh-CN': 'JSON 值' },
  'currency code': { en: 'ISO 4217 currency code such as CNY', 'zh-CN': 'ISO 4217 货币代码（如 CNY）' },
  'locale code': { en: 'locale code such as zh-CN', 'zh-CN': '语言代码（如 zh-CN）' },
  'an integer from 0 to 10': { en: 'an integer from 0 to 10', 'zh-CN': '是 0 到 10 之间的整数' },
  'a positive integer': { en: 'a positive integer', 'zh-CN': '是正整数' },
  'at most max': { en: 'at most options.max', 'zh-CN': '不大于 options.max' },
};

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

/** Parameter names whose values are kind names to translate (see KIND_LABELS). */
const TRANSLATED_PARAMS = new Set(['expected', 'actual', 'kind', 'what', 'constraint']);

/**
 * The text of one issue in the given locale. Unknown codes fall back to the code itself, so
 * a message is never empty.
 */
export function issueMessage(code: IssueCode, params: IssueParams = {}, locale: Locale = 'en'): string {
  const template: string = MESSAGES[code]?.[locale] ?? MESSAGES[code]?.en ?? code;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) return whole;
    const value = params[name];
    if (TRANSLATED_PARAMS.has(name) && typeof value === 'string' && Object.prototype.hasOwnProperty.call(KIND_LABELS, value)) {
      return KIND_LABELS[value][locale];
    }
    return String(value);
  });
}

/** Whether `code` is one of the known issue codes. */
export function isIssueCode(code: string): code is IssueCode {
  return Object.prototype.hasOwnProperty.call(MESSAGES, code);
}
