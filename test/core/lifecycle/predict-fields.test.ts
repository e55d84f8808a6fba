/**
 * Prediction fields end to end without a page: the CDNOW sample stored as customers and
 * orders, the model fitted from the counted orders the runtime gathers (the worker's own
 * function, on this thread), the fit stored in the app, and the fields' cells computed by
 * the derived values — against expected.json. Also: too little data, a fit that does not
 * converge and no fit give their messages; stored fits are validated on import; staleness.
 */
import { expect } from '@open-wc/testing';
import { MemoryStore } from '../../../src/store/index.js';
import { DerivedValues } from '../../../src/runtime/derived.js';
import { gatherOrderHistories } from '../../../src/runtime/order-histories.js';
import { clvSourceOf, registerPredictionFieldTypes } from '../../../src/core/lifecycle/predict-fields.js';
import { checkClvFits, fitColumns, fitIsStale, summariseColumns, summariseHistory, withClvFit, type ClvFitDef } from '../../../src/core/lifecycle/fit-summary.js';
import fc from 'fast-check';
import { predictClv } from '../../../src/core/lifecycle/clv.js';
import { formatPrediction, isPredictionIssue, predictionIssueText } from '../../../src/core/fields/types/prediction.js';
import { fieldTypeOf } from '../../../src/core/fields/index.js';
import { validateApp } from '../../../src/core/schema/validate.js';
import type { AppDef } from '../../../src/core/schema/types.js';
import { CDNOW_END, cdnowOrders, predictApp, seedShop, type OrderRow } from '../../helpers/predict-app.js';

registerPredictionFieldTypes();

/** expected.json's relative tolerance: |got − want| ≤ rel · max(1, |want|). */
const within = (got: number, want: number, rel: number) => Math.abs(got - want) <= rel * Math.max(1, Math.abs(want));

const DAY = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;

interface Expected {
  bgnbd: { published: Record<string, number>; fit_tolerance: { params_abs_vs_published: number; logLikelihood_min: number }; at_own_fit: { customers: Array<{ ID: number; expected_purchases_next_39w: number; p_alive: number }>; customers_tolerance_rel: number } };
  gamma_gamma: { published: Record<string, number>; fit_tolerance: { params_abs_vs_published: number; logLikelihood_min: number } };
  clv: { formula_checks_at_published_params: { params: { bgnbd: { r: number; alpha: number; a: number; b: number }; gamma_gamma: { p: number; q: number; gamma: number } }; customers: Array<{ ID: number; 'monthly_discount_0.01': number }> } };
}

/** Open a shop with the given orders, fit and store the model as the runtime would, return the derived values. */
async function openFitted(app: AppDef, customers: string[], orders: OrderRow[], now: number) {
  const store = new MemoryStore();
  await seedShop(store, app, customers, orders);
  const derived = new DerivedValues(store, app, { now: () => now });
  await derived.load();
  const field = app.tables[0]!.fields.find((f) => f.id === 'clv')!;
  const source = clvSourceOf(field, 'customers');
  const { columns } = gatherOrderHistories(app, derived, source);
  const model = fitColumns(columns, Math.floor(now / DAY), true);
  const fit: ClvFitDef = { tableId: 'customers', source: 'orders', dateField: 'date', amountField: 'amount', countWhen: source.countWhen, fittedAt: new Date(now).toISOString(), asOf: new Date(now).toISOString().slice(0, 10), orders: columns.customer.length, ...model };
  const stored = await store.putApp({ ...app, clvFits: withClvFit(app.clvFits, fit) }, app.version);
  await derived.setApp(stored);
  return { store, derived, fit, app: stored };
}

describe('prediction fields on CDNOW (expected.json)', function () {
  this.timeout(120_000);
  let exp: Expected;
  let opened: Awaited<ReturnType<typeof openFitted>>;

  before(async () => {
    exp = (await (await fetch('/test/fixtures/cdnow/expected.json')).json()) as Expected;
    const { customers, orders } = await cdnowOrders();
    opened = await openFitted(predictApp(), customers, orders, CDNOW_END);
  });

  it('fits BG/NBD and Gamma-Gamma from the stored orders within the published tolerances', () => {
    const { fit } = opened;
    expect(fit.status).to.equal('ok');
    expect(fit.customers).to.equal(2357);
    expect(fit.repeatBuyers).to.equal(946);
    expect(fit.orders).to.equal(6919);
    const bg = fit.bgnbd!;
    const tol = exp.bgnbd.fit_tolerance;
    for (const key of ['r', 'alpha', 'a', 'b'] as const) expect(Math.abs(bg[key] - exp.bgnbd.published[key]!), key).to.be.at.most(tol.params_abs_vs_published);
    expect(bg.logLikelihood).to.be.at.least(tol.logLikelihood_min);
    const gg = fit.gammaGamma!;
    for (const key of ['p', 'q', 'gamma'] as const) expect(Math.abs(gg[key] - exp.gamma_gamma.published[key]!), key).to.be.at.most(exp.gamma_gamma.fit_tolerance.params_abs_vs_published);
    expect(gg.logLikelihood).to.be.at.least(exp.gamma_gamma.fit_tolerance.logLikelihood_min);
  });

  it('the purchases (39 weeks) and P(alive) cells match the figures at the own fit', () => {
    const { derived } = opened;
    const rel = exp.bgnbd.at_own_fit.customers_tolerance_rel;
    for (const c of exp.bgnbd.at_own_fit.customers) {
      const purchases = derived.value('customers', `c${c.ID}`, 'purchases') as number;
      const alive = derived.value('customers', `c${c.ID}`, 'alive') as number;
      expect(within(purchases, c.expected_purchases_next_39w, rel), `E[Y(39)] of ${c.ID}: ${purchases}`).to.equal(true);
      expect(within(alive, c.p_alive, rel), `P(alive) of ${c.ID}: ${alive}`).to.equal(true);
    }
  });

  it('the CLV cells are predictClv at the stored fit, and at the published parameters within 1e-3 of expected.json', () => {
    const { derived, fit } = opened;
    const checks = exp.clv.formula_checks_at_published_params;
    for (const c of checks.customers) {
      const value = derived.value('customers', `c${c.ID}`, 'clv') as number;
      const orders = derived.value('customers', `c${c.ID}`, 'orders') as string[];
      const records = orders.map((id) => derived.record('orders', id)!.values);
      const summary = summariseHistory(records.map((v) => dayNumber(v.date as string)), records.map((v) => v.amount), Math.floor(CDNOW_END / DAY))!;
      const own = predictClv(fit.bgnbd!, fit.gammaGamma!, summary, { months: 12, discountRatePerMonth: 0.01 });
      expect(value).to.be.closeTo(own, 1e-9 * Math.max(1, own));
      // The published summaries round t_x and T to 2 decimals; the field counts whole days.
      const published = predictClv(checks.params.bgnbd, checks.params.gamma_gamma, summary, { months: 12, discountRatePerMonth: 0.01 });
      expect(within(published, c['monthly_discount_0.01'], 1e-3), `CLV of ${c.ID}: ${published}`).to.equal(true);
    }
  });

  it('shows the churn risk of P(alive) under the field’s thresholds', () => {
    const { derived, app } = opened;
    const field = app.tables[0]!.fields.find((f) => f.id === 'alive')!;
    const text = (id: string, locale: 'zh-CN' | 'en') => fieldTypeOf(field).format(derived.value('customers', id, 'alive') as number, field, { locale });
    expect(text('c1901', 'en')).to.equal('High churn risk · 0%');
    expect(text('c1516', 'zh-CN')).to.equal('流失风险低 · 97%');
    expect(text('c1', 'en')).to.equal('Low churn risk · 73%');
    const stricter = { ...field, options: { ...field.options, churnLowFrom: 0.8 } };
    expect(formatPrediction(0.7266, stricter, 'en')).to.equal('Medium churn risk · 73%');
  });

  it('recomputes a customer when one of their orders changes', async () => {
    const { store, derived, app } = opened;
    const before = derived.value('customers', 'c1901', 'alive') as number;
    await store.mutate(app.id, [{ type: 'create', tableId: 'orders', id: 'late', values: { customer: 'c1901', date: '1997-09-29', amount: 20, status: 'paid' } }]);
    const after = derived.value('customers', 'c1901', 'alive') as number;
    expect(before).to.be.below(1e-9);
    const { r, alpha, a, b } = opened.fit.bgnbd!;
    const T = 205 / 7;
    expect(after).to.be.closeTo(1 / (1 + (a / (b + 22 - 1)) * ((alpha + T) / (alpha + T - 1 / 7)) ** (r + 22)), 1e-9);
  });
});

/** `n` customers, each with orders on the given day offsets from 2026-01-01 (amount 10 + index). */
function generated(n: number, offsets: (i: number) => number[]): { customers: string[]; orders: OrderRow[] } {
  const customers = Array.from({ length: n }, (_, i) => `g${i}`);
  const orders: OrderRow[] = [];
  customers.forEach((customer, i) => {
    for (const offset of offsets(i)) orders.push({ customer, date: new Date(Date.UTC(2026, 0, 1) + offset * DAY).toISOString().slice(0, 10), amount: 10 + (i % 7) });
  });
  return { customers, orders };
}

describe('prediction fields without a usable fit', () => {
  const now = Date.UTC(2026, 5, 30, 12);

  it('too little data: fewer than 50 repeat buyers gives the message in every cell, zh and en', async () => {
    // 49 repeat buyers and 200 one-time buyers.
    const data = generated(249, (i) => (i < 49 ? [i % 30, 60 + (i % 40)] : [i % 90]));
    const { derived, fit, app } = await openFitted(predictApp(), data.customers, data.orders, now);
    expect(fit.status).to.equal('tooFewRepeatBuyers');
    expect(fit.repeatBuyers).to.equal(49);
    const field = app.tables[0]!.fields.find((f) => f.id === 'purchases')!;
    for (const id of ['g0', 'g100']) {
      const value = derived.value('customers', id, 'purchases');
      expect(isPredictionIssue(value)).to.equal(true);
      expect(fieldTypeOf(field).format(value as never, field, { locale: 'zh-CN' })).to.equal('数据不足：复购客户少于 50 位，无法预测');
      expect(fieldTypeOf(field).format(value as never, field, { locale: 'en' })).to.equal('Too little data: fewer than 50 repeat buyers to predict from');
    }
  });

  it('a fit that does not converge gives its message, not numbers', async () => {
    // 80 customers with exactly the same history: the likelihood has no interior maximum.
    const data = generated(80, () => [0, 35]);
    const { derived, fit } = await openFitted(predictApp(), data.customers, data.orders, now);
    expect(fit.status).to.equal('notConverged');
    const value = derived.value('customers', 'g3', 'clv');
    expect(isPredictionIssue(value) && predictionIssueText(value, 'en')).to.equal('The model fit did not converge: refit when there is more data');
    expect(isPredictionIssue(value) && predictionIssueText(value, 'zh-CN')).to.equal('模型拟合未收敛，无法预测：请在数据增加后重新拟合');
  });

  it('no fit yet: the cells say so; a customer without counted orders has no prediction', async () => {
    const store = new MemoryStore();
    const app = predictApp();
    await seedShop(store, app, ['a', 'b'], [{ customer: 'a', date: '2026-01-05', amount: 5 }, { customer: 'b', date: '2026-01-05', amount: 5, status: 'refunded' }]);
    const derived = new DerivedValues(store, app, { now: () => now });
    await derived.load();
    const value = derived.value('customers', 'a', 'alive');
    expect(isPredictionIssue(value) && value.reason).to.equal('notFitted');
    expect(formatPrediction(value, app.tables[0]!.fields.find((f) => f.id === 'alive')!, 'zh-CN')).to.equal('预测模型尚未拟合：请在“预测模型”面板中拟合');
  });
});

describe('fits of many customers (started from a sample)', function () {
  this.timeout(120_000);
  it('reproduce the full CDNOW cohort’s own fit (23,570 customers, expected.json master_full_cohort, 1 %)', async () => {
    const exp = (await (await fetch('/test/fixtures/cdnow/expected.json')).json()) as { master_full_cohort: { bgnbd_mle: Record<string, number>; gamma_gamma_mle: Record<string, number>; params_tolerance_rel: number } };
    const lines = (await (await fetch('/test/fixtures/cdnow/CDNOW_master.txt')).text()).trim().split(/\r?\n/).slice(1);
    const index = new Map<string, number>();
    const customer: number[] = [];
    const day: number[] = [];
    const amount: number[] = [];
    for (const line of lines) {
      const [id, date, , value] = line.trim().split(/\s+/);
      if (!index.has(id!)) index.set(id!, index.size);
      customer.push(index.get(id!)!);
      day.push(dayNumber(`${date!.slice(0, 4)}-${date!.slice(4, 6)}-${date!.slice(6, 8)}`));
      amount.push(Number(value));
    }
    const fit = fitColumns({ customer: Int32Array.from(customer), day: Int32Array.from(day), amount: Float64Array.from(amount), customers: index.size }, dayNumber('1997-09-30'), true);
    expect(fit.status).to.equal('ok');
    expect(fit.customers).to.equal(23570);
    const ref = exp.master_full_cohort;
    for (const key of ['r', 'alpha', 'a', 'b'] as const) expect(Math.abs(fit.bgnbd![key] / ref.bgnbd_mle[key]! - 1), key).to.be.at.most(ref.params_tolerance_rel);
    for (const key of ['p', 'q', 'gamma'] as const) expect(Math.abs(fit.gammaGamma![key] / ref.gamma_gamma_mle[key]! - 1), key).to.be.at.most(ref.params_tolerance_rel);
  });
});

describe('summaries', () => {
  it('from columns equal the per-customer summaries (same-day orders merged, later orders left out)', () => {
    const order = fc.record({ customer: fc.integer({ min: 0, max: 5 }), day: fc.integer({ min: 0, max: 12 }), amount: fc.constantFrom(0, 5, 12.5, -1) });
    fc.assert(
      fc.property(fc.array(order, { maxLength: 60 }), fc.integer({ min: 0, max: 12 }), (orders, today) => {
        const columns = { customer: Int32Array.from(orders, (o) => o.customer), day: Int32Array.from(orders, (o) => o.day), amount: Float64Array.from(orders, (o) => o.amount), customers: 6 };
        const want = [0, 1, 2, 3, 4, 5]
          .map((c) => orders.filter((o) => o.customer === c))
          .map((mine) => summariseHistory(mine.map((o) => o.day), mine.map((o) => o.amount), today))
          .filter((x) => x !== undefined);
        const got = summariseColumns(columns, today);
        expect(got.length).to.equal(want.length);
        got.forEach((g, i) => {
          const w = want[i]!;
          expect({ ...g, monetaryValue: 0, total: 0 }).to.deep.equal({ ...w, monetaryValue: 0, total: 0 });
          expect(g.monetaryValue).to.be.closeTo(w.monetaryValue, 1e-9);
          expect(g.total).to.be.closeTo(w.total, 1e-9);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('stored fits', () => {
  const fit: ClvFitDef = {
    tableId: 'customers', source: 'orders', dateField: 'date', amountField: 'amount', fittedAt: '2026-06-30T12:00:00.000Z', asOf: '2026-06-30',
    orders: 1000, customers: 300, repeatBuyers: 120, status: 'ok',
    bgnbd: { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4, logLikelihood: -900 },
    gammaGamma: { p: 6.2, q: 3.7, gamma: 15.4, logLikelihood: -400 },
  };

  it('travel with the app and pass validation on import', () => {
    const app = { ...predictApp(), clvFits: [fit] };
    const result = validateApp(JSON.parse(JSON.stringify(app)));
    expect(result.ok).to.equal(true);
    if (result.ok) expect(result.value.clvFits).to.deep.equal([fit]);
  });

  it('are refused with the path when a parameter is not a finite positive number or the table is unknown', () => {
    const broken = { ...fit, tableId: 'nope', bgnbd: { ...fit.bgnbd!, alpha: -1 } };
    expect(checkClvFits([broken], new Set(['customers'])).map((i) => i.path)).to.deep.equal(['clvFits[0].tableId', 'clvFits[0].bgnbd.alpha']);
    const result = validateApp({ ...predictApp(), clvFits: [{ ...fit, gammaGamma: { ...fit.gammaGamma!, q: 'x' } }] }, { locale: 'zh-CN' });
    expect(result.ok).to.equal(false);
    if (!result.ok) {
      expect(result.errors[0]!.path).to.equal('clvFits[0].gammaGamma.q');
      expect(result.errors[0]!.message).to.contain('应为大于 0 的有限数');
    }
  });

  it('are stale when the counted orders changed by more than 10 %', () => {
    expect(fitIsStale(fit, 1100)).to.equal(false);
    expect(fitIsStale(fit, 1101)).to.equal(true);
    expect(fitIsStale(fit, 899)).to.equal(true);
  });

  it('replace the fit of the same settings and keep the others', () => {
    const other = { ...fit, countWhen: { '==': [{ var: 'status' }, 'paid'] } };
    const refit = { ...fit, orders: 2000 };
    expect(withClvFit([fit, other], refit)).to.deep.equal([other, refit]);
  });
});
