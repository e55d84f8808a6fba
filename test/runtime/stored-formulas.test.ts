/**
 * Formulas are stored as source + compiled JSON Logic + dependencies: after cloning, after
 * editing a formula and after renaming a field it reads, the stored logic is what the
 * source compiles to, and json-logic-js itself evaluates it to the same value.
 */
import { expect } from '@open-wc/testing';
import jsonLogic from 'json-logic-js';
import '../../src/core/logic/json-logic-mirror.js';
import { compileFormula, evaluateFormula, scopeForTable } from '../../src/core/formula/index.js';
import type { AppDef, FieldDef } from '../../src/core/schema/types.js';
import { MemoryStore, openIndexedDbStore } from '../../src/store/index.js';
import { DerivedValues } from '../../src/runtime/derived.js';
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

  it('a flat 5,000-term sum and 5,000 postfix % are stored in IndexedDB and open (issue 9)', async () => {
    const tpl = await template();
    const customers = tpl.tables.find((t) => t.id === 'customers')!;
    customers.fields.push(
      { id: 'longSum', name: 'Long sum', type: 'formula', options: { formula: `{客户保持率}${' + 1'.repeat(5000)}` } },
      { id: 'percents', name: 'Percents', type: 'formula', options: { formula: `1${'%'.repeat(5000)}` } },
    );
    const store = await openIndexedDbStore(`ltc-stored-flat-${Date.now()}`);
    const { app } = await ensureApp(store, { appId: 'flat', loadTemplate: async () => tpl });
    const stored = (await store.getApp('flat'))!;
    // The long sum compiled to flat logic; the % tower is refused as too deep and keeps only its source.
    expect(field(stored, 'longSum').options!.logic).to.not.equal(undefined);
    expect(field(stored, 'percents').options!.logic).to.equal(undefined);
    expect(jsonLogic.apply(field(stored, 'longSum').options!.logic as never, { retentionRate: 0.5 })).to.equal(5000.5);
    const derived = new DerivedValues(store, app);
    await derived.load();
    const [customer] = await store.queryRecords('flat', 'customers');
    expect(derived.value('customers', customer!.id, 'longSum')).to.equal((customer!.values.retentionRate as number) + 5000);
    expect(derived.value('customers', customer!.id, 'percents')).to.deep.include({ code: '#NAME?' });
    derived.dispose();
  });
});
