/**
 * Benchmark: predictive CLV on the CDNOW data (test/fixtures/cdnow/).
 *
 * Rows (median of several runs, ms):
 * - fitBgNbd / fitGammaGamma on the published 1/10 sample (2,357 customers, 946 repeat buyers);
 * - summariseTransactions on the full cohort's 69,659 orders, then both fits on its 23,570
 *   customers (10× the sample, unrounded times, so far fewer identical rows to share work);
 * - scoring every customer of the full cohort: P(alive), E[Y(39 weeks)] and a 12-month CLV.
 * The notes say how far each fit lands from the reference MLE in expected.json.
 */
import {
  expectedPurchases,
  fitBgNbd,
  fitGammaGamma,
  predictClv,
  probabilityAlive,
  summariseTransactions,
  type BgNbdParams,
  type TransactionInput,
} from '../src/core/lifecycle/clv.js';
import { median, type BenchRow } from './types.js';

const BASE = '/test/fixtures/cdnow/';
const RUNS = 5;

interface Reference {
  bgnbd: { mle_on_this_file: BgNbdParams };
  master_full_cohort: { bgnbd_mle: BgNbdParams };
}

async function text(name: string): Promise<string> {
  const res = await fetch(BASE + name);
  if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
  return res.text();
}

function time<T>(fn: () => T): { ms: number; result: T } {
  const times: number[] = [];
  let result = fn(); // warm-up run, also the result we report on
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    result = fn();
    times.push(performance.now() - started);
  }
  return { ms: median(times), result };
}

/** Largest relative parameter difference from a reference fit. */
function maxRelDiff(got: BgNbdParams, want: BgNbdParams): string {
  const d = Math.max(...(['r', 'alpha', 'a', 'b'] as const).map((k) => Math.abs(got[k] / want[k] - 1)));
  return d.toExponential(1);
}

export default async function run(): Promise<BenchRow[]> {
  const reference = JSON.parse(await text('expected.json')) as Reference;
  const sample = (await text('cdnow_customers_summary_with_transactions.csv'))
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const [, x, tx, T, zbar] = line.split(',').map(Number);
      return { frequency: x, recency: tx, T, monetaryValue: zbar };
    });
  const orders: TransactionInput[] = (await text('CDNOW_master.txt'))
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const [id, d, , value] = line.trim().split(/\s+/);
      return { customerId: id, date: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, amount: Number(value) };
    });

  const group = 'predictive CLV (CDNOW)';
  const rows: BenchRow[] = [];

  const bgSample = time(() => fitBgNbd(sample));
  rows.push({
    group,
    name: 'fitBgNbd, sample (2,357 customers)',
    value: bgSample.ms,
    unit: 'ms',
    note: `${bgSample.result.iterations} iterations, converged ${bgSample.result.converged}, max rel diff vs reference MLE ${maxRelDiff(bgSample.result, reference.bgnbd.mle_on_this_file)}`,
  });
  const ggSample = time(() => fitGammaGamma(sample));
  rows.push({ group, name: 'fitGammaGamma, sample (946 repeat buyers)', value: ggSample.ms, unit: 'ms', note: `${ggSample.result.iterations} iterations` });

  const summarised = time(() => summariseTransactions(orders, { calibrationEnd: '1997-09-30' }));
  const cohort = summarised.result;
  rows.push({ group, name: `summariseTransactions, full cohort (${orders.length} orders)`, value: summarised.ms, unit: 'ms' });

  const bgFull = time(() => fitBgNbd(cohort));
  rows.push({
    group,
    name: `fitBgNbd, full cohort (${cohort.length} customers)`,
    value: bgFull.ms,
    unit: 'ms',
    note: `${bgFull.result.iterations} iterations, max rel diff vs reference MLE ${maxRelDiff(bgFull.result, reference.master_full_cohort.bgnbd_mle)}`,
  });
  const ggFull = time(() => fitGammaGamma(cohort));
  rows.push({ group, name: `fitGammaGamma, full cohort (${ggFull.result.customers} repeat buyers)`, value: ggFull.ms, unit: 'ms' });

  const bg = bgFull.result;
  const gg = ggFull.result;
  const scored = time(() => {
    let total = 0;
    for (const c of cohort) total += probabilityAlive(bg, c) + expectedPurchases(bg, 39, c);
    return total;
  });
  rows.push({ group, name: `P(alive) + E[Y(39 weeks)], every customer (${cohort.length})`, value: scored.ms, unit: 'ms' });
  const clv = time(() => {
    let total = 0;
    for (const c of cohort) total += predictClv(bg, gg, c, { months: 12, discountRatePerMonth: 0.01 });
    return total;
  });
  rows.push({
    group,
    name: `predictClv 12 months, every customer (${cohort.length})`,
    value: clv.ms,
    unit: 'ms',
    note: `cohort total $${Math.round(clv.result).toLocaleString('en-US')}`,
  });
  return rows;
}
