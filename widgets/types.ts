/**
 * The widget contract: everything ltc-kit knows about one field type lives in one module
 * that exports one `WidgetDefinition` (palette entry, value coercion, validation, input and
 * cell rendering). Elements never switch on field types; they ask the registry.
 */
import type { TemplateResult } from 'lit';
import type { CellValue, FieldDef, Locale, LocalizedLabels } from '../src/core/schema/types.js';
import type { MessageKey, MessageParams } from '../src/i18n/index.js';

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
}

/** What a cell renderer / formatter gets. */
export interface CellContext {
  locale: Locale;
  /** The display label of a record of another table (relations). */
  recordLabel?: (tableId: string, id: string) => string | undefined;
}

export interface WidgetDefinition {
  /** The field type id this widget handles (`FieldDef.type`). */
  type: string;
  /** Palette label per locale. */
  labels: Required<LocalizedLabels>;
  /** Palette group. */
  category: 'basic' | 'choice' | 'datetime' | 'relation' | 'computed';
  /** False for values the user never types (formulas, inverse relations). */
  isEditable(field: FieldDef): boolean;
  /**
   * Turn raw input — text typed in an input, a CSV cell, a JSON value from an import — into
   * the stored representation, or say what is wrong. Blank input gives `null`.
   */
  coerce(raw: unknown, field: FieldDef): CoerceResult;
  /** Check a stored, non-blank value against the field's constraints (min, max, length…). */
  validate?(value: CellValue, field: FieldDef): WidgetIssue | null;
  /** Plain-text display of a stored value (cells, exports, relation labels). */
  format(value: CellValue, field: FieldDef, context: CellContext): string;
  /** Order two stored values for sorting (blanks are handled by the caller). */
  compare?(a: CellValue, b: CellValue, field: FieldDef): number;
  /** The form control. Must render a labelled-by-id control and never render values as HTML. */
  renderInput(context: InputContext): TemplateResult;
  /**
   * Optional richer cell content (a coloured chip for a choice). Must show the same text as
   * `format` (it is the cell's accessible name and tooltip); without it the cell is that text.
   */
  renderCell?(value: CellValue, field: FieldDef, context: CellContext): TemplateResult;
  /** Text alignment of cells. */
  align?: 'start' | 'end' | 'center';
}
