/**
 * Lifecycle stage fields: a read-only chip per stage, in the table's cells and as the
 * form's computed output (facts: src/core/fields/types/stage.ts). Each stage has a colour a
 * host page may restyle through `--ltc-stage-<id>` (`--ltc-stage-silent: #b45309`); the chip
 * tints its background with it and keeps the text in the page's colour, so the label stays
 * readable on every stage. Colours are set through CSSOM, which a strict CSP allows.
 */
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Locale } from '../src/core/schema/types.js';
import { STAGE_LABELS, isLifecycleStage, type LifecycleStage } from '../src/core/lifecycle/stage.js';
import { t } from '../src/i18n/index.js';
import type { WidgetDefinition } from './types.js';

/** The default colour of each stage (grey, blue, green, amber, red). */
const STAGE_COLORS: Record<LifecycleStage, string> = { potential: '#64748b', new: '#2563eb', active: '#16a34a', silent: '#d97706', churned: '#dc2626' };

/** A stage as a tinted chip with its name; `part="chip stage-<id>"`. */
export function stageChip(stage: LifecycleStage, locale: Locale) {
  const tint = (element?: Element) => {
    if (element instanceof HTMLElement) element.style.setProperty('--chip', `var(--ltc-stage-${stage}, ${STAGE_COLORS[stage]})`);
  };
  return html`<span part="chip stage-${stage}" class="chip" data-stage=${stage} ${ref(tint)}>${STAGE_LABELS[stage][locale]}</span>`;
}

export const stageWidget: WidgetDefinition = {
  type: 'stage',
  renderCell: (value, _field, { locale }) => (isLifecycleStage(value) ? stageChip(value, locale) : html``),
  renderInput: (context) => html`<output part="input" id=${context.id} class="computed" aria-live="polite"
    >${isLifecycleStage(context.value) ? stageChip(context.value, context.locale) : '—'} <small>${t(context.locale, 'form.readonly')}</small></output
  >`,
};
export default stageWidget;
