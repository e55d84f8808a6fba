/**
 * The fused rollup fast path (SUM/COUNT/AVERAGE/MIN/MAX over `{关系.字段}`) must give exactly
 * what json-logic-js gives for the same logic with the ordinary operations, whatever the
 * related records hold: numbers, blanks, text, booleans, lists, RecordData-shaped records,
 * bare ids, error values.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import '../../../src/core/logic/json-logic-mirror.js';
import { compileFormula, evaluateFormula, formulaEvaluator } from '../../../src/core/formula/index.js';

const scope = {
  fields: [
    { id: 'orders', name: '订单', type: 'relation', fields: [{ id: 'amount', name: '金额', type: 'money' }] },
  ],
};

const cell = fc.oneof(
  fc.double({ noNaN: false }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.constant(null),
  fc.constant(undefined),
  fc.string({ maxLength: 4 }),
  fc.boolean(),
  fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 3 }),
);
const related = fc.oneof(
  { weight: 6, arbitrary: cell.map((amount) => (amount === undefined ? {} : { amount })) },
  { weight: 1, arbitrary: cell.map((amount) => ({ id: 'o1', tableId: 'orders', values: { amount } })) },
  { weight: 1, arbitrary: fc.constantFrom('o1', 'o2') },
  { weight: 1, arbitrary: fc.constant(null) },
);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b) || (Number.isNaN(a) && Number.isNaN(b));

describe('rollup fast path', () => {
  for (const fn of ['SUM', 'COUNT', 'AVERAGE', 'MIN', 'MAX']) {
    it(`${fn}({订单.金额}) equals the ordinary operations (json-logic-js) on any related data`, () => {
      const compiled = compileFormula(`${fn}({订单.金额})`, scope as never);
      const fast = formulaEvaluator(compiled);
      fc.assert(
        fc.property(fc.oneof(fc.array(related, { maxLength: 8 }), related), (orders) => {
          const data = { orders };
          const expected = jsonLogic.apply(compiled.logic, data);
          const actual = fast(data);
          if (!same(actual, expected)) throw new Error(`${JSON.stringify(orders)}: ${String(actual)} vs ${String(expected)}`);
          expect(same(evaluateFormula(compiled, data), expected)).to.equal(true);
        }),
        { seed: 20261123, numRuns: 1500 },
      );
    });
  }

  it('gives the spreadsheet answers on plain orders', () => {
    const data = { orders: [{ amount: 100 }, { amount: 50.5 }, {}, { amount: '备注' }] };
    const run = (f: string) => evaluateFormula(compileFormula(f, scope as never), data);
    expect(run('SUM({订单.金额})')).to.equal(150.5);
    expect(run('COUNT({订单.金额})')).to.equal(2);
    expect(run('AVERAGE({订单.金额})')).to.equal(75.25);
    expect(run('MIN({订单.金额})')).to.equal(50.5);
    expect(run('MAX({订单.金额})')).to.equal(100);
    expect(String(evaluateFormula(compileFormula('AVERAGE({订单.金额})', scope as never), { orders: [] }))).to.equal('#DIV/0!');
  });
});
