/**
 * Benchmark: filtering the run log (src/elements/rules/run-log-rows.ts `filterRuns`) over
 * 100,000 runs, next to a plain hand-written loop doing the same comparisons on the same rows
 * (the floor), and `<ltc-run-log>` from a filter change to its painted first page (budget:
 * < 100 ms, ../shared/ARCHITECTURE.md). Cases: result + variant, a record-name search, and
 * every filter at once (rule, result, variant, trigger, date range, name). Timed interleaved,
 * round by round; median ms.
 */
import '../src/designer.js';
import { MemoryStore } from '../src/store/index.js';
import type { AppDef, RecordData } from '../src/core/schema/types.js';
import { RUN_TABLE_ID, withRunLog } from '../src/runtime/rules/run-log.js';
import { filterRuns, runRow, type RunFilter, type RunRow } from '../src/elements/rules/run-log-rows.js';
import type { LtcRunLog } from '../src/elements/rules/ltc-run-log.js';
import { median, type BenchRow } from './types.js';

const RUNS = 100_000;
const ROUNDS = 9;
const T0 = Date.UTC(2026, 0, 1);
const STATUSES = ['ok', 'ok', 'ok', 'partial', 'error', 'skipped', 'stopped'];
const TRIGGERS = ['created', 'updated', 'date-relative', 'recurring'];

function makeRuns(): RecordData[] {
  let seed = 7;
  const next = () => ((seed = (seed * 1664525 + 1013904223) >>> 0), seed / 4294967296);
  return Array.from({ length: RUNS }, (_, i) => ({
    id: `run_${i.toString(36).padStart(6, '0')}`,
    tableId: RUN_TABLE_ID,
    version: 1,
    createdAt: '',
    updatedAt: '',
    values: {
      rule: `rule${Math.floor(next() * 8)}`,
      table: 'customers',
      record: `c${Math.floor(next() * 30_000)}`,
      trigger: TRIGGERS[Math.floor(next() * TRIGGERS.length)]!,
      occurrence: String(i),
      variant: next() < 0.5 ? 'A' : 'B',
      status: STATUSES[Math.floor(next() * STATUSES.length)]!,
      at: new Date(T0 + Math.floor(next() * 300 * 86_400_000)).toISOString(),
      depth: 1,
      inputs: '{}',
      steps: '{"steps":[]}',
      error: null,
    },
  }));
}

/** The floor: the same checks written out by hand for each case. */
const plain: Record<string, (rows: readonly RunRow[]) => RunRow[]> = {
  'result + variant': (rows) => {
    const out: RunRow[] = [];
    for (const row of rows) if (row.status === 'error' && row.variant === 'B') out.push(row);
    return out;
  },
  'record name search': (rows) => {
    const out: RunRow[] = [];
    for (const row of rows) if (row.search.includes('客户123')) out.push(row);
    return out;
  },
  'every filter': (rows) => {
    const from = Date.UTC(2026, 2, 1);
    const to = Date.UTC(2026, 5, 1);
    const out: RunRow[] = [];
    for (const row of rows) if (row.rule === 'rule3' && row.status === 'ok' && row.variant === 'A' && row.trigger === 'created' && row.time >= from && row.time < to && row.search.includes('客户1')) out.push(row);
    return out;
  },
};

const filters: Record<string, RunFilter> = {
  'result + variant': { status: 'error', variant: 'B' },
  'record name search': { record: '客户123' },
  'every filter': { rule: 'rule3', status: 'ok', variant: 'A', trigger: 'created', from: Date.UTC(2026, 2, 1), to: Date.UTC(2026, 5, 1), record: '客户1' },
};

function time(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

async function elementCase(records: RecordData[]): Promise<BenchRow[]> {
  const store = new MemoryStore();
  const app = await store.putApp(
    withRunLog({ id: 'bench', name: 'bench', version: 0, createdAt: '', updatedAt: '', tables: [{ id: 'customers', name: '客户', primaryFieldId: 'name', fields: [{ id: 'name', name: '姓名', type: 'text' }] }], rules: [] } as unknown as AppDef),
  );
  await store.bulkCreate('bench', 'customers', Array.from({ length: 30_000 }, (_, i) => ({ id: `c${i}`, values: { name: `客户${i}` } })), { batchSize: 30_000 });
  await store.bulkCreate('bench', RUN_TABLE_ID, records.map(({ id, values }) => ({ id, values })), { batchSize: RUNS });
  const el = document.createElement('ltc-run-log') as LtcRunLog;
  Object.assign(el, { store, app, locale: 'en' });
  document.body.append(el);
  while (el.rows.length < RUNS) await new Promise((resolve) => setTimeout(resolve, 50));
  await el.updateComplete;
  const select = el.shadowRoot!.querySelector<HTMLSelectElement>('select[name=status]')!;
  const search = el.shadowRoot!.querySelector<HTMLInputElement>('input[name=record]')!;
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    select.value = round % 2 ? 'error' : 'partial';
    select.dispatchEvent(new Event('change'));
    search.value = round % 2 ? '客户12' : '客户2';
    search.dispatchEvent(new Event('input'));
    await el.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
    samples.push(performance.now() - started);
  }
  el.remove();
  const ms = median(samples);
  return [{ group: '<ltc-run-log>, 100,000 runs', name: 'filter change → first page painted', value: ms, unit: 'ms', note: `budget 100 ms: ${ms < 100 ? 'ok' : 'OVER'}` }];
}

export default async function (): Promise<BenchRow[]> {
  const records = makeRuns();
  const rows = records.map((record) => runRow(record, `客户${String(record.values.record).slice(1)}`)!).sort((a, b) => b.time - a.time);
  const out: BenchRow[] = [];
  // Warm up both paths first, so the figures are not the JIT's.
  for (let i = 0; i < 3; i++) for (const name of Object.keys(filters)) (plain[name]!(rows), filterRuns(rows, filters[name]!));
  for (const name of Object.keys(filters)) {
    const base: number[] = [];
    const ours: number[] = [];
    let matches = 0;
    for (let round = 0; round < ROUNDS; round++) {
      base.push(time(() => plain[name]!(rows)));
      ours.push(time(() => (matches = filterRuns(rows, filters[name]!).length)));
    }
    if (matches !== plain[name]!(rows).length) throw new Error(`runlog bench: ${name} disagrees with the plain loop`);
    const baseline = median(base);
    const value = median(ours);
    out.push({ group: `filter 100,000 runs: ${name} (${matches} match)`, name: 'baseline: plain loop', value: baseline, unit: 'ms' });
    out.push({ group: `filter 100,000 runs: ${name} (${matches} match)`, name: 'filterRuns', value, unit: 'ms', note: `${(value / Math.max(baseline, 0.001)).toFixed(2)}× plain; budget 100 ms: ${value < 100 ? 'ok' : 'OVER'}` });
  }
  out.push(...(await elementCase(records)));
  return out;
}
