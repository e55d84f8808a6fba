/**
 * What bench/store.bench.ts measures, held as behaviour rather than wall-clock time: the first
 * page of a large table is read off the insertion-order index without reading the table (the
 * backend is asked for `limit` rows, and hands back only those), a deep page and a count read
 * nothing else either, and only sorting or filtering reads every row. Plus a small run of the
 * benchmark itself, so it cannot rot: its ratios must be the ratios of its own figures.
 */
import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import run from '../../bench/store.bench.js';
import type { BackendMiddleware, ReadTx } from '../../src/store/backend.js';
import { openIndexedDbStore } from '../../src/store/indexeddb-store.js';
import { APP_ID, sampleApp } from './contract.js';

/** Counts the record rows each backend read returns, per method, and whole-table reads. */
function countingReads() {
  const rows: Record<string, number> = { getRange: 0, getRecord: 0 };
  let wholeTable = 0;
  const wrap = (tx: ReadTx): ReadTx => ({
    getApp: (id) => tx.getApp(id),
    listApps: () => tx.listApps(),
    dataKeys: () => tx.dataKeys(),
    getHistory: (key, table, id, query) => tx.getHistory(key, table, id, query),
    count: (key, table) => tx.count(key, table),
    getBlob: (appId, id) => tx.getBlob(appId, id),
    listBlobs: (appId) => tx.listBlobs(appId),
    getDerived: (key, name) => tx.getDerived(key, name),
    getRecord: async (key, table, id) => {
      const row = await tx.getRecord(key, table, id);
      if (row) rows.getRecord += 1;
      return row;
    },
    getRange: async (key, table, query) => {
      if (query?.limit === undefined) wholeTable += 1;
      const result = await tx.getRange(key, table, query);
      rows.getRange += result.length;
      return result;
    },
  });
  const middleware: BackendMiddleware = (backend) => ({
    read: (body) => backend.read((tx) => body(wrap(tx))),
    write: (body) => backend.write(body),
    close: () => backend.close(),
  });
  return {
    middleware,
    rows,
    get wholeTable() {
      return wholeTable;
    },
    reset() {
      rows.getRange = rows.getRecord = 0;
      wholeTable = 0;
    },
  };
}

describe('bench/store.bench.ts: what it measures', () => {
  const N = 3000;
  const name = `ltc-bench-test-${Date.now().toString(36)}`;
  after(async () => {
    await deleteDB(name);
  });

  it(`reads the first page of ${N.toLocaleString('en')} records off the index, not the whole table`, async () => {
    const reads = countingReads();
    const store = await openIndexedDbStore(name, { broadcast: false, collectGarbage: false, middleware: reads.middleware });
    try {
      await store.putApp(sampleApp());
      await store.bulkCreate(APP_ID, 'customers', Array.from({ length: N }, (_, i) => ({ id: `c${String(i).padStart(5, '0')}`, values: { name: `客户${i}`, amount: N - i } })));
      reads.reset();
      const first = await store.queryRecords(APP_ID, 'customers', { limit: 50 });
      expect(first.map((r) => r.id)).to.deep.equal(Array.from({ length: 50 }, (_, i) => `c${String(i).padStart(5, '0')}`));
      expect(reads.rows.getRange, 'rows read for the first page').to.equal(50);
      expect(reads.wholeTable).to.equal(0);

      reads.reset();
      const deep = await store.queryRecords(APP_ID, 'customers', { offset: 2000, limit: 50 });
      expect(deep[0].id).to.equal('c02000');
      const newest = await store.queryRecords(APP_ID, 'customers', { direction: 'desc', limit: 50 });
      expect(newest[0].id).to.equal(`c0${N - 1}`);
      expect(await store.countRecords(APP_ID, 'customers')).to.equal(N);
      expect(reads.rows.getRange, 'rows read for a deep page, the newest page and a count').to.equal(100);
      expect(reads.wholeTable).to.equal(0);

      // The counter does see a whole-table read: sorting needs one.
      reads.reset();
      const sorted = await store.queryRecords(APP_ID, 'customers', { sortBy: 'amount', limit: 50 });
      expect(sorted[0].values.amount).to.equal(1);
      expect(reads.rows.getRange).to.equal(N);
      expect(reads.wholeTable).to.equal(1);
    } finally {
      store.close();
    }
  });

  it('a small run reports every figure, and its ratios are the ratios of its figures', async () => {
    const rows = await run({ records: 1000, rounds: 1 });
    const value = (rowName: string) => {
      const row = rows.find((r) => r.name === rowName);
      expect(row, rowName).to.not.equal(undefined);
      expect(Number.isFinite(row!.value) && row!.value >= 0, rowName).to.equal(true);
      return row!.value;
    };
    const a = value('(a) raw idb put, one transaction');
    const b = value('(b) IndexedDbStore.bulkCreate, batches of 5,000');
    expect(value('(b) ÷ (a)')).to.be.closeTo(b / a, 0.06 + 0.01 * (b / a));
    const raw = value('(c) raw idb getAll');
    const all = value('(c) queryRecords, no limit');
    expect(value('(c) ÷ raw getAll')).to.be.closeTo(all / raw, 0.06 + 0.01 * (all / raw));
    value('(d) first page of 50, cold');
    value('countRecords (median of 5)');
  });
});
