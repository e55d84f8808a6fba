/**
 * Tags (标签): free labels a record carries (`VIP`, `华东`, `老客户`), stored as a list of
 * strings in the order given, without duplicates. Text from a spreadsheet splits on `,` `，`
 * `;` `；` `、` and line breaks, so a tag never holds one of those.
 */
import { defineFieldType, mismatch, sizeIssue } from '../define.js';
import type { CoerceResult } from '../types.js';
import { isBlank, toHalfWidth } from '../values.js';

/** What separates tags written as text. */
export const TAG_SEPARATORS = /[,，;；、\n]/;

/** The most characters one tag may have. */
export const MAX_TAG_LENGTH = 50;

/** Raw tags (a list, or text to split) → trimmed, distinct, non-empty tags; undefined when not text. */
export function splitTags(raw: unknown): string[] | undefined {
  const items = Array.isArray(raw) ? raw.flatMap((item) => (typeof item === 'string' ? item.split(TAG_SEPARATORS) : [item])) : typeof raw === 'string' ? raw.split(TAG_SEPARATORS) : undefined;
  if (!items || items.some((item) => typeof item !== 'string')) return undefined;
  const tags: string[] = [];
  for (const item of items as string[]) {
    const tag = toHalfWidth(item).trim().replace(/\s+/g, ' ');
    if (tag !== '' && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

export const tagsType = defineFieldType({
  type: 'tags',
  labels: { 'zh-CN': '标签', en: 'Tags' },
  category: 'choice',
  icon: 'M3 12V4h8l10 10-8 8L3 12zm4.5-4.5a1.5 1.5 0 1 0 0 .01z',
  scalar: () => ({ type: 'text', list: true }),
  coerce(raw): CoerceResult {
    if (isBlank(raw)) return { ok: true, value: null };
    const tags = splitTags(raw);
    if (!tags) return { ok: false, issue: { key: 'field.text' } };
    return { ok: true, value: tags.length ? tags : null };
  },
  checkStored(value, field) {
    if (!Array.isArray(value) || value.some((tag) => typeof tag !== 'string')) return mismatch(field, 'array of strings', value);
    return null;
  },
  validate(value) {
    const size = sizeIssue(value);
    if (size) return size;
    const long = Array.isArray(value) ? value.find((tag) => [...tag].length > MAX_TAG_LENGTH) : undefined;
    return long === undefined ? null : { key: 'field.maxLength', params: { max: MAX_TAG_LENGTH } };
  },
  // By the first tag, in zh-CN order; then the rest (a list sorts by what it shows first).
  sortKey: (value) => (Array.isArray(value) ? value.join('\u0001') : ''),
  format: (value) => (Array.isArray(value) ? value.join(', ') : ''),
  options: [{ key: 'placeholder', kind: 'text', labels: { 'zh-CN': '占位提示', en: 'Placeholder' } }],
});
