/**
 * The derived-values snapshot (issue 10, "every computed column ready ≤ 1.5 s"): values kept
 * in the store at a data revision show a table's computed columns as soon as that table is
 * read, before the big tables behind them (the orders) are; anything that makes them out of
 * date (a record write, a definition change, another day, a malformed value) means they are
 * not used; the full load always replaces them.
 */
import { expect } from '@open-wc/testing';
import { CellError } from '../../src/core/formula/index.js';
import type { AppDef } from '../../src/core/schema/types.js';
import { DerivedValues } from '../../src/runtime/derived.js';
import { SNAPSHOT_NAME, buildSnapshot, currentSnapshot, definitionOf, dependencies } from '../../src/runtime/derived-snapshot.js';
import { linkedTable } from '../../src/core/fields/index.js';
import { MemoryStore } from '../../src/store/index.js';
import type { RecordData } from '../../src/core/schema/types.js';
import type { Store } from '../../src/store/types.js';
import { openCustomerLtv } from '../helpers/customer-ltv.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 20, 4);

/** A store whose reads of `tableId` wait until `release()` (the million orders still being read). */
function holdingReads(store: MemoryStore, tableId: string): { store: Store; release: () => void; reads: string[] } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const reads: string[] = [];
  const held = Object.create(store) as Store;
  held.queryRecords = async (appId, table, query) => {
    reads.push(table);
    if (table === tableId) await gate;
    return store.queryRecords(appId, table, query);
  };
  return { store: held, release, reads };
}

/** Every computed value of every customer, as a plain object to compare. */
function computedOf(derived: DerivedValues, app: AppDef, records: RecordData[]): Record<string, unknown> {
  const fields = app.tables.find((t) => t.id === 'customers')!.fields.filter((f) => ['formula', 'stage', 'relation'].includes(f.type));
  const out: Record<string, unknown> = {};
  for (const record of records) {
    for (const field of fields) {
      if (field.type === 'relation' && !field.options?.inverseOf) continue;
      const value = derived.value('customers', record.id, field.id);
      out[`${record.id}/${field.id}`] = value instanceof CellError ? `error:${value.code}` : value;
    }
  }
  return out;
}

async function opened(appId: string) {
  const { store, app, derived } = await openCustomerLtv(appId);
  derived.dispose();
  const first = new DerivedValues(store, app, { snapshot: true, now: () => NOW, snapshotDelayMs: 10 });
  await first.load();
  expect(await first.keepSnapshot()).to.equal(true);
  const customers = await store.queryRecords(appId, 'customers');
  const expected = computedOf(first, app, customers);
  first.dispose();
  return { store, app, customers, expected };
}

describe('DerivedValues snapshot', function () {
  this.timeout(30000);

  it('shows the customers with every computed value before the orders are read, the same values the full load computes', async () => {
    const { store, app, customers, expected } = await opened('snap-preview');
    expect(Object.keys(expected).length).to.be.greaterThan(customers.length * 5);
    const { store: held, release, reads } = holdingReads(store, 'orders');
    const derived = new DerivedValues(held, app, { snapshot: true, now: () => NOW });
    const kinds: string[] = [];
    derived.subscribe((change) => kinds.push(change.kind));
    const loading = derived.load();
    await derived.whenReady('customers');
    expect(derived.ready).to.equal(false);
    expect(derived.isReady('customers')).to.equal(true);
    expect(derived.isReady('orders')).to.equal(false);
    expect(reads).to.include('customers');
    expect(computedOf(derived, app, customers)).to.deep.equal(expected);
    // Sorting by a computed column works on the kept values.
    const byLtv = derived.sortedIds('customers', 'ltv', 'desc');
    expect(byLtv).to.have.length(customers.length);
    expect(derived.value('customers', byLtv[0]!, 'ltv')).to.equal(Math.max(...customers.map((c) => Number(derived.value('customers', c.id, 'ltv')) || -Infinity)));
    expect(derived.get('customers', customers[0]!.id)!.ltv).to.equal(expected[`${customers[0]!.id}/ltv`]);
    expect(kinds).to.include('preview');
    expect(kinds).to.not.include('load');
    release();
    await loading;
    expect(derived.ready).to.equal(true);
    expect(kinds.at(-1)).to.equal('load');
    expect(computedOf(derived, app, customers)).to.deep.equal(expected);
    derived.dispose();
  });

  it('does not use values kept before a record was written, and keeps them again once the change settles', async () => {
    const { store, app, customers } = await opened('snap-stale');
    const [order] = await store.queryRecords('snap-stale', 'orders', { limit: 1 });
    await store.mutate('snap-stale', [{ type: 'update', tableId: 'orders', id: order!.id, values: { amount: 99_999 } }]);
    const { store: held, release } = holdingReads(store, 'orders');
    const derived = new DerivedValues(held, app, { snapshot: true, now: () => NOW, snapshotDelayMs: 10 });
    const loading = derived.load();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Out of date: nothing is shown early.
    expect(derived.isReady('customers')).to.equal(false);
    expect(derived.value('customers', customers[0]!.id, 'ltv')).to.equal(undefined);
    release();
    await loading;
    // Kept at the new revision right after the load.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const kept = await store.readDerived('snap-stale', SNAPSHOT_NAME);
    expect((kept.value as { revision: string }).revision).to.equal(kept.revision);
    // An edit while open: kept again shortly after it.
    const owner = (order!.values.customer as string[])[0]!;
    await store.mutate('snap-stale', [{ type: 'update', tableId: 'orders', id: order!.id, values: { amount: 5 } }]);
    await new Promise((resolve) => setTimeout(resolve, 80));
    const again = await store.readDerived('snap-stale', SNAPSHOT_NAME);
    expect((again.value as { revision: string }).revision).to.equal(again.revision);
    expect(again.revision).to.not.equal(kept.revision);
    const totalSpend = derived.value('customers', owner, 'totalSpend');
    derived.dispose();
    // The next open shows the edited value from the snapshot.
    const next = new DerivedValues(holdingReads(store, 'orders').store, app, { snapshot: true, now: () => NOW });
    void next.load();
    await next.whenReady('customers');
    expect(next.ready).to.equal(false);
    expect(next.value('customers', owner, 'totalSpend')).to.equal(totalSpend);
    next.dispose();
  });

  it('drops the early values at a change heard while the orders are still being read, and loses no change', async () => {
    const { store, app, customers } = await opened('snap-change');
    const { store: held, release } = holdingReads(store, 'orders');
    const derived = new DerivedValues(held, app, { snapshot: true, now: () => NOW });
    const loading = derived.load();
    await derived.whenReady('customers');
    const target = customers[3]!;
    await store.mutate('snap-change', [{ type: 'update', tableId: 'customers', id: target.id, values: { retentionRate: 0.99 } }]);
    // The kept LTV is out of date now: the customers wait for the full load again.
    expect(derived.isReady('customers')).to.equal(false);
    expect(derived.value('customers', target.id, 'ltv')).to.equal(undefined);
    release();
    await loading;
    expect(derived.record('customers', target.id)!.values.retentionRate).to.equal(0.99);
    // The LTV is computed from the new retention rate (the full load is the truth).
    const fresh = new DerivedValues(store, app, { now: () => NOW });
    await fresh.load();
    expect(derived.value('customers', target.id, 'ltv')).to.equal(fresh.value('customers', target.id, 'ltv'));
    fresh.dispose();
    derived.dispose();
  });

  it('keeps the early values through a write to a table they do not depend on', async () => {
    const { store, app, customers, expected } = await opened('snap-unrelated');
    const withNotes = { ...app, tables: [...app.tables, { id: 'notes', name: 'notes', primaryFieldId: 'n', fields: [{ id: 'n', name: 'n', type: 'text' as const }] }] };
    const stored = await store.putApp(withNotes);
    let releaseCustomers!: () => void;
    const customersGate = new Promise<void>((resolve) => (releaseCustomers = resolve));
    const { store: held, release } = holdingReads(store, 'orders');
    const queryOrders = held.queryRecords;
    held.queryRecords = async (appId, table, query) => {
      if (table === 'customers') await customersGate;
      return queryOrders(appId, table, query);
    };
    const derived = new DerivedValues(held, stored, { snapshot: true, now: () => NOW });
    const loading = derived.load();
    await new Promise((resolve) => setTimeout(resolve, 30));
    // Written while the customers are still being read: nothing they are computed from.
    await store.mutate('snap-unrelated', [{ type: 'create', tableId: 'notes', values: { n: 'hello' } }]);
    releaseCustomers();
    await derived.whenReady('customers');
    expect(derived.ready).to.equal(false);
    expect(computedOf(derived, app, customers)).to.deep.equal(expected);
    // A write to the orders (what the LTV comes from) drops them.
    const [order] = await store.queryRecords('snap-unrelated', 'orders', { limit: 1 });
    await store.mutate('snap-unrelated', [{ type: 'update', tableId: 'orders', id: order!.id, values: { amount: 1 } }]);
    expect(derived.isReady('customers')).to.equal(false);
    release();
    await loading;
    expect(derived.ready).to.equal(true);
    derived.dispose();
  });

  it('ignores kept values of a changed formula, another day, or a malformed value; a change elsewhere in the definition keeps them', async () => {
    const { store, app } = await opened('snap-keys');
    const { revision, value } = await store.readDerived('snap-keys', SNAPSHOT_NAME);
    const day = (value as { day: string }).day;
    const definition = (of: AppDef) => (ids: string[]) => definitionOf(of, dependencies(of, ids, linkedTable));
    const key = { revision, app, day, definition: definition(app) };
    expect(currentSnapshot(value, key)).to.not.equal(undefined);
    // The LTV formula edited: out of date.
    const edited = structuredClone(app);
    const ltv = edited.tables.find((t) => t.id === 'customers')!.fields.find((f) => f.id === 'ltv')!;
    ltv.options = { ...ltv.options, formula: '1' };
    expect(currentSnapshot(value, { ...key, app: edited, definition: definition(edited) })).to.equal(undefined);
    // A formula of the orders (a table the customers' values come from) too.
    const ordersEdited = structuredClone(app);
    ordersEdited.tables.find((t) => t.id === 'orders')!.fields.push({ id: 'x', name: 'x', type: 'number' });
    expect(currentSnapshot(value, { ...key, app: ordersEdited, definition: definition(ordersEdited) })).to.equal(undefined);
    // A new table nothing links to, a rule, a newer version number: still current.
    const elsewhere = { ...structuredClone(app), version: app.version + 5, rules: [], tables: [...structuredClone(app.tables), { id: 'notes', name: 'notes', primaryFieldId: 'n', fields: [{ id: 'n', name: 'n', type: 'text' as const }] }] };
    expect(currentSnapshot(value, { ...key, app: elsewhere, definition: definition(elsewhere) })).to.not.equal(undefined);
    expect(currentSnapshot(value, { ...key, day: '2099-01-01' })).to.equal(undefined);
    expect(currentSnapshot(value, { ...key, revision: 'other' })).to.equal(undefined);
    expect(currentSnapshot({ ...(value as object), tables: [{ tableId: 'customers', ids: ['a', 'b'], columns: { ltv: [1] }, inverse: {} }] }, key)).to.equal(undefined);
    expect(currentSnapshot('garbage', key)).to.equal(undefined);

    // Tomorrow (TODAY() moved): the kept values are not shown.
    const { store: held, release } = holdingReads(store, 'orders');
    const derived = new DerivedValues(held, app, { snapshot: true, now: () => NOW + DAY });
    const loading = derived.load();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(derived.isReady('customers')).to.equal(false);
    release();
    await loading;
    derived.dispose();

    // A malformed value kept under the name: ignored, the load computes as without one.
    const now = await store.readDerived('snap-keys', SNAPSHOT_NAME);
    expect(await store.writeDerived('snap-keys', SNAPSHOT_NAME, now.revision, { format: 1, revision: now.revision, tables: 'x' })).to.equal(true);
    const plain = new DerivedValues(store, app, { snapshot: true, now: () => NOW });
    await plain.load();
    expect(plain.ready).to.equal(true);
    plain.dispose();
  });

  it('keeps formula errors as errors, and leaves out a table too large to keep', async () => {
    const key = { revision: 'r', app: { id: 'a', version: 3, tables: [] } as unknown as AppDef, day: '2026-01-01', definition: () => 'd' };
    const error = new CellError('#DIV/0!', 'divideByZero' as never);
    const snapshot = buildSnapshot(key, [{ tableId: 't', computed: ['f', 'g'], inverse: ['links'] }], {
      ids: () => ['r1', 'r2'],
      value: (_t, id, field) => (field === 'f' ? (id === 'r1' ? error : 7) : new Date(0)),
      links: (_t, id) => (id === 'r1' ? ['o1', 'o2'] : undefined),
    });
    const view = currentSnapshot(structuredClone(snapshot), key)!;
    const back = view.value('t', 'r1', 'f');
    expect(back).to.be.instanceOf(CellError);
    expect((back as CellError).code).to.equal('#DIV/0!');
    expect(view.value('t', 'r2', 'f')).to.equal(7);
    expect(view.value('t', 'r1', 'links')).to.deep.equal(['o1', 'o2']);
    expect(view.value('t', 'r2', 'links')).to.deep.equal([]);
    // A value that would not come back as it was (a Date) keeps its field out, not a wrong value in.
    expect(view.value('t', 'r1', 'g')).to.equal(undefined);
    const big = buildSnapshot(key, [{ tableId: 't', computed: [], inverse: [] }], { ids: () => new Array(300_000).fill('x'), value: () => 1, links: () => undefined });
    expect(big.tables).to.have.length(0);
    // A column of numbers and blanks is one Float64Array; blanks come back blank.
    const numbers = buildSnapshot(key, [{ tableId: 't', computed: ['n'], inverse: [] }], { ids: () => ['a', 'b'], value: (_t, id) => (id === 'a' ? 2.5 : null), links: () => undefined });
    expect(numbers.tables[0]!.columns.n).to.be.instanceOf(Float64Array);
    const numbersView = currentSnapshot(structuredClone(numbers), key)!;
    expect(numbersView.value('t', 'a', 'n')).to.equal(2.5);
    expect(numbersView.value('t', 'b', 'n')).to.equal(null);
    // Texts are packed into one string each (ids too), and come back as they were, blanks included.
    const texts = buildSnapshot(key, [{ tableId: 't', computed: ['s'], inverse: ['links'] }], {
      ids: () => ['a', 'b', 'c'],
      value: (_t, id) => (id === 'a' ? '活跃' : id === 'b' ? null : ''),
      links: (_t, id) => (id === 'c' ? ['o9'] : undefined),
    });
    expect(typeof (texts.tables[0]!.columns.s as { packed?: string }).packed).to.equal('string');
    expect(typeof (texts.tables[0]!.ids as { packed?: string }).packed).to.equal('string');
    const textsView = currentSnapshot(structuredClone(texts), key)!;
    expect(['a', 'b', 'c'].map((id) => textsView.value('t', id, 's'))).to.deep.equal(['活跃', null, '']);
    expect(['a', 'b', 'c'].map((id) => textsView.value('t', id, 'links'))).to.deep.equal([[], [], ['o9']]);
    // A packed list whose count does not match (damaged) is not trusted.
    const damaged = structuredClone(texts);
    (damaged.tables[0]!.ids as { count: number }).count = 4;
    expect(currentSnapshot(damaged, key)).to.equal(undefined);
  });
});
