// Conditions: operators per kind of field, their JSON Logic run by applyLogic, parsing back,
// validation, quick search; fast-check properties against a hand-written loop and json-logic-js.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import '../../../src/core/logic/json-logic-mirror.js';
import { applyLogic } from '../../../src/core/logic/index.js';
import {
  conditionData,
  conditionToLogic,
  dayOf,
  logicToCondition,
  matchRecords,
  operatorsFor,
  quickSearch,
  shiftDay,
  validateCondition,
  matchLogic,
  type Condition,
  type ConditionGroup,
} from '../../../src/core/conditions/index.js';
import type { FieldDef, RecordData, TableDef } from '../../../src/core/schema/types.js';

const table: TableDef = {
  id: 'customers',
  name: '客户',
  primaryFieldId: 'name',
  fields: [
    { id: 'name', name: '姓名', type: 'text' },
    { id: 'phone', name: '手机', type: 'phone' },
    { id: 'city', name: '城市', type: 'select', options: { choices: [{ id: 'sh', name: '上海', labels: { en: 'Shanghai' } }, { id: 'bj', name: '北京', labels: { en: 'Beijing' } }, { id: 'gz', name: '广州' }] } },
    { id: 'tags', name: '标签', type: 'multiselect', options: { choices: [{ id: 'a', name: '老客' }, { id: 'b', name: '批发' }, { id: 'c', name: '线上' }] } },
    { id: 'amount', name: '金额', type: 'money' },
    { id: 'rate', name: '折扣', type: 'percent' },
    { id: 'born', name: '生日', type: 'date' },
    { id: 'seen', name: '最近下单', type: 'datetime' },
    { id: 'vip', name: 'VIP', type: 'checkbox' },
    { id: 'owner', name: '负责人', type: 'relation', options: { table: 'staff' } },
    { id: 'orders', name: '订单', type: 'relation', options: { table: 'orders', multiple: true } },
  ],
};

let seq = 0;
const rec = (values: RecordData['values']): RecordData => ({ id: `r${++seq}`, tableId: 'customers', version: 1, createdAt: '', updatedAt: '', values });

const records = [
  rec({ name: '范国庆', phone: '13800138000', city: 'sh', tags: ['a', 'b'], amount: 120, rate: 0.1, born: '1990-05-01', seen: '2026-11-30T10:00:00.000Z', vip: true, owner: 's1', orders: ['o1', 'o10'] }),
  rec({ name: 'Ada Lovelace', phone: '13912345678', city: 'bj', tags: ['c'], amount: 0, rate: null, born: '1985-12-10', seen: '2026-10-01T10:00:00.000Z', vip: false, owner: 's10', orders: [] }),
  rec({ name: 'ＡＢＣ商行', phone: null, city: null, tags: [], amount: null, rate: 0.5, born: null, seen: null, vip: null, owner: null, orders: ['o2'] }),
  rec({ name: '  ', phone: '010-12345678', city: 'sh', tags: ['b'], amount: -5, rate: 0.25, born: '2026-12-01', seen: '2026-12-01T03:00:00.000Z', vip: true, owner: 's1', orders: null }),
];
const NOW = new Date(2026, 11, 1, 12, 0, 0); // 2026-12-01 local noon
const names = (rs: RecordData[]) => rs.map((r) => r.values.name);
const run = (c: Condition | ConditionGroup) => names(matchRecords(records, 'field' in c ? { all: [c] } : c, table, undefined, { now: NOW }));

describe('conditions: operators per kind of field', () => {
  it('offers the operators of what the field holds, labelled in both languages', () => {
    const ops = (id: string) => operatorsFor(table.fields.find((f) => f.id === id)!).map((o) => o.op);
    expect(ops('name')).to.deep.equal(['contains', 'notContains', 'is', 'isNot', 'startsWith', 'isEmpty', 'isNotEmpty']);
    expect(ops('amount')).to.include.members(['=', '!=', '<', '<=', '>', '>=', 'between', 'isEmpty']);
    expect(ops('seen')).to.include.members(['is', 'before', 'after', 'between', 'inLast', 'inNext', 'today', 'isEmpty']);
    expect(ops('city')).to.deep.equal(['isAnyOf', 'isNoneOf', 'isEmpty', 'isNotEmpty']);
    expect(ops('tags')).to.include.members(['hasAnyOf', 'hasAllOf']);
    expect(ops('vip')).to.deep.equal(['isTrue', 'isFalse']);
    expect(ops('owner')).to.deep.equal(['has', 'isEmpty', 'isNotEmpty']);
    for (const field of table.fields) for (const info of operatorsFor(field)) expect(info.labels['zh-CN'] && info.labels.en, `${field.id} ${info.op}`).to.be.ok;
  });

  const cases: Array<[string, Condition, unknown[]]> = [
    ['text contains, case-insensitive', { field: 'name', op: 'contains', value: 'ada' }, ['Ada Lovelace']],
    ['text contains, full-width as half-width', { field: 'name', op: 'contains', value: 'abc' }, ['ＡＢＣ商行']],
    ['text contains, a half-width needle typed full-width', { field: 'name', op: 'contains', value: 'ＬＯＶＥ' }, ['Ada Lovelace']],
    ['text notContains (blanks included)', { field: 'name', op: 'notContains', value: '国' }, ['Ada Lovelace', 'ＡＢＣ商行', '  ']],
    ['text is', { field: 'name', op: 'is', value: 'ada lovelace' }, ['Ada Lovelace']],
    ['text isNot', { field: 'name', op: 'isNot', value: '范国庆' }, ['Ada Lovelace', 'ＡＢＣ商行', '  ']],
    ['text startsWith', { field: 'name', op: 'startsWith', value: '范' }, ['范国庆']],
    ['text isEmpty: whitespace is blank', { field: 'name', op: 'isEmpty' }, ['  ']],
    ['text isNotEmpty', { field: 'phone', op: 'isNotEmpty' }, ['范国庆', 'Ada Lovelace', '  ']],
    ['phone contains', { field: 'phone', op: 'contains', value: '0013' }, ['范国庆']],
    ['number =, 0 is a value', { field: 'amount', op: '=', value: 0 }, ['Ada Lovelace']],
    ['number ≠ (blank differs)', { field: 'amount', op: '!=', value: 120 }, ['Ada Lovelace', 'ＡＢＣ商行', '  ']],
    ['number < leaves blanks out', { field: 'amount', op: '<', value: 10 }, ['Ada Lovelace', '  ']],
    ['number <=', { field: 'amount', op: '<=', value: 0 }, ['Ada Lovelace', '  ']],
    ['number > leaves blanks out', { field: 'amount', op: '>', value: -10 }, ['范国庆', 'Ada Lovelace', '  ']],
    ['number >=', { field: 'amount', op: '>=', value: 120 }, ['范国庆']],
    ['number between, inclusive', { field: 'amount', op: 'between', value: [0, 120] }, ['范国庆', 'Ada Lovelace']],
    ['percent as a fraction', { field: 'rate', op: '>=', value: 0.25 }, ['ＡＢＣ商行', '  ']],
    ['number isEmpty', { field: 'rate', op: 'isEmpty' }, ['Ada Lovelace']],
    ['date is', { field: 'born', op: 'is', value: '1990-05-01' }, ['范国庆']],
    ['date before', { field: 'born', op: 'before', value: '1990-01-01' }, ['Ada Lovelace']],
    ['date after', { field: 'born', op: 'after', value: '1990-01-01' }, ['范国庆', '  ']],
    ['date between', { field: 'born', op: 'between', value: ['1985-12-10', '1990-05-01'] }, ['范国庆', 'Ada Lovelace']],
    ['date today', { field: 'born', op: 'today' }, ['  ']],
    ['datetime in the last 7 days', { field: 'seen', op: 'inLast', value: { n: 7, unit: 'day' } }, ['范国庆', '  ']],
    ['datetime in the last 2 months', { field: 'seen', op: 'inLast', value: { n: 2, unit: 'month' } }, ['范国庆', 'Ada Lovelace', '  ']],
    ['date in the next 1 week', { field: 'born', op: 'inNext', value: { n: 1, unit: 'week' } }, ['  ']],
    ['datetime isEmpty', { field: 'seen', op: 'isEmpty' }, ['ＡＢＣ商行']],
    ['choice isAnyOf', { field: 'city', op: 'isAnyOf', value: ['sh'] }, ['范国庆', '  ']],
    ['choice isNoneOf (blanks included)', { field: 'city', op: 'isNoneOf', value: ['sh'] }, ['Ada Lovelace', 'ＡＢＣ商行']],
    ['choice isEmpty', { field: 'city', op: 'isEmpty' }, ['ＡＢＣ商行']],
    ['multiselect hasAnyOf', { field: 'tags', op: 'hasAnyOf', value: ['b', 'c'] }, ['范国庆', 'Ada Lovelace', '  ']],
    ['multiselect hasAllOf', { field: 'tags', op: 'hasAllOf', value: ['a', 'b'] }, ['范国庆']],
    ['multiselect isEmpty', { field: 'tags', op: 'isEmpty' }, ['ＡＢＣ商行']],
    ['checkbox isTrue', { field: 'vip', op: 'isTrue' }, ['范国庆', '  ']],
    ['checkbox isFalse (unset is unticked)', { field: 'vip', op: 'isFalse' }, ['Ada Lovelace', 'ＡＢＣ商行']],
    ['relation has: exact id, not a prefix', { field: 'owner', op: 'has', value: 's1' }, ['范国庆', '  ']],
    ['multiple relation has', { field: 'orders', op: 'has', value: 'o1' }, ['范国庆']],
    ['relation isEmpty', { field: 'orders', op: 'isEmpty' }, ['Ada Lovelace', '  ']],
  ];
  for (const [title, condition, expected] of cases) {
    it(title, () => {
      expect(run(condition)).to.deep.equal(expected);
      const logic = conditionToLogic({ all: [condition] }, table);
      // The same logic through json-logic-js (our custom ops are registered with it too).
      const oracle = records.filter((r) => jsonLogic.truthy(jsonLogic.apply(logic as never, conditionData(r, table, '2026-12-01'))));
      expect(names(oracle)).to.deep.equal(expected);
      expect(logicToCondition(logic, table)).to.deep.equal({ all: [condition] });
    });
  }
});

describe('conditions: groups, logic and validation', () => {
  it('nests AND and OR', () => {
    const group: ConditionGroup = {
      all: [
        { field: 'city', op: 'isAnyOf', value: ['sh', 'bj'] },
        { any: [{ field: 'vip', op: 'isTrue' }, { field: 'amount', op: '=', value: 0 }] },
      ],
    };
    expect(run(group)).to.deep.equal(['范国庆', 'Ada Lovelace', '  ']);
    expect(run({ any: [{ field: 'name', op: 'contains', value: 'ada' }, { all: [{ field: 'vip', op: 'isTrue' }, { field: 'amount', op: '<', value: 0 }] }] })).to.deep.equal(['Ada Lovelace', '  ']);
    expect(logicToCondition(conditionToLogic(group, table), table)).to.deep.equal(group);
  });

  it('reads relative dates from $today when the logic runs, not when it was built', () => {
    const logic = conditionToLogic({ all: [{ field: 'born', op: 'inLast', value: { n: 30, unit: 'day' } }] }, table);
    expect(JSON.stringify(logic)).to.contain('$today').and.not.contain('2026');
    expect(applyLogic(logic, { born: '2026-11-15', $today: '2026-12-01' })).to.equal(true);
    expect(applyLogic(logic, { born: '2026-11-15', $today: '2027-01-20' })).to.equal(false);
  });

  it('shifts days, weeks and months by the calendar', () => {
    expect(shiftDay('2024-03-31', -1, 'month')).to.equal('2024-02-29');
    expect(shiftDay('2024-01-31', 1, 'month')).to.equal('2024-02-29');
    expect(shiftDay('2024-03-01', -1, 'day')).to.equal('2024-02-29');
    expect(shiftDay('2024-12-30', 1, 'week')).to.equal('2025-01-06');
    expect(dayOf('2026-12-01')).to.equal('2026-12-01');
    expect(dayOf(null)).to.equal(null);
  });

  it('leaves incomplete conditions out; nothing left matches every record', () => {
    expect(conditionToLogic({ all: [] }, table)).to.equal(true);
    expect(conditionToLogic({ all: [{ field: 'name', op: 'contains' }, { any: [] }] }, table)).to.equal(true);
    expect(run({ all: [{ field: 'name', op: 'contains', value: '' }] })).to.have.length(4);
    expect(logicToCondition(true, table)).to.deep.equal({ all: [] });
  });

  it('gives undefined for logic it did not make', () => {
    expect(logicToCondition({ '==': [{ var: 'name' }, 'x'] }, table)).to.equal(undefined);
    expect(logicToCondition({ in: [{ var: 'nope' }, ['a']] }, table)).to.equal(undefined);
    expect(logicToCondition({ and: [{ ltc_blank: [{ var: 'name' }] }, { '+': [1, 2] }] }, table)).to.equal(undefined);
    expect(logicToCondition('x', table)).to.equal(undefined);
  });

  it('reports unknown fields, operators and wrong values with a path, in both languages', () => {
    const issues = validateCondition(
      { all: [{ field: 'nope', op: 'is', value: 'x' }, { any: [{ field: 'city', op: 'contains', value: 'x' }, { field: 'amount', op: 'between', value: [1] as never }] }, { field: 'born', op: 'inLast', value: { n: 1.5, unit: 'day' } }] },
      table,
    );
    expect(issues.map((i) => [i.path, i.code])).to.deep.equal([
      ['all[0].field', 'condition.field'],
      ['all[1].any[0].op', 'condition.op'],
      ['all[1].any[1].value', 'condition.value'],
      ['all[2].value', 'condition.value'],
    ]);
    expect(issues[0]!.message['zh-CN']).to.contain('nope');
    expect(issues[2]!.message.en).to.contain('two numbers');
    expect(validateCondition({ all: [{ field: 'city', op: 'isAnyOf', value: ['sh'] }] }, table)).to.deep.equal([]);
  });

  it('uses derived values when given', () => {
    const formula: TableDef = { ...table, fields: [...table.fields, { id: 'score', name: '分', type: 'formula', options: { formula: '1', resultType: 'number' } }] };
    const derived = (r: RecordData, f: FieldDef) => (f.id === 'score' ? (r === records[1] ? 9 : 1) : r.values[f.id]);
    expect(names(matchRecords(records, { all: [{ field: 'score', op: '>', value: 5 }] }, formula, derived))).to.deep.equal(['Ada Lovelace']);
  });
});

describe('conditions: quickSearch', () => {
  it('finds by name, choice label in either language and phone fragment with spaces', () => {
    expect(names(quickSearch(records, table, '国庆'))).to.deep.equal(['范国庆']);
    expect(names(quickSearch(records, table, 'ADA'))).to.deep.equal(['Ada Lovelace']);
    expect(names(quickSearch(records, table, 'ａｂｃ'))).to.deep.equal(['ＡＢＣ商行']);
    expect(names(quickSearch(records, table, 'beijing'))).to.deep.equal(['Ada Lovelace']);
    expect(names(quickSearch(records, table, '上海'))).to.deep.equal(['范国庆', '  ']);
    expect(names(quickSearch(records, table, '138 0013'))).to.deep.equal(['范国庆']);
    expect(names(quickSearch(records, table, '138-0013-8000'))).to.deep.equal(['范国庆']);
    expect(names(quickSearch(records, table, '12345678'))).to.deep.equal(['Ada Lovelace', '  ']);
    expect(quickSearch(records, table, '  ')).to.have.length(4);
  });

  it('does not match choice or relation ids', () => {
    expect(names(quickSearch(records, table, 's1'))).to.deep.equal([]);
    expect(names(quickSearch(records, table, 'bj'))).to.deep.equal([]);
  });
});

// ---- properties -------------------------------------------------------------------------

/** The hand-written meaning of each operator: the oracle for the generated logic. */
function plain(c: Condition, r: RecordData, today: string): boolean {
  const v = r.values[c.field] ?? null;
  const blank = v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
  const norm = (x: unknown) => String(x ?? '').replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ').toLowerCase();
  const day = typeof v === 'string' ? (v.length === 10 ? v : dayOf(v)) : null;
  // The oracle reads each operator's value shape as it needs it.
  const val = c.value as any;
  switch (c.op) {
    case 'isEmpty': return blank;
    case 'isNotEmpty': return !blank;
    case 'contains': return norm(v).includes(norm(val));
    case 'notContains': return !norm(v).includes(norm(val));
    case 'startsWith': return norm(v).startsWith(norm(val));
    case 'is': return c.field === 'born' || c.field === 'seen' ? day === val : norm(v) === norm(val);
    case 'isNot': return norm(v) !== norm(val);
    case '=': return v === val;
    case '!=': return v !== val;
    case '<': return typeof v === 'number' && v < val;
    case '<=': return typeof v === 'number' && v <= val;
    case '>': return typeof v === 'number' && v > val;
    case '>=': return typeof v === 'number' && v >= val;
    case 'between': return c.field === 'born' ? day !== null && day >= (val as string[])[0]! && day <= (val as string[])[1]! : typeof v === 'number' && v >= (val as number[])[0]! && v <= (val as number[])[1]!;
    case 'before': return day !== null && day < val;
    case 'after': return day !== null && day > val;
    case 'today': return day === today;
    case 'inLast': { const { n, unit } = val as { n: number; unit: string }; return day !== null && day >= shiftDay(today, -n, unit)! && day <= today; }
    case 'inNext': { const { n, unit } = val as { n: number; unit: string }; return day !== null && day >= today && day <= shiftDay(today, n, unit)!; }
    case 'isAnyOf': return (val as string[]).includes(v as string);
    case 'isNoneOf': return !(val as string[]).includes(v as string);
    case 'hasAnyOf': return Array.isArray(v) && v.some((x) => (val as string[]).includes(x));
    case 'hasAllOf': return Array.isArray(v) && (val as string[]).every((x) => v.includes(x));
    case 'isTrue': return v === true;
    case 'isFalse': return v !== true;
    case 'has': return Array.isArray(v) ? v.includes(val) : v === val;
  }
}
function plainGroup(g: ConditionGroup, r: RecordData, today: string): boolean {
  if ('all' in g) return g.all.every((i) => ('field' in i ? plain(i, r, today) : plainGroup(i, r, today)));
  return g.any.some((i) => ('field' in i ? plain(i, r, today) : plainGroup(i, r, today)));
}

const day = fc.integer({ min: 0, max: 60 }).map((d) => shiftDay('2026-11-01', d, 'day')!);
const ids = (pool: string[]) => fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: pool.length });
const textValue = fc.constantFrom('', '  ', 'ab', 'AB', 'ａｂ', '范国庆', 'x范', 'ab cd');
const record = fc.record({
  name: fc.option(textValue, { nil: null }),
  amount: fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }),
  born: fc.option(day, { nil: null }),
  city: fc.option(fc.constantFrom('sh', 'bj', 'gz'), { nil: null }),
  tags: fc.option(fc.uniqueArray(fc.constantFrom('a', 'b', 'c')), { nil: null }),
  vip: fc.option(fc.boolean(), { nil: null }),
  orders: fc.option(fc.uniqueArray(fc.constantFrom('o1', 'o10', 'o2')), { nil: null }),
}).map((values) => rec(values));
const condition: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ field: fc.constant('name'), op: fc.constantFrom('contains', 'notContains', 'is', 'isNot', 'startsWith'), value: textValue.filter((t) => t !== '') }),
  fc.record({ field: fc.constantFrom('name', 'amount', 'born', 'city', 'tags', 'orders'), op: fc.constantFrom('isEmpty', 'isNotEmpty') }),
  fc.record({ field: fc.constant('amount'), op: fc.constantFrom('=', '!=', '<', '<=', '>', '>='), value: fc.integer({ min: -3, max: 3 }) }),
  fc.record({ field: fc.constant('amount'), op: fc.constant('between'), value: fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 })) }),
  fc.record({ field: fc.constant('born'), op: fc.constantFrom('is', 'before', 'after'), value: day }),
  fc.record({ field: fc.constant('born'), op: fc.constant('between'), value: fc.tuple(day, day) }),
  fc.record({ field: fc.constant('born'), op: fc.constantFrom('inLast', 'inNext'), value: fc.record({ n: fc.integer({ min: 0, max: 40 }), unit: fc.constantFrom('day', 'week', 'month') }) }),
  fc.record({ field: fc.constant('born'), op: fc.constant('today') }),
  fc.record({ field: fc.constant('city'), op: fc.constantFrom('isAnyOf', 'isNoneOf'), value: ids(['sh', 'bj', 'gz']) }),
  fc.record({ field: fc.constant('tags'), op: fc.constantFrom('hasAnyOf', 'hasAllOf'), value: ids(['a', 'b', 'c']) }),
  fc.record({ field: fc.constant('vip'), op: fc.constantFrom('isTrue', 'isFalse') }),
  fc.record({ field: fc.constant('orders'), op: fc.constant('has'), value: fc.constantFrom('o1', 'o10', 'o2', 'o') }),
) as fc.Arbitrary<Condition>;
const { group } = fc.letrec<{ group: ConditionGroup; item: Condition | ConditionGroup }>((tie) => ({
  item: fc.oneof({ depthSize: 'small', withCrossShrink: true }, condition, tie('group')),
  group: fc.oneof(fc.record({ all: fc.array(tie('item'), { minLength: 1, maxLength: 3 }) }), fc.record({ any: fc.array(tie('item'), { minLength: 1, maxLength: 3 }) })) as fc.Arbitrary<ConditionGroup>,
}));

describe('conditions: properties', () => {
  it('applyLogic(conditionToLogic(c)) agrees with a hand-written loop, and json-logic-js with applyLogic', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 12 }), group, day, (rs, g, today) => {
        const logic = conditionToLogic(g, table);
        for (const r of rs) {
          const data = conditionData(r, table, today);
          const ours = jsonLogic.truthy(applyLogic(logic, data));
          expect(ours, JSON.stringify([g, r.values, today])).to.equal(plainGroup(g, r, today));
          expect(jsonLogic.truthy(jsonLogic.apply(logic as never, data))).to.equal(ours);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('matchLogic, reading only the fields a logic names, keeps exactly the records full data would', () => {
    // `orders` is read through the derived reader (as the table reads an inverse link).
    const derivedTable: TableDef = { ...table, fields: table.fields.map((f) => (f.id === 'orders' ? { ...f, options: { ...f.options, inverseOf: 'customer' } } : f)) };
    const readValue = (r: RecordData, f: FieldDef) => (f.id === 'orders' ? ((r.values.orders as never) ?? null) : undefined);
    const hand = fc.oneof(
      fc.constant<unknown>({ missing: ['name', 'amount'] }),
      fc.constant<unknown>({ '==': [{ var: ['city', 'sh'] }, 'sh'] }),
      fc.constant<unknown>({ '!!': { var: '' } }),
      fc.constant<unknown>({ in: ['a', { var: 'tags' }] }),
    );
    fc.assert(
      fc.property(fc.array(record, { maxLength: 12 }), fc.oneof(group.map((g) => conditionToLogic(g, derivedTable)), hand), (rs, logic) => {
        const now = new Date(2026, 10, 20);
        const full = rs.filter((r) => jsonLogic.truthy(applyLogic(logic, conditionData(r, derivedTable, '2026-11-20', readValue))));
        expect(matchLogic(rs, logic, derivedTable, { now, readValue }).map((r) => r.id), JSON.stringify(logic)).to.deep.equal(full.map((r) => r.id));
      }),
      { numRuns: 300 },
    );
  });

  it('logicToCondition reads back every condition it produced', () => {
    fc.assert(
      fc.property(group, (g) => {
        expect(logicToCondition(conditionToLogic(g, table), table)).to.deep.equal(g);
      }),
      { numRuns: 300 },
    );
  });
});
