/**
 * `<ltc-app>`'s "仪表盘 / Dashboards" entry: it shows `<ltc-dashboard>` (loaded with the
 * designer) with the workspace's store, app, derived values and language, the numbers of the
 * app's records, a panel moved there is stored and adopted by the workspace, and a table
 * entry brings the table back.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { LtcApp } from '../../src/elements/ltc-app.js';
import type { LtcDashboard } from '../../src/elements/dashboard/ltc-dashboard.js';
import { MemoryStore } from '../../src/store/index.js';
import type { AppDef } from '../../src/core/schema/types.js';
import { deep, deepAll, waitFor } from './helpers.js';

const app: AppDef = {
  id: 'dash-shop',
  name: '店铺',
  version: 1,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  tables: [
    {
      id: 'customers',
      name: '客户',
      primaryFieldId: 'name',
      fields: [
        { id: 'name', name: '姓名', type: 'text' },
        { id: 'tier', name: '等级', type: 'select', options: { choices: [{ id: 'gold', name: '金卡' }, { id: 'silver', name: '银卡' }] } },
      ],
    },
  ],
  dashboards: [
    {
      id: 'main',
      name: '概览',
      panels: [
        { id: 'count', title: '客户数', kind: 'metric', chart: 'number', tableId: 'customers', measure: { op: 'count' } },
        { id: 'tiers', title: '等级分布', kind: 'metric', chart: 'bar', tableId: 'customers', measure: { op: 'count' }, group: { fieldId: 'tier' } },
      ],
    },
  ],
};

describe('<ltc-app> Dashboards', function () {
  this.timeout(60000);

  it('shows the app’s dashboard over its records and stores an arrangement made there', async () => {
    const store = new MemoryStore();
    await store.putApp(app);
    await store.bulkCreate('dash-shop', 'customers', [
      { values: { name: '甲', tier: 'gold' } },
      { values: { name: '乙', tier: 'gold' } },
      { values: { name: '丙', tier: 'silver' } },
    ]);
    const el = await fixture<LtcApp>(html`<ltc-app app-id="dash-shop" lang="zh-CN" .store=${store}></ltc-app>`);
    await waitFor(() => el.app, 'the app');
    await el.updateComplete;
    expect(deepAll(el, 'nav button').map((b) => b.textContent!.trim()).slice(-2)).to.deep.equal(['仪表盘', '自动化']);
    deep<HTMLButtonElement>(el, 'nav button.dashboards')!.click();
    const dashboard = await waitFor(() => deep<LtcDashboard>(el, 'ltc-dashboard'), 'the dashboard', 20000);
    await waitFor(() => customElements.get('ltc-dashboard') && dashboard.shadowRoot?.querySelector('[data-panel=count] .number'), 'the number painted', 20000);
    expect(deep(el, 'nav button.dashboards')!.getAttribute('aria-current')).to.equal('true');
    expect(deep(el, 'ltc-table')).to.equal(null);
    expect(dashboard.locale).to.equal('zh-CN');
    expect(deep(dashboard, '[data-panel=count] .number')!.textContent!.trim()).to.equal('3');
    expect(deepAll(dashboard, '[data-panel=tiers] tbody tr').map((tr) => tr.textContent!.replace(/\s+/g, ''))).to.deep.equal(['金卡2', '银卡1']);
    deep<HTMLButtonElement>(dashboard, '[data-panel=count] .move-later')!.click();
    await waitFor(() => el.app?.dashboards?.[0].panels[0].id === 'tiers', 'the workspace adopts the move');
    expect((await store.getApp('dash-shop'))!.dashboards![0].panels.map((p) => p.id)).to.deep.equal(['tiers', 'count']);
    await expect(el).to.be.accessible();
    deep<HTMLButtonElement>(el, 'nav button[data-table="customers"]')!.click();
    await waitFor(() => deep(el, 'ltc-table'), 'the table');
    expect(deep(el, 'ltc-dashboard')).to.equal(null);
  });
});
