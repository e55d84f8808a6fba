/**
 * How a lifecycle stage field is computed: the complete `stage` field type (the facts of
 * src/core/fields/types/stage.ts plus its options schema and its `compile` hook) and the
 * JSON Logic operation `ltc_stage` its logic ends in. It loads with the designer script
 * (validation, the stage tracker), so the script-tag bundle carries only the facts it needs
 * to show stages. `registerStageFieldType()`
 * registers both (once).
 *
 * A stage field counts the records of one of its table's inverse relations (`source`: a
 * customer's orders) that satisfy `countWhen` (JSON Logic over one related record, e.g. paid
 * only) and reads recency from a date field of the related table (`dateField`). Its logic
 * is `filter` by the condition, `map` to the dates, then `ltc_stage` classifies with
 * `lifecycleStage` on the day of the evaluation's instant (`withNow`) in the app's zone. The
 * formula graph runs it like a formula; its refs name the relation and every related field
 * read, so editing an order recomputes its customer.
 */
import { addOperation } from '../logic/index.js';
import { evaluationContext } from '../formula/functions.js';
import { registerFieldType } from '../fields/index.js';
import { stageType } from '../fields/types/stage.js';
import type { DerivedLogic, FieldTypeDef, OptionSpec } from '../fields/types.js';
import type { AppDef, FieldDef } from '../schema/types.js';
import { calendarDay, dayNumberIso, localTimeZone } from '../time/zoned.js';
import { DEFAULT_STAGE_THRESHOLDS, lifecycleStage, type LifecycleStage, type StageThresholds } from './stage.js';

/** The JSON Logic operation a stage field's compiled logic ends in (see `stageOperation`). */
export const STAGE_OPERATION = 'ltc_stage';

const DATE_ONLY_LENGTH = 10;

/**
 * `ltc_stage(dates, silentAfterDays, churnedAfterDays, activeMinOrders, timeZone)`: the stage
 * of a customer whose counted orders have these dates (one entry per counted order, blank
 * dates included), on the day of the evaluation's instant (`withNow`, else the clock).
 * `timeZone` null means the browser's. Thresholds that make no sense give null rather than
 * a stage (validation reports them where they are set).
 */
export function stageOperation(dates: unknown, silentAfterDays: unknown, churnedAfterDays: unknown, activeMinOrders: unknown, timeZone: unknown): LifecycleStage | null {
  const list = Array.isArray(dates) ? dates : [];
  const zone = typeof timeZone === 'string' ? timeZone : localTimeZone();
  // `YYYY-MM-DD` dates (date fields) compare as text; anything else goes through the calendar.
  let latestText = '';
  let latestDay: number | undefined;
  for (const value of list) {
    if (typeof value === 'string' && value.length === DATE_ONLY_LENGTH) {
      if (value > latestText) latestText = value;
    } else if (typeof value === 'string' || typeof value === 'number') {
      const day = calendarDay(value, zone);
      if (day !== undefined && (latestDay === undefined || day > latestDay)) latestDay = day;
    }
  }
  const textDay = latestText ? calendarDay(latestText, zone) : undefined;
  const last = textDay === undefined ? latestDay : latestDay === undefined || textDay > latestDay ? textDay : latestDay;
  const thresholds: StageThresholds = {};
  if (typeof silentAfterDays === 'number') thresholds.silentAfterDays = silentAfterDays;
  if (typeof churnedAfterDays === 'number') thresholds.churnedAfterDays = churnedAfterDays;
  if (typeof activeMinOrders === 'number') thresholds.activeMinOrders = activeMinOrders;
  try {
    return lifecycleStage({ orders: list.length, lastOrderAt: last === undefined ? undefined : dayNumberIso(last) }, evaluationContext.now ?? Date.now(), thresholds, { timeZone: zone });
  } catch {
    return null;
  }
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
export function compileStage(field: FieldDef, { app, tableId }: { app: AppDef; tableId: string }): DerivedLogic | undefined {
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

const threshold = (key: keyof StageThresholds, zh: string, en: string, help: { 'zh-CN': string; en: string }): OptionSpec => ({
  key,
  kind: 'integer',
  min: 1,
  default: DEFAULT_STAGE_THRESHOLDS[key],
  labels: { 'zh-CN': zh, en },
  help,
});

/** The complete stage type: the facts, the options schema of its property panel and `compile`. */
export const stageFieldType: FieldTypeDef = {
  ...stageType,
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
    /* @__PURE__ */ threshold('silentAfterDays', '沉默天数', 'Silent after (days)', {
      'zh-CN': '距最近一次计入的订单超过这么多天即为沉默客户（默认 60）。',
      en: 'More than this many days since the last counted order makes a customer silent (default 60).',
    }),
    /* @__PURE__ */ threshold('churnedAfterDays', '流失天数', 'Churned after (days)', {
      'zh-CN': '超过这么多天即为流失客户，须大于沉默天数（默认 180）。',
      en: 'More than this many days makes a customer churned; must exceed the silent days (default 180).',
    }),
    /* @__PURE__ */ threshold('activeMinOrders', '活跃所需订单数', 'Orders to be active', {
      'zh-CN': '至少这么多笔计入的订单即为活跃客户，否则为新客户（默认 2）。',
      en: 'At least this many counted orders make a customer active rather than new (default 2).',
    }),
  ],
};

let registered = false;

/**
 * Registers the complete `stage` type (replacing the facts-only built-in) and the
 * `ltc_stage` operation; calling it again does nothing. Validation, the stage tracker and
 * `<ltc-app>` call it before they read stage fields; an app's derived values need
 * `setApp` afterwards to compute stages they did not know how to compute.
 */
export function registerStageFieldType(): void {
  if (registered) return;
  registered = true;
  addOperation(STAGE_OPERATION, stageOperation);
  registerFieldType(stageFieldType, { replace: true });
}
