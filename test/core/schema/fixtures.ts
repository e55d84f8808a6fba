// Shared test data: the real customer-ltv template (fetched from the test server, which
// serves the repository root) and a small valid template that the table-driven cases break
// one way at a time.
import type { TemplateDef } from '../../../src/core/schema/types.js';
import { registerPredictionFieldTypes } from '../../../src/core/lifecycle/predict-fields.js';
import { registerExtraFieldTypes } from '../../../src/core/fields/extra-types.js';
import { registerLinesFilesAddressTypes } from '../../../src/core/fields/lines-files-address.js';

// customer-ltv has prediction and RFM fields: the validators know them once registered (the
// designer script, which carries the validators, registers them in the product).
registerPredictionFieldTypes();
// Its order lines (a sub-table) too, and the other types added since the first fifteen.
registerExtraFieldTypes();
registerLinesFilesAddressTypes();

/** The parsed templates/customer-ltv.json (fetched once per test file). */
let cached: Promise<unknown> | undefined;
export function loadCustomerLtvJson(): Promise<unknown> {
  cached ??= fetch('/templates/customer-ltv.json').then((response) => {
    if (!response.ok) throw new Error(`GET /templates/customer-ltv.json: HTTP ${response.status}`);
    return response.json() as Promise<unknown>;
  });
  // Every caller gets its own copy, so no test can disturb another.
  return cached.then((json) => structuredClone(json));
}

/**
 * A small template exercising every cross-reference: a primary field, a select and a
 * multiselect, a relation with its inverse, a self relation, a formula, sample records
 * that link to each other.
 */
export function miniTemplate(): TemplateDef {
  return {
    format: 'ltc-template',
    formatVersion: 1,
    id: 'mini',
    name: 'Mini CRM',
    labels: { 'zh-CN': '迷你客户管理', en: 'Mini CRM' },
    tables: [
      {
        id: 'customers',
        name: '客户',
        primaryFieldId: 'name',
        fields: [
          { id: 'name', name: '客户名称', type: 'text', required: true },
          { id: 'spend', name: '消费', type: 'money' },
          { id: 'joined', name: '注册日期', type: 'date' },
          { id: 'city', name: '城市', type: 'select', options: { choices: [{ id: 'sh', name: '上海' }, { id: 'bj', name: '北京' }] } },
          { id: 'orders', name: '订单', type: 'relation', options: { table: 'orders', inverseOf: 'customer', multiple: true } },
          { id: 'total', name: '累计消费', type: 'formula', options: { formula: 'SUM({订单.金额})', resultType: 'money' } },
          { id: 'tags', name: '标签', type: 'multiselect', options: { choices: [{ id: 'vip', name: 'VIP' }] } },
        ],
      },
      {
        id: 'orders',
        name: '订单',
        primaryFieldId: 'no',
        fields: [
          { id: 'no', name: '订单号', type: 'text', required: true },
          { id: 'customer', name: '客户', type: 'relation', options: { table: 'customers' } },
          { id: 'amount', name: '金额', type: 'money' },
          { id: 'related', name: '关联订单', type: 'relation', options: { table: 'orders', multiple: true } },
        ],
      },
    ],
    sampleData: {
      customers: [
        { id: 'c1', values: { name: '王伟', spend: 12.5, joined: '2025-01-02', city: 'sh', tags: ['vip'] } },
        { id: 'c2', values: { name: '李娜' } },
      ],
      orders: [
        { id: 'o1', values: { no: 'SO1', customer: 'c1', amount: 99.9, related: [] } },
        { id: 'o2', values: { no: 'SO2', customer: 'c2', amount: 10, related: ['o1'] } },
      ],
    },
  };
}

/** A loosely typed deep copy, for tests that break a template on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;
export function loose(value: unknown): Loose {
  return structuredClone(value);
}
