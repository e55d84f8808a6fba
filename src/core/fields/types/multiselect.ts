/** Multiple select: the record stores an array of choice ids, in choice order. */
import { defineFieldType, mismatch } from '../define.js';
import { isBlank } from '../values.js';
import { CHOICES_OPTION, choiceIndex, choiceLabel, findChoice, unknownChoice } from './select.js';

/** Separators of a multiselect written as text: , ， ; ； 、 | and line breaks. */
export const LIST_SEPARATORS = /[,，;；、|\n]/;

export const multiselectType = defineFieldType({
  type: 'multiselect',
  labels: { 'zh-CN': '多选', en: 'Multiple select' },
  category: 'choice',
  scalar: () => ({ type: 'text', list: true }),
  coerce(raw, field) {
    if (isBlank(raw)) return { ok: true, value: null };
    const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(LIST_SEPARATORS) : undefined;
    if (!items) return { ok: false, issue: { key: 'field.choice' } };
    const ids: string[] = [];
    for (const item of items) {
      if (typeof item !== 'string') return { ok: false, issue: { key: 'field.choice' } };
      if (item.trim() === '') continue;
      const choice = findChoice(field, item);
      if (!choice) return { ok: false, issue: { key: 'field.choice' } };
      if (!ids.includes(choice.id)) ids.push(choice.id);
    }
    ids.sort((a, b) => choiceIndex(field, a) - choiceIndex(field, b));
    return { ok: true, value: ids.length ? ids : null };
  },
  checkStored(value, field) {
    if (!Array.isArray(value)) return mismatch(field, 'array of choice ids', value);
    return unknownChoice(field, value, true);
  },
  // By the first choice's position, then the text of all (a multiselect sorts by what it shows first).
  sortKey: (value, field) => (Array.isArray(value) && value.length ? choiceIndex(field, value[0]) : Number.MAX_SAFE_INTEGER),
  format: (value, field, { locale }) => (Array.isArray(value) ? value.map((id) => choiceLabel(field, id, locale)).join(', ') : ''),
  options: [CHOICES_OPTION],
});
