/**
 * Benchmark (issue 10): sorting 100,000 customers by a computed number column, and pinyin
 * quick search over their names, each next to its floor measured in the same run.
 *
 *  - floor: a plain `Array.sort` of indices over the same precomputed numbers (a comparator
 *    per pair), and the native `Float64Array` sort of the numbers alone (no permutation);
 *  - `orderBy` (src/store/records.ts), what the table calls today with `derived.value`;
 *  - `orderByFast` (src/runtime/derived-sort.ts), what `DerivedValues.sortedIds` runs once
 *    per revision; a cached `sortedIds` is a Map read.
 *  - quick search: `quickSearch` without a matcher (plain substring search, the floor) vs with
 *    the pinyin matcher, the first query (readings of every name computed) and the next one.
 *
 * Names are Chinese (random surname + one or two given characters) with random LTV values.
 */
import { quickSearch } from '../src/core/conditions/index.js';
import type { CellValue, RecordData, TableDef } from '../src/core/schema/types.js';
import { loadPinyinMatcher } from '../src/elements/load-pinyin.js';
import { orderByFast } from '../src/runtime/derived-sort.js';
import { orderBy } from '../src/store/records.js';
import { makeCustomers } from './store.bench.js';
import type { BenchRow } from './types.js';

const N = 100_000;

/**
 * The fastest of `rounds` runs of each variant, the variants interleaved within each round so
 * that they share the machine's load (five helpers share two cores): the minimum is the
 * figure least disturbed by other work.
 */
function fastest(variants: Record<string, () => void>, rounds = 7): Record<string, number> {
  const best: Record<string, number> = {};
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of Object.entries(variants)) {
      const started = performance.now();
      run();
      best[name] = Math.min(best[name] ?? Infinity, performance.now() - started);
    }
  }
  return best;
}

export default async function run(): Promise<BenchRow[]> {
  const customers = makeCustomers(N);
  const records: RecordData[] = customers.map((c) => ({ id: c.id, tableId: 'customers', version: 1, createdAt: '', updatedAt: '', values: c.values }));
  // Computed values held by id, as DerivedValues holds them; a tenth of them blank.
  const ltv = new Map<string, number | null>();
  let seed = 7;
  for (const record of records) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    ltv.set(record.id, seed % 10 === 0 ? null : Math.round((seed / 2 ** 31) * 1e6) / 100);
  }
  const valueOf = (record: RecordData): CellValue | undefined => ltv.get(record.id);
  const numbers = Float64Array.from(records, (r) => ltv.get(r.id) ?? 0);

  const rows: BenchRow[] = [];
  const group = `sort ${N.toLocaleString('en-US')} customers by a computed number (LTV)`;
  const { floor, nativeTyped, current, fast } = fastest({
    floor: () => Array.from({ length: N }, (_, i) => i).sort((a, b) => numbers[a] - numbers[b] || a - b),
    nativeTyped: () => numbers.slice().sort(),
    current: () => orderBy(records.slice(), valueOf, 'desc'),
    fast: () => orderByFast(records, valueOf, 'desc'),
  });
  rows.push({ group, name: 'floor: Array.sort of indices over precomputed numbers', value: floor, unit: 'ms' });
  rows.push({ group, name: 'floor: Float64Array native sort, no permutation', value: nativeTyped, unit: 'ms', note: `${(nativeTyped / floor).toFixed(2)}× floor` });
  rows.push({ group, name: 'orderBy (store/records.ts, the table today)', value: current, unit: 'ms', note: `${(current / floor).toFixed(2)}× floor` });
  rows.push({ group, name: 'orderByFast (radix; sortedIds once per revision)', value: fast, unit: 'ms', note: `${(fast / floor).toFixed(2)}× floor; ${(fast / current).toFixed(2)}× orderBy` });

  const table: TableDef = { id: 'customers', name: '客户', primaryFieldId: 'name', fields: [{ id: 'name', name: '姓名', type: 'text' }] };
  const search = `quick search over ${N.toLocaleString('en-US')} Chinese names`;
  const matcher = await loadPinyinMatcher();
  let started = performance.now();
  const first = quickSearch(records, table, 'w', undefined, undefined, { matcher }).length;
  const firstMs = performance.now() - started;
  const { plain, next } = fastest({
    plain: () => quickSearch(records, table, 'zh'),
    next: () => quickSearch(records, table, 'wf', undefined, undefined, { matcher }),
  });
  started = performance.now();
  const full = quickSearch(records, table, 'wangfang', undefined, undefined, { matcher }).length;
  const fullMs = performance.now() - started;
  rows.push({ group: search, name: 'floor: quickSearch without pinyin (substring `zh`)', value: plain, unit: 'ms' });
  rows.push({ group: search, name: 'pinyin, first query (pinyin-pro warms up, characters read once)', value: firstMs, unit: 'ms', note: `${first} found; ${(firstMs / plain).toFixed(1)}× floor` });
  rows.push({ group: search, name: 'pinyin initials, next keystroke (`wf`)', value: next, unit: 'ms', note: `${(next / plain).toFixed(1)}× floor` });
  rows.push({ group: search, name: 'full pinyin (`wangfang`)', value: fullMs, unit: 'ms', note: `${full} found; ${(fullMs / plain).toFixed(1)}× floor` });
  return rows;
}
