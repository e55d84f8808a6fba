/**
 * Prediction fields: read-only values from the fitted model (facts:
 * src/core/fields/types/prediction.ts). P(alive) cells are a churn-risk badge — the level's
 * name and the percentage — tinted per level through `--ltc-churn-high`, `--ltc-churn-medium`,
 * `--ltc-churn-low` (set through CSSOM, which a strict CSP allows); without a usable fit a cell
 * shows why (too little data, no convergence, not fitted), never a number.
 */
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { CellValue, FieldDef, Locale } from '../src/core/schema/types.js';
import { churnRisk, formatPrediction, isPredictionIssue, type ChurnRisk } from '../src/core/fields/types/prediction.js';
import { t } from '../src/i18n/index.js';
import type { WidgetDefinition } from './types.js';

/** The default colour of each churn-risk level. */
const RISK_COLORS: Record<ChurnRisk, string> = { high: '#dc2626', medium: '#d97706', low: '#16a34a' };

/** A prediction's cell content: an issue's message, a churn-risk badge or the number as text. */
export function predictionCell(value: CellValue, field: FieldDef, locale: Locale) {
  const text = formatPrediction(value, field, locale);
  if (isPredictionIssue(value)) return html`<span part="prediction-issue" class="issue" data-issue=${value.reason}>${text}</span>`;
  if ((field.options?.predict ?? 'purchases') !== 'alive' || typeof value !== 'number') return html`${text}`;
  const risk = churnRisk(value, field);
  const tint = (element?: Element) => {
    if (element instanceof HTMLElement) element.style.setProperty('--chip', `var(--ltc-churn-${risk}, ${RISK_COLORS[risk]})`);
  };
  return html`<span part="chip churn-${risk}" class="chip" data-risk=${risk} ${ref(tint)}>${text}</span>`;
}

export const predictionWidget: WidgetDefinition = {
  type: 'prediction',
  align: 'end',
  renderCell: (value, field, { locale }) => predictionCell(value, field, locale),
  // The panel is <ltc-prediction-options>, defined by the designer script with the field editor.
  renderOptions: ({ field, locale, onChange, tableId }) => html`<ltc-prediction-options .field=${field} table-id=${tableId ?? ''} locale=${locale} .onChange=${onChange}></ltc-prediction-options>`,
  renderInput: (context) => html`<output part="input" id=${context.id} class="computed" aria-live="polite"
    >${formatPrediction(context.value, context.field, context.locale) || '—'} <small>${t(context.locale, 'form.readonly')}</small></output
  >`,
};
export default predictionWidget;
