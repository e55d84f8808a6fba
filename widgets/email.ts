/** Email addresses, checked with the same rule as `<input type="email">` (WHATWG). */
import type { WidgetDefinition } from './types.js';
import { compareValues, isBlank, renderTextInput, toHalfWidth } from './shared.js';

// The WHATWG "valid e-mail address" production (what browsers use for type=email), except
// that the domain needs at least one dot: `name@localhost` is never a customer's address.
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;

export const emailWidget: WidgetDefinition = {
  type: 'email',
  labels: { 'zh-CN': '邮箱', en: 'Email' },
  category: 'basic',
  isEditable: () => true,
  coerce(raw) {
    if (isBlank(raw)) return { ok: true, value: null };
    const text = toHalfWidth(String(raw)).trim();
    return EMAIL.test(text) ? { ok: true, value: text } : { ok: false, issue: { key: 'field.email' } };
  },
  format: (value) => (value === null || value === undefined ? '' : String(value)),
  compare: compareValues,
  renderInput: (context) => renderTextInput(context, 'email', { inputmode: 'email', autocomplete: 'email' }),
};
export default emailWidget;
