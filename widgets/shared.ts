/**
 * Rendering helpers shared by the built-in widgets: the plain input renderer most of them use
 * and the text an input shows.
 */
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { CellValue } from '../src/core/schema/types.js';
import type { InputContext } from './types.js';

// Pure value parsing lives in src/core/fields/values.ts (CSV import and rules use it too).
export { isBlank, toHalfWidth, parseNumber, parseDate, parseDateTime, isRealDate } from '../src/core/fields/values.js';

/** The value shown in a text-like input: stored values, or the raw text a user typed. */
export function inputText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** A native `<input>` wired to the form: label, validity and description come from context. */
export function renderTextInput(
  context: InputContext,
  type: string,
  extra: { inputmode?: string; autocomplete?: string; step?: string; value?: string; suffix?: string } = {},
): TemplateResult {
  const onInput = (event: Event) => context.onInput((event.target as HTMLInputElement).value);
  // Inputs with no input mode, autocomplete or step (text, dates) use a template without those
  // three attributes: fewer parts for Lit to commit in a 50-field form (bench/form.bench.ts).
  // The two templates must stay the same otherwise: change both together.
  const input =
    extra.inputmode === undefined && extra.autocomplete === undefined && extra.step === undefined
      ? html`<input
          part="input"
          id=${context.id}
          name=${context.field.id}
          type=${type}
          placeholder=${ifDefined(context.field.options?.placeholder)}
          .value=${extra.value ?? inputText(context.value)}
          ?required=${!!context.field.required}
          aria-required=${context.field.required ? 'true' : 'false'}
          aria-invalid=${context.invalid ? 'true' : 'false'}
          aria-describedby=${ifDefined(context.describedBy)}
          @input=${onInput}
        />`
      : html`<input
          part="input"
          id=${context.id}
          name=${context.field.id}
          type=${type}
          inputmode=${ifDefined(extra.inputmode)}
          autocomplete=${ifDefined(extra.autocomplete)}
          step=${ifDefined(extra.step)}
          placeholder=${ifDefined(context.field.options?.placeholder)}
          .value=${extra.value ?? inputText(context.value)}
          ?required=${!!context.field.required}
          aria-required=${context.field.required ? 'true' : 'false'}
          aria-invalid=${context.invalid ? 'true' : 'false'}
          aria-describedby=${ifDefined(context.describedBy)}
          @input=${onInput}
        />`;
  return extra.suffix ? html`<span class="affix">${input}<span class="suffix" aria-hidden="true">${extra.suffix}</span></span>` : input;
}
