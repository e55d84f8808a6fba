/**
 * Lifecycle stage fields computed through the formula graph over a real store: paid orders
 * only, recency in the app's zone, an order edit recomputing its customer, and the day
 * changing at midnight in the app's zone (the day watch with an injected clock and timer).
 */
import { expect } from '@open-wc/testing';
import { MemoryStore } from '../../src/store/index.js';
import { DerivedValues, type DerivedChange } from '../../src/runtime/derived.js';
import { ensureApp } from '../../src/runtime/open-app.js';
import { buildFormulaGraph } from '../../src/core/formula/index.js';
import { lifecycleStage } from '../../src/core/lifecycle/stage.js';
import { watchDays } from '../../src/runtime/day-watch.js';
import { registerStageFieldType } from '../../src/core/lifecycle/stage-field.js';
import { customerLtvWithStage, shopApp } from '../helpers/stage-app.js';

registerStageFieldType();

const DAY = 86_400_000;
/** 2026-03-01 00:00 in Shanghai (UTC+8). */
const MARCH_1 = Date.UTC(2026, 1, 28, 16);

/** A fake clock and a timer the test fires by hand. */
function fakeTime(start: number) {
  const state = { now: start, pending: undefined as undefined | { callback: () => void; at: number } };
  return {
    state,
    options: {
      now: () => state.now,
      setTimer: (callback: () => void, ms: number) => (state.pending = { callback, at: state.now + ms }),
      clearTimer: () => (state.pending = undefined),
    },
    /** Move the clock to `to`, firing the timer each time it comes due. */
    advance(to: number) {
      while (state.pending && state.pending.at <= to) {
        const { callback, at } = state.pending;
        state.pending = undefined;
        state.now = at;
        callback();
      }
      state.now = to;
    },
  };
}

async function shop(now: number) {
  const store = new MemoryStore();
  const app = await store.putApp(shopApp(), undefined);
  await store.mutate('shop', [
    { type: 'create', tableId: 'customers', id: 'none', values: { name: '无订单' } },
    { type: 'create', tableId: 'customers', id: 'one', values: { name: '一单' } },
    { type: 'create', tableId: 'customers', id: 'two', values: { name: '两单' } },
    { type: 'create', tableId: 'customers', id: 'unpaid', values: { name: '未付款' } },
    { type: 'create', tableId: 'orders', id: 'o1', values: { customer: 'one', orderDate: '2026-01-01', paymentStatus: 'paid' } },
    { type: 'create', tableId: 'orders', id: 'o2', values: { customer: 'two', orderDate: '2026-01-01', paymentStatus: 'paid' } },
    { type: 'create', tableId: 'orders', id: 'o3', values: { customer: 'two', orderDate: '2026-02-10', paymentStatus: 'paid' } },
    { type: 'create', tableId: 'orders', id: 'o4', values: { customer: 'unpaid', orderDate: '2026-02-20', paymentStatus: 'pending' } },
  ]);
  const time = fakeTime(now);
  const derived = new DerivedValues(store, app, { now: time.options.now });
  await derived.load();
  const stopWatching = watchDays(derived, () => app, time.options);
  return { store, app, derived, time, stopWatching };
}

describe('lifecycle stage fields (derived through the formula graph)', () => {
  it('classifies by paid orders only, in the app’s time zone', async () => {
    const { derived } = await shop(MARCH_1 + 10 * 3_600_000);
    const stage = (id: string) => derived.value('customers', id, 'stage');
    expect(stage('none')).to.equal('potential');
    // 2026-01-01 → 2026-03-01 is 59 days: still new.
    expect(stage('one')).to.equal('new');
    expect(stage('two')).to.equal('active');
    // A pending order does not count.
    expect(stage('unpaid')).to.equal('potential');
    derived.dispose();
  });

  it('lists the relation and every related field read, so an order edit recomputes its customer', async () => {
    const graph = buildFormulaGraph(shopApp());
    const compiled = graph.compiled('customers', 'stage')!;
    expect(compiled.volatile).to.equal(true);
    expect(compiled.refs).to.deep.include.members([{ fieldId: 'orders' }, { fieldId: 'orderDate', via: 'orders' }, { fieldId: 'paymentStatus', via: 'orders' }]);
    const impact = graph.dependentsOf('orders', ['paymentStatus']);
    expect(impact.next.map((n) => [n.tableId, n.via, n.fieldIds])).to.deep.equal([['customers', 'orders', ['stage']]]);
  });

  it('an order paid, moved or deleted changes its customer’s stage at once', async () => {
    const { store, derived } = await shop(MARCH_1);
    const heard: DerivedChange[] = [];
    derived.subscribe((change) => heard.push(change));
    const o4 = (await store.getRecord('shop', 'orders', 'o4'))!;
    await store.mutate('shop', [{ type: 'update', tableId: 'orders', id: 'o4', expectedVersion: o4.version, values: { paymentStatus: 'paid' } }]);
    expect(derived.value('customers', 'unpaid', 'stage')).to.equal('new');
    expect(heard.at(-1)!.cells.filter((c) => c.fieldId === 'stage')).to.deep.equal([{ tableId: 'customers', recordId: 'unpaid', fieldId: 'stage', before: 'potential', after: 'new' }]);
    await store.mutate('shop', [{ type: 'delete', tableId: 'orders', id: 'o3' }]);
    expect(derived.value('customers', 'two', 'stage')).to.equal('new');
    derived.dispose();
  });

  it('re-evaluates at midnight in the app’s zone: day 60 is new, day 61 silent', async () => {
    // 2026-03-01 is day 59 after 2026-01-01; the order of `one` is its only one.
    const { derived, time, stopWatching } = await shop(MARCH_1 + 12 * 3_600_000);
    const heard: DerivedChange[] = [];
    derived.subscribe((change) => heard.push(change));
    expect(derived.value('customers', 'one', 'stage')).to.equal('new');
    time.advance(MARCH_1 + DAY + 23 * 3_600_000); // 2026-03-02 23:00: day 60
    expect(derived.value('customers', 'one', 'stage')).to.equal('new');
    expect(heard.filter((c) => c.kind === 'time')).to.have.length(1);
    time.advance(MARCH_1 + 2 * DAY - 1); // one millisecond before 2026-03-03 in Shanghai
    expect(derived.value('customers', 'one', 'stage')).to.equal('new');
    time.advance(MARCH_1 + 2 * DAY + 1000); // just after midnight: day 61
    expect(derived.value('customers', 'one', 'stage')).to.equal('silent');
    const last = heard.at(-1)!;
    expect(last.kind).to.equal('time');
    expect(last.cells).to.deep.include({ tableId: 'customers', recordId: 'one', fieldId: 'stage', before: 'new', after: 'silent' });
    stopWatching();
    expect(time.state.pending).to.equal(undefined);
    derived.dispose();
  });

  it('computes the customer-ltv template’s stage field (paid orders) for every customer', async () => {
    const store = new MemoryStore();
    const template = await customerLtvWithStage();
    const { app } = await ensureApp(store, { appId: 'ltv', loadTemplate: async () => template });
    const now = Date.UTC(2026, 5, 1);
    const derived = new DerivedValues(store, app, { now: () => now });
    await derived.load();
    const orders = await store.queryRecords('ltv', 'orders');
    const counts = new Map<string, number>();
    for (const customer of await store.queryRecords('ltv', 'customers')) {
      const paid = orders.filter((o) => o.values.customer === customer.id && o.values.paymentStatus === 'paid');
      const last = paid.map((o) => o.values.orderDate as string).sort().at(-1);
      const expected = lifecycleStage({ orders: paid.length, lastOrderAt: last }, now, {}, { timeZone: app.timeZone });
      const stage = derived.value('customers', customer.id, 'stage') as string;
      expect(stage, customer.id).to.equal(expected);
      counts.set(stage, (counts.get(stage) ?? 0) + 1);
    }
    expect(counts.size, JSON.stringify([...counts])).to.be.greaterThan(2);
    derived.dispose();
  });
});
