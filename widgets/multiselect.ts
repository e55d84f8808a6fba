/** Multiple select: the record stores an array of choice ids, in choice order. */
import { html } from 'lit';
import type { WidgetDefinition } from './types.js';
import { choiceChip, choiceIndex, choiceLabel, findChoice } from './select.js';
import { compareValues, isBlank } from './shared.js';

export const multiselectWidget: WidgetDefinition = {
  type: 'multiselect',
  labels: { 'zh-CN': '多选', en: 'Multiple select' },
  category: 'choice',
  isEditable: () => true,
  coerce(raw, field) {
    if (isBlank(raw)) return { ok: true, value: null };
    // Text from a CSV cell: "a, b" or "a；b" or "a、b".
    const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[,，;；、|]/) : undefined;
    if (!items) return { ok: false, issue: { key: 'field.choice' } };
    const ids: string[] = [];
    for (const item of items) {
      if (typeof item !== 'string') return { ok: false, issue: { key: 'field.choice' } };
      if (item.trim() === '') continue;
      const choice = findChoice(field, item);
      if (!choice) return { ok: false, issue: { key: 'field.choice' } };
      if (!ids.includes(choice.id)) ids.push(choice.id);
    }
    ids.sort((a, b) => choiceIndex(field, a) - choiceIndex(field, b));
    return { ok: true, value: ids.length ? ids : null };
  },
  format: (value, field, { locale }) => (Array.isArray(value) ? value.map((id) => choiceLabel(field, id, locale)).join(', ') : ''),
  compare: compareValues,
  renderCell: (value, field, { locale }) => html`${(Array.isArray(value) ? value : []).map((id) => choiceChip(field, id, locale))}`,
  renderInput: (context) => {
    const selected = new Set(Array.isArray(context.value) ? context.value : []);
    const toggle = (id: string, on: boolean) => {
      const next = new Set(selected);
      if (on) next.add(id);
      else next.delete(id);
      context.onInput([...next]);
    };
    return html`<div part="input" class="choices" role="group" id=${context.id} aria-invalid=${context.invalid ? 'true' : 'false'}>
      ${(context.field.options?.choices ?? []).map(
        (choice) => html`<label class="choice"
          ><input type="checkbox" .checked=${selected.has(choice.id)} @change=${(e: Event) => toggle(choice.id, (e.target as HTMLInputElement).checked)} />
          ${choiceLabel(context.field, choice.id, context.locale)}</label
        >`,
      )}
    </div>`;
  },
};
export default multiselectWidget;
