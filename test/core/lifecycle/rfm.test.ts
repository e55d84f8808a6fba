/**
 * RFM scores and segments against a plain implementation (every customer compared with every
 * other, O(n²)) on generated data full of ties; then as a field: computed through the derived
 * values, recomputed as orders change, offered as choices by the condition builder, groupable,
 * and read by rule conditions the way the rule engine reads derived values.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { MemoryStore } from '../../../src/store/index.js';
import { DerivedValues } from '../../../src/runtime/derived.js';
import { refreshRfm, watchRfm } from '../../../src/runtime/rfm-scores.js';
import { registerPredictionFieldTypes } from '../../../src/core/lifecycle/predict-fields.js';
import { RFM_SEGMENTS, buildRfmDistribution, rfmRaw, rfmScores, rfmSegment, type RfmRaw } from '../../../src/core/lifecycle/rfm.js';
import { conditionKind, matchRecords, operatorsFor } from '../../../src/core/conditions/model.js';
import { isGroupableField } from '../../../src/core/schema/view-fields.js';
import { fieldChoices, fieldTypeOf } from '../../../src/core/fields/index.js';
import { matchLogic } from '../../../src/core/conditions/match.js';
import type { CellValue, FieldDef } from '../../../src/core/schema/types.js';
import { predictApp, seedShop, type OrderRow } from '../../helpers/predict-app.js';

registerPredictionFieldTypes();

/** The plain implementation: a score is 1 + ⌊5 · (customers strictly worse) / n⌋; high when above the mean score. */
function plainRfm(raws: RfmRaw[]): Array<{ r: number; f: number; m: number; segment: string }> {
  const n = raws.length;
  const scores = raws.map((c) => ({
    r: 1 + Math.floor((5 * raws.filter((o) => o.recencyDays > c.recencyDays).length) / n),
    f: 1 + Math.floor((5 * raws.filter((o) => o.frequency < c.frequency).length) / n),
    m: 1 + Math.floor((5 * raws.filter((o) => o.monetary < c.monetary).length) / n),
  }));
  const mean = (key: 'r' | 'f' | 'm') => scores.reduce((s, x) => s + x[key], 0) / n;
  const [mr, mf, mm] = [mean('r'), mean('f'), mean('m')];
  return scores.map((s) => {
    const high = [s.r > mr, s.f > mf, s.m > mm].map((h) => (h ? 1 : 0));
    const segment = RFM_SEGMENTS.find((x) => x.r === high[0] && x.f === high[1] && x.m === high[2])!.id;
    return { ...s, segment };
  });
}

// Few distinct values so ties are everywhere.
const rawArb = fc.record({ recencyDays: fc.integer({ min: 0, max: 6 }), frequency: fc.integer({ min: 1, max: 4 }), monetary: fc.constantFrom(0, 10, 10, 25, 99.5) });

describe('RFM scores and segments', () => {
  it('match the plain implementation on generated customers with ties', () => {
    fc.assert(
      fc.property(fc.array(rawArb, { minLength: 1, maxLength: 120 }), (raws) => {
        const distribution = buildRfmDistribution(raws);
        const want = plainRfm(raws);
        raws.forEach((raw, i) => {
          const got = rfmScores(raw, distribution);
          expect({ ...got, segment: rfmSegment(got, distribution) }).to.deep.equal(want[i]);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('give tied customers the score of their lowest rank, whatever their order', () => {
    // Six customers bought once, two twice, two five times: F = 1 (six), 4 (two), 5 (two).
    const raws = [1, 1, 1, 1, 1, 1, 2, 2, 5, 5].map((frequency) => ({ recencyDays: 3, frequency, monetary: 10 }));
    const reversed = [...raws].reverse();
    expect(raws.map((r) => rfmScores(r, buildRfmDistribution(raws)).f)).to.deep.equal([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
    expect(reversed.map((r) => rfmScores(r, buildRfmDistribution(reversed)).f)).to.deep.equal([5, 5, 4, 4, 1, 1, 1, 1, 1, 1]);
    // Everyone equal: all score 1 and nobody is above the mean.
    const same = raws.map(() => ({ recencyDays: 3, frequency: 1, monetary: 10 }));
    const d = buildRfmDistribution(same);
    expect(rfmScores(same[0]!, d)).to.deep.equal({ r: 1, f: 1, m: 1 });
    expect(rfmSegment(rfmScores(same[0]!, d), d)).to.equal('lost');
  });

  it('measure recency in whole days to today, frequency in orders and monetary as the total, ignoring orders after today', () => {
    expect(rfmRaw([100, 90, 95, 130], [10, 5, -3, 50], 120)).to.deep.equal({ recencyDays: 20, frequency: 3, monetary: 15 });
    expect(rfmRaw([130], [50], 120)).to.equal(undefined);
  });
});

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 30, 12);
const iso = (offset: number) => new Date(NOW - offset * DAY).toISOString().slice(0, 10);

/** 60 customers: recency, order count and spend varied with many ties; customer 0 has none. */
function shop(): { customers: string[]; orders: OrderRow[] } {
  const customers = Array.from({ length: 60 }, (_, i) => `k${i}`);
  const orders: OrderRow[] = [];
  customers.forEach((customer, i) => {
    if (i === 0) return;
    const count = 1 + (i % 4);
    for (let j = 0; j < count; j++) orders.push({ customer, date: iso((i % 9) * 10 + j * 30), amount: 20 * (i % 3) + 5 });
    // A refunded order never counts.
    if (i % 5 === 0) orders.push({ customer, date: iso(0), amount: 1000, status: 'refunded' });
  });
  return { customers, orders };
}

async function openShop() {
  const store = new MemoryStore();
  const app = predictApp();
  const data = shop();
  await seedShop(store, app, data.customers, data.orders);
  const derived = new DerivedValues(store, app, { now: () => NOW });
  await derived.load();
  return { store, app, derived, data };
}

/** The plain implementation over the shop's paid orders, by customer id. */
function plainFromOrders(customers: string[], orders: OrderRow[]) {
  const today = Math.floor(NOW / DAY);
  const ids: string[] = [];
  const raws: RfmRaw[] = [];
  for (const id of customers) {
    const mine = orders.filter((o) => o.customer === id && (o.status ?? 'paid') === 'paid');
    if (mine.length === 0) continue;
    ids.push(id);
    raws.push({ recencyDays: today - Math.max(...mine.map((o) => Date.parse(o.date) / DAY)), frequency: mine.length, monetary: mine.reduce((s, o) => s + o.amount, 0) });
  }
  const results = plainRfm(raws);
  return new Map(ids.map((id, i) => [id, results[i]!]));
}

describe('RFM fields', () => {
  it('compute every customer’s segment and R score as the plain implementation does', async () => {
    const { app, derived, data } = await openShop();
    expect(refreshRfm(app, derived, NOW)).to.equal(true);
    derived.recomputeVolatile();
    const want = plainFromOrders(data.customers, data.orders);
    for (const id of data.customers) {
      expect(derived.value('customers', id, 'segment'), id).to.equal(want.get(id)?.segment ?? null);
      expect(derived.value('customers', id, 'rScore'), id).to.equal(want.has(id) ? String(want.get(id)!.r) : null);
    }
    // Unchanged data: nothing to recompute.
    expect(refreshRfm(app, derived, NOW)).to.equal(false);
  });

  it('are recomputed as orders change (watchRfm)', async () => {
    const { store, app, derived, data } = await openShop();
    const stop = watchRfm({ derived, currentApp: () => app, now: () => NOW, delay: 0 });
    try {
      const extra: OrderRow[] = Array.from({ length: 6 }, (_, j) => ({ customer: 'k0', date: iso(j), amount: 500 }));
      await store.mutate(app.id, extra.map((o, j) => ({ type: 'create' as const, tableId: 'orders', id: `new${j}`, values: { customer: o.customer, date: o.date, amount: o.amount, status: 'paid' } })));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const want = plainFromOrders(data.customers, [...data.orders, ...extra]);
      expect(derived.value('customers', 'k0', 'segment')).to.equal('champions');
      for (const id of data.customers) expect(derived.value('customers', id, 'segment'), id).to.equal(want.get(id)?.segment ?? null);
    } finally {
      stop();
    }
  });

  it('are choice fields: the condition builder offers the eight segments, views group by them, names in zh and en', () => {
    const field = predictApp().tables[0]!.fields.find((f) => f.id === 'segment')!;
    expect(conditionKind(field)).to.equal('choice');
    expect(operatorsFor(field).map((o) => o.op)).to.include('isAnyOf');
    expect(isGroupableField(field)).to.equal(true);
    expect(fieldChoices(field).map((c) => c.labels?.['zh-CN'])).to.deep.equal(['重要价值客户', '重要发展客户', '重要保持客户', '重要挽留客户', '一般价值客户', '一般发展客户', '一般保持客户', '一般挽留客户']);
    expect(fieldTypeOf(field).format('atRisk', field, { locale: 'en' })).to.equal('Loyal big spenders at risk');
    const score: FieldDef = { ...field, options: { ...field.options, rfmOutput: 'monetary' } };
    expect(fieldChoices(score).map((c) => c.id)).to.deep.equal(['1', '2', '3', '4', '5']);
  });

  it('filter with the condition builder and in rule conditions through derived values', async () => {
    const { app, derived, data } = await openShop();
    refreshRfm(app, derived, NOW);
    derived.recomputeVolatile();
    const table = app.tables[0]!;
    const readValue = (record: { tableId: string; id: string; values: Record<string, CellValue> }, field: FieldDef) =>
      fieldTypeOf(field).isDerived(field) ? (derived.value(record.tableId, record.id, field.id) as CellValue) : (record.values[field.id] ?? null);
    const want = [...plainFromOrders(data.customers, data.orders)].filter(([, v]) => v.segment === 'champions' || v.segment === 'lost').map(([id]) => id);
    expect(want.length).to.be.greaterThan(0);
    const filtered = matchRecords(derived.all('customers'), { all: [{ field: 'segment', op: 'isAnyOf', value: ['champions', 'lost'] }] }, table, readValue);
    expect(filtered.map((r) => r.id).sort()).to.deep.equal([...want].sort());
    // A rule condition is plain JSON Logic over the record, read as the rule engine reads it.
    const rule = matchLogic(derived.all('customers'), { '==': [{ var: 'segment' }, 'champions'] }, table, { readValue });
    expect(rule.map((r) => r.id).sort()).to.deep.equal([...plainFromOrders(data.customers, data.orders)].filter(([, v]) => v.segment === 'champions').map(([id]) => id).sort());
  });
});
