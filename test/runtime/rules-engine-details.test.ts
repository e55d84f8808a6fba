/**
 * Engine details settled when the rules met the customer-ltv template: the app's time zone
 * decides when a time trigger fires, two rules may update one record on one event, a created
 * task copies the customer's owner (`{负责人}`), and round robin skips staff a
 * `candidatesWhen` condition leaves out.
 */
import { expect } from '@open-wc/testing';
import { MemoryStore } from '../../src/store/index.js';
import type { AppDef } from '../../src/core/schema/types.js';
import { assignVariant, checkRule, type RuleDef } from '../../src/core/rules/index.js';
import { RuleEngine } from '../../src/runtime/rules/engine.js';
import { RUN_TABLE_ID, withRunLog } from '../../src/runtime/rules/run-log.js';

function shop(rules: RuleDef[], timeZone?: string): AppDef {
  return withRunLog({
    id: 'shop',
    name: 'Shop',
    version: 0,
    createdAt: '',
    updatedAt: '',
    ...(timeZone ? { timeZone } : {}),
    tables: [
      {
        id: 'staff',
        name: '员工',
        primaryFieldId: 'name',
        fields: [
          { id: 'name', name: '姓名', type: 'text' },
          { id: 'active', name: '在职', type: 'checkbox' },
        ],
      },
      {
        id: 'customers',
        name: '客户',
        primaryFieldId: 'name',
        fields: [
          { id: 'name', name: '客户名称', type: 'text' },
          { id: 'lastOrder', name: '最近下单日期', type: 'date' },
          { id: 'owner', name: '负责人', type: 'relation', options: { table: 'staff' } },
          { id: 'points', name: '积分', type: 'number' },
          { id: 'note', name: '备注', type: 'text' },
          { id: 'variant', name: '券变体', type: 'select', options: { choices: [{ id: 'A', name: 'A' }, { id: 'B', name: 'B' }] } },
        ],
      },
      {
        id: 'tasks',
        name: '跟进任务',
        primaryFieldId: 'title',
        fields: [
          { id: 'title', name: '标题', type: 'text' },
          { id: 'customer', name: '客户', type: 'relation', options: { table: 'customers' } },
          { id: 'owner', name: '负责人', type: 'relation', options: { table: 'staff' } },
        ],
      },
    ],
    rules,
  } as AppDef);
}

async function open(rules: RuleDef[], options: { timeZone?: string; now?: number } = {}) {
  const store = new MemoryStore();
  const app = await store.putApp(shop(rules, options.timeZone));
  for (const [i, rule] of rules.entries()) expect(checkRule(rule, i, app)).to.deep.equal([]);
  await store.mutate('shop', [
    { type: 'create', tableId: 'staff', id: 's1', values: { name: '张伟', active: true } },
    { type: 'create', tableId: 'staff', id: 's2', values: { name: '韩雪', active: false } },
    { type: 'create', tableId: 'staff', id: 's3', values: { name: '刘洋', active: true } },
  ]);
  const clock = { now: options.now ?? Date.UTC(2026, 10, 1) };
  const engine = new RuleEngine({ store, appId: 'shop', app: () => app, now: () => clock.now });
  engine.start();
  return { store, engine, clock };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

/** A follow-up task at 10:00 on the day of the last order (app time). */
const sameDay: RuleDef = {
  id: 'same-day',
  name: '当天 10 点',
  enabled: true,
  tableId: 'customers',
  trigger: { type: 'date-relative', fieldId: 'lastOrder', offset: 0, unit: 'days', at: '10:00' },
  actions: [{ type: 'create-record', tableId: 'tasks', values: { title: { value: '回访' } }, link: 'customer' }],
};

describe('rule engine details', () => {
  it("fires a time trigger at the time of day in the app's time zone, not the browser's", async () => {
    const rule = sameDay;
    // 2026-11-01 01:00Z: 09:00 in Shanghai.
    const { store, engine, clock } = await open([rule], { timeZone: 'Asia/Shanghai', now: Date.UTC(2026, 10, 1, 1) });
    await store.mutate('shop', [{ type: 'create', tableId: 'customers', id: 'c1', values: { name: '范国庆', lastOrder: '2026-11-01' } }]);
    await engine.wake(); // the cursor starts here
    clock.now = Date.UTC(2026, 10, 1, 2, 30); // 10:30 in Shanghai, 02:30 UTC
    await engine.wake();
    expect((await store.queryRecords('shop', 'tasks')).map((t) => t.values.customer)).to.deep.equal(['c1']);
    engine.stop();
  });

  it('lets two rules update one record on one event, each seeing what the one before wrote', async () => {
    const points: RuleDef = { id: 'welcome', name: '新客积分', enabled: true, tableId: 'customers', trigger: { type: 'record-created' }, actions: [{ type: 'add-points', fieldId: 'points', points: 100 }] };
    const note: RuleDef = {
      id: 'note',
      name: '备注积分',
      enabled: true,
      tableId: 'customers',
      trigger: { type: 'record-created' },
      actions: [{ type: 'set-field', fieldId: 'note', formula: '"积分 " & {积分}' }],
    };
    const { store, engine } = await open([points, note]);
    await store.mutate('shop', [{ type: 'create', tableId: 'customers', id: 'c1', values: { name: '范国庆', points: 0 } }]);
    await settle();
    const record = await store.getRecord('shop', 'customers', 'c1');
    expect(record!.values).to.deep.include({ points: 100, note: '积分 100' });
    const runs = (await store.queryRecords('shop', RUN_TABLE_ID)).filter((r) => r.values.record === 'c1');
    expect(runs.map((r) => [r.values.rule, r.values.status]).sort()).to.deep.equal([
      ['note', 'ok'],
      ['welcome', 'ok'],
    ]);
    engine.stop();
  });

  it("copies the customer's owner onto a created task, and assigns owners only among staff still employed", async () => {
    const assign: RuleDef = {
      id: 'assign',
      name: '线索分配',
      enabled: true,
      tableId: 'customers',
      trigger: { type: 'record-created' },
      actions: [{ type: 'assign-owner', fieldId: 'owner', strategy: 'round-robin', candidatesWhen: { '==': [{ var: 'active' }, true] } }],
    };
    const task: RuleDef = {
      id: 'task',
      name: '首次回访',
      enabled: true,
      tableId: 'customers',
      trigger: { type: 'record-updated', fieldId: 'owner' },
      actions: [{ type: 'create-record', tableId: 'tasks', link: 'customer', values: { title: { formula: '"回访 " & {客户名称}' }, owner: { formula: '{负责人}' } } }],
    };
    const { store, engine } = await open([assign, task]);
    for (const id of ['c1', 'c2', 'c3', 'c4']) {
      await store.mutate('shop', [{ type: 'create', tableId: 'customers', id, values: { name: id } }]);
      await settle();
    }
    const owners = await Promise.all(['c1', 'c2', 'c3', 'c4'].map(async (id) => (await store.getRecord('shop', 'customers', id))!.values.owner));
    // 韩雪 (s2) has left: the rotation is 张伟, 刘洋, 张伟, 刘洋.
    expect(owners).to.deep.equal(['s1', 's3', 's1', 's3']);
    const tasks = (await store.queryRecords('shop', 'tasks')).map((t) => [t.values.customer, t.values.owner, t.values.title]).sort();
    expect(tasks).to.deep.equal([
      ['c1', 's1', '回访 c1'],
      ['c2', 's3', '回访 c2'],
      ['c3', 's1', '回访 c3'],
      ['c4', 's3', '回访 c4'],
    ]);
    engine.stop();
  });

  it("writes each record's A/B variant to the rule's variant field, so the table can group by it", async () => {
    const variants = [
      { id: 'A', weight: 50 },
      { id: 'B', weight: 50 },
    ];
    const coupon: RuleDef = {
      id: 'coupon',
      name: '新客券',
      enabled: true,
      tableId: 'customers',
      trigger: { type: 'record-created' },
      variants,
      variantFieldId: 'variant',
      actions: [
        { type: 'add-points', fieldId: 'points', points: 20, variant: 'A' },
        { type: 'add-points', fieldId: 'points', points: 10, variant: 'B' },
      ],
    };
    const { store, engine } = await open([coupon]);
    const ids = Array.from({ length: 12 }, (_, i) => `c${i}`);
    for (const id of ids) await store.mutate('shop', [{ type: 'create', tableId: 'customers', id, values: { name: id, points: 0 } }]);
    await settle();
    for (const id of ids) {
      const record = (await store.getRecord('shop', 'customers', id))!;
      const variant = assignVariant('coupon', id, variants);
      expect(record.values.variant, id).to.equal(variant);
      expect(record.values.points, id).to.equal(variant === 'A' ? 20 : 10);
    }
    // A variant the field cannot hold is refused with the rule's path.
    const app = (await store.getApp('shop'))!;
    const bad = { ...coupon, variants: [...variants, { id: 'C', weight: 10 }] };
    expect(checkRule(bad, 0, app).map((issue) => [issue.path, issue.code])).to.deep.equal([['rules[0].variantFieldId', 'rule.unknownChoice']]);
    engine.stop();
  });

  it('hands the time triggers to the other tab when the leader tab closes (Web Locks)', async () => {
    const rule = sameDay;
    const store = new MemoryStore();
    const app = await store.putApp({ ...shop([rule], 'Asia/Shanghai'), id: 'leader-shop' });
    await store.mutate('leader-shop', [{ type: 'create', tableId: 'customers', id: 'c1', values: { name: '范国庆', lastOrder: '2026-11-01' } }]);
    const clock = { now: Date.UTC(2026, 10, 1, 1) }; // 09:00 in Shanghai
    const tab = () => new RuleEngine({ store, appId: 'leader-shop', app: () => app, now: () => clock.now });
    const cursor = async () => (await store.getRecord('leader-shop', RUN_TABLE_ID, 'cursor_same-day'))?.values.at;
    const tasks = async () => (await store.queryRecords('leader-shop', 'tasks')).length;
    const [a, b] = [tab(), tab()];
    a.start();
    b.start();
    // The first tab leads: its wake-up starts the rule's cursor at 09:00.
    for (let i = 0; i < 100 && !(await cursor()); i++) await settle();
    expect(await cursor()).to.equal(new Date(clock.now).toISOString());
    clock.now = Date.UTC(2026, 10, 1, 2, 30); // 10:30: the occurrence is due
    await settle();
    expect(await tasks(), 'the waiting tab does not wake on its own').to.equal(0);
    a.stop();
    for (let i = 0; i < 100 && (await tasks()) === 0; i++) await settle();
    expect(await tasks(), 'the other tab took over and fired the 10:00 occurrence').to.equal(1);
    b.stop();
  });
});
