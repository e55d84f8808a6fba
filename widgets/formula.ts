/**
 * Formula fields: read-only cells whose value the formula engine computes. Display follows
 * `options.resultType` by borrowing the matching widget's formatter; spreadsheet error
 * values (`#DIV/0!`, `#VALUE!`, `#REF!` …) show as their code.
 */
import { html } from 'lit';
import type { CellValue, FieldDef } from '../src/core/schema/types.js';
import { t } from '../src/i18n/index.js';
import { getWidget } from './registry.js';
import type { CellContext, WidgetDefinition } from './types.js';
import { compareValues } from './shared.js';

/** An error value from formula evaluation (anything with a spreadsheet error `code`). */
export function formulaErrorCode(value: unknown): string | undefined {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const code = (value as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('#')) return code;
  }
  return undefined;
}

function formatResult(value: unknown, field: FieldDef, context: CellContext): string {
  const error = formulaErrorCode(value);
  if (error) return error;
  if (value === null || value === undefined || value === '') return '';
  const resultType = field.options?.resultType ?? (typeof value === 'number' ? 'number' : 'text');
  if (resultType === 'boolean' || typeof value === 'boolean') return getWidget('checkbox')?.format(value as CellValue, field, context) ?? String(value);
  const widget = getWidget(resultType === 'text' ? 'text' : resultType);
  if (resultType !== 'text' && typeof value === 'number' && widget) return widget.format(value, field, context);
  if (resultType === 'date' && typeof value === 'string') return value.slice(0, 10);
  return String(value);
}

export const formulaWidget: WidgetDefinition = {
  type: 'formula',
  labels: { 'zh-CN': '公式', en: 'Formula' },
  category: 'computed',
  align: 'end',
  isEditable: () => false,
  // Formula values are never typed: whatever comes in is ignored and recomputed.
  coerce: () => ({ ok: true, value: null }),
  format: (value, field, context) => formatResult(value, field, context),
  compare: (a, b) => {
    // Errors sort after every value, as blanks do.
    const ea = formulaErrorCode(a);
    const eb = formulaErrorCode(b);
    if (ea || eb) return ea && eb ? ea.localeCompare(eb) : ea ? 1 : -1;
    return compareValues(a, b);
  },
  renderInput: (context) => html`<output part="input" id=${context.id} class="computed" aria-live="polite"
    >${formatResult(context.value, context.field, { locale: context.locale }) || '—'}
    <small>${t(context.locale, 'form.readonly')}</small></output
  >`,
};
export default formulaWidget;
