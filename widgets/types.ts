/**
 * The widget contract: how one field type is drawn. The facts about the type — stored-value
 * check, coercion, blank, format, sort key, options schema — live in its core definition
 * (src/core/fields, `fieldTypeOf`); a widget adds only rendering: the form input, an optional
 * richer cell, and optionally its own property panel (otherwise the field editor draws one
 * from the type's `options` schema).
 *
 * A site owner's widget for a type ltc-kit does not know may bring the facts itself (labels,
 * coerce, format …): `registerWidget` then registers them as the type's core definition.
 */
import type { TemplateResult } from 'lit';
import type { AppDef, CellValue, FieldDef, FieldOptions, Locale, LocalizedLabels, RecordValues } from '../src/core/schema/types.js';
import type { FieldTypeDef, OptionSpec, ValueSource } from '../src/core/fields/types.js';
import type { MessageKey, MessageParams } from '../src/i18n/index.js';
import type { Store } from '../src/store/types.js';

/** A value problem, as a translation key plus parameters (the field name is added by the caller). */
export interface WidgetIssue {
  key: MessageKey;
  params?: MessageParams;
}

/** The result of turning raw input into a stored value. */
export type CoerceResult = { ok: true; value: CellValue } | { ok: false; issue: WidgetIssue };

/** A record another record can link to, as shown in a relation picker. */
export interface RelationOption {
  id: string;
  label: string;
  /** A second value that tells records with the same name apart (a phone, an order date). */
  detail?: string;
}

/** What an input renderer gets from `<ltc-form>`. */
export interface InputContext {
  /** The id of the input element (the form's `<label for>` points at it). */
  id: string;
  field: FieldDef;
  /** The stored value (or the raw text the user typed when it did not parse yet). */
  value: CellValue;
  locale: Locale;
  invalid: boolean;
  /** Id of the element holding the error message, for `aria-describedby`. */
  describedBy?: string;
  /** Called with the raw input (a string from text inputs, a boolean from checkboxes…). */
  onInput: (raw: unknown) => void;
  /** Options for relation fields, loaded by the form. */
  relationOptions?: RelationOption[];
  /** tags fields: tags other records use, offered as the user types (optional; the form may pass them). */
  tagSuggestions?: readonly string[];
  /** subtable fields: the child table's fields (the form provides them). */
  childFields?: FieldDef[];
  /** subtable fields: the problems of cells, by `row:columnFieldId` (row from 0), shown beside each cell. */
  cellErrors?: Readonly<Record<string, string>>;
  /**
   * attachment / image fields: where picked files are stored (the form's store and app).
   * Without it the file input is shown disabled: a page with no store cannot keep files.
   */
  blobs?: BlobAccess;
}

/** The part of the store a file input uses (src/store/types.ts), and the app its files belong to. */
export interface BlobAccess {
  appId: string;
  store: Pick<Store, 'putBlob' | 'getBlob' | 'deleteBlobs'>;
}

/** What a cell renderer / formatter gets. */
export interface CellContext {
  locale: Locale;
  /** The display label of a record of another table (relations). */
  recordLabel?: (tableId: string, id: string) => string | undefined;
  /** The values of a record of another table (a sub-table cell's total). */
  relatedValues?: (tableId: string, id: string) => RecordValues | undefined;
  /** A field of another table (a sub-table cell formats its total as that field). */
  fieldOf?: (tableId: string, fieldId: string) => FieldDef | undefined;
}

/** What a custom property panel gets from the field editor. */
export interface OptionsContext {
  field: FieldDef;
  locale: Locale;
  /** Merge a change into the draft's options (`undefined` removes a key). */
  onChange: (patch: Partial<FieldOptions>) => void;
  /** The table the field belongs to (panels that list its other fields: lifecycle stages). */
  tableId?: string;
  /** The app being edited (panels that list other tables' fields: a sub-table's child table). */
  app?: AppDef;
}

/** What a widget module exports: the rendering of one field type, and optionally its facts. */
export interface WidgetDefinition {
  /** The field type id this widget draws (`FieldDef.type`). */
  type: string;
  /** The form control. Must render a labelled-by-id control and never render values as HTML. */
  renderInput(context: InputContext): TemplateResult;
  /**
   * Optional richer cell content (a coloured chip for a choice). Must show the same text as
   * the type's `format` (it is the cell's accessible name and tooltip); without it the cell is that text.
   */
  renderCell?(value: CellValue, field: FieldDef, context: CellContext): TemplateResult;
  /** Optional property panel; without it the field editor draws one from the type's `options` schema. */
  renderOptions?(context: OptionsContext): TemplateResult;
  /** Text alignment of cells. */
  align?: 'start' | 'end' | 'center';
  /**
   * True when the input is a group of controls (checkboxes) rather than one: the form then
   * labels it with `aria-labelledby` instead of `<label for>`.
   */
  grouped?: boolean;

  // Facts, for a type with no core definition (a site owner's own). Ignored otherwise.
  /** Palette label per locale. */
  labels?: Required<LocalizedLabels>;
  /** Palette group. */
  category?: FieldTypeDef['category'];
  /** False for values the user never types. */
  isEditable?(field: FieldDef): boolean;
  /** Raw input → stored value (blank input gives `null`). */
  coerce?(raw: unknown, field: FieldDef, source?: ValueSource): CoerceResult;
  /** Constraints on a stored, non-blank value. */
  validate?(value: CellValue, field: FieldDef): WidgetIssue | null;
  /** Plain-text display of a stored value. */
  format?(value: CellValue, field: FieldDef, context: CellContext): string;
  /** Whether a stored value has the right shape (imports, templates). Default: any cell value. */
  checkStored?: FieldTypeDef['checkStored'];
  /** The sort key of a non-blank value. Default: numbers as numbers, anything else as its text. */
  sortKey?: FieldTypeDef['sortKey'];
  /** The options this type reads, validated on import and drawn as its property panel. */
  options?: readonly OptionSpec[];
}

/**
 * A registered widget as elements use it: its rendering plus the facts of the type's core
 * definition (`fieldType`), so `widgetFor(field).coerce(...)` keeps working.
 */
export interface ResolvedWidget {
  type: string;
  labels: Required<LocalizedLabels>;
  category: FieldTypeDef['category'];
  align: 'start' | 'end' | 'center';
  /** The input is a group of controls (see WidgetDefinition.grouped). */
  grouped: boolean;
  /** The core definition the facts come from. */
  fieldType: FieldTypeDef;
  isEditable(field: FieldDef): boolean;
  coerce(raw: unknown, field: FieldDef, source?: ValueSource): CoerceResult;
  validate(value: CellValue, field: FieldDef): WidgetIssue | null;
  format(value: CellValue, field: FieldDef, context: CellContext): string;
  renderInput(context: InputContext): TemplateResult;
  renderCell?(value: CellValue, field: FieldDef, context: CellContext): TemplateResult;
  renderOptions?(context: OptionsContext): TemplateResult;
}
