/** Email addresses: an `email` input (facts: src/core/fields/types/email.ts). */
import type { WidgetDefinition } from './types.js';
import { renderTextInput } from './shared.js';

export const emailWidget: WidgetDefinition = {
  type: 'email',
  renderInput: (context) => renderTextInput(context, 'email', { inputmode: 'email', autocomplete: 'email' }),
};
export default emailWidget;
