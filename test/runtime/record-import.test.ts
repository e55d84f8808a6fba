/**
 * Writing an import (src/runtime/record-import.ts) on the MemoryStore and IndexedDB:
 * batches of one transaction each with origin import, deterministic ids so a rerun doubles
 * nothing, duplicates on a key field (skip / update / create), unique fields, new choices
 * added once before the records (refused when stale), all-or-nothing, and imports
 * interrupted at random batches and "reloaded" (store closed and reopened) that leave whole
 * batches only and rerun to exactly the expected set. Also the round trip
 * recordsToCsv → csvToRecords → import → the same stored values.
 */
import { expect } from '@open-wc/testing';
import { MemoryStore, openIndexedDbStore } from '../../src/store/index.js';
import type { ChangeEvent, Store } from '../../src/store/types.js';
import { csvToRecords, recordsToCsv } from '../../src/core/csv/index.js';
import { problemReportCsv } from '../../src/core/csv/report.js';
import { ImportStaleError, importRecords, importedRecordId } from '../../src/runtime/record-import.js';
import type { CsvRecord } from '../../src/core/csv/import.js';
import { shopApp } from '../fixtures/import/shop-app.js';

const customers = shopApp().tables[0]!;

function rows(count: number, from = 0): CsvRecord[] {
  return Array.from({ length: count }, (_, i) => ({ row: i + 2 + from, values: { name: `客户${i + from}`, phone: `138${String(i + from).padStart(8, '0')}`, spent: i + from } }));
}

const stores = [
  ['MemoryStore', () => ({ open: async () => new MemoryStore() as Store, reopen: undefined as undefined | ((s: Store) => Promise<Store>) })],
  [
    'IndexedDbStore',
    () => {
      const name = `ltc-import-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      return { open: async () => (await openIndexedDbStore(name, { broadcast: false })) as Store, reopen: async (s: Store) => (s.close(), (await openIndexedDbStore(name, { broadcast: false })) as Store) };
    },
  ],
] as const;

for (const [name, make] of stores) {
  describe(`record import (${name})`, function () {
    this.timeout(120000);

    it('writes batches of one mutate each with origin import and ids from the file hash and row; a rerun doubles nothing', async () => {
      const store = await make().open();
      const app = await store.putApp(shopApp());
      const changes: ChangeEvent[] = [];
      store.subscribe((c) => changes.push(c));
      const progress: number[] = [];
      const first = await importRecords(store, app, rows(5), { tableId: 'customers', hash: 'abcd1234', batchSize: 2, onProgress: (done) => progress.push(done) });
      expect(first).to.include({ created: 5, updated: 0, skipped: 0, failed: 0, cancelled: false });
      expect(progress).to.deep.equal([2, 4, 5]);
      const records = changes.filter((c) => c.kind === 'records');
      expect(records.map((c) => c.created.length)).to.deep.equal([2, 2, 1]);
      expect(records.every((c) => c.origin.kind === 'import')).to.equal(true);
      const stored = await store.queryRecords(app.id, 'customers');
      expect(stored.map((r) => r.id)).to.deep.equal([2, 3, 4, 5, 6].map((row) => importedRecordId('abcd1234', row)));
      const again = await importRecords(store, app, rows(5), { tableId: 'customers', hash: 'abcd1234' });
      expect(again).to.include({ created: 0, skipped: 5 });
      expect(await store.countRecords(app.id, 'customers')).to.equal(5);
      store.close();
    });

    it('duplicates on the key field: skip, update the existing record, or create anyway; earlier rows of the file count', async () => {
      const store = await make().open();
      const app = await store.putApp(shopApp());
      await store.mutate(app.id, [{ type: 'create', tableId: 'customers', id: 'old', values: { name: '老客户', phone: '13800000000', spent: 1 } }]);
      const file: CsvRecord[] = [
        { row: 2, values: { name: '新名字', phone: '13800000000', spent: 9 } },
        { row: 3, values: { name: '甲', phone: '13911111111' } },
        { row: 4, values: { name: '甲二', phone: '13911111111', spent: 4 } },
      ];
      const skip = await importRecords(store, app, file, { tableId: 'customers', hash: 'h0000001', key: { fieldId: 'phone', mode: 'skip' } });
      expect(skip).to.include({ created: 1, skipped: 2 });
      expect((await store.getRecord(app.id, 'customers', 'old'))!.values.name).to.equal('老客户');
      const update = await importRecords(store, app, file, { tableId: 'customers', hash: 'h0000002', key: { fieldId: 'phone', mode: 'update' } });
      expect(update).to.include({ updated: 2, created: 0 });
      expect((await store.getRecord(app.id, 'customers', 'old'))!.values).to.include({ name: '新名字', spent: 9 });
      const merged = await store.getRecord(app.id, 'customers', importedRecordId('h0000001', 3));
      expect(merged!.values).to.include({ name: '甲二', spent: 4 });
      expect(await store.countRecords(app.id, 'customers')).to.equal(2);
      // "Create anyway" still keeps a unique field unique: the rows become reported failures.
      const create = await importRecords(store, app, file, { tableId: 'customers', hash: 'h0000003', key: { fieldId: 'phone', mode: 'create' }, locale: 'zh-CN' });
      expect(create).to.include({ created: 0, failed: 3 });
      expect(create.problems[0]).to.include({ row: 2, column: '手机', value: '13800000000' });
      expect(create.problems[0]!.message).to.contain('已存在');
      store.close();
    });

    it('import nothing if any row fails: nothing is written, the file problems are counted', async () => {
      const store = await make().open();
      const app = await store.putApp(shopApp());
      const fileProblems = [{ row: 7, column: '手机', value: '12', message: 'bad phone' }];
      const summary = await importRecords(store, app, rows(3), { tableId: 'customers', hash: 'aaaaaaaa', policy: 'all', fileProblems });
      expect(summary).to.include({ created: 0, failed: 1 });
      expect(await store.countRecords(app.id, 'customers')).to.equal(0);
      const good = await importRecords(store, app, rows(3), { tableId: 'customers', hash: 'aaaaaaaa', policy: 'good', fileProblems });
      expect(good).to.include({ created: 3, failed: 1 });
      store.close();
    });

    it('new choices: one putApp naming the app version before the records; refused (nothing written) when the app is stale', async () => {
      const store = await make().open();
      const app = await store.putApp(shopApp());
      const parsed = csvToRecords('姓名,等级\n张三,钻石\n', customers, { addChoices: true });
      const stale = { ...app, version: app.version - 1 };
      let refused: unknown;
      await importRecords(store, stale, parsed.records, { tableId: 'customers', hash: 'cccccccc', addedChoices: parsed.addedChoices, locale: 'zh-CN' }).catch((e: unknown) => (refused = e));
      expect(refused).to.be.instanceOf(ImportStaleError);
      expect((refused as Error).message).to.contain('未导入任何数据');
      expect(await store.countRecords(app.id, 'customers')).to.equal(0);
      await importRecords(store, app, parsed.records, { tableId: 'customers', hash: 'cccccccc', addedChoices: parsed.addedChoices });
      const after = await store.getApp(app.id);
      const level = after!.tables[0]!.fields.find((f) => f.id === 'level')!;
      expect(level.options!.choices!.map((c) => c.name)).to.deep.equal(['gold', 'silver', '钻石']);
      const record = await store.getRecord(app.id, 'customers', importedRecordId('cccccccc', 2));
      expect(record!.values.level).to.equal(level.options!.choices![2]!.id);
      // The same file again adds no choice a second time (no putApp at all).
      await importRecords(store, after!, parsed.records, { tableId: 'customers', hash: 'cccccccc', addedChoices: parsed.addedChoices });
      expect((await store.getApp(app.id))!.version).to.equal(after!.version);
      store.close();
    });

    it('interrupted at random batches and reloaded: whole batches only; the rerun gives exactly the expected set once', async () => {
      const factory = make();
      let store = await factory.open();
      const app = await store.putApp(shopApp());
      const file = rows(47);
      for (let attempt = 0; attempt < 4; attempt++) {
        const abort = new AbortController();
        const stopAfter = 1 + Math.floor(Math.random() * 4);
        let batches = 0;
        const before = await store.countRecords(app.id, 'customers');
        await importRecords(store, app, file, {
          tableId: 'customers',
          hash: 'deadbeef',
          batchSize: 5,
          signal: abort.signal,
          onProgress: () => {
            if (++batches === stopAfter) abort.abort();
          },
        });
        const count = await store.countRecords(app.id, 'customers');
        // Every batch is 5 records (the last one 2); a batch is all or nothing.
        expect((count - before) % 5 === 0 || count === 47, `after ${stopAfter} batches: ${count}`).to.equal(true);
        if (factory.reopen) store = await factory.reopen(store);
      }
      const last = await importRecords(store, app, file, { tableId: 'customers', hash: 'deadbeef', batchSize: 5 });
      expect(last.created + last.skipped).to.equal(47);
      const stored = await store.queryRecords(app.id, 'customers');
      expect(stored.map((r) => r.id).sort()).to.deep.equal(file.map((r) => importedRecordId('deadbeef', r.row)).sort());
      expect(stored.map((r) => r.values.name).sort()).to.deep.equal(file.map((r) => r.values.name).sort());
      store.close();
    });

    it('round trip: recordsToCsv → csvToRecords → import gives the same stored values', async () => {
      const store = await make().open();
      const original = [
        { values: { name: '=1+2', phone: '13800138000', email: 'a@b.cn', level: 'gold', tags: ['a', 'c'], vip: true, joined: '2024-01-05', spent: 1234.5, rate: 0.35 } },
        { values: { name: 'Smith, "J"', phone: null, email: null, level: null, tags: null, vip: false, joined: null, spent: -3.5, rate: null } },
      ];
      for (const locale of ['zh-CN', 'en'] as const) {
        const text = recordsToCsv(customers, original, { locale });
        const parsed = csvToRecords(text, customers, { locale });
        expect(parsed.errors).to.deep.equal([]);
        const app = await store.putApp(shopApp(`shop-${locale}`));
        await importRecords(store, app, parsed.records, { tableId: 'customers', hash: 'eeeeeeee' });
        const stored = await store.queryRecords(app.id, 'customers');
        expect(stored.map((r) => r.values)).to.deep.equal(original.map((r) => r.values));
      }
      store.close();
    });
  });
}

describe('problem report CSV', () => {
  it('has a BOM, CRLF, headers and reasons in the UI language, rows in order, guarded cells', () => {
    const text = problemReportCsv(
      [
        { row: 5, column: '手机', value: '=HYPERLINK("x")', message: '第 5 行“手机”列：手机号码格式不对' },
        { row: 2, column: '金额', value: 'abc', message: 'bad, "amount"' },
      ],
      'zh-CN',
    );
    expect(text.startsWith('\uFEFF行号,列,值,原因\r\n')).to.equal(true);
    expect(text.split('\r\n').slice(1, 3)).to.deep.equal(['2,金额,abc,"bad, ""amount"""', '5,手机,"\'=HYPERLINK(""x"")",第 5 行“手机”列：手机号码格式不对']);
    expect(problemReportCsv([], 'en')).to.equal('\uFEFFRow,Column,Value,Reason\r\n');
  });
});
