/**
 * `<ltc-record-drawer>`: a record opened from the table — its fields editable in place, its
 * related records newest first (all of them, paged), its change history as the store wrote
 * it; Escape and the close button close it; a related record opens in the drawer with a way
 * back; everything reachable by keyboard, axe clean, in both languages.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../widgets/index.js';
import { LtcForm } from '../../src/elements/ltc-form.js';
import { LtcRecordDrawer, RELATED_PAGE } from '../../src/elements/ltc-record-drawer.js';
import type { AppDef, Locale } from '../../src/core/schema/types.js';
import { DerivedValues } from '../../src/runtime/derived.js';
import { MemoryStore } from '../../src/store/index.js';
import type { Mutation } from '../../src/store/types.js';
import { deep, deepAll, typeInto, waitFor } from './helpers.js';

if (!customElements.get('ltc-form')) customElements.define('ltc-form', LtcForm);
if (!customElements.get('ltc-record-drawer')) customElements.define('ltc-record-drawer', LtcRecordDrawer);

const NOW = '2026-01-01T00:00:00.000Z';
const APP: AppDef = {
  id: 'dr',
  name: 'Drawer',
  version: 1,
  createdAt: NOW,
  updatedAt: NOW,
  tables: [
    {
      id: 'customers',
      name: '客户',
      labels: { 'zh-CN': '客户', en: 'Customers' },
      primaryFieldId: 'name',
      fields: [
        { id: 'name', name: '姓名', labels: { 'zh-CN': '姓名', en: 'Name' }, type: 'text', required: true },
        { id: 'phone', name: '手机', labels: { 'zh-CN': '手机', en: 'Phone' }, type: 'text' },
        { id: 'orders', name: '订单', labels: { 'zh-CN': '订单', en: 'Orders' }, type: 'relation', options: { table: 'orders', inverseOf: 'customer', multiple: true } },
      ],
    },
    {
      id: 'orders',
      name: '订单',
      labels: { 'zh-CN': '订单', en: 'Orders' },
      primaryFieldId: 'no',
      fields: [
        { id: 'no', name: '订单号', labels: { 'zh-CN': '订单号', en: 'Order no.' }, type: 'text' },
        { id: 'customer', name: '客户', labels: { 'zh-CN': '客户', en: 'Customer' }, type: 'relation', options: { table: 'customers', multiple: false } },
        { id: 'note', name: '备注', labels: { 'zh-CN': '备注', en: 'Note' }, type: 'text' },
        {
          id: 'status',
          name: '支付状态',
          labels: { 'zh-CN': '支付状态', en: 'Payment status' },
          type: 'select',
          options: {
            choices: [
              { id: 'paid', name: '已支付', labels: { 'zh-CN': '已支付', en: 'Paid' } },
              { id: 'refunded', name: '已退款', labels: { 'zh-CN': '已退款', en: 'Refunded' } },
            ],
          },
        },
        { id: 'orderDate', name: '下单日期', labels: { 'zh-CN': '下单日期', en: 'Order date' }, type: 'date' },
        { id: 'amount', name: '金额', labels: { 'zh-CN': '金额', en: 'Amount' }, type: 'money', options: { precision: 2, currency: 'CNY' } },
      ],
    },
  ],
};

/** `YYYY-MM-DD` of day `n` counted from 2024-01-01. */
const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86400000).toISOString().slice(0, 10);

describe('<ltc-record-drawer>', function () {
  this.timeout(30000);
  let store: MemoryStore;
  let app: AppDef;
  let derived: DerivedValues;

  beforeEach(async () => {
    store = new MemoryStore();
    app = await store.putApp(structuredClone(APP));
    await store.mutate(app.id, [
      { type: 'create', tableId: 'customers', id: 'c1', values: { name: '范国庆', phone: '13800000000' } },
      { type: 'create', tableId: 'customers', id: 'c2', values: { name: '王芳' } },
      { type: 'create', tableId: 'orders', id: 'o1', values: { no: 'A-001', customer: 'c1', status: 'paid', orderDate: '2024-03-01', amount: 120 } },
      { type: 'create', tableId: 'orders', id: 'o2', values: { no: 'A-002', customer: 'c1', status: 'refunded', orderDate: '2024-05-20', amount: 88.5 } },
      { type: 'create', tableId: 'orders', id: 'o3', values: { no: 'A-003', customer: 'c1', amount: 5 } },
      { type: 'create', tableId: 'orders', id: 'o4', values: { no: 'B-001', customer: 'c2', orderDate: '2024-06-01', amount: 1 } },
    ]);
    derived = new DerivedValues(store, app);
    await derived.load();
  });

  afterEach(() => {
    derived.dispose();
    store.close();
  });

  async function open(recordId = 'c1', locale: Locale = 'zh-CN', order: string[] = []): Promise<LtcRecordDrawer> {
    const el = await fixture<LtcRecordDrawer>(html`<ltc-record-drawer table-id="customers" record-id=${recordId} .order=${order}></ltc-record-drawer>`);
    el.locale = locale;
    el.store = store;
    el.app = app;
    el.derived = derived;
    await waitFor(() => deep<HTMLInputElement>(el, 'ltc-form', '[name="name"]')?.value && deep(el, 'ol.history'), 'drawer loaded');
    return el;
  }

  const relatedRows = (el: LtcRecordDrawer) => deepAll<HTMLTableRowElement>(el, 'section[part="related"] tbody tr').map((tr) => [...tr.cells].map((td) => td.textContent!.trim()));

  it('opens as a modal dialog labelled by the primary value, with every field editable and the related orders newest first', async () => {
    const el = await open();
    const dialog = deep<HTMLDialogElement>(el, 'dialog')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(deep(el, '#' + dialog.getAttribute('aria-labelledby'))!.textContent!.trim()).to.equal('范国庆');
    expect(deep<HTMLInputElement>(el, 'ltc-form', '[name="phone"]')!.value).to.equal('13800000000');
    // Primary field, then money, date and choice columns; the relation back to the customer is left out.
    expect(deepAll(el, 'section[part="related"] th').map((th) => th.textContent!.trim())).to.deep.equal(['订单号', '金额', '下单日期', '支付状态', '备注']);
    expect(deep(el, 'section[part="related"] h3')!.textContent!.trim()).to.equal('订单（3）');
    const rows = relatedRows(el);
    expect(rows.map((r) => r[0])).to.deep.equal(['A-002', 'A-001', 'A-003']);
    expect(rows[0][1]).to.contain('88.50').and.match(/¥|CN¥/);
    expect(rows[0][3]).to.equal('已退款');
    await expect(el).to.be.accessible();
  });

  it('shows the history newest first, values formatted as cells, and a change made in the drawer appears in it', async () => {
    await store.mutate(app.id, [{ type: 'update', tableId: 'orders', id: 'o1', values: { status: 'refunded', amount: 99 } }], { origin: { kind: 'rule', ruleId: 'r1', depth: 1 } });
    await store.mutate(app.id, [{ type: 'update', tableId: 'orders', id: 'o1', values: { customer: 'c2' } }], { origin: { kind: 'import' } });
    const el = await fixture<LtcRecordDrawer>(html`<ltc-record-drawer table-id="orders" record-id="o1"></ltc-record-drawer>`);
    Object.assign(el, { locale: 'zh-CN', store, app, derived });
    const entries = await waitFor(() => {
      const items = deepAll(el, 'ol.history > li');
      return items.length === 3 ? items : undefined;
    }, 'three history entries');
    const text = entries.map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(text[0]).to.match(/^\d{4}-\d\d-\d\d \d\d:\d\d · 修改 · 由 导入/).and.contain('客户：范国庆 → 王芳');
    expect(text[1]).to.contain('由 规则').and.contain('支付状态：已支付 → 已退款').and.contain('金额：');
    expect(text[1]).to.match(/120\.00.*→.*99\.00/);
    expect(text[2]).to.contain('创建 · 由 用户').and.contain('订单号：A-001');

    // Edit in place: the form saves, the store writes the entry in the same transaction, the drawer shows it.
    await typeInto(deep<HTMLInputElement>(el, 'ltc-form', '[name="note"]')!, '加急');
    deep<HTMLButtonElement>(el, 'ltc-form', 'button[type=submit]')!.click();
    await waitFor(() => deepAll(el, 'ol.history > li').length === 4, 'the edit in the history');
    expect(deep(el, 'ol.history > li')!.textContent!.replace(/\s+/g, ' ')).to.contain('由 用户').and.contain('备注：（空） → 加急');
    expect((await store.getRecord(app.id, 'orders', 'o1'))!.values.note).to.equal('加急');
    await expect(el).to.be.accessible();
  });

  it('pages the history with 更早的记录', async () => {
    for (let i = 1; i <= 25; i++) await store.mutate(app.id, [{ type: 'update', tableId: 'customers', id: 'c2', values: { phone: String(i) } }]);
    const el = await open('c2');
    expect(deepAll(el, 'ol.history > li')).to.have.length(20);
    const older = [...deepAll<HTMLButtonElement>(el, 'section[part="history"] button')].find((b) => b.textContent!.includes('更早的记录'))!;
    older.click();
    await waitFor(() => deepAll(el, 'ol.history > li').length === 26, 'all 26 entries');
    expect(deepAll(el, 'ol.history > li').at(-1)!.textContent).to.contain('创建');
    expect([...deepAll(el, 'section[part="history"] button')].some((b) => b.textContent!.includes('更早的记录'))).to.equal(false);
  });

  it('closes on Escape and on the close button with ltc-drawer-close', async () => {
    const el = await open();
    const closed: unknown[] = [];
    el.addEventListener('ltc-drawer-close', (e) => closed.push(e.detail));
    deep<HTMLElement>(el, 'h2')!.focus();
    await sendKeys({ press: 'Escape' });
    await waitFor(() => closed.length === 1, 'closed by Escape');
    expect(closed[0]).to.deep.equal({ tableId: 'customers', recordId: 'c1' });
    expect(deep<HTMLDialogElement>(el, 'dialog')!.open).to.equal(false);

    const again = await open();
    again.addEventListener('ltc-drawer-close', (e) => closed.push(e.detail));
    deep<HTMLButtonElement>(again, 'button[aria-label="关闭"]')!.click();
    expect(closed).to.have.length(2);
  });

  it('opens a related record with the keyboard and goes back', async () => {
    const el = await open('c1', 'en');
    const navigated: unknown[] = [];
    el.addEventListener('ltc-drawer-navigated', (e) => navigated.push(e.detail));
    const link = deep<HTMLButtonElement>(el, 'section[part="related"] tbody button')!;
    expect(link.getAttribute('aria-label')).to.equal('Open A-002');
    link.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deep<HTMLInputElement>(el, 'ltc-form', '[name="no"]')?.value === 'A-002', 'the order opened');
    expect(navigated).to.deep.equal([{ tableId: 'orders', recordId: 'o2' }]);
    expect(deep(el, 'h2')!.textContent!.trim()).to.equal('A-002');
    const back = deep<HTMLButtonElement>(el, 'header button')!;
    expect(back.textContent).to.contain('Back to 范国庆');
    back.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deep<HTMLInputElement>(el, 'ltc-form', '[name="phone"]')?.value === '13800000000', 'back at the customer');
    expect(deep(el, 'section[part="history"] h3')!.textContent).to.equal('History');
    await expect(el).to.be.accessible();
  });

  it('steps through the caller order with previous and next', async () => {
    const el = await open('c1', 'zh-CN', ['c1', 'c2']);
    const [previous, next] = deepAll<HTMLButtonElement>(el, 'header button').filter((b) => b.textContent === '上一条' || b.textContent === '下一条');
    expect(previous.disabled).to.equal(true);
    next.click();
    await waitFor(() => deep(el, 'h2')!.textContent!.trim() === '王芳', 'next record');
    await waitFor(() => deep<HTMLInputElement>(el, 'ltc-form', '[name="name"]')?.value === '王芳', 'its form');
  });

  it('lists 5,000 related orders without freezing: first page fast, all reachable', async () => {
    const mutations: Mutation[] = Array.from({ length: 5000 }, (_, i) => ({
      type: 'create',
      tableId: 'orders',
      id: `m${i}`,
      values: { no: `M-${String(i).padStart(4, '0')}`, customer: 'c2', orderDate: day(i % 700), amount: i },
    }));
    await store.mutate(app.id, mutations);
    await waitFor(() => (derived.value('customers', 'c2', 'orders') as string[]).length === 5001, 'derived relation index');
    const started = performance.now();
    const el = await open('c2');
    await waitFor(() => relatedRows(el).length === RELATED_PAGE, 'first page');
    const ms = performance.now() - started;
    expect(deep(el, 'section[part="related"] h3')!.textContent).to.contain('5001');
    expect(ms, `drawer with 5,000 orders opened in ${Math.round(ms)} ms`).to.be.below(1500);
    expect(relatedRows(el)[0][2]).to.equal(day(699));
    const more = deep<HTMLButtonElement>(el, 'section[part="related"] button.more')!;
    expect(more.textContent).to.contain('5001');
    more.click();
    await waitFor(() => relatedRows(el).length === 2 * RELATED_PAGE, 'second page');
  });

  it('fills the screen at 390 px', async () => {
    await setViewport({ width: 390, height: 800 });
    try {
      const el = await open();
      const dialog = deep(el, 'dialog')!;
      // Measured where the slide-in animation ends.
      await Promise.all(dialog.getAnimations().map((a) => a.finished));
      const box = dialog.getBoundingClientRect();
      expect(Math.round(box.width)).to.equal(390);
      expect(Math.round(box.left)).to.equal(0);
      await expect(el).to.be.accessible();
    } finally {
      await setViewport({ width: 1280, height: 800 });
    }
  });

  it('says so when the record no longer exists', async () => {
    await store.mutate(app.id, [{ type: 'delete', tableId: 'customers', id: 'c2' }]);
    const el = await fixture<LtcRecordDrawer>(html`<ltc-record-drawer table-id="customers" record-id="c2"></ltc-record-drawer>`);
    Object.assign(el, { locale: 'en', store, app, derived });
    await waitFor(() => deep(el, '[role="status"]'), 'missing notice');
    expect(deep(el, '[role="status"]')!.textContent).to.contain('no longer exists');
    await waitFor(() => deepAll(el, 'ol.history > li').length === 2, 'created and deleted entries');
    expect(deep(el, 'ol.history > li')!.textContent).to.contain('Deleted').and.contain('Name: 王芳');
  });
});
