/**
 * The condition model behind filters, rules and visibility conditions: AND / OR groups of
 * `{ field, op, value }` conditions, with the operators each kind of field offers, turned
 * into JSON Logic (the stored form, run by `applyLogic`) and parsed back. Pure: no DOM.
 *
 * A field's kind comes from the field-type model (`fieldTypeOf`, `linkedTable`,
 * `hasChoices`), never from its type name, so a site owner's type gets the operators of
 * what it holds. See docs/conditions.md for the JSON Logic each operator produces.
 */
import { fieldTypeOf, hasChoices, isIsoDate, linkedTable } from '../fields/index.js';
import type { FieldDef, LocalizedLabels, RecordData, TableDef } from '../schema/types.js';
import type { Logic } from '../logic/index.js';
import { TODAY_VAR, type ValueOf } from './ops.js';
import { matchLogic } from './match.js';

/** What a field holds, as far as conditions are concerned. */
export type ConditionKind = 'text' | 'number' | 'date' | 'choice' | 'multiselect' | 'checkbox' | 'relation';

export type ConditionOp =
  | 'contains' | 'notContains' | 'is' | 'isNot' | 'startsWith' | 'isEmpty' | 'isNotEmpty'
  | '=' | '!=' | '<' | '<=' | '>' | '>=' | 'between'
  | 'before' | 'after' | 'inLast' | 'inNext' | 'today'
  | 'isAnyOf' | 'isNoneOf' | 'hasAnyOf' | 'hasAllOf'
  | 'isTrue' | 'isFalse' | 'has';

/** A relative period: the last / next `n` days, weeks or months, today included. */
export interface RelativePeriod {
  n: number;
  unit: 'day' | 'week' | 'month';
}

/**
 * A condition's value, in the stored representation of the field: text; a number (percent
 * as a fraction); `YYYY-MM-DD`; `[low, high]` for `between` (inclusive); a period for
 * `inLast` / `inNext`; choice ids for the list operators; a record id for `has`.
 */
export type ConditionValue = string | number | [number, number] | [string, string] | RelativePeriod | string[];

/** One condition on one field. */
export interface Condition {
  field: string;
  op: ConditionOp;
  value?: ConditionValue;
}

/** Conditions that must all hold (`all`) or of which one must (`any`); groups nest. */
export type ConditionGroup = { all: Array<Condition | ConditionGroup> } | { any: Array<Condition | ConditionGroup> };

/** The shape of value an operator takes (the builder draws its input from this). */
export type ValueShape = 'none' | 'text' | 'number' | 'numberRange' | 'date' | 'dateRange' | 'period' | 'choices' | 'record';

/** One operator the builder offers for a field. */
export interface OperatorInfo {
  op: ConditionOp;
  labels: Required<LocalizedLabels>;
  value: ValueShape;
}

/** A problem with a condition: `path` like `all[1].any[0].value`. */
export interface ConditionIssue {
  path: string;
  code: 'condition.field' | 'condition.op' | 'condition.value';
  message: Required<LocalizedLabels>;
}

const L = (zh: string, en: string): Required<LocalizedLabels> => ({ 'zh-CN': zh, en });

const OPERATORS: Record<ConditionOp, Omit<OperatorInfo, 'op' | 'value'>> = {
  contains: { labels: L('包含', 'contains') },
  notContains: { labels: L('不包含', 'does not contain') },
  is: { labels: L('是', 'is') },
  isNot: { labels: L('不是', 'is not') },
  startsWith: { labels: L('开头是', 'starts with') },
  isEmpty: { labels: L('为空', 'is empty') },
  isNotEmpty: { labels: L('不为空', 'is not empty') },
  '=': { labels: L('等于', '=') },
  '!=': { labels: L('不等于', '≠') },
  '<': { labels: L('小于', '<') },
  '<=': { labels: L('小于等于', '≤') },
  '>': { labels: L('大于', '>') },
  '>=': { labels: L('大于等于', '≥') },
  between: { labels: L('介于', 'between') },
  before: { labels: L('早于', 'is before') },
  after: { labels: L('晚于', 'is after') },
  inLast: { labels: L('过去', 'in the last') },
  inNext: { labels: L('未来', 'in the next') },
  today: { labels: L('是今天', 'is today') },
  isAnyOf: { labels: L('是其中之一', 'is any of') },
  isNoneOf: { labels: L('不是其中任何一个', 'is none of') },
  hasAnyOf: { labels: L('包含任一', 'has any of') },
  hasAllOf: { labels: L('包含全部', 'has all of') },
  isTrue: { labels: L('已勾选', 'is checked') },
  isFalse: { labels: L('未勾选', 'is not checked') },
  has: { labels: L('包含记录', 'has record') },
};

const BY_KIND: Record<ConditionKind, Array<[ConditionOp, ValueShape]>> = {
  text: [['contains', 'text'], ['notContains', 'text'], ['is', 'text'], ['isNot', 'text'], ['startsWith', 'text'], ['isEmpty', 'none'], ['isNotEmpty', 'none']],
  number: [['=', 'number'], ['!=', 'number'], ['<', 'number'], ['<=', 'number'], ['>', 'number'], ['>=', 'number'], ['between', 'numberRange'], ['isEmpty', 'none'], ['isNotEmpty', 'none']],
  date: [['is', 'date'], ['before', 'date'], ['after', 'date'], ['between', 'dateRange'], ['inLast', 'period'], ['inNext', 'period'], ['today', 'none'], ['isEmpty', 'none'], ['isNotEmpty', 'none']],
  choice: [['isAnyOf', 'choices'], ['isNoneOf', 'choices'], ['isEmpty', 'none'], ['isNotEmpty', 'none']],
  multiselect: [['hasAnyOf', 'choices'], ['hasAllOf', 'choices'], ['isEmpty', 'none'], ['isNotEmpty', 'none']],
  checkbox: [['isTrue', 'none'], ['isFalse', 'none']],
  relation: [['has', 'record'], ['isEmpty', 'none'], ['isNotEmpty', 'none']],
};

/** The kind of a field for conditions, from the field-type model. */
export function conditionKind(field: FieldDef): ConditionKind {
  if (linkedTable(field) !== undefined) return 'relation';
  const scalar = fieldTypeOf(field).scalar(field);
  if (hasChoices(field.type) || fieldTypeOf(field).choices) return scalar.list ? 'multiselect' : 'choice';
  switch (scalar.type) {
    case 'number':
    case 'money':
    case 'percent':
      return 'number';
    case 'date':
      return 'date';
    case 'boolean':
      return 'checkbox';
    default:
      return 'text';
  }
}

/** The operators the builder offers for a field, in menu order, with their labels and value shapes. */
export function operatorsFor(field: FieldDef): OperatorInfo[] {
  return BY_KIND[conditionKind(field)].map(([op, value]) => ({ op, value, labels: OPERATORS[op].labels }));
}

/** Whether an item of a group is a group. */
export function isGroup(item: Condition | ConditionGroup): item is ConditionGroup {
  return typeof item === 'object' && item !== null && ('all' in item || 'any' in item) && !('field' in item);
}

/** The items of a group and whether they combine with AND. */
export function groupItems(group: ConditionGroup): { and: boolean; items: Array<Condition | ConditionGroup> } {
  return 'all' in group ? { and: true, items: group.all } : { and: false, items: group.any };
}

const isText = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const UNITS = ['day', 'week', 'month'] as const;

/** Whether `value` has the shape an operator needs (an incomplete condition is left out of the logic). */
function valueFits(shape: ValueShape, value: unknown): boolean {
  switch (shape) {
    case 'none':
      return value === undefined;
    case 'text':
      return isText(value) && value !== '';
    case 'record':
      return isText(value) && value !== '';
    case 'number':
      return isNum(value);
    case 'numberRange':
      return Array.isArray(value) && value.length === 2 && value.every(isNum);
    case 'date':
      return isIsoDate(value);
    case 'dateRange':
      return Array.isArray(value) && value.length === 2 && value.every(isIsoDate);
    case 'period': {
      const p = value as RelativePeriod | undefined;
      return typeof p === 'object' && p !== null && Number.isInteger(p.n) && p.n >= 0 && (UNITS as readonly string[]).includes(p.unit);
    }
    case 'choices':
      return Array.isArray(value) && value.length > 0 && value.every(isText);
  }
}

/** The JSON Logic of one complete condition (see docs/conditions.md). */
function leafLogic(field: FieldDef, op: ConditionOp, value: unknown): Logic {
  const v = { var: field.id };
  const today = { var: TODAY_VAR };
  const text = { ltc_text: [v] };
  const day = { ltc_day: [v] };
  const known = { '!=': [v, null] };
  const kind = conditionKind(field);
  switch (op) {
    case 'isEmpty':
      return { ltc_blank: [v] };
    case 'isNotEmpty':
      return { '!': { ltc_blank: [v] } };
    case 'contains':
      return { in: [{ ltc_text: [value] }, text] };
    case 'notContains':
      return { '!': { in: [{ ltc_text: [value] }, text] } };
    case 'startsWith':
      return { '==': [{ substr: [text, 0, (value as string).length] }, { ltc_text: [value] }] };
    case 'is':
      return kind === 'date' ? { '==': [day, value] } : { '==': [text, { ltc_text: [value] }] };
    case 'isNot':
      return { '!=': [text, { ltc_text: [value] }] };
    case '=':
      return { '==': [v, value] };
    case '!=':
      return { '!=': [v, value] };
    case '<':
    case '<=':
    case '>':
    case '>=':
      // A blank is no number: null < 5 is true in JavaScript, so blanks are ruled out first.
      return { and: [known, { [op]: [v, value] }] };
    case 'between': {
      const [low, high] = value as [number, number] | [string, string];
      return kind === 'date' ? { '<=': [low, day, high] } : { and: [known, { '<=': [low, v, high] }] };
    }
    case 'before':
      return { '<': [day, value] };
    case 'after':
      return { '>': [day, value] };
    case 'today':
      return { '==': [day, today] };
    case 'inLast': {
      const { n, unit } = value as RelativePeriod;
      return { '<=': [{ ltc_shift: [today, -n, unit] }, day, today] };
    }
    case 'inNext': {
      const { n, unit } = value as RelativePeriod;
      return { '<=': [today, day, { ltc_shift: [today, n, unit] }] };
    }
    case 'isAnyOf':
      return { in: [v, value] };
    case 'isNoneOf':
      return { '!': { in: [v, value] } };
    case 'hasAnyOf':
      return { some: [v, { in: [{ var: '' }, value] }] };
    case 'hasAllOf':
      return { and: (value as string[]).map((id) => ({ in: [id, v] })) };
    case 'isTrue':
      return { '===': [v, true] };
    case 'isFalse':
      return { '!==': [v, true] };
    case 'has':
      // `merge` makes one id and a list of ids alike; `in` on a string would match "r1" inside "r10".
      return { some: [{ merge: [v] }, { '==': [{ var: '' }, value] }] };
  }
}

function shapeOf(field: FieldDef, op: ConditionOp): ValueShape | undefined {
  return BY_KIND[conditionKind(field)].find(([o]) => o === op)?.[1];
}

function itemLogic(item: Condition | ConditionGroup, table: TableDef): Logic | undefined {
  if (isGroup(item)) {
    const { and, items } = groupItems(item);
    const parts = items.map((child) => itemLogic(child, table)).filter((part) => part !== undefined);
    return parts.length === 0 ? undefined : { [and ? 'and' : 'or']: parts };
  }
  const field = table.fields.find((f) => f.id === item.field);
  if (!field) return undefined;
  const shape = shapeOf(field, item.op);
  if (shape === undefined || !valueFits(shape, item.value)) return undefined;
  return leafLogic(field, item.op, item.value);
}

/**
 * A condition group as JSON Logic over a record's values keyed by field id (plus `$today`,
 * see src/core/conditions/ops.ts). Incomplete conditions (no value yet, unknown field or
 * operator — see `validateCondition`) and groups left empty are omitted; nothing left gives
 * `true` (every record matches).
 */
export function conditionToLogic(group: ConditionGroup, table: TableDef): Logic {
  return itemLogic(group, table) ?? true;
}

interface Literals {
  strings: string[];
  numbers: number[];
  lists: string[][];
  vars: string[];
}

function collect(logic: unknown, into: Literals): void {
  if (Array.isArray(logic)) {
    for (const item of logic) {
      if (Array.isArray(item)) {
        if (item.every(isText)) into.lists.push(item);
        else collect(item, into);
      } else collect(item, into);
    }
    return;
  }
  if (logic === null || typeof logic !== 'object') {
    if (isText(logic)) into.strings.push(logic);
    else if (isNum(logic)) into.numbers.push(logic);
    return;
  }
  const entries = Object.entries(logic);
  if (entries.length !== 1) return;
  const [op, args] = entries[0]!;
  if (op === 'var') {
    if (isText(args)) into.vars.push(args);
    return;
  }
  collect(Array.isArray(args) ? args : [args], into);
}

function candidateValue(shape: ValueShape, op: ConditionOp, lit: Literals): unknown {
  switch (shape) {
    case 'none':
      return undefined;
    case 'text':
    case 'record':
    case 'date':
      return lit.strings[0];
    case 'number':
      return lit.numbers[0];
    case 'numberRange':
      return lit.numbers.slice(0, 2);
    case 'dateRange':
      return lit.strings.slice(0, 2);
    case 'period': {
      const n = lit.numbers[0];
      return { n: n === undefined ? undefined : op === 'inLast' ? -n + 0 : n, unit: lit.strings[0] };
    }
    case 'choices':
      return lit.lists[0] ?? lit.strings;
  }
}

function parseItem(logic: unknown, table: TableDef): Condition | ConditionGroup | undefined {
  if (logic === null || typeof logic !== 'object' || Array.isArray(logic)) return undefined;
  const lit: Literals = { strings: [], numbers: [], lists: [], vars: [] };
  collect(logic, lit);
  const fieldIds = [...new Set(lit.vars.filter((name) => name !== '' && name !== TODAY_VAR))];
  if (fieldIds.length === 1) {
    const field = table.fields.find((f) => f.id === fieldIds[0]);
    if (field) {
      const wanted = JSON.stringify(logic);
      for (const { op, value: shape } of operatorsFor(field)) {
        const value = candidateValue(shape, op, lit);
        // Accept a reading only when it produces exactly this logic again.
        if (valueFits(shape, value) && JSON.stringify(leafLogic(field, op, value)) === wanted) {
          return value === undefined ? { field: field.id, op } : { field: field.id, op, value: value as ConditionValue };
        }
      }
    }
  }
  const entries = Object.entries(logic);
  if (entries.length === 1 && (entries[0]![0] === 'and' || entries[0]![0] === 'or') && Array.isArray(entries[0]![1])) {
    const items: Array<Condition | ConditionGroup> = [];
    for (const child of entries[0]![1] as unknown[]) {
      const parsed = parseItem(child, table);
      if (!parsed) return undefined;
      items.push(parsed);
    }
    return entries[0]![0] === 'and' ? { all: items } : { any: items };
  }
  return undefined;
}

/**
 * Reads back logic that `conditionToLogic` produced for this table; anything else (hand-written
 * logic, a field that no longer exists) gives undefined, so the UI can show "custom condition".
 * A lone condition is returned inside an `all` group.
 */
export function logicToCondition(logic: Logic, table: TableDef): ConditionGroup | undefined {
  if (logic === true) return { all: [] };
  const parsed = parseItem(logic, table);
  if (!parsed) return undefined;
  return isGroup(parsed) ? parsed : { all: [parsed] };
}

const VALUE_NEEDS: Record<ValueShape, Required<LocalizedLabels>> = {
  none: L('不需要值', 'takes no value'),
  text: L('需要一段文字', 'needs some text'),
  record: L('需要选择一条记录', 'needs a record'),
  number: L('需要一个数字', 'needs a number'),
  numberRange: L('需要两个数字（从、到）', 'needs two numbers (from, to)'),
  date: L('需要一个日期（YYYY-MM-DD）', 'needs a date (YYYY-MM-DD)'),
  dateRange: L('需要两个日期（从、到）', 'needs two dates (from, to)'),
  period: L('需要一个非负整数和单位（天、周、月）', 'needs a whole number of days, weeks or months'),
  choices: L('需要至少选择一个选项', 'needs at least one choice'),
};

/**
 * What is wrong with a condition group for a table: unknown fields, operators the field does
 * not offer, values of the wrong shape (or missing), each with its path and a message in both
 * languages. Empty when the group is complete.
 */
export function validateCondition(group: ConditionGroup, table: TableDef): ConditionIssue[] {
  const issues: ConditionIssue[] = [];
  const visit = (item: Condition | ConditionGroup, path: string): void => {
    if (isGroup(item)) {
      const { and, items } = groupItems(item);
      items.forEach((child, i) => visit(child, `${path}${path ? '.' : ''}${and ? 'all' : 'any'}[${i}]`));
      return;
    }
    const field = table.fields.find((f) => f.id === item.field);
    const name = field?.labels?.['zh-CN'] ?? field?.name ?? String(item.field);
    if (!field) {
      issues.push({ path: `${path}.field`, code: 'condition.field', message: L(`条件里的字段 “${name}” 在表 “${table.name}” 中不存在`, `The condition's field "${name}" does not exist in table "${table.name}"`) });
      return;
    }
    const shape = shapeOf(field, item.op);
    if (shape === undefined) {
      issues.push({ path: `${path}.op`, code: 'condition.op', message: L(`字段 “${name}” 不能用条件 “${String(item.op)}”`, `Field "${field.name}" has no operator "${String(item.op)}"`) });
      return;
    }
    if (!valueFits(shape, item.value)) {
      const info = OPERATORS[item.op].labels;
      issues.push({ path: `${path}.value`, code: 'condition.value', message: L(`字段 “${name}” 的条件 “${info['zh-CN']}” ${VALUE_NEEDS[shape]['zh-CN']}`, `"${field.name} ${info.en}" ${VALUE_NEEDS[shape].en}`) });
    }
  };
  visit(group, '');
  return issues;
}

/**
 * The records matching a condition group, by running its JSON Logic (`conditionToLogic`)
 * with `applyLogic`'s compiler. `derivedValueOf` reads derived fields (formulas, inverse
 * links); `now` decides today for relative dates.
 */
export function matchRecords(records: readonly RecordData[], group: ConditionGroup, table: TableDef, derivedValueOf?: ValueOf, options: { now?: Date } = {}): RecordData[] {
  return matchLogic(records, conditionToLogic(group, table), table, { readValue: derivedValueOf, now: options.now });
}
