/** Single-line text: a plain input (facts: src/core/fields/types/text.ts). */
import type { WidgetDefinition } from './types.js';
import { renderTextInput } from './shared.js';

export const textWidget: WidgetDefinition = {
  type: 'text',
  renderInput: (context) => renderTextInput(context, 'text'),
};
export default textWidget;
