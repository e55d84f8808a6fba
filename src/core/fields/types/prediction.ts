/**
 * Prediction fields (预测字段): the facts of the `prediction` type — a derived number from
 * the app's fitted BG/NBD + Gamma-Gamma model (docs/predictive-clv.md "Fields"): expected
 * purchases in the next N days, P(alive) shown as a churn-risk level, or a predicted CLV.
 * When the model has no usable fit the value is a `PredictionIssue` (like a formula error:
 * shown, never stored) whose message says why, in zh-CN and en.
 *
 * How a value is computed (the `compile` hook, the options schema and the `ltc_predict`
 * operation) is in src/core/lifecycle/predict-fields.ts, which loads with the designer script
 * and registers this type completed; the script-tag bundle carries neither.
 */
import type { CellValue, FieldDef, Locale } from '../../schema/types.js';
import { defineFieldType } from '../define.js';

/** Why a prediction field has no number. */
export type PredictionIssueReason = 'notFitted' | 'tooFewRepeatBuyers' | 'notConverged' | 'noSpendModel';

/** A prediction cell without a number: shown like a formula error, with its reason. */
export interface PredictionIssue {
  code: '#N/A';
  reason: PredictionIssueReason;
  /** The reason in English (tooltips, logs); `predictionIssueText` gives it per locale. */
  message: string;
}

const ISSUE_TEXT: Record<PredictionIssueReason, Record<Locale, string>> = {
  notFitted: { 'zh-CN': '预测模型尚未拟合：请在“预测模型”面板中拟合', en: 'The prediction model is not fitted yet: fit it in the prediction model panel' },
  tooFewRepeatBuyers: { 'zh-CN': '数据不足：复购客户少于 50 位，无法预测', en: 'Too little data: fewer than 50 repeat buyers to predict from' },
  notConverged: { 'zh-CN': '模型拟合未收敛，无法预测：请在数据增加后重新拟合', en: 'The model fit did not converge: refit when there is more data' },
  noSpendModel: { 'zh-CN': '预测 CLV 需要订单金额字段', en: 'Predicted CLV needs an order amount field' },
};

/** A prediction issue for a reason. */
export function predictionIssue(reason: PredictionIssueReason): PredictionIssue {
  return { code: '#N/A', reason, message: ISSUE_TEXT[reason].en };
}

/** Whether a computed value is a prediction issue. */
export function isPredictionIssue(value: unknown): value is PredictionIssue {
  return value !== null && typeof value === 'object' && (value as { code?: unknown }).code === '#N/A' && typeof (value as { reason?: unknown }).reason === 'string' && (value as { reason: string }).reason in ISSUE_TEXT;
}

/** The message of a prediction issue in a locale. */
export function predictionIssueText(issue: PredictionIssue, locale: Locale): string {
  return ISSUE_TEXT[issue.reason][locale];
}

/** Churn-risk levels of P(alive), from the field's thresholds. */
export type ChurnRisk = 'high' | 'medium' | 'low';

export const CHURN_LABELS: Record<ChurnRisk, Record<Locale, string>> = {
  high: { 'zh-CN': '流失风险高', en: 'High churn risk' },
  medium: { 'zh-CN': '流失风险中', en: 'Medium churn risk' },
  low: { 'zh-CN': '流失风险低', en: 'Low churn risk' },
};

/** Default thresholds: high below 0.3, low from 0.7. */
export const DEFAULT_CHURN_HIGH_BELOW = 0.3;
export const DEFAULT_CHURN_LOW_FROM = 0.7;

/** The churn-risk level of P(alive) under a field's thresholds. */
export function churnRisk(pAlive: number, field: FieldDef): ChurnRisk {
  const high = field.options?.churnHighBelow ?? DEFAULT_CHURN_HIGH_BELOW;
  const low = field.options?.churnLowFrom ?? DEFAULT_CHURN_LOW_FROM;
  return pAlive < high ? 'high' : pAlive >= low ? 'low' : 'medium';
}

/** A prediction value as text: a count, a churn level with P(alive) in percent, or an amount. */
export function formatPrediction(value: unknown, field: FieldDef, locale: Locale): string {
  if (isPredictionIssue(value)) return predictionIssueText(value, locale);
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  const predict = field.options?.predict ?? 'purchases';
  if (predict === 'alive') {
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value);
    return `${CHURN_LABELS[churnRisk(value, field)][locale]} · ${percent}`;
  }
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

export const predictionType = defineFieldType({
  type: 'prediction',
  labels: { 'zh-CN': '预测', en: 'Prediction' },
  category: 'computed',
  isDerived: () => true,
  scalar: (field) => ({ type: field.options?.predict === 'clv' ? 'money' : 'number', list: false }),
  // Predictions are computed: nothing typed or imported is one.
  coerce: () => ({ ok: true, value: null }),
  checkStored: () => null,
  sortKey: (value: CellValue) => (typeof value === 'number' ? value : 0),
  format: (value, field, { locale }) => formatPrediction(value, field, locale),
});
