/**
 * Derived values over a real store: the customer-ltv template's rollups and LTV computed
 * from its orders, kept up to date as orders are added, moved and deleted.
 */
import { expect } from '@open-wc/testing';
import { cloneTemplate } from '../../src/core/templates/index.js';
import type { AppDef } from '../../src/core/schema/types.js';
import { MemoryStore } from '../../src/store/index.js';
import { DerivedValues } from '../../src/runtime/derived.js';
import { customerLtvTemplate as template, openCustomerLtv } from '../helpers/customer-ltv.js';


const round2 = (n: number) => Math.round(n * 100) / 100;

describe('DerivedValues (formulas and inverse relations in memory)', function () {
  this.timeout(30000);
  let store: MemoryStore;
  let app: AppDef;
  let derived: DerivedValues;

  beforeEach(async () => {
    ({ store, app, derived } = await openCustomerLtv('ltv'));
  });

  afterEach(() => derived.dispose());

  it('computes paid order count, total spend, average order value from each customer’s orders', async () => {
    const orders = await store.queryRecords('ltv', 'orders');
    const customers = await store.queryRecords('ltv', 'customers');
    let checked = 0;
    for (const customer of customers) {
      const mine = orders.filter((o) => o.values.customer === customer.id);
      // Purchases are the paid orders; pending and refunded ones are linked but not counted.
      const paid = mine.filter((o) => o.values.paymentStatus === 'paid');
      const values = derived.get('customers', customer.id)!;
      expect(values.orders).to.have.members(mine.map((o) => o.id));
      expect(values.orderCount).to.equal(paid.length);
      const total = paid.reduce((sum, o) => sum + (o.values.amount as number), 0);
      expect(values.totalSpend as number).to.be.closeTo(total, 1e-9);
      expect(values.avgOrderValue as number).to.be.closeTo(paid.length ? total / paid.length : 0, 1e-9);
      if (mine.length) {
        const last = mine.map((o) => o.values.orderDate as string).sort().at(-1);
        expect(values.lastOrderDate).to.equal(last);
      } else {
        expect(values.lastOrderDate ?? '').to.equal('');
      }
      checked += 1;
    }
    expect(checked).to.be.greaterThan(200);
  });

  it('computes LTV = average order value × purchase frequency × retention rate', async () => {
    const customers = await store.queryRecords('ltv', 'customers');
    const withOrders = customers.filter((c) => (derived.get('customers', c.id)!.orderCount as number) > 0);
    expect(withOrders.length).to.be.greaterThan(100);
    for (const customer of withOrders.slice(0, 50)) {
      const v = derived.get('customers', customer.id)!;
      const expected = (v.avgOrderValue as number) * (v.purchaseFrequency as number) * (customer.values.retentionRate as number);
      expect(v.ltv as number).to.be.closeTo(expected, 1e-6);
      expect(v.ltv as number).to.be.greaterThan(0);
    }
  });

  it('updates the customer’s rollups when an order is added, moved and deleted', async () => {
    const [a, b] = (await store.queryRecords('ltv', 'customers')).slice(0, 2);
    const countA = derived.get('customers', a.id)!.orderCount as number;
    const countB = derived.get('customers', b.id)!.orderCount as number;
    const spendA = (derived.get('customers', a.id)!.totalSpend as number) ?? 0;
    const [order] = await store.mutate('ltv', [
      { type: 'create', tableId: 'orders', values: { orderNo: 'T1', customer: a.id, orderDate: '2026-11-01', amount: 1000, paymentStatus: 'paid' } },
    ]);
    expect(derived.get('customers', a.id)!.orderCount).to.equal(countA + 1);
    expect(round2(derived.get('customers', a.id)!.totalSpend as number)).to.equal(round2(spendA + 1000));
    expect(derived.get('customers', a.id)!.lastOrderDate).to.equal('2026-11-01');

    const [moved] = await store.mutate('ltv', [{ type: 'update', tableId: 'orders', id: order!.id, values: { customer: b.id } }]);
    expect(derived.get('customers', a.id)!.orderCount).to.equal(countA);
    expect(derived.get('customers', b.id)!.orderCount).to.equal(countB + 1);

    await store.mutate('ltv', [{ type: 'delete', tableId: 'orders', id: moved!.id }]);
    expect(derived.get('customers', b.id)!.orderCount).to.equal(countB);
  });

  it('recomputes only the formulas that depend on what changed, on the records that need them', async () => {
    const [customer] = (await store.queryRecords('ltv', 'customers')).filter((c) => derived.get('customers', c.id)!.orderCount);
    const runtime = (derived as unknown as { formulas: { applyChange: (...args: unknown[]) => number } }).formulas;
    const calls: number[] = [];
    const original = runtime.applyChange.bind(runtime);
    runtime.applyChange = (...args: unknown[]) => {
      const n = original(...args);
      calls.push(n);
      return n;
    };
    // Retention feeds only LTV: one evaluation on one record.
    await store.mutate('ltv', [{ type: 'update', tableId: 'customers', id: customer.id, values: { retentionRate: 0.5 } }]);
    expect(calls.at(-1)).to.equal(1);
    const v = derived.get('customers', customer.id)!;
    expect(v.ltv as number).to.be.closeTo((v.avgOrderValue as number) * (v.purchaseFrequency as number) * 0.5, 1e-9);
    // A note feeds nothing.
    await store.mutate('ltv', [{ type: 'update', tableId: 'customers', id: customer.id, values: { notes: '只是备注' } }]);
    expect(calls.at(-1)).to.equal(0);
    // An order amount feeds its customer's spend rollups and what depends on them — not the
    // paid-order count, the frequency or the date rollups — and the predictions and RFM
    // segment, which read paid orders with their amounts.
    const [order] = (await store.queryRecords('ltv', 'orders')).filter((o) => o.values.customer === customer.id);
    await store.mutate('ltv', [{ type: 'update', tableId: 'orders', id: order.id, values: { amount: 1 } }]);
    const predictions = ['predictedOrders90', 'churnRisk', 'predictedClv12', 'rfmSegment'];
    const amountDependents = ['totalSpend', 'avgOrderValue', 'ltv', ...predictions];
    expect(calls.at(-1)).to.equal(amountDependents.length);
    // Its payment status feeds the paid-order count too, the frequency built on it, and the
    // lifecycle stage (which counts paid orders only).
    await store.mutate('ltv', [{ type: 'update', tableId: 'orders', id: order.id, values: { paymentStatus: order.values.paymentStatus === 'paid' ? 'refunded' : 'paid' } }]);
    const statusDependents = ['orderCount', 'totalSpend', 'avgOrderValue', 'purchaseFrequency', 'ltv', 'stage', ...predictions];
    expect(calls.at(-1)).to.equal(statusDependents.length);
    expect(derived.get('customers', customer.id)!.totalSpend).to.be.a('number');
  });

  it('shows a broken formula as an error value naming the problem, without breaking the others', async () => {
    const broken: AppDef = structuredClone(app);
    const ltv = broken.tables[0].fields.find((f) => f.id === 'ltv')!;
    ltv.options = { ...ltv.options, formula: '{平均客单价} * {不存在的字段}' };
    // A full recompute runs in slices now: setApp resolves when the new values are in.
    await derived.setApp(broken);
    const [customer] = await store.queryRecords('ltv', 'customers');
    const values = derived.get('customers', customer.id)!;
    expect((values.ltv as unknown as { code: string }).code).to.equal('#REF!');
    expect(values.orderCount).to.be.a('number');
  });

  it('clones the template without storing derived values', async () => {
    const tpl = await template();
    const cloned = cloneTemplate(tpl, { appId: 'x' });
    for (const row of cloned.records.customers) {
      expect(row.values).to.not.have.property('orders');
      expect(row.values).to.not.have.property('ltv');
    }
  });
});
