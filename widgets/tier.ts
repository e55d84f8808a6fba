/**
 * Member tiers: a `<select>` of the levels in their order when the tier is chosen by hand; a
 * read-only chip with "computed from points" when it follows a points field. Chips are
 * tinted with the level's colour like lifecycle stages (through CSSOM, which a strict CSP
 * allows). Facts: src/core/fields/types/tier.ts.
 */
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { FieldDef, Locale, TierLevel } from '../src/core/schema/types.js';
import { isComputedTier, levelLabel, tierLevels } from '../src/core/fields/types/tier.js';
import { tw } from '../src/i18n/widgets-ui.js';
import type { OptionsContext, WidgetDefinition } from './types.js';

const COLOR = /^#[0-9a-fA-F]{3,8}$/;

/** A level as a tinted chip with its label; `part="chip tier-<id>"`. */
export function tierChip(field: FieldDef, id: string, locale: Locale) {
  const color = tierLevels(field).find((level) => level.id === id)?.color;
  const tint = (element?: Element) => {
    if (!(element instanceof HTMLElement)) return;
    if (color && COLOR.test(color)) element.style.setProperty('--chip', color);
    else element.style.removeProperty('--chip');
  };
  return html`<span part="chip tier-${id}" class="chip" data-tier=${id} ${ref(tint)}>${levelLabel(field, id, locale)}</span>`;
}

/**
 * The tier's property panel: its levels as rows (name, English name, colour, least points;
 * add and remove) and the points field it may be computed from (the table's number fields).
 */
function renderTierOptions(context: OptionsContext) {
  const { field, locale, onChange } = context;
  const levels = tierLevels(field);
  const setLevel = (index: number, patch: Partial<TierLevel>) => onChange({ levels: levels.map((level, i) => (i === index ? { ...level, ...patch } : level)) });
  const add = () => {
    let n = levels.length + 1;
    while (levels.some((level) => level.id === `level${n}`)) n += 1;
    const top = levels.reduce((max, level) => Math.max(max, level.minPoints ?? 0), 0);
    onChange({ levels: [...levels, { id: `level${n}`, name: tw(locale, 'tier.newLevel', { n }), minPoints: levels.length ? top + 100 : 0 }] });
  };
  const numberFields = (context.app?.tables.find((t) => t.id === context.tableId)?.fields ?? []).filter((f) => f.type === 'number' && f.id !== field.id);
  const points = field.options?.pointsField ?? '';
  const text = (label: string, value: string, set: (value: string) => void, type = 'text') =>
    html`<label class="tier-cell"
      >${label}<input type=${type} .value=${value} @change=${(event: Event) => set((event.target as HTMLInputElement).value)}
    /></label>`;
  return html`<fieldset class="tier-options">
    <legend>${tw(locale, 'tier.levels')}</legend>
    <ol class="tier-levels">
      ${levels.map(
        (level, index) => html`<li>
          ${text(tw(locale, 'tier.levelName'), level.name, (name) => setLevel(index, { name, labels: { ...level.labels, 'zh-CN': name } }))}
          ${text(tw(locale, 'tier.levelEn'), level.labels?.en ?? '', (en) => setLevel(index, { labels: { ...level.labels, en } }))}
          ${text(tw(locale, 'tier.levelColor'), level.color ?? '#64748b', (color) => setLevel(index, { color }), 'color')}
          ${text(tw(locale, 'tier.levelMin'), level.minPoints === undefined ? '' : String(level.minPoints), (min) => setLevel(index, { minPoints: min.trim() === '' || !Number.isFinite(Number(min)) ? undefined : Number(min) }), 'number')}
          <button type="button" @click=${() => onChange({ levels: levels.filter((_, i) => i !== index) })}>${tw(locale, 'tier.removeLevel', { name: level.name })}</button>
        </li>`,
      )}
    </ol>
    <button type="button" @click=${add}>${tw(locale, 'tier.addLevel')}</button>
    <label class="tier-points"
      >${tw(locale, 'tier.pointsField')}
      <select @change=${(event: Event) => onChange({ pointsField: (event.target as HTMLSelectElement).value || undefined })}>
        <option value="" ?selected=${points === ''}>${tw(locale, 'tier.manual')}</option>
        ${numberFields.map((f) => html`<option value=${f.id} ?selected=${f.id === points}>${f.labels?.[locale] ?? f.name}</option>`)}
      </select></label
    >
  </fieldset>`;
}

export const tierWidget: WidgetDefinition = {
  type: 'tier',
  renderCell: (value, field, { locale }) => (typeof value === 'string' ? tierChip(field, value, locale) : html``),
  renderOptions: renderTierOptions,
  renderInput: (context) => {
    const { field, locale } = context;
    if (isComputedTier(field)) {
      return html`<output part="input" id=${context.id} class="computed" aria-live="polite"
        >${typeof context.value === 'string' ? tierChip(field, context.value, locale) : '—'} <small>${tw(locale, 'tier.computed')}</small></output
      >`;
    }
    return html`<select
      part="input"
      id=${context.id}
      name=${field.id}
      ?required=${!!field.required}
      aria-invalid=${context.invalid ? 'true' : 'false'}
      aria-describedby=${context.describedBy ?? ''}
      @change=${(event: Event) => context.onInput((event.target as HTMLSelectElement).value)}
    >
      <option value="" ?selected=${typeof context.value !== 'string'}>—</option>
      ${tierLevels(field).map((level) => html`<option value=${level.id} ?selected=${level.id === context.value}>${levelLabel(field, level.id, locale)}</option>`)}
    </select>`;
  },
};
export default tierWidget;
