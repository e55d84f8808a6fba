/**
 * Messages of rule problems found by `checkRule` (./model.ts), in English and Simplified
 * Chinese, with `{name}` placeholders filled from the issue's params. Plain text, always
 * rendered as text.
 */
import type { Locale } from '../schema/types.js';

export const RULE_MESSAGES = {
  'rule.notObject': { en: 'A rule must be an object.', 'zh-CN': '规则必须是一个对象。' },
  'rule.badId': { en: '"{value}" is not a valid id: 1–128 letters, digits, "_" or "-", starting with a letter or digit.', 'zh-CN': '“{value}”不是有效的 ID：只能使用 1–128 个字母、数字、“_”或“-”，并以字母或数字开头。' },
  'rule.duplicateId': { en: 'Another rule already has the id "{value}".', 'zh-CN': '已有规则使用 ID“{value}”。' },
  'rule.noName': { en: 'The rule needs a name.', 'zh-CN': '规则需要一个名称。' },
  'rule.notBoolean': { en: 'Must be true or false.', 'zh-CN': '必须是 true 或 false。' },
  'rule.unknownTable': { en: 'There is no table "{value}".', 'zh-CN': '没有数据表“{value}”。' },
  'rule.unknownField': { en: 'Table "{table}" has no field "{value}".', 'zh-CN': '数据表“{table}”中没有字段“{value}”。' },
  'rule.wrongFieldType': { en: 'Field "{field}" cannot be used here (it must be a {kind} field).', 'zh-CN': '字段“{field}”不能用在这里（必须是{kind}字段）。' },
  'rule.unknownTrigger': { en: 'Unknown trigger "{value}".', 'zh-CN': '未知的触发方式“{value}”。' },
  'rule.fromToNeedsField': { en: '"from" and "to" need the field they refer to (fieldId).', 'zh-CN': '“从”和“到”需要指定对应的字段（fieldId）。' },
  'rule.badNumber': { en: 'Not an allowed number here.', 'zh-CN': '这里不允许这个数值。' },
  'rule.badUnit': { en: 'Unknown unit "{value}" (minutes, hours or days).', 'zh-CN': '未知的单位“{value}”（minutes、hours 或 days）。' },
  'rule.badTime': { en: '"{value}" is not a time of day (HH:MM, e.g. 10:00).', 'zh-CN': '“{value}”不是一天中的时间（HH:MM，例如 10:00）。' },
  'rule.timeNeedsDays': { en: 'A time of day only goes with an offset in days.', 'zh-CN': '只有以“天”为单位时才能指定时间。' },
  'rule.badEvery': { en: 'Unknown repetition "{value}" (day, week or month).', 'zh-CN': '未知的重复周期“{value}”（day、week 或 month）。' },
  'rule.badCondition': { en: 'The condition must be a JSON Logic rule.', 'zh-CN': '条件必须是 JSON Logic 规则。' },
  'rule.badVariants': { en: 'An A/B split needs at least two variants with a positive total weight.', 'zh-CN': 'A/B 分组至少需要两个变体，且权重之和大于 0。' },
  'rule.unknownVariant': { en: 'The rule has no variant "{value}".', 'zh-CN': '规则中没有变体“{value}”。' },
  'rule.noActions': { en: 'The rule needs at least one action.', 'zh-CN': '规则至少需要一个动作。' },
  'rule.unknownAction': { en: 'Unknown action "{value}".', 'zh-CN': '未知的动作“{value}”。' },
  'rule.badValue': { en: 'Give either a value or a formula.', 'zh-CN': '请给出一个值或一个公式（二选一）。' },
  'rule.noTags': { en: 'Name at least one tag.', 'zh-CN': '至少指定一个标签。' },
  'rule.unknownChoice': { en: 'Field "{field}" has no option "{value}".', 'zh-CN': '字段“{field}”没有选项“{value}”。' },
  'rule.badStrategy': { en: 'Unknown assignment "{value}" (round-robin, fewest-open or by-condition).', 'zh-CN': '未知的分配方式“{value}”（round-robin、fewest-open 或 by-condition）。' },
  'rule.badCases': { en: 'Assignment by condition needs cases, each with a condition and an owner.', 'zh-CN': '按条件分配需要若干条件分支，每个分支包含条件和负责人。' },
  'rule.badUrl': { en: '"{value}" is not an http(s) address.', 'zh-CN': '“{value}”不是 http(s) 地址。' },
  'rule.badMethod': { en: 'Unknown method "{value}" (POST or PUT).', 'zh-CN': '未知的请求方法“{value}”（POST 或 PUT）。' },
  'rule.noMessage': { en: 'The notification needs a text.', 'zh-CN': '通知需要填写内容。' },
  'rule.badCatchUp': { en: 'Missed occurrences are either "fire" or "skip".', 'zh-CN': '错过的触发只能是“fire”（补发）或“skip”（跳过）。' },
  // The outcome a rule's variants are compared on (./outcomes.ts).
  'rule.badOutcome': { en: 'Unknown outcome "{value}" (related-record or field).', 'zh-CN': '未知的效果指标“{value}”（related-record 或 field）。' },
  'rule.outcomeRelation': { en: 'Table "{table}" has no relation field "{value}".', 'zh-CN': '数据表“{table}”中没有关联字段“{value}”。' },
  'rule.outcomeDate': { en: 'Table "{table}" has no date field "{value}".', 'zh-CN': '数据表“{table}”中没有日期字段“{value}”。' },
  'rule.outcomeDays': { en: 'The number of days must be a whole number from 1 to 3650.', 'zh-CN': '天数必须是 1 到 3650 之间的整数。' },
} as const satisfies Record<string, Record<Locale, string>>;

export type RuleIssueCode = keyof typeof RULE_MESSAGES;

/** The message of a rule issue in `locale`. */
export function ruleIssueMessage(issue: { code: RuleIssueCode; params?: Record<string, string | number> }, locale: Locale): string {
  const template: string = RULE_MESSAGES[issue.code][locale];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (issue.params && name in issue.params ? String(issue.params[name]) : whole));
}
