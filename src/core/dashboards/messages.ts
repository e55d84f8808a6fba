/**
 * Messages of dashboard problems: validation issues found by `checkDashboards` (./validate.ts)
 * and the notes a panel shows instead of numbers (a field the app does not have). English and
 * Simplified Chinese, `{name}` placeholders filled from the params; plain text, always
 * rendered as text.
 */
import type { Locale } from '../schema/types.js';

export const DASHBOARD_MESSAGES = {
  'dashboard.notObject': { en: 'Must be an object.', 'zh-CN': '必须是一个对象。' },
  'dashboard.notArray': { en: 'Must be a list.', 'zh-CN': '必须是一个列表。' },
  'dashboard.badId': { en: '"{value}" is not a valid id: 1–128 letters, digits, "_" or "-", starting with a letter or digit.', 'zh-CN': '“{value}”不是有效的 ID：只能使用 1–128 个字母、数字、“_”或“-”，并以字母或数字开头。' },
  'dashboard.duplicateId': { en: 'The id "{value}" is used twice.', 'zh-CN': 'ID“{value}”重复使用。' },
  'dashboard.noName': { en: 'A name is needed.', 'zh-CN': '需要一个名称。' },
  'dashboard.unknownKind': { en: 'Unknown panel kind "{value}" ({allowed}).', 'zh-CN': '未知的面板类型“{value}”（{allowed}）。' },
  'dashboard.unknownChart': { en: 'Unknown chart "{value}" ({allowed}).', 'zh-CN': '未知的图表“{value}”（{allowed}）。' },
  'dashboard.unknownTable': { en: 'There is no table "{value}".', 'zh-CN': '没有数据表“{value}”。' },
  'dashboard.unknownField': { en: 'Table "{table}" has no field "{value}".', 'zh-CN': '数据表“{table}”中没有字段“{value}”。' },
  'dashboard.needsNumber': { en: 'Field "{field}" cannot be used here: it must be a number, money or percent field.', 'zh-CN': '字段“{field}”不能用在这里：必须是数字、金额或百分比字段。' },
  'dashboard.needsDate': { en: 'Field "{field}" cannot be used here: it must be a date field.', 'zh-CN': '字段“{field}”不能用在这里：必须是日期字段。' },
  'dashboard.needsGroupable': { en: 'Field "{field}" cannot group records: use a choice, stage, checkbox, relation or date field.', 'zh-CN': '字段“{field}”不能用于分组：请使用选项、生命周期阶段、复选框、关联或日期字段。' },
  'dashboard.needsInverse': { en: 'Field "{field}" cannot be used here: it must be an inverse relation (such as a customer’s orders).', 'zh-CN': '字段“{field}”不能用在这里：必须是反向关联字段（例如客户的订单）。' },
  'dashboard.badMeasure': { en: 'Unknown measure "{value}" (count, sum or avg).', 'zh-CN': '未知的统计方式“{value}”（count、sum 或 avg）。' },
  'dashboard.measureField': { en: 'A sum or an average needs the number field it adds up (fieldId).', 'zh-CN': '求和或平均需要指定数值字段（fieldId）。' },
  'dashboard.badPeriod': { en: 'Unknown period "{value}" ({allowed}).', 'zh-CN': '未知的周期“{value}”（{allowed}）。' },
  'dashboard.periodNotDate': { en: 'Only a date field groups by a period.', 'zh-CN': '只有日期字段可以按周期分组。' },
  'dashboard.badSpan': { en: 'A panel spans 1, 2 or 3 columns.', 'zh-CN': '面板宽度只能是 1、2 或 3 列。' },
  'dashboard.badNumber': { en: 'Must be a whole number from {min} to {max}.', 'zh-CN': '必须是 {min} 到 {max} 之间的整数。' },
  'dashboard.badCondition': { en: 'The condition must be a JSON Logic rule.', 'zh-CN': '条件必须是 JSON Logic 规则。' },
  'dashboard.needsGroup': { en: 'This chart needs a grouping (group).', 'zh-CN': '此图表需要设置分组（group）。' },
  'dashboard.needsColumns': { en: 'A pivot table needs its columns (columns).', 'zh-CN': '数据透视表需要设置列分组（columns）。' },
  'dashboard.compareNotNumber': { en: 'Only a number compares with the previous period.', 'zh-CN': '只有数字面板可以与上一周期对比。' },
  'dashboard.noSteps': { en: 'Lead-to-cash needs at least two steps.', 'zh-CN': '线索到回款至少需要两个步骤。' },
  'dashboard.notText': { en: 'Must be a text.', 'zh-CN': '必须是文本。' },
  // Notes a panel shows instead of numbers (./compute.ts).
  'dashboard.missingTable': { en: 'This app has no table "{value}", so this panel has nothing to show.', 'zh-CN': '此应用没有数据表“{value}”，该面板无可显示的内容。' },
  'dashboard.missingField': { en: 'Table "{table}" has no field "{value}" yet, so this panel has nothing to show.', 'zh-CN': '数据表“{table}”还没有字段“{value}”，该面板无可显示的内容。' },
  'dashboard.noLeadToCash': { en: 'This app has no lead-to-cash tables (leads, opportunities, contracts, payments), so there is no conversion to show.', 'zh-CN': '此应用没有线索到回款的数据表（线索、商机、合同、回款），无转化可显示。' },
  'dashboard.missingRule': { en: 'There is no rule "{value}".', 'zh-CN': '没有规则“{value}”。' },
  'dashboard.noOutcome': { en: 'Rule "{value}" has no outcome to compare its variants on (set one in the run log).', 'zh-CN': '规则“{value}”没有用于比较变体的效果指标（请在运行日志中设置）。' },
  'dashboard.noData': { en: 'No records to show.', 'zh-CN': '没有可显示的记录。' },
} as const satisfies Record<string, Record<Locale, string>>;

export type DashboardIssueCode = keyof typeof DASHBOARD_MESSAGES;

/** The message of a dashboard issue or note in `locale`. */
export function dashboardMessage(issue: { code: DashboardIssueCode; params?: Readonly<Record<string, string | number>> }, locale: Locale): string {
  const template: string = DASHBOARD_MESSAGES[issue.code][locale];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (issue.params && name in issue.params ? String(issue.params[name]) : whole));
}
