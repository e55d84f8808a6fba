/**
 * Percentages: the input shows and takes the percentage the user sees (0.8 is shown as 80,
 * typing 80 stores 0.8), with a `%` beside it (facts: src/core/fields/types/percent.ts).
 */
import type { WidgetDefinition } from './types.js';
import { inputText, renderTextInput } from './shared.js';

export const percentWidget: WidgetDefinition = {
  type: 'percent',
  align: 'end',
  renderInput: (context) =>
    renderTextInput(context, 'text', {
      inputmode: 'decimal',
      suffix: '%',
      value: typeof context.value === 'number' ? String(Number((context.value * 100).toPrecision(15))) : inputText(context.value),
    }),
};
export default percentWidget;
