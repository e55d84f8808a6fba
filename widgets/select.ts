/** Single select: a `<select>` of the choices; cells show the choice as a tinted chip (facts: src/core/fields/types/select.ts). */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ref } from 'lit/directives/ref.js';
import type { FieldDef, Locale } from '../src/core/schema/types.js';
import { choiceLabel } from '../src/core/fields/types/select.js';
import { labelOf, t } from '../src/i18n/index.js';
import type { WidgetDefinition } from './types.js';
import { isBlank } from './shared.js';

export { findChoice, choiceLabel, choiceIndex } from '../src/core/fields/types/select.js';

/** A choice as a chip tinted with its colour (the colour is the template's, never user HTML). */
export function choiceChip(field: FieldDef, id: string, locale: Locale) {
  const choice = (field.options?.choices ?? []).find((c) => c.id === id);
  const color = choice?.color && /^#[0-9a-fA-F]{3,8}$/.test(choice.color) ? choice.color : undefined;
  // Set through CSSOM (style.setProperty): a style attribute — which is also what styleMap
  // writes on first render — is blocked by a strict CSP (style-src-attr).
  const tint = (element?: Element) => {
    if (element instanceof HTMLElement) {
      if (color) element.style.setProperty('--chip', color);
      else element.style.removeProperty('--chip');
    }
  };
  return html`<span part="chip" class="chip" ${ref(tint)}>${choiceLabel(field, id, locale)}</span>`;
}

export const selectWidget: WidgetDefinition = {
  type: 'select',
  renderCell: (value, field, { locale }) => (typeof value === 'string' ? choiceChip(field, value, locale) : html``),
  renderInput: (context) => html`<select
    part="input"
    id=${context.id}
    name=${context.field.id}
    ?required=${!!context.field.required}
    aria-invalid=${context.invalid ? 'true' : 'false'}
    aria-describedby=${ifDefined(context.describedBy)}
    @change=${(event: Event) => context.onInput((event.target as HTMLSelectElement).value)}
  >
    <option value="" ?selected=${isBlank(context.value)}>${t(context.locale, 'form.selectPlaceholder')}</option>
    ${(context.field.options?.choices ?? []).map(
      (choice) => html`<option value=${choice.id} ?selected=${choice.id === context.value}>${labelOf(choice, context.locale)}</option>`,
    )}
  </select>`,
};
export default selectWidget;
