/**
 * Yes/no. Accepts the words people write in CSV files: 是/否, 对/错, yes/no, TRUE/FALSE,
 * 1/0, ✓/×. Blank input is "no". A required checkbox must be ticked ("I agree"), as in HTML.
 */
import { defineFieldType, mismatch } from '../define.js';
import { isBlank, toHalfWidth } from '../values.js';

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', '是', '对', '√', '✓', '✔', 'on', '有']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', '否', '错', '×', '✗', 'off', '无']);

export const checkboxType = defineFieldType({
  type: 'checkbox',
  labels: { 'zh-CN': '复选框', en: 'Checkbox' },
  category: 'basic',
  scalar: () => ({ type: 'boolean', list: false }),
  coerce(raw) {
    if (typeof raw === 'boolean') return { ok: true, value: raw };
    if (raw === 1 || raw === 0) return { ok: true, value: raw === 1 };
    if (isBlank(raw)) return { ok: true, value: false };
    const word = toHalfWidth(String(raw)).trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return { ok: true, value: true };
    if (FALSE_WORDS.has(word)) return { ok: true, value: false };
    return { ok: false, issue: { key: 'field.boolean' } };
  },
  checkStored: (value, field) => (typeof value === 'boolean' ? null : mismatch(field, 'boolean', value)),
  isEmpty: (value) => value !== true,
  sortKey: (value) => (value === true ? 1 : 0),
  // Plain text needs the UI's words; the widget's cell passes them through `format` too.
  format: (value, _field, { locale }) => (value === true ? (locale === 'zh-CN' ? '是' : 'Yes') : value === false ? (locale === 'zh-CN' ? '否' : 'No') : ''),
  options: [],
});
