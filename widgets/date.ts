/** Calendar dates: a native date input (facts: src/core/fields/types/date.ts). */
import type { WidgetDefinition } from './types.js';
import { renderTextInput } from './shared.js';

export const dateWidget: WidgetDefinition = {
  type: 'date',
  renderInput: (context) => renderTextInput(context, 'date', { value: typeof context.value === 'string' ? context.value : '' }),
};
export default dateWidget;
