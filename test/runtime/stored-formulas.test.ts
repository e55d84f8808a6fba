/**
 * Formulas are stored as source + compiled JSON Logic + dependencies: after cloning, after
 * editing a formula and after renaming a field it reads, the stored logic is what the
 * source compiles to, and json-logic-js itself evaluates it to the same value.
 */
import { expect } from '@open-wc/testing';
import jsonLogic from 'json-logic-js';
import { compileFormula, evaluateFormula, scopeForTable } from '../../src/core/formula/index.js';
import type { AppDef, FieldDef } from '../../src/core/schema/types.js';
import { MemoryStore } from '../../src/store/index.js';
import { ensureApp } from '../../src/runtime/open-app.js';
import { saveField } from '../../src/runtime/app-edits.js';
import { customerLtvTemplate as template } from '../helpers/customer-ltv.js';


const field = (app: AppDef, id: string): FieldDef => app.tables[0].fields.find((f) => f.id === id)!;

describe('stored formulas (source + logic + deps)', () => {
  it('stores compiled logic and dependencies for every formula field when a template is cloned', async () => {
    const store = new MemoryStore();
    const { app } = await ensureApp(store, { appId: 's', loadTemplate: template });
    const stored = (await store.getApp('s'))!;
    expect(stored).to.deep.equal(app);
    const scope = scopeForTable(stored, 'customers');
    const formulas = stored.tables[0].fields.filter((f) => f.type === 'formula');
    expect(formulas.length).to.be.greaterThan(5);
    for (const f of formulas) {
      const compiled = compileFormula(f.options!.formula!, scope);
      expect(f.options!.logic, f.name).to.deep.equal(compiled.logic);
      expect(f.options!.deps, f.name).to.deep.equal(compiled.deps);
    }
    expect(field(stored, 'ltv').options!.deps).to.include.members(['avgOrderValue', 'purchaseFrequency', 'retentionRate']);
  });

  it('keeps logic in step when a formula is edited and when a field it reads is renamed', async () => {
    const store = new MemoryStore();
    const { app } = await ensureApp(store, { appId: 's2', loadTemplate: template });
    const ltv = field(app, 'ltv');
    const edited = await saveField(store, app, 'customers', { ...ltv, options: { ...ltv.options, formula: '{平均客单价} * {购买频次}' } });
    expect(field(edited, 'ltv').options!.deps).to.deep.equal(['avgOrderValue', 'purchaseFrequency']);
    const record = { avgOrderValue: 100, purchaseFrequency: 4, retentionRate: 0.8 };
    expect(jsonLogic.apply(field(edited, 'ltv').options!.logic, record)).to.equal(400);

    const aov = field(edited, 'avgOrderValue');
    const renamed = await saveField(store, edited, 'customers', { ...aov, name: '客单价' });
    // The source follows the rename; the logic (fields by id) is unchanged and still right.
    expect(field(renamed, 'ltv').options!.formula).to.equal('{客单价} * {购买频次}');
    expect(field(renamed, 'ltv').options!.logic).to.deep.equal(field(edited, 'ltv').options!.logic);
    const compiled = compileFormula(field(renamed, 'ltv').options!.formula!, scopeForTable(renamed, 'customers'));
    expect(evaluateFormula(compiled, record)).to.equal(400);
  });
});
