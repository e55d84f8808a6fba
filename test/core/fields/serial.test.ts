/**
 * Serial numbers (自动编号): the pattern, and the assignment inside the store's create
 * transaction — unique and gap-free per table under a failing write, concurrent creates, a
 * reload and two tabs on one database; kept on import when given (and checked unique),
 * assigned for imported rows without one.
 */
import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import '../../../widgets/extra.js';
import { installCreateHooks } from '../../../src/store/assign-on-create.js';
import { fieldTypeOf } from '../../../src/core/fields/index.js';
import { DuplicateSerialError, renderSerial, serialPeriod, serialSequence } from '../../../src/core/fields/types/serial.js';
import type { AppDef, FieldDef } from '../../../src/core/schema/types.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { openIndexedDbStore } from '../../../src/store/indexeddb-store.js';
import type { CoreStore } from '../../../src/store/core-store.js';
import { failingTransaction } from '../../store/contract.js';

installCreateHooks();

const SERIAL: FieldDef = { id: 'no', name: '订单号', type: 'serial', options: { pattern: 'SO{YYYYMMDD}{seq:3}' } };

function orderApp(): AppDef {
  return {
    id: 'shop',
    name: '商店',
    version: 1,
    timeZone: 'Asia/Shanghai',
    tables: [
      { id: 'orders', name: '订单', primaryFieldId: 'title', fields: [{ id: 'title', name: '标题', type: 'text' }, SERIAL] },
      { id: 'notes', name: '备注', primaryFieldId: 'text', fields: [{ id: 'text', name: '内容', type: 'text' }] },
    ],
  } as AppDef;
}

/** Today's numbers in Asia/Shanghai, 1-based. */
function today(seq: number): string {
  return renderSerial(serialPeriod(SERIAL, new Date().toISOString(), 'Asia/Shanghai'), seq);
}

async function numbers(store: CoreStore): Promise<string[]> {
  return (await store.queryRecords('shop', 'orders')).map((r) => String(r.values.no)).sort();
}

describe('serial number patterns', () => {
  it('fills the date tokens in the app zone and pads the sequence', () => {
    // 2026-09-20T17:30Z is already 2026-09-21 in Shanghai.
    const period = serialPeriod(SERIAL, '2026-09-20T17:30:00.000Z', 'Asia/Shanghai');
    expect(period).to.equal('SO20260921{seq:3}');
    expect(renderSerial(period, 1)).to.equal('SO20260921001');
    expect(renderSerial(period, 1234)).to.equal('SO202609211234');
    expect(serialSequence(period, 'SO20260921042')).to.equal(42);
    expect(serialSequence(period, 'SO20260920042')).to.equal(undefined);
    expect(serialSequence(period, 'SO20260921')).to.equal(undefined);
  });

  it('uses a default pattern when none (or one without {seq}) is given', () => {
    const field: FieldDef = { id: 'n', name: 'n', type: 'serial', options: { pattern: 'NO-{YYYY}' } };
    expect(renderSerial(serialPeriod(field, '2026-01-01T00:00:00Z', 'UTC'), 7)).to.equal('000007');
  });

  it('keeps typed or imported numbers as text and checks the stored shape', () => {
    const type = fieldTypeOf('serial');
    expect(type.coerce(' SO20260921001 ', SERIAL, 'csv')).to.deep.equal({ ok: true, value: 'SO20260921001' });
    expect(type.coerce('', SERIAL, 'csv')).to.deep.equal({ ok: true, value: null });
    expect(type.checkStored('SO1', SERIAL)).to.equal(null);
    expect(type.checkStored(5, SERIAL)).to.not.equal(null);
    expect(type.format('SO20260921001', SERIAL, { locale: 'zh-CN' })).to.equal('SO20260921001');
  });
});

describe('serial numbers assigned by the store', () => {
  it('numbers creates 1, 2, 3 … in one write and across writes; other tables get none', async () => {
    const store = new MemoryStore();
    await store.putApp(orderApp());
    await store.mutate('shop', [
      { type: 'create', tableId: 'orders', values: { title: 'a' } },
      { type: 'create', tableId: 'orders', values: { title: 'b' } },
      { type: 'create', tableId: 'notes', values: { text: 'n' } },
    ]);
    const [third] = await store.mutate('shop', [{ type: 'create', tableId: 'orders', values: { title: 'c' } }]);
    expect(third!.values.no).to.equal(today(3));
    expect(await numbers(store)).to.deep.equal([today(1), today(2), today(3)]);
    expect((await store.queryRecords('shop', 'notes'))[0]!.values).to.deep.equal({ text: 'n' });
  });

  it('does not change the caller’s values', async () => {
    const store = new MemoryStore();
    await store.putApp(orderApp());
    const values = { title: 'a' };
    await store.mutate('shop', [{ type: 'create', tableId: 'orders', values }]);
    expect(values).to.deep.equal({ title: 'a' });
  });

  it('takes no number for a failed write: the next one is gap-free', async () => {
    const failing = failingTransaction();
    const store = new MemoryStore({ middleware: failing.middleware });
    await store.putApp(orderApp());
    await store.mutate('shop', [{ type: 'create', tableId: 'orders', values: { title: 'a' } }]);
    failing.arm(1);
    let failed = false;
    await store.mutate('shop', [{ type: 'create', tableId: 'orders', values: { title: 'lost' } }]).catch(() => (failed = true));
    expect(failed).to.equal(true);
    failing.disarm();
    await store.mutate('shop', [{ type: 'create', tableId: 'orders', values: { title: 'b' } }]);
    expect(await numbers(store)).to.deep.equal([today(1), today(2)]);
  });

  it('gives two concurrent creates different, consecutive numbers', async () => {
    const store = new MemoryStore();
    await store.putApp(orderApp());
    await Promise.all([1, 2, 3, 4].map((i) => store.mutate('shop', [{ type: 'create', tableId: 'orders', values: { title: `t${i}` } }])));
    expect(await numbers(store)).to.deep.equal([today(1), today(2), today(3), today(4)]);
  });

  it('keeps a number an import brings, moves the counter past it and refuses a taken one', async () => {
    const store = new MemoryStore();
    await store.putApp(orderApp());
    await store.mutate('shop', [{ type: 'create', tableId: 'orders', values: { title: 'a' } }]);
    await store.mutate(
      'shop',
      [
        { type: 'create', tableId: 'orders', values: { title: 'kept', no: today(7) } },
        { type: 'create', tableId: 'orders', values: { title: 'new' } },
        { type: 'create', tableId: 'orders', values: { title: 'old', no: 'LEGACY-1' } },
      ],
      { origin: { kind: 'import' } },
    );
    expect(await numbers(store)).to.deep.equal(['LEGACY-1', today(1), today(7), today(8)].sort());
    let error: unknown;
    await store.mutate('shop', [{ type: 'create', tableId: 'orders', values: { title: 'dup', no: today(7) } }]).catch((e) => (error = e));
    expect(error).to.be.instanceOf(DuplicateSerialError);
    expect((await store.queryRecords('shop', 'orders')).length).to.equal(4);
  });

  describe('in IndexedDB', () => {
    const name = `ltc-serial-${Date.now().toString(36)}`;
    const opened: CoreStore[] = [];
    const open = async () => {
      const store = await openIndexedDbStore(name, { collectGarbage: false });
      opened.push(store);
      return store;
    };
    after(async () => {
      for (const store of opened) store.close();
      await deleteDB(name);
    });

    it('continues after a reload and never hands out one number twice from two tabs', async () => {
      const first = await open();
      await first.putApp(orderApp());
      await first.mutate('shop', [{ type: 'create', tableId: 'orders', values: { title: 'a' } }]);
      first.close();
      // A reload: a new store on the same database reads the counter back.
      const tabA = await open();
      const tabB = await open();
      await Promise.all([
        ...[1, 2, 3].map((i) => tabA.mutate('shop', [{ type: 'create', tableId: 'orders', values: { title: `a${i}` } }])),
        ...[1, 2, 3].map((i) => tabB.mutate('shop', [{ type: 'create', tableId: 'orders', values: { title: `b${i}` } }])),
      ]);
      expect(await numbers(tabA)).to.deep.equal([1, 2, 3, 4, 5, 6, 7].map(today));
    });
  });
});
