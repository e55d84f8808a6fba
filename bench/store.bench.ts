/**
 * Storage benchmark: IndexedDbStore against raw idb on the same records, in one run, so the
 * figures are ratios that hold on any machine. 100,000 realistic customer records of 12
 * fields (Chinese names, phones, emails, cities, dates, amounts, selects).
 *
 *  (a) baseline: raw idb `put` of every record in ONE transaction into a plain object store;
 *  (b) `IndexedDbStore.bulkCreate` with its default batches of 5,000 (and in one batch, to
 *      separate the cost of batching from the cost of the store's keys and index);
 *      (a) and (b) alternate for two rounds and the fastest of each is reported;
 *  (c) reading the whole table: raw `getAll` vs `queryRecords` without a limit;
 *  (d) the first page (50 records) with 100,000 stored, cold (fresh connection) and warm,
 *      a deep page (offset 50,000), newest first, a count, and a sorted page (which reads and
 *      sorts the whole table).
 *
 * Run by the bench harness in headless Chromium; takes about a minute and a half. Prints nothing.
 */
import { deleteDB, openDB } from 'idb';
import type { AppDef, RecordValues } from '../src/core/schema/types.js';
import { openIndexedDbStore } from '../src/store/indexeddb-store.js';
import { sortRecords } from '../src/store/records.js';
import type { BenchRow } from './types.js';

const APP_ID = 'bench';
const TABLE_ID = 'customers';

/** A small deterministic PRNG (mulberry32), so every run writes the same records. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红鹏飞欣怡子涵浩然梓轩雨桐思远嘉怡俊杰晓东建国志强丹丹婷婷';
const CITIES = ['sh', 'bj', 'gz', 'sz', 'hz', 'cd', 'wh', 'nj', 'xa', 'cq', 'tj', 'sz2'];
const SOURCES = ['wechat', 'douyin', 'taobao', 'offline', 'referral', 'ads'];
const LEVELS = ['normal', 'silver', 'gold', 'platinum'];

function pick<T>(rnd: () => number, list: readonly T[] | string): T | string {
  return list[Math.floor(rnd() * list.length)];
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `n` customer records of 12 fields each. */
export function makeCustomers(n: number, seed = 42): Array<{ id: string; values: RecordValues }> {
  const rnd = random(seed);
  const day = 86_400_000;
  const base = Date.parse('2020-01-01T00:00:00Z');
  const out: Array<{ id: string; values: RecordValues }> = [];
  for (let i = 0; i < n; i++) {
    const name = String(pick(rnd, SURNAMES)) + String(pick(rnd, GIVEN)) + (rnd() < 0.6 ? String(pick(rnd, GIVEN)) : '');
    const registered = base + Math.floor(rnd() * 1800) * day;
    const orders = Math.floor(rnd() * 40);
    const spent = Math.round(rnd() * 50_000 * 100) / 100;
    out.push({
      id: 'c' + String(i).padStart(6, '0'),
      values: {
        name,
        phone: '1' + String(30 + Math.floor(rnd() * 60)) + String(Math.floor(rnd() * 1e8)).padStart(8, '0'),
        email: `user${i}@example.com`,
        city: String(pick(rnd, CITIES)),
        source: String(pick(rnd, SOURCES)),
        level: String(pick(rnd, LEVELS)),
        birthday: isoDate(Date.parse('1960-01-01T00:00:00Z') + Math.floor(rnd() * 16_000) * day),
        registeredAt: isoDate(registered),
        lastOrderAt: orders > 0 ? isoDate(registered + Math.floor(rnd() * 400) * day) : null,
        orders,
        totalSpent: spent,
        note: rnd() < 0.3 ? '老客户，偏好线上下单，注意节假日促销' : '',
      },
    });
  }
  return out;
}

function benchApp(): AppDef {
  const now = new Date().toISOString();
  return {
    id: APP_ID,
    name: 'bench',
    version: 0,
    createdAt: now,
    updatedAt: now,
    tables: [{ id: TABLE_ID, name: '客户', primaryFieldId: 'name', fields: [{ id: 'name', name: '姓名', type: 'text' }] }],
  };
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await fn();
  return { ms: performance.now() - start, result };
}

async function median(times: number, fn: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) samples.push((await time(fn)).ms);
  samples.sort((x, y) => x - y);
  return samples[Math.floor(samples.length / 2)];
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const perSecond = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en')} records/s`;

/** Raw idb: every record `put` in ONE transaction into a plain object store (key `id`, no index). */
async function rawWrite(name: string, records: Array<{ id: string; values: RecordValues }>): Promise<number> {
  const db = await openDB(name, 1, {
    upgrade(d) {
      d.createObjectStore('customers', { keyPath: 'id' });
    },
  });
  try {
    return (
      await time(async () => {
        const tx = db.transaction('customers', 'readwrite');
        for (const r of records) void tx.store.put(r);
        await tx.done;
      })
    ).ms;
  } finally {
    db.close();
  }
}

/** `IndexedDbStore.bulkCreate` into a fresh database; returns ms and the number of batches. */
async function storeWrite(name: string, records: Array<{ id: string; values: RecordValues }>, batchSize?: number): Promise<{ ms: number; batches: number }> {
  const store = await openIndexedDbStore(name, { broadcast: false });
  try {
    await store.putApp(benchApp());
    let batches = 0;
    const { ms } = await time(() => store.bulkCreate(APP_ID, TABLE_ID, records, { batchSize, onProgress: () => (batches += 1) }));
    return { ms, batches };
  } finally {
    store.close();
  }
}

/**
 * `IndexedDbStore.mutate` creating `records` with their ids in transactions of `batchSize`:
 * the path an import takes (src/runtime/record-import.ts), history entries included.
 */
async function mutateWrite(name: string, records: Array<{ id: string; values: RecordValues }>, batchSize: number): Promise<number> {
  const store = await openIndexedDbStore(name, { broadcast: false });
  try {
    await store.putApp(benchApp());
    return (
      await time(async () => {
        for (let i = 0; i < records.length; i += batchSize) {
          await store.mutate(
            APP_ID,
            records.slice(i, i + batchSize).map((r) => ({ type: 'create' as const, tableId: TABLE_ID, id: r.id, values: r.values })),
            { origin: { kind: 'import' } },
          );
        }
      })
    ).ms;
  } finally {
    store.close();
  }
}

/**
 * Runs the storage benchmark. `records` defaults to 100,000 (smaller runs are for smoke
 * tests). Writes alternate raw / store for `rounds` rounds (default 2) and report the fastest
 * of each: the machine is shared, and the minimum is the figure least disturbed by other load.
 */
export default async function run(options: { records?: number; rounds?: number } = {}): Promise<BenchRow[]> {
  const n = options.records ?? 100_000;
  const rounds = options.rounds ?? 2;
  const label = n.toLocaleString('en');
  const stamp = Date.now().toString(36);
  const rawName = (round: number) => `ltc-bench-raw-${stamp}-${round}`;
  const storeName = (round: number) => `ltc-bench-store-${stamp}-${round}`;
  const oneTxName = `ltc-bench-onetx-${stamp}`;
  const names = [oneTxName];
  const records = makeCustomers(n);
  const rows: BenchRow[] = [];
  const write = `store: write ${label} records`;
  const read = `store: read with ${label} stored`;
  // Everything opened is closed before the databases are deleted (an open one blocks deleteDB).
  const opened: Array<{ close(): void }> = [];

  try {
    // (a) and (b), alternating.
    const rawTimes: number[] = [];
    const storeTimes: number[] = [];
    let batches = 0;
    for (let round = 0; round < rounds; round++) {
      names.push(rawName(round), storeName(round));
      rawTimes.push(await rawWrite(rawName(round), records));
      const b = await storeWrite(storeName(round), records);
      storeTimes.push(b.ms);
      batches = b.batches;
      if (round < rounds - 1) await Promise.all([deleteDB(rawName(round)), deleteDB(storeName(round))]);
    }
    const a = Math.min(...rawTimes);
    const b = Math.min(...storeTimes);
    const all = (times: number[]) => `runs: ${times.map((t) => Math.round(t)).join(', ')} ms`;
    rows.push({ group: write, name: '(a) raw idb put, one transaction', value: round(a), unit: 'ms', note: `${perSecond(n, a)}; ${all(rawTimes)}` });
    rows.push({ group: write, name: '(b) IndexedDbStore.bulkCreate, batches of 5,000', value: round(b), unit: 'ms', note: `${perSecond(n, b)}; ${batches} batches; ${all(storeTimes)}` });
    rows.push({ group: write, name: '(b) ÷ (a)', value: round(b / a, 2), unit: '×', note: 'time ratio, fastest runs; ≤ 1 meets the import budget' });

    const single = await storeWrite(oneTxName, records, n);
    rows.push({ group: write, name: '(b′) IndexedDbStore.bulkCreate, one batch', value: round(single.ms), unit: 'ms', note: perSecond(n, single.ms) });
    rows.push({ group: write, name: '(b′) ÷ (a)', value: round(single.ms / a, 2), unit: '×', note: 'one run; the store writes a compound key, the byOrder index and metadata' });

    const mutateName = `ltc-bench-mutate-${stamp}`;
    names.push(mutateName);
    const viaMutate = await mutateWrite(mutateName, records, 2000);
    rows.push({ group: write, name: '(b″) IndexedDbStore.mutate creates with ids, batches of 2,000 (the import path)', value: round(viaMutate), unit: 'ms', note: perSecond(n, viaMutate) });
    rows.push({ group: write, name: '(b″) ÷ (a)', value: round(viaMutate / a, 2), unit: '×', note: 'one run; origin import: no history entry for created records' });

    // (c) Whole table, on the databases of the last round.
    const raw = await openDB(rawName(rounds - 1), 1);
    opened.push(raw);
    let store = await openIndexedDbStore(storeName(rounds - 1), { broadcast: false });
    opened.push(store);
    const rawRead = await time(() => raw.getAll('customers'));
    rows.push({ group: read, name: '(c) raw idb getAll', value: round(rawRead.ms), unit: 'ms', note: perSecond(rawRead.result.length, rawRead.ms) });
    const storeRead = await time(() => store.queryRecords(APP_ID, TABLE_ID));
    if (storeRead.result.length !== n) throw new Error(`queryRecords returned ${storeRead.result.length} of ${n}`);
    rows.push({ group: read, name: '(c) queryRecords, no limit', value: round(storeRead.ms), unit: 'ms', note: perSecond(n, storeRead.ms) });
    rows.push({ group: read, name: '(c) ÷ raw getAll', value: round(storeRead.ms / rawRead.ms, 2), unit: '×' });
    raw.close();

    // (d) Pages. Cold: a fresh connection, as when a page opens the app.
    store.close();
    const reopened = await time(() => openIndexedDbStore(storeName(rounds - 1), { broadcast: false }));
    store = reopened.result;
    opened.push(store);
    rows.push({ group: read, name: 'open the store', value: round(reopened.ms), unit: 'ms' });
    const cold = await time(() => store.queryRecords(APP_ID, TABLE_ID, { limit: 50 }));
    if (cold.result.length !== Math.min(50, n) || cold.result[0].id !== records[0].id) throw new Error('first page is wrong');
    rows.push({ group: read, name: '(d) first page of 50, cold', value: round(cold.ms), unit: 'ms' });
    rows.push({ group: read, name: '(d) first page of 50, warm (median of 5)', value: round(await median(5, () => store.queryRecords(APP_ID, TABLE_ID, { limit: 50 }))), unit: 'ms' });
    rows.push({ group: read, name: '(d) ÷ (c) queryRecords, no limit', value: round(cold.ms / storeRead.ms, 4), unit: '×', note: 'cold first page vs whole table' });
    const mid = Math.floor(n / 2);
    rows.push({
      group: read,
      name: `page of 50 at offset ${mid.toLocaleString('en')} (median of 5)`,
      value: round(await median(5, () => store.queryRecords(APP_ID, TABLE_ID, { offset: mid, limit: 50 }))),
      unit: 'ms',
      note: 'cursor advance()',
    });
    rows.push({
      group: read,
      name: 'newest 50 (desc, median of 5)',
      value: round(await median(5, () => store.queryRecords(APP_ID, TABLE_ID, { direction: 'desc', limit: 50 }))),
      unit: 'ms',
    });
    rows.push({ group: read, name: 'countRecords (median of 5)', value: round(await median(5, () => store.countRecords(APP_ID, TABLE_ID)), 2), unit: 'ms' });
    const sorted = await time(() => store.queryRecords(APP_ID, TABLE_ID, { sortBy: 'name', limit: 50 }));
    rows.push({ group: read, name: 'first 50 sorted by name (zh-CN)', value: round(sorted.ms), unit: 'ms', note: 'reads the whole table, sorts in memory' });
    const sortedNumber = await time(() => store.queryRecords(APP_ID, TABLE_ID, { sortBy: 'totalSpent', direction: 'desc', limit: 50 }));
    rows.push({ group: read, name: 'first 50 sorted by amount, desc', value: round(sortedNumber.ms), unit: 'ms', note: 'reads the whole table, sorts in memory' });
    const inMemory = storeRead.result.slice();
    const sortOnly = await time(async () => sortRecords(inMemory, 'name'));
    rows.push({ group: read, name: `sort ${label} records by name in memory (sortRecords, zh-CN)`, value: round(sortOnly.ms), unit: 'ms', note: 'the sort alone, no IndexedDB' });
    store.close();
  } finally {
    for (const handle of opened) handle.close();
    await Promise.all(names.map((name) => deleteDB(name)));
  }
  return rows;
}
