// Views applied without a page: columns of a ViewDef, multi-level sort against a plain
// comparator (fast-check), grouping counts and sums against a plain loop, date periods.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { flattenGroups, groupRecords, periodOf, resolveColumns, sortByLevels } from '../../../src/core/views/index.js';
import { orderBy } from '../../../src/store/records.js';
import type { TableDef } from '../../../src/core/schema/types.js';

const table: TableDef = {
  id: 't',
  name: 'T',
  primaryFieldId: 'a',
  fields: ['a', 'b', 'c', 'd'].map((id) => ({ id, name: id.toUpperCase(), type: 'text' })),
};

describe('core/views', () => {
  it('resolveColumns: listed fields in view order, hidden left out, unknown ignored, the rest in table order', () => {
    expect(resolveColumns(table).map((c) => c.field.id)).to.deep.equal(['a', 'b', 'c', 'd']);
    const view = { id: 'v', name: 'V', columns: [{ fieldId: 'c', width: 1000 }, { fieldId: 'gone' }, { fieldId: 'a', hidden: true }, { fieldId: 'b', width: 10 }] };
    const shown = resolveColumns(table, view);
    expect(shown.map((c) => c.field.id)).to.deep.equal(['c', 'b', 'd']);
    expect(shown.map((c) => c.width)).to.deep.equal([800, 40, undefined]);
  });

  it('sortByLevels equals a plain two-key comparator (blanks last per level, stable)', () => {
    const row = fc.record({ x: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }), y: fc.option(fc.constantFrom('b', 'a', 'c'), { nil: null }) });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), fc.constantFrom('asc', 'desc'), fc.constantFrom('asc', 'desc'), (rows, dx, dy) => {
        const items = rows.map((r, i) => ({ ...r, i }));
        const sorted = sortByLevels([...items], [
          { valueOf: (r) => r.x, direction: dx as 'asc' | 'desc' },
          { valueOf: (r) => r.y, direction: dy as 'asc' | 'desc' },
        ], orderBy);
        const level = <V extends number | string>(a: V | null, b: V | null, dir: string) => {
          if (a === null || b === null) return (a === null ? 1 : 0) - (b === null ? 1 : 0);
          const c = a < b ? -1 : a > b ? 1 : 0;
          return dir === 'asc' ? c : -c;
        };
        const expected = [...items].sort((a, b) => level(a.x, b.x, dx) || level(a.y, b.y, dy) || a.i - b.i);
        expect(sorted.map((r) => r.i)).to.deep.equal(expected.map((r) => r.i));
      }),
    );
  });

  it('groupRecords: counts and sums equal a plain loop; groups ordered, blanks last', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ g: fc.option(fc.constantFrom('x', 'y', 'z'), { nil: null }), n: fc.option(fc.integer({ min: -50, max: 50 }), { nil: null }) }), { maxLength: 80 }), (rows) => {
        const groups = groupRecords(rows, { valueOf: (r) => r.g, sums: ['n'], sumOf: (r) => r.n }, orderBy);
        const loop = new Map<string, { count: number; sum: number }>();
        for (const r of rows) {
          const key = r.g ?? '';
          const entry = loop.get(key) ?? { count: 0, sum: 0 };
          entry.count += 1;
          entry.sum += r.n ?? 0;
          loop.set(key, entry);
        }
        const expectedKeys = [...loop.keys()].filter((k) => k !== '').sort().concat(loop.has('') ? [''] : []);
        expect(groups.map((g) => g.key)).to.deep.equal(expectedKeys);
        for (const group of groups) {
          expect(group.items.length).to.equal(loop.get(group.key)!.count);
          expect(group.sums.n).to.equal(loop.get(group.key)!.sum);
        }
      }),
    );
  });

  it('groups dates by day, ISO week, month and year; date-times by their written day', () => {
    expect(periodOf('2024-03-05', 'day')).to.equal('2024-03-05');
    expect(periodOf('2024-03-05', 'month')).to.equal('2024-03');
    expect(periodOf('2024-03-05', 'year')).to.equal('2024');
    expect(periodOf('2024-12-30', 'week')).to.equal('2025-W01');
    expect(periodOf('2021-01-03', 'week')).to.equal('2020-W53');
    expect(periodOf('2024-03-05T23:30:00+08:00', 'day')).to.equal('2024-03-05');
    expect(periodOf(42, 'day')).to.equal('');
    const rows = [{ d: '2024-02-01' }, { d: '2024-01-31' }, { d: null }, { d: '2024-02-29' }];
    const groups = groupRecords(rows, { valueOf: (r) => r.d, isDate: true, by: 'month' }, orderBy);
    expect(groups.map((g) => [g.key, g.items.length])).to.deep.equal([['2024-01', 1], ['2024-02', 2], ['', 1]]);
  });

  it('flattenGroups: a header per group, items only of open groups', () => {
    const groups = groupRecords(['a1', 'b1', 'a2'], { valueOf: (s) => s[0] }, orderBy);
    const rows = flattenGroups(groups, new Set(['b']));
    expect(rows.map((r) => ('group' in r ? `[${r.group.key}${r.collapsed ? '+' : ''}]` : r.item))).to.deep.equal(['[a]', 'a1', 'a2', '[b+]']);
  });
});
