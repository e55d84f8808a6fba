/**
 * The rule templates library: the automations operations staff ask for (../shared/DOMAIN.md)
 * as functions that build ready-made rules for a given app from a few picks — which table,
 * which date or stage field, where follow-up tasks and messages go, who owns a customer.
 *
 * - churn warning: a customer moves from active to silent → a follow-up task for the
 *   customer's owner, due in 3 days;
 * - care message: a frequent buyer (at least N orders) goes silent → a care message logged
 *   and handed to the host page (`ltc-rule-fired`);
 * - repurchase sequence: 3, 7 and 15 days after the last order date at 10:00 → a message
 *   log record and `ltc-rule-fired`, optionally with an A/B split on day 15;
 * - lead assignment: a record is created → an owner by round robin, fewest open tasks or
 *   by condition;
 * - tier upgrade: the points field changes → the tier follows the thresholds.
 *
 * `suggestRuleTemplates(app)` says which templates an app can use and fills the picks it
 * can guess from field types and names (Chinese and English), so the editor offers them in
 * one click and the customer-ltv template's generator builds its rules with the same code.
 * Every rule built here passes `checkRule` when its picks do (tested). Pure: no DOM.
 */
import type { AppDef, FieldDef, Locale, LocalizedLabels, TableDef } from '../schema/types.js';
import { fieldTypeOf, linkedTable } from '../fields/index.js';
import type { ActionValue, RuleAction, RuleDef } from './model.js';

export type RuleTemplateId = 'churn-warning' | 'care-message' | 'repurchase-sequence' | 'lead-assignment' | 'tier-upgrade';

/** The choices a template is built from: table and field ids of the app. */
export interface RuleTemplatePicks {
  /** The customers (or leads) table the rule runs on. */
  tableId?: string;
  /** A lifecycle stage field of that table. */
  stageFieldId?: string;
  /** The date the repurchase sequence counts from (the last order date). */
  dateFieldId?: string;
  /** The number of orders (frequent buyers). */
  orderCountFieldId?: string;
  /** The owner: a relation from the table to the staff table. */
  ownerFieldId?: string;
  /** Follow-up tasks: the table, its relation back to the customer, title, due date and owner fields. */
  tasksTableId?: string;
  taskLinkFieldId?: string;
  taskTitleFieldId?: string;
  taskDueFieldId?: string;
  taskOwnerFieldId?: string;
  /** Message log: the table, its relation back to the customer, content and variant fields. */
  messagesTableId?: string;
  messageLinkFieldId?: string;
  messageContentFieldId?: string;
  messageVariantFieldId?: string;
  /** Points and tier (a select whose choices are the tiers, lowest first). */
  pointsFieldId?: string;
  tierFieldId?: string;
  /** Frequent buyers have at least this many orders (default 5). */
  minOrders?: number;
  /** The repurchase sequence's day-15 message as an A/B split of two coupons. */
  abSplit?: boolean;
  /** Lead assignment strategy (default round robin; by condition is built in the editor). */
  strategy?: 'round-robin' | 'fewest-open';
  /** Tier thresholds: points → choice id of the tier field (default 1,000 / 5,000 / 20,000 on its 2nd–4th choices). */
  tiers?: Array<{ points: number; choiceId: string }>;
}

export type RuleTemplatePick = keyof RuleTemplatePicks;

/** One template of the library. */
export interface RuleTemplate {
  id: RuleTemplateId;
  labels: Record<Locale, string>;
  description: Record<Locale, string>;
  /** Picks without which the template cannot be built. */
  required: readonly RuleTemplatePick[];
  /** The rules the template makes (disabled: the user turns them on after a dry run). */
  build(app: LibraryApp, picks: RuleTemplatePicks): RuleDef[];
}

/** A template an app can use, with the picks guessed from its tables and fields. */
export interface RuleTemplateSuggestion {
  template: RuleTemplate;
  picks: RuleTemplatePicks;
  /** Required picks that could not be guessed (empty: the template builds as it is). */
  missing: RuleTemplatePick[];
}

/** What the library reads of an app: its tables, and its rules (so new rule ids stay unique). */
export type LibraryApp = Pick<AppDef, 'tables'> & { rules?: readonly RuleDef[] };

const labels = (zh: string, en: string): LocalizedLabels & Record<Locale, string> => ({ 'zh-CN': zh, en });

function need<K extends RuleTemplatePick>(picks: RuleTemplatePicks, key: K): NonNullable<RuleTemplatePicks[K]> {
  const value = picks[key];
  if (value === undefined || value === '') throw new RangeError(`rule template: the pick "${key}" is missing`);
  return value as NonNullable<RuleTemplatePicks[K]>;
}

/** A rule id from a template id, unique among the app's rules. */
function ruleId(app: LibraryApp, base: string): string {
  const taken = new Set((app.rules ?? []).map((rule) => rule.id));
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

function fieldById(app: Pick<AppDef, 'tables'>, tableId: string | undefined, fieldId: string | undefined): FieldDef | undefined {
  return app.tables.find((t) => t.id === tableId)?.fields.find((f) => f.id === fieldId);
}

/** A placeholder of a field by its name, for formulas and payload templates. */
function ref(app: Pick<AppDef, 'tables'>, tableId: string, fieldId: string): string {
  return `{${fieldById(app, tableId, fieldId)?.name ?? fieldId}}`;
}

/** A message log record's values: the content, and the variant when the table records it. */
function messageValues(picks: RuleTemplatePicks, content: string, variant?: string): Record<string, ActionValue> {
  const values: Record<string, ActionValue> = { [need(picks, 'messageContentFieldId')]: { value: content } };
  if (variant !== undefined && picks.messageVariantFieldId) values[picks.messageVariantFieldId] = { value: variant };
  return values;
}

function logMessage(picks: RuleTemplatePicks, content: string, variant?: string): RuleAction {
  return {
    type: 'create-record',
    tableId: need(picks, 'messagesTableId'),
    link: need(picks, 'messageLinkFieldId'),
    values: messageValues(picks, content, variant),
    ...(variant !== undefined ? { variant } : {}),
  };
}

function tellHost(app: Pick<AppDef, 'tables'>, picks: RuleTemplatePicks, message: string, variant?: string): RuleAction {
  const tableId = need(picks, 'tableId');
  const table = app.tables.find((t) => t.id === tableId);
  const payload: Record<string, unknown> = { message };
  if (table) payload.customer = `{${table.fields.find((f) => f.id === table.primaryFieldId)?.name ?? table.primaryFieldId}}`;
  return { type: 'dispatch-event', payload, ...(variant !== undefined ? { variant } : {}) };
}

const churnWarning: RuleTemplate = {
  id: 'churn-warning',
  labels: labels('流失预警', 'Churn warning'),
  description: labels('客户从“活跃”变为“沉默”时，为负责人创建一条 3 天内到期的跟进任务。', 'When a customer goes from active to silent, create a follow-up task for their owner, due in 3 days.'),
  required: ['tableId', 'stageFieldId', 'tasksTableId', 'taskLinkFieldId', 'taskTitleFieldId'],
  build(app, picks) {
    const tableId = need(picks, 'tableId');
    const values: Record<string, ActionValue> = { [need(picks, 'taskTitleFieldId')]: { value: '流失预警：请联系客户 / Churn warning: contact the customer' } };
    if (picks.taskDueFieldId) values[picks.taskDueFieldId] = { formula: 'TODAY() + 3' };
    const actions: RuleAction[] = [{ type: 'create-record', tableId: need(picks, 'tasksTableId'), link: need(picks, 'taskLinkFieldId'), values }];
    // A value that is only `{负责人}` copies the stored relation onto the task (src/core/rules/plan.ts).
    if (picks.taskOwnerFieldId && picks.ownerFieldId) {
      values[picks.taskOwnerFieldId] = { formula: ref(app, tableId, picks.ownerFieldId) };
    }
    return [
      {
        id: ruleId(app, 'churn-warning'),
        name: '流失预警 · 活跃转沉默',
        labels: { 'zh-CN': '流失预警 · 活跃转沉默', en: 'Churn warning · active to silent' },
        enabled: false,
        tableId,
        trigger: { type: 'stage-changed', fieldId: need(picks, 'stageFieldId'), from: 'active', to: 'silent' },
        actions,
        catchUp: { missed: 'fire' },
      },
    ];
  },
};

const careMessage: RuleTemplate = {
  id: 'care-message',
  labels: labels('老客关怀', 'Care message for frequent buyers'),
  description: labels('下单较多的老客户变为“沉默”时，记录一条关怀消息并通知网站发送（短信、微信或邮件）。', 'When a frequent buyer goes silent, log a care message and tell the site to send it (SMS, WeChat or email).'),
  required: ['tableId', 'stageFieldId', 'orderCountFieldId', 'messagesTableId', 'messageLinkFieldId', 'messageContentFieldId'],
  build(app, picks) {
    const content = '好久不见，送您一张专属关怀券 / We miss you: here is a coupon just for you';
    return [
      {
        id: ruleId(app, 'care-message'),
        name: '老客关怀 · 常客转沉默',
        labels: { 'zh-CN': '老客关怀 · 常客转沉默', en: 'Care message · frequent buyer gone silent' },
        enabled: false,
        tableId: need(picks, 'tableId'),
        trigger: { type: 'stage-changed', fieldId: need(picks, 'stageFieldId'), to: 'silent' },
        condition: { '>=': [{ var: need(picks, 'orderCountFieldId') }, picks.minOrders ?? 5] },
        actions: [logMessage(picks, content), tellHost(app, picks, content)],
        catchUp: { missed: 'fire', maxLateDays: 2 },
      },
    ];
  },
};

/** The sequence's steps: day, rule id suffix, names and message (DOMAIN.md: storage tip, recipe, coupon). */
const REPURCHASE_STEPS = [
  { day: 3, zh: '储存提醒', en: 'storage tip', content: '储存提醒：开封后请冷藏，7 天内食用最佳 / Storage tip: keep refrigerated once opened' },
  { day: 7, zh: '食谱推荐', en: 'recipe', content: '为您推荐一道家常食谱 / A recipe for you to try' },
  { day: 15, zh: '限时优惠券', en: 'time-limited coupon', content: '限时优惠券：满 100 减 20，3 天内有效 / Coupon: ¥20 off ¥100, valid for 3 days' },
] as const;

const COUPONS = {
  A: '限时优惠券 A：满 100 减 20 / Coupon A: ¥20 off ¥100',
  B: '限时优惠券 B：全场 9 折 / Coupon B: 10% off everything',
} as const;

const repurchaseSequence: RuleTemplate = {
  id: 'repurchase-sequence',
  labels: labels('复购提醒 3/7/15 天', 'Repurchase sequence (days 3, 7, 15)'),
  description: labels('最近一次下单后第 3、7、15 天上午 10:00 各发一条消息（储存提醒、食谱、限时优惠券），第 15 天可做 A/B 测试。', 'On days 3, 7 and 15 after the last order, at 10:00, send a message (storage tip, recipe, coupon); day 15 can be an A/B test.'),
  required: ['tableId', 'dateFieldId', 'messagesTableId', 'messageLinkFieldId', 'messageContentFieldId'],
  build(app, picks) {
    const tableId = need(picks, 'tableId');
    const dateFieldId = need(picks, 'dateFieldId');
    const rules: RuleDef[] = [];
    for (const step of REPURCHASE_STEPS) {
      const split = step.day === 15 && picks.abSplit;
      const actions: RuleAction[] = split
        ? (['A', 'B'] as const).flatMap((variant) => [logMessage(picks, COUPONS[variant], variant), tellHost(app, picks, COUPONS[variant], variant)])
        : [logMessage(picks, step.content), tellHost(app, picks, step.content)];
      const rule: RuleDef = {
        id: ruleId(app, `repurchase-${step.day}d`),
        name: `复购提醒 · 第 ${step.day} 天 · ${step.zh}`,
        labels: { 'zh-CN': `复购提醒 · 第 ${step.day} 天 · ${step.zh}`, en: `Repurchase · day ${step.day} · ${step.en}` },
        enabled: false,
        tableId,
        trigger: { type: 'date-relative', fieldId: dateFieldId, offset: step.day, unit: 'days', at: '10:00' },
        actions,
        catchUp: { missed: 'fire', maxLateDays: 2 },
      };
      if (split) rule.variants = [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }];
      rules.push(rule);
    }
    return rules;
  },
};

const leadAssignment: RuleTemplate = {
  id: 'lead-assignment',
  labels: labels('线索自动分配', 'Lead auto-assignment'),
  description: labels('新建记录时立即指定负责人：轮流分配、分给未完成任务最少的人，或按条件分配。', 'When a record is created, assign an owner at once: in turn, to whoever has the fewest open tasks, or by condition.'),
  required: ['tableId', 'ownerFieldId'],
  build(app, picks) {
    const strategy = picks.strategy ?? 'round-robin';
    const action: Extract<RuleAction, { type: 'assign-owner' }> = { type: 'assign-owner', fieldId: need(picks, 'ownerFieldId'), strategy };
    if (strategy === 'fewest-open') action.openTasks = { tableId: need(picks, 'tasksTableId'), ownerFieldId: need(picks, 'taskOwnerFieldId') };
    return [
      {
        id: ruleId(app, 'lead-assignment'),
        name: '线索自动分配',
        labels: { 'zh-CN': '线索自动分配', en: 'Lead auto-assignment' },
        enabled: false,
        tableId: need(picks, 'tableId'),
        trigger: { type: 'record-created' },
        actions: [action],
      },
    ];
  },
};

const DEFAULT_TIER_POINTS = [1000, 5000, 20000];

/** The tier thresholds: given, or the default points on the tier field's 2nd, 3rd and 4th choices. */
function tierSteps(app: Pick<AppDef, 'tables'>, picks: RuleTemplatePicks): Array<{ points: number; choiceId: string }> {
  if (picks.tiers?.length) return [...picks.tiers].sort((a, b) => a.points - b.points);
  const choices = fieldById(app, picks.tableId, picks.tierFieldId)?.options?.choices ?? [];
  return choices.slice(1, 1 + DEFAULT_TIER_POINTS.length).map((choice, i) => ({ points: DEFAULT_TIER_POINTS[i]!, choiceId: choice.id }));
}

const tierUpgrade: RuleTemplate = {
  id: 'tier-upgrade',
  labels: labels('会员等级升级', 'Tier upgrade'),
  description: labels('积分变化时按门槛设置会员等级（例如 1000 银卡、5000 金卡、20000 白金）。', 'When points change, set the membership tier by threshold (e.g. 1,000 silver, 5,000 gold, 20,000 platinum).'),
  required: ['tableId', 'pointsFieldId', 'tierFieldId'],
  build(app, picks) {
    const tableId = need(picks, 'tableId');
    const points = ref(app, tableId, need(picks, 'pointsFieldId'));
    const tierField = fieldById(app, tableId, need(picks, 'tierFieldId'));
    const steps = tierSteps(app, picks);
    if (steps.length === 0) throw new RangeError('rule template: the tier field has no tiers to upgrade to');
    // Highest threshold first; below the lowest the tier is left as it is. Choice names are what formulas see.
    const name = (choiceId: string) => JSON.stringify(tierField?.options?.choices?.find((c) => c.id === choiceId)?.name ?? choiceId);
    const formula = steps.reduce<string>((otherwise, step) => `IF(${points} >= ${step.points}, ${name(step.choiceId)}, ${otherwise})`, ref(app, tableId, need(picks, 'tierFieldId')));
    return [
      {
        id: ruleId(app, 'tier-upgrade'),
        name: '会员等级升级',
        labels: { 'zh-CN': '会员等级升级', en: 'Tier upgrade' },
        enabled: false,
        tableId,
        trigger: { type: 'record-updated', fieldId: need(picks, 'pointsFieldId') },
        condition: { '>=': [{ var: need(picks, 'pointsFieldId') }, steps[0]!.points] },
        actions: [{ type: 'set-field', fieldId: need(picks, 'tierFieldId'), formula }],
      },
    ];
  },
};

/** Every template of the library, in the order the editor offers them. */
export const RULE_TEMPLATES: readonly RuleTemplate[] = [churnWarning, careMessage, repurchaseSequence, leadAssignment, tierUpgrade];

export function ruleTemplate(id: RuleTemplateId): RuleTemplate {
  return RULE_TEMPLATES.find((template) => template.id === id)!;
}

// --- Guessing picks from an app ------------------------------------------------------------

const names = (item: { name: string; labels?: LocalizedLabels; id: string }) => [item.id, item.name, ...Object.values(item.labels ?? {})].join(' ').toLowerCase();
const named = (item: { name: string; labels?: LocalizedLabels; id: string }, pattern: RegExp) => pattern.test(names(item));
const scalarType = (field: FieldDef) => fieldTypeOf(field).scalar(field).type;
const isStoredField = (field: FieldDef) => !fieldTypeOf(field).isDerived(field);

const CUSTOMERS = /客户|会员|顾客|线索|customer|member|client|lead|contact/;
const TASKS = /任务|跟进|待办|task|follow|todo/;
const MESSAGES = /消息|短信|通知|message|sms|notification/;
const STAFF = /员工|销售|顾问|成员|staff|sales|employee|agent|user|team/;

function firstField(table: TableDef | undefined, accept: (field: FieldDef) => boolean, pattern?: RegExp): FieldDef | undefined {
  const fields = table?.fields.filter(accept) ?? [];
  return (pattern ? fields.find((f) => named(f, pattern)) : undefined) ?? (pattern ? undefined : fields[0]);
}

/** The field of `table` linking back to `target` (a stored relation). */
function linkTo(table: TableDef | undefined, target: string): FieldDef | undefined {
  return table?.fields.find((f) => linkedTable(f) === target && isStoredField(f) && !f.options?.inverseOf);
}

/** What the library can guess about an app: which table is the customers', where tasks and messages go. */
function guessPicks(app: Pick<AppDef, 'tables'>): RuleTemplatePicks {
  const tables = app.tables.filter((t) => !t.system);
  const stageTable = tables.find((t) => t.fields.some((f) => f.type === 'stage'));
  const customers = stageTable ?? tables.find((t) => named(t, CUSTOMERS)) ?? tables[0];
  if (!customers) return {};
  const picks: RuleTemplatePicks = { tableId: customers.id };
  const set = <K extends RuleTemplatePick>(key: K, value: RuleTemplatePicks[K] | undefined) => {
    if (value !== undefined) picks[key] = value;
  };
  set('stageFieldId', customers.fields.find((f) => f.type === 'stage')?.id);
  set('dateFieldId', firstField(customers, (f) => scalarType(f) === 'date', /(最近|最后|上次|last|latest|recent).*(下单|购买|订单|消费|order|purchase)|(下单|购买|order|purchase).*(最近|last)/)?.id);
  set('orderCountFieldId', firstField(customers, (f) => scalarType(f) === 'number', /订单数|下单次数|购买次数|order.?count|orders|purchases/)?.id);
  const staffIds = new Set(tables.filter((t) => named(t, STAFF)).map((t) => t.id));
  const owner = customers.fields.find((f) => isStoredField(f) && staffIds.has(linkedTable(f) ?? '')) ?? firstField(customers, (f) => isStoredField(f) && linkedTable(f) !== undefined, /负责人|归属|销售|owner|assignee|rep/);
  set('ownerFieldId', owner?.id);
  set('pointsFieldId', firstField(customers, (f) => isStoredField(f) && scalarType(f) === 'number', /积分|points/)?.id);
  set('tierFieldId', firstField(customers, (f) => isStoredField(f) && f.type === 'select', /等级|会员级别|tier|level/)?.id);

  const tasks = tables.find((t) => t.id !== customers.id && named(t, TASKS) && linkTo(t, customers.id));
  if (tasks) {
    set('tasksTableId', tasks.id);
    set('taskLinkFieldId', linkTo(tasks, customers.id)?.id);
    set('taskTitleFieldId', (firstField(tasks, (f) => isStoredField(f) && f.type === 'text', /标题|名称|事项|title|subject|name/) ?? tasks.fields.find((f) => f.id === tasks.primaryFieldId && isStoredField(f)))?.id);
    set('taskDueFieldId', firstField(tasks, (f) => isStoredField(f) && scalarType(f) === 'date', /到期|截止|due|deadline/)?.id);
    const ownerTable = owner ? linkedTable(owner) : undefined;
    set('taskOwnerFieldId', tasks.fields.find((f) => isStoredField(f) && ownerTable !== undefined && linkedTable(f) === ownerTable)?.id);
  }
  const messages = tables.find((t) => t.id !== customers.id && named(t, MESSAGES) && linkTo(t, customers.id));
  if (messages) {
    set('messagesTableId', messages.id);
    set('messageLinkFieldId', linkTo(messages, customers.id)?.id);
    set('messageContentFieldId', (firstField(messages, (f) => isStoredField(f) && (f.type === 'text' || f.type === 'textarea'), /内容|正文|content|text|body/) ?? firstField(messages, (f) => isStoredField(f) && f.type === 'textarea'))?.id);
    set('messageVariantFieldId', firstField(messages, (f) => isStoredField(f) && f.type === 'text', /变体|分组|variant|group/)?.id);
  }
  return picks;
}

/** What a pick chooses: a table, or a field of the table another pick chose (and which fields fit). */
export type RulePickSpec = { kind: 'table' } | { kind: 'field'; of: 'tableId' | 'tasksTableId' | 'messagesTableId'; accept: (field: FieldDef, picks: RuleTemplatePicks) => boolean };

const isRelation = (field: FieldDef) => isStoredField(field) && linkedTable(field) !== undefined && !field.options?.inverseOf;
const linksBack = (field: FieldDef, picks: RuleTemplatePicks) => isRelation(field) && linkedTable(field) === picks.tableId;

/** The table and field picks a template UI offers, with the fields each may take. */
export const RULE_PICKS: Readonly<Partial<Record<RuleTemplatePick, RulePickSpec>>> = {
  tableId: { kind: 'table' },
  stageFieldId: { kind: 'field', of: 'tableId', accept: (f) => f.type === 'stage' },
  dateFieldId: { kind: 'field', of: 'tableId', accept: (f) => scalarType(f) === 'date' },
  orderCountFieldId: { kind: 'field', of: 'tableId', accept: (f) => scalarType(f) === 'number' },
  ownerFieldId: { kind: 'field', of: 'tableId', accept: isRelation },
  pointsFieldId: { kind: 'field', of: 'tableId', accept: (f) => isStoredField(f) && scalarType(f) === 'number' },
  tierFieldId: { kind: 'field', of: 'tableId', accept: (f) => isStoredField(f) && f.type === 'select' },
  tasksTableId: { kind: 'table' },
  taskLinkFieldId: { kind: 'field', of: 'tasksTableId', accept: linksBack },
  taskTitleFieldId: { kind: 'field', of: 'tasksTableId', accept: (f) => isStoredField(f) && (f.type === 'text' || f.type === 'textarea') },
  taskDueFieldId: { kind: 'field', of: 'tasksTableId', accept: (f) => isStoredField(f) && scalarType(f) === 'date' },
  taskOwnerFieldId: { kind: 'field', of: 'tasksTableId', accept: isRelation },
  messagesTableId: { kind: 'table' },
  messageLinkFieldId: { kind: 'field', of: 'messagesTableId', accept: linksBack },
  messageContentFieldId: { kind: 'field', of: 'messagesTableId', accept: (f) => isStoredField(f) && (f.type === 'text' || f.type === 'textarea') },
  messageVariantFieldId: { kind: 'field', of: 'messagesTableId', accept: (f) => isStoredField(f) && f.type === 'text' },
};

/** The picks a template reads (required first, then optional ones), for a UI to offer. */
export const TEMPLATE_PICKS: Readonly<Record<RuleTemplateId, readonly RuleTemplatePick[]>> = {
  'churn-warning': ['tableId', 'stageFieldId', 'tasksTableId', 'taskLinkFieldId', 'taskTitleFieldId', 'taskDueFieldId', 'ownerFieldId', 'taskOwnerFieldId'],
  'care-message': ['tableId', 'stageFieldId', 'orderCountFieldId', 'messagesTableId', 'messageLinkFieldId', 'messageContentFieldId'],
  'repurchase-sequence': ['tableId', 'dateFieldId', 'messagesTableId', 'messageLinkFieldId', 'messageContentFieldId', 'messageVariantFieldId'],
  'lead-assignment': ['tableId', 'ownerFieldId'],
  'tier-upgrade': ['tableId', 'pointsFieldId', 'tierFieldId'],
};

/**
 * The templates of the library with the picks guessed for `app` (field types first, then
 * names in Chinese or English), best fits first: those whose required picks are all found,
 * then the others with what is missing.
 */
export function suggestRuleTemplates(app: Pick<AppDef, 'tables'>): RuleTemplateSuggestion[] {
  const guessed = guessPicks(app);
  const suggestions = RULE_TEMPLATES.map((template): RuleTemplateSuggestion => {
    const picks: RuleTemplatePicks = { ...guessed };
    if (template.id === 'lead-assignment') picks.strategy = 'round-robin';
    if (template.id === 'repurchase-sequence') picks.abSplit = true;
    return { template, picks, missing: template.required.filter((key) => picks[key] === undefined) };
  });
  return [...suggestions.filter((s) => s.missing.length === 0), ...suggestions.filter((s) => s.missing.length > 0)];
}
