/**
 * Phone numbers, normalised so the same number is always stored the same way:
 * - mainland mobiles: 11 digits from 13–19, stored as digits only — `138 0013 8000`,
 *   `138-0013-8000` and `+86 138 0013 8000` are all `13800138000`;
 * - landlines with an area code: `010-12345678`, `0755 1234 5678` → `area-number`
 *   (3-digit area codes 010 and 02x, 4 digits otherwise; 7–8 digit local numbers);
 * - international numbers: `+` or `00`, then 8–15 digits (E.164), stored as `+` and digits —
 *   `+44 20 7946 0958` → `+442079460958`.
 * Anything else (`12345`, a number starting 12, a local number without its area code) is refused.
 */
import { defineFieldType } from '../define.js';
import { isBlank, toHalfWidth } from '../values.js';
import { TEXT_OPTIONS } from './text.js';

/** The stored form of a phone number, or undefined when it is not one (see the module comment). */
export function normalisePhone(raw: string): string | undefined {
  const text = toHalfWidth(raw).trim();
  if (!/^\+?[\d\s\-().]+$/.test(text)) return undefined;
  let digits = text.replace(/\D/g, '');
  const international = text.startsWith('+') || digits.startsWith('00');
  if (international) {
    if (!text.startsWith('+')) digits = digits.slice(2);
    const mobile = /^86(1[3-9]\d{9})$/.exec(digits);
    if (mobile) return mobile[1];
    if (digits.length < 8 || digits.length > 15 || digits.startsWith('0')) return undefined;
    return `+${digits}`;
  }
  if (/^1\d{10}$/.test(digits)) return /^1[3-9]\d{9}$/.test(digits) ? digits : undefined;
  if (/^0[1-9]\d{8,10}$/.test(digits)) {
    const areaLength = /^0[12]/.test(digits) ? 3 : 4;
    const local = digits.slice(areaLength);
    return local.length >= 7 && local.length <= 8 ? `${digits.slice(0, areaLength)}-${local}` : undefined;
  }
  return undefined;
}

export const phoneType = defineFieldType({
  type: 'phone',
  labels: { 'zh-CN': '手机', en: 'Phone' },
  category: 'basic',
  coerce(raw) {
    if (isBlank(raw)) return { ok: true, value: null };
    if (typeof raw !== 'string' && typeof raw !== 'number') return { ok: false, issue: { key: 'field.phone' } };
    const value = normalisePhone(String(raw));
    return value === undefined ? { ok: false, issue: { key: 'field.phone' } } : { ok: true, value };
  },
  // A value stored before normalisation (`138 0013 8000`) is still a valid number.
  validate: (value) => (typeof value === 'string' && normalisePhone(value) !== undefined ? null : { key: 'field.phone' }),
  options: TEXT_OPTIONS.filter((o) => o.key === 'placeholder'),
});
