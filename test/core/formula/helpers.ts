// Shared fixtures for the formula tests: a customer table with an orders relation, one
// customer record, and `run(source)` that compiles and evaluates with a fixed "now".
import { expect } from '@open-wc/testing';
import { CellError, compileFormula, evaluateFormula, type FormulaScope } from '../../../src/core/formula/index.js';

export const NOW = '2024-06-15T10:30:00';

export const scope: FormulaScope = {
  fields: [
    { id: 'aov', name: '平均客单价', type: 'money' },
    { id: 'freq', name: '购买频次', type: 'number' },
    { id: 'ret', name: '客户保持率', type: 'percent' },
    { id: 'name', name: '客户名称', type: 'text' },
    { id: 'note', name: 'Note with spaces', type: 'text' },
    { id: 'blank', name: '空字段', type: 'number' },
    { id: 'blankText', name: '空文本', type: 'text' },
    { id: 'blankDate', name: '空日期', type: 'date' },
    { id: 'first', name: '首单日期', type: 'date' },
    { id: 'last', name: '最近下单', type: 'datetime' },
    { id: 'vip', name: 'VIP', type: 'checkbox' },
    { id: 'numText', name: '编号', type: 'text' },
    {
      id: 'tier',
      name: '等级',
      type: 'select',
      options: { choices: [{ id: 'c_gold', name: '金卡' }, { id: 'c_silver', name: '银卡' }] },
    },
    {
      id: 'orders',
      name: '订单',
      type: 'relation',
      fields: [
        { id: 'amount', name: '金额', type: 'money' },
        { id: 'orderedAt', name: '下单日期', type: 'date' },
        { id: 'status', name: '状态', type: 'text' },
      ],
    },
    {
      id: 'owner',
      name: '负责人',
      type: 'relation',
      options: { table: 'staff' },
      fields: [{ id: 'staffName', name: '姓名', type: 'text' }],
    },
  ],
};

export const record = {
  aov: 100,
  freq: 4,
  ret: 0.8,
  name: 'Alice Smith',
  note: 'x',
  blank: null,
  blankText: '',
  blankDate: null,
  first: '2024-01-31',
  last: '2024-06-01T08:00:00',
  vip: true,
  numText: '42',
  tier: 'c_gold',
  orders: [
    { amount: 100, orderedAt: '2024-02-01', status: 'paid' },
    { amount: 200, orderedAt: '2024-03-05', status: 'paid' },
    { amount: null, orderedAt: null, status: 'draft' },
  ],
  owner: [{ staffName: '王五' }],
};

/** Compiles and evaluates `source` against the fixture record. */
export function run(source: string, values: Record<string, unknown> = record, now: string = NOW): unknown {
  return evaluateFormula(compileFormula(source, scope), values, { now });
}

/** Marker for an expected error value. */
export class Expected {
  constructor(readonly code: string) {}
}
export const E = (code: string) => new Expected(code);

/** Asserts a result: numbers exactly, errors by code, everything else deep-equal. */
export function expectValue(actual: unknown, expected: unknown, label: string): void {
  if (expected instanceof Expected) {
    expect(actual, label).to.be.instanceOf(CellError);
    expect((actual as CellError).code, label).to.equal(expected.code);
    return;
  }
  if (typeof actual === 'number') {
    expect(Number.isFinite(actual), `${label}: finite`).to.equal(true);
  }
  expect(actual, label).to.deep.equal(expected);
}
