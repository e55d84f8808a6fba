/**
 * The widget registry: field type id → WidgetDefinition. Built-in widgets register
 * themselves from `widgets/index.ts`; a site owner adds their own with `registerWidget`.
 */
import type { FieldDef } from '../src/core/schema/types.js';
import type { WidgetDefinition } from './types.js';

const widgets = new Map<string, WidgetDefinition>();

/** Register (or replace) the widget for `definition.type`. */
export function registerWidget(definition: WidgetDefinition): void {
  if (!definition || typeof definition.type !== 'string' || definition.type === '') {
    throw new TypeError('registerWidget: a widget needs a non-empty string `type`');
  }
  for (const member of ['coerce', 'format', 'renderInput', 'isEditable'] as const) {
    if (typeof definition[member] !== 'function') {
      throw new TypeError(`registerWidget(${definition.type}): \`${member}\` must be a function`);
    }
  }
  widgets.set(definition.type, definition);
}

/** The widget for a field type, or undefined when none is registered. */
export function getWidget(type: string): WidgetDefinition | undefined {
  return widgets.get(type);
}

/** The widget for a field; unknown types fall back to the text widget so nothing is hidden. */
export function widgetFor(field: FieldDef): WidgetDefinition {
  const widget = widgets.get(field.type) ?? widgets.get('text');
  if (!widget) throw new Error('ltc-kit: no widgets registered (import widgets/index.js)');
  return widget;
}

/** Every registered widget, in registration order (the palette order). */
export function listWidgets(): WidgetDefinition[] {
  return [...widgets.values()];
}

/** Type ids of every registered widget (for template validation's `knownFieldTypes`). */
export function registeredFieldTypes(): string[] {
  return [...widgets.keys()];
}
