/**
 * `<ltc-view-bar>` over a real store with the customer-ltv app: tabs in the tabs pattern
 * (All records first), choosing by click and by keyboard, the modified marker with Save,
 * Save as new view and Reset, inline rename, delete after confirmation, reorder with Alt+←/→
 * and by pointer drag — each checked in what the store holds — a stale edit refused with the
 * translated message, axe in both languages and a 390 px wide strip that scrolls.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse, resetMouse, setViewport } from '@web/test-runner-commands';
import '../../src/designer.js';
import type { LtcViewBar, ViewSelectDetail } from '../../src/elements/ltc-view-bar.js';
import type { AppDef, ViewDef } from '../../src/core/schema/types.js';
import { MemoryStore } from '../../src/store/index.js';
import { ensureApp } from '../../src/runtime/open-app.js';
import { renameView } from '../../src/runtime/views.js';
import { customerLtvTemplate } from '../helpers/customer-ltv.js';
import { typeInto, waitFor } from './helpers.js';

async function bar(locale = 'en', viewId = '') {
  const store = new MemoryStore();
  const tpl = await customerLtvTemplate();
  // The customer views these tests walk through: 高价值客户, 沉默客户, 按来源.
  const customers = tpl.tables.find((t) => t.id === 'customers')!;
  customers.views = customers.views!.filter((v) => ['highValue', 'goneQuiet', 'bySource'].includes(v.id));
  const { app } = await ensureApp(store, { appId: 'bar', loadTemplate: async () => tpl });
  const el = await fixture<LtcViewBar>(html`<ltc-view-bar .store=${store} .app=${app} table-id="customers" view-id=${viewId} locale=${locale}></ltc-view-bar>`);
  const events: ViewSelectDetail[] = [];
  el.addEventListener('ltc-view-select', (e) => events.push(e.detail));
  return { el, store, app, events };
}
const q = <T extends Element>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
const tabs = (el: LtcViewBar) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
const tabNames = (el: LtcViewBar) => tabs(el).map((t) => t.textContent!.replace(/\s+/g, ' ').trim());
const tab = (el: LtcViewBar, viewId: string) => q<HTMLButtonElement>(el, `[role="tab"][data-view-id="${viewId}"]`);
const status = (el: LtcViewBar) => q<HTMLElement>(el, '[role="status"]').textContent!.trim();
async function storedViews(store: MemoryStore): Promise<ViewDef[]> {
  return (await store.getApp('bar'))!.tables.find((t) => t.id === 'customers')!.views ?? [];
}
const focused = (el: LtcViewBar) => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset.viewId;

describe('<ltc-view-bar>', function () {
  this.timeout(30000);
  afterEach(async () => {
    await resetMouse();
    await setViewport({ width: 800, height: 600 });
  });

  it('shows All records first, then the saved views, as a tablist; a click selects', async () => {
    const { el, events } = await bar('zh-CN');
    expect(q(el, '[role="tablist"]').getAttribute('aria-label')).to.equal('视图');
    expect(tabNames(el)).to.deep.equal(['全部记录', '高价值客户', '沉默客户', '按来源']);
    expect(tabs(el).map((t) => t.getAttribute('aria-selected'))).to.deep.equal(['true', 'false', 'false', 'false']);
    expect(tabs(el).map((t) => t.tabIndex)).to.deep.equal([0, -1, -1, -1]);
    tab(el, 'goneQuiet').click();
    await el.updateComplete;
    expect(events).to.have.length(1);
    expect(events[0]!.tableId).to.equal('customers');
    expect(events[0]!.viewId).to.equal('goneQuiet');
    expect(events[0]!.view.sort).to.deep.equal([{ fieldId: 'daysSinceLastOrder', direction: 'desc' }]);
    expect(tab(el, 'goneQuiet').getAttribute('aria-selected')).to.equal('true');
    expect(el.viewId).to.equal('goneQuiet');
  });

  it('is driven by the keyboard alone: arrows, Home / End move focus, Enter chooses', async () => {
    const { el, events } = await bar();
    expect(tabNames(el)[0]).to.equal('All records');
    tabs(el)[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(focused(el)).to.equal('highValue');
    expect(tab(el, 'highValue').tabIndex).to.equal(0);
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(focused(el)).to.equal('bySource');
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(focused(el)).to.equal('');
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(events.map((e) => e.viewId)).to.deep.equal(['bySource']);
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(events.map((e) => e.viewId)).to.deep.equal(['bySource', '']);
    expect(events[1]!.view).to.deep.equal({ id: '', name: 'All records' });
  });

  it('marks a changed view modified; Save stores it and clears the marker', async () => {
    const { el, store, app } = await bar('en', 'highValue');
    expect(q(el, '.modified')).to.equal(null);
    const saved = app.tables[0]!.views![0]!;
    el.current = { ...saved };
    await el.updateComplete;
    expect(q(el, '.modified'), 'the same view is not modified').to.equal(null);
    el.current = { ...saved, frozen: 1, sort: [...saved.sort!] };
    await el.updateComplete;
    expect(q(el, '.modified'), 'defaults spelled out are not a change').to.equal(null);
    el.current = { ...saved, sort: [{ fieldId: 'totalSpend', direction: 'desc' }] };
    await el.updateComplete;
    expect(q(el, '.modified').textContent).to.equal('Modified');
    expect(tab(el, 'highValue').textContent).to.contain('(Modified)');
    q<HTMLButtonElement>(el, 'button.save').click();
    await waitFor(() => q(el, '.modified') === null, 'marker cleared');
    expect((await storedViews(store))[0]).to.deep.equal({ ...saved, sort: [{ fieldId: 'totalSpend', direction: 'desc' }] });
    expect(status(el)).to.equal('Saved the view "High-value customers"');
  });

  it('Save as new view stores a new tab with the typed name and selects it', async () => {
    const { el, store, events } = await bar('zh-CN');
    el.current = { id: '', name: '全部记录', sort: [{ fieldId: 'registeredOn', direction: 'desc' }] };
    await el.updateComplete;
    expect(q(el, 'button.save'), 'All records has no saved view to save into').to.equal(null);
    q<HTMLButtonElement>(el, 'button.save-as').click();
    await el.updateComplete;
    const input = q<HTMLInputElement>(el, 'input[name="view-name"]');
    expect(input.value).to.equal('新视图');
    await typeInto(input, '最近注册');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => tabs(el).length === 5, 'a fifth tab');
    const views = await storedViews(store);
    expect(views.map((v) => v.name)).to.deep.equal(['高价值客户', '沉默客户', '按来源', '最近注册']);
    expect(views[3]!.sort).to.deep.equal([{ fieldId: 'registeredOn', direction: 'desc' }]);
    expect(events.at(-1)!.viewId).to.equal(views[3]!.id);
    expect(tabs(el)[4]!.getAttribute('aria-selected')).to.equal('true');
  });

  it('Reset brings back the saved view', async () => {
    const { el, events } = await bar('en', 'bySource');
    el.current = { ...el.selectedView, group: undefined };
    await el.updateComplete;
    q<HTMLButtonElement>(el, 'button.reset').click();
    await el.updateComplete;
    expect(events.at(-1)!.viewId).to.equal('bySource');
    expect(events.at(-1)!.view.group).to.deep.equal({ fieldId: 'source', sums: ['totalSpend', 'ltv'] });
    expect(q(el, '.modified')).to.equal(null);
  });

  it('renames inline with F2 (Escape cancels), and stores the name', async () => {
    const { el, store } = await bar('zh-CN');
    tab(el, 'goneQuiet').focus();
    await sendKeys({ press: 'F2' });
    await el.updateComplete;
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(q(el, 'input[name="view-name"]')).to.equal(null);
    expect(focused(el)).to.equal('goneQuiet');
    await sendKeys({ press: 'F2' });
    await el.updateComplete;
    const input = q<HTMLInputElement>(el, 'input[name="view-name"]');
    expect(input.value).to.equal('沉默客户');
    await sendKeys({ type: '待唤醒客户' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => tabNames(el)[2] === '待唤醒客户', 'renamed tab');
    expect((await storedViews(store))[1]!.name).to.equal('待唤醒客户');
    expect(focused(el)).to.equal('goneQuiet');
  });

  it('deletes the chosen view only after confirmation, then shows All records', async () => {
    const { el, store, events } = await bar('zh-CN', 'highValue');
    q<HTMLButtonElement>(el, 'button.delete').click();
    await el.updateComplete;
    expect(q(el, '#confirm-text').textContent).to.equal('删除视图“高价值客户”？视图中的记录不会被删除。');
    q<HTMLButtonElement>(el, 'button.cancel').click();
    await el.updateComplete;
    expect((await storedViews(store)).length).to.equal(3);
    q<HTMLButtonElement>(el, 'button.delete').click();
    await el.updateComplete;
    q<HTMLButtonElement>(el, 'button.confirm-delete').click();
    await waitFor(() => tabs(el).length === 3, 'tab removed');
    expect((await storedViews(store)).map((v) => v.id)).to.deep.equal(['goneQuiet', 'bySource']);
    expect(events.at(-1)!.viewId).to.equal('');
    expect(status(el)).to.equal('已删除视图「高价值客户」');
  });

  it('deletes from the keyboard: Delete on a tab, focus on the confirmation, Escape keeps, Enter deletes', async () => {
    const { el, store } = await bar('en');
    tab(el, 'bySource').focus();
    await sendKeys({ press: 'Delete' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.classList.contains('confirm-delete')).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(focused(el)).to.equal('bySource');
    expect((await storedViews(store)).length).to.equal(3);
    await sendKeys({ press: 'Delete' });
    await el.updateComplete;
    await sendKeys({ press: 'Enter' });
    await waitFor(() => tabs(el).length === 3, 'tab removed');
    expect((await storedViews(store)).map((v) => v.id)).to.deep.equal(['highValue', 'goneQuiet']);
  });

  it('moves a tab with Alt+→ / Alt+← and announces its place (zh-CN)', async () => {
    const { el, store } = await bar('zh-CN');
    tab(el, 'highValue').focus();
    await sendKeys({ press: 'Alt+ArrowRight' });
    await waitFor(() => tabNames(el)[2] === '高价值客户', 'moved right');
    expect((await storedViews(store)).map((v) => v.id)).to.deep.equal(['goneQuiet', 'highValue', 'bySource']);
    expect(status(el)).to.equal('已将「高价值客户」移到第 3 位');
    await waitFor(() => focused(el) === 'highValue', 'focus stays on the moved tab');
    await sendKeys({ press: 'Alt+ArrowLeft' });
    await sendKeys({ press: 'Alt+ArrowLeft' });
    await waitFor(() => status(el) === '已将「高价值客户」移到第 2 位', 'moved back');
    expect((await storedViews(store)).map((v) => v.id)).to.deep.equal(['highValue', 'goneQuiet', 'bySource']);
    // All records never moves.
    tabs(el)[0]!.focus();
    await sendKeys({ press: 'Alt+ArrowRight' });
    await el.updateComplete;
    expect(tabNames(el)[0]).to.equal('全部记录');
  });

  it('moves a tab by pointer drag without choosing it', async () => {
    const { el, store, events } = await bar();
    const from = tab(el, 'highValue').getBoundingClientRect();
    const to = tab(el, 'bySource').getBoundingClientRect();
    const y = Math.round(from.top + from.height / 2);
    await sendMouse({ type: 'move', position: [Math.round(from.left + 10), y] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [Math.round(from.left + 40), y] });
    await sendMouse({ type: 'move', position: [Math.round(to.right - 4), y] });
    await sendMouse({ type: 'up' });
    await waitFor(() => tabNames(el)[3] === 'High-value customers', 'dropped last');
    expect((await storedViews(store)).map((v) => v.id)).to.deep.equal(['goneQuiet', 'bySource', 'highValue']);
    expect(events).to.deep.equal([]);
  });

  it('refuses an edit when the app changed elsewhere, with the translated message', async () => {
    const { el, store, app } = await bar('zh-CN', 'goneQuiet');
    const { app: other } = await renameView(store, app, 'customers', 'bySource', '来源');
    el.current = { ...el.selectedView, frozen: 3 };
    await el.updateComplete;
    q<HTMLButtonElement>(el, 'button.save').click();
    await waitFor(() => q(el, '[role="alert"]').textContent!.trim() !== '', 'error shown');
    expect(q(el, '[role="alert"]').textContent!.trim()).to.equal(`应用定义已在别处被修改（现为版本 ${other.version}），视图未保存，也未覆盖对方的修改。请重新打开后再试。`);
    const views = await storedViews(store);
    expect(views[1]!.frozen).to.equal(undefined);
    expect(views[2]!.name).to.equal('来源');
  });

  for (const locale of ['en', 'zh-CN']) {
    it(`passes axe (${locale}), modified and while renaming`, async () => {
      const { el } = await bar(locale, 'highValue');
      el.current = { ...el.selectedView, frozen: 2 };
      await el.updateComplete;
      await expect(el).to.be.accessible();
      q<HTMLButtonElement>(el, 'button.rename').click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  }

  it('fits a 390 px screen: the tab strip scrolls sideways', async () => {
    await setViewport({ width: 390, height: 800 });
    const { el } = await bar('zh-CN');
    const { app } = await ensureApp(new MemoryStore(), { appId: 'x', loadTemplate: customerLtvTemplate });
    const many: AppDef = structuredClone(app);
    many.tables[0]!.views = Array.from({ length: 8 }, (_, i) => ({ id: `v${i}`, name: `很长的视图名称 ${i + 1}` }));
    el.app = many;
    await el.updateComplete;
    const strip = q<HTMLElement>(el, '[role="tablist"]');
    expect(getComputedStyle(strip).overflowX).to.equal('auto');
    expect(strip.scrollWidth).to.be.greaterThan(strip.clientWidth);
    expect(el.getBoundingClientRect().width).to.be.at.most(390);
    expect(strip.getBoundingClientRect().right).to.be.at.most(390);
  });
});
