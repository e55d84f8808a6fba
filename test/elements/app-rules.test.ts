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
import { deep, typeInto, waitFor } from './helpers.js';
import type { LtcForm } from '../../src/elements/ltc-form.js';

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

  it('runs a "form submitted" rule when the workspace\'s form saves a record, once', async () => {
    const store = new MemoryStore();
    const app = shop(true);
    app.rules = [{ id: 'thanks', name: '表单感谢', enabled: true, tableId: 'customers', trigger: { type: 'form-submitted' }, actions: [{ type: 'dispatch-event', payload: { who: '{姓名}' } }] }];
    await store.putApp(app);
    const fired: Array<{ ruleId: string; recordId: string; payload: unknown }> = [];
    const el = await fixture<LtcApp>(html`<ltc-app app-id="rules-shop" lang="zh-CN" .store=${store} @ltc-rule-fired=${(e: CustomEvent) => fired.push(e.detail)}></ltc-app>`);
    await waitFor(() => el.app?.tables.some((t) => t.id === 'ltc_rule_runs'), 'the run log table', 20000);
    // A record written without the form triggers nothing.
    await store.mutate('rules-shop', [{ type: 'create', tableId: 'customers', id: 'c0', values: { name: '接口写入' } }]);
    await waitFor(() => deep(el, 'ltc-table', 'button.add'), 'the table', 20000);
    deep<HTMLButtonElement>(el, 'ltc-table', 'button.add')!.click();
    const form = await waitFor(() => deep<LtcForm>(el, 'ltc-table', 'dialog[open] ltc-form'), 'form dialog');
    await form.updateComplete;
    await typeInto(deep<HTMLInputElement>(form, '[name="name"]')!, '表单客户');
    deep<HTMLButtonElement>(form, 'button[type=submit]')!.click();
    await waitFor(() => fired.length === 1, 'ltc-rule-fired', 20000);
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fired).to.have.length(1);
    expect(fired[0]).to.deep.include({ ruleId: 'thanks', payload: { who: '表单客户' } });
    const runs = await store.queryRecords('rules-shop', 'ltc_rule_runs');
    expect(runs.filter((r) => r.values.rule === 'thanks').map((r) => [r.values.record, r.values.trigger, r.values.status])).to.deep.equal([[fired[0]!.recordId, 'form-submitted', 'ok']]);
  });

  it("shows a rule's in-app notification in the workspace, with the record's values filled in", async () => {
    const store = new MemoryStore();
    const app = shop(true);
    app.rules = [{ id: 'hello', name: '新客提醒', enabled: true, tableId: 'customers', trigger: { type: 'record-created' }, actions: [{ type: 'notify', message: '新客户：{姓名}' }] }];
    await store.putApp(app);
    const heard: string[] = [];
    const el = await fixture<LtcApp>(html`<ltc-app app-id="rules-shop" lang="zh-CN" .store=${store} @ltc-notification=${(e: CustomEvent<{ message: string }>) => heard.push(e.detail.message)}></ltc-app>`);
    await waitFor(() => el.app?.tables.some((t) => t.id === 'ltc_rule_runs'), 'the run log table', 20000);
    await store.mutate('rules-shop', [{ type: 'create', tableId: 'customers', id: 'c9', values: { name: '赵六' } }]);
    const status = await waitFor(() => (deep(el, 'header .toast')?.textContent?.includes('新客户：赵六') ? deep(el, 'header .toast') : null), 'the notification shown', 20000);
    expect(status!.getAttribute('role')).to.equal('status');
    expect(heard).to.deep.equal(['新客户：赵六']);
  });
});
