/**
 * The widget registry: field type id → rendering. Built-in widgets register from
 * `widgets/index.ts`; a site owner adds their own with `registerWidget`. The facts about a
 * type come from its core definition (`fieldTypeOf`, src/core/fields); `widgetFor` joins the
 * two for elements.
 */
import type { FieldDef } from '../src/core/schema/types.js';
import { defineFieldType, fieldTypeOf, isKnownFieldType, listFieldTypes, registerFieldType } from '../src/core/fields/index.js';
import type { FieldTypeDef } from '../src/core/fields/types.js';
import type { ResolvedWidget, WidgetDefinition, WidgetIssue } from './types.js';

const widgets = new Map<string, ResolvedWidget>();

/** The core definition a widget that brings its own facts describes. */
function fieldTypeFrom(definition: WidgetDefinition, base: FieldTypeDef | undefined): FieldTypeDef {
  const { labels, category, coerce, format } = definition;
  if (!labels?.['zh-CN'] || !labels.en) throw new TypeError(`registerWidget(${definition.type}): a new field type needs \`labels\` in zh-CN and en`);
  if (typeof coerce !== 'function' || typeof format !== 'function') {
    throw new TypeError(`registerWidget(${definition.type}): a new field type needs \`coerce\` and \`format\` functions`);
  }
  const editable = definition.isEditable;
  return defineFieldType({
    ...(base ?? {}),
    type: definition.type,
    labels,
    category: category ?? base?.category ?? 'basic',
    isDerived: editable ? (field) => !editable(field) : (base?.isDerived ?? (() => false)),
    coerce: (raw, field, source) => coerce(raw, field, source),
    format: (value, field, context) => format(value, field, context),
    validate: definition.validate ? (value, field) => definition.validate!(value, field) : (base?.validate ?? (() => null)),
    // A site owner's type stores whatever its coerce produces; a custom check may be stricter.
    checkStored: definition.checkStored ?? base?.checkStored ?? (() => null),
    ...(definition.sortKey ? { sortKey: definition.sortKey } : {}),
    options: definition.options ?? base?.options ?? [],
  });
}

function resolve(definition: WidgetDefinition, type: FieldTypeDef): ResolvedWidget {
  const resolved: ResolvedWidget = {
    type: definition.type,
    labels: type.labels,
    category: type.category,
    align: definition.align ?? 'start',
    grouped: definition.grouped ?? false,
    fieldType: type,
    isEditable: (field) => !type.isDerived(field),
    // Issue keys of the core definitions are translation keys of src/i18n.
    coerce: (raw, field, source) => type.coerce(raw, field, source) as ReturnType<ResolvedWidget['coerce']>,
    validate: (value, field) => type.validate(value, field) as WidgetIssue | null,
    format: (value, field, context) => type.format(value, field, context),
    renderInput: (context) => definition.renderInput(context),
  };
  if (definition.renderCell) resolved.renderCell = (value, field, context) => definition.renderCell!(value, field, context);
  if (definition.renderOptions) resolved.renderOptions = (context) => definition.renderOptions!(context);
  return resolved;
}

/**
 * Register the widget for `definition.type`. A type that already has a widget (every
 * built-in one does) is refused unless `{ replace: true }`, so a typo cannot silently change
 * how every app draws money. A widget that brings facts (`coerce`, `format`, `labels`) for a
 * type without a core definition registers them too (with `replace`, it replaces them).
 * @throws TypeError for a malformed definition or an unrequested replacement.
 */
export function registerWidget(definition: WidgetDefinition, options: { replace?: boolean } = {}): void {
  if (!definition || typeof definition.type !== 'string' || definition.type === '') {
    throw new TypeError('registerWidget: a widget needs a non-empty string `type`');
  }
  for (const member of ['renderInput', 'coerce', 'format', 'isEditable', 'renderCell', 'renderOptions', 'validate'] as const) {
    const value = definition[member];
    if ((member === 'renderInput' || value !== undefined) && typeof value !== 'function') {
      throw new TypeError(`registerWidget(${definition.type}): \`${member}\` must be a function`);
    }
  }
  if (widgets.has(definition.type) && !options.replace) {
    throw new TypeError(`registerWidget: a widget for "${definition.type}" is already registered; pass { replace: true } to replace it`);
  }
  const known = isKnownFieldType(definition.type);
  let type: FieldTypeDef;
  if (definition.coerce && (!known || options.replace)) {
    type = fieldTypeFrom(definition, known ? fieldTypeOf(definition.type) : undefined);
    registerFieldType(type, { replace: known });
  } else if (known) {
    type = fieldTypeOf(definition.type);
  } else {
    throw new TypeError(
      `registerWidget(${definition.type}): no field type "${definition.type}" is registered; give the widget \`labels\`, \`coerce\` and \`format\` or call registerFieldType first`,
    );
  }
  widgets.set(definition.type, resolve(definition, type));
}

/** The widget for a field type, or undefined when none is registered. */
export function getWidget(type: string): ResolvedWidget | undefined {
  return widgets.get(type);
}

/**
 * The widget for a field; a type without a widget is drawn with the text widget (and the
 * facts of its own core definition, so nothing is hidden or coerced away).
 */
export function widgetFor(field: FieldDef): ResolvedWidget {
  const widget = widgets.get(field.type);
  if (widget) return widget;
  const text = widgets.get('text');
  if (!text) throw new Error('ltc-kit: no widgets registered (import widgets/index.js)');
  const type = fieldTypeOf(field);
  return { ...text, type: field.type, labels: type.labels, category: type.category, fieldType: type, ...resolveFacts(type) };
}

function resolveFacts(type: FieldTypeDef): Pick<ResolvedWidget, 'isEditable' | 'coerce' | 'validate' | 'format'> {
  return {
    isEditable: (field) => !type.isDerived(field),
    coerce: (raw, field, source) => type.coerce(raw, field, source) as ReturnType<ResolvedWidget['coerce']>,
    validate: (value, field) => type.validate(value, field) as WidgetIssue | null,
    format: (value, field, context) => type.format(value, field, context),
  };
}

/** Every registered widget, in field-type order (the palette order). */
export function listWidgets(): ResolvedWidget[] {
  return listFieldTypes()
    .map((type) => widgets.get(type.type))
    .filter((widget): widget is ResolvedWidget => widget !== undefined);
}

/** Type ids of every registered widget (for template validation's `knownFieldTypes`). */
export function registeredFieldTypes(): string[] {
  return listWidgets().map((widget) => widget.type);
}
