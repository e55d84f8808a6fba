/**
 * `<ltc-dashboard>` over a real store and DerivedValues: the numbers shown equal the core's
 * (formula and stage fields through the derived values), panels added with the editor,
 * arranged from the keyboard and with buttons, removed and restored, versioned writes, the
 * exported SVG and CSV files, notes for missing fields, zh-CN and en, axe in light and dark.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/designer.js';
import { MemoryStore } from '../../src/store/index.js';
import { DerivedValues } from '../../src/runtime/derived.js';
import type { AppDef, CellValue } from '../../src/core/schema/types.js';
import { computeDashboard, type DashboardDef, type PanelResult } from '../../src/core/dashboards/index.js';
import type { LtcDashboard } from '../../src/elements/dashboard/ltc-dashboard.js';
import { formatValue } from '../../src/elements/dashboard/svg-charts.js';
import { deep, deepAll, typeInto, waitFor } from './helpers.js';
import { NOW, generate, shopApp } from '../core/dashboards/fixtures.js';

const overview: DashboardDef = {
  id: 'overview',
  name: '概览',
  labels: { en: 'Overview' },
  panels: [
    { id: 'count', title: 'Customers', kind: 'metric', chart: 'number', tableId: 'customers', measure: { op: 'count' }, compare: { dateFieldId: 'registeredOn', period: 'month', upTo: true } },
    { id: 'tiers', title: 'Spend by tier', kind: 'metric', chart: 'bar', tableId: 'customers', measure: { op: 'sum', fieldId: 'spend' }, group: { fieldId: 'tier' } },
    { id: 'cohorts', title: 'Cohorts', kind: 'cohort', tableId: 'customers', ordersFieldId: 'orders', dateFieldId: 'date', months: 4 },
    { id: 'clv', title: 'CLV', kind: 'predicted', tableId: 'customers', predictedFieldId: 'predictedClv', historicFieldId: 'ltv' },
  ],
};

async function setup(dashboards: DashboardDef[] = [overview]) {
  const store = new MemoryStore();
  const { stage: _stage, ...withoutStage } = Object.fromEntries(shopApp().tables[0].fields.map((f) => [f.id, f]));
  const app = shopApp();
  // The stage field needs the stage tracker; these tests group by a choice and measure a formula.
  app.tables[0] = { ...app.tables[0], fields: Object.values(withoutStage) };
  const stored = await store.putApp({ ...app, dashboards } as AppDef);
  const data = generate(120, 3);
  await store.bulkCreate('shop', 'customers', data.customers.map((c) => ({ id: c.id, values: c.values })));
  await store.bulkCreate('shop', 'orders', data.orders.map((o) => ({ id: o.id, values: o.values })));
  const derived = new DerivedValues(store, stored);
  await derived.load();
  return { store, app: stored, derived };
}

async function mount(store: MemoryStore, app: AppDef, derived: DerivedValues, locale = 'en', theme = '') {
  const el = await fixture<LtcDashboard>(html`<ltc-dashboard .store=${store} .app=${app} .derived=${derived} .now=${NOW} locale=${locale} theme=${theme}></ltc-dashboard>`);
  await el.whenComputed();
  return el;
}

function expected(app: AppDef, derived: DerivedValues, locale: 'en' | 'zh-CN' = 'en'): PanelResult[] {
  return computeDashboard(app.dashboards![0], {
    app,
    records: (id) => derived.all(id),
    readValue: (record, field) => derived.value(record.tableId, record.id, field.id) as CellValue | undefined,
    now: NOW,
    locale,
  });
}

const panelIds = (el: LtcDashboard) => deepAll(el, 'li.panel').map((li) => li.dataset.panel);
const storedPanels = async (store: MemoryStore) => (await store.getApp('shop'))!.dashboards![0].panels.map((p) => p.id);

/** Captures what the next downloads would save. */
function captureDownloads(): { files: Blob[]; restore: () => void } {
  const files: Blob[] = [];
  const original = URL.createObjectURL;
  const click = HTMLAnchorElement.prototype.click;
  URL.createObjectURL = (blob: Blob | MediaSource) => (files.push(blob as Blob), 'blob:test');
  HTMLAnchorElement.prototype.click = () => undefined;
  return { files, restore: () => ((URL.createObjectURL = original), (HTMLAnchorElement.prototype.click = click)) };
}

describe('<ltc-dashboard>', () => {
  it('shows each panel’s numbers as the core computes them, with a data table behind the chart', async () => {
    const { store, app, derived } = await setup();
    const el = await mount(store, app, derived);
    const results = expected(app, derived);
    expect(panelIds(el)).to.deep.equal(['count', 'tiers', 'cohorts', 'clv']);
    expect(deep(el, '[data-panel=count] .number')!.textContent!.trim()).to.equal(formatValue(results[0].headline!.value, 'number', 'en'));
    expect(deep(el, '[data-panel=count] .change')!.textContent).to.contain('vs previous period');
    const rows = deepAll(el, '[data-panel=tiers] tbody tr').map((tr) => [tr.querySelector('th')!.textContent!.trim(), tr.querySelector('td')!.textContent!.trim()]);
    expect(rows).to.deep.equal(results[1].categories.map((c, i) => [c.label, formatValue(results[1].series[0].values[i], 'money', 'en')]));
    expect(results[1].series[0].values.some((v) => v! > 0), 'the formula field counts').to.equal(true);
    expect(deepAll(el, '[data-panel=tiers] svg.chart rect').length).to.be.greaterThan(3);
    expect(deep(el, '[data-panel=cohorts] svg.chart title')!.textContent).to.equal('Chart: Cohorts');
    expect(deep(el, '[data-panel=clv] .note')!.textContent).to.contain('has no field "predictedClv"');
  });

  it('recomputes when records change', async () => {
    const { store, app, derived } = await setup();
    const el = await mount(store, app, derived);
    const before = Number(deep(el, '[data-panel=count] .number')!.textContent!.replace(/,/g, ''));
    await store.mutate('shop', [{ type: 'create', tableId: 'customers', values: { name: '新客户', registeredOn: '2026-06-01' } }]);
    await waitFor(() => Number(deep(el, '[data-panel=count] .number')!.textContent!.replace(/,/g, '')) === before + 1, 'the new customer counted');
  });

  it('moves and resizes panels from the keyboard, saving each change and keeping the focus', async () => {
    const { store, app, derived } = await setup();
    const el = await mount(store, app, derived);
    deep<HTMLElement>(el, '[data-panel=count]')!.focus();
    await sendKeys({ press: 'Alt+ArrowRight' });
    await waitFor(async () => (await storedPanels(store))[1] === 'count', 'moved in the store');
    await el.updateComplete;
    expect(panelIds(el)).to.deep.equal(['tiers', 'count', 'cohorts', 'clv']);
    expect(el.shadowRoot!.activeElement?.getAttribute('data-panel')).to.equal('count');
    expect(deep(el, '.status')!.textContent).to.contain('Moved “Customers” to position 2 of 4.');
    await sendKeys({ press: 'Alt+3' });
    await waitFor(async () => (await store.getApp('shop'))!.dashboards![0].panels[1].span === 3, 'span stored');
    await el.updateComplete;
    expect(deep(el, '[data-panel=count]')!.classList.contains('span-3')).to.equal(true);
    deep<HTMLButtonElement>(el, '[data-panel=cohorts] .move-earlier')!.click();
    await waitFor(async () => (await storedPanels(store)).join() === 'tiers,cohorts,count,clv', 'moved with the button');
    const width = deep<HTMLSelectElement>(el, '[data-panel=tiers] select.span')!;
    width.value = '2';
    width.dispatchEvent(new Event('change'));
    await waitFor(async () => (await store.getApp('shop'))!.dashboards![0].panels[0].span === 2, 'resized with the select');
  });

  it('adds a panel with the editor, from the keyboard', async () => {
    const { store, app, derived } = await setup();
    const el = await mount(store, app, derived);
    deep<HTMLButtonElement>(el, 'button.add')!.click();
    await el.updateComplete;
    const editor = deep(el, 'ltc-panel-editor')!;
    await (editor as LitElementLike).updateComplete;
    const pick = async (name: string, value: string) => {
      const select = deep<HTMLSelectElement>(editor, `select[name=${name}]`)!;
      select.value = value;
      select.dispatchEvent(new Event('change'));
      await (editor as LitElementLike).updateComplete;
    };
    await typeInto(deep<HTMLInputElement>(editor, 'input[name=title]')!, 'Average LTV by source');
    // Saved without a grouping: the problem is listed, nothing is stored.
    await sendKeys({ press: 'Enter' });
    await (editor as LitElementLike).updateComplete;
    expect(deep(editor, '.problems')!.textContent).to.contain('group: This chart needs a grouping (group).');
    expect((await store.getApp('shop'))!.dashboards![0].panels.length).to.equal(4);
    await pick('chart', 'pie');
    await pick('measure', 'avg');
    await pick('measure-field', 'ltv');
    await pick('group', 'source');
    deep<HTMLButtonElement>(editor, 'button.save')!.click();
    await waitFor(async () => (await store.getApp('shop'))!.dashboards![0].panels.length === 5, 'panel stored');
    const added = (await store.getApp('shop'))!.dashboards![0].panels[4];
    expect(added).to.deep.include({ title: 'Average LTV by source', kind: 'metric', chart: 'pie', tableId: 'customers', measure: { op: 'avg', fieldId: 'ltv' }, group: { fieldId: 'source' } });
    await el.whenComputed();
    const pie = computeDashboard({ id: 'd', name: 'd', panels: [added] }, { app, records: (id) => derived.all(id), now: NOW })[0];
    expect(pie.categories.map((c) => c.key)).to.deep.equal(['online', 'store', '']);
    expect(deepAll(el, `[data-panel="${added.id}"] svg.chart path`).length).to.equal(pie.series[0].values.filter((v) => v! > 0).length);
  });

  it('adds a built-in analysis with the settings it starts with; the editor is accessible', async () => {
    const { store, app, derived } = await setup();
    const el = await mount(store, app, derived, 'zh-CN');
    deep<HTMLButtonElement>(el, 'button.add')!.click();
    await el.updateComplete;
    const editor = deep(el, 'ltc-panel-editor') as LitElementLike;
    await editor.updateComplete;
    const kind = deep<HTMLSelectElement>(editor, 'select[name=kind]')!;
    kind.value = 'cohort';
    kind.dispatchEvent(new Event('change'));
    await editor.updateComplete;
    expect(deep<HTMLSelectElement>(editor, 'select[name=orders]')!.value).to.equal('orders');
    expect(deep<HTMLSelectElement>(editor, 'select[name=order-date]')!.value).to.equal('date');
    await expect(editor).to.be.accessible();
    await typeInto(deep<HTMLInputElement>(editor, 'input[name=title]')!, '留存');
    deep<HTMLButtonElement>(editor, 'button.save')!.click();
    await waitFor(async () => (await store.getApp('shop'))!.dashboards![0].panels.length === 5, 'panel stored');
    const added = (await store.getApp('shop'))!.dashboards![0].panels[4];
    expect(added).to.deep.include({ kind: 'cohort', title: '留存', tableId: 'customers', ordersFieldId: 'orders', dateFieldId: 'date' });
    await el.whenComputed();
    expect(deep(el, `[data-panel="${added.id}"] svg.chart title`)!.textContent).to.equal('图表：留存');
  });

  it('removes a panel and puts it back with Undo', async () => {
    const { store, app, derived } = await setup();
    const el = await mount(store, app, derived);
    deep<HTMLButtonElement>(el, '[data-panel=tiers] .remove')!.click();
    await waitFor(async () => (await storedPanels(store)).join() === 'count,cohorts,clv', 'removed');
    await el.updateComplete;
    deep<HTMLButtonElement>(el, 'button.undo')!.click();
    await waitFor(async () => (await storedPanels(store)).join() === 'count,tiers,cohorts,clv', 'restored in place');
    const restored = (await store.getApp('shop'))!.dashboards![0].panels[1];
    expect(restored).to.deep.equal(overview.panels[1]);
  });

  it('refuses a change based on an app version changed elsewhere, and says so', async () => {
    const { store, app, derived } = await setup();
    const el = await mount(store, app, derived);
    await store.putApp({ ...app, name: 'Renamed elsewhere' }, app.version);
    deep<HTMLButtonElement>(el, '[data-panel=count] .move-later')!.click();
    await waitFor(() => deep(el, '.error'), 'error shown');
    expect(deep(el, '.error')!.textContent).to.contain('changed elsewhere');
    expect(await storedPanels(store)).to.deep.equal(['count', 'tiers', 'cohorts', 'clv']);
    expect((await store.getApp('shop'))!.name).to.equal('Renamed elsewhere');
  });

  it('exports a chart as SVG with its colours and text, and its numbers as CSV', async () => {
    const { store, app, derived } = await setup();
    const el = await mount(store, app, derived);
    const downloads = captureDownloads();
    try {
      deep<HTMLButtonElement>(el, '[data-panel=tiers] .export-svg')!.click();
      deep<HTMLButtonElement>(el, '[data-panel=tiers] .export-csv')!.click();
    } finally {
      downloads.restore();
    }
    expect(downloads.files.map((f) => f.type)).to.deep.equal(['image/svg+xml', 'text/csv;charset=utf-8']);
    const svgText = await downloads.files[0].text();
    const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).to.equal(null);
    const bars = [...doc.querySelectorAll('rect')].filter((r) => r.querySelector('title'));
    expect(bars.length).to.be.greaterThan(0);
    expect(bars[0].getAttribute('fill')).to.match(/^rgb\(37, 99, 235\)$/);
    expect([...doc.querySelectorAll('text')].map((t) => t.textContent)).to.include('Regular');
    const bytes = new Uint8Array(await downloads.files[1].arrayBuffer());
    expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const csv = await downloads.files[1].text();
    const result = expected(app, derived)[1];
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).to.equal('等级,Sum of 累计消费'.replace('等级', 'Tier'));
    expect(lines[1]).to.equal(`Regular,${result.series[0].values[0]}`);
    expect(lines.at(-1)).to.equal('');
  });

  it('draws a line chart with uPlot, loaded on first use, and exports it as PNG', async () => {
    const trend: DashboardDef = {
      id: 'trend',
      name: 'Trend',
      panels: [{ id: 'repurchase', title: 'Repurchase', kind: 'repurchase', tableId: 'customers', ordersFieldId: 'orders', dateFieldId: 'date', orderFilter: { '===': [{ var: 'paid' }, true] } }],
    };
    const { store, app, derived } = await setup([trend]);
    const el = await mount(store, app, derived);
    const canvas = await waitFor(() => deep<HTMLCanvasElement>(el, '[data-panel=repurchase] .plot canvas'), 'uPlot canvas');
    expect(canvas.width).to.be.greaterThan(100);
    expect(deep(el, '[data-panel=repurchase] .plot')!.getAttribute('aria-label')).to.equal('Chart: Repurchase');
    expect(deepAll(el, '[data-panel=repurchase] thead th').map((th) => th.textContent)).to.deep.equal(['First-order month', 'Repurchase within 30 days', 'Repurchase within 60 days', 'Repurchase within 90 days', 'Customers']);
    const downloads = captureDownloads();
    let png: Blob | undefined;
    try {
      png = await el.exportPng('repurchase');
    } finally {
      downloads.restore();
    }
    expect(png!.type).to.equal('image/png');
    expect(downloads.files[0]).to.equal(png);
    const signature = new Uint8Array(await png!.arrayBuffer()).slice(0, 8);
    expect([...signature]).to.deep.equal([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await expect(el).to.be.accessible();
  });

  it('speaks Chinese', async () => {
    const { store, app, derived } = await setup();
    const el = await mount(store, app, derived, 'zh-CN');
    expect(deep(el, 'h2')!.textContent).to.equal('概览');
    expect(deep(el, '[data-panel=tiers] summary')!.textContent).to.equal('数据表');
    expect(deep(el, '[data-panel=tiers] tbody th')!.textContent!.trim()).to.equal('普通');
    expect(deep(el, '[data-panel=clv] .note')!.textContent).to.contain('还没有字段“predictedClv”');
    expect(deep<HTMLButtonElement>(el, '[data-panel=count] .move-later')!.getAttribute('aria-label')).to.equal('后移“Customers”');
  });

  it('creates a dashboard when the app has none', async () => {
    const { store, app, derived } = await setup([]);
    const el = await mount(store, app, derived);
    expect(deep(el, '.empty')!.textContent).to.equal('This app has no dashboard yet.');
    deep<HTMLButtonElement>(el, 'button.create')!.click();
    await waitFor(async () => (await store.getApp('shop'))!.dashboards?.length === 1, 'dashboard stored');
    await el.updateComplete;
    expect(deep(el, '.empty')!.textContent).to.contain('has no panels yet');
  });

  for (const theme of ['light', 'dark']) {
    it(`is accessible in the ${theme} theme, data tables open`, async () => {
      const { store, app, derived } = await setup();
      const el = await mount(store, app, derived, 'en', theme);
      for (const details of deepAll<HTMLDetailsElement>(el, 'details')) details.open = true;
      await el.updateComplete;
      const surface = getComputedStyle(el).getPropertyValue('--_surface').trim();
      expect(surface).to.equal(theme === 'dark' ? '#111827' : '#ffffff');
      await expect(el).to.be.accessible();
    });
  }
});

interface LitElementLike extends HTMLElement {
  updateComplete: Promise<boolean>;
}
