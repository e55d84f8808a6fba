/** Plain numbers: a decimal text input (facts: src/core/fields/types/number.ts). */
import type { WidgetDefinition } from './types.js';
import { renderTextInput } from './shared.js';

export const numberWidget: WidgetDefinition = {
  type: 'number',
  align: 'end',
  renderInput: (context) => renderTextInput(context, 'text', { inputmode: 'decimal' }),
};
export default numberWidget;
