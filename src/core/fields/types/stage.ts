/**
 * Lifecycle stage fields (生命周期阶段): a derived field of a customer table, computed from
 * the records of one of its inverse relations (a customer's orders) by `lifecycleStage`
 * (src/core/lifecycle/stage.ts) — which orders count is a JSON Logic condition over one
 * order (`countWhen`, e.g. paid only), recency is read from a date field of the orders.
 *
 * The type's `compile` hook turns the options into JSON Logic the formula graph runs like a
 * formula: `filter` the related records by `countWhen`, `map` them to their dates, and the
 * registered `ltc_stage` operation classifies on the evaluation's day in the app's zone. Its
 * refs name the relation and every related field read, so editing an order recomputes its
 * customer. Values are stage ids; the last stage the product recorded is also stored in the
 * record under the field's id (the stage tracker writes it), which is why a stored stage id
 * is accepted.
 */
import { defineFieldType, mismatch } from '../define.js';
import type { AppDef, FieldDef, Locale } from '../../schema/types.js';
import type { DerivedLogic, OptionSpec } from '../types.js';
import { DEFAULT_STAGE_THRESHOLDS, LIFECYCLE_STAGES, STAGE_LABELS, STAGE_OPERATION, isLifecycleStage, type LifecycleStage, type StageThresholds } from '../../lifecycle/stage.js';

/** The stage's label in a locale. */
export function stageLabel(stage: LifecycleStage, locale: Locale): string {
  return STAGE_LABELS[stage][locale];
}

/** A stage field's thresholds, defaults filled in. */
export function stageThresholdsOf(field: FieldDef): Required<StageThresholds> {
  const o = field.options ?? {};
  return {
    silentAfterDays: o.silentAfterDays ?? DEFAULT_STAGE_THRESHOLDS.silentAfterDays,
    churnedAfterDays: o.churnedAfterDays ?? DEFAULT_STAGE_THRESHOLDS.churnedAfterDays,
    activeMinOrders: o.activeMinOrders ?? DEFAULT_STAGE_THRESHOLDS.activeMinOrders,
  };
}

/** Every field name a JSON Logic condition reads with `var` (the first path segment). */
export function logicVars(logic: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(logic)) for (const item of logic) logicVars(item, into);
  else if (logic !== null && typeof logic === 'object') {
    for (const [op, args] of Object.entries(logic)) {
      if (op === 'var') {
        const name = Array.isArray(args) ? args[0] : args;
        if (typeof name === 'string' && name !== '') into.add(name.split('.')[0]!);
        else if (typeof name === 'number') into.add(String(name));
      } else logicVars(args, into);
    }
  }
  return into;
}

/** The JSON Logic of a stage field, or undefined when `source` is not an inverse relation of its table. */
function compileStage(field: FieldDef, { app, tableId }: { app: AppDef; tableId: string }): DerivedLogic | undefined {
  const o = field.options ?? {};
  const table = app.tables.find((t) => t.id === tableId);
  const source = table?.fields.find((f) => f.id === o.source);
  if (!source?.options?.inverseOf || !source.options.table || typeof o.dateField !== 'string') return undefined;
  const related = { var: source.id };
  const counted = o.countWhen === undefined || o.countWhen === true ? related : { filter: [related, o.countWhen] };
  const t = stageThresholdsOf(field);
  const reads = new Set([o.dateField, ...logicVars(o.countWhen)]);
  return {
    logic: { [STAGE_OPERATION]: [{ map: [counted, { var: o.dateField }] }, t.silentAfterDays, t.churnedAfterDays, t.activeMinOrders, app.timeZone ?? null] },
    refs: [{ fieldId: source.id }, ...[...reads].map((fieldId) => ({ fieldId, via: source.id }))],
    volatile: true,
  };
}

const threshold = (key: 'silentAfterDays' | 'churnedAfterDays' | 'activeMinOrders', zh: string, en: string, help: { 'zh-CN': string; en: string }): OptionSpec => ({
  key,
  kind: 'integer',
  min: 1,
  default: DEFAULT_STAGE_THRESHOLDS[key],
  labels: { 'zh-CN': zh, en },
  help,
});

export const stageType = defineFieldType({
  type: 'stage',
  labels: { 'zh-CN': '生命周期阶段', en: 'Lifecycle stage' },
  category: 'computed',
  isDerived: () => true,
  scalar: () => ({ type: 'text', list: false }),
  // Stages are computed: typed or imported text is never a stage of its own.
  coerce: (raw) => ({ ok: true, value: isLifecycleStage(raw) ? raw : null }),
  // The recorded stage (the last one the product wrote) is stored under the field's id.
  checkStored: (value, field) => (value === null || isLifecycleStage(value) ? null : mismatch(field, 'stage id', value)),
  sortKey: (value) => LIFECYCLE_STAGES.indexOf(value as LifecycleStage),
  format: (value, _field, { locale }) => (isLifecycleStage(value) ? stageLabel(value, locale) : ''),
  compile: compileStage,
  options: [
    {
      key: 'source',
      kind: 'field',
      required: true,
      labels: { 'zh-CN': '统计的关联记录', en: 'Records counted' },
      help: { 'zh-CN': '本表的反向关联字段，例如客户的“订单”。', en: 'An inverse relation of this table, such as a customer’s orders.' },
    },
    {
      key: 'dateField',
      kind: 'field',
      required: true,
      labels: { 'zh-CN': '日期字段', en: 'Date field' },
      help: { 'zh-CN': '关联表中的日期字段，例如“下单日期”：最近一次的日期决定沉默与流失。', en: 'A date field of the related table, such as the order date: the latest one decides silent and churned.' },
    },
    {
      key: 'countWhen',
      kind: 'json',
      labels: { 'zh-CN': '计入条件', en: 'Count when' },
      help: { 'zh-CN': '只统计满足条件的关联记录（例如已付款的订单）；不设置则全部统计。', en: 'Only related records meeting this condition count (such as paid orders); without one, all count.' },
    },
    threshold('silentAfterDays', '沉默天数', 'Silent after (days)', {
      'zh-CN': '距最近一次计入的订单超过这么多天即为沉默客户（默认 60）。',
      en: 'More than this many days since the last counted order makes a customer silent (default 60).',
    }),
    threshold('churnedAfterDays', '流失天数', 'Churned after (days)', {
      'zh-CN': '超过这么多天即为流失客户，须大于沉默天数（默认 180）。',
      en: 'More than this many days makes a customer churned; must exceed the silent days (default 180).',
    }),
    threshold('activeMinOrders', '活跃所需订单数', 'Orders to be active', {
      'zh-CN': '至少这么多笔计入的订单即为活跃客户，否则为新客户（默认 2）。',
      en: 'At least this many counted orders make a customer active rather than new (default 2).',
    }),
  ],
});
