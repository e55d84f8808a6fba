/** Multiple select: a group of checkboxes; cells show chips (facts: src/core/fields/types/multiselect.ts). */
import { html } from 'lit';
import type { WidgetDefinition } from './types.js';
import { choiceChip, choiceLabel } from './select.js';

export const multiselectWidget: WidgetDefinition = {
  type: 'multiselect',
  grouped: true,
  renderCell: (value, field, { locale }) => html`${(Array.isArray(value) ? value : []).map((id) => choiceChip(field, id, locale))}`,
  renderInput: (context) => {
    const selected = new Set(Array.isArray(context.value) ? context.value : []);
    const toggle = (id: string, on: boolean) => {
      const next = new Set(selected);
      if (on) next.add(id);
      else next.delete(id);
      context.onInput([...next]);
    };
    return html`<div part="input" class="choices" role="group" id=${context.id} aria-invalid=${context.invalid ? 'true' : 'false'}>
      ${(context.field.options?.choices ?? []).map(
        (choice) => html`<label class="choice"
          ><input type="checkbox" .checked=${selected.has(choice.id)} @change=${(e: Event) => toggle(choice.id, (e.target as HTMLInputElement).checked)} />
          ${choiceLabel(context.field, choice.id, context.locale)}</label
        >`,
      )}
    </div>`;
  },
};
export default multiselectWidget;
