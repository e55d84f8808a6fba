/** Multi-line text: a `<textarea>` (facts: src/core/fields/types/textarea.ts). */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { WidgetDefinition } from './types.js';
import { inputText } from './shared.js';

export const textareaWidget: WidgetDefinition = {
  type: 'textarea',
  renderInput: (context) => html`<textarea
    part="input"
    id=${context.id}
    name=${context.field.id}
    rows="3"
    placeholder=${ifDefined(context.field.options?.placeholder)}
    .value=${inputText(context.value)}
    ?required=${!!context.field.required}
    aria-invalid=${context.invalid ? 'true' : 'false'}
    aria-describedby=${ifDefined(context.describedBy)}
    @input=${(event: Event) => context.onInput((event.target as HTMLTextAreaElement).value)}
  ></textarea>`,
};
export default textareaWidget;
