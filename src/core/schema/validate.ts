/**
 * Validators that turn untrusted JSON (template files, export files, app definitions read
 * back from storage or another tab) into the typed shapes of `./types.ts`.
 *
 * Hand-written rather than generated from a schema library so that every check can report
 * a path that names the bad spot (`tables[1].fields[3].options.table`), a stable code and a
 * translated message, and so that cross-references (primary field, relation targets,
 * inverse relations, sample records pointing at each other) are checked in the same pass.
 *
 * Guarantees, for any input whatsoever:
 * - never throws (a hostile getter or Proxy is reported as `schema.invalidInput`);
 * - every problem is reported, not just the first (up to `maxIssues`);
 * - never mutates the input and never returns it: the validated value is a fresh deep copy
 *   built from own enumerable keys only, so `__proto__` / `constructor` / `prototype` keys
 *   (reported as errors) can never reach a prototype;
 * - recursion is bounded by the schema, and by `maxDepth` for unknown keys' values.
 *
 * Unknown keys are kept in the validated value and reported as warnings (`schema.unknownKey`),
 * so that a file written by a newer ltc-kit survives a round trip through an older one.
 * Formulas are checked for presence only; compiling them is the formula module's job.
 */
import type { IssueCode, IssueParams } from './messages.js';
import { schemaIssueMessage as issueMessage, isSchemaIssueCode as isIssueCode } from './messages-structure.js';
import { BUILTIN_FIELD_TYPE_DEFS, fieldTypeOf, isKnownFieldType, linksRecords } from '../fields/index.js';
import { checkOptionSpecs } from '../fields/options.js';
import { logicVars, registerStageFieldType } from '../lifecycle/stage-field.js';
import { DEFAULT_STAGE_THRESHOLDS } from '../lifecycle/stage.js';
import { isTimeZone } from '../time/zoned.js';
import { sizeIssue } from '../fields/define.js';
import type { ValueIssue } from '../fields/types.js';
import { isValidId } from '../ids.js';
import { isBlank, isIsoDate, isIsoDateTime } from '../fields/values.js';
import { logicToCondition } from '../conditions/model.js';
import { checkRule, type RuleDef } from '../rules/model.js';
import { checkForms } from '../forms/validate.js';
import type { FormDef } from '../forms/model.js';
import type { Logic } from '../logic/index.js';
import { VIEW_COLUMN_WIDTH, VIEW_DATE_PERIODS, VIEW_MAX_FROZEN, isDateField, isGroupableField, isSortableField, isSummableField } from './view-fields.js';
import type {
  AppDef,
  AppExport,
  BuiltinFieldType,
  CellValue,
  ChoiceDef,
  FieldDef,
  FieldOptions,
  FormulaResultType,
  Locale,
  LocalizedLabels,
  RecordData,
  RecordValues,
  SampleRecord,
  TableDef,
  TemplateDef,
  ValidationIssue,
  ValidationResult,
  ViewColumn,
  ViewDef,
  ViewGroup,
  ViewSort,
} from './types.js';

/** The field types ltc-kit ships with, in palette order (their definitions: src/core/fields). */
export const BUILTIN_FIELD_TYPES: readonly BuiltinFieldType[] = BUILTIN_FIELD_TYPE_DEFS.map((def) => def.type as BuiltinFieldType);

const FORMULA_RESULT_TYPES: readonly FormulaResultType[] = ['number', 'money', 'percent', 'text', 'date', 'boolean'];
const LOCALE_PATTERN = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
const CURRENCY_PATTERN = /^[A-Z]{3}$/;
const COLOR_PATTERN = /^(?:#[0-9a-fA-F]{3,4}|#[0-9a-fA-F]{6}|#[0-9a-fA-F]{8}|[a-zA-Z]{3,20})$/;
const IDENTIFIER_PATTERN = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Keys that could reach an object's prototype if some consumer merged the data naively. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const KNOWN_LOCALES: ReadonlySet<string> = new Set<Locale>(['zh-CN', 'en']);

/** Options shared by every validator. */
export interface ValidateOptions {
  /** Language of the messages; default `en`. */
  locale?: Locale;
  /**
   * Field types accepted besides those of the field-type registry (`registerFieldType`, or
   * `registerWidget` with facts, which are accepted without being listed here). A listed
   * type without a registered definition has its values only checked for being plain JSON.
   */
  knownFieldTypes?: Iterable<string>;
  /** Stop listing problems after this many errors (and as many warnings); default 1,000. */
  maxIssues?: number;
  /** Maximum nesting depth of values under unknown keys; default 64. */
  maxDepth?: number;
}

/** An issue as reported by these validators: always with a code and a severity. */
export interface SchemaIssue extends ValidationIssue {
  code: IssueCode;
  severity: 'error' | 'warning';
  /** Where in the text a JSON syntax error is (`json.syntax` only); line and column from 1. */
  position?: { offset: number; line: number; column: number };
}

/** The public result shape of `validateTemplate` (see ARCHITECTURE.md). */
export type TemplateValidationResult =
  | { ok: true; template: TemplateDef; warnings: SchemaIssue[] }
  | { ok: false; errors: SchemaIssue[]; warnings: SchemaIssue[] };

/** `path: message`, or just the message for the root. */
export function describeIssue(issue: ValidationIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

/** The one id rule (src/core/ids.ts), re-exported where it has always been. */
export { isValidId };
/** Stored date / datetime syntax (src/core/fields/values.ts). */
export { isIsoDate, isIsoDateTime };

/**
 * Validate an app definition (as stored, or as the `app` of an export file).
 */
export function validateApp(json: unknown, options: ValidateOptions = {}): ValidationResult<AppDef> {
  const ck = new Checker(options);
  const app = ck.guard(() => checkApp(ck, json, ''));
  return ck.result(app);
}

/**
 * Validate a template file (templates/*.json or a site owner's own): structure, ids, names,
 * cross-references between tables and fields, and the sample data against the fields.
 */
export function validateTemplate(json: unknown, options: ValidateOptions = {}): TemplateValidationResult {
  const ck = new Checker(options);
  const template = ck.guard(() => checkTemplate(ck, json));
  const result = ck.result(template);
  return result.ok
    ? { ok: true, template: result.value, warnings: ck.warnings }
    : { ok: false, errors: ck.errors, warnings: ck.warnings };
}

/**
 * Validate an export file (`buildExport`'s output read back). Values that do not fit their
 * field are warnings here, not errors: an export is a faithful copy of what was stored, and
 * refusing it would make a backup impossible to restore (see docs/templates.md).
 */
export function validateExport(json: unknown, options: ValidateOptions = {}): ValidationResult<AppExport> {
  const ck = new Checker(options);
  const value = ck.guard(() => checkExport(ck, json));
  return ck.result(value);
}

// ---------------------------------------------------------------------------------------
// Issue collection

/** Collects issues; the only place messages are produced. */
class Checker {
  readonly errors: SchemaIssue[] = [];
  readonly warnings: SchemaIssue[] = [];
  readonly locale: Locale;
  /** Types accepted besides the registry's. */
  readonly knownTypes: ReadonlySet<string>;
  readonly maxIssues: number;
  readonly maxDepth: number;
  private errorsTruncated = false;
  private warningsTruncated = false;

  constructor(options: ValidateOptions) {
    // Stage fields are checked against the complete stage type (its options schema).
    registerStageFieldType();
    this.locale = options.locale === 'zh-CN' ? 'zh-CN' : 'en';
    this.knownTypes = new Set<string>(options.knownFieldTypes ?? []);
    this.maxIssues = Math.max(1, options.maxIssues ?? 1000);
    this.maxDepth = Math.max(1, options.maxDepth ?? 64);
  }

  error(path: string, code: IssueCode, params?: IssueParams): void {
    if (this.errors.length >= this.maxIssues) {
      if (!this.errorsTruncated) {
        this.errorsTruncated = true;
        this.errors.push(this.issue('', 'schema.tooManyIssues', { max: this.maxIssues }, 'error'));
      }
      return;
    }
    this.errors.push(this.issue(path, code, params, 'error'));
  }

  warn(path: string, code: IssueCode, params?: IssueParams): void {
    if (this.warnings.length >= this.maxIssues) {
      if (!this.warningsTruncated) {
        this.warningsTruncated = true;
        this.warnings.push(this.issue('', 'schema.tooManyIssues', { max: this.maxIssues }, 'warning'));
      }
      return;
    }
    this.warnings.push(this.issue(path, code, params, 'warning'));
  }

  /** Report as an error or a warning depending on `lenient`. */
  report(lenient: boolean, path: string, code: IssueCode, params?: IssueParams): void {
    if (lenient) this.warn(path, code, params);
    else this.error(path, code, params);
  }

  /** Run a check, turning any exception (a hostile getter, a Proxy) into one issue. */
  guard<T>(run: () => T | undefined): T | undefined {
    try {
      return run();
    } catch {
      this.error('', 'schema.invalidInput');
      return undefined;
    }
  }

  result<T>(value: T | undefined): ValidationResult<T> {
    if (value === undefined && this.errors.length === 0) this.error('', 'schema.invalidInput');
    if (this.errors.length > 0 || value === undefined) return { ok: false, errors: this.errors, warnings: this.warnings };
    return { ok: true, value, warnings: this.warnings };
  }

  private issue(path: string, code: IssueCode, params: IssueParams | undefined, severity: 'error' | 'warning'): SchemaIssue {
    return { path, code, severity, message: issueMessage(code, params, this.locale) };
  }
}

// ---------------------------------------------------------------------------------------
// Generic JSON helpers

/** `base.key`, `base[3]` or `base["客户"]`, the path syntax of every issue. */
function at(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (IDENTIFIER_PATTERN.test(key)) return base ? `${base}.${key}` : key;
  return `${base}[${JSON.stringify(key)}]`;
}

/** The kind of a JSON value, as named in messages. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/**
 * The own keys of an object that passed `readObject`, split into known and unknown. Known
 * values are read from the input on demand (no per-object map: exports hold 100,000s of
 * records, and allocation is what validation time goes into).
 */
class ObjectReader {
  /** Values of unknown keys, already copied (created on the first unknown key). */
  extras: Map<string, unknown> | undefined;

  constructor(
    readonly path: string,
    private readonly raw: Readonly<Record<string, unknown>>,
    private readonly known: ReadonlySet<string>,
    /** Own keys in input order, forbidden ones removed. */
    readonly keys: readonly string[],
  ) {}

  has(key: string): boolean {
    return this.known.has(key) && hasOwn(this.raw, key);
  }

  get(key: string): unknown {
    return this.has(key) ? this.raw[key] : undefined;
  }
}

/**
 * Read an object's own keys. Forbidden keys are errors and skipped; unknown keys are copied
 * and, unless `quietUnknown`, reported as warnings.
 */
function readObject(
  ck: Checker,
  raw: unknown,
  path: string,
  known: ReadonlySet<string>,
  quietUnknown = false,
): ObjectReader | undefined {
  if (!isRecord(raw)) {
    ck.error(path, 'schema.type', { expected: 'object', actual: kindOf(raw) });
    return undefined;
  }
  const keys = Object.keys(raw);
  const reader = new ObjectReader(path, raw, known, keys);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (known.has(key)) continue;
    if (FORBIDDEN_KEYS.has(key)) {
      ck.error(at(path, key), 'schema.forbiddenKey', { key: clip(key) });
      keys.splice(i, 1);
      i -= 1;
      continue;
    }
    if (!quietUnknown) ck.warn(at(path, key), 'schema.unknownKey', { key: clip(key) });
    reader.extras ??= new Map();
    reader.extras.set(key, copyJson(ck, raw[key], at(path, key), 0));
  }
  return reader;
}

/** Report required keys that are missing. */
function requireKeys(ck: Checker, reader: ObjectReader, keys: readonly string[]): void {
  for (const key of keys) if (!reader.has(key)) ck.error(at(reader.path, key), 'schema.required', { key });
}

/**
 * The validated object with the input's key order and its unknown keys put back. The one
 * cast in this module: `out` has exactly `value`'s validated properties plus the extras.
 */
function finish<T extends object>(reader: ObjectReader, value: T): T {
  const own = Object.keys(value);
  // The common case (no unknown keys, input already in our order) needs no new object.
  if (reader.extras === undefined && own.length === reader.keys.length && own.every((key, i) => key === reader.keys[i])) return value;
  const source = new Map<string, unknown>(Object.entries(value));
  const out: Record<string, unknown> = {};
  for (const key of reader.keys) {
    if (source.has(key)) out[key] = source.get(key);
    else if (reader.extras?.has(key)) out[key] = reader.extras.get(key);
  }
  for (const [key, v] of source) if (!hasOwn(out, key)) out[key] = v;
  return out as T;
}

/** A deep copy of plain JSON data, depth-limited, with forbidden keys dropped (and reported). */
function copyJson(ck: Checker, value: unknown, path: string, depth: number): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    ck.error(path, 'schema.type', { expected: 'finite number', actual: String(value) });
    return null;
  }
  if (typeof value !== 'object') {
    ck.error(path, 'schema.type', { expected: 'JSON value', actual: kindOf(value) });
    return null;
  }
  if (depth >= ck.maxDepth) {
    ck.error(path, 'schema.tooDeep', { max: ck.maxDepth });
    return null;
  }
  if (Array.isArray(value)) {
    const list: unknown[] = [];
    for (let i = 0; i < value.length; i++) list.push(copyJson(ck, value[i], at(path, i), depth + 1));
    return list;
  }
  if (!isRecord(value)) return null; // unreachable: every object is an array or a record
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) {
      ck.error(at(path, key), 'schema.forbiddenKey', { key: clip(key) });
      continue;
    }
    out[key] = copyJson(ck, value[key], at(path, key), depth + 1);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Scalars

function checkString(ck: Checker, raw: unknown, path: string, nonEmpty = false): string | undefined {
  if (typeof raw !== 'string') {
    ck.error(path, 'schema.type', { expected: nonEmpty ? 'non-empty string' : 'string', actual: kindOf(raw) });
    return undefined;
  }
  if (nonEmpty && raw.trim() === '') {
    ck.error(path, 'schema.empty');
    return undefined;
  }
  return raw;
}

function checkId(ck: Checker, raw: unknown, path: string): string | undefined {
  if (typeof raw !== 'string') {
    ck.error(path, 'schema.type', { expected: 'string', actual: kindOf(raw) });
    return undefined;
  }
  if (!isValidId(raw)) {
    const text = String(raw);
    ck.error(path, 'schema.idSyntax', { id: text.length > 80 ? `${text.slice(0, 80)}…` : text });
    return undefined;
  }
  return raw;
}

function checkBoolean(ck: Checker, raw: unknown, path: string): boolean | undefined {
  if (typeof raw === 'boolean') return raw;
  ck.error(path, 'schema.type', { expected: 'boolean', actual: kindOf(raw) });
  return undefined;
}

function checkNumber(ck: Checker, raw: unknown, path: string): number | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  ck.error(path, 'schema.type', { expected: 'finite number', actual: kindOf(raw) });
  return undefined;
}

function checkInteger(ck: Checker, raw: unknown, path: string, min: number, max: number, constraint: string): number | undefined {
  const n = checkNumber(ck, raw, path);
  if (n === undefined) return undefined;
  if (!Number.isInteger(n) || n < min || n > max) {
    ck.error(path, 'schema.range', { constraint });
    return undefined;
  }
  return n;
}

function checkDateTime(ck: Checker, raw: unknown, path: string): string | undefined {
  if (typeof raw !== 'string') {
    ck.error(path, 'schema.type', { expected: 'datetime string', actual: kindOf(raw) });
    return undefined;
  }
  if (!isIsoDateTime(raw)) {
    ck.error(path, 'schema.datetimeFormat', { actual: clip(raw) });
    return undefined;
  }
  return raw;
}

/** Keeps messages readable when the offending value is huge. */
function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function checkLabels(ck: Checker, raw: unknown, path: string): LocalizedLabels | undefined {
  if (!isRecord(raw)) {
    ck.error(path, 'schema.type', { expected: 'object', actual: kindOf(raw) });
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const key of Object.keys(raw)) {
    const keyPath = at(path, key);
    if (FORBIDDEN_KEYS.has(key)) {
      ck.error(keyPath, 'schema.forbiddenKey', { key });
      continue;
    }
    if (!LOCALE_PATTERN.test(key)) {
      ck.error(keyPath, 'schema.pattern', { actual: clip(key), what: 'locale code' });
      continue;
    }
    const text = checkString(ck, raw[key], keyPath);
    if (text === undefined) continue;
    // Labels for locales the UI does not ship yet are kept for a later version.
    if (!KNOWN_LOCALES.has(key)) ck.warn(keyPath, 'schema.unknownKey', { key: clip(key) });
    out[key] = text;
  }
  return out;
}

/** Check the first occurrence of a key in `seen`; report later ones as duplicates. */
function checkUnique(
  ck: Checker,
  seen: Map<string, string>,
  key: string,
  path: string,
  code: 'schema.duplicateId' | 'schema.duplicateName',
): boolean {
  const first = seen.get(key);
  if (first !== undefined) {
    ck.error(path, code, code === 'schema.duplicateId' ? { id: key, first } : { name: key, first });
    return false;
  }
  seen.set(key, path);
  return true;
}

// ---------------------------------------------------------------------------------------
// Tables and fields

interface FieldEntry {
  def: FieldDef;
  path: string;
}

interface TableEntry {
  def: TableDef;
  path: string;
  fields: FieldEntry[];
  byId: Map<string, FieldEntry>;
  /** False when some field could not be read; unknown-field reports are then suppressed. */
  complete: boolean;
  /** The table's `forms`, copied as JSON; checked with the other tables' (`checkTableForms`). */
  forms?: unknown;
}

const CHOICE_KEYS: ReadonlySet<string> = new Set(['id', 'name', 'labels', 'color']);
const OPTION_KEYS: ReadonlySet<string> = new Set([
  'precision',
  'min',
  'max',
  'currency',
  'maxLength',
  'choices',
  'table',
  'multiple',
  'inverseOf',
  'formula',
  'resultType',
  'logic',
  'deps',
  'source',
  'dateField',
  'countWhen',
  'silentAfterDays',
  'churnedAfterDays',
  'activeMinOrders',
  'defaultValue',
  'placeholder',
]);
const FIELD_KEYS: ReadonlySet<string> = new Set(['id', 'name', 'type', 'labels', 'description', 'required', 'unique', 'options', 'archived']);
const TABLE_KEYS: ReadonlySet<string> = new Set(['id', 'name', 'labels', 'description', 'primaryFieldId', 'fields', 'views', 'forms', 'system']);

function checkChoices(ck: Checker, raw: unknown, path: string): ChoiceDef[] | undefined {
  if (!Array.isArray(raw)) {
    ck.error(path, 'schema.type', { expected: 'array', actual: kindOf(raw) });
    return undefined;
  }
  const ids = new Map<string, string>();
  const names = new Map<string, string>();
  const out: ChoiceDef[] = [];
  for (let i = 0; i < raw.length; i++) {
    const p = at(path, i);
    const reader = readObject(ck, raw[i], p, CHOICE_KEYS);
    if (!reader) continue;
    requireKeys(ck, reader, ['id', 'name']);
    const id = reader.has('id') ? checkId(ck, reader.get('id'), at(p, 'id')) : undefined;
    const name = reader.has('name') ? checkString(ck, reader.get('name'), at(p, 'name'), true) : undefined;
    if (id !== undefined) checkUnique(ck, ids, id, at(p, 'id'), 'schema.duplicateId');
    if (name !== undefined) checkUnique(ck, names, name.trim(), at(p, 'name'), 'schema.duplicateName');
    if (id === undefined || name === undefined) continue;
    const choice: ChoiceDef = { id, name };
    if (reader.has('labels')) {
      const labels = checkLabels(ck, reader.get('labels'), at(p, 'labels'));
      if (labels) choice.labels = labels;
    }
    if (reader.has('color')) {
      const color = checkString(ck, reader.get('color'), at(p, 'color'));
      if (color !== undefined && !COLOR_PATTERN.test(color)) ck.error(at(p, 'color'), 'schema.pattern', { actual: clip(color), what: 'color' });
      else if (color !== undefined) choice.color = color;
    }
    out.push(finish(reader, choice));
  }
  return out;
}

function checkOptions(ck: Checker, raw: unknown, path: string, type: string | undefined): FieldOptions | undefined {
  // A site owner's widget owns its own option keys: do not warn about them.
  const custom = type !== undefined && !(BUILTIN_FIELD_TYPES as readonly string[]).includes(type);
  const reader = readObject(ck, raw, path, OPTION_KEYS, custom);
  if (!reader) return undefined;
  const options: FieldOptions = {};
  const p = (key: string): string => at(path, key);
  if (reader.has('precision')) {
    const v = checkInteger(ck, reader.get('precision'), p('precision'), 0, 10, 'an integer from 0 to 10');
    if (v !== undefined) options.precision = v;
  }
  if (reader.has('min')) {
    const v = checkNumber(ck, reader.get('min'), p('min'));
    if (v !== undefined) options.min = v;
  }
  if (reader.has('max')) {
    const v = checkNumber(ck, reader.get('max'), p('max'));
    if (v !== undefined) options.max = v;
  }
  if (options.min !== undefined && options.max !== undefined && options.min > options.max) {
    ck.error(p('min'), 'schema.range', { constraint: 'at most max' });
  }
  if (reader.has('currency')) {
    const v = checkString(ck, reader.get('currency'), p('currency'));
    if (v !== undefined && !CURRENCY_PATTERN.test(v)) ck.error(p('currency'), 'schema.pattern', { actual: clip(v), what: 'currency code' });
    else if (v !== undefined) options.currency = v;
  }
  if (reader.has('maxLength')) {
    const v = checkInteger(ck, reader.get('maxLength'), p('maxLength'), 1, Number.MAX_SAFE_INTEGER, 'a positive integer');
    if (v !== undefined) options.maxLength = v;
  }
  if (reader.has('choices')) {
    const v = checkChoices(ck, reader.get('choices'), p('choices'));
    if (v !== undefined) options.choices = v;
  }
  if (reader.has('table')) {
    const v = checkId(ck, reader.get('table'), p('table'));
    if (v !== undefined) options.table = v;
  }
  if (reader.has('multiple')) {
    const v = checkBoolean(ck, reader.get('multiple'), p('multiple'));
    if (v !== undefined) options.multiple = v;
  }
  if (reader.has('inverseOf')) {
    const v = checkId(ck, reader.get('inverseOf'), p('inverseOf'));
    if (v !== undefined) options.inverseOf = v;
  }
  if (reader.has('formula')) {
    const v = checkString(ck, reader.get('formula'), p('formula'));
    if (v !== undefined) options.formula = v;
  }
  if (reader.has('resultType')) {
    const v = reader.get('resultType');
    const found = FORMULA_RESULT_TYPES.find((t) => t === v);
    if (found === undefined) {
      ck.error(p('resultType'), 'schema.enum', { actual: clip(String(v)), allowed: FORMULA_RESULT_TYPES.join(', ') });
    } else {
      options.resultType = found;
    }
  }
  if (reader.has('logic')) {
    // Compiled JSON Logic: any JSON, copied depth-limited with forbidden keys refused.
    options.logic = copyJson(ck, reader.get('logic'), p('logic'), 0);
  }
  if (reader.has('deps')) {
    const raw = reader.get('deps');
    if (!Array.isArray(raw)) ck.error(p('deps'), 'schema.type', { expected: 'array', actual: kindOf(raw) });
    else {
      const deps: string[] = [];
      raw.forEach((d, i) => {
        const v = checkString(ck, d, at(p('deps'), i), true);
        if (v !== undefined) deps.push(v);
      });
      options.deps = deps;
    }
  }
  checkStageOptions(ck, reader, options, p);
  if (reader.has('defaultValue')) {
    const v = checkCellValue(ck, reader.get('defaultValue'), p('defaultValue'));
    if (v !== undefined) options.defaultValue = v;
  }
  if (reader.has('placeholder')) {
    const v = checkString(ck, reader.get('placeholder'), p('placeholder'));
    if (v !== undefined) options.placeholder = v;
  }
  return finish(reader, options);
}

/**
 * The options of a lifecycle stage field (src/core/fields/types/stage.ts): ids and the
 * count condition as given; the thresholds' integer ranges are the type's option specs'
 * business, churn after silence is checked here. Whether `source` and `dateField` name the
 * right fields is checked with the tables (`checkStageFields`).
 */
function checkStageOptions(ck: Checker, reader: ObjectReader, options: FieldOptions, p: (key: string) => string): void {
  for (const key of ['source', 'dateField'] as const) {
    if (!reader.has(key)) continue;
    const v = checkId(ck, reader.get(key), p(key));
    if (v !== undefined) options[key] = v;
  }
  if (reader.has('countWhen')) options.countWhen = copyJson(ck, reader.get('countWhen'), p('countWhen'), 0);
  for (const key of ['silentAfterDays', 'churnedAfterDays', 'activeMinOrders'] as const) {
    if (!reader.has(key)) continue;
    const v = checkNumber(ck, reader.get(key), p(key));
    if (v !== undefined) options[key] = v;
  }
  const silent = options.silentAfterDays ?? DEFAULT_STAGE_THRESHOLDS.silentAfterDays;
  const churned = options.churnedAfterDays ?? DEFAULT_STAGE_THRESHOLDS.churnedAfterDays;
  if ((options.silentAfterDays !== undefined || options.churnedAfterDays !== undefined) && churned <= silent) {
    ck.error(p(options.churnedAfterDays !== undefined ? 'churnedAfterDays' : 'silentAfterDays'), 'schema.stageThresholds', { silent, churned });
  }
}

function checkField(ck: Checker, raw: unknown, path: string): FieldEntry | undefined {
  const reader = readObject(ck, raw, path, FIELD_KEYS);
  if (!reader) return undefined;
  requireKeys(ck, reader, ['id', 'name', 'type']);
  const id = reader.has('id') ? checkId(ck, reader.get('id'), at(path, 'id')) : undefined;
  let name = reader.has('name') ? checkString(ck, reader.get('name'), at(path, 'name'), true) : undefined;
  if (name !== undefined && /[{}]/.test(name)) {
    ck.error(at(path, 'name'), 'schema.nameChars', { name: clip(name) });
    name = undefined;
  }
  let type = reader.has('type') ? checkString(ck, reader.get('type'), at(path, 'type'), true) : undefined;
  if (type !== undefined && !isKnownFieldType(type) && !ck.knownTypes.has(type)) {
    ck.error(at(path, 'type'), 'schema.fieldType', { type: clip(type) });
    type = undefined;
  }
  const options = reader.has('options') ? checkOptions(ck, reader.get('options'), at(path, 'options'), type) : undefined;

  // The type's options schema: required keys, ranges, allowed values (third-party types too).
  // A key that is present but malformed was reported by checkOptions already, so it is not
  // also reported missing.
  if (type !== undefined) {
    const rawOptions = reader.get('options');
    for (const problem of checkOptionSpecs(fieldTypeOf(type), { type, options: options ?? {} })) {
      const missing = problem.code !== 'schema.range' && problem.code !== 'schema.enum' && problem.code !== 'schema.type';
      const emptyList = Array.isArray(options?.[problem.key as keyof FieldOptions]);
      if (missing && isRecordWithKey(rawOptions, problem.key) && !emptyList) continue;
      ck.error(at(at(path, 'options'), problem.key), problem.code, problem.params);
    }
  }

  if (id === undefined || name === undefined || type === undefined) return undefined;
  const def: FieldDef = { id, name, type };
  if (reader.has('labels')) {
    const labels = checkLabels(ck, reader.get('labels'), at(path, 'labels'));
    if (labels) def.labels = labels;
  }
  if (reader.has('description')) {
    const v = checkString(ck, reader.get('description'), at(path, 'description'));
    if (v !== undefined) def.description = v;
  }
  if (reader.has('required')) {
    const v = checkBoolean(ck, reader.get('required'), at(path, 'required'));
    if (v !== undefined) def.required = v;
  }
  if (reader.has('unique')) {
    const v = checkBoolean(ck, reader.get('unique'), at(path, 'unique'));
    if (v !== undefined) def.unique = v;
  }
  if (reader.has('archived')) {
    const v = checkBoolean(ck, reader.get('archived'), at(path, 'archived'));
    if (v !== undefined) def.archived = v;
  }
  if (options !== undefined) def.options = options;
  return { def: finish(reader, def), path };
}

function isRecordWithKey(value: unknown, key: string): boolean {
  return isRecord(value) && hasOwn(value, key);
}

function checkTable(ck: Checker, raw: unknown, path: string): TableEntry | undefined {
  const reader = readObject(ck, raw, path, TABLE_KEYS);
  if (!reader) return undefined;
  requireKeys(ck, reader, ['id', 'name', 'primaryFieldId', 'fields']);
  const id = reader.has('id') ? checkId(ck, reader.get('id'), at(path, 'id')) : undefined;
  const name = reader.has('name') ? checkString(ck, reader.get('name'), at(path, 'name'), true) : undefined;
  const primaryFieldId = reader.has('primaryFieldId') ? checkId(ck, reader.get('primaryFieldId'), at(path, 'primaryFieldId')) : undefined;

  const fields: FieldEntry[] = [];
  let complete = reader.has('fields');
  if (reader.has('fields')) {
    const rawFields = reader.get('fields');
    const fieldsPath = at(path, 'fields');
    if (!Array.isArray(rawFields)) {
      ck.error(fieldsPath, 'schema.type', { expected: 'array', actual: kindOf(rawFields) });
      complete = false;
    } else {
      const ids = new Map<string, string>();
      const names = new Map<string, string>();
      for (let i = 0; i < rawFields.length; i++) {
        const p = at(fieldsPath, i);
        const entry = checkField(ck, rawFields[i], p);
        if (!entry) {
          complete = false;
          continue;
        }
        const idOk = checkUnique(ck, ids, entry.def.id, at(p, 'id'), 'schema.duplicateId');
        checkUnique(ck, names, entry.def.name.trim(), at(p, 'name'), 'schema.duplicateName');
        if (idOk) fields.push(entry);
        else complete = false;
      }
    }
  }
  const byId = new Map(fields.map((f) => [f.def.id, f]));
  if (primaryFieldId !== undefined && complete && !byId.has(primaryFieldId)) {
    ck.error(at(path, 'primaryFieldId'), 'schema.primaryFieldMissing', { id: primaryFieldId });
  }
  if (id === undefined || name === undefined) return undefined;
  const def: TableDef = { id, name, primaryFieldId: primaryFieldId ?? '', fields: fields.map((f) => f.def) };
  if (reader.has('labels')) {
    const labels = checkLabels(ck, reader.get('labels'), at(path, 'labels'));
    if (labels) def.labels = labels;
  }
  if (reader.has('description')) {
    const v = checkString(ck, reader.get('description'), at(path, 'description'));
    if (v !== undefined) def.description = v;
  }
  if (reader.has('views')) {
    const views = checkViews(ck, reader.get('views'), at(path, 'views'), { def, path, fields, byId, complete });
    if (views !== undefined) def.views = views;
  }
  if (reader.has('system')) {
    const system = reader.get('system');
    if (system === 'rule-runs') def.system = system;
    else ck.error(at(path, 'system'), 'schema.constant', { expected: '"rule-runs"', actual: typeof system === 'string' ? JSON.stringify(clip(system)) : kindOf(system) });
  }
  const forms = reader.has('forms') ? copyJson(ck, reader.get('forms'), at(path, 'forms'), 0) : undefined;
  return { def: finish(reader, def), path, fields, byId, complete, ...(forms !== undefined ? { forms } : {}) };
}

// ---------------------------------------------------------------------------------------
// Saved views (docs/views.md)

const VIEW_KEYS: ReadonlySet<string> = new Set(['id', 'name', 'labels', 'columns', 'frozen', 'sort', 'filter', 'group']);
const VIEW_COLUMN_KEYS: ReadonlySet<string> = new Set(['fieldId', 'hidden', 'width']);
const VIEW_SORT_KEYS: ReadonlySet<string> = new Set(['fieldId', 'direction']);
const VIEW_GROUP_KEYS: ReadonlySet<string> = new Set(['fieldId', 'by', 'sums', 'collapsed']);
const SORT_DIRECTIONS = ['asc', 'desc'] as const;

/**
 * A field id of the view's table, or undefined after reporting. While some field of the table
 * could not be read, an unknown id is not reported (it may be that field) but is still not
 * returned, so no ability check runs on it.
 */
function checkViewField(ck: Checker, raw: unknown, path: string, table: TableEntry): FieldEntry | undefined {
  const id = checkId(ck, raw, path);
  if (id === undefined) return undefined;
  const field = table.byId.get(id);
  if (!field && table.complete) ck.error(path, 'schema.fieldUnknown', { table: table.def.id, field: id });
  return field;
}

/** A list of objects read by `readOne`, or undefined when the value is not an array. */
function checkList<T>(ck: Checker, raw: unknown, path: string, readOne: (item: unknown, path: string) => T | undefined): T[] | undefined {
  if (!Array.isArray(raw)) {
    ck.error(path, 'schema.type', { expected: 'array', actual: kindOf(raw) });
    return undefined;
  }
  const out: T[] = [];
  for (let i = 0; i < raw.length; i++) {
    const item = readOne(raw[i], at(path, i));
    if (item !== undefined) out.push(item);
  }
  return out;
}

function checkViewColumns(ck: Checker, raw: unknown, path: string, table: TableEntry): ViewColumn[] | undefined {
  const seen = new Map<string, string>();
  return checkList(ck, raw, path, (item, p) => {
    const reader = readObject(ck, item, p, VIEW_COLUMN_KEYS);
    if (!reader) return undefined;
    requireKeys(ck, reader, ['fieldId']);
    const field = reader.has('fieldId') ? checkViewField(ck, reader.get('fieldId'), at(p, 'fieldId'), table) : undefined;
    if (field) {
      const first = seen.get(field.def.id);
      if (first !== undefined) ck.error(at(p, 'fieldId'), 'schema.viewColumnDuplicate', { field: field.def.name, first });
      else seen.set(field.def.id, at(p, 'fieldId'));
    }
    const column: ViewColumn = { fieldId: field?.def.id ?? '' };
    if (reader.has('hidden')) {
      const v = checkBoolean(ck, reader.get('hidden'), at(p, 'hidden'));
      if (v !== undefined) column.hidden = v;
    }
    if (reader.has('width')) {
      const v = reader.get('width');
      if (typeof v !== 'number' || !Number.isInteger(v) || v < VIEW_COLUMN_WIDTH.min || v > VIEW_COLUMN_WIDTH.max) {
        ck.error(at(p, 'width'), 'schema.viewWidth', { min: VIEW_COLUMN_WIDTH.min, max: VIEW_COLUMN_WIDTH.max });
      } else {
        column.width = v;
      }
    }
    return finish(reader, column);
  });
}

function checkViewSort(ck: Checker, raw: unknown, path: string, table: TableEntry): ViewSort[] | undefined {
  const seen = new Map<string, string>();
  return checkList(ck, raw, path, (item, p) => {
    const reader = readObject(ck, item, p, VIEW_SORT_KEYS);
    if (!reader) return undefined;
    requireKeys(ck, reader, ['fieldId', 'direction']);
    const field = reader.has('fieldId') ? checkViewField(ck, reader.get('fieldId'), at(p, 'fieldId'), table) : undefined;
    if (field && !isSortableField(field.def)) ck.error(at(p, 'fieldId'), 'schema.viewSortField', { field: field.def.name });
    else if (field) {
      const first = seen.get(field.def.id);
      if (first !== undefined) ck.error(at(p, 'fieldId'), 'schema.viewSortDuplicate', { field: field.def.name, first });
      else seen.set(field.def.id, at(p, 'fieldId'));
    }
    const rawDirection = reader.get('direction');
    const direction = SORT_DIRECTIONS.find((d) => d === rawDirection);
    if (reader.has('direction') && direction === undefined) {
      ck.error(at(p, 'direction'), 'schema.enum', { actual: clip(String(rawDirection)), allowed: SORT_DIRECTIONS.join(', ') });
    }
    return finish(reader, { fieldId: field?.def.id ?? '', direction: direction ?? 'asc' });
  });
}

function checkViewGroup(ck: Checker, raw: unknown, path: string, table: TableEntry): ViewGroup | undefined {
  const reader = readObject(ck, raw, path, VIEW_GROUP_KEYS);
  if (!reader) return undefined;
  requireKeys(ck, reader, ['fieldId']);
  const field = reader.has('fieldId') ? checkViewField(ck, reader.get('fieldId'), at(path, 'fieldId'), table) : undefined;
  if (field && !isGroupableField(field.def)) ck.error(at(path, 'fieldId'), 'schema.viewGroupField', { field: field.def.name });
  const group: ViewGroup = { fieldId: field?.def.id ?? '' };
  if (reader.has('by')) {
    const raw = reader.get('by');
    const by = VIEW_DATE_PERIODS.find((b) => b === raw);
    if (by === undefined) ck.error(at(path, 'by'), 'schema.enum', { actual: clip(String(raw)), allowed: VIEW_DATE_PERIODS.join(', ') });
    else if (field && !isDateField(field.def)) ck.error(at(path, 'by'), 'schema.viewGroupPeriod', { field: field.def.name });
    else group.by = by;
  }
  if (reader.has('sums')) {
    const seen = new Set<string>();
    const sums = checkList(ck, reader.get('sums'), at(path, 'sums'), (item, p) => {
      const sum = checkViewField(ck, item, p, table);
      if (!sum) return undefined;
      if (!isSummableField(sum.def)) ck.error(p, 'schema.viewSumField', { field: sum.def.name });
      else if (seen.has(sum.def.id)) ck.error(p, 'schema.viewColumnDuplicate', { field: sum.def.name, first: at(path, 'sums') });
      seen.add(sum.def.id);
      return sum.def.id;
    });
    if (sums !== undefined) group.sums = sums;
  }
  if (reader.has('collapsed')) {
    // Group keys are choice ids, record ids, dates or formula text: any string.
    const collapsed = checkList(ck, reader.get('collapsed'), at(path, 'collapsed'), (item, p) => checkString(ck, item, p));
    if (collapsed !== undefined) group.collapsed = collapsed;
  }
  return finish(reader, group);
}

/**
 * A view's filter: JSON Logic that the filter builder reads back as conditions on this table
 * (`logicToCondition`), or `true` ("no filter"). Reading back is the whole check: it accepts a
 * condition only on a field of the table, with an operator the field offers and a value of the
 * right shape (what `validateCondition` asks), and only when it gives exactly this logic again.
 */
function checkViewFilter(ck: Checker, raw: unknown, path: string, table: TableEntry): unknown {
  const logic = copyJson(ck, raw, path, 0);
  if (table.complete && !logicToCondition(logic as Logic, table.def)) ck.error(path, 'schema.viewFilterUnreadable');
  return logic;
}

function checkView(ck: Checker, raw: unknown, path: string, table: TableEntry): ViewDef | undefined {
  const reader = readObject(ck, raw, path, VIEW_KEYS);
  if (!reader) return undefined;
  requireKeys(ck, reader, ['id', 'name']);
  const id = reader.has('id') ? checkId(ck, reader.get('id'), at(path, 'id')) : undefined;
  const name = reader.has('name') ? checkString(ck, reader.get('name'), at(path, 'name'), true) : undefined;
  if (id === undefined || name === undefined) return undefined;
  const view: ViewDef = { id, name };
  if (reader.has('labels')) {
    const labels = checkLabels(ck, reader.get('labels'), at(path, 'labels'));
    if (labels) view.labels = labels;
  }
  if (reader.has('columns')) {
    const columns = checkViewColumns(ck, reader.get('columns'), at(path, 'columns'), table);
    if (columns !== undefined) view.columns = columns;
  }
  if (reader.has('frozen')) {
    const v = reader.get('frozen');
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > VIEW_MAX_FROZEN) ck.error(at(path, 'frozen'), 'schema.viewFrozen', { max: VIEW_MAX_FROZEN });
    else view.frozen = v;
  }
  if (reader.has('sort')) {
    const sort = checkViewSort(ck, reader.get('sort'), at(path, 'sort'), table);
    if (sort !== undefined) view.sort = sort;
  }
  if (reader.has('filter')) view.filter = checkViewFilter(ck, reader.get('filter'), at(path, 'filter'), table);
  if (reader.has('group')) {
    const group = checkViewGroup(ck, reader.get('group'), at(path, 'group'), table);
    if (group !== undefined) view.group = group;
  }
  return finish(reader, view);
}

/** A table's saved views: each valid, ids unique within the table. */
function checkViews(ck: Checker, raw: unknown, path: string, table: TableEntry): ViewDef[] | undefined {
  const ids = new Map<string, string>();
  return checkList(ck, raw, path, (item, p) => {
    const view = checkView(ck, item, p, table);
    if (view && !checkUnique(ck, ids, view.id, at(p, 'id'), 'schema.duplicateId')) return undefined;
    return view;
  });
}

/** Tables plus the cross-table checks: relation targets and inverse relations. */
interface CheckedTables {
  tables: Map<string, TableEntry>;
  /** False when some table could not be read, so "no such table" reports would mislead. */
  complete: boolean;
}

function checkTables(ck: Checker, raw: unknown, path: string): CheckedTables | undefined {
  if (!Array.isArray(raw)) {
    ck.error(path, 'schema.type', { expected: 'array', actual: kindOf(raw) });
    return undefined;
  }
  const tables = new Map<string, TableEntry>();
  const ids = new Map<string, string>();
  const names = new Map<string, string>();
  let complete = true;
  for (let i = 0; i < raw.length; i++) {
    const p = at(path, i);
    const entry = checkTable(ck, raw[i], p);
    if (!entry) {
      complete = false;
      continue;
    }
    const idOk = checkUnique(ck, ids, entry.def.id, at(p, 'id'), 'schema.duplicateId');
    checkUnique(ck, names, entry.def.name.trim(), at(p, 'name'), 'schema.duplicateName');
    if (idOk) tables.set(entry.def.id, entry);
  }

  for (const table of tables.values()) {
    for (const field of table.fields) {
      if (!linksRecords(field.def.type)) continue;
      const optionsPath = at(field.path, 'options');
      const targetId = field.def.options?.table;
      if (targetId === undefined) continue;
      const target = tables.get(targetId);
      if (!target) {
        // A table that failed to validate may be the target: only report when all were read.
        if (complete) ck.error(at(optionsPath, 'table'), 'schema.relationTableUnknown', { table: targetId });
        continue;
      }
      const inverseOf = field.def.options?.inverseOf;
      if (inverseOf === undefined) continue;
      const other = target.byId.get(inverseOf);
      const inversePath = at(optionsPath, 'inverseOf');
      if (!other) {
        if (target.complete) ck.error(inversePath, 'schema.inverseFieldUnknown', { field: inverseOf, table: targetId });
      } else if (!linksRecords(other.def.type) || other.def.options?.inverseOf !== undefined) {
        ck.error(inversePath, 'schema.inverseTarget', { field: inverseOf, table: targetId });
      } else if (other.def.options?.table !== table.def.id) {
        ck.error(inversePath, 'schema.inverseNotPointingBack', {
          field: inverseOf,
          table: targetId,
          target: other.def.options?.table ?? '',
          own: table.def.id,
        });
      }
    }
  }
  for (const table of tables.values()) checkStageFields(ck, table, tables, complete);
  checkTableForms(ck, tables);
  return { tables, complete };
}

/**
 * The tables' forms (docs/forms.md, src/core/forms/validate.ts): checked once every table is
 * read, since form ids are unique within the app. A table whose fields could not all be read
 * is not checked (its forms would name fields that only look missing).
 */
function checkTableForms(ck: Checker, tables: ReadonlyMap<string, TableEntry>): void {
  const entries = [...tables.values()].filter((entry) => entry.forms !== undefined && entry.complete);
  const before = ck.errors.length;
  for (const issue of checkForms(entries.map((entry) => ({ table: entry.def, forms: entry.forms, path: at(entry.path, 'forms') })))) {
    if (issue.warning) ck.warn(issue.path, issue.code, issue.params);
    else ck.error(issue.path, issue.code, issue.params);
  }
  if (ck.errors.length !== before) return;
  // Checked: the copies are exactly FormDef shapes (the one cast of this check).
  for (const entry of entries) entry.def.forms = entry.forms as FormDef[];
}

/**
 * A stage field counts the records of an inverse relation of its own table (`source`) by a
 * date field of the related table (`dateField`); its count condition reads fields of that
 * table.
 */
function checkStageFields(ck: Checker, table: TableEntry, tables: ReadonlyMap<string, TableEntry>, complete: boolean): void {
  for (const field of table.fields) {
    if (typeof fieldTypeOf(field.def.type).compile !== 'function') continue;
    const o = field.def.options ?? {};
    const optionsPath = at(field.path, 'options');
    if (o.source === undefined) continue;
    const source = table.byId.get(o.source);
    const target = source?.def.options?.table !== undefined ? tables.get(source.def.options.table) : undefined;
    if (!source || !linksRecords(source.def.type) || source.def.options?.inverseOf === undefined || (!target && complete)) {
      if (source || table.complete) ck.error(at(optionsPath, 'source'), 'schema.stageSource', { field: o.source, table: table.def.id });
      continue;
    }
    if (!target) continue;
    if (o.dateField !== undefined) {
      const date = target.byId.get(o.dateField);
      if (date ? date.def.type !== 'date' && date.def.type !== 'datetime' : target.complete) {
        ck.error(at(optionsPath, 'dateField'), 'schema.stageDateField', { field: o.dateField, table: target.def.id });
      }
    }
    if (!target.complete) continue;
    for (const name of logicVars(o.countWhen)) {
      if (!target.byId.has(name)) ck.error(at(optionsPath, 'countWhen'), 'schema.stageCountField', { field: name, table: target.def.id });
    }
  }
}

// ---------------------------------------------------------------------------------------
// Values

/** A copy of a structurally valid cell value (any field type), or undefined. */
function toCellValue(raw: unknown): CellValue | undefined {
  if (raw === null || typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  if (Array.isArray(raw) && raw.every((item: unknown): item is string => typeof item === 'string')) return raw.slice();
  return undefined;
}

/** A structurally valid cell value (any field type), or undefined after reporting. */
function checkCellValue(ck: Checker, raw: unknown, path: string): CellValue | undefined {
  const value = toCellValue(raw);
  if (value === undefined) ck.error(path, 'schema.type', { expected: 'cell value', actual: kindOf(raw) });
  return value;
}

/**
 * Record ids per table, for checking relation values. Every known table has an entry;
 * `null` marks a table whose records could not be read. References into a table without a
 * usable entry are not checked: that problem was reported already, once.
 */
type RecordIndex = ReadonlyMap<string, ReadonlySet<string> | null>;

/** A value that does not fit its field; `index` points into an array value. */
interface ValueProblem {
  code: IssueCode;
  params: IssueParams;
  index?: number;
}

/**
 * Check one value against its field. `lenient` (exports) turns mismatches into warnings;
 * the value is kept either way once it is a structurally valid cell value. Paths are built
 * only when something is wrong: this runs for every cell of every record.
 */
function checkFieldValue(
  ck: Checker,
  field: FieldEntry,
  value: CellValue,
  base: string,
  key: string,
  records: RecordIndex,
  lenient: boolean,
): void {
  const problems = valueProblems(field, value, records);
  if (problems === undefined) return;
  const path = at(base, key);
  for (const p of problems) ck.report(lenient, p.index === undefined ? path : at(path, p.index), p.code, p.params);
}

/** Codes for the value issues of field types that are not schema codes themselves. */
const VALUE_ISSUE_CODES: Readonly<Record<string, IssueCode>> = { 'field.tooLong': 'schema.valueTooLong', 'field.tooMany': 'schema.valueTooMany' };

/** A field type's ValueIssue as a schema problem (an `index` parameter points into a list value). */
function toProblem(issue: ValueIssue, def: FieldDef): ValueProblem {
  const { index, ...params } = issue.params ?? {};
  const code = isIssueCode(issue.key) ? issue.key : VALUE_ISSUE_CODES[issue.key];
  const problem: ValueProblem = code ? { code, params } : { code: 'schema.valueInvalid', params: { type: def.type, detail: issue.key } };
  if (typeof index === 'number') problem.index = index;
  return problem;
}

/**
 * What is wrong with one stored value, asked of the field's type (so a site owner's type
 * registered with `checkStored` is checked too), plus the size limit and, for types that link
 * to a table, whether the linked records exist.
 */
function valueProblems(field: FieldEntry, value: CellValue, records: RecordIndex): ValueProblem[] | undefined {
  if (value === null) return undefined;
  const def = field.def;
  const type = fieldTypeOf(def);
  if (type.isDerived(def)) {
    const issue = type.checkStored(value, def);
    if (type.keepsStoredValue && issue === null) return undefined;
    return [issue?.key === 'schema.derivedStored' ? toProblem(issue, def) : { code: 'schema.derivedStored', params: { field: def.name, kind: 'inverse relation' } }];
  }
  const issue = type.checkStored(value, def) ?? sizeIssue(value);
  if (issue) return [toProblem(issue, def)];
  // A type with a `table` option holds ids of that table's records.
  if (!type.options.some((spec) => spec.kind === 'table' && spec.key === 'table')) return undefined;
  const targetId = def.options?.table ?? '';
  const ids = records.get(targetId);
  if (!ids) return undefined; // unknown or unreadable target table, reported already
  const multiple = Array.isArray(value);
  const list = multiple ? value : [String(value)];
  let problems: ValueProblem[] | undefined;
  for (let i = 0; i < list.length; i++) {
    if (ids.has(list[i])) continue;
    problems ??= [];
    problems.push({ code: 'schema.recordUnknown', params: { table: targetId, id: clip(list[i]) }, index: multiple ? i : undefined });
  }
  return problems;
}

/** The values of one record or sample record. */
function checkValues(
  ck: Checker,
  raw: unknown,
  path: string,
  table: TableEntry,
  records: RecordIndex,
  mode: 'template' | 'export',
): RecordValues | undefined {
  if (!isRecord(raw)) {
    ck.error(path, 'schema.type', { expected: 'object', actual: kindOf(raw) });
    return undefined;
  }
  const lenient = mode === 'export';
  const out: RecordValues = {};
  const invalid = new Set<string>();
  for (const key of Object.keys(raw)) {
    if (FORBIDDEN_KEYS.has(key)) {
      ck.error(at(path, key), 'schema.forbiddenKey', { key: clip(key) });
      continue;
    }
    const value = toCellValue(raw[key]);
    if (value === undefined) {
      ck.error(at(path, key), 'schema.type', { expected: 'cell value', actual: kindOf(raw[key]) });
      invalid.add(key);
      continue;
    }
    const field = table.byId.get(key);
    if (!field) {
      if (table.complete) ck.report(lenient, at(path, key), 'schema.fieldUnknown', { table: table.def.id, field: clip(key) });
    } else {
      checkFieldValue(ck, field, value, path, key, records, lenient);
    }
    out[key] = value;
  }
  if (mode === 'template') {
    for (const field of table.fields) {
      const def = field.def;
      // (A present but malformed value was reported already.)
      if (!def.required || fieldTypeOf(def).isDerived(def) || invalid.has(def.id)) continue;
      const v = hasOwn(out, def.id) ? out[def.id] : null;
      if (isBlank(v)) {
        ck.error(at(path, def.id), 'schema.requiredValue', { field: def.name });
      }
    }
  }
  return out;
}

/** A record read in the first pass, its values still to check. */
interface PendingRecord {
  reader: ObjectReader;
  path: string;
  id: string | undefined;
}

interface PendingGroup {
  tableId: string;
  table: TableEntry | undefined;
  records: PendingRecord[];
}

/**
 * First pass over `{ tableId: [record, …] }`: read every record's keys and id, so that the
 * second pass can check relation values against the ids of every table.
 */
function readRecordGroups(
  ck: Checker,
  raw: unknown,
  path: string,
  tables: CheckedTables | undefined,
  recordKeys: ReadonlySet<string>,
  readId: (reader: ObjectReader, path: string) => string | undefined,
): { groups: PendingGroup[]; index: Map<string, ReadonlySet<string> | null> } | undefined {
  if (!isRecord(raw)) {
    ck.error(path, 'schema.type', { expected: 'object', actual: kindOf(raw) });
    return undefined;
  }
  const groups: PendingGroup[] = [];
  const index = new Map<string, ReadonlySet<string> | null>();
  for (const tableId of tables?.tables.keys() ?? []) index.set(tableId, new Set());
  for (const tableId of Object.keys(raw)) {
    const groupPath = at(path, tableId);
    if (FORBIDDEN_KEYS.has(tableId)) {
      ck.error(groupPath, 'schema.forbiddenKey', { key: tableId });
      continue;
    }
    const table = tables?.tables.get(tableId);
    if (!table && tables?.complete) ck.error(groupPath, 'schema.tableUnknown', { table: clip(tableId) });
    const rawRecords = raw[tableId];
    if (!Array.isArray(rawRecords)) {
      ck.error(groupPath, 'schema.type', { expected: 'array', actual: kindOf(rawRecords) });
      index.set(tableId, null);
      continue;
    }
    const ids = new Set<string>();
    // Index of each id's first record; its path is only spelled out for a duplicate.
    const firstSeen = new Map<string, number>();
    const group: PendingGroup = { tableId, table, records: [] };
    for (let i = 0; i < rawRecords.length; i++) {
      const p = at(groupPath, i);
      const reader = readObject(ck, rawRecords[i], p, recordKeys);
      if (!reader) continue;
      const id = readId(reader, p);
      if (id !== undefined) {
        const first = firstSeen.get(id);
        if (first === undefined) {
          firstSeen.set(id, i);
          ids.add(id);
        } else {
          ck.error(at(p, 'id'), 'schema.duplicateId', { id, first: at(at(groupPath, first), 'id') });
        }
      }
      group.records.push({ reader, path: p, id });
    }
    index.set(tableId, ids);
    groups.push(group);
  }
  return { groups, index };
}

// ---------------------------------------------------------------------------------------
// Automation rules (docs/rules.md): checked by src/core/rules against the app's tables.

/** The rules of an app or template, or undefined when any has a problem (each reported with its path). */
function checkRules(ck: Checker, raw: unknown, path: string, tables: readonly TableDef[]): RuleDef[] | undefined {
  if (!Array.isArray(raw)) {
    ck.error(path, 'schema.type', { expected: 'array', actual: kindOf(raw) });
    return undefined;
  }
  const before = ck.errors.length;
  const seen = new Set<string>();
  const rules = ck.guard(() => {
    for (let i = 0; i < raw.length; i++) {
      for (const issue of checkRule(raw[i], i, { tables }, seen)) ck.error(`${path}${issue.path.slice('rules'.length)}`, issue.code, issue.params);
    }
    // Plain JSON data, so a copy through JSON keeps exactly what was checked.
    return JSON.parse(JSON.stringify(raw)) as RuleDef[];
  });
  return ck.errors.length === before ? rules : undefined;
}

// ---------------------------------------------------------------------------------------
// Documents

const APP_KEYS: ReadonlySet<string> = new Set(['id', 'name', 'labels', 'description', 'templateId', 'sampleData', 'version', 'createdAt', 'updatedAt', 'tables', 'rules', 'timeZone']);
const TEMPLATE_KEYS: ReadonlySet<string> = new Set([
  'format',
  'formatVersion',
  'id',
  'name',
  'labels',
  'description',
  'descriptionLabels',
  'tables',
  'sampleData',
  'rules',
  'timeZone',
]);
const EXPORT_KEYS: ReadonlySet<string> = new Set(['format', 'formatVersion', 'exportedAt', 'app', 'records']);
const SAMPLE_KEYS: ReadonlySet<string> = new Set(['id', 'values']);
const RECORD_KEYS: ReadonlySet<string> = new Set(['id', 'tableId', 'version', 'createdAt', 'updatedAt', 'values']);

function checkFormat(ck: Checker, reader: ObjectReader, expected: 'ltc-template' | 'ltc-export'): void {
  if (reader.has('format') && reader.get('format') !== expected) {
    const actual = reader.get('format');
    ck.error(at(reader.path, 'format'), 'schema.constant', {
      expected: JSON.stringify(expected),
      actual: typeof actual === 'string' ? JSON.stringify(clip(actual)) : kindOf(actual),
    });
  }
  if (reader.has('formatVersion') && reader.get('formatVersion') !== 1) {
    const actual = reader.get('formatVersion');
    if (typeof actual === 'number') ck.error(at(reader.path, 'formatVersion'), 'schema.formatVersion', { expected: 1, actual });
    else ck.error(at(reader.path, 'formatVersion'), 'schema.type', { expected: 'integer', actual: kindOf(actual) });
  }
}

interface CheckedApp {
  def: AppDef;
  tables: CheckedTables | undefined;
}

function checkAppDetailed(ck: Checker, raw: unknown, path: string): CheckedApp | undefined {
  const reader = readObject(ck, raw, path, APP_KEYS);
  if (!reader) return undefined;
  requireKeys(ck, reader, ['id', 'name', 'version', 'createdAt', 'updatedAt', 'tables']);
  // Placeholders below ('' and 1) only stand in for values whose error is already reported,
  // so they never leave a successful result.
  const id = reader.has('id') ? checkId(ck, reader.get('id'), at(path, 'id')) : undefined;
  const name = reader.has('name') ? checkString(ck, reader.get('name'), at(path, 'name'), true) : undefined;
  const version = reader.has('version')
    ? checkInteger(ck, reader.get('version'), at(path, 'version'), 1, Number.MAX_SAFE_INTEGER, 'a positive integer')
    : undefined;
  const createdAt = reader.has('createdAt') ? checkDateTime(ck, reader.get('createdAt'), at(path, 'createdAt')) : undefined;
  const updatedAt = reader.has('updatedAt') ? checkDateTime(ck, reader.get('updatedAt'), at(path, 'updatedAt')) : undefined;
  const tables = reader.has('tables') ? checkTables(ck, reader.get('tables'), at(path, 'tables')) : undefined;
  const def: AppDef = {
    id: id ?? '',
    name: name ?? '',
    version: version ?? 1,
    createdAt: createdAt ?? '',
    updatedAt: updatedAt ?? '',
    tables: tables ? [...tables.tables.values()].map((t) => t.def) : [],
  };
  if (reader.has('labels')) {
    const labels = checkLabels(ck, reader.get('labels'), at(path, 'labels'));
    if (labels) def.labels = labels;
  }
  if (reader.has('description')) {
    const v = checkString(ck, reader.get('description'), at(path, 'description'));
    if (v !== undefined) def.description = v;
  }
  if (reader.has('templateId')) {
    const v = checkId(ck, reader.get('templateId'), at(path, 'templateId'));
    if (v !== undefined) def.templateId = v;
  }
  if (reader.has('sampleData')) {
    const v = checkBoolean(ck, reader.get('sampleData'), at(path, 'sampleData'));
    if (v !== undefined) def.sampleData = v;
  }
  if (reader.has('rules') && tables) {
    const rules = checkRules(ck, reader.get('rules'), at(path, 'rules'), def.tables);
    if (rules) def.rules = rules;
  }
  if (reader.has('timeZone')) {
    const v = reader.get('timeZone');
    if (isTimeZone(v)) def.timeZone = v;
    else ck.error(at(path, 'timeZone'), 'schema.timeZone', { actual: typeof v === 'string' ? clip(v) : kindOf(v) });
  }
  return { def: finish(reader, def), tables };
}

function checkApp(ck: Checker, raw: unknown, path: string): AppDef | undefined {
  return checkAppDetailed(ck, raw, path)?.def;
}

function checkTemplate(ck: Checker, raw: unknown): TemplateDef | undefined {
  const reader = readObject(ck, raw, '', TEMPLATE_KEYS);
  if (!reader) return undefined;
  requireKeys(ck, reader, ['format', 'formatVersion', 'id', 'name', 'tables']);
  checkFormat(ck, reader, 'ltc-template');
  const id = reader.has('id') ? checkId(ck, reader.get('id'), 'id') : undefined;
  const name = reader.has('name') ? checkString(ck, reader.get('name'), 'name', true) : undefined;
  const tables = reader.has('tables') ? checkTables(ck, reader.get('tables'), 'tables') : undefined;
  const template: TemplateDef = {
    format: 'ltc-template',
    formatVersion: 1,
    id: id ?? '',
    name: name ?? '',
    tables: tables ? [...tables.tables.values()].map((t) => t.def) : [],
  };
  if (reader.has('labels')) {
    const labels = checkLabels(ck, reader.get('labels'), 'labels');
    if (labels) template.labels = labels;
  }
  if (reader.has('description')) {
    const v = checkString(ck, reader.get('description'), 'description');
    if (v !== undefined) template.description = v;
  }
  if (reader.has('descriptionLabels')) {
    const labels = checkLabels(ck, reader.get('descriptionLabels'), 'descriptionLabels');
    if (labels) template.descriptionLabels = labels;
  }
  if (reader.has('sampleData')) {
    const sampleData = checkSampleData(ck, reader.get('sampleData'), 'sampleData', tables);
    if (sampleData) template.sampleData = sampleData;
  }
  if (reader.has('rules') && tables) {
    const rules = checkRules(ck, reader.get('rules'), 'rules', template.tables);
    if (rules) template.rules = rules;
  }
  if (reader.has('timeZone')) {
    const v = reader.get('timeZone');
    if (isTimeZone(v)) template.timeZone = v;
    else ck.error('timeZone', 'schema.timeZone', { actual: typeof v === 'string' ? clip(v) : kindOf(v) });
  }

  return finish(reader, template);
}

function checkSampleData(
  ck: Checker,
  raw: unknown,
  path: string,
  tables: CheckedTables | undefined,
): Record<string, SampleRecord[]> | undefined {
  const read = readRecordGroups(ck, raw, path, tables, SAMPLE_KEYS, (reader, p) =>
    reader.has('id') ? checkId(ck, reader.get('id'), at(p, 'id')) : undefined,
  );
  if (!read) return undefined;
  const out: Record<string, SampleRecord[]> = {};
  for (const group of read.groups) {
    const samples: SampleRecord[] = [];
    for (const pending of group.records) {
      requireKeys(ck, pending.reader, ['values']);
      const values =
        pending.reader.has('values') && group.table
          ? checkValues(ck, pending.reader.get('values'), at(pending.path, 'values'), group.table, read.index, 'template')
          : undefined;
      const sample: SampleRecord = { values: values ?? {} };
      if (pending.id !== undefined) sample.id = pending.id;
      samples.push(finish(pending.reader, sample));
    }
    out[group.tableId] = samples;
  }
  return out;
}

function checkExport(ck: Checker, raw: unknown): AppExport | undefined {
  const reader = readObject(ck, raw, '', EXPORT_KEYS);
  if (!reader) return undefined;
  requireKeys(ck, reader, ['format', 'formatVersion', 'exportedAt', 'app', 'records']);
  checkFormat(ck, reader, 'ltc-export');
  const exportedAt = reader.has('exportedAt') ? checkDateTime(ck, reader.get('exportedAt'), 'exportedAt') : undefined;
  const app = reader.has('app') ? checkAppDetailed(ck, reader.get('app'), 'app') : undefined;
  const records = reader.has('records') ? checkRecords(ck, reader.get('records'), 'records', app) : undefined;
  if (!app) return undefined;
  const value: AppExport = {
    format: 'ltc-export',
    formatVersion: 1,
    exportedAt: exportedAt ?? '',
    app: app.def,
    records: records ?? {},
  };
  return finish(reader, value);
}

function checkRecords(ck: Checker, raw: unknown, path: string, app: CheckedApp | undefined): Record<string, RecordData[]> | undefined {
  const read = readRecordGroups(ck, raw, path, app?.tables, RECORD_KEYS, (reader, p) =>
    reader.has('id') ? checkId(ck, reader.get('id'), at(p, 'id')) : undefined,
  );
  if (!read) return undefined;
  const out: Record<string, RecordData[]> = {};
  for (const group of read.groups) {
    const list: RecordData[] = [];
    for (const { reader, path: p, id } of group.records) {
      requireKeys(ck, reader, ['id', 'tableId', 'version', 'createdAt', 'updatedAt', 'values']);
      let tableId: string | undefined;
      if (reader.has('tableId')) {
        tableId = checkId(ck, reader.get('tableId'), at(p, 'tableId'));
        if (tableId !== undefined && tableId !== group.tableId) {
          ck.error(at(p, 'tableId'), 'schema.tableIdMismatch', { actual: tableId, expected: group.tableId });
        }
      }
      const version = reader.has('version')
        ? checkInteger(ck, reader.get('version'), at(p, 'version'), 1, Number.MAX_SAFE_INTEGER, 'a positive integer')
        : undefined;
      const createdAt = reader.has('createdAt') ? checkDateTime(ck, reader.get('createdAt'), at(p, 'createdAt')) : undefined;
      const updatedAt = reader.has('updatedAt') ? checkDateTime(ck, reader.get('updatedAt'), at(p, 'updatedAt')) : undefined;
      const values =
        reader.has('values') && group.table
          ? checkValues(ck, reader.get('values'), at(p, 'values'), group.table, read.index, 'export')
          : undefined;
      const record: RecordData = {
        id: id ?? '',
        tableId: tableId ?? group.tableId,
        version: version ?? 1,
        createdAt: createdAt ?? '',
        updatedAt: updatedAt ?? '',
        values: values ?? {},
      };
      list.push(finish(reader, record));
    }
    out[group.tableId] = list;
  }
  return out;
}
