/**
 * Messages of the form-definition issues (`TableDef.forms`, checked on import and template
 * load by ./validate.ts), in English and Simplified Chinese. They join the structural schema
 * messages (src/core/schema/messages-structure.ts), so they load with the validators only.
 */
import type { Locale } from '../schema/types.js';

export const FORM_MESSAGES = {
  'form.kind': {
    en: '"{actual}" is not a form item kind (field, heading, text or row).',
    'zh-CN': '“{actual}”不是表单项的类型（应为 field、heading、text 或 row）。',
  },
  'form.fieldUnknown': {
    en: 'Table "{table}" has no field "{field}".',
    'zh-CN': '表“{table}”没有字段“{field}”。',
  },
  'form.fieldArchived': {
    en: 'Field "{field}" is archived: restore it before a form shows it.',
    'zh-CN': '字段“{field}”已归档：恢复后才能在表单中显示。',
  },
  'form.fieldTwice': {
    en: 'Field "{field}" is already in this form (at {first}).',
    'zh-CN': '字段“{field}”已在此表单中（位于 {first}）。',
  },
  'form.rowSize': {
    en: 'A row holds 2 or 3 items side by side; this one has {count}.',
    'zh-CN': '一行并排放置 2 或 3 项，此行有 {count} 项。',
  },
  'form.rowItem': {
    en: 'A row holds fields and text only, not "{actual}".',
    'zh-CN': '一行只能放字段和说明文字，不能放“{actual}”。',
  },
  'form.visibleWhenField': {
    en: 'The visibility condition reads "{field}", which is not a field of table "{table}".',
    'zh-CN': '显示条件读取的“{field}”不是表“{table}”的字段。',
  },
  'form.visibleWhenLogic': {
    en: 'The visibility condition is not JSON Logic ltc-kit can run: {detail}.',
    'zh-CN': '显示条件不是可执行的 JSON Logic：{detail}。',
  },
  'form.defaultValue': {
    en: 'The default value does not fit field "{field}" ({type}).',
    'zh-CN': '默认值不符合字段“{field}”（{type}）的要求。',
  },
} as const satisfies Record<string, Record<Locale, string>>;

/** The form issue codes. */
export type FormIssueCode = keyof typeof FORM_MESSAGES;
