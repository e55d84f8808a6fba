/**
 * Messages for schema validation issues, in English and Simplified Chinese.
 *
 * Every issue the validators report has a stable `code` (tests and UIs key on it); the
 * human-readable text is produced here from one table keyed by that code, so adding a locale
 * means adding one column, and the validators never build sentences themselves. Core keeps
 * its own table (rather than using src/i18n) so that src/core stays free of the UI layer.
 */
import type { StructureIssueCode } from './messages-structure.js';
import type { Locale } from './types.js';

/** Parameters interpolated into a message as `{name}`. */
export type IssueParams = Readonly<Record<string, string | number>>;

/**
 * Message templates of the codes about values and field options, per issue code. `{x}` is
 * replaced by `params.x`.
 */
const VALUE_MESSAGES = {
  'schema.type': {
    en: 'Expected {expected}, found {actual}.',
    'zh-CN': '应为{expected}，实际为{actual}。',
  },
  'schema.required': {
    en: 'Required key "{key}" is missing.',
    'zh-CN': '缺少必填项“{key}”。',
  },
  'schema.enum': {
    en: '"{actual}" is not one of: {allowed}.',
    'zh-CN': '“{actual}”不是允许的值之一：{allowed}。',
  },
  'schema.range': {
    en: 'Must be {constraint}.',
    'zh-CN': '必须{constraint}。',
  },
  'schema.choicesMissing': {
    en: 'A {type} field needs at least one choice in options.choices.',
    'zh-CN': '{type} 字段需要在 options.choices 中至少提供一个选项。',
  },
  'schema.relationTableMissing': {
    en: 'A relation field must name the table it links to in options.table.',
    'zh-CN': '关联字段必须在 options.table 中指定关联的表。',
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
  'schema.valueType': {
    en: 'A {type} field holds {expected}; found {actual}.',
    'zh-CN': '{type} 字段的值应为{expected}，实际为{actual}。',
  },
  'schema.choiceUnknown': {
    en: '"{value}" is not a choice id of this field (choices: {allowed}).',
    'zh-CN': '“{value}”不是该字段的选项 ID（可选：{allowed}）。',
  },
  'schema.derivedStored': {
    en: 'Field "{field}" is computed ({kind}); its value is never stored, so remove it.',
    'zh-CN': '字段“{field}”是自动计算的（{kind}），其值不会被存储，请删除该值。',
  },
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

/**
 * Every issue code the schema validators and the export parser report: the value and option
 * codes above (field types and record writes use them, so they ship in the script-tag bundle)
 * and the structural ones of ./messages-structure.ts, which load with the validators.
 */
export type IssueCode = keyof typeof VALUE_MESSAGES | StructureIssueCode;

/** The value and option codes' templates. */
const MESSAGES: Partial<Record<IssueCode, Record<Locale, string>>> = VALUE_MESSAGES;

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

/** Parameter names whose values are kind names to translate (see KIND_LABELS). */
const TRANSLATED_PARAMS = new Set(['expected', 'actual', 'kind', 'what', 'constraint']);

/**
 * The text of one issue in the given locale. Unknown codes fall back to the code itself, so
 * a message is never empty.
 */
export function issueMessage(code: IssueCode, params: IssueParams = {}, locale: Locale = 'en'): string {
  return fillIssueTemplate(MESSAGES[code]?.[locale] ?? MESSAGES[code]?.en ?? code, params, locale);
}

/** A message template with its `{name}` parameters filled in (kind names translated). */
export function fillIssueTemplate(template: string, params: IssueParams, locale: Locale): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) return whole;
    const value = params[name];
    if (TRANSLATED_PARAMS.has(name) && typeof value === 'string' && Object.prototype.hasOwnProperty.call(KIND_LABELS, value)) {
      return KIND_LABELS[value][locale];
    }
    return String(value);
  });
}

/** Whether `code` is one of the value and option codes (./messages-structure.ts knows the rest). */
export function isIssueCode(code: string): code is IssueCode {
  return Object.prototype.hasOwnProperty.call(MESSAGES, code);
}
