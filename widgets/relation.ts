/**
 * Links to records of another table: the type-to-search `<ltc-relation-picker>` for a single
 * link among many records (a `<select>` among a few), and `<ltc-multi-relation-picker>` (chips)
 * for `options.multiple`. Facts (stored ids, inverse relations derived and read-only):
 * src/core/fields/types/relation.ts.
 *
 * The multiple picker travels with the designer script, so the script-tag bundle keeps its
 * budget: the entry point that carries that script sets `multiRelationPicker.load`
 * (src/define.ts), and the first multiple relation drawn loads it; the element upgrades in
 * place with the values already set. An entry without the designer script (the published
 * form runtime: no records to link there) must define the element itself to offer these fields.
 */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { labelOf, t } from '../src/i18n/index.js';
import type { WidgetDefinition } from './types.js';
import type { LtcMultiRelationPicker } from './multi-relation-picker.js';
import { isBlank } from './shared.js';

/**
 * Past this many linkable records a single relation uses `<ltc-relation-picker>` (type to
 * search) instead of a `<select>`, which stops being usable long before 100,000 options.
 */
export const PICKER_THRESHOLD = 50;

/** How `<ltc-multi-relation-picker>` is loaded where it is not defined yet (set by src/define.ts). */
export const multiRelationPicker: { load?: () => Promise<void> } = {};

export const relationWidget: WidgetDefinition = {
  type: 'relation',
  renderInput(context) {
    const options = context.relationOptions ?? [];
    if (context.field.options?.multiple) {
      // A failed load leaves this field empty; the form's other fields still work.
      if (!customElements.get('ltc-multi-relation-picker')) multiRelationPicker.load?.().catch(() => undefined);
      return html`<ltc-multi-relation-picker
        part="input"
        id=${context.id}
        .options=${options}
        .values=${Array.isArray(context.value) ? context.value : []}
        .label=${labelOf(context.field, context.locale)}
        .locale=${context.locale}
        ?invalid=${context.invalid}
        aria-describedby=${ifDefined(context.describedBy)}
        @change=${(event: Event) => context.onInput([...(event.target as LtcMultiRelationPicker).values])}
      ></ltc-multi-relation-picker>`;
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
