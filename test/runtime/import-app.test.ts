/**
 * Crash safety of replacing an app (import) and of opening it (ensureApp): whatever write
 * fails, and whenever the page goes away, what is stored afterwards is either the old app,
 * complete, or the new one, complete — never a mix, never nothing, and `ensureApp` never
 * clones the template over user data.
 */
import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import type { AppDef, AppExport, RecordData, TemplateDef } from '../../src/core/schema/types.js';
import { replaceApp } from '../../src/runtime/import-app.js';
import { ensureApp } from '../../src/runtime/open-app.js';
import { openIndexedDbStore, type IndexedDbStore, type IndexedDbStoreOptions } from '../../src/store/indexeddb-store.js';
import type { Store } from '../../src/store/types.js';
import { StoreError } from '../../src/store/types.js';
import { sampleApp } from '../store/contract.js';
import { customerLtvTemplate } from '../helpers/customer-ltv.js';

const APP = 'crm';
const OLD = { customers: 30, orders: 20 };
const NEW = { customers: 45, orders: 25 };

let counter = 0;
function dbName(): string {
  counter += 1;
  return `ltc-import-${Date.now().toString(36)}-${counter}`;
}

function quotaError(): DOMException {
  return new DOMException('The quota has been exceeded.', 'QuotaExceededError');
}

/** The export file of the app to import: different name, more records, different values. */
function importFile(): AppExport {
  const app: AppDef = { ...sampleApp(APP), name: '导入的应用' };
  const records: Record<string, RecordData[]> = { customers: [], orders: [] };
  const at = '2026-02-01T00:00:00.000Z';
  for (let i = 0; i < NEW.customers; i++) records.customers.push({ id: `n${i}`, tableId: 'customers', version: 3, createdAt: at, updatedAt: at, values: { name: `新客户${i}`, amount: i * 10 } });
  for (let i = 0; i < NEW.orders; i++) records.orders.push({ id: `no${i}`, tableId: 'orders', version: 1, createdAt: at, updatedAt: at, values: { no: `N${i}`, customer: `n${i}` } });
  return { format: 'ltc-export', formatVersion: 1, exportedAt: at, app, records };
}

/** Stores the "old" app with user records. */
async function seedOld(store: Store): Promise<void> {
  await store.putApp({ ...sampleApp(APP), name: '旧应用' });
  await store.mutate(
    APP,
    Array.from({ length: OLD.customers }, (_, i) => ({ type: 'create' as const, tableId: 'customers', id: `c${i}`, values: { name: `客户${i}`, amount: i } })),
  );
  await store.mutate(APP, Array.from({ length: OLD.orders }, (_, i) => ({ type: 'create' as const, tableId: 'orders', id: `o${i}`, values: { no: `O${i}` } })));
}

/** Asserts the stored app is exactly the old one or exactly the new one; returns which. */
async function oldOrNew(store: Store): Promise<'old' | 'new'> {
  const app = await store.getApp(APP);
  expect(app, 'an app is stored').to.not.equal(undefined);
  expect(app!.status, 'not marked as half-written').to.equal(undefined);
  const customers = await store.queryRecords(APP, 'customers');
  const orders = await store.queryRecords(APP, 'orders');
  if (app!.name === '旧应用') {
    expect(customers.map((r) => r.id)).to.deep.equal(Array.from({ length: OLD.customers }, (_, i) => `c${i}`));
    expect(customers.map((r) => r.values.name)).to.deep.equal(Array.from({ length: OLD.customers }, (_, i) => `客户${i}`));
    expect(orders.map((r) => r.values.no)).to.deep.equal(Array.from({ length: OLD.orders }, (_, i) => `O${i}`));
    return 'old';
  }
  expect(app!.name).to.equal('导入的应用');
  expect(customers.map((r) => r.id)).to.deep.equal(Array.from({ length: NEW.customers }, (_, i) => `n${i}`));
  expect(customers.map((r) => r.values.amount)).to.deep.equal(Array.from({ length: NEW.customers }, (_, i) => i * 10));
  expect(customers.every((r) => r.version === 3)).to.equal(true);
  expect(orders.map((r) => r.values.no)).to.deep.equal(Array.from({ length: NEW.orders }, (_, i) => `N${i}`));
  return 'new';
}

/** A template that must never be cloned over an existing app in these tests. */
const noTemplate = async (): Promise<TemplateDef> => {
  throw new Error('ensureApp tried to clone the template over a stored app');
};

describe('replaceApp (import) is crash-safe', () => {
  const names: string[] = [];
  const opened: IndexedDbStore[] = [];
  async function open(name: string, options?: IndexedDbStoreOptions): Promise<IndexedDbStore> {
    const store = await openIndexedDbStore(name, options);
    opened.push(store);
    return store;
  }
  afterEach(async () => {
    for (const store of opened.splice(0)) store.close();
    for (const name of names.splice(0)) await deleteDB(name);
  });

  it('imports completely when nothing fails', async () => {
    const name = dbName();
    names.push(name);
    const store = await open(name);
    await seedOld(store);
    expect(await replaceApp(store, APP, importFile(), { batchSize: 10 })).to.equal(NEW.customers + NEW.orders);
    expect(await oldOrNew(store)).to.equal('new');
  });

  // 70 record writes in batches of 10: the first, a middle and the last batch, and the last write.
  for (const failAt of [1, 5, 10, 11, 23, 38, 46, 50, 55, 61, 69, 70]) {
    it(`leaves the old app complete when record write ${failAt} fails, and ensureApp keeps it`, async () => {
      const name = dbName();
      names.push(name);
      let armed = false;
      let writes = 0;
      const store = await open(name, {
        beforeWrite: () => {
          if (!armed) return;
          writes += 1;
          if (writes === failAt) throw new Error(`write ${failAt} fails`);
        },
      });
      await seedOld(store);
      armed = true;
      const error = await replaceApp(store, APP, importFile(), { batchSize: 10 }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, 'the import reports the failure').to.be.instanceOf(Error);
      armed = false;
      expect(await oldOrNew(store)).to.equal('old');
      // A reload: a new store on the same database, then opening the app as <ltc-app> does.
      store.close();
      const reloaded = await open(name);
      const { app, created } = await ensureApp(reloaded, { appId: APP, loadTemplate: noTemplate });
      expect(created).to.equal(false);
      expect(app.name).to.equal('旧应用');
      expect(await oldOrNew(reloaded)).to.equal('old');
    });
  }

  it('every write failing (a full disk): old app intact and the error is store.quota', async () => {
    const name = dbName();
    names.push(name);
    let full = false;
    const store = await open(name, {
      beforeWrite: () => {
        if (full) throw quotaError();
      },
    });
    await seedOld(store);
    full = true;
    const error = await replaceApp(store, APP, importFile()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(StoreError);
    expect((error as StoreError).code).to.equal('store.quota');
    expect(await oldOrNew(store)).to.equal('old');
  });

  // "Reloading" at many points of the import: the store instance is closed while the import
  // runs (its next write fails), a new one opens the same database and ensureApp opens the app.
  for (const closeAt of [1, 9, 10, 25, 40, 55, 69, 70]) {
    it(`a reload during the import (after record write ${closeAt}) finds the old app or the new one, complete`, async () => {
      const name = dbName();
      names.push(name);
      let armed = false;
      let writes = 0;
      let store: IndexedDbStore | undefined;
      store = await open(name, {
        beforeWrite: () => {
          if (!armed) return;
          writes += 1;
          if (writes === closeAt) store!.close();
        },
      });
      await seedOld(store);
      armed = true;
      const running = replaceApp(store, APP, importFile(), { batchSize: 10 }).catch(() => undefined);
      const reloaded = await open(name);
      await running;
      const { created } = await ensureApp(reloaded, { appId: APP, loadTemplate: noTemplate });
      expect(created).to.equal(false);
      await oldOrNew(reloaded);
      // And once more after everything settled, from yet another instance.
      const third = await open(name);
      await oldOrNew(third);
    });
  }
});

describe('ensureApp never clones over stored data', () => {
  const names: string[] = [];
  const opened: IndexedDbStore[] = [];
  async function open(name: string, options?: IndexedDbStoreOptions): Promise<IndexedDbStore> {
    const store = await openIndexedDbStore(name, options);
    opened.push(store);
    return store;
  }
  afterEach(async () => {
    for (const store of opened.splice(0)) store.close();
    for (const name of names.splice(0)) await deleteDB(name);
  });

  it('keeps an app an older version left marked "cloning" (it may hold an import), and clears the mark', async () => {
    const name = dbName();
    names.push(name);
    const store = await open(name);
    await seedOld(store);
    const stored = (await store.getApp(APP))!;
    await store.putApp({ ...stored, status: 'cloning' });
    const { app, created } = await ensureApp(store, { appId: APP, loadTemplate: noTemplate });
    expect(created).to.equal(false);
    expect(app.status).to.equal(undefined);
    expect(await oldOrNew(store)).to.equal('old');
  });

  it('a first clone interrupted at any point leaves no app, and the next open clones it completely', async () => {
    const template = await customerLtvTemplate();
    const name = dbName();
    names.push(name);
    // The whole clone, counted once: how many record writes it takes.
    const countingName = dbName();
    names.push(countingName);
    const counting = await open(countingName);
    // A clone is one replace: one app event, no record events for half-written data.
    let recordEvents = 0;
    counting.subscribe((e) => (recordEvents += e.kind === 'records' ? 1 : 0));
    const reference = await ensureApp(counting, { appId: 'ltv', loadTemplate: async () => template });
    const counts = await Promise.all(reference.app.tables.map((t) => counting.countRecords('ltv', t.id)));
    const records = counts.reduce((a, b) => a + b, 0);
    expect(records).to.be.greaterThan(100);
    for (const closeAt of [1, Math.floor(records / 2), records]) {
      let writes = 0;
      let store: IndexedDbStore | undefined;
      store = await open(name, {
        beforeWrite: () => {
          if (++writes === closeAt) store!.close();
        },
      });
      await ensureApp(store, { appId: 'ltv', loadTemplate: async () => template }).catch(() => undefined);
      const reloaded = await open(name);
      const stored = await reloaded.getApp('ltv');
      if (stored) {
        // Only a clone whose last write committed may be there, and then completely.
        expect(closeAt, 'an app is stored only when the clone completed').to.equal(records);
      }
      const { app } = await ensureApp(reloaded, { appId: 'ltv', loadTemplate: async () => template });
      expect(app.status).to.equal(undefined);
      expect(await Promise.all(app.tables.map((t) => reloaded.countRecords('ltv', t.id))), `closed at ${closeAt}`).to.deep.equal(counts);
      await reloaded.deleteApp('ltv');
    }
    expect(recordEvents).to.equal(0);
  });
});
