/** Email addresses, checked with the rule of `<input type="email">` (WHATWG), plus a dot in the domain. */
import { defineFieldType } from '../define.js';
import { isBlank, toHalfWidth } from '../values.js';
import { TEXT_OPTIONS } from './text.js';

// `name@localhost` is never a customer's address, so the domain needs at least one dot.
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;

/** Whether text is an email address under the rule above. */
export function isEmail(text: string): boolean {
  return EMAIL.test(text);
}

export const emailType = defineFieldType({
  type: 'email',
  labels: { 'zh-CN': '邮箱', en: 'Email' },
  category: 'basic',
  coerce(raw) {
    if (isBlank(raw)) return { ok: true, value: null };
    if (typeof raw !== 'string') return { ok: false, issue: { key: 'field.email' } };
    const text = toHalfWidth(raw).trim();
    return EMAIL.test(text) ? { ok: true, value: text } : { ok: false, issue: { key: 'field.email' } };
  },
  validate: (value) => (typeof value === 'string' && EMAIL.test(value) ? null : { key: 'field.email' }),
  options: TEXT_OPTIONS.filter((o) => o.key === 'placeholder'),
});
