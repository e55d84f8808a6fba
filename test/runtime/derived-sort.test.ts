/**
 * Sorting by a computed column fast (src/runtime/derived-sort.ts, DerivedValues.sortedIds):
 * the radix order is exactly `orderBy`'s (property test over random numbers, ties, -0,
 * infinities and blanks, both directions), text columns fall back to it, and the cached order
 * follows every record change.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { CellValue } from '../../src/core/schema/types.js';
import { orderBy } from '../../src/store/records.js';
import { numberOrder, orderByFast } from '../../src/runtime/derived-sort.js';
import { openCustomerLtv } from '../helpers/customer-ltv.js';
import { withCompiledFormulas } from '../../src/core/formula/index.js';

const cell = fc.oneof(
  { weight: 6, arbitrary: fc.double({ noNaN: true }) },
  { weight: 3, arbitrary: fc.integer({ min: -5, max: 5 }) },
  { weight: 1, arbitrary: fc.constantFrom<CellValue | undefined>(null, undefined, '', -0, 0, Infinity, -Infinity) },
);

describe('sorting by a computed column', function () {
  this.timeout(60000);

  it('orders numbers, ties and blanks exactly as orderBy does (property test)', () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 300 }), fc.constantFrom<'asc' | 'desc'>('asc', 'desc'), (values, direction) => {
        const items = values.map((value, index) => ({ index, value }));
        const expected = orderBy(items.slice(), (item) => item.value as CellValue | undefined, direction).map((item) => item.index);
        const actual = orderByFast(items, (item) => item.value as CellValue | undefined, direction).map((item) => item.index);
        expect(actual).to.deep.equal(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('numberOrder is a stable permutation in both directions', () => {
    const keys = Float64Array.from([3, -1, 3, 0, -0, -1.5, 1e300, -1e-300, 3]);
    expect([...numberOrder(keys, 'asc')]).to.deep.equal([5, 1, 7, 3, 4, 0, 2, 8, 6]);
    expect([...numberOrder(keys, 'desc')]).to.deep.equal([6, 0, 2, 8, 3, 4, 7, 1, 5]);
  });

  it('falls back to the text ordering for text keys, through keyOf', () => {
    const items = ['张三', '李四', '', '王五', '阿七'];
    expect(orderByFast(items, (v) => v, 'asc')).to.deep.equal(orderBy(items.slice(), (v) => v, 'asc'));
    expect(orderByFast(items, (v) => v, 'desc', (v) => String(v).length)).to.deep.equal(orderBy(items.slice(), (v) => v, 'desc', (v) => String(v).length));
  });

  it('DerivedValues.sortedIds matches orderBy over the computed values, cached until a record changes', async () => {
    const { store, derived } = await openCustomerLtv('sorted');
    try {
      const expected = (direction: 'asc' | 'desc') =>
        orderBy(derived.all('customers'), (r) => derived.value('customers', r.id, 'ltv') as CellValue | undefined, direction).map((r) => r.id);
      const asc = derived.sortedIds('customers', 'ltv', 'asc');
      expect(asc).to.deep.equal(expected('asc'));
      expect(derived.sortedIds('customers', 'ltv', 'desc')).to.deep.equal(expected('desc'));
      expect(derived.sortedIds('customers', 'ltv', 'asc'), 'cached: the same list').to.equal(asc);
      expect(derived.sortedIds('customers', 'name', 'asc')).to.deep.equal(orderBy(derived.all('customers'), (r) => r.values.name, 'asc').map((r) => r.id));
      // Raise the retention of the lowest-LTV customer with orders: its LTV and place change.
      const lowest = asc.find((id) => (derived.value('customers', id, 'ltv') as number) > 0)!;
      const changed = new Promise((resolve) => derived.subscribe(resolve));
      await store.mutate('sorted', [{ type: 'update', tableId: 'customers', id: lowest, values: { retentionRate: 0.99 } }]);
      await changed;
      const after = derived.sortedIds('customers', 'ltv', 'asc');
      expect(after).to.not.equal(asc);
      expect(after).to.deep.equal(expected('asc'));
      expect(after.indexOf(lowest)).to.be.greaterThan(asc.indexOf(lowest));
    } finally {
      derived.dispose();
    }
  });

  it('sortedIds puts formula errors last in both directions, as blanks', async () => {
    const { app, derived } = await openCustomerLtv('sorted-errors');
    try {
      const customers = app.tables.find((t) => t.id === 'customers')!;
      const withRatio = withCompiledFormulas({
        ...app,
        tables: app.tables.map((t) =>
          t === customers ? { ...t, fields: [...t.fields, { id: 'perOrder', name: '每单', type: 'formula', options: { formula: '100 / {订单数}', resultType: 'number' } }] } : t,
        ),
      });
      await derived.setApp(withRatio);
      const isError = (id: string) => {
        const value = derived.value('customers', id, 'perOrder');
        return value !== null && typeof value === 'object';
      };
      const errors = derived.all('customers').filter((r) => isError(r.id)).length;
      expect(errors, 'customers without orders divide by zero').to.be.greaterThan(0);
      for (const direction of ['asc', 'desc'] as const) {
        const ids = derived.sortedIds('customers', 'perOrder', direction);
        expect(ids.slice(-errors).every(isError), direction).to.equal(true);
        expect(ids.slice(0, ids.length - errors).some(isError), direction).to.equal(false);
      }
    } finally {
      derived.dispose();
    }
  });
});
