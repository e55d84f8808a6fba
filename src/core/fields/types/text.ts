/**
 * Single-line text: stored trimmed; `minLength` / `maxLength` (characters) and a `pattern`
 * (a regular expression the whole value must match, with an optional message per locale)
 * are checked.
 */
import { defineFieldType, sizeIssue } from '../define.js';
import type { OptionSpec, ValueIssue } from '../types.js';
import type { CellValue, FieldDef } from '../../schema/types.js';

/** Values longer than this are not matched against a pattern (they fail it). */
const PATTERN_INPUT_LIMIT = 1000;

/**
 * Why a pattern cannot be used, or null: it must compile (JavaScript syntax, `u` flag) and
 * must not repeat a group that itself repeats (`(a+)+`), the shape whose matching time
 * explodes on hostile input; every pattern ltc-kit's users need (phone numbers, order
 * numbers, postcodes) is written without it.
 */
export function patternProblem(pattern: string): 'syntax' | 'nested' | null {
  try {
    new RegExp(pattern, 'u');
  } catch {
    return 'syntax';
  }
  return /\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,?\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,?\d*\})/.test(pattern) ? 'nested' : null;
}

const compiled = new Map<string, RegExp | null>();

/** The anchored RegExp of a usable pattern (cached), or null. */
function patternRegExp(pattern: string): RegExp | null {
  let regexp = compiled.get(pattern);
  if (regexp === undefined) {
    regexp = patternProblem(pattern) ? null : new RegExp(`^(?:${pattern})$`, 'u');
    if (compiled.size > 200) compiled.clear();
    compiled.set(pattern, regexp);
  }
  return regexp;
}

/** The length and pattern options of the text-like types. */
export const TEXT_OPTIONS: readonly OptionSpec[] = [
  { key: 'minLength', kind: 'integer', min: 0, labels: { 'zh-CN': '最少字符数', en: 'Minimum length' } },
  { key: 'maxLength', kind: 'integer', min: 1, labels: { 'zh-CN': '最多字符数', en: 'Maximum length' } },
  { key: 'placeholder', kind: 'text', labels: { 'zh-CN': '占位提示', en: 'Placeholder' } },
];

/** `pattern` and its message: single-line text only. */
export const PATTERN_OPTIONS: readonly OptionSpec[] = [
  {
    key: 'pattern',
    kind: 'text',
    labels: { 'zh-CN': '格式（正则表达式）', en: 'Format (regular expression)' },
    help: { 'zh-CN': '整个值必须匹配，例如 SO\\d{11}', en: 'The whole value must match, e.g. SO\\d{11}' },
    check: (value) => {
      const problem = typeof value === 'string' ? patternProblem(value) : null;
      if (!problem) return null;
      return problem === 'syntax' ? 'a valid regular expression' : 'a regular expression without a repeated group that itself repeats, such as (a+)+';
    },
  },
  {
    key: 'patternMessage',
    kind: 'json',
    panel: false,
    labels: { 'zh-CN': '格式不符时的提示', en: 'Message when the format does not match' },
    check: (value) =>
      value !== null && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((text) => typeof text === 'string')
        ? null
        : 'messages per locale, such as {"zh-CN": "…", "en": "…"}',
  },
];

/** Size limit, then the length limits counted in characters (an emoji is one), as people count, then the pattern. */
export function validateText(value: CellValue, field: FieldDef): ValueIssue | null {
  const size = sizeIssue(value);
  if (size) return size;
  if (typeof value !== 'string') return null;
  const { minLength: min, maxLength: max, pattern, patternMessage } = field.options ?? {};
  const length = min !== undefined || max !== undefined ? [...value].length : 0;
  if (max !== undefined && length > max) return { key: 'field.maxLength', params: { max } };
  if (min !== undefined && length < min) return { key: 'field.minLength', params: { min } };
  if (pattern) {
    const regexp = patternRegExp(pattern);
    if (regexp && (value.length > PATTERN_INPUT_LIMIT || !regexp.test(value))) {
      const zh = patternMessage?.['zh-CN'];
      const en = patternMessage?.en;
      if (zh || en) return { key: 'field.patternCustom', params: { zh: zh ?? en ?? '', en: en ?? zh ?? '' } };
      return { key: 'field.pattern', params: {} };
    }
  }
  return null;
}

export const textType = defineFieldType({
  type: 'text',
  labels: { 'zh-CN': '单行文本', en: 'Text' },
  category: 'basic',
  validate: validateText,
  options: [...TEXT_OPTIONS, ...PATTERN_OPTIONS],
});
