/** Single select: the record stores a choice id; the choice's label is shown. */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ref } from 'lit/directives/ref.js';
import type { ChoiceDef, FieldDef, Locale } from '../src/core/schema/types.js';
import { labelOf, t } from '../src/i18n/index.js';
import type { WidgetDefinition } from './types.js';
import { compareValues, isBlank } from './shared.js';

/** Find a choice by id, or by its name / a label (what a CSV or a person would write). */
export function findChoice(field: FieldDef, raw: string): ChoiceDef | undefined {
  const choices = field.options?.choices ?? [];
  const text = raw.trim();
  return (
    choices.find((c) => c.id === text) ??
    choices.find((c) => c.name === text || Object.values(c.labels ?? {}).includes(text))
  );
}

export function choiceLabel(field: FieldDef, id: string, locale: Locale): string {
  const choice = (field.options?.choices ?? []).find((c) => c.id === id);
  return choice ? labelOf(choice, locale) : id;
}

/** Order by position in the choice list (the order the user designed), not alphabetically. */
export function choiceIndex(field: FieldDef, id: unknown): number {
  const index = (field.options?.choices ?? []).findIndex((c) => c.id === id);
  return index === -1 ? Number.MAX_SAFE_INTEGER : index;
}

/** A choice as a chip tinted with its colour (the colour is the template's, never user HTML). */
export function choiceChip(field: FieldDef, id: string, locale: Locale) {
  const choice = (field.options?.choices ?? []).find((c) => c.id === id);
  const color = choice?.color && /^#[0-9a-fA-F]{3,8}$/.test(choice.color) ? choice.color : undefined;
  // Set through CSSOM (style.setProperty): a style attribute — which is also what styleMap
  // writes on first render — is blocked by a strict CSP (style-src-attr).
  const tint = (element?: Element) => {
    if (element instanceof HTMLElement) {
      if (color) element.style.setProperty('--chip', color);
      else element.style.removeProperty('--chip');
    }
  };
  return html`<span part="chip" class="chip" ${ref(tint)}>${choiceLabel(field, id, locale)}</span>`;
}

export const selectWidget: WidgetDefinition = {
  type: 'select',
  labels: { 'zh-CN': '单选', en: 'Single select' },
  category: 'choice',
  isEditable: () => true,
  coerce(raw, field) {
    if (isBlank(raw)) return { ok: true, value: null };
    if (typeof raw !== 'string') return { ok: false, issue: { key: 'field.choice' } };
    const choice = findChoice(field, raw);
    return choice ? { ok: true, value: choice.id } : { ok: false, issue: { key: 'field.choice' } };
  },
  format: (value, field, { locale }) => (typeof value === 'string' ? choiceLabel(field, value, locale) : ''),
  compare: (a, b, field) => choiceIndex(field, a) - choiceIndex(field, b) || compareValues(a, b),
  renderCell: (value, field, { locale }) => (typeof value === 'string' ? choiceChip(field, value, locale) : html``),
  renderInput: (context) => html`<select
    part="input"
    id=${context.id}
    name=${context.field.id}
    ?required=${!!context.field.required}
    aria-invalid=${context.invalid ? 'true' : 'false'}
    aria-describedby=${ifDefined(context.describedBy)}
    @change=${(event: Event) => context.onInput((event.target as HTMLSelectElement).value)}
  >
    <option value="" ?selected=${isBlank(context.value)}>${t(context.locale, 'form.selectPlaceholder')}</option>
    ${(context.field.options?.choices ?? []).map(
      (choice) => html`<option value=${choice.id} ?selected=${choice.id === context.value}>${labelOf(choice, context.locale)}</option>`,
    )}
  </select>`,
};
export default selectWidget;
