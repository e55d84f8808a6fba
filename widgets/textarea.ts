/** Multi-line text. Shares coercion with the text widget; keeps line breaks. */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { WidgetDefinition } from './types.js';
import { textWidget } from './text.js';
import { inputText, isBlank } from './shared.js';

export const textareaWidget: WidgetDefinition = {
  ...textWidget,
  type: 'textarea',
  labels: { 'zh-CN': '多行文本', en: 'Long text' },
  coerce(raw, field) {
    // Unlike single-line text, inner line breaks and indentation are kept; only the ends are trimmed.
    if (typeof raw === 'string' && !isBlank(raw)) return { ok: true, value: raw.replace(/^\s*\n|\s+$/g, '') };
    return textWidget.coerce(raw, field);
  },
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
