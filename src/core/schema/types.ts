/**
 * The ltc-kit data model: apps, tables, fields, records, templates and export files.
 *
 * These are plain JSON shapes (no classes) so that they cross every boundary unchanged:
 * IndexedDB, BroadcastChannel, export files, template files. Untrusted JSON becomes one of
 * these types only through the validators in `./validate.ts`, never through a cast.
 */

import type { RuleDef } from '../rules/model.js';
import type { FormDef } from '../forms/model.js';
import type { ClvFitDef } from '../lifecycle/fit-summary.js';
import type { DashboardDef } from '../dashboards/model.js';

/** A locale code the UI ships with. */
export type Locale = 'zh-CN' | 'en';

/** Display labels per locale; the entity's `name` is the fallback. */
export type LocalizedLabels = Partial<Record<Locale, string>>;

/** Field types ltc-kit ships with. Site owners can add more through the widget registry. */
export type BuiltinFieldType =
  | 'text'
  | 'textarea'
  | 'number'
  | 'money'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'select'
  | 'multiselect'
  | 'checkbox'
  | 'phone'
  | 'email'
  | 'relation'
  | 'formula'
  | 'stage'
  // Widgets of issue 12, part A (facts registered by src/core/fields/extra-types.ts).
  | 'rating'
  | 'tags'
  | 'tier'
  | 'assignee'
  | 'serial'
  | 'createdTime'
  | 'updatedTime'
  // Predictions (BG/NBD + Gamma-Gamma) and RFM segments (docs/predictive-clv.md "Fields").
  | 'prediction'
  | 'rfm';

/** A field type id: a builtin or one registered by a site owner. */
export type FieldType = BuiltinFieldType | (string & {});

/** One level of a tier field (会员等级): a choice with the points from which it applies. */
export interface TierLevel {
  id: string;
  name: string;
  labels?: LocalizedLabels;
  /** `#rgb` / `#rrggbb`: the chip's tint. */
  color?: string;
  /** With `pointsField`: the least points of this level. */
  minPoints?: number;
}

/** One choice of a select / multiselect field. `id` is what records store. */
export interface ChoiceDef {
  id: string;
  name: string;
  labels?: LocalizedLabels;
  /** A CSS colour for the chip, e.g. `#3b82f6`. */
  color?: string;
}

/** Result types a formula can produce (drives the cell renderer and formatting). */
export type FormulaResultType = 'number' | 'money' | 'percent' | 'text' | 'date' | 'boolean';

/**
 * Type-specific settings. Every key is optional; each widget documents which it reads.
 * Kept as one flat bag (rather than a union per type) so that a field can change type
 * without losing settings the user typed.
 */
export interface FieldOptions {
  /** number / money / percent: digits after the decimal point shown (values are not rounded). */
  precision?: number;
  /** number / money / percent: inclusive bounds checked by validation. */
  min?: number;
  max?: number;
  /** money: ISO 4217 code, default `CNY`. */
  currency?: string;
  /** text / textarea: maximum length in characters. */
  maxLength?: number;
  /** select / multiselect: the choices, in display order. */
  choices?: ChoiceDef[];
  /** relation: id of the table this field points into. */
  table?: string;
  /** relation: whether several records may be linked (value is an array of ids). */
  multiple?: boolean;
  /**
   * relation: when set, this field is the read-only inverse of the relation field with this
   * id in `table` (e.g. customer.订单 is the inverse of order.客户). Its value is derived
   * from the other side and never stored.
   */
  inverseOf?: string;
  /** formula: the source text as the user wrote it, referring to fields as `{name}`. */
  formula?: string;
  /** formula: the type the result is displayed as. */
  resultType?: FormulaResultType;
  /**
   * formula: the compiled JSON Logic (fields by id), kept beside the source so that any JSON
   * Logic evaluator can run the formula. Derived from `formula` on every save; the source
   * is the truth and is recompiled when it does not match.
   */
  logic?: unknown;
  /** formula: the field ids the formula reads (`relationId.fieldId` through a relation). */
  deps?: string[];
  /** stage: id of the inverse relation field of this table whose records are counted (a customer's orders). */
  source?: string;
  /** stage: id of the date field of the related table whose latest value decides recency. */
  dateField?: string;
  /** stage: JSON Logic over one related record (fields by id); only records it is true for count. Absent: all. */
  countWhen?: unknown;
  /** stage: more than this many days since the last counted record → silent (default 60). */
  silentAfterDays?: number;
  /** stage: more than this many days → churned (default 180; more than silentAfterDays). */
  churnedAfterDays?: number;
  /** stage: counted records needed for active rather than new (default 2). */
  activeMinOrders?: number;
  /** text / textarea / phone / email: minimum length in characters. */
  minLength?: number;
  /**
   * text: a regular expression (JavaScript syntax, whole value) the value must match.
   * serial (自动编号): the number's pattern, e.g. `SO{YYYYMMDD}{seq:3}` → SO20260921001.
   */
  pattern?: string;
  /** text: the message shown when `pattern` does not match, per locale. */
  patternMessage?: LocalizedLabels;
  /**
   * subtable (line items): the child table is `table`, linked back by its relation field
   * `inverseOf` (like an inverse relation, the rows are child records, never stored in the
   * parent). `columns`: child field ids shown as columns (default: all but the link back).
   */
  columns?: string[];
  /** subtable: the child number / money field summed in the total row (an order line's amount). */
  totalField?: string;
  /** subtable: the parent's stored number / money field that receives the total on save (the order amount). */
  totalInto?: string;
  /** tier (会员等级): the ordered levels, lowest first; records store a level id. */
  levels?: TierLevel[];
  /** tier: id of a number field of the same table; when set the level is computed from it (read-only). */
  pointsField?: string;
  /** attachment / image: the largest file accepted, in MB (default 10). */
  maxSizeMb?: number;
  /** attachment / image: the most all files of one record's field may add up to, in MB (default 50). */
  maxTotalMb?: number;
  /** prediction / rfm: id of the money or number field of the related table that holds an order's value. */
  amountField?: string;
  /** prediction: what is predicted — expected purchases, P(alive) as a churn-risk badge, or CLV. */
  predict?: 'purchases' | 'alive' | 'clv';
  /** prediction `purchases`: the horizon in days (default 90). */
  horizonDays?: number;
  /** prediction `clv`: the horizon in months (default 12). */
  horizonMonths?: number;
  /** prediction `clv`: the monthly discount rate as a fraction (default 0.01). */
  discountRatePerMonth?: number;
  /** prediction `clv`: the gross margin as a fraction applied to predicted spend (default 1). */
  margin?: number;
  /** prediction `alive`: P(alive) below this is high churn risk (default 0.3). */
  churnHighBelow?: number;
  /** prediction `alive`: P(alive) from this up is low churn risk (default 0.7; between the two: medium). */
  churnLowFrom?: number;
  /** rfm: what the field shows — the segment (default) or one of the 1–5 scores. */
  rfmOutput?: 'segment' | 'recency' | 'frequency' | 'monetary';
  /** Default value for new records (already in the stored representation). */
  defaultValue?: CellValue;
  /** Free-form placeholder shown in empty inputs. */
  placeholder?: string;
}

/** A column of a table. */
export interface FieldDef {
  /** Stable id, unique within its table; records key their values by it. */
  id: string;
  /** Display name, unique within its table; formulas refer to it as `{name}`. */
  name: string;
  type: FieldType;
  labels?: LocalizedLabels;
  description?: string;
  required?: boolean;
  /** Unique values only (checked on write). */
  unique?: boolean;
  options?: FieldOptions;
  /**
   * Removed from the table's forms and views but kept with its values, so that it can be
   * restored (the designer archives a field that holds data instead of deleting it).
   */
  archived?: boolean;
}

/** A table (form + list) of an app. */
export interface TableDef {
  id: string;
  name: string;
  labels?: LocalizedLabels;
  description?: string;
  /** The field whose value names a record (shown in relation chips, titles). */
  primaryFieldId: string;
  fields: FieldDef[];
  /** Saved views of the table's grid (filter, sort, group, columns), in tab order. */
  views?: ViewDef[];
  /** The table's forms (src/core/forms/model.ts); without any, a default form of its fields. */
  forms?: FormDef[];
  /**
   * A table ltc-kit keeps for itself (the rules' run log): exported with the app, shown in
   * its own views rather than in the table list, and never a rule's trigger.
   */
  system?: 'rule-runs';
}

/**
 * A saved view of a table: how its grid shows the records. Stored in the app definition and
 * exported with it. CONTRACT (shared by parallel work): keep these names.
 */
export interface ViewDef {
  /** Stable id, unique within its table. */
  id: string;
  name: string;
  labels?: LocalizedLabels;
  /**
   * Column order, visibility and width (px). Fields not listed follow in table order,
   * visible; entries naming a field the table no longer has are ignored.
   */
  columns?: ViewColumn[];
  /** How many leading visible columns stay in place when scrolling sideways (default 1). */
  frozen?: number;
  /** Sort levels, first decides first. */
  sort?: ViewSort[];
  /** Only records matching this JSON Logic condition (built with `<ltc-condition-builder>`). */
  filter?: unknown;
  group?: ViewGroup;
}

export interface ViewColumn {
  fieldId: string;
  hidden?: boolean;
  /** Width in CSS pixels (40–800). */
  width?: number;
}

export interface ViewSort {
  fieldId: string;
  direction: 'asc' | 'desc';
}

/** Group rows by one field: a choice, a stage, a relation, a checkbox, or a date by period. */
export interface ViewGroup {
  fieldId: string;
  /** For date fields: the period a group spans (default `month`). */
  by?: 'day' | 'week' | 'month' | 'year';
  /** Number / money / percent fields summed in each group's header (count is always shown). */
  sums?: string[];
  /** Group keys shown collapsed. */
  collapsed?: string[];
}

/** A user-built app: its tables and (later) forms, views, rules, dashboards. */
export interface AppDef {
  /** Stable id; also the `app-id` attribute of `<ltc-app>`. */
  id: string;
  name: string;
  labels?: LocalizedLabels;
  description?: string;
  /** The template this app was cloned from, if any. */
  templateId?: string;
  /**
   * True while the app holds sample records its template brought (ids `sample_…`); the
   * workspace then offers "clear sample data". Cleared when they are.
   */
  sampleData?: boolean;
  /** Incremented on every change of the definition; stale writes are refused. */
  version: number;
  /**
   * Legacy: older ltc-kit stored a definition marked `cloning` before writing its records.
   * Clones and imports now go through `Store.replaceApp`, which stores the definition only
   * once complete; a marked app found on open is kept (it may hold user data), unmarked.
   */
  status?: 'cloning';
  createdAt: string;
  updatedAt: string;
  tables: TableDef[];
  /** Automation rules (docs/rules.md). */
  rules?: RuleDef[];
  /** Dashboards of charts and numbers over the app's records (docs/dashboards.md). */
  dashboards?: DashboardDef[];
  /**
   * The app's IANA time zone (`Asia/Shanghai`): lifecycle stages count calendar days and time
   * rules fire there. Default: the browser's.
   */
  timeZone?: string;
  /**
   * Predictive CLV models fitted on this app's order histories, one per customer table and
   * order source (src/core/lifecycle/fit-summary.ts, docs/predictive-clv.md "Fields").
   */
  clvFits?: ClvFitDef[];
}

/**
 * What a record cell may hold. Dates are ISO strings (`YYYY-MM-DD`, or a full ISO 8601
 * timestamp for datetime), money/number/percent are numbers (percent as a fraction: 0.8 = 80%),
 * select holds a choice id, multiselect and multiple relations an array of ids, a single
 * relation one record id. `null` is blank.
 */
export type CellValue = string | number | boolean | null | string[];

/** The values of one record, keyed by field id. */
export type RecordValues = Record<string, CellValue>;

/** A stored record. */
export interface RecordData {
  id: string;
  tableId: string;
  /** Starts at 1, incremented on every write; a write based on an older version is refused. */
  version: number;
  createdAt: string;
  updatedAt: string;
  values: RecordValues;
}

/** A template's sample record: values keyed by field id; `id` lets relations point at it. */
export interface SampleRecord {
  id?: string;
  values: RecordValues;
}

/** A prebuilt app to clone (templates/*.json). */
export interface TemplateDef {
  format: 'ltc-template';
  formatVersion: 1;
  id: string;
  name: string;
  labels?: LocalizedLabels;
  description?: string;
  descriptionLabels?: LocalizedLabels;
  tables: TableDef[];
  /** Sample records per table id. */
  sampleData?: Record<string, SampleRecord[]>;
  /** Automation rules the app starts with (docs/rules.md). */
  rules?: RuleDef[];
  /** Dashboards the app starts with (docs/dashboards.md). */
  dashboards?: DashboardDef[];
  /** The time zone the app starts with (IANA name; `AppDef.timeZone`). */
  timeZone?: string;
}

/** The whole app, definition and records, as one JSON file. */
export interface AppExport {
  format: 'ltc-export';
  formatVersion: 1;
  exportedAt: string;
  app: AppDef;
  /** Records per table id. */
  records: Record<string, RecordData[]>;
}

/** One problem found in untrusted JSON; `path` is a JSON-pointer-like `tables[0].fields[3].type`. */
export interface ValidationIssue {
  path: string;
  message: string;
  /** Stable code for translation and tests, e.g. `schema.required`, `schema.duplicateId`. */
  code?: string;
  /** `error` (the default) makes the input invalid; a `warning` (e.g. an unknown key) does not. */
  severity?: 'error' | 'warning';
}

/**
 * The outcome of validating untrusted JSON. `warnings` lists problems that did not make the
 * input invalid (see docs/templates.md for which ones those are).
 */
export type ValidationResult<T> =
  | { ok: true; value: T; warnings?: ValidationIssue[] }
  | { ok: false; errors: ValidationIssue[]; warnings?: ValidationIssue[] };
