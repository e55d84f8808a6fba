/**
 * Field edits over a real store with the customer-ltv template: renames carried into
 * formula sources, cycles refused with the cycle named, deletes leaving #REF!, stale
 * writes refused, and the evaluation object a preview uses.
 */
import { expect } from '@open-wc/testing';
import { buildFormulaGraph, checkFormulaField, evaluateFormula, isError } from '../../src/core/formula/index.js';
import type { AppDef, FieldDef } from '../../src/core/schema/types.js';
import { MemoryStore } from '../../src/store/index.js';
import { StaleWriteError } from '../../src/store/types.js';
import { ensureApp } from '../../src/runtime/open-app.js';
import { DerivedValues } from '../../src/runtime/derived.js';
import {
  FieldEditError,
  deleteField,
  evaluationObject,
  formulasReferencing,
  prepareFieldSave,
  saveField,
} from '../../src/runtime/app-edits.js';
import { customerLtvTemplate as template } from '../helpers/customer-ltv.js';


function field(app: AppDef, tableId: string, fieldId: string): FieldDef {
  const f = app.tables.find((t) => t.id === tableId)!.fields.find((g) => g.id === fieldId);
  if (!f) throw new Error(`no field ${tableId}/${fieldId}`);
  return f;
}

async function expectEditError(promise: Promise<unknown>, code: string): Promise<FieldEditError> {
  try {
    await promise;
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(FieldEditError);
    expect((error as FieldEditError).code).to.equal(code);
    return error as FieldEditError;
  }
  throw new Error(`expected ${code}, but the edit was accepted`);
}

describe('app edits: saveField / deleteField', function () {
  this.timeout(30000);
  let store: MemoryStore;
  let app: AppDef;

  beforeEach(async () => {
    store = new MemoryStore();
    const tpl = await template();
    ({ app } = await ensureApp(store, { appId: 'edits', loadTemplate: async () => tpl }));
  });

  it('renaming a field rewrites the formulas that use it, and bumps the version', async () => {
    const renamed = { ...field(app, 'customers', 'purchaseFrequency'), name: '年购买频次' };
    const saved = await saveField(store, app, 'customers', renamed);
    expect(saved.version).to.equal(app.version + 1);
    expect(field(saved, 'customers', 'purchaseFrequency').name).to.equal('年购买频次');
    expect(field(saved, 'customers', 'ltv').options!.formula).to.equal('{平均客单价} * {年购买频次} * {客户保持率}');
    expect((await store.getApp('edits'))!.version).to.equal(saved.version);
    // Nothing is left broken.
    expect(buildFormulaGraph(saved).issues).to.deep.equal([]);
  });

  it('renaming a field of the orders table rewrites rollups in the customers table', async () => {
    const saved = await saveField(store, app, 'orders', { ...field(app, 'orders', 'amount'), name: '订单金额' });
    expect(field(saved, 'customers', 'totalSpend').options!.formula).to.equal('SUMIF({订单.支付状态}, "已支付", {订单.订单金额})');
    expect(field(saved, 'customers', 'avgOrderValue').options!.formula).to.equal('IF({订单数}=0, 0, AVERAGEIF({订单.支付状态}, "已支付", {订单.订单金额}))');
  });

  it('renaming a relation field rewrites reads through it', async () => {
    const saved = await saveField(store, app, 'customers', { ...field(app, 'customers', 'orders'), name: '全部订单' });
    expect(field(saved, 'customers', 'totalSpend').options!.formula).to.equal('SUMIF({全部订单.支付状态}, "已支付", {全部订单.金额})');
    expect(field(saved, 'customers', 'orderCount').options!.formula).to.equal('COUNTIF({全部订单.支付状态}, "已支付")');
  });

  it('adds a new formula field with a generated id and the inferred result type', async () => {
    const saved = await saveField(store, app, 'customers', { id: '', name: '历史价值', type: 'formula', options: { formula: 'SUM({订单.金额})' } });
    const added = saved.tables[0]!.fields.at(-1)!;
    expect(added.name).to.equal('历史价值');
    expect(added.id).to.match(/^fld_[0-9a-z]+$/);
    expect(added.options!.resultType).to.equal('money');
    expect(buildFormulaGraph(saved).compiled('customers', added.id)).to.exist;
  });

  it('refuses a circular reference with a message naming the cycle, and stores nothing', async () => {
    const aov = field(app, 'customers', 'avgOrderValue');
    const error = await expectEditError(
      saveField(store, app, 'customers', { ...aov, options: { ...aov.options, formula: '{LTV} / 2' } }, { locale: 'zh-CN' }),
      'formula.cycle',
    );
    expect(error.target).to.equal('formula');
    expect(error.message).to.contain('循环引用').and.to.contain('{LTV}').and.to.contain('{平均客单价}');
    // The range points at the reference that closes the cycle.
    expect('{LTV} / 2'.slice(error.formulaError!.start, error.formulaError!.end)).to.equal('{LTV}');
    expect((await store.getApp('edits'))!.version).to.equal(app.version);
  });

  it('refuses a typo in a formula with the suggestion and its replacement', async () => {
    const error = await expectEditError(
      saveField(store, app, 'customers', { id: '', name: 'x', type: 'formula', options: { formula: '{购买频率} * 2' } }),
      'formula.unknownField',
    );
    expect(error.formulaError!.replacement).to.equal('{购买频次}');
    expect(error.formulaError!.start).to.equal(0);
    expect(error.formulaError!.end).to.equal(6);
  });

  it('validates names, ids, choices and relations', async () => {
    const base: FieldDef = { id: '', name: '', type: 'text' };
    await expectEditError(saveField(store, app, 'customers', base), 'edit.nameRequired');
    const taken = await expectEditError(saveField(store, app, 'customers', { ...base, name: ' 手机 ' }, { locale: 'zh-CN' }), 'edit.nameTaken');
    expect(taken.message).to.contain('手机');
    expect(taken.target).to.equal('name');
    await expectEditError(saveField(store, app, 'customers', { ...base, name: 'ltv' }), 'edit.nameTaken');
    await expectEditError(saveField(store, app, 'customers', { ...base, id: 'mobile', name: '新' }, { mode: 'create' }), 'edit.idTaken');
    await expectEditError(saveField(store, app, 'customers', { ...base, id: 'bad id', name: '新' }), 'edit.idInvalid');
    await expectEditError(
      saveField(store, app, 'customers', { ...base, name: '等级', type: 'select', options: { choices: [{ id: 'a', name: '金卡' }, { id: 'b', name: '金卡 ' }] } }),
      'edit.choiceDuplicate',
    );
    await expectEditError(saveField(store, app, 'customers', { ...base, name: '关联', type: 'relation', options: {} }), 'edit.relationTable');
    await expectEditError(saveField(store, app, 'nope', { ...base, name: 'x' }), 'edit.unknownTable');
    expect((await store.getApp('edits'))!.version).to.equal(app.version);
  });

  it('checks options against the type\'s options schema, with a translated message naming the setting', async () => {
    const base: FieldDef = { id: '', name: '折扣', type: 'percent', options: { precision: 11 } };
    const error = await expectEditError(saveField(store, app, 'customers', base, { locale: 'zh-CN' }), 'edit.optionInvalid');
    expect(error.message).to.contain('小数位数');
    expect(error.target).to.equal('options');
    const fine = await saveField(store, app, 'customers', { ...base, options: { precision: 1 } });
    expect(fine.version).to.equal(app.version + 1);
  });

  it('uses the one id rule: prototype and constructor are not field ids', async () => {
    for (const id of ['prototype', 'constructor']) {
      await expectEditError(saveField(store, app, 'customers', { id, name: `新${id}`, type: 'text' }), 'edit.idInvalid');
    }
  });

  it('refuses a type change that would break another formula, naming it', async () => {
    const retention = { ...field(app, 'customers', 'retentionRate'), type: 'text' };
    const error = await expectEditError(saveField(store, app, 'customers', retention, { locale: 'en' }), 'edit.breaksFormulas');
    expect(error.message).to.contain('{LTV}');
  });

  it('refuses a stale write (the app changed meanwhile)', async () => {
    await saveField(store, app, 'customers', { id: '', name: '甲', type: 'text' });
    let caught: unknown;
    try {
      await saveField(store, app, 'customers', { id: '', name: '乙', type: 'text' });
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(StaleWriteError);
    const stored = (await store.getApp('edits'))!;
    expect(stored.tables[0]!.fields.map((f) => f.name)).to.include('甲').and.not.to.include('乙');
  });

  it('deletes a field on top of a change made meanwhile that left it alone, and refuses when the field changed too', async () => {
    // Another tab (or the rules' run log on a first open) changed the app after `app` was read.
    await saveField(store, app, 'customers', { id: '', name: '甲', type: 'text' });
    const { app: saved } = await deleteField(store, app, 'customers', 'email');
    expect(saved.tables[0]!.fields.map((f) => f.name)).to.include('甲');
    expect(saved.tables[0]!.fields.some((f) => f.id === 'email')).to.equal(false);
    // A rename of the very field in between is not overwritten by a deletion based on the old one.
    const phone = field(saved, 'customers', 'mobile');
    await saveField(store, saved, 'customers', { ...phone, name: '手机号码' });
    let caught: unknown;
    await deleteField(store, saved, 'customers', 'mobile').catch((error: unknown) => (caught = error));
    expect(caught).to.be.instanceOf(StaleWriteError);
    expect((await store.getApp('edits'))!.tables[0]!.fields.find((f) => f.id === 'mobile')?.name).to.equal('手机号码');
  });

  it('deleting a field leaves formulas using it with their source, computing #REF!', async () => {
    expect(formulasReferencing(app, 'customers', 'retentionRate').map((r) => r.name)).to.deep.equal(['LTV']);
    const { app: saved, affected } = await deleteField(store, app, 'customers', 'retentionRate');
    expect(affected).to.deep.equal([{ tableId: 'customers', fieldId: 'ltv', name: 'LTV' }]);
    expect(saved.tables[0]!.fields.some((f) => f.id === 'retentionRate')).to.equal(false);
    expect(field(saved, 'customers', 'ltv').options!.formula).to.equal('{平均客单价} * {购买频次} * {客户保持率}');
    const compiled = buildFormulaGraph(saved).compiled('customers', 'ltv')!;
    const value = evaluateFormula(compiled, { avgOrderValue: 100, purchaseFrequency: 4, retentionRate: 0.8 });
    expect(isError(value) && value.code).to.equal('#REF!');
    // While editing, the same reference is an error the user can fix.
    expect(() => checkFormulaField(saved, 'customers', 'ltv', field(saved, 'customers', 'ltv').options!.formula!)).to.throw(/客户保持率/);
  });

  it('deleting a relation field reports the formulas reading through it', async () => {
    const names = formulasReferencing(app, 'orders', 'amount').map((r) => r.name);
    expect(names).to.include.members(['累计消费', '平均客单价']);
    expect(formulasReferencing(app, 'orders', 'paymentStatus').map((r) => r.name)).to.include.members(['订单数', '累计消费', '平均客单价']);
    const through = formulasReferencing(app, 'customers', 'orders').map((r) => r.name);
    expect(through).to.include.members(['订单数', '累计消费', '首次下单日期', '最近下单日期']);
  });

  it('refuses to delete the primary field or the forward side of an inverse relation', async () => {
    await expectEditError(deleteField(store, app, 'customers', 'name'), 'edit.primaryField');
    const inverse = await expectEditError(deleteField(store, app, 'orders', 'customer', { locale: 'zh-CN' }), 'edit.inverseField');
    expect(inverse.message).to.contain('客户.订单');
    expect((await store.getApp('edits'))!.version).to.equal(app.version);
  });

  it('prepareFieldSave computes the edit without writing', async () => {
    const prepared = prepareFieldSave(app, 'customers', { ...field(app, 'customers', 'avgOrderValue'), name: '客单价' });
    expect(prepared.renamed.map((r) => r.fieldId)).to.deep.equal(['ltv']);
    expect((await store.getApp('edits'))!.version).to.equal(app.version);
  });

  it('evaluationObject gives a formula the record, its computed values and related records', async () => {
    const derived = new DerivedValues(store, app);
    await derived.load();
    try {
      const orders = await store.queryRecords('edits', 'orders');
      const customer = derived.all('customers').find((c) => orders.filter((o) => o.values.customer === c.id).length >= 3)!;
      const mine = orders.filter((o) => o.values.customer === customer.id);
      const compiled = checkFormulaField(app, 'customers', 'ltv', 'SUM({订单.金额}) + {平均客单价} * 0 + {获客成本}');
      const object = evaluationObject(app, derived, 'customers', customer.id, compiled.refs)!;
      const expected = mine.reduce((sum, o) => sum + (o.values.amount as number), 0) + (customer.values.acquisitionCost as number);
      expect(evaluateFormula(compiled, object) as number).to.be.closeTo(expected, 1e-6);
      expect(evaluationObject(app, derived, 'customers', 'missing', compiled.refs)).to.equal(undefined);
    } finally {
      derived.dispose();
    }
  });
});
