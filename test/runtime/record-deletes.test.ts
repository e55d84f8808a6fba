/**
 * Bulk deletes with an undo that really restores, and "clear sample data" (issue 10, "Start
 * with your own data"), on the MemoryStore and IndexedDB.
 */
import { expect } from '@open-wc/testing';
import { MemoryStore, openIndexedDbStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { ensureApp } from '../../src/runtime/open-app.js';
import { clearSampleData, deleteRecords, restoreRecords } from '../../src/runtime/record-deletes.js';
import { isSampleRecordId } from '../../src/core/templates/clone.js';
import { customerLtvTemplate } from '../helpers/customer-ltv.js';

async function counts(store: Store, appId: string, tableIds: string[]): Promise<number[]> {
  return Promise.all(tableIds.map((id) => store.countRecords(appId, id)));
}

for (const [name, make] of [
  ['MemoryStore', async () => new MemoryStore() as Store],
  ['IndexedDbStore', async () => (await openIndexedDbStore(`ltc-deletes-${Date.now()}-${Math.random().toString(36).slice(2)}`, { broadcast: false })) as Store],
] as const) {
  describe(`bulk deletes and sample data (${name})`, function () {
    this.timeout(60000);

    it('a first clone marks the app as holding sample data, with sample ids; sampleData: false clones empty tables', async () => {
      const store = await make();
      const template = await customerLtvTemplate();
      const { app } = await ensureApp(store, { appId: 'with', loadTemplate: async () => template });
      expect(app.sampleData).to.equal(true);
      const customers = await store.queryRecords('with', 'customers');
      expect(customers.length).to.equal(240);
      expect(customers.every((r) => isSampleRecordId(r.id))).to.equal(true);
      const { app: empty } = await ensureApp(store, { appId: 'without', loadTemplate: async () => template, sampleData: false });
      expect(empty.sampleData).to.equal(undefined);
      expect(await counts(store, 'without', empty.tables.map((t) => t.id))).to.deep.equal(empty.tables.map(() => 0));
      expect(empty.tables.map((t) => t.id)).to.deep.equal(app.tables.map((t) => t.id));
      store.close();
    });

    it('clear sample data deletes only the template’s records; undo brings them back exactly', async () => {
      const store = await make();
      const { app } = await ensureApp(store, { appId: 'shop', loadTemplate: customerLtvTemplate });
      const tableIds = app.tables.map((t) => t.id);
      const before = await counts(store, 'shop', tableIds);
      const [mine] = await store.mutate('shop', [{ type: 'create', tableId: 'customers', values: { name: '我自己的客户' } }]);
      const sampleBefore = await store.queryRecords('shop', 'orders');
      const deleted = await clearSampleData(store, app);
      expect(deleted.count).to.equal(before.reduce((a, b) => a + b, 0));
      const left = await store.queryRecords('shop', 'customers');
      expect(left.map((r) => r.id)).to.deep.equal([mine!.id]);
      expect(await store.countRecords('shop', 'orders')).to.equal(0);
      expect((await store.getApp('shop'))!.sampleData).to.equal(undefined);

      const restored = await deleted.undo();
      expect(restored).to.equal(deleted.count);
      expect(await counts(store, 'shop', tableIds)).to.deep.equal([before[0] + 1, ...before.slice(1)]);
      const orders = await store.queryRecords('shop', 'orders');
      // Same ids, values, versions and timestamps: relations to customers hold again.
      const byId = new Map(sampleBefore.map((r) => [r.id, r]));
      for (const order of orders) expect(order).to.deep.equal(byId.get(order.id));
      expect((await store.getApp('shop'))!.sampleData).to.equal(true);
      store.close();
    });

    it('an undo interrupted half-way can be run again without doubling anything', async () => {
      const store = await make();
      const { app } = await ensureApp(store, { appId: 'rerun', loadTemplate: customerLtvTemplate });
      const deleted = await deleteRecords(store, app, { customers: (await store.queryRecords('rerun', 'customers')).map((r) => r.id) });
      expect(deleted.count).to.equal(240);
      // As if the page closed after the first half came back.
      await restoreRecords(store, 'rerun', { customers: deleted.records.customers.slice(0, 100) });
      expect(await store.countRecords('rerun', 'customers')).to.equal(100);
      expect(await deleted.undo()).to.equal(140);
      expect(await store.countRecords('rerun', 'customers')).to.equal(240);
      expect(await deleted.undo()).to.equal(0);
      store.close();
    });

    it('a delete based on a record changed meanwhile deletes nothing', async () => {
      const store = await make();
      const { app } = await ensureApp(store, { appId: 'stale', loadTemplate: customerLtvTemplate });
      const rows = await store.queryRecords('stale', 'customers');
      const ids = rows.map((r) => r.id);
      // Another tab edits one record between the read and the delete.
      const realQuery = store.queryRecords.bind(store);
      let edited = false;
      (store as { queryRecords: Store['queryRecords'] }).queryRecords = async (...args) => {
        const result = await realQuery(...args);
        if (!edited) {
          edited = true;
          await store.mutate('stale', [{ type: 'update', tableId: 'customers', id: ids[5], values: { name: '改过的名字' } }]);
        }
        return result;
      };
      let error: unknown;
      try {
        await deleteRecords(store, app, { customers: ids });
      } catch (e) {
        error = e;
      }
      expect((error as { code?: string }).code).to.equal('store.stale');
      (store as { queryRecords: Store['queryRecords'] }).queryRecords = realQuery;
      expect(await store.countRecords('stale', 'customers')).to.equal(240);
      store.close();
    });
  });
}
