/**
 * Serial numbers: shown read-only in forms (a read-only text box, so it is labelled and can
 * be copied) — the store assigns the number when the record is created, so a new record's
 * box says "assigned when saved". Facts and the assignment: src/core/fields/types/serial.ts.
 */
import { html } from 'lit';
import { tw } from '../src/i18n/widgets-ui.js';
import type { WidgetDefinition } from './types.js';

export const serialWidget: WidgetDefinition = {
  type: 'serial',
  renderInput: (context) => html`<input
    part="input"
    id=${context.id}
    name=${context.field.id}
    type="text"
    readonly
    class="computed"
    .value=${typeof context.value === 'string' ? context.value : ''}
    placeholder=${tw(context.locale, 'serial.pending')}
    aria-describedby=${context.describedBy ?? ''}
    title=${tw(context.locale, 'serial.assigned')}
    @input=${(event: Event) => context.onInput((event.target as HTMLInputElement).value)}
  />`,
};
export default serialWidget;
