/** Money amounts: a number in the field's currency (default CNY, two decimals). */
import { defineFieldType } from '../define.js';
import type { OptionSpec } from '../types.js';
import { numberType, PRECISION_OPTION, RANGE_OPTIONS } from './number.js';

/** Currencies offered by the property panel (any ISO 4217 code is accepted in files). */
export const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'TWD', 'SGD'];

const CURRENCY_OPTION: OptionSpec = {
  key: 'currency',
  kind: 'enum',
  values: CURRENCIES,
  // Any ISO 4217 code is valid in a file (the schema checks its syntax); the list is what the panel offers.
  open: true,
  labels: { 'zh-CN': '货币', en: 'Currency' },
};

export const moneyType = defineFieldType({
  ...numberType,
  type: 'money',
  labels: { 'zh-CN': '金额', en: 'Money' },
  scalar: () => ({ type: 'money', list: false }),
  format(value, field, { locale }) {
    if (typeof value !== 'number') return value === null || value === undefined ? '' : String(value);
    const precision = field.options?.precision ?? 2;
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: field.options?.currency ?? 'CNY',
      minimumFractionDigits: precision,
      maximumFractionDigits: precision,
    }).format(value);
  },
  options: [{ ...CURRENCY_OPTION, default: 'CNY' }, { ...PRECISION_OPTION, default: 2 }, ...RANGE_OPTIONS],
});
