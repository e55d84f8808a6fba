import { expect } from '@open-wc/testing';
import { deleteDB, openDB } from 'idb';
import type { RecordData } from '../../src/core/schema/types.js';
import { DB_VERSION } from '../../src/store/idb-schema.js';
import { INLINE_CREATED_LIMIT, openIndexedDbStore, type IndexedDbStore, type IndexedDbStoreOptions } from '../../src/store/indexeddb-store.js';
import type { ChangeEvent } from '../../src/store/types.js';
import { APP_ID, expectStoreError, runStoreContract, sampleApp } from './contract.js';

let dbCounter = 0;
function uniqueName(): string {
  dbCounter += 1;
  return `ltc-test-${Date.now().toString(36)}-${dbCounter}`;
}

/** Opens stores on one fresh database; cleanup closes them and deletes the database. */
function idbHarness(options?: IndexedDbStoreOptions) {
  const name = uniqueName();
  const opened: IndexedDbStore[] = [];
  return {
    name,
    async open(opts = options) {
      const store = await openIndexedDbStore(name, opts);
      opened.push(store);
      return store;
    },
    async cleanup() {
      for (const store of opened) store.close();
      await deleteDB(name);
    },
  };
}

/** Resolves once `events` holds `count` entries (remote delivery is asynchronous). */
async function waitFor(events: unknown[], count: number, ms = 5000): Promise<void> {
  const start = Date.now();
  while (events.length < count) {
    if (Date.now() - start > ms) throw new Error(`waited ${ms} ms for ${count} events, got ${events.length}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function quotaError(): DOMException {
  return new DOMException('The quota has been exceeded.', 'QuotaExceededError');
}

// Garbage collection on open runs in the background; the contract calls it explicitly instead.
runStoreContract('IndexedDbStore', () => {
  const harness = idbHarness();
  return { open: (options) => harness.open({ collectGarbage: false, ...options }), cleanup: () => harness.cleanup() };
});

describe('IndexedDbStore', () => {
  let harness: ReturnType<typeof idbHarness>;
  afterEach(async () => {
    await harness.cleanup();
  });

  describe('other tabs (two instances on one database)', () => {
    it("delivers a write in one instance to the other's subscribers with remote: true", async () => {
      harness = idbHarness();
      const a = await harness.open();
      const b = await harness.open();
      const seenByA: ChangeEvent[] = [];
      const seenByB: ChangeEvent[] = [];
      a.subscribe((e) => seenByA.push(e));
      b.subscribe((e) => seenByB.push(e));

      await a.putApp(sampleApp());
      await a.mutate(APP_ID, [{ type: 'create', tableId: 'customers', id: 'c1', values: { name: '张三', amount: 1 } }]);
      await b.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'c1', expectedVersion: 1, values: { amount: 2 } }]);
      await waitFor(seenByB, 3);
      await waitFor(seenByA, 3);

      expect(seenByB.map((e) => [e.kind, e.remote])).to.deep.equal([
        ['app', true],
        ['records', true],
        ['records', false],
      ]);
      expect(seenByB[1].created[0]).to.include({ id: 'c1', version: 1 });
      expect(seenByB[1].created[0].values).to.deep.equal({ name: '张三', amount: 1 });
      expect(seenByA[2].remote).to.equal(true);
      expect(seenByA[2].updated[0].previous).to.deep.equal({ amount: 1 });
      expect(seenByA[2].updated[0].record.version).to.equal(2);
      // And each sees the other's data.
      expect((await a.getRecord(APP_ID, 'customers', 'c1'))?.values.amount).to.equal(2);
    });

    it('sends big batches by reference and the receiver re-reads them, in order', async () => {
      harness = idbHarness();
      const a = await harness.open();
      const b = await harness.open();
      const seenByB: ChangeEvent[] = [];
      b.subscribe((e) => seenByB.push(e));
      await a.putApp(sampleApp());
      await waitFor(seenByB, 1);
      seenByB.length = 0;

      // One batch over the inline limit (sent by reference), one under it (sent whole).
      const big = INLINE_CREATED_LIMIT * 2;
      const small = INLINE_CREATED_LIMIT / 2;
      const n = big + small;
      const sent: unknown[] = [];
      // Observe the wire without a third store: a plain channel on the same name.
      const spy = new BroadcastChannel('ltc-kit:' + harness.name);
      spy.onmessage = (e) => sent.push(e.data);
      try {
        await a.bulkCreate(
          APP_ID,
          'customers',
          Array.from({ length: n }, (_, i) => ({ id: `k${i}`, values: { name: `客户${i}` } })),
          { batchSize: big },
        );
        // Right after the last batch, an update of a record from the first batch.
        await a.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'k0', values: { amount: 5 } }]);
        await waitFor(seenByB, 3);
        await waitFor(sent, 3);
      } finally {
        spy.close();
      }
      const wire = sent as Array<{ change: { created: unknown[] }; createdRefs?: Array<{ ids: string[] }> }>;
      expect(wire[0].change.created).to.have.length(0);
      expect(wire[0].createdRefs?.[0].ids).to.have.length(big);
      expect(wire[1].change.created).to.have.length(small);
      expect(wire[1].createdRefs).to.equal(undefined);

      // The re-read first batch is delivered complete and before the events sent after it.
      expect(seenByB.map((e) => [e.created.length, e.updated.length, e.remote])).to.deep.equal([
        [big, 0, true],
        [small, 0, true],
        [0, 1, true],
      ]);
      expect(seenByB[0].created.map((r) => r.id)).to.deep.equal(Array.from({ length: big }, (_, i) => `k${i}`));
      const first = seenByB[0].created[0] as RecordData;
      expect(first.values.name).to.equal('客户0');
    });

    it('tells the other instance when an app is deleted', async () => {
      harness = idbHarness();
      const a = await harness.open();
      const b = await harness.open();
      const seenByB: ChangeEvent[] = [];
      b.subscribe((e) => seenByB.push(e));
      await a.putApp(sampleApp());
      await a.deleteApp(APP_ID);
      await waitFor(seenByB, 2);
      expect(seenByB[0]).to.include({ kind: 'app', remote: true, appId: APP_ID });
      expect(seenByB[0].appDeleted).to.equal(undefined);
      expect(seenByB[1]).to.include({ kind: 'app', appDeleted: true, remote: true, appId: APP_ID });
    });

    it('an event from another tab carries origin { kind: "tab", from: <origin there> }', async () => {
      harness = idbHarness();
      const a = await harness.open();
      const b = await harness.open();
      const seenByB: ChangeEvent[] = [];
      b.subscribe((e) => seenByB.push(e));
      const rule = { kind: 'rule', ruleId: 'r1', depth: 1 } as const;
      await a.putApp(sampleApp());
      await a.mutate(APP_ID, [{ type: 'create', tableId: 'customers', id: 'c1', values: {} }], { origin: rule });
      await a.bulkCreate(APP_ID, 'customers', Array.from({ length: INLINE_CREATED_LIMIT + 5 }, (_, i) => ({ id: `b${i}`, values: {} })), { origin: { kind: 'import' } });
      await a.replaceApp(sampleApp(), { customers: [{ id: 'n1', values: { name: '新' } }] }, { origin: { kind: 'template' } });
      await waitFor(seenByB, 4);
      expect(seenByB.map((e) => [e.kind, e.remote, e.origin])).to.deep.equal([
        ['app', true, { kind: 'tab', from: { kind: 'user' } }],
        ['records', true, { kind: 'tab', from: rule }],
        ['records', true, { kind: 'tab', from: { kind: 'import' } }],
        ['app', true, { kind: 'tab', from: { kind: 'template' } }],
      ]);
      expect(seenByB[2].created).to.have.length(INLINE_CREATED_LIMIT + 5);
      expect(seenByB[3].replaced).to.equal(true);
      // The other tab reads the new generation straight away.
      expect((await b.getRecord(APP_ID, 'customers', 'n1'))?.values.name).to.equal('新');
      expect(await b.countRecords(APP_ID, 'customers')).to.equal(1);
    });
  });

  describe('storage generations', () => {
    /** Every record row in the database, whatever data key it is under. */
    async function allRows(name: string): Promise<Array<{ appId: string }>> {
      const db = await openDB(name);
      try {
        return (await db.getAll('records')) as Array<{ appId: string }>;
      } finally {
        db.close();
      }
    }

    it('an interrupted replace leaves records no app points at; the next open collects them', async () => {
      harness = idbHarness();
      let closeAt = -1;
      let writes = 0;
      let store: IndexedDbStore | undefined;
      store = await harness.open({
        beforeWrite: () => {
          if (++writes === closeAt) store!.close();
        },
      });
      await store.putApp(sampleApp());
      await store.mutate(APP_ID, [{ type: 'create', tableId: 'customers', id: 'c1', values: { name: '旧' } }]);
      writes = 0;
      closeAt = 15;
      const records = { customers: Array.from({ length: 40 }, (_, i) => ({ id: `n${i}`, values: {} })) };
      await expectStoreError(store.replaceApp(sampleApp(), records, { batchSize: 10 }), 'store.closed');
      // Two batches were committed under the new data key before the "reload".
      const left = await allRows(harness.name);
      expect(left.filter((r) => r.appId !== APP_ID)).to.have.length(20);
      const reopened = await harness.open();
      const start = Date.now();
      while ((await allRows(harness.name)).length !== 1 && Date.now() - start < 5000) await new Promise((r) => setTimeout(r, 20));
      expect((await allRows(harness.name)).map((r) => r.appId)).to.deep.equal([APP_ID]);
      expect((await reopened.getRecord(APP_ID, 'customers', 'c1'))?.values.name).to.equal('旧');
    });

    it('garbage collection leaves a replace in progress alone (it holds the app lock)', async () => {
      harness = idbHarness();
      const a = await harness.open({ collectGarbage: false });
      const b = await harness.open({ collectGarbage: false });
      await a.putApp(sampleApp());
      let collected: number | undefined;
      const records = { customers: Array.from({ length: 30 }, (_, i) => ({ id: `n${i}`, values: {} })) };
      // While a's first batch is reported, b collects garbage: the half-written generation must survive.
      const done = a.replaceApp(sampleApp(), records, {
        batchSize: 10,
        onProgress: (n) => {
          if (n === 10) void b.collectGarbage().then((count) => (collected = count));
        },
      });
      expect(await done).to.equal(30);
      expect(await a.countRecords(APP_ID, 'customers')).to.equal(30);
      const start = Date.now();
      while (collected === undefined && Date.now() - start < 5000) await new Promise((r) => setTimeout(r, 10));
      expect(collected).to.equal(0);
    });
  });

  describe('persistence and lifecycle', () => {
    it('keeps apps, records, versions and order across close and reopen', async () => {
      harness = idbHarness();
      const first = await harness.open();
      await first.putApp(sampleApp());
      await first.mutate(APP_ID, [
        { type: 'create', tableId: 'customers', id: 'c2', values: { name: '李四', tags: ['vip'] } },
        { type: 'create', tableId: 'customers', id: 'c10', values: { name: '张三' } },
      ]);
      await first.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'c2', values: { amount: 3 } }]);
      first.close();
      await expectStoreError(first.getApp(APP_ID), 'store.closed');

      const second = await harness.open();
      expect((await second.getApp(APP_ID))?.version).to.equal(1);
      const rows = await second.queryRecords(APP_ID, 'customers');
      expect(rows.map((r) => [r.id, r.version])).to.deep.equal([
        ['c2', 2],
        ['c10', 1],
      ]);
      expect(rows[0].values).to.deep.equal({ name: '李四', tags: ['vip'], amount: 3 });
      // Versions continue where they were.
      const [next] = await second.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'c2', expectedVersion: 2, values: { amount: 4 } }]);
      expect(next?.version).to.equal(3);
    });

    it('steps aside when another tab opens a newer database version, and reports it', async () => {
      harness = idbHarness();
      const store = await harness.open();
      // Would hang (blocked) if the store kept its connection open.
      const newer = await openDB(harness.name, DB_VERSION + 1);
      newer.close();
      const error = await expectStoreError(store.listApps(), 'store.closed');
      expect(error.message).to.contain('reload');
    });

    it('refuses to open a database written by a newer version', async () => {
      harness = idbHarness();
      const newer = await openDB(harness.name, DB_VERSION + 1);
      newer.close();
      await expectStoreError(harness.open(), 'store.newerVersion');
    });
  });

  describe('migration from v1', () => {
    it('upgrades a v1 database without losing data and orders records by creation', async () => {
      harness = idbHarness();
      // The v1 layout, written out here rather than taken from MIGRATIONS so this stays a fixed fixture.
      const v1 = await openDB(harness.name, 1, {
        upgrade(db) {
          db.createObjectStore('apps', { keyPath: 'id' });
          const records = db.createObjectStore('records', { keyPath: ['appId', 'tableId', 'id'] });
          records.createIndex('byUpdated', ['appId', 'tableId', 'updatedAt']);
        },
      });
      await v1.put('apps', { ...sampleApp(), version: 4 });
      const row = (id: string, createdAt: string, version: number, values: Record<string, unknown>) => ({
        appId: APP_ID,
        tableId: 'customers',
        id,
        version,
        createdAt,
        updatedAt: createdAt,
        values,
      });
      // Created in the order c2, c10, a1 — id order would be a1, c10, c2.
      await v1.put('records', row('c10', '2026-02-01T00:00:00.000Z', 3, { name: '张三', amount: 12.5, tags: ['vip', 'new'] }));
      await v1.put('records', row('c2', '2026-01-15T08:00:00.000Z', 1, { name: '李四', note: 'a field since removed from the table: kept' }));
      await v1.put('records', row('a1', '2026-03-01T00:00:00.000Z', 2, { name: '', amount: null }));
      await v1.put('records', { ...row('o1', '2026-03-02T00:00:00.000Z', 1, { customer: 'c10' }), tableId: 'orders', legacyFlag: true });
      v1.close();

      const store = await harness.open();
      expect((await store.getApp(APP_ID))?.version).to.equal(4);
      const rows = await store.queryRecords(APP_ID, 'customers');
      expect(rows.map((r) => r.id)).to.deep.equal(['c2', 'c10', 'a1']);
      expect(rows[0]).to.deep.equal({
        id: 'c2',
        tableId: 'customers',
        version: 1,
        createdAt: '2026-01-15T08:00:00.000Z',
        updatedAt: '2026-01-15T08:00:00.000Z',
        values: { name: '李四', note: 'a field since removed from the table: kept' },
      });
      expect(rows[1].values).to.deep.equal({ name: '张三', amount: 12.5, tags: ['vip', 'new'] });
      expect(rows[1].version).to.equal(3);
      expect(await store.countRecords(APP_ID, 'customers')).to.equal(3);
      expect(await store.countRecords(APP_ID, 'orders')).to.equal(1);
      expect((await store.queryRecords(APP_ID, 'customers', { offset: 1, limit: 1 }))[0].id).to.equal('c10');

      // It works as a current store: versions checked, new records go last.
      await expectStoreError(
        store.mutate(APP_ID, [{ type: 'create', tableId: 'customers', id: 'c2', values: {} }]),
        'store.duplicateId',
      );
      const [updated] = await store.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'c10', expectedVersion: 3, values: { amount: 13 } }]);
      expect(updated?.version).to.equal(4);
      await store.mutate(APP_ID, [{ type: 'create', tableId: 'customers', id: 'a0', values: { name: 'new' } }]);
      expect((await store.queryRecords(APP_ID, 'customers')).map((r) => r.id)).to.deep.equal(['c2', 'c10', 'a1', 'a0']);
      store.close();

      // The layout itself: at the current version, byOrder in, byUpdated out, unknown properties kept.
      const raw = await openDB(harness.name, DB_VERSION);
      try {
        expect(raw.version).to.equal(DB_VERSION);
        // v3: the history store, with the two writes made since the upgrade and nothing for migrated records.
        expect([...raw.objectStoreNames]).to.include('history');
        expect((await raw.getAll('history')).map((e) => [e.recordId, e.kind])).to.deep.equal([
          ['a0', 'created'],
          ['c10', 'updated'],
        ]);
        // v5: the derived store, holding the revision the two writes left (one row per data key).
        expect([...raw.objectStoreNames]).to.include('derived');
        expect((await raw.getAll('derived')).map((row) => [row.appId, row.name])).to.deep.equal([[APP_ID, 'revision']]);
        const tx = raw.transaction('records');
        expect([...tx.store.indexNames]).to.deep.equal(['byOrder']);
        const order = await tx.store.get([APP_ID, 'orders', 'o1']);
        expect(order.legacyFlag).to.equal(true);
        expect(order.seq).to.equal(Date.parse('2026-03-02T00:00:00.000Z') * 1024);
      } finally {
        raw.close();
      }
    });

    it('leaves a v1 database untouched when the upgrade fails', async () => {
      harness = idbHarness();
      // A damaged v1 database: it already has an index named like the one v2 creates, so the
      // v2 step fails after it has rewritten every record — and all of that must roll back.
      const v1 = await openDB(harness.name, 1, {
        upgrade(db) {
          db.createObjectStore('apps', { keyPath: 'id' });
          const records = db.createObjectStore('records', { keyPath: ['appId', 'tableId', 'id'] });
          records.createIndex('byUpdated', ['appId', 'tableId', 'updatedAt']);
          records.createIndex('byOrder', 'appId');
        },
      });
      const row = { appId: APP_ID, tableId: 'customers', id: 'c1', version: 2, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z', values: { name: '张三' } };
      await v1.put('records', row);
      v1.close();

      const error = await expectStoreError(harness.open(), 'store.migration');
      expect(error.message).to.contain('left exactly as it was');
      const after = await openDB(harness.name);
      try {
        expect(after.version).to.equal(1);
        expect(await after.get('records', [APP_ID, 'customers', 'c1'])).to.deep.equal(row);
      } finally {
        after.close();
      }
    });
  });

  describe('a full disk', () => {
    it('turns QuotaExceededError into store.quota and writes nothing of the mutate', async () => {
      let writes = 0;
      harness = idbHarness({
        beforeWrite: () => {
          writes += 1;
          if (writes === 3) throw quotaError();
        },
      });
      const store = await harness.open();
      await store.putApp(sampleApp());
      const events: ChangeEvent[] = [];
      store.subscribe((e) => events.push(e));
      const error = await expectStoreError(
        store.mutate(APP_ID, [
          { type: 'create', tableId: 'customers', id: 'c1', values: { name: 'a' } },
          { type: 'create', tableId: 'orders', id: 'o1', values: {} },
          { type: 'create', tableId: 'customers', id: 'c2', values: { name: 'b' } },
        ]),
        'store.quota',
      );
      expect(error.message).to.match(/full|quota/i);
      expect(await store.countRecords(APP_ID, 'customers')).to.equal(0);
      expect(await store.countRecords(APP_ID, 'orders')).to.equal(0);
      expect(events).to.have.length(0);
      // The store keeps working once space is back.
      await store.mutate(APP_ID, [{ type: 'create', tableId: 'customers', id: 'c1', values: { name: 'a' } }]);
      expect(await store.countRecords(APP_ID, 'customers')).to.equal(1);
    });

    it('fails the bulk batch that hits the quota whole and keeps earlier batches', async () => {
      let writes = 0;
      harness = idbHarness({
        beforeWrite: () => {
          writes += 1;
          if (writes === 2500) throw quotaError();
        },
      });
      const store = await harness.open();
      await store.putApp(sampleApp());
      const progress: number[] = [];
      await expectStoreError(
        store.bulkCreate(
          APP_ID,
          'customers',
          Array.from({ length: 5000 }, (_, i) => ({ id: `q${i}`, values: { amount: i } })),
          { batchSize: 1000, onProgress: (d) => progress.push(d) },
        ),
        'store.quota',
      );
      expect(progress).to.deep.equal([1000, 2000]);
      expect(await store.countRecords(APP_ID, 'customers')).to.equal(2000);
      expect(await store.getRecord(APP_ID, 'customers', 'q2000')).to.equal(undefined);
    });
  });
});
