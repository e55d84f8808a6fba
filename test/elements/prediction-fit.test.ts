/**
 * The prediction model panel and the CLV worker, as a user meets them: `<ltc-fit-panel>`
 * fits in the real worker (src/workers/clv-worker.ts, started the way the designer script
 * starts it) with its steps shown in a `<progress>`, Cancel stops it with nothing stored, the
 * stored fit shows its date, size and parameters and survives reopening the app, too little
 * data says so in the panel and in the cells; the prediction options panel edits the options;
 * axe on both panels. Also: the prediction and RFM widgets' cells.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../widgets/index.js';
import '../../src/designer.js';
import { MemoryStore } from '../../src/store/index.js';
import { DerivedValues } from '../../src/runtime/derived.js';
import { ClvFitCancelled, ClvFitController, startPredictions, type ClvFitProgress } from '../../src/runtime/clv-fit.js';
import { createClvWorker, type LtcFitPanel } from '../../src/elements/ltc-fit-panel.js';
import type { LtcPredictionOptions } from '../../src/elements/ltc-prediction-options.js';
import { fitColumns } from '../../src/core/lifecycle/fit-summary.js';
import { gatherOrderHistories } from '../../src/runtime/order-histories.js';
import { clvSourceOf } from '../../src/core/lifecycle/predict-fields.js';
import { isPredictionIssue } from '../../src/core/fields/types/prediction.js';
import { widgetFor } from '../../widgets/registry.js';
import type { AppDef, FieldDef } from '../../src/core/schema/types.js';
import { CDNOW_END, cdnowOrders, predictApp, seedShop, type OrderRow } from '../helpers/predict-app.js';
import { waitFor } from './helpers.js';

const DAY = 86_400_000;

async function openShop(customers: string[], orders: OrderRow[], now: number) {
  const store = new MemoryStore();
  let app: AppDef = predictApp();
  await seedShop(store, app, customers, orders);
  const derived = new DerivedValues(store, app, { now: () => now });
  await derived.load();
  const controller = new ClvFitController({
    store,
    appId: app.id,
    currentApp: () => app,
    derived,
    createWorker: createClvWorker,
    now: () => now,
    applyApp: async (next) => {
      app = next;
      await derived.setApp(next);
    },
  });
  const panel = await fixture<LtcFitPanel>(html`<ltc-fit-panel locale="en" .controller=${controller}></ltc-fit-panel>`);
  return { store, derived, controller, panel, app: () => app };
}

const button = (panel: LtcFitPanel, action: string) => panel.shadowRoot!.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);

describe('<ltc-fit-panel> and the CLV worker', function () {
  this.timeout(120_000);
  let cdnow: { customers: string[]; orders: OrderRow[] };
  before(async () => {
    cdnow = await cdnowOrders();
  });

  it('fits in the worker with progress, stores the fit and shows its date, size and parameters', async () => {
    const { store, derived, controller, panel, app } = await openShop(cdnow.customers, cdnow.orders, CDNOW_END);
    expect(panel.shadowRoot!.querySelector('[data-status="none"]')!.textContent).to.contain('Not fitted yet');
    await expect(panel).to.be.accessible();
    const phases: ClvFitProgress['phase'][] = [];
    controller.subscribe((state) => {
      if (state.progress && phases[phases.length - 1] !== state.progress.phase) phases.push(state.progress.phase);
    });
    const fitted = new Promise<CustomEvent>((resolve) => panel.addEventListener('ltc-model-fitted', (e) => resolve(e as CustomEvent), { once: true }));
    button(panel, 'fit')!.click();
    await panel.updateComplete;
    const progress = panel.shadowRoot!.querySelector('progress')!;
    expect(progress).to.not.equal(null);
    expect(panel.shadowRoot!.querySelector(`label[for="${progress.id}"]`)!.textContent).to.contain('Fitting…');
    const event = await fitted;
    expect(event.detail).to.deep.equal({ tableId: 'customers', status: 'ok' });
    expect(phases).to.deep.equal(['gather', 'summarise', 'bgnbd', 'gammaGamma']);
    await panel.updateComplete;

    // What the worker found is what the same fit finds on this thread.
    const source = clvSourceOf(app().tables[0]!.fields.find((f) => f.id === 'clv')!, 'customers');
    const here = fitColumns(gatherOrderHistories(app(), derived, source).columns, Math.floor(CDNOW_END / DAY), true);
    const stored = (await store.getApp(app().id))!;
    expect(stored.version).to.equal(2);
    expect(stored.clvFits).to.have.length(1);
    expect(stored.clvFits![0]!.bgnbd).to.deep.equal(here.bgnbd);
    expect(stored.clvFits![0]!).to.include({ customers: 2357, repeatBuyers: 946, orders: 6919, asOf: '1997-09-30', fittedAt: new Date(CDNOW_END).toISOString() });

    const root = panel.shadowRoot!;
    expect(root.querySelector('[data-status="ok"]')!.textContent).to.equal('Fitted');
    expect(root.querySelector('[data-customers]')!.textContent).to.equal('2,357');
    expect(root.querySelector('[data-repeat-buyers]')!.textContent).to.equal('946');
    expect(root.querySelector('[data-params]')!.textContent).to.match(/^r 0\.2426, α 4\.4136, a 0\.7929, b 2\.4259; p 6\.24\d\d, q 3\.744\d, γ 15\.44\d\d/);
    expect(button(panel, 'fit')!.textContent).to.equal('Refit');
    await expect(panel).to.be.accessible();

    // The cells now hold numbers; reopening the app from the store gives the same ones.
    const before = derived.value('customers', 'c1516', 'purchases') as number;
    expect(before).to.be.closeTo(20.7489, 1e-3);
    const reopened = new DerivedValues(store, stored, { now: () => CDNOW_END });
    await reopened.load();
    expect(reopened.value('customers', 'c1516', 'purchases')).to.equal(before);
    expect(reopened.value('customers', 'c6', 'clv')).to.equal(derived.value('customers', 'c6', 'clv'));
  });

  it('Cancel stops the worker: nothing is stored and the panel is back to Fit', async () => {
    const { store, controller, panel, app } = await openShop(cdnow.customers, cdnow.orders, CDNOW_END);
    const running = controller.fit(clvSourceOf(app().tables[0]!.fields.find((f) => f.id === 'clv')!, 'customers'));
    await panel.updateComplete;
    button(panel, 'cancel')!.click();
    const outcome = await running.then(
      () => 'stored',
      (error: unknown) => error,
    );
    expect(outcome).to.be.instanceOf(ClvFitCancelled);
    await panel.updateComplete;
    expect(panel.shadowRoot!.querySelector('progress')).to.equal(null);
    expect(button(panel, 'fit')!.textContent).to.equal('Fit');
    expect((await store.getApp(app().id))!.clvFits).to.equal(undefined);
    expect((await store.getApp(app().id))!.version).to.equal(1);
  });

  it('too little data: the panel and the cells say why there are no numbers (zh-CN)', async () => {
    const customers = Array.from({ length: 120 }, (_, i) => `s${i}`);
    const orders: OrderRow[] = customers.flatMap((customer, i) => [{ customer, date: '2026-01-02', amount: 10 }, ...(i < 20 ? [{ customer, date: '2026-02-03', amount: 12 }] : [])]);
    const now = Date.UTC(2026, 5, 1, 12);
    const { derived, controller, panel, app } = await openShop(customers, orders, now);
    panel.locale = 'zh-CN';
    await controller.fit(clvSourceOf(app().tables[0]!.fields.find((f) => f.id === 'alive')!, 'customers'));
    await panel.updateComplete;
    expect(panel.shadowRoot!.querySelector('[data-status="tooFewRepeatBuyers"]')!.textContent).to.equal('数据不足：复购客户少于 50 位（现有 20 位），预测字段不显示数字。');
    const field = app().tables[0]!.fields.find((f) => f.id === 'alive')!;
    const value = derived.value('customers', 's3', 'alive');
    expect(isPredictionIssue(value)).to.equal(true);
    const cell = await fixture(html`<div>${widgetFor(field).renderCell!(value as never, field, { locale: 'zh-CN' })}</div>`);
    expect(cell.querySelector('[data-issue="tooFewRepeatBuyers"]')!.textContent).to.equal('数据不足：复购客户少于 50 位，无法预测');
    await expect(panel).to.be.accessible();
  });

  it('startPredictions fits a model that has none on its own, and refits when orders grow by more than 10 %', async () => {
    const store = new MemoryStore();
    let app: AppDef = predictApp();
    await seedShop(store, app, cdnow.customers, cdnow.orders);
    const derived = new DerivedValues(store, app, { now: () => CDNOW_END });
    const { controller, stop } = await startPredictions({
      store,
      appId: app.id,
      currentApp: () => app,
      derived,
      createWorker: createClvWorker,
      now: () => CDNOW_END,
      applyApp: async (next) => {
        app = next;
        await derived.setApp(next);
      },
    });
    try {
      await waitFor(() => app.clvFits?.length === 1, 'the first automatic fit', 20_000);
      expect(app.clvFits![0]!.orders).to.equal(6919);
      expect(controller.staleSources()).to.deep.equal([]);
      const extra = Array.from({ length: 700 }, (_, i) => ({ type: 'create' as const, tableId: 'orders', id: `x${i}`, values: { customer: `c${1 + (i % 100)}`, date: '1997-09-20', amount: 15, status: 'paid' } }));
      await store.mutate(app.id, extra);
      expect(controller.staleSources()).to.have.length(1);
      await waitFor(() => app.clvFits?.[0]?.orders === 7619, 'the refit after 10 % more orders', 20_000);
    } finally {
      stop();
    }
  });
});

describe('<ltc-prediction-options>', () => {
  it('edits what is predicted, the orders and the settings of the chosen prediction; axe clean', async () => {
    const app = predictApp();
    let field: FieldDef = { id: 'p2', name: '预测', type: 'prediction' };
    const el = await fixture<LtcPredictionOptions>(html`<ltc-prediction-options table-id="customers" locale="en"></ltc-prediction-options>`);
    el.app = app;
    el.field = field;
    el.onChange = (patch) => {
      field = { ...field, options: { ...field.options, ...patch } };
      el.field = field;
    };
    await el.updateComplete;
    const root = el.shadowRoot!;
    const select = (id: string) => root.querySelector<HTMLSelectElement>(`#opt-${id}`)!;
    const choose = async (id: string, value: string) => {
      select(id).value = value;
      select(id).dispatchEvent(new Event('change'));
      await el.updateComplete;
    };
    expect(root.querySelector<HTMLInputElement>('#opt-horizonDays')!.value).to.equal('90');
    await choose('source', 'orders');
    expect([...select('dateField').options].map((o) => o.value)).to.deep.equal(['', 'date']);
    expect([...select('amountField').options].map((o) => o.value)).to.deep.equal(['', 'amount']);
    await choose('dateField', 'date');
    await choose('amountField', 'amount');
    await choose('predict', 'alive');
    expect(root.querySelector('#opt-horizonDays')).to.equal(null);
    const high = root.querySelector<HTMLInputElement>('#opt-churnHighBelow')!;
    expect(high.value).to.equal('0.3');
    high.value = '0.8';
    high.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(root.querySelector('[data-problem="thresholds"]')!.textContent).to.equal('The low-risk threshold must not be below the high-risk one.');
    await choose('predict', 'clv');
    const months = root.querySelector<HTMLInputElement>('#opt-horizonMonths')!;
    months.value = '24';
    months.dispatchEvent(new Event('input'));
    const margin = root.querySelector<HTMLInputElement>('#opt-margin')!;
    margin.value = '2';
    margin.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(field.options).to.deep.equal({ source: 'orders', dateField: 'date', amountField: 'amount', predict: 'clv', churnHighBelow: 0.8, horizonMonths: 24, margin: undefined });
    await expect(el).to.be.accessible();
  });

  it('for an RFM field offers the outputs instead of prediction settings', async () => {
    const el = await fixture<LtcPredictionOptions>(html`<ltc-prediction-options table-id="customers" locale="zh-CN"></ltc-prediction-options>`);
    el.app = predictApp();
    el.field = predictApp().tables[0]!.fields.find((f) => f.id === 'segment')!;
    await el.updateComplete;
    const output = el.shadowRoot!.querySelector<HTMLSelectElement>('#opt-rfmOutput')!;
    expect([...output.options].map((o) => o.textContent)).to.deep.equal(['客户分层（八类）', 'R 分（最近购买）', 'F 分（购买频次）', 'M 分（消费金额）']);
    expect(el.shadowRoot!.querySelector('#opt-horizonDays')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});

describe('prediction and RFM cells', () => {
  it('show P(alive) as a tinted churn-risk badge and a segment as a chip', async () => {
    const fields = predictApp().tables[0]!.fields;
    const alive = fields.find((f) => f.id === 'alive')!;
    const segment = fields.find((f) => f.id === 'segment')!;
    const el = await fixture(html`<div>${widgetFor(alive).renderCell!(0.12, alive, { locale: 'en' })} ${widgetFor(segment).renderCell!('cantLose', segment, { locale: 'zh-CN' })}</div>`);
    const badge = el.querySelector<HTMLElement>('[data-risk]')!;
    expect(badge.dataset.risk).to.equal('high');
    expect(badge.textContent).to.equal('High churn risk · 12%');
    expect(badge.style.getPropertyValue('--chip')).to.equal('var(--ltc-churn-high, #dc2626)');
    expect(el.querySelector('[data-rfm="cantLose"]')!.textContent).to.equal('重要挽留客户');
  });
});
