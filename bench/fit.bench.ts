/**
 * Benchmark (issue 13, "Speed"): fit BG/NBD + Gamma-Gamma for 100,000 customers from about
 * 1,000,000 orders in the CLV worker (dist/ltc-kit-clv-worker.js, as the page starts it:
 * orders posted as transferable columns, summaries and both fits in the worker), next to the
 * same fit on the main thread (`fitColumns`), one run each. Budget: < 2 s in the worker.
 *
 * The orders come from the BG/NBD process itself (seeded): purchase rates λ ~ Gamma(r, α),
 * dropout p ~ Beta(a, b), first purchases spread over a year, 104 weeks observed; spend per
 * order ~ Gamma around a customer mean. The notes say how far the fit lands from the truth.
 * Run: `npm run build && node bench/run.mjs fit` (or `npm run bench fit`).
 */
import { fitColumns, type ClvModelFit, type OrderColumns } from '../src/core/lifecycle/fit-summary.js';
import type { BenchRow } from './types.js';

const CUSTOMERS = 100_000;
const WEEKS = 104;
const TRUE = { r: 2.2, alpha: 10, a: 0.8, b: 6.7 };

/** mulberry32: a small seeded generator, so every run fits the same data. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Gamma(shape, scale) by Marsaglia and Tsang (shape < 1 boosted). */
function gamma(rand: () => number, shape: number, scale: number): number {
  if (shape < 1) return gamma(rand, shape + 1, scale) * rand() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      const u1 = rand() || 1e-12;
      x = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * rand());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rand();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v * scale;
  }
}

/** Orders of CUSTOMERS customers as columns (day numbers from 0; "today" is day 7 · WEEKS). */
function generate(): OrderColumns {
  const rand = random(13);
  const customer: number[] = [];
  const day: number[] = [];
  const amount: number[] = [];
  for (let c = 0; c < CUSTOMERS; c++) {
    const perWeek = gamma(rand, TRUE.r, 1 / TRUE.alpha);
    const x = gamma(rand, TRUE.a, 1);
    const p = x / (x + gamma(rand, TRUE.b, 1));
    const mean = gamma(rand, 6, 5);
    let t = Math.floor(rand() * 365);
    for (;;) {
      customer.push(c);
      day.push(t);
      amount.push(Math.round(gamma(rand, 4, mean / 4) * 100) / 100);
      if (rand() < p) break;
      t += Math.max(1, Math.round((-7 * Math.log(rand() || 1e-12)) / perWeek));
      if (t > 7 * WEEKS) break;
    }
  }
  return { customer: Int32Array.from(customer), day: Int32Array.from(day), amount: Float64Array.from(amount), customers: CUSTOMERS };
}

const copy = (columns: OrderColumns): OrderColumns => ({ customer: columns.customer.slice(), day: columns.day.slice(), amount: columns.amount.slice(), customers: columns.customers });

/** One fit in the built worker, from posting the columns to receiving the result. */
function fitInWorker(columns: OrderColumns, today: number): Promise<{ ms: number; fit: ClvModelFit; longestPageTask: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker('/dist/ltc-kit-clv-worker.js');
    // The page stays free meanwhile: the longest gap between its animation frames.
    let longest = 0;
    let last = performance.now();
    let running = true;
    const frame = () => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      if (running) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    const started = performance.now();
    worker.onmessage = (event: MessageEvent<{ type: string; fit?: ClvModelFit; message?: string }>) => {
      if (event.data.type === 'progress') return;
      running = false;
      worker.terminate();
      if (event.data.type === 'result') resolve({ ms: performance.now() - started, fit: event.data.fit!, longestPageTask: longest });
      else reject(new Error(event.data.message));
    };
    worker.onerror = (event) => reject(new Error(event.message || 'dist/ltc-kit-clv-worker.js failed: run npm run build'));
    worker.postMessage({ type: 'fit', columns, today, withSpend: true }, [columns.customer.buffer, columns.day.buffer, columns.amount.buffer]);
  });
}

const relDiff = (fit: ClvModelFit) => Math.max(...(['r', 'alpha', 'a', 'b'] as const).map((k) => Math.abs(fit.bgnbd![k] / TRUE[k] - 1))).toFixed(2);

export default async function run(): Promise<BenchRow[]> {
  const columns = generate();
  const orders = columns.customer.length;
  const today = 7 * WEEKS;
  const group = `fit BG/NBD + Gamma-Gamma, ${CUSTOMERS.toLocaleString('en')} customers, ${orders.toLocaleString('en')} orders`;
  const mainStarted = performance.now();
  const main = fitColumns(copy(columns), today, true);
  const mainMs = performance.now() - mainStarted;
  const worker = await fitInWorker(copy(columns), today);
  const status = (fit: ClvModelFit) => (fit.status === 'ok' ? `${fit.repeatBuyers.toLocaleString('en')} repeat buyers; max |θ/θ_true − 1| ${relDiff(fit)} (days merged, gaps ≥ 1 day)` : fit.status);
  return [
    { group, name: 'baseline: fitColumns on the main thread (page blocked throughout)', value: mainMs, unit: 'ms', note: status(main) },
    {
      group,
      name: 'CLV worker (post columns → fit received)',
      value: worker.ms,
      unit: 'ms',
      note: `${(worker.ms / mainMs).toFixed(2)}× main thread; budget 2000 ms: ${worker.ms < 2000 ? 'ok' : 'OVER'}; longest page frame gap ${worker.longestPageTask.toFixed(0)} ms; same fit: ${JSON.stringify(worker.fit.bgnbd) === JSON.stringify(main.bgnbd) ? 'yes' : 'NO'}`,
    },
  ];
}
