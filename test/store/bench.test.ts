// Keeps bench/store.bench.ts from rotting: a small run must produce sane rows.
import { expect } from '@open-wc/testing';
import run from '../../bench/store.bench.js';

describe('bench/store.bench.ts (1,000 records)', () => {
  it('measures writes, reads and pages and returns rows', async () => {
    const rows = await run({ records: 1000 });
    expect(rows.length).to.be.greaterThan(10);
    for (const row of rows) {
      expect(row.value, row.name).to.be.a('number').and.to.be.at.least(0);
      expect(Number.isFinite(row.value), row.name).to.equal(true);
    }
    const names = rows.map((r) => r.name);
    expect(names).to.include('(a) raw idb put, one transaction');
    expect(names).to.include('(b) ÷ (a)');
    expect(names).to.include('(d) first page of 50, cold');
  });
});
