/**
 * Formula fields: a read-only output showing the computed value in the form. The facts —
 * never stored, result formatting by `options.resultType`, error codes such as `#DIV/0!` —
 * are in src/core/fields/types/formula.ts.
 */
import { html } from 'lit';
import { formatFormulaResult } from '../src/core/fields/types/formula.js';
import { t } from '../src/i18n/index.js';
import type { WidgetDefinition } from './types.js';

export { formulaErrorCode, formatFormulaResult } from '../src/core/fields/types/formula.js';

export const formulaWidget: WidgetDefinition = {
  type: 'formula',
  align: 'end',
  renderInput: (context) => html`<output part="input" id=${context.id} class="computed" aria-live="polite"
    >${formatFormulaResult(context.value, context.field, { locale: context.locale }) || '—'}
    <small>${t(context.locale, 'form.readonly')}</small></output
  >`,
};
export default formulaWidget;
