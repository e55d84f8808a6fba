/**
 * The messages of field-type value issues (`field.number`, `field.max` …), in zh-CN and en:
 * the keys `FieldTypeDef.coerce` / `validate` report. One table for every place that shows
 * them — the UI catalogue (src/i18n spreads it in) and CSV import (src/core/csv/messages.ts),
 * which cannot import src/i18n because src/core stays free of the UI layer.
 */
export const FIELD_ISSUE_MESSAGES = {
  'zh-CN': {
    'field.required': '“{name}”为必填项',
    'field.number': '“{name}”必须是数字',
    'field.integer': '“{name}”必须是整数',
    'field.min': '“{name}”不能小于 {min}',
    'field.max': '“{name}”不能大于 {max}',
    'field.email': '“{name}”不是有效的邮箱地址',
    'field.phone': '“{name}”不是有效的电话号码',
    'field.date': '“{name}”不是有效的日期（格式 YYYY-MM-DD）',
    'field.datetime': '“{name}”不是有效的日期时间',
    'field.choice': '“{name}”的选项无效',
    'field.relation': '“{name}”关联的记录无效',
    'field.maxLength': '“{name}”最多 {max} 个字符',
    'field.text': '“{name}”必须是文本',
    'field.boolean': '“{name}”必须是“是”或“否”',
    'field.tooLong': '“{name}”太长：最多 {max} 个字符',
    'field.tooMany': '“{name}”的项目太多：最多 {max} 项',
  },
  en: {
    'field.required': '"{name}" is required',
    'field.number': '"{name}" must be a number',
    'field.integer': '"{name}" must be a whole number',
    'field.min': '"{name}" must be at least {min}',
    'field.max': '"{name}" must be at most {max}',
    'field.email': '"{name}" is not a valid email address',
    'field.phone': '"{name}" is not a valid phone number',
    'field.date': '"{name}" is not a valid date (use YYYY-MM-DD)',
    'field.datetime': '"{name}" is not a valid date and time',
    'field.choice': '"{name}" has an option that does not exist',
    'field.relation': '"{name}" links to a record that does not exist',
    'field.maxLength': '"{name}" can be at most {max} characters',
    'field.text': '"{name}" must be text',
    'field.boolean': '"{name}" must be yes or no',
    'field.tooLong': '"{name}" is too long: at most {max} characters',
    'field.tooMany': '"{name}" has too many items: at most {max}',
  },
} as const;
