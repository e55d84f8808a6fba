/**
 * User-facing messages of the formula language in zh-CN and en: compile-time errors
 * (`FormulaError`) and the reasons attached to error values (`CellError`). Keys describe
 * meaning; `{name}` placeholders are filled from params.
 */
import type { Locale } from '../schema/types.js';

type Table<K extends string> = Record<K, Record<Locale, string>>;

const COMPILE = {
  'formula.empty': { en: 'The formula is empty.', 'zh-CN': '公式为空。' },
  'formula.syntax': { en: 'Unexpected {token}.', 'zh-CN': '此处不应出现{token}。' },
  'formula.syntax.end': { en: 'The formula ends too early: {expected} is missing.', 'zh-CN': '公式不完整：缺少{expected}。' },
  'formula.syntax.expected': { en: 'Expected {expected} but found {token}.', 'zh-CN': '此处应为{expected}，实际是{token}。' },
  'formula.syntax.unclosedString': { en: 'The text starting here has no closing quote.', 'zh-CN': '文本缺少右引号。' },
  'formula.syntax.unclosedField': { en: 'The field reference starting here has no closing }.', 'zh-CN': '字段引用缺少右花括号 }。' },
  'formula.syntax.emptyField': { en: 'Empty field reference {}.', 'zh-CN': '字段引用 {} 为空。' },
  'formula.syntax.char': { en: 'The character {char} is not allowed here.', 'zh-CN': '不能使用字符 {char}。' },
  'formula.syntax.bareName': { en: '{name} is not a function or value; field names go in braces.', 'zh-CN': '{name} 不是函数或值；引用字段请加花括号。' },
  'formula.tooComplex': { en: 'The formula is nested too deeply.', 'zh-CN': '公式嵌套层数过多。' },
  'formula.unknownField': { en: 'There is no field named {name}.', 'zh-CN': '没有名为 {name} 的字段。' },
  'formula.unknownRelatedField': {
    en: 'The table linked by {relation} has no field named {name}.',
    'zh-CN': '{relation} 关联的表中没有名为 {name} 的字段。',
  },
  'formula.notRelation': { en: '{name} is not a relation field, so {name}.… cannot be used.', 'zh-CN': '{name} 不是关联字段，不能写 {name}.…。' },
  'formula.unknownFunction': { en: 'There is no function {name}.', 'zh-CN': '没有函数 {name}。' },
  'formula.argCount': { en: '{name} takes {expected} but got {count}.', 'zh-CN': '{name} 需要{expected}，实际为 {count} 个。' },
  'formula.type.arithmetic': {
    en: '{what} is {type}; it cannot be used with {op}.',
    'zh-CN': '{what} 是{type}，不能用于 {op} 运算。',
  },
  'formula.type.argument': {
    en: 'Argument {index} of {name} must be {expected}, but {what} is {type}.',
    'zh-CN': '{name} 的第 {index} 个参数应为{expected}，但 {what} 是{type}。',
  },
  'formula.type.list': {
    en: '{what} is a list of values (one per related record); use it inside SUM, AVERAGE, COUNT, MAX….',
    'zh-CN': '{what} 是一组值（每条关联记录一个）；请放在 SUM、AVERAGE、COUNT、MAX 等函数中使用。',
  },
  'formula.cycle': { en: 'Circular reference: {cycle}.', 'zh-CN': '循环引用：{cycle}。' },
  'suggest.field': { en: 'Did you mean {name}?', 'zh-CN': '您是不是要引用 {name}？' },
  'suggest.function': { en: 'Did you mean {name}?', 'zh-CN': '您是不是要用 {name}？' },
  'suggest.value': { en: 'Convert text with VALUE(…).', 'zh-CN': '可用 VALUE(…) 把文本转为数字。' },
  'suggest.aggregate': { en: 'For example SUM({name}).', 'zh-CN': '例如 SUM({name})。' },
} satisfies Table<string>;

const RUNTIME = {
  divZero: { en: 'Division by zero.', 'zh-CN': '除数为零。' },
  notNumber: { en: '"{value}" is not a number.', 'zh-CN': '“{value}”不是数字。' },
  notText: { en: 'The value is not text.', 'zh-CN': '该值不是文本。' },
  notLogical: { en: '"{value}" is not TRUE or FALSE.', 'zh-CN': '“{value}”不是 TRUE 或 FALSE。' },
  notDate: { en: '"{value}" is not a date.', 'zh-CN': '“{value}”不是日期。' },
  listNotScalar: { en: 'A list of values cannot be used here; aggregate it first.', 'zh-CN': '此处不能使用一组值，请先汇总。' },
  noLogical: { en: '{name} found no TRUE/FALSE values.', 'zh-CN': '{name} 没有找到逻辑值。' },
  noMatch: { en: '{name}: no condition matched.', 'zh-CN': '{name}：没有满足的条件。' },
  badArgument: { en: '{name}: argument {index} is out of range.', 'zh-CN': '{name}：第 {index} 个参数超出范围。' },
  numOverflow: { en: 'The result is not a finite number.', 'zh-CN': '结果不是有限数值。' },
  negativeSqrt: { en: 'Square root of a negative number.', 'zh-CN': '不能对负数开平方。' },
  powerInvalid: { en: 'This power has no real result.', 'zh-CN': '该乘方没有实数结果。' },
  notFound: { en: 'FIND: "{value}" was not found.', 'zh-CN': 'FIND：未找到“{value}”。' },
  dateOutOfRange: { en: 'The date is out of range (years 0–9999).', 'zh-CN': '日期超出范围（0–9999 年）。' },
  startAfterEnd: { en: 'DATEDIF: the start date is after the end date.', 'zh-CN': 'DATEDIF：开始日期晚于结束日期。' },
  badUnit: { en: 'DATEDIF: unknown unit "{value}" (use Y, M, D, MD, YM or YD).', 'zh-CN': 'DATEDIF：未知单位“{value}”（可用 Y、M、D、MD、YM、YD）。' },
  badWeekdayType: { en: 'WEEKDAY: return type {value} is not supported.', 'zh-CN': 'WEEKDAY：不支持返回类型 {value}。' },
  deletedField: { en: 'The field {name} has been deleted.', 'zh-CN': '字段 {name} 已被删除。' },
  relationNotLoaded: {
    en: 'Related records of {name} are not available (only their ids were given).',
    'zh-CN': '{name} 的关联记录未加载（只提供了记录 ID）。',
  },
  badFormat: { en: 'TEXT: format "{value}" is not supported.', 'zh-CN': 'TEXT：不支持格式“{value}”。' },
  textTooLong: {
    en: 'The text would be longer than {value} characters, the most a formula can produce.',
    'zh-CN': '文本将超过 {value} 个字符，超出公式结果的上限。',
  },
  significanceSign: { en: '{name}: number and significance have different signs.', 'zh-CN': '{name}：数值与基数符号不同。' },
} satisfies Table<string>;

/** A compile-time message key. */
export type CompileMessageKey = keyof typeof COMPILE;
/** A runtime (error value) message key. */
export type RuntimeMessageKey = keyof typeof RUNTIME;

function fill(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => params[key] ?? whole);
}

/** A compile-time message in the given locale. */
export function compileMessage(key: CompileMessageKey, locale: Locale, params: Readonly<Record<string, string>> = {}): string {
  return fill(COMPILE[key][locale], params);
}

/** The reason of an error value in the given locale. */
export function runtimeMessage(key: RuntimeMessageKey, locale: Locale, params: Readonly<Record<string, string>> = {}): string {
  // Stored logic is data: a tampered `fx:ERR` may name a reason that does not exist.
  const entry = Object.prototype.hasOwnProperty.call(RUNTIME, key) ? RUNTIME[key] : undefined;
  return entry ? fill(entry[locale], params) : key;
}

/** Names of value types in messages. */
export const TYPE_NAMES: Record<string, Record<Locale, string>> = {
  number: { en: 'a number', 'zh-CN': '数字' },
  money: { en: 'an amount', 'zh-CN': '金额' },
  percent: { en: 'a percentage', 'zh-CN': '百分比' },
  text: { en: 'text', 'zh-CN': '文本' },
  boolean: { en: 'TRUE/FALSE', 'zh-CN': '逻辑值' },
  date: { en: 'a date', 'zh-CN': '日期' },
  list: { en: 'a list', 'zh-CN': '一组值' },
  any: { en: 'a value', 'zh-CN': '值' },
  blank: { en: 'blank', 'zh-CN': '空值' },
};
