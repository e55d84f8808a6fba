/**
 * The stage tracker over a real store: recorded stages written with their reason in the
 * history, `ltc-stage-changed` on the host, a pass interrupted (aborted, the store failing
 * mid-way) and run again with nothing lost or written twice, and a rule "active → silent
 * creates a task" firing exactly once with two tabs (two engines, two trackers) on one store
 * when the clock passes day 61.
 */
import { expect } from '@open-wc/testing';
import { MemoryStore } from '../../src/store/index.js';
import type { ChangeOrigin, Mutation, Store, WriteOptions } from '../../src/store/types.js';
import type { AppDef } from '../../src/core/schema/types.js';
import type { RuleDef } from '../../src/core/rules/index.js';
import { DerivedValues } from '../../src/runtime/derived.js';
import { watchDays } from '../../src/runtime/day-watch.js';
import { StageTracker, type StageChangedDetail } from '../../src/runtime/stage-tracker.js';
import { RuleEngine } from '../../src/runtime/rules/engine.js';
import { RUN_TABLE_ID, withRunLog } from '../../src/runtime/rules/run-log.js';
import { registerStageFieldType } from '../../src/core/lifecycle/stage-field.js';
import { stageReasonText } from '../../src/elements/record-drawer/history.js';
import { shopApp } from '../helpers/stage-app.js';

registerStageFieldType();

const HOUR = 3_600_000;
/** 2026-04-11 12:00 in Shanghai: day 60 after 2026-02-10. */
const DAY60_NOON = Date.UTC(2026, 3, 11, 4);
/** 2026-04-12 00:00 in Shanghai: day 61. */
const DAY61 = Date.UTC(2026, 3, 11, 16);

/** One clock for every tab, with the timers the tabs set. */
function sharedTime(start: number) {
  const state = { now: start, timers: new Set<{ callback: () => void; at: number }>() };
  return {
    state,
    now: () => state.now,
    timerOptions: {
      now: () => state.now,
      setTimer: (callback: () => void, ms: number) => {
        const timer = { callback, at: state.now + ms };
        state.timers.add(timer);
        return timer;
      },
      clearTimer: (handle: unknown) => void state.timers.delete(handle as { callback: () => void; at: number }),
    },
    advance(to: number) {
      for (;;) {
        const due = [...state.timers].filter((t) => t.at <= to).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        state.timers.delete(due);
        state.now = due.at;
        due.callback();
      }
      state.now = to;
    },
  };
}

/** Web Locks for tabs of one test: `ifAvailable` gets null while another holds the name. */
function fakeLocks() {
  const held = new Set<string>();
  return {
    request: (async (name: string, options: LockOptions, callback: (lock: Lock | null) => Promise<unknown>) => {
      if (held.has(name) && options.ifAvailable) return callback(null);
      held.add(name);
      try {
        return await callback({ name, mode: 'exclusive' } as Lock);
      } finally {
        held.delete(name);
      }
    }) as unknown as LockManager['request'],
  };
}

const churnWarning: RuleDef = {
  id: 'churn-warning',
  name: '流失预警',
  enabled: true,
  tableId: 'customers',
  trigger: { type: 'stage-changed', fieldId: 'stage', from: 'active', to: 'silent' },
  actions: [{ type: 'create-record', tableId: 'tasks', values: { title: { value: '回访沉默客户' } }, link: 'customer' }],
};

function appWithTasks(): AppDef {
  const app = shopApp({ rules: [churnWarning] });
  app.tables.push({
    id: 'tasks',
    name: '任务',
    primaryFieldId: 'title',
    fields: [
      { id: 'title', name: '标题', type: 'text' },
      { id: 'customer', name: '客户', type: 'relation', options: { table: 'customers' } },
    ],
  });
  return withRunLog(app);
}

async function seed(store: Store, app: AppDef, customers = 0): Promise<void> {
  await store.putApp(app, undefined);
  const mutations: Mutation[] = [
    { type: 'create', tableId: 'customers', id: 'one', values: { name: '一单' } },
    { type: 'create', tableId: 'customers', id: 'two', values: { name: '两单' } },
    { type: 'create', tableId: 'orders', id: 'o1', values: { customer: 'one', orderDate: '2026-04-01', paymentStatus: 'paid' } },
    { type: 'create', tableId: 'orders', id: 'o2', values: { customer: 'two', orderDate: '2026-01-01', paymentStatus: 'paid' } },
    { type: 'create', tableId: 'orders', id: 'o3', values: { customer: 'two', orderDate: '2026-02-10', paymentStatus: 'paid' } },
  ];
  for (let i = 0; i < customers; i++) mutations.push({ type: 'create', tableId: 'customers', id: `c${i}`, values: { name: `客户${i}` } });
  await store.mutate(app.id, mutations, { origin: { kind: 'import' } });
}

/** One tab: derived values, the day watch, the tracker (and, given, a rule engine). */
async function openTab(store: Store, app: AppDef, time: ReturnType<typeof sharedTime>, extra: { locks?: ReturnType<typeof fakeLocks> | null; host?: EventTarget; rules?: boolean; batchSize?: number } = {}) {
  const derived = new DerivedValues(store, app, { now: time.now });
  await derived.load();
  const tracker = new StageTracker({ store, appId: app.id, app: () => app, derived, now: time.now, locks: extra.locks ?? null, host: extra.host, batchSize: extra.batchSize });
  const engine = extra.rules ? new RuleEngine({ store, appId: app.id, app: () => app, now: time.now, timeZone: 'Asia/Shanghai', locks: { request: (async () => undefined) as unknown as LockManager['request'] } }) : undefined;
  engine?.start();
  const stopWatching = watchDays(derived, () => app, time.timerOptions);
  return {
    derived,
    tracker,
    close() {
      stopWatching();
      tracker.stop();
      engine?.stop();
      derived.dispose();
    },
  };
}

describe('the stage tracker (recorded stages)', () => {
  it('records stages on open, then each move with its reason; the host hears moves, not first recordings', async () => {
    const store = new MemoryStore();
    const app = appWithTasks();
    await seed(store, app);
    const time = sharedTime(DAY60_NOON);
    const host = new EventTarget();
    const heard: StageChangedDetail[] = [];
    host.addEventListener('ltc-stage-changed', (event) => heard.push((event as CustomEvent<StageChangedDetail>).detail));
    const tab = await openTab(store, app, time, { host });
    tab.tracker.start();
    await tab.tracker.idle();
    expect((await store.getRecord('shop', 'customers', 'two'))!.values.stage).to.equal('active');
    expect((await store.getRecord('shop', 'customers', 'one'))!.values.stage).to.equal('new');
    expect(heard).to.deep.equal([]);
    const [first] = await store.recordHistory('shop', 'customers', 'two');
    expect(first!.origin).to.deep.equal({ kind: 'lifecycle', depth: 0, reason: { cause: 'first', day: '2026-04-11' } });

    time.advance(DAY61 + HOUR);
    await tab.tracker.idle();
    expect((await store.getRecord('shop', 'customers', 'two'))!.values.stage).to.equal('silent');
    expect(heard.map(({ recordId, from, to, fieldId, tableId }) => ({ recordId, from, to, fieldId, tableId }))).to.deep.equal([
      { recordId: 'two', from: 'active', to: 'silent', fieldId: 'stage', tableId: 'customers' },
    ]);
    const [moved] = await store.recordHistory('shop', 'customers', 'two');
    expect(moved!.changes).to.deep.equal([{ fieldId: 'stage', before: 'active', after: 'silent' }]);
    const reason = moved!.origin.kind === 'lifecycle' ? moved!.origin.reason : undefined;
    expect(reason).to.deep.equal({ cause: 'time', day: '2026-04-12', silentAfterDays: 60, churnedAfterDays: 180 });
    expect(stageReasonText(reason!, 'silent', 'en')).to.equal('more than 60 days without a counted order (2026-04-12)');
    expect(stageReasonText(reason!, 'silent', 'zh-CN')).to.equal('超过 60 天没有计入的订单（2026-04-12）');

    // A new paid order (a person's edit) moves it back at once, with the orders as the reason.
    await store.mutate('shop', [{ type: 'create', tableId: 'orders', id: 'o4', values: { customer: 'two', orderDate: '2026-04-12', paymentStatus: 'paid' } }]);
    await tab.tracker.idle();
    const [back] = await store.recordHistory('shop', 'customers', 'two');
    expect(back!.changes).to.deep.equal([{ fieldId: 'stage', before: 'silent', after: 'active' }]);
    expect(back!.origin).to.deep.equal({ kind: 'lifecycle', depth: 0, reason: { cause: 'records', day: '2026-04-12', counted: 3, lastAt: '2026-04-12' } });
    expect(stageReasonText((back!.origin as Extract<ChangeOrigin, { kind: 'lifecycle' }>).reason, 'active', 'en')).to.equal('3 counted orders, the latest on 2026-04-12');
    expect(heard.at(-1)).to.include({ recordId: 'two', from: 'silent', to: 'active' });
    tab.close();
  });

  it('an aborted pass and a store failing mid-way lose nothing and write nothing twice when run again', async () => {
    const store = new MemoryStore();
    const app = appWithTasks();
    await seed(store, app, 25);
    const time = sharedTime(DAY60_NOON);
    const tab = await openTab(store, app, time, { batchSize: 10 });
    // Abort after the first batch.
    const abort = new AbortController();
    const unsubscribe = store.subscribe((change) => {
      if (change.origin.kind === 'lifecycle') abort.abort();
    });
    await tab.tracker.syncAll('time', abort.signal);
    unsubscribe();
    const recorded = async () => (await store.queryRecords('shop', 'customers')).filter((c) => c.values.stage).length;
    expect(await recorded()).to.equal(10);
    // The store fails on the next batch's transaction.
    const realMutate = store.mutate.bind(store);
    let calls = 0;
    store.mutate = async (appId: string, mutations: Mutation[], options?: WriteOptions) => {
      if (++calls === 2) throw new Error('the database connection closed');
      return realMutate(appId, mutations, options);
    };
    let failed: unknown;
    await tab.tracker.syncAll('time').catch((error) => (failed = error));
    expect((failed as Error).message).to.contain('closed');
    expect(await recorded()).to.equal(20);
    store.mutate = realMutate;
    await tab.tracker.syncAll('time');
    expect(await recorded()).to.equal(27);
    for (const customer of await store.queryRecords('shop', 'customers')) {
      const entries = (await store.recordHistory('shop', 'customers', customer.id)).filter((e) => e.origin.kind === 'lifecycle');
      expect(entries, customer.id).to.have.length(1);
    }
    tab.close();
  });

  it('fires "active → silent creates a task" exactly once with two tabs when the clock passes day 61', async () => {
    const store = new MemoryStore();
    const app = appWithTasks();
    await seed(store, app);
    const time = sharedTime(DAY60_NOON);
    const locks = fakeLocks();
    const tabs = [await openTab(store, app, time, { locks, rules: true }), await openTab(store, app, time, { locks, rules: true })];
    for (const tab of tabs) tab.tracker.start();
    await Promise.all(tabs.map((tab) => tab.tracker.idle()));
    // The first recording of every stage fires nothing.
    expect(await store.queryRecords('shop', 'tasks')).to.have.length(0);
    time.advance(DAY61 - 1);
    await Promise.all(tabs.map((tab) => tab.tracker.idle()));
    expect(await store.queryRecords('shop', 'tasks')).to.have.length(0);
    time.advance(DAY61 + 2 * HOUR);
    await Promise.all(tabs.map((tab) => tab.tracker.idle()));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const tasks = await store.queryRecords('shop', 'tasks');
    expect(tasks.map((t) => t.values)).to.deep.equal([{ title: '回访沉默客户', customer: 'two' }]);
    const runs = (await store.queryRecords('shop', RUN_TABLE_ID)).filter((r) => r.values.rule === 'churn-warning');
    expect(runs).to.have.length(1);
    expect(runs[0]!.values.trigger).to.equal('stage-changed');
    // A later day changes nothing more.
    time.advance(DAY61 + 30 * HOUR);
    await Promise.all(tabs.map((tab) => tab.tracker.idle()));
    expect(await store.queryRecords('shop', 'tasks')).to.have.length(1);
    for (const tab of tabs) tab.close();
  });
});
