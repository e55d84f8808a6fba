/**
 * The `Store` contract: one suite every backend must pass (MemoryStore, IndexedDbStore, later
 * RemoteStore). Backend-specific behaviour (persistence, other tabs, migrations, quota) is
 * tested beside each backend.
 */
import { expect } from '@open-wc/testing';
import type { AppDef, RecordData, RecordValues } from '../../src/core/schema/types.js';
import type { BackendMiddleware } from '../../src/store/backend.js';
import { changedCells } from '../../src/store/cells.js';
import type { CoreStore } from '../../src/store/core-store.js';
import type { BulkRecord, ChangeEvent, ChangeOrigin, HistoryEntry } from '../../src/store/types.js';
import { HISTORY_LIMIT, StaleWriteError, StoreError } from '../../src/store/types.js';

/** Creates a fresh, empty store per test and disposes of it afterwards. */
export interface StoreHarness {
  /** Opens a store; `middleware` wraps its backend (to count reads, to fail a transaction). */
  open(options?: { middleware?: BackendMiddleware }): Promise<CoreStore>;
  /** Closes every store opened and removes what they stored. */
  cleanup(): Promise<void>;
}

export const APP_ID = 'crm';

/** A small CRM app: customers and their orders. */
export function sampleApp(id = APP_ID): AppDef {
  return {
    id,
    name: '客户管理',
    version: 0,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    tables: [
      {
        id: 'customers',
        name: '客户',
        primaryFieldId: 'name',
        fields: [
          { id: 'name', name: '姓名', type: 'text' },
          { id: 'amount', name: '金额', type: 'money' },
          { id: 'city', name: '城市', type: 'select' },
          { id: 'tags', name: '标签', type: 'multiselect' },
        ],
      },
      {
        id: 'orders',
        name: '订单',
        primaryFieldId: 'no',
        fields: [
          { id: 'no', name: '编号', type: 'text' },
          { id: 'customer', name: '客户', type: 'relation', options: { table: 'customers' } },
          { id: 'total', name: '金额', type: 'money' },
        ],
      },
    ],
  };
}

/** Resolves to the error a promise rejects with; fails the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

export async function expectStoreError(promise: Promise<unknown>, code: string): Promise<StoreError> {
  const error = await rejectionOf(promise);
  expect(error, String(error)).to.be.instanceOf(StoreError);
  expect((error as StoreError).code, String(error)).to.equal(code);
  return error as StoreError;
}

/**
 * A middleware that fails write transaction number `failAt` (counted from when `arm()` is
 * called): the transaction's body runs, then the injected error aborts it, so nothing of it is
 * written — as a crash or a failing disk at that moment would leave it.
 */
export function failingTransaction() {
  let count = -1;
  let failAt = 0;
  const middleware: BackendMiddleware = (backend) => ({
    read: (body) => backend.read(body),
    close: () => backend.close(),
    write: (body) =>
      backend.write(async (tx) => {
        const result = await body(tx);
        if (count >= 0 && ++count === failAt) throw new Error(`injected failure of write transaction ${failAt}`);
        return result;
      }),
  });
  return {
    middleware,
    arm(n: number) {
      count = 0;
      failAt = n;
    },
    disarm() {
      count = -1;
    },
    get count() {
      return count;
    },
  };
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function ids(records: Array<RecordData | undefined>): string[] {
  return records.map((r) => r?.id ?? '(none)');
}

/** Runs the contract suite against the stores `makeHarness` opens. */
export function runStoreContract(name: string, makeHarness: () => StoreHarness): void {
  describe(`Store contract: ${name}`, () => {
    let harness: StoreHarness;
    let store: CoreStore;
    let events: ChangeEvent[];

    beforeEach(async () => {
      harness = makeHarness();
      store = await harness.open();
      await store.putApp(sampleApp());
      events = [];
      store.subscribe((e) => events.push(e));
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    async function createCustomers(...names: Array<string | null>): Promise<RecordData[]> {
      const out = await store.mutate(
        APP_ID,
        names.map((n, i) => ({ type: 'create' as const, tableId: 'customers', id: `c${i + 1}`, values: { name: n, amount: (i + 1) * 10 } })),
      );
      return out as RecordData[];
    }

    describe('apps', () => {
      it('stores versions, keeps createdAt and lists apps', async () => {
        const first = await store.getApp(APP_ID);
        expect(first?.version).to.equal(1);
        expect(first?.name).to.equal('客户管理');
        expect(first?.createdAt).to.equal('2026-01-01T00:00:00.000Z');
        const second = await store.putApp({ ...first!, name: '客户 CRM' }, 1);
        expect(second.version).to.equal(2);
        expect(second.createdAt).to.equal(first!.createdAt);
        expect(second.updatedAt).to.match(ISO);
        expect((await store.getApp(APP_ID))?.name).to.equal('客户 CRM');
        await store.putApp(sampleApp('other'));
        expect((await store.listApps()).map((a) => a.id).sort()).to.deep.equal(['crm', 'other']);
        expect(await store.getApp('missing')).to.equal(undefined);
      });

      it('refuses a stale app definition with StaleWriteError on table "app" and keeps the stored one', async () => {
        const current = (await store.getApp(APP_ID))!;
        await store.putApp({ ...current, name: 'edited in tab A' }, 1);
        const error = await rejectionOf(store.putApp({ ...current, name: 'edited in tab B' }, 1));
        expect(error).to.be.instanceOf(StaleWriteError);
        expect((error as StaleWriteError).tableId).to.equal('app');
        expect((error as StaleWriteError).expectedVersion).to.equal(1);
        expect((error as StaleWriteError).actualVersion).to.equal(2);
        expect((await store.getApp(APP_ID))?.name).to.equal('edited in tab A');
        // expectedVersion 0 means "must not exist yet".
        expect(await rejectionOf(store.putApp(sampleApp(), 0))).to.be.instanceOf(StaleWriteError);
        expect((await store.putApp(sampleApp('fresh'), 0)).version).to.equal(1);
      });

      it('deletes an app with all its records and leaves other apps alone', async () => {
        await store.putApp(sampleApp('other'));
        await createCustomers('张三', '李四');
        await store.mutate('other', [{ type: 'create', tableId: 'customers', id: 'x', values: { name: 'keep' } }]);
        events.length = 0;
        await store.deleteApp(APP_ID);
        expect(await store.getApp(APP_ID)).to.equal(undefined);
        expect(await store.countRecords(APP_ID, 'customers')).to.equal(0);
        expect(await store.getRecord(APP_ID, 'customers', 'c1')).to.equal(undefined);
        expect(await store.countRecords('other', 'customers')).to.equal(1);
        expect(events).to.have.length(1);
        expect(events[0]).to.include({ appId: APP_ID, kind: 'app', appDeleted: true, remote: false });
        // The app is gone, so are its tables: writes are refused rather than orphaned.
        await expectStoreError(store.mutate(APP_ID, [{ type: 'create', tableId: 'customers', values: {} }]), 'store.unknownApp');
      });
    });

    describe('records', () => {
      it('creates, reads, updates and deletes with versions and ISO timestamps', async () => {
        const [created] = await store.mutate(APP_ID, [{ type: 'create', tableId: 'customers', values: { name: '张三', amount: 100, tags: ['vip'] } }]);
        expect(created!.version).to.equal(1);
        expect(created!.tableId).to.equal('customers');
        expect(created!.createdAt).to.match(ISO);
        expect(created!.updatedAt).to.equal(created!.createdAt);
        expect(await store.getRecord(APP_ID, 'customers', created!.id)).to.deep.equal(created);

        const [updated] = await store.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: created!.id, expectedVersion: 1, values: { amount: 250 } }]);
        expect(updated!.version).to.equal(2);
        expect(updated!.values).to.deep.equal({ name: '张三', amount: 250, tags: ['vip'] });
        expect(updated!.createdAt).to.equal(created!.createdAt);
        expect(Date.parse(updated!.updatedAt)).to.be.at.least(Date.parse(created!.updatedAt));
        expect(await store.getRecord(APP_ID, 'customers', created!.id)).to.deep.equal(updated);

        const [deleted] = await store.mutate(APP_ID, [{ type: 'delete', tableId: 'customers', id: created!.id, expectedVersion: 2 }]);
        expect(deleted).to.equal(undefined);
        expect(await store.getRecord(APP_ID, 'customers', created!.id)).to.equal(undefined);
        expect(await store.countRecords(APP_ID, 'customers')).to.equal(0);
      });

      it('stores values as given: nulls, arrays, and fields the table does not define', async () => {
        const values = { name: null, tags: ['a', 'b'], amount: 0, legacy: '旧字段' };
        await store.mutate(APP_ID, [{ type: 'create', tableId: 'customers', id: 'v1', values }]);
        expect((await store.getRecord(APP_ID, 'customers', 'v1'))?.values).to.deep.equal(values);
      });

      it('generates unique ids that sort in creation order', async () => {
        const created = await store.mutate(
          APP_ID,
          Array.from({ length: 60 }, (_, i) => ({ type: 'create' as const, tableId: 'customers', values: { amount: i } })),
        );
        const generated = ids(created);
        expect(new Set(generated).size).to.equal(60);
        expect([...generated].sort()).to.deep.equal(generated);
        for (const id of generated) expect(id).to.match(/^r[0-9a-z]{17}$/);
      });

      it('hands out copies: changing a returned record does not change the stored one', async () => {
        const [created] = await createCustomers('张三');
        created.values.name = 'changed by caller';
        const read = (await store.getRecord(APP_ID, 'customers', 'c1'))!;
        expect(read.values.name).to.equal('张三');
        read.values.name = 'changed again';
        expect((await store.queryRecords(APP_ID, 'customers'))[0].values.name).to.equal('张三');
      });

      it('refuses a create with an existing id and writes nothing of that mutate', async () => {
        await createCustomers('张三');
        await expectStoreError(
          store.mutate(APP_ID, [
            { type: 'create', tableId: 'customers', id: 'c9', values: { name: 'new' } },
            { type: 'create', tableId: 'customers', id: 'c1', values: { name: 'dup' } },
          ]),
          'store.duplicateId',
        );
        expect(await store.getRecord(APP_ID, 'customers', 'c9')).to.equal(undefined);
        expect((await store.getRecord(APP_ID, 'customers', 'c1'))?.values.name).to.equal('张三');
        expect(await store.countRecords(APP_ID, 'customers')).to.equal(1);
      });

      it('refuses an update or delete of a missing record with store.notFound', async () => {
        await expectStoreError(store.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'nope', values: { name: 'x' } }]), 'store.notFound');
        await expectStoreError(store.mutate(APP_ID, [{ type: 'delete', tableId: 'customers', id: 'nope' }]), 'store.notFound');
      });

      it('refuses tables the app does not have, and invalid ids', async () => {
        await expectStoreError(store.mutate(APP_ID, [{ type: 'create', tableId: 'ghosts', values: {} }]), 'store.unknownTable');
        await expectStoreError(store.mutate('no-such-app', [{ type: 'create', tableId: 'customers', values: {} }]), 'store.unknownApp');
        await expectStoreError(store.mutate(APP_ID, [{ type: 'create', tableId: 'customers', id: '', values: {} }]), 'store.invalidId');
        expect(await store.countRecords(APP_ID, 'customers')).to.equal(0);
      });

      it('treats an update that changes nothing as no write: same version, no event', async () => {
        await createCustomers('张三');
        events.length = 0;
        const [same] = await store.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'c1', expectedVersion: 1, values: { name: '张三' } }]);
        expect(same!.version).to.equal(1);
        expect(events).to.have.length(0);
      });
    });

    describe('stale writes and atomicity', () => {
      it('refuses an update based on an old version and writes nothing', async () => {
        await createCustomers('张三');
        await store.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'c1', expectedVersion: 1, values: { amount: 1 } }]);
        events.length = 0;
        const error = await rejectionOf(
          store.mutate(APP_ID, [
            { type: 'create', tableId: 'orders', id: 'o1', values: { customer: 'c1', total: 5 } },
            { type: 'update', tableId: 'customers', id: 'c1', expectedVersion: 1, values: { amount: 999 } },
          ]),
        );
        expect(error).to.be.instanceOf(StaleWriteError);
        expect(error).to.include({ tableId: 'customers', recordId: 'c1', expectedVersion: 1, actualVersion: 2, code: 'store.stale' });
        const stored = await store.getRecord(APP_ID, 'customers', 'c1');
        expect(stored?.version).to.equal(2);
        expect(stored?.values.amount).to.equal(1);
        expect(await store.getRecord(APP_ID, 'orders', 'o1')).to.equal(undefined);
        expect(events).to.have.length(0);
      });

      it('refuses a stale delete and keeps the record', async () => {
        await createCustomers('张三');
        await store.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'c1', values: { amount: 1 } }]);
        expect(await rejectionOf(store.mutate(APP_ID, [{ type: 'delete', tableId: 'customers', id: 'c1', expectedVersion: 1 }]))).to.be.instanceOf(
          StaleWriteError,
        );
        expect((await store.getRecord(APP_ID, 'customers', 'c1'))?.version).to.equal(2);
      });

      it('applies every write of a mutate or none, across tables', async () => {
        await createCustomers('张三', '李四');
        const before = await store.queryRecords(APP_ID, 'customers');
        await expectStoreError(
          store.mutate(APP_ID, [
            { type: 'update', tableId: 'customers', id: 'c1', values: { amount: 1 } },
            { type: 'delete', tableId: 'customers', id: 'c2' },
            { type: 'create', tableId: 'orders', values: { customer: 'c1' } },
            { type: 'update', tableId: 'customers', id: 'missing', values: { amount: 1 } },
          ]),
          'store.notFound',
        );
        expect(await store.queryRecords(APP_ID, 'customers')).to.deep.equal(before);
        expect(await store.countRecords(APP_ID, 'orders')).to.equal(0);
      });

      it('sees earlier writes of the same mutate (create then update then delete)', async () => {
        const out = await store.mutate(APP_ID, [
          { type: 'create', tableId: 'customers', id: 'n1', values: { name: 'a' } },
          { type: 'update', tableId: 'customers', id: 'n1', expectedVersion: 1, values: { name: 'b' } },
          { type: 'create', tableId: 'customers', id: 'n2', values: { name: 'c' } },
          { type: 'delete', tableId: 'customers', id: 'n2', expectedVersion: 1 },
        ]);
        expect(out[1]?.version).to.equal(2);
        expect((await store.getRecord(APP_ID, 'customers', 'n1'))?.values.name).to.equal('b');
        expect(await store.getRecord(APP_ID, 'customers', 'n2')).to.equal(undefined);
      });
    });

    describe('change history', () => {
      const history = (id: string, query?: { limit?: number; before?: number }) => store.recordHistory(APP_ID, 'customers', id, query);
      const shape = (entries: HistoryEntry[]) => entries.map((e) => [e.kind, e.version, e.changes]);

      it('writes one entry per created, updated and deleted record, newest first, with origin, version and only the changed fields', async () => {
        const rule: ChangeOrigin = { kind: 'rule', ruleId: 'r1', depth: 1 };
        await store.mutate(APP_ID, [{ type: 'create', tableId: 'customers', id: 'c1', values: { name: '张三', amount: 10, city: null, tags: [] } }]);
        await store.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'c1', values: { name: '李四', amount: 10, tags: ['vip'] } }], { origin: rule });
        await store.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'c1', values: { amount: 10 } }]);
        await store.mutate(APP_ID, [{ type: 'delete', tableId: 'customers', id: 'c1' }], { origin: { kind: 'sync' } });
        const entries = await history('c1');
        expect(shape(entries)).to.deep.equal([
          ['deleted', 2, [{ fieldId: 'name', before: '李四', after: null }, { fieldId: 'amount', before: 10, after: null }, { fieldId: 'tags', before: ['vip'], after: null }]],
          ['updated', 2, [{ fieldId: 'name', before: '张三', after: '李四' }, { fieldId: 'tags', before: [], after: ['vip'] }]],
          ['created', 1, [{ fieldId: 'name', before: null, after: '张三' }, { fieldId: 'amount', before: null, after: 10 }]],
        ]);
        expect(entries.map((e) => e.origin)).to.deep.equal([{ kind: 'sync' }, rule, { kind: 'user' }]);
        for (const e of entries) {
          expect(e).to.include({ appId: APP_ID, tableId: 'customers', recordId: 'c1' });
          expect(e.at).to.match(ISO);
        }
        expect(entries[0].seq).to.be.greaterThan(entries[1].seq);
        expect(await store.recordHistory(APP_ID, 'customers', 'nobody')).to.deep.equal([]);
        expect(await store.recordHistory(APP_ID, 'orders', 'c1')).to.deep.equal([]);
      });

      it('writes an entry per write of one mutate, each with its version', async () => {
        await store.mutate(APP_ID, [
          { type: 'create', tableId: 'customers', id: 'n1', values: { name: 'a' } },
          { type: 'update', tableId: 'customers', id: 'n1', expectedVersion: 1, values: { name: 'b' } },
          { type: 'create', tableId: 'orders', id: 'o1', values: { customer: 'n1', total: 5 } },
        ]);
        expect(shape(await history('n1'))).to.deep.equal([
          ['updated', 2, [{ fieldId: 'name', before: 'a', after: 'b' }]],
          ['created', 1, [{ fieldId: 'name', before: null, after: 'a' }]],
        ]);
        expect((await store.recordHistory(APP_ID, 'orders', 'o1')).map((e) => e.kind)).to.deep.equal(['created']);
      });

      it('writes no entry for records an import creates, but records what an import updates', async () => {
        const imported = { kind: 'import' } as const;
        await store.mutate(APP_ID, [{ type: 'create', tableId: 'customers', id: 'imp_1', values: { name: 'a' } }], { origin: imported });
        await store.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'imp_1', values: { name: 'b' } }], { origin: imported });
        expect(shape(await history('imp_1'))).to.deep.equal([['updated', 2, [{ fieldId: 'name', before: 'a', after: 'b' }]]]);
        expect((await history('imp_1'))[0].origin).to.deep.equal(imported);
        // A delete and a re-create with the same id (an undo) keep the record's whole story.
        await store.mutate(APP_ID, [{ type: 'delete', tableId: 'customers', id: 'imp_1' }]);
        await store.mutate(APP_ID, [{ type: 'create', tableId: 'customers', id: 'imp_1', values: { name: 'b' } }]);
        expect((await history('imp_1')).map((e) => e.kind)).to.deep.equal(['created', 'deleted', 'updated']);
      });

      it('writes nothing for a failed, stale or refused transaction', async () => {
        const failing = failingTransaction();
        store = await harness.open({ middleware: failing.middleware });
        await store.deleteApp(APP_ID);
        await store.putApp(sampleApp());
        await createCustomers('张三');
        // The failure comes after the body queued the record write and its history entry.
        failing.arm(1);
        expect(String(await rejectionOf(store.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'c1', values: { name: 'x' } }])))).to.contain('injected');
        failing.arm(1);
        await rejectionOf(store.mutate(APP_ID, [{ type: 'create', tableId: 'customers', id: 'c2', values: { name: 'y' } }]));
        failing.disarm();
        await rejectionOf(store.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'c1', expectedVersion: 7, values: { name: 'stale' } }]));
        await expectStoreError(
          store.mutate(APP_ID, [
            { type: 'update', tableId: 'customers', id: 'c1', values: { name: 'refused' } },
            { type: 'delete', tableId: 'customers', id: 'missing' },
          ]),
          'store.notFound',
        );
        expect((await store.getRecord(APP_ID, 'customers', 'c1'))?.values.name).to.equal('张三');
        expect(shape(await history('c1'))).to.deep.equal([['created', 1, [{ fieldId: 'name', before: null, after: '张三' }, { fieldId: 'amount', before: null, after: 10 }]]]);
        expect(await history('c2')).to.deep.equal([]);
      });

      it(`keeps the newest ${HISTORY_LIMIT} entries per record (trimmed every tenth version) and pages with before`, async () => {
        await createCustomers('张三', '李四');
        // c1 ends at version HISTORY_LIMIT + 10, where the trim runs.
        for (let i = 1; i <= HISTORY_LIMIT + 9; i++) {
          if (i === HISTORY_LIMIT + 5) expect(await history('c1', { limit: 1000 })).to.have.length.within(HISTORY_LIMIT, HISTORY_LIMIT + 9);
          await store.mutate(APP_ID, [
            { type: 'update', tableId: 'customers', id: 'c1', values: { amount: i } },
            ...(i <= 3 ? [{ type: 'update' as const, tableId: 'customers', id: 'c2', values: { amount: i } }] : []),
          ]);
        }
        const all = await history('c1', { limit: 1000 });
        expect(all).to.have.length(HISTORY_LIMIT);
        expect(all[0].changes).to.deep.equal([{ fieldId: 'amount', before: HISTORY_LIMIT + 8, after: HISTORY_LIMIT + 9 }]);
        expect(all.at(-1)!.changes[0].after).to.equal(10);
        const first = await history('c1', { limit: 20 });
        const next = await history('c1', { limit: 20, before: first.at(-1)!.seq });
        expect(first.map((e) => e.version)).to.deep.equal(all.slice(0, 20).map((e) => e.version));
        expect(next.map((e) => e.version)).to.deep.equal(all.slice(20, 40).map((e) => e.version));
        expect(await history('c1')).to.have.length(50);
        // Another record's history is its own.
        expect(shape(await history('c2')).map(([kind, version]) => [kind, version])).to.deep.equal([
          ['updated', 4],
          ['updated', 3],
          ['updated', 2],
          ['created', 1],
        ]);
      });

      it('bulk writes write none', async () => {
        await store.bulkCreate(APP_ID, 'customers', [{ id: 'b1', values: { name: 'x' } }], { origin: { kind: 'import' } });
        await store.replaceApp(sampleApp(), { customers: [{ id: 'b2', values: { name: 'y' } }] }, { origin: { kind: 'template' } });
        expect(await history('b2')).to.deep.equal([]);
      });

      it('deleting an app deletes its history', async () => {
        await createCustomers('张三');
        await store.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'c1', values: { name: 'x' } }]);
        await store.mutate(APP_ID, [{ type: 'delete', tableId: 'customers', id: 'c1' }]);
        await store.deleteApp(APP_ID);
        expect(await history('c1')).to.deep.equal([]);
        await store.putApp(sampleApp());
        expect(await history('c1')).to.deep.equal([]);
        await createCustomers('again');
        expect((await history('c1')).map((e) => e.kind)).to.deep.equal(['created']);
        expect(await store.collectGarbage()).to.equal(0);
      });

      it('collects an old generation that only history is left of', async () => {
        const failing = failingTransaction();
        store = await harness.open({ middleware: failing.middleware });
        await store.deleteApp(APP_ID);
        await store.putApp(sampleApp());
        await createCustomers('a');
        await store.mutate(APP_ID, [{ type: 'delete', tableId: 'customers', id: 'c1' }]);
        // One batch, the switch, then the deletion of the old generation: that one fails.
        failing.arm(3);
        await store.replaceApp(sampleApp(), { customers: [{ id: 'n', values: {} }] });
        failing.disarm();
        expect(await store.collectGarbage(), 'the old generation, history only').to.equal(1);
        expect(await store.collectGarbage()).to.equal(0);
        expect(await history('c1')).to.deep.equal([]);
      });

      it('never shows an entry of another records generation (replaceApp)', async () => {
        await createCustomers('张三', '李四');
        await store.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'c1', values: { name: 'old' } }]);
        await store.mutate(APP_ID, [{ type: 'delete', tableId: 'customers', id: 'c2' }]);
        await store.replaceApp(sampleApp(), { customers: [{ id: 'c1', values: { name: 'imported' } }] }, { origin: { kind: 'import' } });
        expect(await history('c1')).to.deep.equal([]);
        expect(await history('c2')).to.deep.equal([]);
        await store.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'c1', values: { name: 'new' } }]);
        expect(shape(await history('c1'))).to.deep.equal([['updated', 2, [{ fieldId: 'name', before: 'imported', after: 'new' }]]]);
        // The old generation, history included, is gone, not left as garbage.
        expect(await store.collectGarbage()).to.equal(0);
      });
    });

    describe('queries', () => {
      it('pages in insertion order, not id order', async () => {
        const names = Array.from({ length: 25 }, (_, i) => `客户${i + 1}`);
        await createCustomers(...names); // ids c1…c25: as strings c10 < c2, insertion order must win
        const all = await store.queryRecords(APP_ID, 'customers');
        expect(ids(all)).to.deep.equal(names.map((_, i) => `c${i + 1}`));
        expect(ids(await store.queryRecords(APP_ID, 'customers', { limit: 3 }))).to.deep.equal(['c1', 'c2', 'c3']);
        expect(ids(await store.queryRecords(APP_ID, 'customers', { offset: 9, limit: 3 }))).to.deep.equal(['c10', 'c11', 'c12']);
        expect(ids(await store.queryRecords(APP_ID, 'customers', { offset: 23 }))).to.deep.equal(['c24', 'c25']);
        expect(ids(await store.queryRecords(APP_ID, 'customers', { direction: 'desc', limit: 2 }))).to.deep.equal(['c25', 'c24']);
        expect(ids(await store.queryRecords(APP_ID, 'customers', { direction: 'desc', offset: 23 }))).to.deep.equal(['c2', 'c1']);
        expect(await store.queryRecords(APP_ID, 'customers', { offset: 40, limit: 5 })).to.deep.equal([]);
        expect(await store.queryRecords(APP_ID, 'customers', { limit: 0 })).to.deep.equal([]);
        expect(await store.queryRecords(APP_ID, 'orders')).to.deep.equal([]);
        // A later create goes to the end even though its id sorts first.
        await store.mutate(APP_ID, [{ type: 'create', tableId: 'customers', id: 'a0', values: {} }]);
        expect(ids(await store.queryRecords(APP_ID, 'customers', { direction: 'desc', limit: 1 }))).to.deep.equal(['a0']);
      });

      it('sorts numbers numerically, text in zh-CN order, blanks last both ways', async () => {
        await store.mutate(APP_ID, [
          { type: 'create', tableId: 'customers', id: 'zhang', values: { name: '张伟', amount: 10 } },
          { type: 'create', tableId: 'customers', id: 'blank', values: { name: '', amount: null } },
          { type: 'create', tableId: 'customers', id: 'li', values: { name: '李娜', amount: 9 } },
          { type: 'create', tableId: 'customers', id: 'unset', values: {} },
          { type: 'create', tableId: 'customers', id: 'wang', values: { name: '王芳', amount: 100 } },
          { type: 'create', tableId: 'customers', id: 'an', values: { name: '安琪', amount: 10 } },
        ]);
        // Pinyin: an < li < wang < zhang. As strings '10' < '100' < '9'; as numbers 9 < 10 < 100.
        expect(ids(await store.queryRecords(APP_ID, 'customers', { sortBy: 'name' }))).to.deep.equal(['an', 'li', 'wang', 'zhang', 'blank', 'unset']);
        expect(ids(await store.queryRecords(APP_ID, 'customers', { sortBy: 'name', direction: 'desc' }))).to.deep.equal([
          'zhang',
          'wang',
          'li',
          'an',
          'blank',
          'unset',
        ]);
        // Equal amounts (zhang, an) keep insertion order.
        expect(ids(await store.queryRecords(APP_ID, 'customers', { sortBy: 'amount' }))).to.deep.equal(['li', 'zhang', 'an', 'wang', 'blank', 'unset']);
        expect(ids(await store.queryRecords(APP_ID, 'customers', { sortBy: 'amount', direction: 'desc', offset: 1, limit: 3 }))).to.deep.equal([
          'zhang',
          'an',
          'li',
        ]);
      });

      it('sorts text with numbers inside as a person reads them', async () => {
        await createCustomers('客户10', '客户2', '客户1');
        expect((await store.queryRecords(APP_ID, 'customers', { sortBy: 'name' })).map((r) => r.values.name)).to.deep.equal(['客户1', '客户2', '客户10']);
      });

      it('filters with where: equal values, and array cells that contain the value', async () => {
        await store.mutate(APP_ID, [
          { type: 'create', tableId: 'customers', id: 'a', values: { city: 'sh', tags: ['vip', 'new'] } },
          { type: 'create', tableId: 'customers', id: 'b', values: { city: 'bj', tags: ['new'] } },
          { type: 'create', tableId: 'customers', id: 'c', values: { city: 'sh', tags: [] } },
          { type: 'create', tableId: 'orders', id: 'o1', values: { customer: 'a', total: 3 } },
          { type: 'create', tableId: 'orders', id: 'o2', values: { customer: 'b', total: 2 } },
          { type: 'create', tableId: 'orders', id: 'o3', values: { customer: 'a', total: 1 } },
        ]);
        expect(ids(await store.queryRecords(APP_ID, 'customers', { where: { field: 'city', equals: 'sh' } }))).to.deep.equal(['a', 'c']);
        expect(ids(await store.queryRecords(APP_ID, 'customers', { where: { field: 'tags', equals: 'new' } }))).to.deep.equal(['a', 'b']);
        expect(ids(await store.queryRecords(APP_ID, 'orders', { where: { field: 'customer', equals: 'a' }, sortBy: 'total' }))).to.deep.equal(['o3', 'o1']);
        expect(ids(await store.queryRecords(APP_ID, 'orders', { where: { field: 'customer', equals: 'a' }, limit: 1 }))).to.deep.equal(['o1']);
      });

      it('counts each table separately', async () => {
        await createCustomers('a', 'b', 'c');
        await store.mutate(APP_ID, [{ type: 'create', tableId: 'orders', values: { total: 1 } }]);
        await store.putApp(sampleApp('other'));
        await store.mutate('other', [{ type: 'create', tableId: 'customers', values: {} }]);
        expect(await store.countRecords(APP_ID, 'customers')).to.equal(3);
        expect(await store.countRecords(APP_ID, 'orders')).to.equal(1);
        expect(await store.countRecords('other', 'customers')).to.equal(1);
        expect(await store.countRecords('other', 'orders')).to.equal(0);
        expect(await store.countRecords('nope', 'customers')).to.equal(0);
      });
    });

    describe('change feed', () => {
      it('emits one event per mutate, after the write, with created, updated (+ previous) and deleted', async () => {
        await createCustomers('张三', '李四');
        expect(events).to.have.length(1);
        expect(ids(events[0].created)).to.deep.equal(['c1', 'c2']);
        expect(events[0]).to.include({ appId: APP_ID, kind: 'records', remote: false });

        let seenInsideListener: RecordData | undefined;
        const stop = store.subscribe((e) => {
          if (e.updated.length) void store.getRecord(APP_ID, 'customers', 'c1').then((r) => (seenInsideListener = r));
        });
        await store.mutate(APP_ID, [
          { type: 'update', tableId: 'customers', id: 'c1', values: { amount: 500, name: '张三' } },
          { type: 'delete', tableId: 'customers', id: 'c2' },
          { type: 'create', tableId: 'orders', id: 'o1', values: { customer: 'c1', total: 500 } },
        ]);
        stop();
        expect(events).to.have.length(2);
        const e = events[1];
        expect(ids(e.created)).to.deep.equal(['o1']);
        expect(e.created[0].values).to.deep.equal({ customer: 'c1', total: 500 });
        expect(e.updated).to.have.length(1);
        expect(e.updated[0].record.values).to.deep.equal({ name: '张三', amount: 500 });
        expect(e.updated[0].record.version).to.equal(2);
        // Only the field that changed, with its old value.
        expect(e.updated[0].previous).to.deep.equal({ amount: 10 });
        expect(e.deleted.map((r) => [r.id, r.values.name])).to.deep.equal([['c2', '李四']]);
        // Delivered before mutate resolved, and after the commit (a read from the listener sees it).
        await new Promise((r) => setTimeout(r, 50));
        expect(seenInsideListener?.version).to.equal(2);
      });

      it('emits nothing for a refused write, and nothing after unsubscribe', async () => {
        const mine: ChangeEvent[] = [];
        const stop = store.subscribe((e) => mine.push(e));
        await rejectionOf(store.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'x', values: {} }]));
        expect(mine).to.have.length(0);
        stop();
        await createCustomers('a');
        expect(mine).to.have.length(0);
        expect(events).to.have.length(1);
      });

      it('emits an app event for putApp', async () => {
        await store.putApp({ ...(await store.getApp(APP_ID))!, name: 'x' });
        expect(events).to.have.length(1);
        expect(events[0]).to.include({ appId: APP_ID, kind: 'app', remote: false });
      });
    });

    describe('bulkCreate', () => {
      const N = 10_000;
      const input = (): Array<{ id: string; values: RecordValues }> =>
        Array.from({ length: N }, (_, i) => ({ id: `b${i}`, values: { name: `客户${i}`, amount: i } }));

      it('writes 10,000 records in batches with progress and one event per batch', async () => {
        const progress: Array<[number, number]> = [];
        const written = await store.bulkCreate(APP_ID, 'customers', input(), { batchSize: 2500, onProgress: (d, t) => progress.push([d, t]) });
        expect(written).to.equal(N);
        expect(progress).to.deep.equal([
          [2500, N],
          [5000, N],
          [7500, N],
          [10000, N],
        ]);
        expect(events.map((e) => e.created.length)).to.deep.equal([2500, 2500, 2500, 2500]);
        expect(events[3].created[2499]).to.include({ id: 'b9999', version: 1 });
        expect(await store.countRecords(APP_ID, 'customers')).to.equal(N);
        expect(ids(await store.queryRecords(APP_ID, 'customers', { offset: 4998, limit: 4 }))).to.deep.equal(['b4998', 'b4999', 'b5000', 'b5001']);
        expect((await store.getRecord(APP_ID, 'customers', 'b7777'))?.values).to.deep.equal({ name: '客户7777', amount: 7777 });
      });

      it('stops at a cancel: committed batches stay, later ones are not written', async () => {
        const controller = new AbortController();
        const progress: number[] = [];
        const written = await store.bulkCreate(APP_ID, 'customers', input(), {
          batchSize: 3000,
          signal: controller.signal,
          onProgress: (done) => {
            progress.push(done);
            if (done >= 3000) controller.abort();
          },
        });
        expect(written).to.equal(3000);
        expect(progress).to.deep.equal([3000]);
        expect(await store.countRecords(APP_ID, 'customers')).to.equal(3000);
        expect(await store.getRecord(APP_ID, 'customers', 'b2999')).to.not.equal(undefined);
        expect(await store.getRecord(APP_ID, 'customers', 'b3000')).to.equal(undefined);
        expect(events).to.have.length(1);
        // Already aborted: nothing at all.
        expect(await store.bulkCreate(APP_ID, 'orders', [{ values: {} }], { signal: controller.signal })).to.equal(0);
      });

      it('fails a batch whole on a duplicate id and keeps the batches before it', async () => {
        const records = input().slice(0, 3000);
        records[2500] = { id: 'b10', values: { name: 'dup' } };
        const progress: number[] = [];
        const error = await expectStoreError(
          store.bulkCreate(APP_ID, 'customers', records, { batchSize: 1000, onProgress: (d) => progress.push(d) }),
          'store.duplicateId',
        );
        expect(error.message, error.message).to.contain("b10");
        expect(progress).to.deep.equal([1000, 2000]);
        expect(await store.countRecords(APP_ID, 'customers')).to.equal(2000);
        expect(await store.getRecord(APP_ID, 'customers', 'b2000')).to.equal(undefined);
        expect((await store.getRecord(APP_ID, 'customers', 'b10'))?.values.name).to.equal('客户10');
      });

      it('restores the version and timestamps an import supplies, and defaults the rest', async () => {
        await store.bulkCreate(APP_ID, 'customers', [
          { id: 'kept', values: { name: '旧客户' }, version: 7, createdAt: '2024-01-02T03:04:05.000Z', updatedAt: '2025-06-07T08:09:10.000Z' },
          { id: 'fresh', values: { name: '新客户' } },
          { id: 'bad', values: { name: '坏数据' }, version: -2, createdAt: 'yesterday' },
        ]);
        const kept = await store.getRecord(APP_ID, 'customers', 'kept');
        expect([kept!.version, kept!.createdAt, kept!.updatedAt]).to.deep.equal([7, '2024-01-02T03:04:05.000Z', '2025-06-07T08:09:10.000Z']);
        const fresh = await store.getRecord(APP_ID, 'customers', 'fresh');
        expect(fresh!.version).to.equal(1);
        expect(Date.parse(fresh!.createdAt)).to.be.closeTo(Date.now(), 60_000);
        const bad = await store.getRecord(APP_ID, 'customers', 'bad');
        expect(bad!.version).to.equal(1);
        expect(Number.isNaN(Date.parse(bad!.createdAt))).to.equal(false);
        // A restored version still guards later edits.
        await store.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'kept', expectedVersion: 7, values: { name: '改名' } }]);
        expect((await store.getRecord(APP_ID, 'customers', 'kept'))!.version).to.equal(8);
      });

      it('refuses a table the app does not have', async () => {
        await expectStoreError(store.bulkCreate(APP_ID, 'ghosts', [{ values: {} }]), 'store.unknownTable');
      });
    });

    describe('origin and cells', () => {
      it('every write carries its origin in its change event, { kind: "user" } by default', async () => {
        const rule: ChangeOrigin = { kind: 'rule', ruleId: 'r1', depth: 2 };
        await createCustomers('a');
        await store.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'c1', values: { name: 'b' } }], { origin: rule });
        await store.bulkCreate(APP_ID, 'orders', [{ id: 'o1', values: {} }], { origin: { kind: 'import' } });
        const app = (await store.getApp(APP_ID))!;
        await store.putApp({ ...app, name: 'x' }, undefined, { origin: { kind: 'sync' } });
        await store.putApp({ ...app, name: 'y' });
        await store.replaceApp(sampleApp(), {}, { origin: { kind: 'template' } });
        await store.deleteApp(APP_ID, { origin: rule });
        expect(events.map((e) => [e.kind, e.origin])).to.deep.equal([
          ['records', { kind: 'user' }],
          ['records', rule],
          ['records', { kind: 'import' }],
          ['app', { kind: 'sync' }],
          ['app', { kind: 'user' }],
          ['app', { kind: 'template' }],
          ['app', rule],
        ]);
      });

      it('changedCells: created before null, updated only the changed fields, deleted after null', async () => {
        await store.mutate(APP_ID, [{ type: 'create', tableId: 'customers', id: 'c1', values: { name: '张三', amount: 10, tags: ['a'] } }]);
        await store.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'c1', values: { name: '李四', amount: 10, city: 'sh' } }]);
        await store.mutate(APP_ID, [{ type: 'delete', tableId: 'customers', id: 'c1' }]);
        const at = { tableId: 'customers', recordId: 'c1' };
        expect(changedCells(events[0])).to.deep.equal([
          { ...at, fieldId: 'name', before: null, after: '张三' },
          { ...at, fieldId: 'amount', before: null, after: 10 },
          { ...at, fieldId: 'tags', before: null, after: ['a'] },
        ]);
        expect(changedCells(events[1])).to.deep.equal([
          { ...at, fieldId: 'name', before: '张三', after: '李四' },
          { ...at, fieldId: 'city', before: null, after: 'sh' },
        ]);
        expect(changedCells(events[2])).to.deep.equal([
          { ...at, fieldId: 'name', before: '李四', after: null },
          { ...at, fieldId: 'amount', before: 10, after: null },
          { ...at, fieldId: 'tags', before: ['a'], after: null },
          { ...at, fieldId: 'city', before: 'sh', after: null },
        ]);
        expect(changedCells({ ...events[0], kind: 'app', created: [] })).to.deep.equal([]);
      });
    });

    describe('replaceApp', () => {
      const at = '2026-02-01T00:00:00.000Z';
      const newRecords = (): Record<string, BulkRecord[]> => ({
        customers: Array.from({ length: 25 }, (_, i) => ({ id: `n${i}`, version: 4, createdAt: at, updatedAt: at, values: { name: `新${i}`, amount: i } })),
        orders: Array.from({ length: 12 }, (_, i) => ({ id: `no${i}`, values: { no: `N${i}`, customer: `n${i}` } })),
        ghosts: [{ id: 'g1', values: {} }],
      });
      const newApp = (): AppDef => ({ ...sampleApp(), name: '新应用' });

      async function expectOld(): Promise<void> {
        expect((await store.getApp(APP_ID))?.name).to.equal('客户管理');
        expect((await store.queryRecords(APP_ID, 'customers')).map((r) => r.values.name)).to.deep.equal(['a', 'b', 'c']);
        expect(await store.countRecords(APP_ID, 'orders')).to.equal(0);
      }

      async function expectNew(): Promise<void> {
        expect((await store.getApp(APP_ID))?.name).to.equal('新应用');
        const customers = await store.queryRecords(APP_ID, 'customers');
        expect(customers.map((r) => r.id)).to.deep.equal(Array.from({ length: 25 }, (_, i) => `n${i}`));
        expect(customers[3]).to.deep.include({ version: 4, createdAt: at, updatedAt: at });
        expect(await store.countRecords(APP_ID, 'orders')).to.equal(12);
        expect(await store.getRecord(APP_ID, 'customers', 'c1')).to.equal(undefined);
      }

      it('replaces the definition and every record at once, with one replaced event and no record events', async () => {
        await createCustomers('a', 'b', 'c');
        events.length = 0;
        const before = (await store.getApp(APP_ID))!;
        const progress: number[] = [];
        const count = await store.replaceApp(newApp(), newRecords(), { batchSize: 10, onProgress: (done, total) => progress.push(done / total) });
        expect(count).to.equal(37);
        await expectNew();
        const after = (await store.getApp(APP_ID))!;
        expect(after.version).to.equal(before.version + 1);
        expect(after.createdAt).to.equal(before.createdAt);
        expect(after).to.not.have.property('dataKey');
        expect(progress.at(-1)).to.equal(1);
        expect(events).to.have.length(1);
        expect(events[0]).to.deep.include({ appId: APP_ID, kind: 'app', replaced: true, remote: false, origin: { kind: 'user' } });
        // The replaced app is an ordinary app: pages, updates, stale refusal, putApp, delete.
        expect((await store.queryRecords(APP_ID, 'customers', { limit: 2, offset: 1 })).map((r) => r.id)).to.deep.equal(['n1', 'n2']);
        expect((await store.queryRecords(APP_ID, 'customers', { sortBy: 'amount', direction: 'desc', limit: 1 }))[0].id).to.equal('n24');
        await store.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'n1', expectedVersion: 4, values: { name: '改' } }]);
        await rejectionOf(store.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'n1', expectedVersion: 4, values: { name: 'x' } }]));
        expect((await store.getRecord(APP_ID, 'customers', 'n1'))?.values.name).to.equal('改');
        await store.putApp({ ...after, name: '再改' }, after.version);
        expect(await store.countRecords(APP_ID, 'customers')).to.equal(25);
        await store.replaceApp(newApp(), { customers: [{ id: 'z', values: {} }] });
        expect(await store.countRecords(APP_ID, 'customers')).to.equal(1);
        expect(await store.collectGarbage()).to.equal(0);
        await store.deleteApp(APP_ID);
        expect(await store.countRecords(APP_ID, 'customers')).to.equal(0);
        expect(await store.collectGarbage()).to.equal(0);
      });

      it('creates an app that did not exist', async () => {
        const app = { ...newApp(), id: 'fresh' };
        expect(await store.replaceApp(app, { customers: [{ id: 'a', values: { name: 'A' } }] })).to.equal(1);
        expect((await store.getApp('fresh'))?.version).to.equal(1);
        expect((await store.getRecord('fresh', 'customers', 'a'))?.values).to.deep.equal({ name: 'A' });
      });

      it('failing at any of its transactions leaves the old app or the new one, complete; leftovers are collected', async () => {
        // 25 + 12 records in batches of 10: 3 + 2 batches, the switch, the deletion of the old records.
        for (let failAt = 1; failAt <= 7; failAt++) {
          const failing = failingTransaction();
          const s = await harness.open({ middleware: failing.middleware });
          store = s;
          await store.deleteApp(APP_ID);
          await store.putApp(sampleApp());
          await createCustomers('a', 'b', 'c');
          failing.arm(failAt);
          const error = await store.replaceApp(newApp(), newRecords(), { batchSize: 10 }).then(
            () => undefined,
            (e: unknown) => e,
          );
          failing.disarm();
          if (failAt <= 6) {
            expect(String(error), `fails at ${failAt}`).to.contain(`write transaction ${failAt}`);
            await expectOld();
          } else {
            // Only the clean-up of the old generation failed: the import itself is complete.
            expect(error, `fails at ${failAt}`).to.equal(undefined);
            await expectNew();
            expect(await store.collectGarbage(), 'the old generation was garbage').to.equal(1);
            await expectNew();
          }
          expect(await store.collectGarbage(), `nothing left over after failing at ${failAt}`).to.equal(0);
        }
      });

      it('refuses an import with a duplicate id whole and keeps the old app', async () => {
        await createCustomers('a', 'b', 'c');
        const records = newRecords();
        records.customers.push({ id: 'n3', values: {} });
        await expectStoreError(store.replaceApp(newApp(), records), 'store.duplicateId');
        await expectOld();
        expect(await store.collectGarbage()).to.equal(0);
      });

      it('stops at a cancel before the switch and keeps the old app', async () => {
        await createCustomers('a', 'b', 'c');
        const controller = new AbortController();
        const replacing = store.replaceApp(newApp(), newRecords(), { batchSize: 10, onProgress: () => controller.abort(), signal: controller.signal });
        await expectStoreError(replacing, 'store.aborted');
        await expectOld();
      });
    });

    describe('derived values kept (readDerived / writeDerived)', () => {
      it('keeps a value only at the data revision it names, and every record write moves the revision', async () => {
        const first = await store.readDerived(APP_ID, 'snap');
        expect(first.value).to.equal(undefined);
        expect(await store.writeDerived(APP_ID, 'snap', first.revision, { n: 1 })).to.equal(true);
        expect(await store.readDerived(APP_ID, 'snap')).to.deep.equal({ revision: first.revision, value: { n: 1 } });
        // Keeping a value is not a record write: no event, the same revision.
        expect(events).to.have.length(0);

        await createCustomers('a');
        const afterCreate = await store.readDerived(APP_ID, 'snap');
        expect(afterCreate.revision).to.not.equal(first.revision);
        expect(events.at(-1)!.revision).to.equal(afterCreate.revision);
        // Written at the old revision: refused, the stored value stays as it was.
        expect(await store.writeDerived(APP_ID, 'snap', first.revision, { n: 2 })).to.equal(false);
        expect((await store.readDerived(APP_ID, 'snap')).value).to.deep.equal({ n: 1 });

        await store.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'c1', values: { name: 'b' } }]);
        const afterUpdate = (await store.readDerived(APP_ID, 'snap')).revision;
        expect(afterUpdate).to.not.equal(afterCreate.revision);
        await store.bulkCreate(APP_ID, 'customers', [{ id: 'c7', values: { name: 'bulk' } }]);
        const afterBulk = (await store.readDerived(APP_ID, 'snap')).revision;
        expect(afterBulk).to.not.equal(afterUpdate);
        expect(events.at(-1)!.revision).to.equal(afterBulk);
        await store.mutate(APP_ID, [{ type: 'delete', tableId: 'customers', id: 'c7' }]);
        expect((await store.readDerived(APP_ID, 'snap')).revision).to.not.equal(afterBulk);

        // A definition change is not a record write.
        const before = (await store.readDerived(APP_ID, 'snap')).revision;
        const app = (await store.getApp(APP_ID))!;
        await store.putApp({ ...app, name: 'renamed' });
        expect((await store.readDerived(APP_ID, 'snap')).revision).to.equal(before);
      });

      it('a failed write moves no revision; a deleted or replaced app keeps nothing', async () => {
        await createCustomers('a');
        const { revision } = await store.readDerived(APP_ID, 'snap');
        expect(await store.writeDerived(APP_ID, 'snap', revision, [1, 2, 3])).to.equal(true);
        await rejectionOf(store.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'c1', expectedVersion: 9, values: { name: 'x' } }]));
        expect(await store.readDerived(APP_ID, 'snap')).to.deep.equal({ revision, value: [1, 2, 3] });

        await store.replaceApp(sampleApp(), { customers: [{ id: 'n1', values: { name: 'new' } }] });
        expect((await store.readDerived(APP_ID, 'snap')).value).to.equal(undefined);
        const replaced = await store.readDerived(APP_ID, 'snap');
        expect(await store.writeDerived(APP_ID, 'snap', replaced.revision, 'kept')).to.equal(true);
        await store.deleteApp(APP_ID);
        expect(await store.writeDerived(APP_ID, 'snap', replaced.revision, 'again')).to.equal(false);
        await store.putApp(sampleApp());
        expect((await store.readDerived(APP_ID, 'snap')).value).to.equal(undefined);
        // The revision's own row cannot be overwritten.
        let refused = false;
        await store.writeDerived(APP_ID, 'revision', '', 'x').catch(() => (refused = true));
        expect(refused).to.equal(true);
      });
    });

    describe('refused writes', () => {
      it('leave no uncaught error or unhandled rejection on the page (stale, missing, duplicate, unknown table)', async () => {
        const seen: string[] = [];
        const onRejection = (e: PromiseRejectionEvent) => {
          seen.push(`unhandledrejection: ${String(e.reason)}`);
          e.preventDefault();
        };
        const onError = (e: ErrorEvent) => {
          seen.push(`error: ${e.message}`);
          e.preventDefault();
        };
        window.addEventListener('unhandledrejection', onRejection);
        window.addEventListener('error', onError);
        try {
          await createCustomers('a', 'b');
          const app = (await store.getApp(APP_ID))!;
          await expectStoreError(store.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'missing', values: { name: 'x' } }]), 'store.notFound');
          await rejectionOf(store.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'c1', expectedVersion: 9, values: { name: 'x' } }]));
          await rejectionOf(
            store.mutate(APP_ID, [
              { type: 'create', tableId: 'customers', id: 'c9', values: {} },
              { type: 'delete', tableId: 'customers', id: 'c2', expectedVersion: 5 },
            ]),
          );
          await expectStoreError(store.mutate(APP_ID, [{ type: 'create', tableId: 'customers', id: 'c1', values: {} }]), 'store.duplicateId');
          await expectStoreError(store.mutate(APP_ID, [{ type: 'create', tableId: 'ghosts', values: {} }]), 'store.unknownTable');
          await rejectionOf(store.putApp({ ...app, name: 'stale' }, app.version + 5));
          await expectStoreError(store.bulkCreate(APP_ID, 'customers', [{ id: 'n1', values: {} }, { id: 'c1', values: {} }]), 'store.duplicateId');
          await expectStoreError(store.bulkCreate(APP_ID, 'ghosts', [{ values: {} }]), 'store.unknownTable');
          // Unhandled rejections are reported after the microtask queue drains: give them a few turns.
          for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 20));
        } finally {
          window.removeEventListener('unhandledrejection', onRejection);
          window.removeEventListener('error', onError);
        }
        expect(seen).to.deep.equal([]);
        expect(await store.countRecords(APP_ID, 'customers')).to.equal(2);
      });
    });
  });
}
