/**
 * UI strings of the prediction model panel (`<ltc-fit-panel>`) and the prediction / RFM
 * property panels, zh-CN and en, in the shape of `src/i18n/index.ts` (`tp(locale, key,
 * params)` fills `{name}` placeholders; plain text, never HTML). They load with the designer
 * script, so the main bundle does not carry them.
 */
import type { Locale } from '../core/schema/types.js';

const zh = {
  'fit.title': '预测模型',
  'fit.for': '{table}：{source}',
  'fit.none': '尚未拟合：点击“拟合”用全部客户的订单估计模型。',
  'fit.noSources': '本应用没有预测字段。',
  'fit.date': '拟合时间',
  'fit.asOf': '数据截至',
  'fit.customers': '客户数',
  'fit.repeatBuyers': '复购客户',
  'fit.orders': '订单数',
  'fit.params': '模型参数',
  'fit.status.ok': '拟合成功',
  'fit.status.tooFewRepeatBuyers': '数据不足：复购客户少于 {min} 位（现有 {n} 位），预测字段不显示数字。',
  'fit.status.notConverged': '模型拟合未收敛：预测字段不显示数字，数据增加后请重新拟合。',
  'fit.stale': '订单数自拟合以来变化超过 10%（现有 {n} 笔），建议重新拟合。',
  'fit.fit': '拟合',
  'fit.refit': '重新拟合',
  'fit.cancel': '取消',
  'fit.progress': '正在拟合…',
  'fit.phase.gather': '读取订单',
  'fit.phase.summarise': '汇总每位客户',
  'fit.phase.bgnbd': '拟合 BG/NBD 购买模型',
  'fit.phase.gammaGamma': '拟合 Gamma-Gamma 金额模型',
  'fit.failed': '拟合失败：{message}',
  'fit.unit': '时间单位：周',
  'predict.horizonDaysHelp': '预测未来这么多天内的购买次数。',
  'predict.churnHelp': '仍活跃概率低于“高风险”阈值为高风险，不低于“低风险”阈值为低风险，其间为中风险。',
  'predict.clvHelp': '未来若干个月的预期消费额，按月贴现，再乘以毛利率（1 = 不计毛利）。',
  'predict.thresholdOrder': '“低风险”阈值须不低于“高风险”阈值。',
} as const;

export type PredictUiKey = keyof typeof zh;

const en: Record<PredictUiKey, string> = {
  'fit.title': 'Prediction model',
  'fit.for': '{table}: {source}',
  'fit.none': 'Not fitted yet: choose “Fit” to estimate the model from every customer’s orders.',
  'fit.noSources': 'This app has no prediction fields.',
  'fit.date': 'Fitted',
  'fit.asOf': 'Data up to',
  'fit.customers': 'Customers',
  'fit.repeatBuyers': 'Repeat buyers',
  'fit.orders': 'Orders',
  'fit.params': 'Parameters',
  'fit.status.ok': 'Fitted',
  'fit.status.tooFewRepeatBuyers': 'Too little data: fewer than {min} repeat buyers ({n} so far), so prediction fields show no numbers.',
  'fit.status.notConverged': 'The fit did not converge: prediction fields show no numbers; refit when there is more data.',
  'fit.stale': 'Orders changed by more than 10% since the fit ({n} now): refit recommended.',
  'fit.fit': 'Fit',
  'fit.refit': 'Refit',
  'fit.cancel': 'Cancel',
  'fit.progress': 'Fitting…',
  'fit.phase.gather': 'Reading orders',
  'fit.phase.summarise': 'Summarising each customer',
  'fit.phase.bgnbd': 'Fitting the BG/NBD purchase model',
  'fit.phase.gammaGamma': 'Fitting the Gamma-Gamma spend model',
  'fit.failed': 'The fit failed: {message}',
  'fit.unit': 'Time unit: weeks',
  'predict.horizonDaysHelp': 'Predicts the purchases within this many days.',
  'predict.churnHelp': 'P(alive) below the high-risk threshold is high risk, from the low-risk threshold up low risk, in between medium.',
  'predict.clvHelp': 'Expected spend over the coming months, discounted monthly, times the margin (1 = no margin).',
  'predict.thresholdOrder': 'The low-risk threshold must not be below the high-risk one.',
};

const tables: Record<Locale, Record<PredictUiKey, string>> = { 'zh-CN': zh, en };

/** Translate a prediction UI key into `locale`, filling `{param}` placeholders. */
export function tp(locale: Locale, key: PredictUiKey, params?: Record<string, string | number>): string {
  const template = tables[locale]?.[key] ?? tables.en[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole));
}
