/** Phone numbers: a `tel` input (facts and normalisation: src/core/fields/types/phone.ts). */
import type { WidgetDefinition } from './types.js';
import { renderTextInput } from './shared.js';

export { normalisePhone } from '../src/core/fields/types/phone.js';

export const phoneWidget: WidgetDefinition = {
  type: 'phone',
  renderInput: (context) => renderTextInput(context, 'tel', { inputmode: 'tel', autocomplete: 'tel' }),
};
export default phoneWidget;
