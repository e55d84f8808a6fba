/**
 * A shop app for prediction and RFM fields: customers with an inverse relation to orders
 * (date, amount, paid or not) and, on customers, the prediction fields (purchases in the next
 * 273 days = 39 weeks, P(alive), 12-month CLV at 1 % a month) and an RFM segment field, all
 * over paid orders. `loadCdnow` fills a store with the CDNOW sample's calibration period.
 */
import type { AppDef, FieldDef } from '../../src/core/schema/types.js';
import type { BulkRecord, Store } from '../../src/store/types.js';

export const PAID = { '==': [{ var: 'status' }, 'paid'] };

const ORDERS = { source: 'orders', dateField: 'date', amountField: 'amount', countWhen: PAID };

export const PREDICTION_FIELDS: FieldDef[] = [
  { id: 'purchases', name: '预计购买次数', type: 'prediction', options: { ...ORDERS, predict: 'purchases', horizonDays: 273 } },
  { id: 'alive', name: '流失风险', type: 'prediction', options: { ...ORDERS, predict: 'alive' } },
  { id: 'clv', name: '预测 CLV', type: 'prediction', options: { ...ORDERS, predict: 'clv', horizonMonths: 12, discountRatePerMonth: 0.01 } },
  { id: 'segment', name: 'RFM 分层', type: 'rfm', options: { ...ORDERS } },
  { id: 'rScore', name: 'R 分', type: 'rfm', options: { ...ORDERS, rfmOutput: 'recency' } },
];

/** The shop, in UTC (CDNOW's dates are calendar days). */
export function predictApp(extra: Partial<AppDef> = {}): AppDef {
  return {
    id: 'predict-shop',
    name: 'Shop',
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    timeZone: 'UTC',
    tables: [
      {
        id: 'customers',
        name: '客户',
        primaryFieldId: 'name',
        fields: [
          { id: 'name', name: '姓名', type: 'text' },
          { id: 'orders', name: '订单', type: 'relation', options: { table: 'orders', inverseOf: 'customer', multiple: true } },
          ...structuredClone(PREDICTION_FIELDS),
        ],
      },
      {
        id: 'orders',
        name: '订单',
        primaryFieldId: 'no',
        fields: [
          { id: 'no', name: '订单号', type: 'text' },
          { id: 'customer', name: '客户', type: 'relation', options: { table: 'customers' } },
          { id: 'date', name: '下单日期', type: 'date' },
          { id: 'amount', name: '金额', type: 'money' },
          { id: 'status', name: '支付状态', type: 'select', options: { choices: [{ id: 'paid', name: '已支付' }, { id: 'refunded', name: '已退款' }] } },
        ],
      },
    ],
    ...extra,
  };
}

/** One order of a generated or parsed history. */
export interface OrderRow {
  customer: string;
  date: string;
  amount: number;
  status?: 'paid' | 'refunded';
}

/** Store the app, its customers and orders (customer ids as given). */
export async function seedShop(store: Store, app: AppDef, customers: string[], orders: OrderRow[]): Promise<void> {
  await store.putApp(app, undefined);
  await store.bulkCreate(app.id, 'customers', customers.map((id): BulkRecord => ({ id, values: { name: id } })));
  await store.bulkCreate(
    app.id,
    'orders',
    orders.map((o, i): BulkRecord => ({ id: `o${i}`, values: { no: `o${i}`, customer: o.customer, date: o.date, amount: o.amount, status: o.status ?? 'paid' } })),
  );
}

/** The CDNOW sample's orders (all 6,919; sample customer id n becomes `c<n>`). */
export async function cdnowOrders(): Promise<{ customers: string[]; orders: OrderRow[] }> {
  const text = await (await fetch('/test/fixtures/cdnow/CDNOW_sample.txt')).text();
  const orders: OrderRow[] = [];
  const customers = new Set<string>();
  for (const line of text.trim().split(/\r?\n/)) {
    const [, sample, day, , value] = line.trim().split(/\s+/);
    const customer = `c${Number(sample)}`;
    customers.add(customer);
    orders.push({ customer, date: `${day!.slice(0, 4)}-${day!.slice(4, 6)}-${day!.slice(6, 8)}`, amount: Number(value) });
  }
  return { customers: [...customers], orders };
}

/** Noon UTC on the last day of CDNOW's calibration period. */
export const CDNOW_END = Date.UTC(1997, 8, 30, 12);
