/**
 * Member tiers: a `<select>` of the levels in their order when the tier is chosen by hand; a
 * read-only chip with "computed from points" when it follows a points field. Chips are
 * tinted with the level's colour like lifecycle stages (through CSSOM, which a strict CSP
 * allows). Facts: src/core/fields/types/tier.ts.
 */
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { FieldDef, Locale } from '../src/core/schema/types.js';
import { isComputedTier, levelLabel, tierLevels } from '../src/core/fields/types/tier.js';
import { tw } from '../src/i18n/widgets-ui.js';
import type { WidgetDefinition } from './types.js';

const COLOR = /^#[0-9a-fA-F]{3,8}$/;

/** A level as a tinted chip with its label; `part="chip tier-<id>"`. */
export function tierChip(field: FieldDef, id: string, locale: Locale) {
  const color = tierLevels(field).find((level) => level.id === id)?.color;
  const tint = (element?: Element) => {
    if (!(element instanceof HTMLElement)) return;
    if (color && COLOR.test(color)) element.style.setProperty('--chip', color);
    else element.style.removeProperty('--chip');
  };
  return html`<span part="chip tier-${id}" class="chip" data-tier=${id} ${ref(tint)}>${levelLabel(field, id, locale)}</span>`;
}

export const tierWidget: WidgetDefinition = {
  type: 'tier',
  renderCell: (value, field, { locale }) => (typeof value === 'string' ? tierChip(field, value, locale) : html``),
  renderInput: (context) => {
    const { field, locale } = context;
    if (isComputedTier(field)) {
      return html`<output part="input" id=${context.id} class="computed" aria-live="polite"
        >${typeof context.value === 'string' ? tierChip(field, context.value, locale) : '—'} <small>${tw(locale, 'tier.computed')}</small></output
      >`;
    }
    return html`<select
      part="input"
      id=${context.id}
      name=${field.id}
      ?required=${!!field.required}
      aria-invalid=${context.invalid ? 'true' : 'false'}
      aria-describedby=${context.describedBy ?? ''}
      @change=${(event: Event) => context.onInput((event.target as HTMLSelectElement).value)}
    >
      <option value="" ?selected=${typeof context.value !== 'string'}>—</option>
      ${tierLevels(field).map((level) => html`<option value=${level.id} ?selected=${level.id === context.value}>${levelLabel(field, level.id, locale)}</option>`)}
    </select>`;
  },
};
export default tierWidget;
