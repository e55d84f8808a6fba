/** Single-line text: stored trimmed; `maxLength` (characters) is checked. */
import { defineFieldType, sizeIssue } from '../define.js';
import type { OptionSpec, ValueIssue } from '../types.js';
import type { CellValue, FieldDef } from '../../schema/types.js';

/** The `maxLength` and `placeholder` options of every text-like type. */
export const TEXT_OPTIONS: readonly OptionSpec[] = [
  { key: 'maxLength', kind: 'integer', min: 1, labels: { 'zh-CN': '最多字符数', en: 'Maximum length' } },
  { key: 'placeholder', kind: 'text', labels: { 'zh-CN': '占位提示', en: 'Placeholder' } },
];

/** Size limit, then `maxLength` counted in characters (an emoji is one), as people count. */
export function validateText(value: CellValue, field: FieldDef): ValueIssue | null {
  const size = sizeIssue(value);
  if (size) return size;
  const max = field.options?.maxLength;
  if (max !== undefined && typeof value === 'string' && [...value].length > max) return { key: 'field.maxLength', params: { max } };
  return null;
}

export const textType = defineFieldType({
  type: 'text',
  labels: { 'zh-CN': '单行文本', en: 'Text' },
  category: 'basic',
  validate: validateText,
  options: TEXT_OPTIONS,
});
