/** Rule plans: what a run would change, create and send, computed without writing anything. */
import { expect } from '@open-wc/testing';
import { planRule, triggerMatches, type PlanContext, type RuleDef, type RuleEvent } from '../../../src/core/rules/index.js';
import type { RecordData, TableDef } from '../../../src/core/schema/types.js';

const customers: TableDef = {
  id: 'customers',
  name: '客户',
  primaryFieldId: 'name',
  fields: [
    { id: 'name', name: '姓名', type: 'text' },
    { id: 'points', name: '积分', type: 'number' },
    { id: 'tags', name: '标签', type: 'multiselect', options: { choices: [{ id: 'vip', name: 'VIP' }, { id: 'care', name: '关怀' }] } },
    { id: 'owner', name: '负责人', type: 'relation', options: { table: 'staff' } },
    { id: 'level', name: '客户类型', type: 'select', options: { choices: [{ id: 'biz', name: '企业' }, { id: 'per', name: '个人' }] } },
  ],
};
const tasks: TableDef = {
  id: 'tasks',
  name: '跟进任务',
  primaryFieldId: 'title',
  fields: [
    { id: 'title', name: '标题', type: 'text' },
    { id: 'due', name: '截止日期', type: 'date' },
    { id: 'customer', name: '客户', type: 'relation', options: { table: 'customers' } },
  ],
};
const record = (values: RecordData['values'], id = 'c1'): RecordData => ({ id, tableId: 'customers', version: 3, createdAt: '', updatedAt: '', values });

function context(overrides: Partial<PlanContext> = {}): PlanContext {
  let next = 0;
  return {
    tables: [customers, tasks],
    matches: (logic, r) => JSON.stringify(logic) === '"biz"' && r.values.level === 'biz',
    evaluate: (formula, r) => {
      if (formula === 'TODAY() + 3') return '2026-12-04';
      if (formula === '{积分} * 2') return (r.values.points as number) * 2;
      throw new Error(`unknown formula ${formula}`);
    },
    template: (r) => ({ value: (name) => (name === '姓名' ? r.values.name : name === '积分' ? r.values.points : undefined) }),
    newId: (tableId) => `${tableId}-${++next}`,
    ownerCandidates: () => ['s1', 's2', 's3'],
    assignedBefore: () => 4,
    openTaskCounts: () => new Map([['s1', 5], ['s2', 1], ['s3', 1]]),
    ...overrides,
  };
}

const rule = (actions: RuleDef['actions'], extra: Partial<RuleDef> = {}): RuleDef => ({ id: 'r1', name: 'r', enabled: true, tableId: 'customers', trigger: { type: 'record-created' }, actions, ...extra });

describe('planRule', () => {
  it('changes fields in order, each action seeing the last one’s result', () => {
    const plan = planRule(
      rule([
        { type: 'add-points', fieldId: 'points', points: 10 },
        { type: 'set-field', fieldId: 'points', formula: '{积分} * 2' },
        { type: 'add-tags', fieldId: 'tags', tags: ['vip', 'care'] },
        { type: 'remove-tags', fieldId: 'tags', tags: ['care'] },
      ]),
      record({ name: '范国庆', points: 5, tags: ['care'] }),
      context(),
    );
    expect(plan.update).to.deep.equal({ values: { points: 30, tags: ['vip'] }, before: { points: 5, tags: ['care'] } });
    expect(plan.steps.map((s) => s.status)).to.deep.equal(['planned', 'planned', 'planned', 'planned']);
  });

  it('reports nothing to change as skipped, and errors without throwing', () => {
    const plan = planRule(
      rule([
        { type: 'add-tags', fieldId: 'tags', tags: ['vip'] },
        { type: 'set-field', fieldId: 'points', formula: 'NOPE()' },
        { type: 'set-field', fieldId: 'points', value: 'many' },
      ]),
      record({ tags: ['vip'], points: 1 }),
      context(),
    );
    expect(plan.update).to.equal(undefined);
    expect(plan.steps.map((s) => s.status)).to.deep.equal(['skipped', 'error', 'error']);
    expect(plan.steps[1]!.reason).to.equal('unknown formula NOPE()');
  });

  it('creates a linked follow-up task with a due date from a formula', () => {
    const plan = planRule(
      rule([{ type: 'create-record', tableId: 'tasks', values: { title: { value: '流失预警回访' }, due: { formula: 'TODAY() + 3' } }, link: 'customer' }]),
      record({ name: '范国庆' }),
      context(),
    );
    expect(plan.creates).to.deep.equal([{ tableId: 'tasks', id: 'tasks-1', values: { title: '流失预警回访', due: '2026-12-04', customer: 'c1' } }]);
  });

  it('assigns owners by round robin, fewest open tasks, or condition', () => {
    const assign = (strategy: 'round-robin' | 'fewest-open' | 'by-condition', values: RecordData['values'] = {}) =>
      planRule(
        rule([{ type: 'assign-owner', fieldId: 'owner', strategy, openTasks: { tableId: 'tasks', ownerFieldId: 'customer' }, cases: [{ condition: 'biz', owner: 's3' }] }]),
        record(values),
        context(),
      ).update?.values.owner;
    expect(assign('round-robin')).to.equal('s2'); // 4 assigned before → the fifth goes to the second of three
    expect(assign('fewest-open')).to.equal('s2'); // s2 and s3 tie at 1: the first in order
    expect(assign('by-condition', { level: 'biz' })).to.equal('s3');
    expect(assign('by-condition', { level: 'per' })).to.equal(undefined);
  });

  it('fills payloads of effects and branches by variant', () => {
    const actions: RuleDef['actions'] = [
      { type: 'dispatch-event', payload: { who: '{姓名}', points: '{积分}' }, variant: 'A' },
      { type: 'webhook', url: 'https://hooks.example.com/x', body: { text: '您好 {姓名}' }, variant: 'B' },
      { type: 'notify', message: '{姓名} 已沉默' },
    ];
    const variants = [{ id: 'A', weight: 1 }, { id: 'B', weight: 1 }];
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const plan = planRule(rule(actions, { variants }), record({ name: `客户${i}`, points: i }, `c${i}`), context());
      seen.add(plan.variant!);
      const types = plan.effects.map((e) => e.type);
      expect(types).to.deep.equal(plan.variant === 'A' ? ['dispatch-event', 'notify'] : ['webhook', 'notify']);
      if (plan.variant === 'A') expect(plan.effects[0]).to.deep.include({ payload: { who: `客户${i}`, points: i } });
      else expect(plan.effects[0]).to.deep.include({ body: { text: `您好 客户${i}` }, method: 'POST', retries: 3 });
      expect(plan.steps.find((s) => s.status === 'skipped')!.reason).to.equal(`variant ${plan.variant}`);
    }
    expect([...seen].sort()).to.deep.equal(['A', 'B']);
  });
});

describe('triggerMatches', () => {
  const r = record({ level: 'biz', points: 3 });
  const updated = (previous: RecordData['values']): RuleEvent => ({ type: 'updated', tableId: 'customers', record: r, previous });
  it('matches updates of any field, of one field, and from / to values', () => {
    expect(triggerMatches({ type: 'record-updated' }, updated({ points: 2 }))).to.equal(true);
    expect(triggerMatches({ type: 'record-updated' }, updated({}))).to.equal(false);
    expect(triggerMatches({ type: 'record-updated', fieldId: 'level' }, updated({ points: 2 }))).to.equal(false);
    expect(triggerMatches({ type: 'record-updated', fieldId: 'level', from: 'per', to: 'biz' }, updated({ level: 'per' }))).to.equal(true);
    expect(triggerMatches({ type: 'record-updated', fieldId: 'level', from: 'per', to: 'biz' }, updated({ level: null }))).to.equal(false);
    expect(triggerMatches({ type: 'record-created' }, { type: 'created', tableId: 'customers', record: r })).to.equal(true);
    expect(triggerMatches({ type: 'record-created' }, updated({ points: 1 }))).to.equal(false);
  });
  it('matches stage moves from / to stages', () => {
    const moved: RuleEvent = { type: 'stage-changed', tableId: 'customers', record: r, fieldId: 'stage', from: 'active', to: 'silent' };
    expect(triggerMatches({ type: 'stage-changed', fieldId: 'stage', from: 'active', to: 'silent' }, moved)).to.equal(true);
    expect(triggerMatches({ type: 'stage-changed', fieldId: 'stage', to: 'churned' }, moved)).to.equal(false);
    expect(triggerMatches({ type: 'date-relative', fieldId: 'x', offset: 1, unit: 'days' }, moved)).to.equal(false);
  });
});
