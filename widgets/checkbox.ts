/** Yes/no. Accepts the words people write in CSV files: 是/否, yes/no, true/false, 1/0, ✓. */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { t } from '../src/i18n/index.js';
import type { WidgetDefinition } from './types.js';
import { compareValues, isBlank } from './shared.js';

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', '是', '对', '√', '✓', 'on']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', '否', '错', '×', 'off']);

export const checkboxWidget: WidgetDefinition = {
  type: 'checkbox',
  labels: { 'zh-CN': '复选框', en: 'Checkbox' },
  category: 'basic',
  align: 'center',
  isEditable: () => true,
  coerce(raw) {
    if (typeof raw === 'boolean') return { ok: true, value: raw };
    if (isBlank(raw)) return { ok: true, value: false };
    const word = String(raw).trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return { ok: true, value: true };
    if (FALSE_WORDS.has(word)) return { ok: true, value: false };
    return { ok: false, issue: { key: 'field.boolean' } };
  },
  format: (value, _field, { locale }) => (value === true ? t(locale, 'bool.true') : value === false ? t(locale, 'bool.false') : ''),
  compare: compareValues,
  renderInput: (context) => html`<input
    part="input"
    id=${context.id}
    name=${context.field.id}
    type="checkbox"
    .checked=${context.value === true}
    aria-describedby=${ifDefined(context.describedBy)}
    @change=${(event: Event) => context.onInput((event.target as HTMLInputElement).checked)}
  />`,
};
export default checkboxWidget;
