/**
 * Benchmark (issue 11): lifecycle stages of 100,000 customers from 1,000,000 orders (paid
 * only, the customer-ltv stage field), computed by the formula runtime through the formula
 * graph (`filter` → `map` → `ltc_stage`), next to a hand-written loop doing the same checks
 * over the same joined data in the same run; and one order edit (paid → refunded) bringing
 * its customer's stage up to date (budget 16 ms).
 */
import { registerStageFieldType } from '../src/core/lifecycle/stage-field.js';
import type { RecordData } from '../src/core/schema/types.js';
import { FormulaRuntime, type InverseMaps, type RecordMaps } from '../src/runtime/formula-runtime.js';
import { shopApp } from '../test/helpers/stage-app.js';
import { median, type BenchRow } from './types.js';

const CUSTOMERS = 100_000;
const ORDERS = 1_000_000;
const DAY = 86_400_000;
/** 2026-12-01 12:00 in Shanghai. */
const NOW = Date.UTC(2026, 11, 1, 4);

function record(tableId: string, id: string, values: RecordData['values']): RecordData {
  return { id, tableId, version: 1, createdAt: '', updatedAt: '', values };
}

/** The shop's records and the customers' inverse links, as DerivedValues holds them. */
function makeShop(): { records: RecordMaps; inverse: InverseMaps } {
  const customers = new Map<string, RecordData>();
  const orders = new Map<string, RecordData>();
  const links = new Map<string, Map<string, string[]>>();
  for (let i = 0; i < CUSTOMERS; i++) {
    customers.set(`c${i}`, record('customers', `c${i}`, { name: `客户${i}` }));
    links.set(`c${i}`, new Map([['orders', []]]));
  }
  let seed = 11;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < ORDERS; i++) {
    // Some customers have no orders; dates spread over 400 days before now.
    const customer = `c${next() % (CUSTOMERS * 0.9)}`;
    const date = new Date(NOW - (next() % 400) * DAY).toISOString().slice(0, 10);
    const paymentStatus = next() % 10 < 8 ? 'paid' : 'pending';
    orders.set(`o${i}`, record('orders', `o${i}`, { customer, orderDate: date, paymentStatus }));
    links.get(customer)!.get('orders')!.push(`o${i}`);
  }
  return { records: new Map([['customers', customers], ['orders', orders]]), inverse: new Map([['customers', links]]) };
}

/** The same classification written by hand over the joined data (the floor). */
function handWritten(records: RecordMaps, inverse: InverseMaps, todayDay: number): Map<string, string> {
  const out = new Map<string, string>();
  const orders = records.get('orders')!;
  for (const [id, fields] of inverse.get('customers')!) {
    let count = 0;
    let last = '';
    for (const orderId of fields.get('orders')!) {
      const values = orders.get(orderId)!.values;
      if (values.paymentStatus !== 'paid') continue;
      count++;
      const date = values.orderDate as string;
      if (date > last) last = date;
    }
    if (count === 0) {
      out.set(id, 'potential');
      continue;
    }
    const days = todayDay - Date.UTC(+last.slice(0, 4), +last.slice(5, 7) - 1, +last.slice(8, 10)) / DAY;
    out.set(id, days > 180 ? 'churned' : days > 60 ? 'silent' : count >= 2 ? 'active' : 'new');
  }
  return out;
}

export default async function run(): Promise<BenchRow[]> {
  registerStageFieldType();
  const app = shopApp();
  const { records, inverse } = makeShop();
  const todayDay = Date.UTC(2026, 11, 1) / DAY;
  const runtime = new FormulaRuntime(app, { now: () => new Date(NOW) });
  const hand: number[] = [];
  const engine: number[] = [];
  let expected = new Map<string, string>();
  for (let round = 0; round < 5; round++) {
    let started = performance.now();
    expected = handWritten(records, inverse, todayDay);
    hand.push(performance.now() - started);
    started = performance.now();
    runtime.recomputeAll(records, inverse);
    engine.push(performance.now() - started);
  }
  let mismatches = 0;
  for (const [id, stage] of expected) if (runtime.valueOf('customers', id, 'stage') !== stage) mismatches++;

  // One order edit: paid → pending, the store's change as DerivedValues hands it over.
  const edits: number[] = [];
  const orders = records.get('orders')!;
  for (let i = 0; i < 20; i++) {
    const before = orders.get(`o${i}`)!;
    const status = before.values.paymentStatus === 'paid' ? 'pending' : 'paid';
    const after = { ...before, version: before.version + 1, values: { ...before.values, paymentStatus: status } };
    orders.set(after.id, after);
    const started = performance.now();
    runtime.applyChange({ created: [], updated: [{ record: after, previous: { paymentStatus: before.values.paymentStatus } }], deleted: [] }, records, inverse);
    edits.push(performance.now() - started);
  }
  const handMs = median(hand);
  const engineMs = median(engine);
  const group = `stages: ${CUSTOMERS.toLocaleString('en')} customers, ${ORDERS.toLocaleString('en')} orders`;
  return [
    { group, name: 'baseline: hand-written loop over the joined orders', value: handMs, unit: 'ms' },
    { group, name: 'FormulaRuntime.recomputeAll (formula graph, ltc_stage)', value: engineMs, unit: 'ms', note: `${(engineMs / handMs).toFixed(2)}× the loop; ${mismatches} stages differ from it` },
    { group: 'stages: one order edit', name: 'order paid → pending: its customer’s stage', value: median(edits), unit: 'ms', note: `budget 16 ms: ${median(edits) < 16 ? 'ok' : 'OVER'}` },
  ];
}
