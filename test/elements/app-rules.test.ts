/**
 * `<ltc-app>` runs its app's enabled rules: a record created in the workspace gets the
 * rule's points, `ltc-rule-fired` reaches the host page with the filled payload, the run is
 * logged in the run-log table the app gains, and a disabled rule does nothing.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { LtcApp } from '../../src/elements/ltc-app.js';
import { MemoryStore } from '../../src/store/index.js';
import type { AppDef } from '../../src/core/schema/types.js';
import { waitFor } from './helpers.js';

function shop(enabled: boolean): AppDef {
  return {
    id: 'rules-shop',
    name: 'Shop',
    version: 0,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    tables: [
      {
        id: 'customers',
        name: '客户',
        primaryFieldId: 'name',
        fields: [
          { id: 'name', name: '姓名', type: 'text' },
          { id: 'points', name: '积分', type: 'number' },
        ],
      },
    ],
    rules: [
      {
        id: 'welcome',
        name: '新客送积分',
        enabled,
        tableId: 'customers',
        trigger: { type: 'record-created' },
        actions: [
          { type: 'add-points', fieldId: 'points', points: 100 },
          { type: 'dispatch-event', payload: { who: '{姓名}', points: '{积分}' } },
        ],
      },
    ],
  };
}

describe('<ltc-app> rules', function () {
  this.timeout(60000);

  it('runs an enabled rule on a new record and tells the host page', async () => {
    const store = new MemoryStore();
    await store.putApp(shop(true));
    const fired: unknown[] = [];
    const el = await fixture<LtcApp>(html`<ltc-app app-id="rules-shop" lang="zh-CN" .store=${store} @ltc-rule-fired=${(e: CustomEvent) => fired.push(e.detail)}></ltc-app>`);
    await waitFor(() => el.app?.tables.some((t) => t.id === 'ltc_rule_runs'), 'the run log table', 20000);
    await store.mutate('rules-shop', [{ type: 'create', tableId: 'customers', id: 'c1', values: { name: '范国庆', points: 0 } }]);
    let points: unknown;
    for (let i = 0; i < 200 && points !== 100; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      points = (await store.getRecord('rules-shop', 'customers', 'c1'))?.values.points;
    }
    expect(points).to.equal(100);
    await waitFor(() => fired.length === 1, 'ltc-rule-fired');
    expect(fired[0]).to.deep.include({ appId: 'rules-shop', ruleId: 'welcome', recordId: 'c1', payload: { who: '范国庆', points: 100 } });
    const runs = await store.queryRecords('rules-shop', 'ltc_rule_runs');
    expect(runs.map((r) => [r.values.rule, r.values.record, r.values.status])).to.deep.equal([['welcome', 'c1', 'ok']]);
  });

  it('a disabled rule does nothing', async () => {
    const store = new MemoryStore();
    await store.putApp(shop(false));
    const el = await fixture<LtcApp>(html`<ltc-app app-id="rules-shop" lang="zh-CN" .store=${store}></ltc-app>`);
    await waitFor(() => el.app, 'app', 20000);
    await store.mutate('rules-shop', [{ type: 'create', tableId: 'customers', id: 'c1', values: { name: '李娜', points: 0 } }]);
    for (let i = 0; i < 30; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await store.getRecord('rules-shop', 'customers', 'c1'))!.values.points).to.equal(0);
    expect(el.app!.tables.some((t) => t.id === 'ltc_rule_runs')).to.equal(false);
  });

  it('two workspaces on one store start their engines at once and run a rule once', async () => {
    const store = new MemoryStore();
    await store.putApp(shop(true));
    const errors: unknown[] = [];
    const onError = (e: Event) => errors.push((e as CustomEvent).detail);
    const [a, b] = await Promise.all([
      fixture<LtcApp>(html`<ltc-app app-id="rules-shop" lang="zh-CN" .store=${store} @ltc-error=${onError}></ltc-app>`),
      fixture<LtcApp>(html`<ltc-app app-id="rules-shop" lang="en" .store=${store} @ltc-error=${onError}></ltc-app>`),
    ]);
    for (const el of [a, b]) await waitFor(() => el.app?.tables.some((t) => t.id === 'ltc_rule_runs'), 'the run log table', 20000);
    expect((await store.getApp('rules-shop'))!.tables.filter((t) => t.id === 'ltc_rule_runs').length).to.equal(1);
    await store.mutate('rules-shop', [{ type: 'create', tableId: 'customers', id: 'c2', values: { name: '王芳', points: 0 } }]);
    let runs = 0;
    for (let i = 0; i < 60 && runs === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      runs = (await store.queryRecords('rules-shop', 'ltc_rule_runs')).length;
    }
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await store.getRecord('rules-shop', 'customers', 'c2'))!.values.points).to.equal(100);
    expect((await store.queryRecords('rules-shop', 'ltc_rule_runs')).length).to.equal(1);
    expect(errors).to.deep.equal([]);
  });
});
