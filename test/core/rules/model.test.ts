/** Rule definitions checked against their app: paths and messages of every kind of mistake. */
import { expect } from '@open-wc/testing';
import { checkRule, ruleIssueMessage, type RuleDef } from '../../../src/core/rules/index.js';
import type { TableDef } from '../../../src/core/schema/types.js';

const customers: TableDef = {
  id: 'customers',
  name: '客户',
  primaryFieldId: 'name',
  fields: [
    { id: 'name', name: '姓名', type: 'text' },
    { id: 'lastOrder', name: '最近下单日期', type: 'date' },
    { id: 'points', name: '积分', type: 'number' },
    { id: 'tags', name: '标签', type: 'multiselect', options: { choices: [{ id: 'vip', name: 'VIP' }] } },
    { id: 'owner', name: '负责人', type: 'relation', options: { table: 'staff' } },
    { id: 'total', name: '累计消费', type: 'formula', options: { formula: '1', resultType: 'money' } },
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
    { id: 'assignee', name: '负责人', type: 'relation', options: { table: 'staff' } },
  ],
};
const staff: TableDef = { id: 'staff', name: '员工', primaryFieldId: 'name', fields: [{ id: 'name', name: '姓名', type: 'text' }] };
const app = { tables: [customers, tasks, staff] };

const repurchase: RuleDef = {
  id: 'repurchase-3d',
  name: '复购提醒 第 3 天',
  enabled: true,
  tableId: 'customers',
  trigger: { type: 'date-relative', fieldId: 'lastOrder', offset: 3, unit: 'days', at: '10:00' },
  condition: { '>': [{ var: 'points' }, 0] },
  variants: [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }],
  actions: [
    { type: 'create-record', tableId: 'tasks', values: { title: { value: '回访' }, due: { formula: 'TODAY() + 1' } }, link: 'customer' },
    { type: 'add-tags', fieldId: 'tags', tags: ['vip'], variant: 'B' },
    { type: 'add-points', fieldId: 'points', points: 10 },
    { type: 'assign-owner', fieldId: 'owner', strategy: 'fewest-open', openTasks: { tableId: 'tasks', ownerFieldId: 'assignee' } },
    { type: 'webhook', url: 'https://hooks.example.com/sms', body: { phone: '{手机}' } },
    { type: 'dispatch-event', payload: { name: '{姓名}' } },
  ],
  catchUp: { missed: 'fire', maxLateDays: 2 },
};

describe('checkRule', () => {
  it('accepts a complete rule', () => {
    expect(checkRule(repurchase, 0, app)).to.deep.equal([]);
  });

  it('names the path of every mistake', () => {
    const bad = {
      ...repurchase,
      id: 'bad id',
      name: ' ',
      trigger: { type: 'date-relative', fieldId: 'name', offset: 2.5, unit: 'weeks', at: '25:00' },
      variants: [{ id: 'A', weight: 1 }],
      actions: [
        { type: 'set-field', fieldId: 'total', value: 1 },
        { type: 'add-tags', fieldId: 'tags', tags: ['gold'], variant: 'C' },
        { type: 'create-record', tableId: 'tasks', values: { nope: { value: 1 }, due: {} }, link: 'title' },
        { type: 'webhook', url: 'javascript:alert(1)' },
        { type: 'teleport' },
      ],
    };
    const issues = checkRule(bad, 3, app).map((issue) => `${issue.path} ${issue.code}`);
    expect(issues).to.deep.equal([
      'rules[3].id rule.badId',
      'rules[3].name rule.noName',
      'rules[3].trigger.fieldId rule.wrongFieldType',
      'rules[3].trigger.offset rule.badNumber',
      'rules[3].trigger.unit rule.badUnit',
      'rules[3].trigger.at rule.badTime',
      'rules[3].variants rule.badVariants',
      'rules[3].actions[0].fieldId rule.wrongFieldType',
      'rules[3].actions[1].variant rule.unknownVariant',
      'rules[3].actions[1].tags[0] rule.unknownChoice',
      'rules[3].actions[2].values.nope rule.unknownField',
      'rules[3].actions[2].values.due rule.badValue',
      'rules[3].actions[2].link rule.wrongFieldType',
      'rules[3].actions[3].url rule.badUrl',
      'rules[3].actions[4].type rule.unknownAction',
    ]);
  });

  it('checks recurring and record triggers, duplicates and the table', () => {
    const seen = new Set<string>();
    expect(checkRule({ ...repurchase, trigger: { type: 'recurring', every: 'month', at: '09:00', day: 31 } }, 0, app, seen)).to.deep.equal([]);
    const again = checkRule({ ...repurchase, trigger: { type: 'recurring', every: 'year', at: '9:00', day: 32 } }, 1, app, seen).map((i) => `${i.path} ${i.code}`);
    expect(again).to.deep.equal(['rules[1].id rule.duplicateId', 'rules[1].trigger.every rule.badEvery', 'rules[1].trigger.at rule.badTime', 'rules[1].trigger.day rule.badNumber']);
    expect(checkRule({ ...repurchase, id: 'x', trigger: { type: 'record-updated', to: 'vip' } }, 0, app).map((i) => i.code)).to.deep.equal(['rule.fromToNeedsField']);
    expect(checkRule({ ...repurchase, id: 'y', trigger: { type: 'stage-changed', fieldId: 'name', to: 'silent' } }, 0, app).map((i) => i.code)).to.deep.equal(['rule.wrongFieldType']);
    expect(checkRule({ ...repurchase, tableId: 'orders' }, 0, app).map((i) => i.code)).to.deep.equal(['rule.unknownTable']);
    expect(checkRule('nope', 0, app).map((i) => i.code)).to.deep.equal(['rule.notObject']);
  });

  it('explains issues in both languages', () => {
    const [issue] = checkRule({ ...repurchase, tableId: 'orders' }, 0, app);
    expect(ruleIssueMessage(issue!, 'zh-CN')).to.equal('没有数据表“orders”。');
    expect(ruleIssueMessage(issue!, 'en')).to.equal('There is no table "orders".');
  });
});
