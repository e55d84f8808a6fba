/** Yes/no: a native checkbox (facts, including the CSV words 是/否: src/core/fields/types/checkbox.ts). */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { WidgetDefinition } from './types.js';

export const checkboxWidget: WidgetDefinition = {
  type: 'checkbox',
  align: 'center',
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
