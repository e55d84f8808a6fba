/**
 * The rule engine over a real store with an injected clock: the 3/7/15-day repurchase
 * sequence fires exactly once per customer with two engines (two tabs) on one store, across
 * a reload and after a week with no page open (caught up or skipped by policy); loops stop
 * at the depth limit; webhooks are retried and logged; a dry run writes nothing.
 */
import { expect } from '@open-wc/testing';
import { MemoryStore, openIndexedDbStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import type { AppDef, RecordData } from '../../src/core/schema/types.js';
import type { RuleDef } from '../../src/core/rules/index.js';
import { RuleEngine, type RuleEngineOptions } from '../../src/runtime/rules/engine.js';
import { RUN_TABLE_ID, withRunLog } from '../../src/runtime/rules/run-log.js';

const DAY = 86_400_000;
const TZ = 'Asia/Shanghai';
/** 2026-11-01 08:00 in Shanghai. */
const DAY0 = Date.UTC(2026, 10, 1, 0);

const repurchase = (days: number, extra: Partial<RuleDef> = {}): RuleDef => ({
  id: `repurchase-${days}d`,
  name: `复购提醒 第 ${days} 天`,
  enabled: true,
  tableId: 'customers',
  trigger: { type: 'date-relative', fieldId: 'lastOrder', offset: days, unit: 'days', at: '10:00' },
  actions: [{ type: 'create-record', tableId: 'tasks', values: { title: { value: `第 ${days} 天回访` } }, link: 'customer' }],
  ...extra,
});

function appWith(rules: RuleDef[]): AppDef {
  return withRunLog({
    id: 'shop',
    name: 'Shop',
    version: 0,
    createdAt: '',
    updatedAt: '',
    tables: [
      {
        id: 'customers',
        name: '客户',
        primaryFieldId: 'name',
        fields: [
          { id: 'name', name: '姓名', type: 'text' },
          { id: 'lastOrder', name: '最近下单日期', type: 'date' },
          { id: 'points', name: '积分', type: 'number' },
        ],
      },
      {
        id: 'tasks',
        name: '跟进任务',
        primaryFieldId: 'title',
        fields: [
          { id: 'title', name: '标题', type: 'text' },
          { id: 'customer', name: '客户', type: 'relation', options: { table: 'customers' } },
        ],
      },
    ],
    rules,
  } as AppDef);
}

async function setup(store: Store, rules: RuleDef[]) {
  const app = await store.putApp(appWith(rules));
  await store.mutate('shop', [
    { type: 'create', tableId: 'customers', id: 'c1', values: { name: '范国庆', lastOrder: '2026-11-01', points: 0 } },
    { type: 'create', tableId: 'customers', id: 'c2', values: { name: '李娜', lastOrder: '2026-11-02', points: 0 } },
    { type: 'create', tableId: 'customers', id: 'c3', values: { name: '王芳', lastOrder: null, points: 0 } },
  ]);
  return app;
}

function engine(store: Store, app: () => AppDef, clock: { now: number }, extra: Partial<RuleEngineOptions> = {}) {
  return new RuleEngine({ store, appId: 'shop', app, now: () => clock.now, timeZone: TZ, ...extra });
}

async function tasks(store: Store): Promise<string[]> {
  return (await store.queryRecords('shop', 'tasks')).map((t) => `${t.values.customer}:${t.values.title}`).sort();
}

for (const [name, make] of [
  ['MemoryStore', async () => new MemoryStore() as Store],
  ['IndexedDbStore', async () => (await openIndexedDbStore(`ltc-rules-${Date.now()}-${Math.random().toString(36).slice(2)}`, { broadcast: false })) as Store],
] as const) {
  describe(`rule engine (${name})`, function () {
    this.timeout(60000);

    it('fires day 3, 7 and 15 once each, with two tabs waking together and after a reload', async () => {
      const store = await make();
      const app = await setup(store, [repurchase(3), repurchase(7), repurchase(15)]);
      const clock = { now: DAY0 };
      const tabA = engine(store, () => app, clock);
      const tabB = engine(store, () => app, clock);
      await Promise.all([tabA.wake(), tabB.wake()]); // rules start now: cursors written
      expect(await tasks(store)).to.deep.equal([]);

      const at = (day: number, hour: number, minute = 0) => Date.UTC(2026, 10, 1 + day, hour - 8, minute);
      for (const [time, expected] of [
        [at(3, 9, 59), []],
        [at(3, 10, 1), ['c1:第 3 天回访']],
        [at(4, 10, 1), ['c1:第 3 天回访', 'c2:第 3 天回访']],
        [at(8, 12), ['c1:第 3 天回访', 'c1:第 7 天回访', 'c2:第 3 天回访', 'c2:第 7 天回访']],
      ] as const) {
        clock.now = time;
        await Promise.all([tabA.wake(), tabB.wake(), tabA.wake()]);
        expect(await tasks(store), new Date(time).toISOString()).to.deep.equal(expected);
      }
      // A reload: a new engine over the same store fires nothing again.
      const reloaded = engine(store, () => app, clock);
      await reloaded.wake();
      clock.now = at(15, 10, 30);
      await Promise.all([reloaded.wake(), tabB.wake()]);
      clock.now = at(16, 11);
      await Promise.all([reloaded.wake(), tabB.wake()]);
      expect(await tasks(store)).to.deep.equal(['c1:第 15 天回访', 'c1:第 3 天回访', 'c1:第 7 天回访', 'c2:第 15 天回访', 'c2:第 3 天回访', 'c2:第 7 天回访']);
      const runs = (await store.queryRecords('shop', RUN_TABLE_ID)).filter((r) => r.id.startsWith('run_'));
      expect(runs.length).to.equal(6);
      expect(runs.every((run) => run.values.status === 'ok' && run.values.trigger === 'date-relative')).to.equal(true);
      store.close();
    });

    it('catches up after a week with no page open, or skips, by the rule’s policy', async () => {
      const store = await make();
      const rules = [repurchase(3), repurchase(7, { catchUp: { missed: 'skip' } }), repurchase(15, { catchUp: { missed: 'fire', maxLateDays: 3 } })];
      const app = await setup(store, rules);
      const clock = { now: DAY0 };
      await engine(store, () => app, clock).wake();
      // No page open until day 20: day 3 fires late, day 7 is skipped, day 15 (5 days late) is too old.
      clock.now = DAY0 + 20 * DAY;
      await engine(store, () => app, clock).wake();
      expect(await tasks(store)).to.deep.equal(['c1:第 3 天回访', 'c2:第 3 天回访']);
      await engine(store, () => app, clock).wake();
      expect((await tasks(store)).length).to.equal(2);
      store.close();
    });

    it('a rule that triggers itself stops at the depth limit and says so', async () => {
      const store = await make();
      const loop: RuleDef = { id: 'loop', name: 'loop', enabled: true, tableId: 'customers', trigger: { type: 'record-updated', fieldId: 'points' }, actions: [{ type: 'add-points', fieldId: 'points', points: 1 }] };
      const app = await setup(store, [loop]);
      const clock = { now: DAY0 };
      const tab = engine(store, () => app, clock);
      tab.start();
      try {
        const c1 = (await store.getRecord('shop', 'customers', 'c1'))!;
        await store.mutate('shop', [{ type: 'update', tableId: 'customers', id: 'c1', expectedVersion: c1.version, values: { points: 100 } }]);
        const settle = async () => {
          for (let i = 0; i < 50; i++) await new Promise((resolve) => setTimeout(resolve, 10));
        };
        await settle();
        const after = (await store.getRecord('shop', 'customers', 'c1'))!;
        expect(after.values.points).to.equal(105);
        const runs = await store.queryRecords('shop', RUN_TABLE_ID);
        expect(runs.filter((r) => r.values.status === 'ok').length).to.equal(5);
        const stopped = runs.filter((r) => r.values.status === 'stopped');
        expect(stopped.length).to.equal(1);
        expect(String(stopped[0]!.values.error)).to.contain('stopped');
      } finally {
        tab.stop();
        store.close();
      }
    });

    it('rules do not react to other tabs’ changes, imports or disabled rules', async () => {
      const store = await make();
      const onCreate: RuleDef = { id: 'welcome', name: 'welcome', enabled: true, tableId: 'customers', trigger: { type: 'record-created' }, actions: [{ type: 'add-points', fieldId: 'points', points: 50 }] };
      const off: RuleDef = { ...onCreate, id: 'off', enabled: false, actions: [{ type: 'add-points', fieldId: 'points', points: 1000 }] };
      const app = await setup(store, [onCreate, off]);
      const tab = engine(store, () => app, { now: DAY0 });
      tab.start();
      try {
        await store.mutate('shop', [{ type: 'create', tableId: 'customers', id: 'n1', values: { name: 'n1', points: 0 } }]);
        await store.mutate('shop', [{ type: 'create', tableId: 'customers', id: 'n2', values: { name: 'n2', points: 0 } }], { origin: { kind: 'tab', from: { kind: 'user' } } });
        await store.bulkCreate('shop', 'customers', [{ id: 'n3', values: { name: 'n3', points: 0 } }], { origin: { kind: 'import' } });
        for (let i = 0; i < 30; i++) await new Promise((resolve) => setTimeout(resolve, 10));
        const points = async (id: string) => (await store.getRecord('shop', 'customers', id))!.values.points;
        expect([await points('n1'), await points('n2'), await points('n3')]).to.deep.equal([50, 0, 0]);
      } finally {
        tab.stop();
        store.close();
      }
    });
  });
}

describe('rule engine: webhooks and dry runs', () => {
  const hook = (url: string): RuleDef => ({
    id: 'hook',
    name: 'hook',
    enabled: true,
    tableId: 'customers',
    trigger: { type: 'record-created' },
    actions: [
      { type: 'webhook', url, body: { name: '{姓名}', points: '{积分}' }, retries: 2 },
      { type: 'dispatch-event', payload: { name: '{姓名}' } },
    ],
  });

  it('retries a failing webhook with backoff, logs every attempt, and dispatches ltc-rule-fired', async () => {
    const store = new MemoryStore();
    const app = await setup(store, [hook('https://hooks.example.com/sms')]);
    const calls: Array<{ url: string; body: unknown }> = [];
    const waits: number[] = [];
    const fired: unknown[] = [];
    let failures = 2;
    const tab = engine(store, () => app, { now: DAY0 }, {
      webhookOrigins: ['https://hooks.example.com'],
      fetch: async (url, init) => {
        calls.push({ url, body: JSON.parse(String(init.body)) });
        if (failures-- > 0) return { ok: false, status: 503 };
        return { ok: true, status: 200 };
      },
      wait: async (ms) => void waits.push(ms),
      dispatch: (eventName, detail) => fired.push({ eventName, detail }),
    });
    const c1 = (await store.getRecord('shop', 'customers', 'c1')) as RecordData;
    await tab.handleEvent({ type: 'created', tableId: 'customers', record: c1 });
    expect(calls.length).to.equal(3);
    expect(calls[0]!.body).to.deep.equal({ name: '范国庆', points: 0 });
    expect(waits).to.deep.equal([1000, 2000]);
    expect(fired).to.deep.equal([{ eventName: 'ltc-rule-fired', detail: { appId: 'shop', ruleId: 'hook', tableId: 'customers', recordId: 'c1', variant: null, payload: { name: '范国庆' } } }]);
    const [run] = await store.queryRecords('shop', RUN_TABLE_ID);
    expect(run!.values.status).to.equal('ok');
    expect(String(run!.values.error).split('\n').map((line) => line.replace(/^\S+ /, ''))).to.deep.equal([
      'webhook attempt 1: HTTP 503',
      'webhook attempt 2: HTTP 503',
      'webhook attempt 3: 200',
    ]);
  });

  it('never sends to an origin the site owner did not allow', async () => {
    const store = new MemoryStore();
    const app = await setup(store, [hook('https://evil.example.net/x')]);
    let sent = 0;
    const tab = engine(store, () => app, { now: DAY0 }, { webhookOrigins: ['https://hooks.example.com'], fetch: async () => ((sent += 1), { ok: true, status: 200 }) });
    await tab.handleEvent({ type: 'created', tableId: 'customers', record: (await store.getRecord('shop', 'customers', 'c1'))! });
    expect(sent).to.equal(0);
    const [run] = await store.queryRecords('shop', RUN_TABLE_ID);
    expect(run!.values.status).to.equal('partial');
    expect(String(run!.values.error)).to.contain('https://evil.example.net is not an allowed webhook origin');
  });

  it('a dry run lists what every matching record would get, and writes nothing', async () => {
    const store = new MemoryStore();
    const rule: RuleDef = { ...repurchase(3), condition: { '!!': [{ var: 'lastOrder' }] }, actions: [...repurchase(3).actions, { type: 'add-points', fieldId: 'points', points: 20 }] };
    const app = await setup(store, [rule]);
    const before = JSON.stringify([await store.queryRecords('shop', 'customers'), await store.queryRecords('shop', 'tasks'), await store.queryRecords('shop', RUN_TABLE_ID)]);
    const result = await engine(store, () => app, { now: DAY0 }).dryRun(rule);
    expect(result.matched).to.equal(2);
    expect(result.plans.map((p) => [p.recordId, p.update?.values.points, p.creates[0]?.values.title])).to.deep.equal([
      ['c1', 20, '第 3 天回访'],
      ['c2', 20, '第 3 天回访'],
    ]);
    const after = JSON.stringify([await store.queryRecords('shop', 'customers'), await store.queryRecords('shop', 'tasks'), await store.queryRecords('shop', RUN_TABLE_ID)]);
    expect(after).to.equal(before);
  });
});
