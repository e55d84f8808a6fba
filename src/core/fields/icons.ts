/**
 * Palette icons of the first fifteen field types (and of the later ones defined without one): SVG paths (`d`) on a 24×24 grid. They live
 * here rather than in each type's definition because those load with the script-tag bundle,
 * which has no room for them; the palette (designer script) asks `fieldTypeIcon`, which
 * prefers a type's own `icon` (every type added since has one, and so may a site owner's).
 */
import { fieldTypeOf } from './index.js';

const BUILTIN_ICONS: Record<string, string> = {
  text: 'M4 5h16v3h-2V7h-5v10h2v2H9v-2h2V7H6v1H4z',
  textarea: 'M4 5h16v2H4zm0 4h16v2H4zm0 4h16v2H4zm0 4h10v2H4z',
  number: 'M9 3l-1 6H4v2h3.7l-.6 4H3v2h3.8L6 21h2l.8-4h4l-.8 4h2l.8-4H19v-2h-3.8l.6-4H20V9h-3.8l1-6h-2l-1 6h-4l1-6zm.7 8h4l-.6 4h-4z',
  money: 'M7 3l5 7 5-7h2.4l-5.4 7.5H18v2h-5v2h5v2h-5V21h-2v-4.5H6v-2h5v-2H6v-2h4L4.6 3z',
  percent: 'M7 4a3 3 0 1 1 0 6 3 3 0 0 1 0-6zm10 10a3 3 0 1 1 0 6 3 3 0 0 1 0-6zM18 4h2L6 20H4z',
  date: 'M7 2h2v2h6V2h2v2h3v17H4V4h3zm-1 7v10h12V9z',
  datetime: 'M7 2h2v2h6V2h2v2h3v7h-2V9H6v10h5v2H4V4h3zm10 10a5 5 0 1 1 0 10 5 5 0 0 1 0-10zm-1 2v3.4l2.3 1.4.7-1.2-1.5-.9V14z',
  select: 'M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18zm0 5a4 4 0 1 0 0 8 4 4 0 0 0 0-8z',
  multiselect: 'M3 4h7v7H3zm2 2v3h3V6zm6 0h10v2H11zM3 13h7v7H3zm2 2v3h3v-3zm6 0h10v2H11z',
  checkbox: 'M4 4h16v16H4zm2 2v12h12V6zm3.5 5L11 12.5 15 8.5l1.5 1.5-5.5 5.5-3-3z',
  phone: 'M6.6 3l3 4-1.8 2.2a12 12 0 0 0 7 7l2.2-1.8 4 3-1.6 3.6C10.8 21 3 13.2 3 4.6z',
  email: 'M3 5h18v14H3zm2 2v.5l7 4.5 7-4.5V7zm0 2.8V17h14V9.8l-7 4.5z',
  relation: 'M10 7h4a5 5 0 0 1 0 10h-1v-2h1a3 3 0 0 0 0-6h-4a3 3 0 0 0 0 6v2a5 5 0 0 1 0-10zm-3 4h10v2H7z',
  formula: 'M14 3h4v2h-4l-1.4 5H16v2h-3.9L10 19.5A2 2 0 0 1 8 21H5v-2h3l2-7H7v-2h3.6l1.6-5.6A2 2 0 0 1 14 3z',
  stage: 'M3 17l5-5 4 4 6-8 3 2-9 11-4-4-3 3z',
  // Line items, files and addresses (their types are defined without an icon of their own).
  subtable: 'M3 4h18v16H3zm2 2v3h14V6zm0 5v3h6v-3zm8 0v3h6v-3zm-8 5v2h6v-2zm8 0v2h6v-2z',
  attachment: 'M16.5 6v10.5a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6H9v9.5a3 3 0 0 0 6 0V5a4.5 4.5 0 0 0-9 0v11.5a6 6 0 0 0 12 0V6z',
  image: 'M3 4h18v16H3zm2 2v9.6l4-4 3 3 4-5 3 3.8V6zm4 1.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3z',
  address: 'M12 2a7 7 0 0 1 7 7c0 5-7 13-7 13S5 14 5 9a7 7 0 0 1 7-7zm0 4a3 3 0 1 0 0 6 3 3 0 0 0 0-6z',
  prediction: 'M3 19h18v2H3zm2-3l4-5 3 3 5-7 3 2-8 10-3-3-2.5 3z',
  rfm: 'M4 4h7v7H4zm9 0h7v7h-7zM4 13h7v7H4zm9 0h7v7h-7z',
};

/** A generic icon for a type with none (a site owner's type registered without one). */
export const GENERIC_FIELD_ICON = 'M4 4h16v16H4zm2 2v12h12V6z';

/** The palette icon of a field type: its own `icon`, a built-in one, or the generic one. */
export function fieldTypeIcon(type: string): string {
  return fieldTypeOf(type).icon ?? BUILTIN_ICONS[type] ?? GENERIC_FIELD_ICON;
}
