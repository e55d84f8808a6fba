/**
 * RFM fields: the customer's segment (or R, F or M score) as a read-only chip (facts:
 * src/core/fields/types/rfm.ts), `part="chip rfm-<id>"` so a host page may colour segments.
 */
import { html } from 'lit';
import { fieldTypeOf } from '../src/core/fields/index.js';
import { t } from '../src/i18n/index.js';
import type { WidgetDefinition } from './types.js';

export const rfmWidget: WidgetDefinition = {
  type: 'rfm',
  renderCell: (value, field, { locale }) => {
    const text = fieldTypeOf(field).format(value, field, { locale });
    return text ? html`<span part="chip rfm-${String(value)}" class="chip" data-rfm=${String(value)}>${text}</span>` : html``;
  },
  renderOptions: ({ field, locale, onChange, tableId }) => html`<ltc-prediction-options .field=${field} table-id=${tableId ?? ''} locale=${locale} .onChange=${onChange}></ltc-prediction-options>`,
  renderInput: (context) => html`<output part="input" id=${context.id} class="computed" aria-live="polite"
    >${fieldTypeOf(context.field).format(context.value, context.field, { locale: context.locale }) || '—'} <small>${t(context.locale, 'form.readonly')}</small></output
  >`,
};
export default rfmWidget;
