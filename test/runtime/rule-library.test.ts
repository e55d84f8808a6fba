/**
 * The rule templates on a seeded app shaped like customer-ltv: each template's rules dry-run
 * over every record with the count a plain loop gives, plan the records and changes the
 * template promises, and write nothing.
 */
import { expect } from '@open-wc/testing';
import { MemoryStore } from '../../src/store/index.js';
import { suggestRuleTemplates, ruleTemplate, type RuleTemplatePicks } from '../../src/core/rules/index.js';
import type { AppDef } from '../../src/core/schema/types.js';
import { RuleEngine } from '../../src/runtime/rules/engine.js';
import { withRunLog } from '../../src/runtime/rules/run-log.js';
import { rulesApp, seedRulesApp, snapshot } from '../fixtures/rules-app.js';

async function setUp() {
  const store = new MemoryStore();
  const app = await store.putApp(withRunLog(rulesApp()));
  await seedRulesApp(store, app, 30);
  const engine = new RuleEngine({ store, appId: app.id, app: () => app, now: () => Date.UTC(2026, 11, 2, 2), timeZone: 'Asia/Shanghai' });
  const picks: RuleTemplatePicks = suggestRuleTemplates(app)[0]!.picks;
  return { store, app, engine, picks };
}

describe('rule templates dry-run on a customer-ltv-like app', function () {
  this.timeout(30000);

  it('churn warning plans a task for the customer’s owner, due in 3 days', async () => {
    const { store, app, engine, picks } = await setUp();
    const before = await snapshot(store, app);
    const [rule] = ruleTemplate('churn-warning').build(app, picks);
    const run = await engine.dryRun(rule!);
    // A move from 活跃客户 can only start from the customers active now.
    const customers = await store.queryRecords(app.id, 'customers');
    expect(run.matched).to.equal(customers.filter((c) => c.values.stage === 'active').length);
    expect(run.matched).to.equal(20);
    const plan = run.plans.find((p) => p.recordId === 'c2')!;
    expect(plan.steps.map((s) => s.reason ?? s.status)).to.deep.equal(['planned']);
    expect(plan.creates).to.have.length(1);
    expect(plan.creates[0]!.tableId).to.equal('tasks');
    expect(plan.creates[0]!.values).to.deep.include({ customer: 'c2', assignee: 's2', due: '2026-12-05' });
    expect(await snapshot(store, app)).to.deep.equal(before);
  });

  it('care message matches frequent buyers only (a plain loop agrees)', async () => {
    const { store, app, engine, picks } = await setUp();
    const before = await snapshot(store, app);
    const [rule] = ruleTemplate('care-message').build(app, picks);
    const run = await engine.dryRun(rule!);
    const customers = await store.queryRecords(app.id, 'customers');
    expect(run.matched).to.equal(customers.filter((c) => c.values.stage === 'active' && (c.values.orderCount as number) >= 5).length);
    expect(run.matched).to.be.greaterThan(0).and.lessThan(30);
    expect(run.plans[0]!.creates[0]!.values.customer).to.equal(run.plans[0]!.recordId);
    expect(run.plans[0]!.effects.map((e) => e.type)).to.deep.equal(['dispatch-event']);
    expect(await snapshot(store, app)).to.deep.equal(before);
  });

  it('the repurchase sequence logs a message per step, day 15 by variant', async () => {
    const { store, app, engine, picks } = await setUp();
    const before = await snapshot(store, app);
    const rules = ruleTemplate('repurchase-sequence').build(app, { ...picks, abSplit: true });
    for (const rule of rules) {
      const run = await engine.dryRun(rule);
      expect(run.matched).to.equal(30);
      for (const plan of run.plans) {
        expect(plan.creates, rule.id).to.have.length(1);
        expect(plan.effects, rule.id).to.have.length(1);
        if (rule.variants) expect(plan.creates[0]!.values.variant).to.equal(plan.variant);
      }
    }
    const variants = (await engine.dryRun(rules[2]!)).plans.map((p) => p.variant);
    expect(new Set(variants)).to.deep.equal(new Set(['A', 'B']));
    expect(await snapshot(store, app)).to.deep.equal(before);
  });

  it('lead assignment plans an owner in turn; fewest open tasks picks the least loaded', async () => {
    const { store, app, engine, picks } = await setUp();
    await store.mutate(app.id, [
      { type: 'create', tableId: 'tasks', id: 't1', values: { title: 'a', assignee: 's1' } },
      { type: 'create', tableId: 'tasks', id: 't2', values: { title: 'b', assignee: 's3' } },
    ]);
    const before = await snapshot(store, app);
    const [fewest] = ruleTemplate('lead-assignment').build(app, { ...picks, strategy: 'fewest-open' });
    const plan = (await engine.dryRun(fewest!)).plans.find((p) => p.recordId === 'c1')!;
    expect(plan.update?.values.owner).to.equal('s2');
    expect(plan.update?.before.owner).to.equal('s1');
    const [roundRobin] = ruleTemplate('lead-assignment').build(app, picks);
    expect((await engine.dryRun(roundRobin!)).plans[0]!.steps[0]!.status).to.not.equal('error');
    expect(await snapshot(store, app)).to.deep.equal(before);
  });

  it('tier upgrade sets the tier from the points thresholds', async () => {
    const { store, app, engine, picks } = await setUp();
    const before = await snapshot(store, app);
    const [rule] = ruleTemplate('tier-upgrade').build(app, picks);
    const run = await engine.dryRun(rule!);
    const customers = await store.queryRecords(app.id, 'customers');
    expect(run.matched).to.equal(customers.filter((c) => (c.values.points as number) >= 1000).length);
    const tierOf = (id: string) => run.plans.find((p) => p.recordId === id)?.update?.values.tier;
    expect(tierOf('c3')).to.equal('silver'); // 1,000 points
    expect(tierOf('c11')).to.equal('gold'); // 5,000
    const many: AppDef = app;
    expect(many.tables.length).to.be.greaterThan(0);
    expect(await snapshot(store, app)).to.deep.equal(before);
  });
});
