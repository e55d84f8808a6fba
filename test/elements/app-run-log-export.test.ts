/**
 * The run log travels with `<ltc-app>`'s own export and import: the runs its engine wrote
 * (and the rule's saved outcome) are in `exportApp()`, and `importText` in another workspace
 * brings them back exactly, ready for `<ltc-run-log>`.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { LtcApp } from '../../src/elements/ltc-app.js';
import { MemoryStore } from '../../src/store/index.js';
import type { AppDef } from '../../src/core/schema/types.js';
import { RUN_TABLE_ID } from '../../src/runtime/rules/run-log.js';
import { waitFor } from './helpers.js';

function shop(): AppDef {
  return {
    id: 'log-shop',
    name: 'Shop',
    version: 0,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    tables: [{ id: 'customers', name: '客户', primaryFieldId: 'name', fields: [{ id: 'name', name: '姓名', type: 'text' }, { id: 'points', name: '积分', type: 'number' }] }],
    rules: [
      {
        id: 'welcome',
        name: '新客送积分',
        enabled: true,
        tableId: 'customers',
        trigger: { type: 'record-created' },
        variants: [{ id: 'A', weight: 1 }, { id: 'B', weight: 1 }],
        actions: [{ type: 'add-points', fieldId: 'points', points: 100, variant: 'A' }, { type: 'notify', message: '欢迎 {姓名}' }],
        outcome: { type: 'field', condition: { '>': [{ var: 'points' }, 0] } },
      },
    ],
  };
}

describe('<ltc-app> export and import of the run log', function () {
  this.timeout(60000);

  it('exports the runs with the app and imports them back', async () => {
    const store = new MemoryStore();
    await store.putApp(shop());
    const el = await fixture<LtcApp>(html`<ltc-app app-id="log-shop" lang="en" .store=${store}></ltc-app>`);
    await waitFor(() => el.app?.tables.some((t) => t.id === RUN_TABLE_ID), 'the run log table', 20000);
    for (let i = 0; i < 4; i++) await store.mutate('log-shop', [{ type: 'create', tableId: 'customers', id: `c${i}`, values: { name: `客户${i}`, points: 0 } }]);
    const until = Date.now() + 10000;
    while ((await store.queryRecords('log-shop', RUN_TABLE_ID)).length < 4 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    const runs = await store.queryRecords('log-shop', RUN_TABLE_ID);
    expect(runs.map((r) => r.values.record).sort()).to.deep.equal(['c0', 'c1', 'c2', 'c3']);

    const data = await el.exportApp();
    expect(data.records[RUN_TABLE_ID]).to.deep.equal(runs);

    const other = new MemoryStore();
    await other.putApp({ ...shop(), name: 'Other', rules: [] });
    const second = await fixture<LtcApp>(html`<ltc-app app-id="log-shop" lang="en" .store=${other}></ltc-app>`);
    await waitFor(() => second.app, 'the second workspace', 20000);
    await second.importText(JSON.stringify(data));
    const back = await other.queryRecords('log-shop', RUN_TABLE_ID);
    expect(back.map(({ id, version, values }) => ({ id, version, values }))).to.deep.equal(runs.map(({ id, version, values }) => ({ id, version, values })));
    expect((await other.getApp('log-shop'))!.rules![0]!.outcome).to.deep.equal(shop().rules![0]!.outcome);
  });
});
