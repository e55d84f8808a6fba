/**
 * Assignee: one staff member, picked like a single relation — a `<select>` of the staff
 * table's records up to 50, above that the type-to-search `<ltc-relation-picker>`
 * (widgets/relation-picker.ts, used through its element as the relation widget does). The
 * form loads the staff names as `relationOptions` (the type has a `table` option).
 * Facts: src/core/fields/types/assignee.ts.
 */
import { html } from 'lit';
import { assigneeType } from '../src/core/fields/types/assignee.js';
import { labelOf } from '../src/i18n/index.js';
import type { WidgetDefinition } from './types.js';

/** Past this many staff records the picker replaces the `<select>` (as for relations). */
const PICKER_THRESHOLD = 50;

export const assigneeWidget: WidgetDefinition = {
  type: 'assignee',
  renderCell: (value, field, context) => html`<span part="chip" class="chip assignee">${assigneeType.format(value, field, context)}</span>`,
  renderInput(context) {
    const options = context.relationOptions ?? [];
    const value = typeof context.value === 'string' ? context.value : '';
    if (options.length > PICKER_THRESHOLD) {
      return html`<ltc-relation-picker
        part="input"
        id=${context.id}
        .options=${options}
        .value=${value}
        .label=${labelOf(context.field, context.locale)}
        .locale=${context.locale}
        ?invalid=${context.invalid}
        aria-describedby=${context.describedBy ?? ''}
        @change=${(event: Event) => context.onInput((event.target as HTMLInputElement).value)}
      ></ltc-relation-picker>`;
    }
    return html`<select
      part="input"
      id=${context.id}
      name=${context.field.id}
      ?required=${!!context.field.required}
      aria-invalid=${context.invalid ? 'true' : 'false'}
      aria-describedby=${context.describedBy ?? ''}
      @change=${(event: Event) => context.onInput((event.target as HTMLSelectElement).value)}
    >
      <option value="" ?selected=${value === ''}>—</option>
      ${options.map((option) => html`<option value=${option.id} ?selected=${option.id === value}>${option.label}</option>`)}
    </select>`;
  },
};
export default assigneeWidget;
