// The app-wide dependency graph (order, cycles, cross-table dependents) and renames.
import { expect } from '@open-wc/testing';
import type { AppDef, FieldDef } from '../../../src/core/schema/types.js';
import {
  FormulaError,
  buildFormulaGraph,
  checkFormulaField,
  evaluateFormula,
  renameFieldInApp,
  renameFieldInFormula,
  rewriteFormulaReferences,
  scopeForTable,
} from '../../../src/core/formula/index.js';

const formula = (id: string, name: string, source: string): FieldDef => ({ id, name, type: 'formula', options: { formula: source } });

function makeApp(extraCustomerFields: FieldDef[] = []): AppDef {
  return {
    id: 'app',
    name: 'CRM',
    version: 1,
    createdAt: '2024-01-01T00:00:00Z',
    updatedAt: '2024-01-01T00:00:00Z',
    tables: [
      {
        id: 'customers',
        name: '客户',
        primaryFieldId: 'c_name',
        fields: [
          { id: 'c_name', name: '客户名称', type: 'text' },
          { id: 'c_freq', name: '购买频次', type: 'number' },
          { id: 'c_ret', name: '客户保持率', type: 'percent' },
          { id: 'c_orders', name: '订单', type: 'relation', options: { table: 'orders', inverseOf: 'o_customer' } },
          formula('c_ltv', 'LTV', '{平均订单} * {购买频次} * {客户保持率}'),
          formula('c_avg', '平均订单', 'AVERAGE({订单.金额})'),
          formula('c_hist', '历史价值', 'SUM({订单.含税金额})'),
          formula('c_tier', '分级', 'IF({LTV} > 300, "高", "低")'),
          formula('c_last', '最近下单', 'MAX({订单.下单日期})'),
          ...extraCustomerFields,
        ],
      },
      {
        id: 'orders',
        name: '订单',
        primaryFieldId: 'o_no',
        fields: [
          { id: 'o_no', name: '单号', type: 'text' },
          { id: 'o_amount', name: '金额', type: 'money' },
          { id: 'o_date', name: '下单日期', type: 'date' },
          { id: 'o_customer', name: '客户', type: 'relation', options: { table: 'customers' } },
          formula('o_taxed', '含税金额', '{金额} * 1.13'),
          formula('o_cust_name', '客户名', '{客户.客户名称}'),
        ],
      },
    ],
  };
}

describe('formula dependency graph', () => {
  it('compiles every formula and orders them dependencies first', () => {
    const g = buildFormulaGraph(makeApp());
    expect(g.issues).to.deep.equal([]);
    const order = g.orderFor('customers');
    expect(order.indexOf('c_avg')).to.be.lessThan(order.indexOf('c_ltv'));
    expect(order.indexOf('c_ltv')).to.be.lessThan(order.indexOf('c_tier'));
    const keys = g.order.map((o) => `${o.tableId}/${o.fieldId}`);
    expect(keys.indexOf('orders/o_taxed')).to.be.lessThan(keys.indexOf('customers/c_hist'));
    expect(g.nodes.get('customers/c_hist')!.dependsOn).to.deep.equal(['orders/o_taxed']);
  });

  it('infers result types through formula-of-formula chains', () => {
    const g = buildFormulaGraph(makeApp());
    expect(g.compiled('customers', 'c_avg')!.type).to.equal('money');
    expect(g.compiled('customers', 'c_ltv')!.type).to.equal('money');
    expect(g.compiled('customers', 'c_hist')!.type).to.equal('money');
    expect(g.compiled('customers', 'c_last')!.type).to.equal('date');
    expect(g.compiled('orders', 'o_cust_name')!.type).to.equal('text');
  });

  it('evaluates in order to the numbers of a worked example', () => {
    const g = buildFormulaGraph(makeApp());
    const orders = [
      { o_amount: 100, o_date: '2024-01-05' },
      { o_amount: 100, o_date: '2024-04-05' },
    ].map((o) => ({ ...o, o_taxed: evaluateFormula(g.compiled('orders', 'o_taxed')!, o) }));
    const customer: Record<string, unknown> = { c_freq: 4, c_ret: 0.8, c_orders: orders };
    for (const fieldId of g.orderFor('customers')) customer[fieldId] = evaluateFormula(g.compiled('customers', fieldId)!, customer);
    expect(customer.c_ltv).to.equal(320);
    expect(customer.c_hist).to.equal(226);
    expect(customer.c_tier).to.equal('高');
    expect(customer.c_last).to.equal('2024-04-05');
  });

  it('refuses cycles, naming them, and keeps the rest evaluable', () => {
    const app = makeApp([formula('c_a', 'A', '{B} + 1'), formula('c_b', 'B', '{A} * 2')]);
    const g = buildFormulaGraph(app);
    const cyc = g.issues.filter((i) => i.error.code === 'formula.cycle');
    expect(cyc.map((i) => i.fieldId).sort()).to.deep.equal(['c_a', 'c_b']);
    const a = cyc.find((i) => i.fieldId === 'c_a')!.error;
    expect(a.message).to.match(/Circular reference: \{A\} → \{B\} → \{A\}|Circular reference: \{B\} → \{A\} → \{B\}/);
    expect(a.start).to.equal(0);
    expect(a.end).to.equal(3);
    expect(g.compiled('customers', 'c_a')).to.equal(undefined);
    expect(g.orderFor('customers')).to.not.include('c_a');
    expect(g.orderFor('customers')).to.include('c_ltv');
  });

  it('refuses a cycle across tables at edit time', () => {
    const app = makeApp();
    const e = (() => {
      try {
        checkFormulaField(app, 'orders', 'o_taxed', '{金额} * 1.13 + {客户.历史价值}', { locale: 'zh-CN' });
      } catch (err) {
        return err as FormulaError;
      }
      throw new Error('expected a cycle');
    })();
    expect(e).to.be.instanceOf(FormulaError);
    expect(e.code).to.equal('formula.cycle');
    expect(e.message).to.contain('循环引用');
    expect(e.message).to.contain('订单.{含税金额}');
    expect(e.message).to.contain('客户.{历史价值}');
    const source = '{金额} * 1.13 + {客户.历史价值}';
    expect(source.slice(e.start, e.end)).to.equal('{客户.历史价值}');
  });

  it('refuses a self-reference and other compile errors at edit time, accepts good edits', () => {
    const app = makeApp();
    expect(() => checkFormulaField(app, 'customers', 'c_ltv', '{LTV} + 1')).to.throw(FormulaError, /Circular reference: \{LTV\} → \{LTV\}/);
    expect(() => checkFormulaField(app, 'customers', 'c_ltv', '{不存在}')).to.throw(FormulaError, /no field named/);
    const c = checkFormulaField(app, 'customers', 'c_tier', 'IF({LTV} > 500, "A", "B")');
    expect(c.deps).to.deep.equal(['c_ltv']);
  });

  it('finds dependents within the record and across relations', () => {
    const g = buildFormulaGraph(makeApp());
    const local = g.dependentsOf('customers', ['c_freq']);
    expect(local).to.deep.equal({ tableId: 'customers', via: null, fieldIds: ['c_ltv', 'c_tier'], next: [] });
    const orderChange = g.dependentsOf('orders', ['o_amount']);
    expect(orderChange.fieldIds).to.deep.equal(['o_taxed']);
    expect(orderChange.next).to.have.length(1);
    const up = orderChange.next[0]!;
    expect(up.tableId).to.equal('customers');
    expect(up.via).to.equal('c_orders');
    expect([...up.fieldIds].sort()).to.deep.equal(['c_avg', 'c_hist', 'c_ltv', 'c_tier']);
    expect(up.fieldIds.indexOf('c_avg')).to.be.lessThan(up.fieldIds.indexOf('c_ltv'));
    const dateChange = g.dependentsOf('orders', ['o_date']);
    expect(dateChange.next[0]!.fieldIds).to.deep.equal(['c_last']);
    const unrelated = g.dependentsOf('orders', ['o_no']);
    expect(unrelated).to.deep.equal({ tableId: 'orders', via: null, fieldIds: [], next: [] });
  });

  it('treats moving an order to another customer as a change of the customer rollups', () => {
    const g = buildFormulaGraph(makeApp());
    const moved = g.dependentsOf('orders', ['o_customer']);
    expect(moved.fieldIds).to.deep.equal(['o_cust_name']);
    expect(moved.next[0]!.via).to.equal('c_orders');
    expect(moved.next[0]!.fieldIds).to.include.members(['c_avg', 'c_hist', 'c_last', 'c_ltv', 'c_tier']);
    const renamed = g.dependentsOf('customers', ['c_name']);
    expect(renamed.next).to.deep.equal([{ tableId: 'orders', via: 'o_customer', fieldIds: ['o_cust_name'], next: [] }]);
  });

  it('keeps formulas that reference a deleted field, as #REF!', () => {
    const app = makeApp([formula('c_x', 'X', '{被删字段} + {购买频次}')]);
    const g = buildFormulaGraph(app);
    expect(g.issues).to.deep.equal([]);
    const c = g.compiled('customers', 'c_x')!;
    expect(c.brokenReferences.map((b) => b.name)).to.deep.equal(['被删字段']);
    expect(String(evaluateFormula(c, { c_freq: 1 }))).to.equal('#REF!');
    expect(g.referencesTo('orders', 'o_amount').map((r) => r.fieldId)).to.deep.equal(['c_avg', 'o_taxed']);
  });
});

describe('formula renames', () => {
  it('rewrites only the reference, keeping the text as typed', () => {
    const app = makeApp();
    const scope = scopeForTable(app, 'customers');
    const source = '  {平均订单}*{购买频次}  ×  {客户保持率} & "{购买频次}"';
    expect(renameFieldInFormula(source, scope, 'c_freq', '年购买次数')).to.equal('  {平均订单}*{年购买次数}  ×  {客户保持率} & "{购买频次}"');
    expect(renameFieldInFormula('SUM({订单.金额})', scope, 'o_amount', '订单金额', 'c_orders')).to.equal('SUM({订单.订单金额})');
    expect(renameFieldInFormula('SUM({订单.金额})', scope, 'c_orders', '全部订单')).to.equal('SUM({全部订单.金额})');
    expect(renameFieldInFormula('{购买频次}', scope, 'c_freq', 'a.b}c')).to.equal('{a\\.b\\}c}');
  });

  it('renames across the app and the result still compiles to the same logic', () => {
    const app = makeApp();
    const before = buildFormulaGraph(app);
    const { app: renamed, changes } = renameFieldInApp(app, 'orders', 'o_amount', '订单金额');
    expect(changes.map((c) => `${c.tableId}/${c.fieldId}`).sort()).to.deep.equal(['customers/c_avg', 'orders/o_taxed']);
    const avg = renamed.tables[0]!.fields.find((f) => f.id === 'c_avg')!;
    expect(avg.options!.formula).to.equal('AVERAGE({订单.订单金额})');
    expect(renamed.tables[1]!.fields.find((f) => f.id === 'o_amount')!.name).to.equal('订单金额');
    expect(app.tables[1]!.fields.find((f) => f.id === 'o_amount')!.name).to.equal('金额');
    const after = buildFormulaGraph(renamed);
    expect(after.issues).to.deep.equal([]);
    expect(after.compiled('customers', 'c_avg')!.logic).to.deep.equal(before.compiled('customers', 'c_avg')!.logic);
  });

  it('exposes a generic reference rewriter and leaves untokenizable text alone', () => {
    expect(rewriteFormulaReferences('{a} + {b.c}', (segs) => (segs.length === 2 ? ['x', 'y'] : undefined))).to.equal('{a} + {x.y}');
    expect(rewriteFormulaReferences('{a} & "open', () => ['z'])).to.equal('{a} & "open');
  });
});
