/**
 * Links to records of another table. A single relation stores one record id, a multiple one
 * an array of ids; an inverse relation (`options.inverseOf`) is derived from the other side
 * and read-only. Labels come from the linked record's primary field via the cell context.
 */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { labelOf, t } from '../src/i18n/index.js';
import type { WidgetDefinition } from './types.js';
import { compareValues, isBlank } from './shared.js';

/**
 * Past this many linkable records a single relation uses `<ltc-relation-picker>` (type to
 * search) instead of a `<select>`, which stops being usable long before 100,000 options.
 */
export const PICKER_THRESHOLD = 50;

export const relationWidget: WidgetDefinition = {
  type: 'relation',
  labels: { 'zh-CN': '关联数据', en: 'Linked records' },
  category: 'relation',
  isEditable: (field) => !field.options?.inverseOf,
  coerce(raw, field) {
    if (isBlank(raw)) return { ok: true, value: null };
    const ids = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[,，]/).map((s) => s.trim()).filter(Boolean) : undefined;
    if (!ids || ids.some((id) => typeof id !== 'string' || id === '')) return { ok: false, issue: { key: 'field.relation' } };
    if (field.options?.multiple) return { ok: true, value: [...new Set(ids as string[])] };
    if (ids.length !== 1) return { ok: false, issue: { key: 'field.relation' } };
    return { ok: true, value: ids[0] as string };
  },
  format(value, field, { recordLabel }) {
    const table = field.options?.table ?? '';
    const ids = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
    return ids.map((id) => recordLabel?.(table, id) ?? id).join(', ');
  },
  compare: compareValues,
  renderInput(context) {
    const options = context.relationOptions ?? [];
    if (context.field.options?.multiple) {
      const selected = new Set(Array.isArray(context.value) ? context.value : []);
      return html`<select
        part="input"
        id=${context.id}
        multiple
        size=${Math.min(6, Math.max(2, options.length))}
        aria-invalid=${context.invalid ? 'true' : 'false'}
        aria-describedby=${ifDefined(context.describedBy)}
        @change=${(event: Event) =>
          context.onInput([...(event.target as HTMLSelectElement).selectedOptions].map((option) => option.value))}
      >
        ${options.map((option) => html`<option value=${option.id} ?selected=${selected.has(option.id)}>${option.label}</option>`)}
      </select>`;
    }
    if (options.length > PICKER_THRESHOLD) {
      return html`<ltc-relation-picker
        part="input"
        id=${context.id}
        .options=${options}
        .value=${typeof context.value === 'string' ? context.value : ''}
        .label=${labelOf(context.field, context.locale)}
        .locale=${context.locale}
        ?invalid=${context.invalid}
        aria-describedby=${ifDefined(context.describedBy)}
        @change=${(event: Event) => context.onInput((event.target as HTMLInputElement).value)}
      ></ltc-relation-picker>`;
    }
    return html`<select
      part="input"
      id=${context.id}
      ?required=${!!context.field.required}
      aria-invalid=${context.invalid ? 'true' : 'false'}
      aria-describedby=${ifDefined(context.describedBy)}
      @change=${(event: Event) => context.onInput((event.target as HTMLSelectElement).value)}
    >
      <option value="" ?selected=${isBlank(context.value)}>${t(context.locale, 'form.none')}</option>
      ${options.map((option) => html`<option value=${option.id} ?selected=${option.id === context.value}>${option.label}</option>`)}
    </select>`;
  },
};
export default relationWidget;
