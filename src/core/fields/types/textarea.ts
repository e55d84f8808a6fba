/** Multi-line text: like text, but inner line breaks and indentation are kept. */
import { defineFieldType } from '../define.js';
import { isBlank } from '../values.js';
import { TEXT_OPTIONS, textType, validateText } from './text.js';

export const textareaType = defineFieldType({
  type: 'textarea',
  labels: { 'zh-CN': '多行文本', en: 'Long text' },
  category: 'basic',
  coerce(raw, field, source) {
    // Only the ends are trimmed: a leading blank line and trailing whitespace.
    if (typeof raw === 'string' && !isBlank(raw)) return { ok: true, value: raw.replace(/^\s*\n|\s+$/g, '') };
    return textType.coerce(raw, field, source);
  },
  validate: validateText,
  options: TEXT_OPTIONS,
});
