/** A/B outcome comparison of a rule's runs: against a plain loop on generated data, ties, empty variants, the z-test, checks. */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { checkRule, measureOutcome, ruleIssueMessage, twoProportionTest, variantsByRecord, type OutcomeRun, type RuleDef, type RuleOutcome } from '../../../src/core/rules/index.js';
import type { RecordData, TableDef } from '../../../src/core/schema/types.js';

const customers: TableDef = {
  id: 'customers',
  name: '客户',
  primaryFieldId: 'name',
  fields: [
    { id: 'name', name: '姓名', type: 'text' },
    { id: 'vip', name: 'VIP', type: 'checkbox' },
    { id: 'orders', name: '订单', type: 'relation', options: { table: 'orders', inverseOf: 'customer', multiple: true } },
    { id: 'favourite', name: '常购订单', type: 'relation', options: { table: 'orders', multiple: true } },
  ],
};
const orders: TableDef = {
  id: 'orders',
  name: '订单',
  primaryFieldId: 'no',
  fields: [
    { id: 'no', name: '单号', type: 'text' },
    { id: 'customer', name: '客户', type: 'relation', options: { table: 'customers' } },
    { id: 'date', name: '下单日期', type: 'date' },
    { id: 'paidAt', name: '付款时间', type: 'datetime' },
    { id: 'paid', name: '已付款', type: 'checkbox' },
  ],
};

const record = (tableId: string, id: string, values: RecordData['values']): RecordData => ({ id, tableId, version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', values });
const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 10, 12);
const iso = (time: number) => new Date(time).toISOString();
const day = (time: number) => iso(time).slice(0, 10);
const repurchase: RuleOutcome = { type: 'related-record', relationFieldId: 'orders', dateFieldId: 'date', withinDays: 30, condition: { '==': [{ var: 'paid' }, true] } };

describe('measureOutcome', () => {
  it('matches a plain loop on generated runs and orders', () => {
    const scenario = fc.record({
      customers: fc.array(
        fc.record({
          runs: fc.array(fc.record({ variant: fc.constantFrom('A', 'B', 'C', null), status: fc.constantFrom('ok', 'partial', 'error', 'skipped', 'stopped'), day: fc.integer({ min: 0, max: 40 }), otherRule: fc.boolean() }), { maxLength: 3 }),
          orders: fc.array(fc.record({ day: fc.integer({ min: -5, max: 90 }), paid: fc.boolean() }), { maxLength: 4 }),
        }),
        { maxLength: 60 },
      ),
    });
    fc.assert(
      fc.property(scenario, ({ customers: list }) => {
        const now = new Date(START + 60 * DAY);
        const runs: OutcomeRun[] = [];
        const records = new Map<string, RecordData>();
        const related: RecordData[] = [];
        list.forEach((c, i) => {
          records.set(`c${i}`, record('customers', `c${i}`, { name: `客户${i}` }));
          for (const run of c.runs) runs.push({ rule: run.otherRule ? 'other' : 'r', record: `c${i}`, variant: run.variant, status: run.status, at: iso(START + run.day * DAY) });
          c.orders.forEach((order, j) => related.push(record('orders', `o${i}_${j}`, { customer: `c${i}`, date: day(START + order.day * DAY), paid: order.paid })));
        });
        const result = measureOutcome('r', ['A', 'B'], repurchase, runs, { table: customers, records, relatedTable: orders, relatedRecords: related, timeZone: 'UTC', now });

        // The oracle: the earliest acting run per customer, its paid orders dated 1–30 days after.
        const expected = new Map<string | null, { reached: number; converted: number; pending: number }>([['A', { reached: 0, converted: 0, pending: 0 }], ['B', { reached: 0, converted: 0, pending: 0 }]]);
        list.forEach((c) => {
          let first: { variant: string | null; day: number } | undefined;
          for (const run of c.runs) if (!run.otherRule && (run.status === 'ok' || run.status === 'partial') && (!first || run.day < first.day)) first = run;
          if (!first) return;
          if (!expected.has(first.variant)) expected.set(first.variant, { reached: 0, converted: 0, pending: 0 });
          const line = expected.get(first.variant)!;
          line.reached++;
          const runDay = first.day;
          if (c.orders.some((o) => o.paid && o.day > runDay && o.day <= runDay + 30)) line.converted++;
          else if (START + runDay * DAY + 30 * DAY > now.getTime()) line.pending++;
        });
        const got = new Map(result.map((line) => [line.variant, { reached: line.reached, converted: line.converted, pending: line.pending }]));
        expect(Object.fromEntries([...got].map(([k, v]) => [String(k), v]))).to.deep.equal(Object.fromEntries([...expected].map(([k, v]) => [String(k), v])));
        expect(result[0]!.variant).to.equal('A');
        expect(result[1]!.variant).to.equal('B');
        for (const line of result) expect(line.rate).to.equal(line.reached ? line.converted / line.reached : null);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps an empty variant as a line with no rate and not enough data', () => {
    const runs: OutcomeRun[] = Array.from({ length: 40 }, (_, i) => ({ rule: 'r', record: `c${i}`, variant: 'A', status: 'ok', at: iso(START) }));
    const records = new Map(runs.map((run) => [run.record, record('customers', run.record, { vip: true })]));
    const result = measureOutcome('r', ['A', 'B'], { type: 'field', condition: { '==': [{ var: 'vip' }, true] } }, runs, { table: customers, records, timeZone: 'UTC', now: new Date(START) });
    expect(result.map((line) => [line.variant, line.reached, line.converted, line.rate, line.hint])).to.deep.equal([
      ['A', 40, 40, 1, 'control'],
      ['B', 0, 0, null, 'not-enough-data'],
    ]);
  });

  it('says a tie is no difference (p = 1), and a clear difference is significant', () => {
    const build = (convertedA: number, convertedB: number, n: number) => {
      const runs: OutcomeRun[] = [];
      const records = new Map<string, RecordData>();
      for (const [variant, converted] of [['A', convertedA], ['B', convertedB]] as const) {
        for (let i = 0; i < n; i++) {
          const id = `${variant}${i}`;
          runs.push({ rule: 'r', record: id, variant, status: 'ok', at: iso(START) });
          records.set(id, record('customers', id, { vip: i < converted }));
        }
      }
      return measureOutcome('r', ['A', 'B'], { type: 'field', condition: { '==': [{ var: 'vip' }, true] } }, runs, { table: customers, records, timeZone: 'UTC', now: new Date(START) });
    };
    const tie = build(20, 20, 100)[1]!;
    expect(tie.z).to.equal(0);
    expect(tie.pValue).to.be.closeTo(1, 1e-6);
    expect(tie.hint).to.equal('not-significant');
    const clear = build(10, 40, 100)[1]!;
    expect(clear.hint).to.equal('significant');
    expect(clear.pValue!).to.be.below(0.001);
    expect(build(1, 4, 20)[1]!.hint).to.equal('not-enough-data');
    // Nobody converted anywhere: nothing to compare.
    expect(build(0, 0, 100)[1]!.hint).to.equal('not-enough-data');
  });

  it('lists variants only old runs name, then runs without a variant', () => {
    const runs: OutcomeRun[] = [
      { rule: 'r', record: 'c1', variant: null, status: 'ok', at: iso(START) },
      { rule: 'r', record: 'c2', variant: 'OLD', status: 'ok', at: iso(START) },
      { rule: 'r', record: 'c3', variant: 'A', status: 'error', at: iso(START) },
    ];
    const result = measureOutcome('r', ['A', 'B'], { type: 'field', condition: true }, runs, { table: customers, records: new Map(), timeZone: 'UTC', now: new Date(START) });
    expect(result.map((line) => [line.variant, line.reached])).to.deep.equal([['A', 0], ['B', 0], ['OLD', 1], [null, 1]]);
  });

  it('follows a stored relation and compares datetimes by instant', () => {
    const records = new Map([['c1', record('customers', 'c1', { favourite: ['o1'] })], ['c2', record('customers', 'c2', { favourite: ['o2'] })]]);
    const related = [record('orders', 'o1', { paidAt: iso(START + 3_600_000) }), record('orders', 'o2', { paidAt: iso(START - 3_600_000) })];
    const runs: OutcomeRun[] = ['c1', 'c2'].map((id) => ({ rule: 'r', record: id, variant: 'A', status: 'ok', at: iso(START) }));
    const [line] = measureOutcome('r', ['A'], { type: 'related-record', relationFieldId: 'favourite', dateFieldId: 'paidAt', withinDays: 1 }, runs, { table: customers, records, relatedTable: orders, relatedRecords: related, timeZone: 'UTC', now: new Date(START + 10 * DAY) });
    expect([line!.reached, line!.converted, line!.pending]).to.deep.equal([2, 1, 0]);
  });
});

describe('twoProportionTest', () => {
  it('agrees with a textbook value', () => {
    // 60/100 vs 45/100: z ≈ 2.1243, p ≈ 0.0336.
    const { z, pValue } = twoProportionTest(60, 100, 45, 100);
    expect(z).to.be.closeTo(2.1243, 1e-3);
    expect(pValue).to.be.closeTo(0.0336, 1e-3);
  });
});

describe('variantsByRecord', () => {
  it('gives each record the variant of its first run that has one', () => {
    const runs: OutcomeRun[] = [
      { rule: 'r', record: 'c1', variant: 'B', status: 'ok', at: iso(START + DAY) },
      { rule: 'r', record: 'c1', variant: 'A', status: 'error', at: iso(START) },
      { rule: 'r', record: 'c2', variant: null, status: 'stopped', at: iso(START) },
      { rule: 'x', record: 'c3', variant: 'A', status: 'ok', at: iso(START) },
    ];
    expect([...variantsByRecord(runs, 'r')]).to.deep.equal([['c1', 'A']]);
  });
});

describe('checkRule outcome', () => {
  const app = { tables: [customers, orders] };
  const rule = (outcome: unknown): RuleDef => ({ id: 'r', name: 'r', enabled: true, tableId: 'customers', trigger: { type: 'record-created' }, actions: [{ type: 'notify', message: 'hi' }], outcome } as RuleDef);

  it('accepts a related-record and a field outcome', () => {
    expect(checkRule(rule(repurchase), 0, app)).to.deep.equal([]);
    expect(checkRule(rule({ type: 'field', condition: { '==': [{ var: 'vip' }, true] } }), 0, app)).to.deep.equal([]);
  });

  it('names the bad path with zh-CN and en messages', () => {
    const issues = checkRule(rule({ type: 'related-record', relationFieldId: 'name', dateFieldId: 'x', withinDays: 0 }), 3, app);
    expect(issues.map((i) => [i.path, i.code])).to.deep.equal([
      ['rules[3].outcome.relationFieldId', 'rule.outcomeRelation'],
      ['rules[3].outcome.withinDays', 'rule.outcomeDays'],
    ]);
    expect(ruleIssueMessage(issues[0]!, 'zh-CN')).to.equal('数据表“客户”中没有关联字段“name”。');
    expect(ruleIssueMessage(issues[0]!, 'en')).to.equal('Table "客户" has no relation field "name".');
    const date = checkRule(rule({ ...repurchase, dateFieldId: 'paid' }), 0, app);
    expect(date.map((i) => [i.path, i.code])).to.deep.equal([['rules[0].outcome.dateFieldId', 'rule.outcomeDate']]);
    expect(checkRule(rule({ type: 'later' }), 0, app).map((i) => i.code)).to.deep.equal(['rule.badOutcome']);
    expect(checkRule(rule({ type: 'field', condition: 'x' }), 0, app).map((i) => i.path)).to.deep.equal(['rules[0].outcome.condition']);
  });
});
