/**
 * How prediction and RFM fields are computed: the complete `prediction` and `rfm` field
 * types (the facts of src/core/fields/types/{prediction,rfm}.ts plus their options schemas
 * and `compile` hooks) and the JSON Logic operations `ltc_predict` and `ltc_rfm` their logic
 * ends in. Like the stage field (./stage-field.ts) they load with the designer script;
 * `registerPredictionFieldTypes()` registers all of it once.
 *
 * Both read a customer's counted orders the way a stage field does: `source` (an inverse
 * relation of the table), `dateField` and `amountField` of the related table, `countWhen`
 * (JSON Logic over one order). The logic maps the counted orders to their dates and values
 * and hands them to the operation, which takes the day of the evaluation's instant in the
 * app's zone as "today". So the formula graph orders and recomputes them like formulas:
 * editing an order recomputes its customer, and they are volatile (re-evaluated as days pass).
 *
 * A prediction field's logic carries the parameters of the app's stored fit for its settings
 * (`AppDef.clvFits`, ./fit-summary.ts), or the reason there is none; storing a new fit changes
 * the app and so recomputes every prediction. An RFM field's logic carries its key; scores come
 * from the distribution a runtime registers under it (./rfm.ts).
 */
import { addOperation } from '../logic/index.js';
import { evaluationContext } from '../formula/functions.js';
import { registerFieldType } from '../fields/index.js';
import { predictionIssue, predictionType, DEFAULT_CHURN_HIGH_BELOW, DEFAULT_CHURN_LOW_FROM, type PredictionIssue, type PredictionIssueReason } from '../fields/types/prediction.js';
import { rfmType } from '../fields/types/rfm.js';
import type { DerivedLogic, FieldTypeDef, OptionSpec } from '../fields/types.js';
import type { AppDef, FieldDef } from '../schema/types.js';
import { calendarDay, localTimeZone, zonedDayNumber } from '../time/zoned.js';
import { expectedPurchases, predictClv, probabilityAlive } from './clv.js';
import { CLV_TIME_UNIT_DAYS, findClvFit, summariseHistory, type ClvFitDef, type ClvSource } from './fit-summary.js';
import { rfmDistribution, rfmKey, rfmRaw, rfmScores, rfmSegment, type RfmOutput } from './rfm.js';
import { logicVars } from './stage-field.js';

export const PREDICT_OPERATION = 'ltc_predict';
export const RFM_OPERATION = 'ltc_rfm';

export const DEFAULT_HORIZON_DAYS = 90;
export const DEFAULT_HORIZON_MONTHS = 12;
export const DEFAULT_DISCOUNT_RATE = 0.01;

/** The instant the evaluation runs at (`withNow`), else the clock. */
function evaluationInstant(): number {
  const now = evaluationContext.now;
  if (now instanceof Date) return now.getTime();
  if (typeof now === 'string') return Date.parse(now);
  return typeof now === 'number' ? now : Date.now();
}

/** Today's day number in a zone (null: the browser's) and the orders' day numbers. */
function daysOf(dates: unknown, timeZone: unknown): { today: number; days: number[] } {
  const zone = typeof timeZone === 'string' ? timeZone : localTimeZone();
  const list = Array.isArray(dates) ? dates : [];
  const days = list.map((value) => (typeof value === 'string' || typeof value === 'number' ? (calendarDay(value, zone) ?? NaN) : NaN));
  return { today: zonedDayNumber(evaluationInstant(), zone), days };
}

/**
 * `ltc_predict(dates, amounts, predict, horizon, discountRate, margin, params, timeZone)`:
 * one customer's prediction from the dates and values of their counted orders. `params` is
 * `[r, α, a, b, p, q, γ]` (the Gamma-Gamma three may be absent) or the reason there is no
 * fit, which comes back as a `PredictionIssue`. `horizon` is days for `purchases`, months for
 * `clv`. Null for a customer without a counted order (nothing to predict from).
 */
export function predictOperation(
  dates: unknown,
  amounts: unknown,
  predict: unknown,
  horizon: unknown,
  discountRate: unknown,
  margin: unknown,
  params: unknown,
  timeZone: unknown,
): number | PredictionIssue | null {
  if (typeof params === 'string') return predictionIssue(params as PredictionIssueReason);
  if (!Array.isArray(params) || params.length < 4) return predictionIssue('notFitted');
  const { today, days } = daysOf(dates, timeZone);
  const customer = summariseHistory(days, Array.isArray(amounts) ? amounts : undefined, today);
  if (!customer) return null;
  const [r, alpha, a, b, p, q, gamma] = params as number[];
  const bg = { r: r!, alpha: alpha!, a: a!, b: b! };
  if (predict === 'alive') return probabilityAlive(bg, customer);
  if (predict === 'clv') {
    if (p === undefined || q === undefined || gamma === undefined) return predictionIssue('noSpendModel');
    const months = typeof horizon === 'number' ? horizon : DEFAULT_HORIZON_MONTHS;
    const rate = typeof discountRate === 'number' ? discountRate : DEFAULT_DISCOUNT_RATE;
    const clv = predictClv(bg, { p, q, gamma }, customer, { months, discountRatePerMonth: rate, timeUnitDays: CLV_TIME_UNIT_DAYS });
    return clv * (typeof margin === 'number' ? margin : 1);
  }
  const horizonDays = typeof horizon === 'number' ? horizon : DEFAULT_HORIZON_DAYS;
  return expectedPurchases(bg, horizonDays / CLV_TIME_UNIT_DAYS, customer);
}

/**
 * `ltc_rfm(dates, amounts, key, output, timeZone)`: one customer's RFM segment id (or score
 * '1' … '5' for `output` recency / frequency / monetary) against the distribution registered
 * under `key`; null without a counted order or before the distribution is known.
 */
export function rfmOperation(dates: unknown, amounts: unknown, key: unknown, output: unknown, timeZone: unknown): string | null {
  const distribution = typeof key === 'string' ? rfmDistribution(key) : undefined;
  if (!distribution) return null;
  const { today, days } = daysOf(dates, timeZone);
  const raw = rfmRaw(days, Array.isArray(amounts) ? amounts : undefined, today);
  if (!raw) return null;
  const scores = rfmScores(raw, distribution);
  if (output === 'recency') return String(scores.r);
  if (output === 'frequency') return String(scores.f);
  if (output === 'monetary') return String(scores.m);
  return rfmSegment(scores, distribution);
}

/** The order settings of a prediction or RFM field (which fit it uses). */
export function clvSourceOf(field: FieldDef, tableId: string): ClvSource {
  const o = field.options ?? {};
  return { tableId, source: o.source, dateField: o.dateField, amountField: o.amountField, countWhen: o.countWhen };
}

/**
 * The counted orders' dates and values as JSON Logic, and what that reads; undefined when
 * `source` is not an inverse relation of the table or there is no date field.
 */
function ordersLogic(field: FieldDef, app: AppDef, tableId: string): { dates: unknown; amounts: unknown; refs: DerivedLogic['refs'] } | undefined {
  const o = field.options ?? {};
  const table = app.tables.find((t) => t.id === tableId);
  const source = table?.fields.find((f) => f.id === o.source);
  if (!source?.options?.inverseOf || !source.options.table || typeof o.dateField !== 'string') return undefined;
  const related = { var: source.id };
  const counted = o.countWhen === undefined || o.countWhen === true ? related : { filter: [related, o.countWhen] };
  const reads = new Set([o.dateField, ...(o.amountField ? [o.amountField] : []), ...logicVars(o.countWhen)]);
  return {
    dates: { map: [counted, { var: o.dateField }] },
    amounts: o.amountField ? { map: [counted, { var: o.amountField }] } : [],
    refs: [{ fieldId: source.id }, ...[...reads].map((fieldId) => ({ fieldId, via: source.id }))],
  };
}

/** The parameters a prediction's logic carries: `[r, α, a, b(, p, q, γ)]`, or why there are none. */
export function fitArgument(fit: ClvFitDef | undefined): number[] | PredictionIssueReason {
  if (!fit) return 'notFitted';
  if (fit.status !== 'ok' || !fit.bgnbd) return fit.status === 'ok' ? 'notConverged' : fit.status;
  const { r, alpha, a, b } = fit.bgnbd;
  const gg = fit.gammaGamma;
  return gg ? [r, alpha, a, b, gg.p, gg.q, gg.gamma] : [r, alpha, a, b];
}

/** The JSON Logic of a prediction field, or undefined when its orders are not set up. */
export function compilePrediction(field: FieldDef, { app, tableId }: { app: AppDef; tableId: string }): DerivedLogic | undefined {
  const orders = ordersLogic(field, app, tableId);
  if (!orders) return undefined;
  const o = field.options ?? {};
  const predict = o.predict ?? 'purchases';
  const horizon = predict === 'clv' ? (o.horizonMonths ?? DEFAULT_HORIZON_MONTHS) : (o.horizonDays ?? DEFAULT_HORIZON_DAYS);
  const fit = fitArgument(findClvFit(app.clvFits, clvSourceOf(field, tableId)));
  return {
    logic: { [PREDICT_OPERATION]: [orders.dates, orders.amounts, predict, horizon, o.discountRatePerMonth ?? DEFAULT_DISCOUNT_RATE, o.margin ?? 1, fit, app.timeZone ?? null] },
    refs: orders.refs,
    volatile: true,
  };
}

/** The JSON Logic of an RFM field, or undefined when its orders are not set up. */
export function compileRfm(field: FieldDef, { app, tableId }: { app: AppDef; tableId: string }): DerivedLogic | undefined {
  const orders = ordersLogic(field, app, tableId);
  if (!orders) return undefined;
  const output: RfmOutput = field.options?.rfmOutput ?? 'segment';
  return {
    logic: { [RFM_OPERATION]: [orders.dates, orders.amounts, rfmKey(app.id, tableId, field.id), output, app.timeZone ?? null] },
    refs: orders.refs,
    volatile: true,
  };
}

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** The order options both types share (as the stage field's). */
const ORDER_OPTIONS: OptionSpec[] = [
  { key: 'source', kind: 'field', required: true, labels: L('统计的关联记录', 'Records counted'), help: L('本表的反向关联字段，例如客户的“订单”。', 'An inverse relation of this table, such as a customer’s orders.') },
  { key: 'dateField', kind: 'field', required: true, labels: L('日期字段', 'Date field'), help: L('关联表中的日期字段，例如“下单日期”。', 'A date field of the related table, such as the order date.') },
  { key: 'amountField', kind: 'field', labels: L('金额字段', 'Amount field'), help: L('关联表中的金额字段，例如“订单金额”（预测 CLV 与 M 值需要）。', 'An amount field of the related table, such as the order amount (needed for CLV and M).') },
  { key: 'countWhen', kind: 'json', labels: L('计入条件', 'Count when'), help: L('只统计满足条件的关联记录（例如已付款的订单）；不设置则全部统计。', 'Only related records meeting this condition count (such as paid orders); without one, all count.') },
];

/** The complete prediction type: facts, options and `compile`. */
export const predictionFieldType: FieldTypeDef = {
  ...predictionType,
  compile: compilePrediction,
  options: [
    {
      key: 'predict',
      kind: 'enum',
      default: 'purchases',
      values: [
        { value: 'purchases', labels: L('未来 N 天预计购买次数', 'Expected purchases in the next N days') },
        { value: 'alive', labels: L('流失风险（仍活跃的概率）', 'Churn risk (probability still active)') },
        { value: 'clv', labels: L('预测 CLV', 'Predicted CLV') },
      ],
      labels: L('预测内容', 'Predicts'),
    },
    ...ORDER_OPTIONS,
    { key: 'horizonDays', kind: 'integer', min: 1, max: 3650, default: DEFAULT_HORIZON_DAYS, labels: L('预测天数', 'Horizon (days)') },
    { key: 'horizonMonths', kind: 'integer', min: 1, max: 120, default: DEFAULT_HORIZON_MONTHS, labels: L('预测月数', 'Horizon (months)') },
    { key: 'discountRatePerMonth', kind: 'number', min: 0, max: 1, default: DEFAULT_DISCOUNT_RATE, labels: L('月贴现率', 'Monthly discount rate') },
    { key: 'margin', kind: 'number', min: 0, max: 1, default: 1, labels: L('毛利率', 'Margin') },
    { key: 'churnHighBelow', kind: 'number', min: 0, max: 1, default: DEFAULT_CHURN_HIGH_BELOW, labels: L('高风险：低于', 'High risk below') },
    { key: 'churnLowFrom', kind: 'number', min: 0, max: 1, default: DEFAULT_CHURN_LOW_FROM, labels: L('低风险：不低于', 'Low risk from') },
  ],
};

/** The complete RFM type: facts, options and `compile`. */
export const rfmFieldType: FieldTypeDef = {
  ...rfmType,
  compile: compileRfm,
  options: [
    {
      key: 'rfmOutput',
      kind: 'enum',
      default: 'segment',
      values: [
        { value: 'segment', labels: L('客户分层（八类）', 'Segment (eight groups)') },
        { value: 'recency', labels: L('R 分（最近购买）', 'R score (recency)') },
        { value: 'frequency', labels: L('F 分（购买频次）', 'F score (frequency)') },
        { value: 'monetary', labels: L('M 分（消费金额）', 'M score (monetary)') },
      ],
      labels: L('显示', 'Shows'),
    },
    ...ORDER_OPTIONS,
  ],
};

let registered = false;

/**
 * Registers the complete `prediction` and `rfm` types and their operations; calling it again
 * does nothing. An app's derived values need `setApp` afterwards to compute them.
 */
export function registerPredictionFieldTypes(): void {
  if (registered) return;
  registered = true;
  addOperation(PREDICT_OPERATION, predictOperation);
  addOperation(RFM_OPERATION, rfmOperation);
  registerFieldType(predictionFieldType, { replace: true });
  registerFieldType(rfmFieldType, { replace: true });
}
