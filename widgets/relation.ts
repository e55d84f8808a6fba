/**
 * Links to records of another table: the type-to-search `<ltc-relation-picker>` — with chips
 * for `options.multiple`, always, and for a single link once the list is long — or a plain
 * `<select>` for a single link among a few records. Facts (stored ids, inverse relations
 * derived and read-only): src/core/fields/types/relation.ts.
 */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { labelOf, t } from '../src/i18n/index.js';
import type { WidgetDefinition } from './types.js';
import type { LtcRelationPicker } from './relation-picker.js';
import { isBlank } from './shared.js';

/**
 * Past this many linkable records a single relation uses `<ltc-relation-picker>` (type to
 * search) instead of a `<select>`, which stops being usable long before 100,000 options.
 */
export const PICKER_THRESHOLD = 50;

export const relationWidget: WidgetDefinition = {
  type: 'relation',
  renderInput(context) {
    const options = context.relationOptions ?? [];
    if (context.field.options?.multiple) {
      return html`<ltc-relation-picker
        part="input"
        id=${context.id}
        multiple
        .options=${options}
        .values=${Array.isArray(context.value) ? context.value.map(String) : []}
        .label=${labelOf(context.field, context.locale)}
        .locale=${context.locale}
        ?invalid=${context.invalid}
        aria-describedby=${ifDefined(context.describedBy)}
        @change=${(event: Event) => context.onInput([...(event.target as LtcRelationPicker).values])}
      ></ltc-relation-picker>`;
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
