/**
 * The customer-ltv template's rules on its cloned sample app, with an injected clock and the
 * engine reading computed fields through the app's derived values (as `<ltc-app>` starts it):
 * a hand-picked lead who orders on day 0 gets exactly the day-3, day-7 and day-15 messages,
 * once each, with two engines (two tabs) on one store and across a reload; a week with no page
 * open skips the stale reminder and sends the recent one late; the day-15 coupon follows the
 * customer's A/B variant; churn warning and care react to a stage move; the disabled rules do
 * nothing until enabled; a dry run of each rule writes nothing and matches the count a plain
 * loop over the sample data gives.
 */
import { expect } from '@open-wc/testing';
import { MemoryStore } from '../../src/store/index.js';
import type { AppDef, CellValue, RecordData } from '../../src/core/schema/types.js';
import { assignVariant, type RuleDef } from '../../src/core/rules/index.js';
import { lifecycleStage } from '../../src/core/lifecycle/stage.js';
import { ensureApp } from '../../src/runtime/open-app.js';
import { DerivedValues, isDerivedField } from '../../src/runtime/derived.js';
import { RuleEngine } from '../../src/runtime/rules/engine.js';
import { RUN_TABLE_ID, withRunLog } from '../../src/runtime/rules/run-log.js';
import { StageTracker } from '../../src/runtime/stage-tracker.js';
import { customerLtvTemplate } from '../helpers/customer-ltv.js';

const TZ = 'Asia/Shanghai';
/** Day 0 of the tests: 2026-11-02, the first day after the sample orders end. */
const DAY0 = '2026-11-02';
/** An instant on day `day` after DAY0 at `hh:mm` in Shanghai (UTC+8, no DST). */
const at = (day: number, hour: number, minute = 0) => Date.UTC(2026, 10, 2 + day, hour - 8, minute);

interface Tab {
  engine: RuleEngine;
  derived: DerivedValues;
  fired: Array<Record<string, unknown>>;
}

/** The cloned customer-ltv app in a MemoryStore, with the run log table the engine adds on start. */
async function openApp(store: MemoryStore, edit: (rules: RuleDef[]) => RuleDef[] = (rules) => rules): Promise<AppDef> {
  const template = await customerLtvTemplate();
  template.rules = edit(template.rules ?? []);
  const { app } = await ensureApp(store, { appId: 'ltv', loadTemplate: async () => template });
  return store.putApp(withRunLog(app), app.version);
}

/** One tab: derived values and an engine over them, like src/runtime/rules/start.ts. */
async function openTab(store: MemoryStore, app: AppDef, clock: { now: number }): Promise<Tab> {
  const derived = new DerivedValues(store, app, { now: () => clock.now });
  await derived.load();
  const fired: Array<Record<string, unknown>> = [];
  const engine = new RuleEngine({
    store,
    appId: app.id,
    app: () => app,
    records: async (tableId) => derived.all(tableId),
    readValue: (record, field) => (isDerivedField(field) ? ((derived.value(record.tableId, record.id, field.id) ?? null) as CellValue) : (record.values[field.id] ?? null)),
    now: () => clock.now,
    timeZone: TZ,
    dispatch: (name, detail) => {
      if (name === 'ltc-rule-fired') fired.push(detail);
    },
    // A lock never granted: this tab runs record rules only; tests call wake() for time rules.
    locks: { request: (async () => undefined) as unknown as LockManager['request'] },
  });
  return { engine, derived, fired };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function byName(store: MemoryStore, name: string): Promise<RecordData> {
  const found = (await store.queryRecords('ltv', 'customers')).find((c) => c.values.name === name);
  if (!found) throw new Error(`no customer ${name}`);
  return found;
}

/** A lead of the sample data (no orders), the first by name so the pick does not depend on cloned ids. */
async function pickLead(store: MemoryStore): Promise<RecordData> {
  const buyers = new Set((await store.queryRecords('ltv', 'orders')).map((o) => o.values.customer));
  const leads = (await store.queryRecords('ltv', 'customers')).filter((c) => !buyers.has(c.id)).sort((a, b) => String(a.values.name).localeCompare(String(b.values.name)));
  return leads[0]!;
}

async function placeOrder(store: MemoryStore, customer: RecordData, date: string): Promise<void> {
  await store.mutate('ltv', [{ type: 'create', tableId: 'orders', id: `test_order_${date}`, values: { orderNo: `SO-TEST-${date}`, customer: customer.id, orderDate: date, amount: 199, paymentStatus: 'paid', channel: 'online' } }]);
  await settle();
}

/** The message log rows the rules wrote for one customer, as `rule[variant]`. */
async function messagesFor(store: MemoryStore, customerId: string): Promise<string[]> {
  return (await store.queryRecords('ltv', 'messages'))
    .filter((m) => m.values.customer === customerId && m.values.rule)
    .map((m) => `${String(m.values.rule)}${m.values.variant ? `[${String(m.values.variant)}]` : ''}`)
    .sort();
}

describe('customer-ltv rules on the sample app', function () {
  this.timeout(60000);

  it('a lead ordering on day 0 gets the day-3, 7 and 15 messages once each: two tabs, then a reload', async () => {
    const store = new MemoryStore();
    const app = await openApp(store);
    const clock = { now: at(0, 8) };
    const lead = await pickLead(store);
    const tabA = await openTab(store, app, clock);
    const tabB = await openTab(store, app, clock);
    await Promise.all([tabA.engine.wake(), tabB.engine.wake()]); // first open: the rules start now
    await placeOrder(store, lead, DAY0);
    const variant = assignVariant('repurchase15d', lead.id, [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }]);

    const steps: Array<[number, string[]]> = [
      [at(3, 9, 59), []],
      [at(3, 10, 0), ['repurchase3d']],
      [at(4, 10, 0), ['repurchase3d']],
      [at(7, 10, 1), ['repurchase3d', 'repurchase7d']],
      [at(14, 23, 59), ['repurchase3d', 'repurchase7d']],
    ];
    for (const [time, expected] of steps) {
      clock.now = time;
      await Promise.all([tabA.engine.wake(), tabB.engine.wake(), tabA.engine.wake()]);
      expect(await messagesFor(store, lead.id), new Date(time).toISOString()).to.deep.equal(expected);
    }
    // A reload: new derived values and a new engine over the same store.
    const reloaded = await openTab(store, app, clock);
    await reloaded.engine.wake();
    clock.now = at(15, 10, 2);
    await Promise.all([reloaded.engine.wake(), tabB.engine.wake()]);
    clock.now = at(16, 12);
    await Promise.all([reloaded.engine.wake(), tabB.engine.wake()]);
    expect(await messagesFor(store, lead.id)).to.deep.equal(['repurchase15d', 'repurchase3d', 'repurchase7d'].map((id) => (id === 'repurchase15d' ? `${id}[${variant}]` : id)).sort());

    const rows = (await store.queryRecords('ltv', 'messages')).filter((m) => m.values.customer === lead.id);
    const day3 = rows.find((m) => m.values.rule === 'repurchase3d')!;
    expect(String(day3.values.content)).to.contain(String(lead.values.name)).and.contain('密封冷藏');
    expect(day3.values.channel).to.equal('sms');
    expect(day3.values.sentAt).to.equal(new Date(at(3, 10, 0)).toISOString());
    const coupon = rows.find((m) => m.values.rule === 'repurchase15d')!;
    expect(String(coupon.values.content)).to.contain(variant === 'A' ? '满 100 减 20' : '9 折');
    // ltc-rule-fired: once per message, across the three engines, with the coupon of the variant.
    const events = [...tabA.fired, ...tabB.fired, ...reloaded.fired].filter((e) => e.recordId === lead.id);
    expect(events.map((e) => (e.payload as { template: string }).template).sort()).to.deep.equal(['coupon', 'recipes', 'storage-tips']);
    const couponEvent = events.find((e) => (e.payload as { template: string }).template === 'coupon')!;
    expect(couponEvent.variant).to.equal(variant);
    expect((couponEvent.payload as { coupon: string; mobile: string }).coupon).to.equal(variant === 'A' ? 'SAVE20' : 'OFF10');
    expect((couponEvent.payload as { mobile: string }).mobile).to.equal(lead.values.mobile);
    const runs = (await store.queryRecords('ltv', RUN_TABLE_ID)).filter((r) => r.values.record === lead.id);
    expect(runs.map((r) => [r.values.rule, r.values.status]).sort()).to.deep.equal([['repurchase15d', 'ok'], ['repurchase3d', 'ok'], ['repurchase7d', 'ok']]);
  });

  it('other customers get each reminder once too: every message matches a plain loop over last order dates', async () => {
    const store = new MemoryStore();
    const app = await openApp(store);
    const clock = { now: at(0, 8) };
    const tab = await openTab(store, app, clock);
    await tab.engine.wake();
    for (let day = 0; day <= 16; day++) {
      clock.now = at(day, 10, 1);
      await tab.engine.wake();
    }
    await (await openTab(store, app, clock)).engine.wake();
    // The loop: a customer with a paid order whose last order (any status) is N days before a day in the window.
    const orders = await store.queryRecords('ltv', 'orders');
    const last = new Map<string, string>();
    const paid = new Set<string>();
    for (const o of orders) {
      const id = String(o.values.customer);
      if (String(o.values.orderDate) > (last.get(id) ?? '')) last.set(id, String(o.values.orderDate));
      if (o.values.paymentStatus === 'paid') paid.add(id);
    }
    const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
    const expected: string[] = [];
    for (const [id, date] of last) {
      if (!paid.has(id)) continue;
      for (const n of [3, 7, 15]) {
        const due = dayOf(date) + n - dayOf(DAY0);
        // Due after the first wake (day 0, 08:00) and by the last one (day 16, 10:01).
        if (due >= 0 && due <= 16) expected.push(`${id}:repurchase${n}d`);
      }
    }
    const written = (await store.queryRecords('ltv', 'messages')).filter((m) => m.values.rule).map((m) => `${String(m.values.customer)}:${String(m.values.rule)}`);
    expect(written.sort()).to.deep.equal(expected.sort());
    expect(expected.length).to.be.greaterThan(20);
  });

  it('after a week with no page open: the 5-day-old reminder is skipped, the 1-day-old one sent late', async () => {
    const store = new MemoryStore();
    const app = await openApp(store);
    const clock = { now: at(0, 8) };
    const lead = await pickLead(store);
    await (await openTab(store, app, clock)).engine.wake();
    await placeOrder(store, lead, DAY0);
    // Closed from day 0 to day 8 at noon: day 3 (5 days late) is past maxLateDays 2; day 7 (26 hours late) is not.
    clock.now = at(8, 12);
    await (await openTab(store, app, clock)).engine.wake();
    expect(await messagesFor(store, lead.id)).to.deep.equal(['repurchase7d']);
    const late = (await store.queryRecords('ltv', 'messages')).find((m) => m.values.customer === lead.id)!;
    expect(late.values.sentAt).to.equal(new Date(at(8, 12)).toISOString());
    clock.now = at(15, 10, 0);
    await (await openTab(store, app, clock)).engine.wake();
    expect((await messagesFor(store, lead.id)).map((m) => m.replace(/\[.\]$/, ''))).to.deep.equal(['repurchase15d', 'repurchase7d']);
  });

  it('a frequent buyer going quiet gets the churn-warning task and tag and the care message; a light buyer only the task', async () => {
    const store = new MemoryStore();
    const app = await openApp(store);
    const clock = { now: at(0, 9) };
    const tab = await openTab(store, app, clock);
    const active = (await store.queryRecords('ltv', 'customers')).filter((c) => tab.derived.value('customers', c.id, 'stage') === 'active');
    expect(active.length).to.be.greaterThan(20);
    const paidCount = (c: RecordData) => Number(tab.derived.value('customers', c.id, 'orderCount'));
    const heavy = active.find((c) => paidCount(c) >= 5)!;
    const light = active.find((c) => paidCount(c) < 5)!;
    for (const customer of [heavy, light]) {
      const record = (await store.getRecord('ltv', 'customers', customer.id))!;
      await tab.engine.handleEvent({ type: 'stage-changed', tableId: 'customers', record, fieldId: 'stage', from: 'active', to: 'silent' });
    }
    const tasks = (await store.queryRecords('ltv', 'tasks')).filter((t) => t.values.createdByRule);
    expect(tasks.map((t) => [t.values.customer, t.values.title, t.values.due, t.values.status, t.values.createdByRule]).sort()).to.deep.equal(
      [
        [heavy.id, `沉默预警回访：${String(heavy.values.name)}`, '2026-11-05', 'todo', '沉默预警'],
        [light.id, `沉默预警回访：${String(light.values.name)}`, '2026-11-05', 'todo', '沉默预警'],
      ].sort(),
    );
    for (const customer of [heavy, light]) expect((await store.getRecord('ltv', 'customers', customer.id))!.values.tags).to.include('silentAlert');
    expect((await store.queryRecords('ltv', RUN_TABLE_ID)).filter((r) => r.id.startsWith('run_')).map((r) => r.values.status)).to.deep.equal(['ok', 'ok', 'ok']);
    expect(await messagesFor(store, heavy.id)).to.deep.equal(['careFrequentBuyer']);
    expect(await messagesFor(store, light.id)).to.deep.equal([]);
    expect(tab.fired.map((e) => [e.recordId, (e.payload as { template: string }).template]).sort()).to.deep.equal(
      [[heavy.id, 'churn-warning'], [heavy.id, 'care'], [light.id, 'churn-warning']].sort(),
    );
    // Other stage moves do not trigger them.
    const before = (await store.queryRecords('ltv', 'tasks')).length;
    const record = (await store.getRecord('ltv', 'customers', heavy.id))!;
    await tab.engine.handleEvent({ type: 'stage-changed', tableId: 'customers', record, fieldId: 'stage', from: 'silent', to: 'churned' });
    expect((await store.queryRecords('ltv', 'tasks')).length).to.equal(before);
  });

  it('through the stage tracker: the first open records stages and fires nothing; a month later the active customers gone quiet get their tasks and care messages', async () => {
    const store = new MemoryStore();
    const app = await openApp(store);
    const clock = { now: at(0, 9) };
    const open = async () => {
      const tab = await openTab(store, app, clock);
      tab.engine.start();
      const tracker = new StageTracker({ store, appId: app.id, app: () => app, derived: tab.derived, now: () => clock.now, locks: null });
      tracker.start();
      await tracker.idle();
      for (let i = 0; i < 20; i++) await settle();
      return { ...tab, close: () => (tracker.stop(), tab.engine.stop(), tab.derived.dispose()) };
    };
    const first = await open();
    const recorded = new Map((await store.queryRecords('ltv', 'customers')).map((c) => [c.id, c.values.stage]));
    expect([...recorded.values()].every((stage) => typeof stage === 'string'), 'every stage recorded').to.equal(true);
    expect((await store.queryRecords('ltv', 'tasks')).filter((t) => t.values.createdByRule).length).to.equal(0);
    expect((await store.queryRecords('ltv', 'messages')).filter((m) => m.values.rule).length).to.equal(0);
    first.close();

    clock.now = at(30, 9);
    const later = await open();
    const quiet = [...recorded].filter(([id, stage]) => stage === 'active' && later.derived.value('customers', id, 'stage') === 'silent').map(([id]) => id);
    const frequent = quiet.filter((id) => Number(later.derived.value('customers', id, 'orderCount')) >= 5);
    expect(quiet.length, 'active customers gone quiet in a month').to.be.greaterThan(5);
    const tasks = (await store.queryRecords('ltv', 'tasks')).filter((t) => t.values.createdByRule === '沉默预警');
    expect(tasks.map((t) => String(t.values.customer)).sort()).to.deep.equal([...quiet].sort());
    expect(tasks.every((t) => t.values.due === '2026-12-05')).to.equal(true);
    const care = (await store.queryRecords('ltv', 'messages')).filter((m) => m.values.rule === 'careFrequentBuyer');
    expect(care.map((m) => String(m.values.customer)).sort()).to.deep.equal([...frequent].sort());
    for (const id of quiet) expect((await store.getRecord('ltv', 'customers', id))!.values.tags).to.include('silentAlert');
    later.close();
  });

  it('lead auto-assignment and tier upgrade do nothing while disabled, and work once enabled', async () => {
    for (const enabled of [false, true]) {
      const store = new MemoryStore();
      const app = await openApp(store, (rules) => rules.map((rule) => (rule.id === 'leadAutoAssign' || rule.id === 'tierUpgrade' ? { ...rule, enabled } : rule)));
      const tab = await openTab(store, app, { now: at(0, 9) });
      const owners: CellValue[] = [];
      for (const name of ['新线索甲', '新线索乙', '新线索丙']) {
        await store.mutate('ltv', [{ type: 'create', tableId: 'customers', id: `lead_${owners.length}`, values: { name } }]);
        await tab.engine.handleEvent({ type: 'created', tableId: 'customers', record: (await store.getRecord('ltv', 'customers', `lead_${owners.length}`))! });
        owners.push((await store.getRecord('ltv', 'customers', `lead_${owners.length}`))!.values.owner ?? null);
      }
      const customer = await byName(store, String((await store.queryRecords('ltv', 'customers')).find((c) => c.values.tier === 'silver')!.values.name));
      const [updated] = await store.mutate('ltv', [{ type: 'update', tableId: 'customers', id: customer.id, expectedVersion: customer.version, values: { points: 6000 } }]);
      await tab.engine.handleEvent({ type: 'updated', tableId: 'customers', record: updated as RecordData, previous: { points: customer.values.points ?? null } });
      const tier = (await store.getRecord('ltv', 'customers', customer.id))!.values.tier;
      if (!enabled) {
        expect(owners, 'disabled: no owner').to.deep.equal([null, null, null]);
        expect(tier, 'disabled: tier unchanged').to.equal('silver');
        expect((await store.queryRecords('ltv', RUN_TABLE_ID)).filter((r) => r.id.startsWith('run_')).length).to.equal(0);
      } else {
        const staff = new Set((await store.queryRecords('ltv', 'staff')).map((s) => s.id));
        expect(owners.every((o) => staff.has(String(o))), 'enabled: owners are staff').to.equal(true);
        expect(new Set(owners).size, 'round robin: three leads, three owners').to.equal(3);
        expect(tier).to.equal('gold');
      }
    }
  });

  it('a dry run of each rule writes nothing and matches what a plain loop over the sample data counts', async () => {
    const store = new MemoryStore();
    const app = await openApp(store);
    const tab = await openTab(store, app, { now: at(0, 9) });
    const snapshot = async () => JSON.stringify(await Promise.all(app.tables.map((t) => store.queryRecords('ltv', t.id))));
    const before = await snapshot();
    const customers = await store.queryRecords('ltv', 'customers');
    const paidOrders = new Map<string, number>();
    const lastPaid = new Map<string, string>();
    for (const o of await store.queryRecords('ltv', 'orders')) {
      if (o.values.paymentStatus !== 'paid') continue;
      const customer = String(o.values.customer);
      paidOrders.set(customer, (paidOrders.get(customer) ?? 0) + 1);
      if (String(o.values.orderDate) > (lastPaid.get(customer) ?? '')) lastPaid.set(customer, String(o.values.orderDate));
    }
    const count = (test: (c: RecordData) => boolean) => customers.filter(test).length;
    // A move "from 活跃客户" can only come from customers active now: the dry run counts those.
    const active = (c: RecordData) => lifecycleStage({ orders: paidOrders.get(c.id) ?? 0, lastOrderAt: lastPaid.get(c.id) }, at(0, 9), {}, { timeZone: TZ }) === 'active';
    const expected: Record<string, number> = {
      churnWarning: count(active),
      careFrequentBuyer: count((c) => active(c) && (paidOrders.get(c.id) ?? 0) >= 5),
      repurchase3d: count((c) => (paidOrders.get(c.id) ?? 0) >= 1),
      repurchase7d: count((c) => (paidOrders.get(c.id) ?? 0) >= 1),
      repurchase15d: count((c) => (paidOrders.get(c.id) ?? 0) >= 1),
      leadAutoAssign: count((c) => c.values.owner == null || c.values.owner === ''),
      tierUpgrade: count((c) => typeof c.values.points === 'number' && c.values.points >= 1000),
    };
    for (const rule of app.rules ?? []) {
      const run = await tab.engine.dryRun(rule);
      expect(run.matched, rule.id).to.equal(expected[rule.id]);
      expect(run.plans.length, rule.id).to.equal(run.matched);
      expect(run.plans.every((plan) => plan.steps.every((step) => step.status !== 'error')), `${rule.id}: no step fails`).to.equal(true);
      if (rule.id.startsWith('repurchase')) expect(run.plans.every((plan) => plan.creates.length === 1 && plan.creates[0]!.tableId === 'messages'), rule.id).to.equal(true);
    }
    expect(expected.careFrequentBuyer).to.be.greaterThan(0);
    expect(await snapshot()).to.equal(before);
  });
});
