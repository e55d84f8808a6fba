/** A small shop app and seeded generated records for the dashboard tests: customers, orders, leads → deals → payments. */
import type { AppDef, CellValue, FieldDef, RecordData, TableDef } from '../../../src/core/schema/types.js';
import type { DashboardData } from '../../../src/core/dashboards/index.js';

export const customers: TableDef = {
  id: 'customers',
  name: '客户',
  labels: { 'zh-CN': '客户', en: 'Customers' },
  primaryFieldId: 'name',
  fields: [
    { id: 'name', name: '姓名', type: 'text' },
    {
      id: 'tier',
      name: '等级',
      labels: { 'zh-CN': '等级', en: 'Tier' },
      type: 'select',
      options: { choices: [{ id: 'regular', name: '普通', labels: { en: 'Regular' } }, { id: 'silver', name: '银卡', labels: { en: 'Silver' } }, { id: 'gold', name: '金卡', labels: { en: 'Gold' } }, { id: 'platinum', name: '白金', labels: { en: 'Platinum' } }] },
    },
    { id: 'source', name: '来源', type: 'select', options: { choices: [{ id: 'online', name: '线上' }, { id: 'store', name: '门店' }] } },
    { id: 'ltv', name: 'LTV', type: 'money' },
    { id: 'clv', name: '预测 CLV', type: 'money' },
    { id: 'registeredOn', name: '注册日期', type: 'date' },
    { id: 'vip', name: 'VIP', type: 'checkbox' },
    { id: 'orders', name: '订单', type: 'relation', options: { table: 'orders', inverseOf: 'customer', multiple: true } },
    { id: 'spend', name: '累计消费', type: 'formula', options: { formula: 'SUM({订单.金额})', resultType: 'money' } },
    { id: 'stage', name: '阶段', type: 'stage', options: { source: 'orders', dateField: 'date' } },
  ],
};

export const orders: TableDef = {
  id: 'orders',
  name: '订单',
  primaryFieldId: 'no',
  fields: [
    { id: 'no', name: '单号', type: 'text' },
    { id: 'customer', name: '客户', type: 'relation', options: { table: 'customers' } },
    { id: 'date', name: '下单日期', type: 'date' },
    { id: 'paidAt', name: '付款时间', type: 'datetime' },
    { id: 'amount', name: '金额', type: 'money' },
    { id: 'paid', name: '已付款', type: 'checkbox' },
  ],
};

export const leads: TableDef = { id: 'leads', name: '线索', primaryFieldId: 'name', fields: [{ id: 'name', name: '名称', type: 'text' }, { id: 'createdOn', name: '创建日期', type: 'date' }] };
export const deals: TableDef = {
  id: 'deals',
  name: '商机',
  primaryFieldId: 'name',
  fields: [{ id: 'name', name: '名称', type: 'text' }, { id: 'lead', name: '线索', type: 'relation', options: { table: 'leads' } }, { id: 'openedOn', name: '日期', type: 'date' }],
};
export const payments: TableDef = {
  id: 'payments',
  name: '回款',
  primaryFieldId: 'name',
  fields: [{ id: 'name', name: '名称', type: 'text' }, { id: 'deal', name: '商机', type: 'relation', options: { table: 'deals' } }, { id: 'paidOn', name: '日期', type: 'date' }],
};

export function shopApp(extra: Partial<AppDef> = {}): AppDef {
  return { id: 'shop', name: 'Shop', version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', timeZone: 'Asia/Shanghai', tables: [customers, orders], ...extra };
}

export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const record = (tableId: string, id: string, values: RecordData['values']): RecordData => ({ id, tableId, version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', values });

const DAY = 86_400_000;
/** The day generated orders end on; "today" of the tests. */
export const TODAY = '2026-06-15';
export const NOW = new Date('2026-06-15T04:00:00Z');

export interface Generated {
  customers: RecordData[];
  orders: RecordData[];
  /** Derived values the tests read (stage, spend, the inverse relation), as DerivedValues would give them. */
  derived: Map<string, Record<string, CellValue>>;
}

/**
 * `n` customers with 0–8 orders each between 2025-01-01 and TODAY, some on the same day,
 * some paid at 16:00–23:59 UTC on a month's last day (the next month in Shanghai), blanks in
 * every grouped field, and one tier nobody has (an empty group).
 */
export function generate(n: number, seed = 7): Generated {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const start = Date.UTC(2025, 0, 1);
  const end = Date.parse(`${TODAY}T00:00:00Z`);
  const out: Generated = { customers: [], orders: [], derived: new Map() };
  for (let c = 0; c < n; c++) {
    const id = `c${c}`;
    const count = Math.floor(random() * 9);
    const orderIds: string[] = [];
    let last: number | undefined;
    let spend = 0;
    for (let o = 0; o < count; o++) {
      const oid = `${id}o${o}`;
      let time = start + Math.floor(random() * ((end - start) / DAY)) * DAY;
      if (last !== undefined && random() < 0.15) time = last; // same-day repeat: one visit
      last = time;
      const date = new Date(time).toISOString().slice(0, 10);
      // Paid late in the UTC evening of the day: on a month's last day that is the next month in Shanghai.
      const paidAt = new Date(time + (16 + Math.floor(random() * 8)) * 3_600_000 + Math.floor(random() * 60) * 60_000).toISOString();
      const amount = Math.round(random() * 50000) / 100;
      const paid = random() < 0.8;
      out.orders.push(record('orders', oid, { no: oid, customer: id, date, paidAt, amount, paid }));
      orderIds.push(oid);
      spend += amount;
    }
    const ltv = random() < 0.1 ? null : Math.round(random() * 20) * 500; // many ties on bin edges
    out.customers.push(
      record('customers', id, {
        name: `客户${c}`,
        tier: random() < 0.1 ? null : pick(['regular', 'silver', 'gold']),
        source: random() < 0.05 ? null : pick(['online', 'store']),
        ltv,
        clv: ltv === null ? null : ltv * (0.5 + random()),
        registeredOn: new Date(start + Math.floor(random() * ((end - start) / DAY + 1)) * DAY).toISOString().slice(0, 10),
        vip: random() < 0.3,
      }),
    );
    out.derived.set(id, { orders: orderIds, spend, stage: count === 0 ? 'potential' : count === 1 ? 'new' : pick(['active', 'silent', 'churned']) });
  }
  return out;
}

export function dataOf(app: AppDef, generated: Generated, extra: Partial<DashboardData> = {}): DashboardData {
  const byTable: Record<string, RecordData[]> = { customers: generated.customers, orders: generated.orders };
  return {
    app,
    records: (tableId) => byTable[tableId] ?? [],
    readValue: (rec, field: FieldDef) => (rec.tableId === 'customers' ? generated.derived.get(rec.id)?.[field.id] : undefined),
    now: NOW,
    locale: 'en',
    ...extra,
  };
}
