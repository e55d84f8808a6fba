/**
 * Running conditions over records in memory: `matchLogic` (a filter stored as JSON Logic,
 * compiled once, run per record by the project's evaluator) and `quickSearch` (what the
 * table's search box does as the user types). The table loads this in the main bundle, so it
 * stays small; the condition model (src/core/conditions/model.ts) loads with the designer.
 */
import { compileLogic, truthy, type Logic } from '../logic/index.js';
import { fieldTypeOf, hasChoices, linkedTable } from '../fields/index.js';
import type { FieldDef, RecordData, TableDef } from '../schema/types.js';
import { TODAY_VAR, conditionData, localDay, normaliseText, type ValueOf } from './ops.js';

/** When a condition runs: `now` decides `$today` (default: the current time). */
export interface MatchOptions {
  now?: Date;
  /** Derived values (formulas, inverse links) of a record's field. Stored values are read from the record. */
  readValue?: ValueOf;
}

/**
 * The records for which the JSON Logic `logic` is truthy, in their order. An evaluation
 * that throws (an unknown operation in hand-written logic) counts as no match for that record.
 */
export function matchLogic(records: readonly RecordData[], logic: Logic, table: TableDef, options: MatchOptions = {}): RecordData[] {
  const run = compileLogic(logic);
  const today = localDay(options.now ?? new Date());
  const names = varNames(logic);
  // A filter over 100,000 records reads only the fields it names (one or two, usually),
  // rather than copying every value and computing every derived field per record.
  const dataOf = names ? namedData(names, table, today, options.readValue) : (record: RecordData) => conditionData(record, table, today, options.readValue);
  return records.filter((record) => {
    try {
      return truthy(run(dataOf(record)));
    } catch {
      return false;
    }
  });
}

/**
 * The data names a logic reads (`var` with a constant name; a dotted name also by its first
 * part), or undefined when it cannot be known beforehand — a computed `var` name, the whole
 * data (`var ""`), `missing` / `missing_some`, or logic nested beyond reason — and every
 * value must be there.
 */
function varNames(logic: Logic): Set<string> | undefined {
  const names = new Set<string>();
  const visit = (node: unknown, depth: number): boolean => {
    if (depth > 200) return false;
    if (Array.isArray(node)) return node.every((item) => visit(item, depth + 1));
    if (node === null || typeof node !== 'object') return true;
    const keys = Object.keys(node);
    if (keys.length !== 1) return true;
    const op = keys[0]!;
    const args = (node as Record<string, unknown>)[op];
    if (op === 'missing' || op === 'missing_some') return false;
    if (op !== 'var') return visit(args, depth + 1);
    const name = Array.isArray(args) ? args[0] : args;
    if (typeof name === 'number') names.add(String(name));
    else if (typeof name !== 'string' || name === '') return false;
    else {
      names.add(name);
      if (name.includes('.')) names.add(name.slice(0, name.indexOf('.')));
    }
    return !Array.isArray(args) || args.slice(1).every((item) => visit(item, depth + 1));
  };
  return visit(logic, 0) ? names : undefined;
}

/** `conditionData` limited to `names`: the same values for every name the logic reads. */
function namedData(names: ReadonlySet<string>, table: TableDef, today: string, valueOf: MatchOptions['readValue']): (record: RecordData) => Record<string, unknown> {
  const derived = valueOf ? table.fields.filter((field) => names.has(field.id) && fieldTypeOf(field).isDerived(field)) : [];
  const stored = [...names].filter((name) => name !== TODAY_VAR && !derived.some((field) => field.id === name));
  return (record) => {
    const data: Record<string, unknown> = { [TODAY_VAR]: today };
    for (const name of stored) if (Object.prototype.hasOwnProperty.call(record.values, name)) data[name] = record.values[name];
    for (const field of derived) data[field.id] = valueOf!(record, field) ?? null;
    return data;
  };
}

/** Whether a text matches a pinyin query (`fgq`, `fanguoqing`): see src/pinyin.ts. */
export type PinyinMatcher = (text: string, query: string) => boolean;

/** Options of `quickSearch`. */
export interface QuickSearchOptions {
  /** Also match Chinese text by pinyin when the query is Latin letters (loaded lazily). */
  matcher?: PinyinMatcher;
}

/**
 * Whether a search query could be pinyin (Latin letters, spaces, apostrophes; at least one
 * letter): the moment a table that holds Chinese text loads the pinyin matcher.
 */
export function wantsPinyin(query: string): boolean {
  return /^[a-z\s']*[a-z][a-z\s']*$/i.test(normaliseText(query).trim());
}

/** Whether quick search reads a field: text-like scalars and choices (by label), never relation or choice ids. */
export function isSearchable(field: FieldDef): boolean {
  if (linkedTable(field) !== undefined) return false;
  if (hasChoices(field.type)) return true;
  const scalar = fieldTypeOf(field).scalar(field);
  return scalar.type === 'text' || scalar.type === 'any';
}

/**
 * Records whose text-like columns contain `text`, case-insensitively and full-width as
 * half-width; choices match by their label in either language. A query of digits with
 * spaces or dashes (`138 0013`) also matches values by their digits alone, so phone
 * numbers and order numbers are found however they are written. Blank text matches all.
 * `fields` limits the search to some columns (the table's visible ones); default: the table's.
 * `options.matcher` (from `loadPinyinMatcher`, src/elements/load-pinyin.ts) also finds
 * Chinese text by its pinyin when the query is Latin letters (`fgq` → 范国庆).
 */
export function quickSearch(
  records: readonly RecordData[],
  table: TableDef,
  text: string,
  valueOf?: ValueOf,
  fields?: readonly FieldDef[],
  options: QuickSearchOptions = {},
): RecordData[] {
  const needle = normaliseText(text).trim();
  if (needle === '') return [...records];
  const digits = /^[\d\s\-+().]+$/.test(needle) ? needle.replace(/\D/g, '') : '';
  const pinyin = options.matcher && wantsPinyin(needle) ? options.matcher : undefined;
  const searched = (fields ?? table.fields).filter(isSearchable);
  return records.filter((record) =>
    searched.some((field) => {
      const value = valueOf ? valueOf(record, field) : record.values[field.id];
      if (value === null || value === undefined || value === '') return false;
      const def = fieldTypeOf(field);
      const texts = hasChoices(field.type)
        ? [def.format(value, field, { locale: 'zh-CN' }), def.format(value, field, { locale: 'en' })]
        : [typeof value === 'string' ? value : def.format(value, field, { locale: 'zh-CN' })];
      return texts.some((candidate) => {
        const hay = normaliseText(candidate);
        return hay.includes(needle) || (digits.length > 0 && hay.replace(/\D/g, '').includes(digits)) || (pinyin !== undefined && pinyin(candidate, needle));
      });
    }),
  );
}
