/** A small app with a lead form and an order form with line items, for the published-form tests. */
import type { AppDef } from '../../src/core/schema/types.js';

export function leadApp(): AppDef {
  return {
    id: 'shop',
    name: '店铺',
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    tables: [
      {
        id: 'customers',
        name: '客户',
        labels: { en: 'Customers' },
        primaryFieldId: 'name',
        fields: [
          { id: 'name', name: '姓名', type: 'text', labels: { en: 'Name' }, required: true, options: { maxLength: 40 } },
          { id: 'email', name: '邮箱', type: 'email', labels: { en: 'Email' } },
          { id: 'kind', name: '客户类型', type: 'select', labels: { en: 'Kind' }, options: { choices: [{ id: 'person', name: '个人', labels: { en: 'Person' } }, { id: 'company', name: '企业', labels: { en: 'Company' } }] } },
          { id: 'company', name: '公司', type: 'text', labels: { en: 'Company' }, required: true },
          { id: 'budget', name: '预算', type: 'money', labels: { en: 'Budget' }, options: { min: 0 } },
          { id: 'source', name: '来源', type: 'text', labels: { en: 'Source' } },
          { id: 'score', name: '评分', type: 'formula', options: { formula: '{预算} * 2', resultType: 'number' } },
          { id: 'owner', name: '负责人', type: 'relation', options: { table: 'staff' } },
          { id: 'old', name: '旧字段', type: 'text', archived: true },
        ],
        forms: [
          {
            id: 'lead',
            name: '线索',
            labels: { en: 'Lead' },
            items: [
              { id: 'i-name', kind: 'field', fieldId: 'name' },
              { id: 'i-email', kind: 'field', fieldId: 'email' },
              { id: 'i-kind', kind: 'field', fieldId: 'kind' },
              { id: 'i-company', kind: 'field', fieldId: 'company', visibleWhen: { '==': [{ var: 'kind' }, 'company'] } },
              { id: 'row', kind: 'row', items: [{ id: 'i-budget', kind: 'field', fieldId: 'budget' }, { id: 'i-score', kind: 'field', fieldId: 'score' }] },
              { id: 'i-source', kind: 'field', fieldId: 'source', prefill: 'utm_source' },
              { id: 'i-owner', kind: 'field', fieldId: 'owner' },
              { id: 'i-old', kind: 'field', fieldId: 'old' },
            ],
          },
        ],
      },
      {
        id: 'orders',
        name: '订单',
        primaryFieldId: 'no',
        fields: [
          { id: 'no', name: '订单号', type: 'text' },
          { id: 'amount', name: '金额', type: 'money' },
          { id: 'lines', name: '明细', type: 'subtable', options: { table: 'lines', inverseOf: 'order', totalField: 'total' } },
        ],
        forms: [{ id: 'order', name: '下单', items: [{ id: 'i-no', kind: 'field', fieldId: 'no' }, { id: 'i-lines', kind: 'field', fieldId: 'lines', required: true }] }],
      },
      {
        id: 'lines',
        name: '明细行',
        primaryFieldId: 'product',
        fields: [
          { id: 'product', name: '商品', type: 'text', required: true },
          { id: 'qty', name: '数量', type: 'number', options: { min: 1 } },
          { id: 'total', name: '小计', type: 'money' },
          { id: 'order', name: '订单', type: 'relation', options: { table: 'orders' } },
        ],
      },
      { id: 'staff', name: '员工', primaryFieldId: 'n', fields: [{ id: 'n', name: '姓名', type: 'text' }] },
    ],
  };
}
