/**
 * The customer-ltv template as issue 11 ships it: it validates with no warnings in both
 * languages and clones (its Shanghai time zone with it); the lifecycle stage the app computes
 * for every sample customer on the sample data's reference date is the one `lifecycleStage`
 * gives from the customer's paid orders, and no stage is stored (the tracker records them on
 * first open); owners, tasks and messages point at the cloned records; the rules are the five
 * enabled and two disabled ones the docs list, every one accepted by `checkRule`.
 */
import { expect } from '@open-wc/testing';
import { cloneTemplate, validateTemplate } from '../../src/core/templates/index.js';
import { checkRule } from '../../src/core/rules/index.js';
import { lifecycleStage } from '../../src/core/lifecycle/stage.js';
import type { RecordValues, TemplateDef } from '../../src/core/schema/types.js';
import { MemoryStore } from '../../src/store/index.js';
import { ensureApp } from '../../src/runtime/open-app.js';
import { DerivedValues } from '../../src/runtime/derived.js';
import { customerLtvTemplate } from '../helpers/customer-ltv.js';

const REFERENCE_DATE = '2026-10-31';

async function rawTemplate(): Promise<unknown> {
  const response = await fetch('/templates/customer-ltv.json');
  return response.json();
}

describe('customer-ltv template: stages, staff, tasks, messages and rules', () => {
  let template: TemplateDef;
  before(async () => {
    template = await customerLtvTemplate();
  });

  for (const locale of ['en', 'zh-CN'] as const) {
    it(`validates with no errors and no warnings (${locale})`, async () => {
      const result = validateTemplate(await rawTemplate(), { locale });
      expect(result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`)).to.deep.equal([]);
      expect(result.warnings).to.deep.equal([]);
    });
  }

  it('ships a lead-capture form (its source from utm_source) and a new-order form whose lines feed the amount', () => {
    const customers = template.tables.find((t) => t.id === 'customers')!;
    const lead = customers.forms!.find((f) => f.id === 'lead-capture')!;
    const items = lead.items.flatMap((item) => (item.kind === 'row' ? item.items : [item]));
    expect(items.find((item) => item.kind === 'field' && item.fieldId === 'source')).to.deep.include({ prefill: 'utm_source' });
    expect(items.find((item) => item.kind === 'field' && item.fieldId === 'mobile')).to.deep.include({ required: true });
    const orders = template.tables.find((t) => t.id === 'orders')!;
    const lines = orders.fields.find((f) => f.id === 'lines')!;
    expect(lines.type).to.equal('subtable');
    expect(lines.options).to.deep.include({ table: 'orderLines', inverseOf: 'order', totalField: 'lineAmount', totalInto: 'amount' });
    const newOrder = orders.forms!.find((f) => f.id === 'new-order')!;
    expect(JSON.stringify(newOrder.items)).to.contain('"fieldId":"lines"');
  });

  it('has its tables in order, with the new customer fields and the follow-up view', () => {
    expect(template.tables.map((t) => [t.id, t.name])).to.deep.equal([
      ['customers', '客户'],
      ['orders', '订单'],
      ['orderLines', '订单明细'],
      ['staff', '员工'],
      ['tasks', '跟进任务'],
      ['messages', '消息记录'],
    ]);
    const customers = template.tables[0]!;
    const field = (id: string) => customers.fields.find((f) => f.id === id)!;
    expect([field('stage').name, field('stage').type, field('stage').labels?.en]).to.deep.equal(['生命周期阶段', 'stage', 'Lifecycle stage']);
    expect(field('stage').options).to.deep.include({ source: 'orders', dateField: 'orderDate', silentAfterDays: 60, churnedAfterDays: 180, activeMinOrders: 2 });
    expect((field('stage').options as { countWhen?: unknown }).countWhen).to.deep.equal({ in: [{ var: 'paymentStatus' }, ['paid']] });
    expect([field('owner').type, field('owner').options?.table]).to.deep.equal(['relation', 'staff']);
    expect(field('tags').options?.choices?.map((c) => c.name)).to.include.members(['高价值', '需关怀', '沉默预警']);
    expect(field('tier').options?.choices?.map((c) => c.name)).to.deep.equal(['普通', '银卡', '金卡', '白金']);
    expect(field('points').type).to.equal('number');
    expect(field('tasks').options).to.deep.equal({ table: 'tasks', inverseOf: 'customer', multiple: true });
    expect(field('messages').options).to.deep.equal({ table: 'messages', inverseOf: 'customer', multiple: true });
    const view = customers.views?.find((v) => v.id === 'needsFollowUp');
    expect([view?.name, view?.labels?.en, view?.group?.fieldId]).to.deep.equal(['需跟进', 'Needs follow-up', 'stage']);
    const tasks = template.tables.find((t) => t.id === 'tasks')!;
    expect(tasks.fields.find((f) => f.id === 'status')?.options?.choices?.map((c) => c.name)).to.deep.equal(['待处理', '进行中', '已完成']);
    const messages = template.tables.find((t) => t.id === 'messages')!;
    expect(messages.fields.find((f) => f.id === 'channel')?.options?.choices?.map((c) => c.name)).to.deep.equal(['短信', '微信', '邮件']);
  });

  it('computes each sample customer’s stage as lifecycleStage gives it on the reference date, from paid orders; stores none', async () => {
    const store = new MemoryStore();
    const { app } = await ensureApp(store, { appId: 'ltv', loadTemplate: async () => structuredClone(template) });
    expect(app.timeZone).to.equal('Asia/Shanghai');
    // 2026-10-31 12:00 in Shanghai.
    const derived = new DerivedValues(store, app, { now: () => Date.UTC(2026, 9, 31, 4) });
    await derived.load();
    const computed = new Map<string, unknown>();
    for (const record of derived.all('customers')) computed.set(String(record.values.name), derived.value('customers', record.id, 'stage'));
    derived.dispose();
    const paid = new Map<string, string[]>();
    for (const order of template.sampleData!.orders!) {
      if (order.values.paymentStatus !== 'paid') continue;
      const list = paid.get(String(order.values.customer)) ?? [];
      list.push(String(order.values.orderDate));
      paid.set(String(order.values.customer), list);
    }
    const counts: Record<string, number> = {};
    for (const customer of template.sampleData!.customers!) {
      const dates = (paid.get(customer.id!) ?? []).sort();
      const expected = lifecycleStage({ orders: dates.length, firstOrderAt: dates[0], lastOrderAt: dates.at(-1) }, REFERENCE_DATE, {}, { timeZone: 'Asia/Shanghai' });
      expect(computed.get(String(customer.values.name)), `${customer.id} ${String(customer.values.name)}`).to.equal(expected);
      expect('stage' in customer.values, `${customer.id}: no stored stage`).to.equal(false);
      counts[expected] = (counts[expected] ?? 0) + 1;
    }
    expect(template.sampleData!.customers!.length).to.equal(240);
    // Every stage is represented, and enough active customers to go quiet for the churn rules.
    for (const stage of ['potential', 'new', 'active', 'silent', 'churned']) expect(counts[stage] ?? 0, stage).to.be.at.least(10);
  });

  it('gives buyers owners among the staff, points from paid spend and the tier those points earn', () => {
    const staff = new Set(template.sampleData!.staff!.map((s) => s.id));
    expect(staff.size).to.be.within(3, 4);
    expect(template.sampleData!.staff!.filter((s) => s.values.active === true).length).to.be.at.least(3);
    const spend = new Map<string, number>();
    for (const order of template.sampleData!.orders!) {
      if (order.values.paymentStatus === 'paid') spend.set(String(order.values.customer), (spend.get(String(order.values.customer)) ?? 0) + Number(order.values.amount));
    }
    let unassignedLeads = 0;
    for (const customer of template.sampleData!.customers!) {
      const values: RecordValues = customer.values;
      if (spend.has(customer.id!)) expect(staff.has(String(values.owner)), customer.id).to.equal(true);
      else if (values.owner === undefined) unassignedLeads++;
      expect(values.points).to.equal(Math.floor(Math.round((spend.get(customer.id!) ?? 0) * 100) / 100));
      const points = Number(values.points);
      expect(values.tier).to.equal(points >= 20000 ? 'platinum' : points >= 5000 ? 'gold' : points >= 1000 ? 'silver' : 'regular');
    }
    expect(unassignedLeads, 'leads without an owner, for lead auto-assignment').to.be.at.least(5);
  });

  it('ships churn warning, frequent-buyer care and the 3/7/15-day sequence enabled, lead assignment and tier upgrade disabled', () => {
    const rules = template.rules ?? [];
    expect(rules.map((r) => [r.id, r.enabled])).to.deep.equal([
      ['churnWarning', true],
      ['careFrequentBuyer', true],
      ['repurchase3d', true],
      ['repurchase7d', true],
      ['repurchase15d', true],
      ['leadAutoAssign', false],
      ['tierUpgrade', false],
    ]);
    const seen = new Set<string>();
    rules.forEach((rule, i) => expect(checkRule(rule, i, template, seen), rule.id).to.deep.equal([]));
    expect(rules[0]!.trigger).to.deep.equal({ type: 'stage-changed', fieldId: 'stage', from: 'active', to: 'silent' });
    for (const [i, days] of [[2, 3], [3, 7], [4, 15]] as const) {
      expect(rules[i]!.trigger).to.deep.equal({ type: 'date-relative', fieldId: 'lastOrderDate', offset: days, unit: 'days', at: '10:00' });
      expect(rules[i]!.catchUp).to.deep.equal({ missed: 'fire', maxLateDays: 2 });
      expect(rules[i]!.actions.some((a) => a.type === 'create-record' && a.tableId === 'messages')).to.equal(true);
      expect(rules[i]!.actions.some((a) => a.type === 'dispatch-event')).to.equal(true);
    }
    expect(rules[4]!.variants).to.deep.equal([{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }]);
    expect(rules[5]!.trigger).to.deep.equal({ type: 'record-created' });
    expect(rules[6]!.trigger).to.deep.equal({ type: 'record-updated', fieldId: 'points' });
  });

  it('clones: rules copied, owners, tasks and messages pointing at the cloned records', () => {
    const { app, records } = cloneTemplate(template, { appId: 'ltv' });
    expect(app.rules?.map((r) => r.id)).to.deep.equal(template.rules?.map((r) => r.id));
    const ids = (tableId: string) => new Set(records[tableId]!.map((r) => r.id));
    const customers = ids('customers');
    const staff = ids('staff');
    expect(records.customers!.length).to.equal(240);
    expect(records.staff!.length).to.equal(template.sampleData!.staff!.length);
    for (const c of records.customers!) if (c.values.owner != null) expect(staff.has(String(c.values.owner))).to.equal(true);
    for (const t of records.tasks!) {
      expect(customers.has(String(t.values.customer))).to.equal(true);
      expect(staff.has(String(t.values.owner))).to.equal(true);
    }
    for (const m of records.messages!) expect(customers.has(String(m.values.customer))).to.equal(true);
    expect(app.timeZone).to.equal('Asia/Shanghai');
    // Computed and inverse fields are never stored.
    expect(records.customers!.some((c) => 'stage' in c.values || 'tasks' in c.values || 'messages' in c.values)).to.equal(false);
  });
});
