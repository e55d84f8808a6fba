/**
 * Files beside records (src/store/blobs.ts): put, get and delete on both backends; a value that
 * drops a file deletes its blob in the same transaction, a deleted record's files wait for the undo; blobs no
 * record refers to are collected after the grace period; a full disk stores nothing; the v4
 * migration adds the blob store to a v3 database without touching its records.
 */
import { expect } from '@open-wc/testing';
import { deleteDB, openDB } from 'idb';
import { attachmentRef } from '../../src/core/fields/attachment-ref.js';
import type { AppDef } from '../../src/core/schema/types.js';
import type { BackendMiddleware } from '../../src/store/backend.js';
import { BLOB_GRACE_MS, newBlobId } from '../../src/store/blobs.js';
import type { CoreStore } from '../../src/store/core-store.js';
import { MIGRATIONS } from '../../src/store/idb-schema.js';
import { openIndexedDbStore } from '../../src/store/indexeddb-store.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { APP_ID, expectStoreError, sampleApp } from './contract.js';

function appWithFiles(): AppDef {
  const app = sampleApp();
  app.tables[0]!.fields.push({ id: 'files', name: '附件', type: 'attachment' });
  return app;
}

function ref(id: string, name: string, size = 3): string {
  return attachmentRef({ id, size, type: 'text/plain', name });
}

async function text(blob: Blob | undefined): Promise<string | undefined> {
  return blob ? blob.text() : undefined;
}

let dbCounter = 0;

const backends: Array<[string, (middleware?: BackendMiddleware) => Promise<{ store: CoreStore; cleanup: () => Promise<void> }>]> = [
  ['MemoryStore', async (middleware) => ({ store: new MemoryStore({ middleware }), cleanup: async () => undefined })],
  [
    'IndexedDbStore',
    async (middleware) => {
      const name = `ltc-blob-${Date.now().toString(36)}-${++dbCounter}`;
      const store = await openIndexedDbStore(name, { broadcast: false, collectGarbage: false, middleware });
      return {
        store,
        cleanup: async () => {
          store.close();
          await deleteDB(name);
        },
      };
    },
  ],
];

for (const [name, open] of backends) {
  describe(`blobs: ${name}`, () => {
    it('stores, reads and deletes files', async () => {
      const { store, cleanup } = await open();
      try {
        await store.putApp(appWithFiles());
        const id = newBlobId();
        expect(id).to.match(/^att_/);
        await store.putBlob(APP_ID, id, new Blob(['合同内容'], { type: 'text/plain' }));
        const read = await store.getBlob(APP_ID, id);
        expect(await text(read)).to.equal('合同内容');
        expect(read?.type).to.equal('text/plain');
        expect(await store.getBlob('other-app', id)).to.equal(undefined);
        await store.deleteBlobs(APP_ID, [id]);
        expect(await store.getBlob(APP_ID, id)).to.equal(undefined);
      } finally {
        await cleanup();
      }
    });

    it("keeps a deleted record's files until collected, and deletes a dropped file with the update that drops it", async () => {
      const { store, cleanup } = await open();
      try {
        await store.putApp(appWithFiles());
        const [a, b, c] = [newBlobId(), newBlobId(), newBlobId()];
        for (const id of [a, b, c]) await store.putBlob(APP_ID, id, new Blob([id]));
        await store.mutate(APP_ID, [
          { type: 'create', tableId: 'customers', id: 'c1', values: { name: '张三', files: [ref(a, 'a.txt'), ref(b, 'b|名.txt')] } },
          { type: 'create', tableId: 'customers', id: 'c2', values: { name: '李四', files: [ref(c, 'c.txt')] } },
        ]);
        // An update of another field keeps every file.
        await store.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'c1', values: { name: '张三丰' } }]);
        expect(await text(await store.getBlob(APP_ID, a))).to.equal(a);
        // Dropping one file from the value deletes that blob only.
        await store.mutate(APP_ID, [{ type: 'update', tableId: 'customers', id: 'c1', values: { files: [ref(b, 'b|名.txt')] } }]);
        expect(await store.getBlob(APP_ID, a)).to.equal(undefined);
        expect(await text(await store.getBlob(APP_ID, b))).to.equal(b);
        // Deleting the record keeps its file for an undo; collecting later removes it, not another record's.
        await store.mutate(APP_ID, [{ type: 'delete', tableId: 'customers', id: 'c1' }]);
        expect(await text(await store.getBlob(APP_ID, b))).to.equal(b);
        expect(await store.collectBlobs(APP_ID, Date.now() + BLOB_GRACE_MS + 1000)).to.equal(1);
        expect(await store.getBlob(APP_ID, b)).to.equal(undefined);
        expect(await text(await store.getBlob(APP_ID, c))).to.equal(c);
        // Deleting the app deletes all of its files.
        await store.deleteApp(APP_ID);
        expect(await store.getBlob(APP_ID, c)).to.equal(undefined);
      } finally {
        await cleanup();
      }
    });

    it('keeps the files when the record write fails (the same transaction)', async () => {
      const { store, cleanup } = await open();
      try {
        await store.putApp(appWithFiles());
        const a = newBlobId();
        await store.putBlob(APP_ID, a, new Blob(['a']));
        await store.mutate(APP_ID, [{ type: 'create', tableId: 'customers', id: 'c1', values: { files: [ref(a, 'a.txt')] } }]);
        // The delete is refused as stale: neither the record nor its file goes.
        await rejects(store.mutate(APP_ID, [{ type: 'delete', tableId: 'customers', id: 'c1', expectedVersion: 7 }]));
        expect(await store.getRecord(APP_ID, 'customers', 'c1')).to.exist;
        expect(await text(await store.getBlob(APP_ID, a))).to.equal('a');
      } finally {
        await cleanup();
      }
    });

    it('collects files no record refers to once they are older than the grace period', async () => {
      const { store, cleanup } = await open();
      try {
        await store.putApp(appWithFiles());
        const [used, orphan] = [newBlobId(), newBlobId()];
        await store.putBlob(APP_ID, used, new Blob(['used']));
        await store.putBlob(APP_ID, orphan, new Blob(['orphan']));
        await store.mutate(APP_ID, [{ type: 'create', tableId: 'customers', id: 'c1', values: { files: [ref(used, 'used.txt')] } }]);
        // Young: a form may still be about to save it.
        expect(await store.collectBlobs(APP_ID)).to.equal(0);
        expect(await store.getBlob(APP_ID, orphan)).to.exist;
        expect(await store.collectBlobs(APP_ID, Date.now() + BLOB_GRACE_MS + 1000)).to.equal(1);
        expect(await store.getBlob(APP_ID, orphan)).to.equal(undefined);
        expect(await text(await store.getBlob(APP_ID, used))).to.equal('used');
      } finally {
        await cleanup();
      }
    });
  });
}

async function rejects(promise: Promise<unknown>): Promise<void> {
  let failed = false;
  await promise.catch(() => (failed = true));
  expect(failed, 'expected a rejection').to.equal(true);
}

describe('blobs: a full disk', () => {
  it('rejects with store.quota and stores nothing of the file', async () => {
    // The backend fails the blob write as IndexedDB does when the disk is full.
    const quota: BackendMiddleware = (backend) => ({
      read: (body) => backend.read(body),
      close: () => backend.close(),
      write: (body) =>
        backend.write((tx) =>
          body(
            new Proxy(tx, {
              get(target, key) {
                if (key === 'putBlob') {
                  return () => {
                    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
                  };
                }
                const member = Reflect.get(target, key) as unknown;
                return typeof member === 'function' ? (member as (...args: unknown[]) => unknown).bind(target) : member;
              },
            }),
          ),
        ),
    });
    const [, open] = backends[1]!;
    const { store, cleanup } = await open(quota);
    try {
      await store.putApp(appWithFiles());
      const id = newBlobId();
      const error = await expectStoreError(store.putBlob(APP_ID, id, new Blob(['x'.repeat(1000)])), 'store.quota');
      expect(error.message).to.match(/full/);
      expect(await store.getBlob(APP_ID, id)).to.equal(undefined);
    } finally {
      await cleanup();
    }
  });
});

describe('blobs: the v4 migration', () => {
  it('adds the blob store to a v3 database and keeps its records', async () => {
    const name = `ltc-blob-mig-${Date.now().toString(36)}`;
    const v3 = await openDB(name, 3, {
      upgrade(db, _old, _new, tx) {
        for (const step of MIGRATIONS.slice(0, 3)) void step(db as never, tx as never);
      },
    });
    const app = { ...appWithFiles(), version: 1 };
    await v3.put('apps', app);
    await v3.put('records', { appId: APP_ID, tableId: 'customers', id: 'c1', seq: 1, version: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', values: { name: '张三' } });
    expect([...v3.objectStoreNames]).to.not.include('blobs');
    v3.close();
    const store = await openIndexedDbStore(name, { broadcast: false, collectGarbage: false });
    try {
      expect((await store.getRecord(APP_ID, 'customers', 'c1'))?.values).to.deep.equal({ name: '张三' });
      const id = newBlobId();
      await store.putBlob(APP_ID, id, new Blob(['ok']));
      expect(await text(await store.getBlob(APP_ID, id))).to.equal('ok');
    } finally {
      store.close();
      await deleteDB(name);
    }
  });
});
