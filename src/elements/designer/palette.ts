/**
 * The designer's palette: every registered field type (`listFieldTypes()`) grouped by its
 * category, with its icon (`fieldTypeIcon`: the type's own SVG path, a built-in one or a
 * generic glyph) and label in the UI language, then the layout items (section heading,
 * description text).
 */
import { html } from 'lit';
import { listFieldTypes } from '../../core/fields/index.js';
import { fieldTypeIcon } from '../../core/fields/icons.js';
import type { FieldTypeDef } from '../../core/fields/types.js';
import type { Locale } from '../../core/schema/types.js';
import { td, type DesignerKey } from '../../i18n/designer-ui.js';

/** The palette type of a layout item: `layout:heading`, `layout:text`. */
export const LAYOUT_PREFIX = 'layout:';

/** One palette entry. */
export interface PaletteEntry {
  /** A field type id, or `layout:heading` / `layout:text`. */
  type: string;
  label: string;
  icon: string;
}

/** A category of the palette, in display order. */
export interface PaletteGroup {
  category: FieldTypeDef['category'];
  label: string;
  entries: PaletteEntry[];
}

const CATEGORIES: ReadonlyArray<FieldTypeDef['category']> = ['basic', 'choice', 'datetime', 'relation', 'computed', 'layout'];

const HEADING_ICON = 'M5 5h2v6h6V5h2v14h-2v-6H7v6H5zm13 6h2v8h-2z';
const TEXT_ICON = 'M4 6h16v2H4zm0 4h16v2H4zm0 4h10v2H4z';

/** The palette in the UI language: field types by category, layout items last. */
export function paletteGroups(locale: Locale): PaletteGroup[] {
  const types = listFieldTypes();
  const groups = CATEGORIES.map((category) => ({
    category,
    label: td(locale, `designer.category.${category}` as DesignerKey),
    entries: types.filter((def) => def.category === category).map((def) => ({ type: def.type, label: def.labels[locale], icon: fieldTypeIcon(def.type) })),
  }));
  const layout = groups.find((g) => g.category === 'layout')!;
  layout.entries.push(
    { type: `${LAYOUT_PREFIX}heading`, label: td(locale, 'designer.heading'), icon: HEADING_ICON },
    { type: `${LAYOUT_PREFIX}text`, label: td(locale, 'designer.text'), icon: TEXT_ICON },
  );
  return groups.filter((g) => g.entries.length > 0);
}

/** The label of a palette type (for announcements). */
export function paletteLabel(type: string, locale: Locale): string {
  for (const group of paletteGroups(locale)) for (const entry of group.entries) if (entry.type === type) return entry.label;
  return type;
}

/** An icon as inline SVG (a path only: no markup from the type is ever parsed). */
export function renderIcon(path: string) {
  return html`<svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false"><path d=${path} fill="currentColor"></path></svg>`;
}

/** Renders the palette; `onPointerDown` starts a drag, `onAdd` adds an entry after the selection. */
export function renderPalette(locale: Locale, onAdd: (type: string) => void, onPointerDown: (event: PointerEvent, type: string) => void) {
  return html`${paletteGroups(locale).map(
    (group) => html`<section class="palette-group" aria-labelledby=${`pg-${group.category}`}>
      <h3 id=${`pg-${group.category}`}>${group.label}</h3>
      <ul>
        ${group.entries.map(
          (entry) => html`<li>
            <button
              type="button"
              class="palette-item"
              data-type=${entry.type}
              aria-describedby="palette-hint"
              @click=${() => onAdd(entry.type)}
              @pointerdown=${(event: PointerEvent) => onPointerDown(event, entry.type)}
            >
              ${renderIcon(entry.icon)}<span>${entry.label}</span>
            </button>
          </li>`,
        )}
      </ul>
    </section>`,
  )}`;
}
