/**
 * The customer-ltv template with the lifecycle stage field the template adds (生命周期阶段:
 * source `orders`, dateField `orderDate`, paid orders only), and a small hand-made shop app
 * with the same field for tests that need exact dates.
 */
import type { AppDef, FieldDef, TemplateDef } from '../../src/core/schema/types.js';
import { customerLtvTemplate } from './customer-ltv.js';

/** The stage field exactly as the customer-ltv template defines it. */
export const STAGE_FIELD: FieldDef = {
  id: 'stage',
  name: '生命周期阶段',
  type: 'stage',
  labels: { 'zh-CN': '生命周期阶段', en: 'Lifecycle stage' },
  options: { source: 'orders', dateField: 'orderDate', countWhen: { '==': [{ var: 'paymentStatus' }, 'paid'] } },
};

/** templates/customer-ltv.json with the stage field on customers (unless it already has one). */
export async function customerLtvWithStage(): Promise<TemplateDef> {
  const template = await customerLtvTemplate();
  const customers = template.tables.find((t) => t.id === 'customers')!;
  if (!customers.fields.some((f) => f.type === 'stage')) customers.fields.push(structuredClone(STAGE_FIELD));
  return template;
}

/** A shop: customers with orders (date, paid or not) and a stage field over paid orders, in Shanghai time. */
export function shopApp(extra: Partial<AppDef> = {}): AppDef {
  return {
    id: 'shop',
    name: 'Shop',
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    timeZone: 'Asia/Shanghai',
    tables: [
      {
        id: 'customers',
        name: '客户',
        primaryFieldId: 'name',
        fields: [
          { id: 'name', name: '姓名', type: 'text' },
          { id: 'orders', name: '订单', type: 'relation', options: { table: 'orders', inverseOf: 'customer', multiple: true } },
          structuredClone(STAGE_FIELD),
        ],
      },
      {
        id: 'orders',
        name: '订单',
        primaryFieldId: 'orderNo',
        fields: [
          { id: 'orderNo', name: '订单号', type: 'text' },
          { id: 'customer', name: '客户', type: 'relation', options: { table: 'customers' } },
          { id: 'orderDate', name: '下单日期', type: 'date' },
          {
            id: 'paymentStatus',
            name: '支付状态',
            type: 'select',
            options: { choices: [{ id: 'paid', name: '已支付' }, { id: 'pending', name: '待支付' }] },
          },
        ],
      },
    ],
    ...extra,
  };
}
