/**
 * `src/core/schema/messages.ts` for the form runtime (dist/ltc-form.js and its widget pack):
 * the same API over only the codes a field type reports about a value (`schema.valueType`,
 * `schema.dateFormat`, …) and the kind names those messages use. The `form` build
 * (vite.config.ts) puts this module in place of messages.ts, so a public page does not
 * download the option and structure messages of the validators; test/forms/form-strings.test.ts
 * checks that each text here reads exactly as messages.ts's does.
 */
import type { Locale } from './types.js';
import type { IssueCode, IssueParams } from './messages.js';

export type { IssueCode, IssueParams };

/** The value codes' templates (the same texts as messages.ts). */
export const VALUE_CODE_MESSAGES: Record<string, Record<Locale, string>> = {
  'schema.dateFormat': { en: '"{actual}" is not a date in the form YYYY-MM-DD.', 'zh-CN': '“{actual}”不是 YYYY-MM-DD 格式的日期。' },
  'schema.datetimeFormat': {
    en: '"{actual}" is not an ISO 8601 date and time with a time zone (e.g. 2026-01-31T08:00:00Z).',
    'zh-CN': '“{actual}”不是带时区的 ISO 8601 日期时间（例如 2026-01-31T08:00:00Z）。',
  },
  'schema.valueType': { en: 'A {type} field holds {expected}; found {actual}.', 'zh-CN': '{type} 字段的值应为{expected}，实际为{actual}。' },
  'schema.choiceUnknown': { en: '"{value}" is not a choice id of this field (choices: {allowed}).', 'zh-CN': '“{value}”不是该字段的选项 ID（可选：{allowed}）。' },
  'schema.derivedStored': { en: 'Field "{field}" is computed ({kind}); its value is never stored, so remove it.', 'zh-CN': '字段“{field}”是自动计算的（{kind}），其值不会被存储，请删除该值。' },
};

/** The kind names those messages translate (the same texts as messages.ts's KIND_LABELS). */
export const VALUE_KIND_LABELS: Record<string, Record<Locale, string>> = {
  object: { en: 'an object', 'zh-CN': '对象' },
  array: { en: 'an array', 'zh-CN': '数组' },
  string: { en: 'a string', 'zh-CN': '字符串' },
  number: { en: 'a number', 'zh-CN': '数字' },
  boolean: { en: 'a boolean', 'zh-CN': '布尔值' },
  null: { en: 'null', 'zh-CN': 'null' },
  undefined: { en: 'nothing', 'zh-CN': '空' },
  'array of strings': { en: 'an array of strings', 'zh-CN': '字符串数组' },
  'choice id': { en: 'a choice id (string)', 'zh-CN': '选项 ID（字符串）' },
  'array of choice ids': { en: 'an array of choice ids', 'zh-CN': '选项 ID 数组' },
  'date string': { en: 'a date string (YYYY-MM-DD)', 'zh-CN': '日期字符串（YYYY-MM-DD）' },
  'datetime string': { en: 'an ISO 8601 date-time string', 'zh-CN': 'ISO 8601 日期时间字符串' },
  formula: { en: 'formula', 'zh-CN': '公式' },
};

const TRANSLATED_PARAMS = new Set(['expected', 'actual', 'kind', 'what', 'constraint']);

export function issueMessage(code: IssueCode, params: IssueParams = {}, locale: Locale = 'en'): string {
  const messages = VALUE_CODE_MESSAGES[code];
  return fillIssueTemplate(messages?.[locale] ?? messages?.en ?? code, params, locale);
}

export function fillIssueTemplate(template: string, params: IssueParams, locale: Locale): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) return whole;
    const value = params[name];
    if (TRANSLATED_PARAMS.has(name) && typeof value === 'string' && Object.prototype.hasOwnProperty.call(VALUE_KIND_LABELS, value)) return VALUE_KIND_LABELS[value]![locale];
    return String(value);
  });
}

export function isIssueCode(code: string): code is IssueCode {
  return Object.prototype.hasOwnProperty.call(VALUE_CODE_MESSAGES, code);
}
