/**
 * From a customer table's orders to a fitted predictive CLV model, and the stored form of
 * that fit (`AppDef.clvFits`). The prediction fields (./predict-fields.ts) score one
 * customer at a time with the parameters stored here; the fit itself runs over every
 * customer at once, in a worker (src/workers/clv-worker.ts) or, for tests and benchmarks,
 * on the calling thread.
 *
 * Summaries count calendar days in the app's time zone, the way lifecycle stages do: the
 * caller turns every counted order's date into a day number (`calendarDay`), and the
 * customer's x, t_x and T come out in weeks (`CLV_TIME_UNIT_DAYS` = 7), the unit of the
 * published CDNOW figures. As in `summariseTransactions`, all orders of one day are one
 * purchase (amounts summed), the first purchase day is the acquisition, and orders dated
 * after the day of the summary are left out.
 */
import { fitBgNbd, fitGammaGamma, type ClvCustomer } from './clv.js';

/** Days in the models' time unit: weeks, as in the CDNOW benchmark. */
export const CLV_TIME_UNIT_DAYS = 7;

/** Fewer repeat buyers than this and the fit is refused as too little data. */
export const MIN_REPEAT_BUYERS = 50;

/** A stored fit is out of date when the counted orders changed by more than this fraction. */
export const REFIT_CHANGE = 0.1;

/** Why a fit gives no parameters. */
export type ClvFitStatus = 'ok' | 'tooFewRepeatBuyers' | 'notConverged';

/** What a fit found (without the settings it was made for). */
export interface ClvModelFit {
  status: ClvFitStatus;
  /** Customers with at least one counted order. */
  customers: number;
  /** Customers with at least one repeat purchase day. */
  repeatBuyers: number;
  /** BG/NBD parameters (status `ok`). */
  bgnbd?: { r: number; alpha: number; a: number; b: number; logLikelihood: number };
  /** Gamma-Gamma parameters (status `ok`). */
  gammaGamma?: { p: number; q: number; gamma: number; logLikelihood: number };
}

/**
 * One stored fit: the orders it was fitted on (a customer table's inverse relation, the
 * order date and value fields, which orders count) and what it found. Prediction fields use
 * the fit whose settings are theirs.
 */
export interface ClvFitDef extends ClvModelFit {
  tableId: string;
  /** The inverse relation of `tableId` holding a customer's orders. */
  source: string;
  /** The order date field. */
  dateField: string;
  /** The order value field (Gamma-Gamma is fitted only with one). */
  amountField?: string;
  /** JSON Logic over one order: only orders it is true for count. */
  countWhen?: unknown;
  /** When the fit ran (ISO instant). */
  fittedAt: string;
  /** The day the summaries were taken, `YYYY-MM-DD` in the app's zone. */
  asOf: string;
  /** Counted orders the fit saw (the refit trigger compares with it). */
  orders: number;
}

/** The settings of a prediction field that decide which fit it uses. */
export interface ClvSource {
  tableId: string;
  source?: string;
  dateField?: string;
  amountField?: string;
  countWhen?: unknown;
}

/** Orders as columns: one entry per counted order (what the worker receives, transferable). */
export interface OrderColumns {
  /** The customer's index (0 … customers − 1) of each order. */
  customer: Int32Array;
  /** The order's calendar day number (days since 1970-01-01 in the app's zone). */
  day: Int32Array;
  /** The order's value (0 when it has none). */
  amount: Float64Array;
  /** How many customers there are (some may have no order). */
  customers: number;
}

/** A customer's summary in weeks, with the day numbers it came from. */
export interface HistorySummary extends ClvCustomer {
  /** Counted orders up to the summary day. */
  orders: number;
  firstDay: number;
  lastDay: number;
  /** Sum of all counted order values (RFM's monetary). */
  total: number;
}

/**
 * The summary of one customer from the day numbers and values of their counted orders, as of
 * day `today`; undefined without an order up to that day. `amounts[i]` belongs to `days[i]`;
 * a missing, negative or non-finite value counts as 0.
 */
export function summariseHistory(days: ArrayLike<number>, amounts: ArrayLike<unknown> | undefined, today: number): HistorySummary | undefined {
  const byDay = new Map<number, number>();
  let total = 0;
  let orders = 0;
  for (let i = 0; i < days.length; i++) {
    const day = days[i]!;
    if (!Number.isFinite(day) || day > today) continue;
    const raw = amounts?.[i];
    const amount = typeof raw === 'number' && Number.isFinite(raw) && raw > 0 ? raw : 0;
    byDay.set(day, (byDay.get(day) ?? 0) + amount);
    total += amount;
    orders++;
  }
  if (byDay.size === 0) return undefined;
  const sorted = [...byDay.keys()].sort((a, b) => a - b);
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  let repeatTotal = 0;
  for (let i = 1; i < sorted.length; i++) repeatTotal += byDay.get(sorted[i]!)!;
  const frequency = sorted.length - 1;
  return {
    frequency,
    recency: (last - first) / CLV_TIME_UNIT_DAYS,
    T: (today - first) / CLV_TIME_UNIT_DAYS,
    monetaryValue: frequency > 0 ? repeatTotal / frequency : 0,
    orders,
    firstDay: first,
    lastDay: last,
    total,
  };
}

/**
 * Every customer's summary from order columns, as of day `today` (customers without an
 * order up to then are left out). Order indices are grouped by a counting sort on the
 * customer and each customer's few sorted by day in place, so a million orders cost a few
 * passes over typed arrays, not a million small maps.
 */
export function summariseColumns(columns: OrderColumns, today: number): HistorySummary[] {
  const { customer, day, amount, customers } = columns;
  const starts = new Int32Array(customers + 1);
  for (let i = 0; i < customer.length; i++) starts[customer[i]! + 1]!++;
  for (let c = 0; c < customers; c++) starts[c + 1]! += starts[c]!;
  const cursor = starts.slice(0, customers);
  const orders = new Int32Array(customer.length);
  for (let i = 0; i < customer.length; i++) orders[cursor[customer[i]!]!++] = i;
  const result: HistorySummary[] = [];
  for (let c = 0; c < customers; c++) {
    const mine = orders.subarray(starts[c]!, starts[c + 1]!);
    if (mine.length === 0) continue;
    mine.sort((i, j) => day[i]! - day[j]!);
    const summary = summariseSorted(mine, day, amount, today);
    if (summary) result.push(summary);
  }
  return result;
}

/** One customer's summary from their order indices sorted by day (the rules of `summariseHistory`). */
function summariseSorted(indices: Int32Array, day: Int32Array, amount: Float64Array, today: number): HistorySummary | undefined {
  let first = NaN;
  let last = NaN;
  let purchaseDays = 0;
  let repeatTotal = 0;
  let total = 0;
  let orders = 0;
  for (const i of indices) {
    const d = day[i]!;
    if (d > today) break;
    const value = amount[i]! > 0 ? amount[i]! : 0;
    if (purchaseDays === 0) first = d;
    if (d !== last) purchaseDays++;
    if (d !== first) repeatTotal += value;
    last = d;
    total += value;
    orders++;
  }
  if (orders === 0) return undefined;
  const frequency = purchaseDays - 1;
  return {
    frequency,
    recency: (last - first) / CLV_TIME_UNIT_DAYS,
    T: (today - first) / CLV_TIME_UNIT_DAYS,
    monetaryValue: frequency > 0 ? repeatTotal / frequency : 0,
    orders,
    firstDay: first,
    lastDay: last,
    total,
  };
}

/** Customers above this many are fitted from a start found on a sample of them (see `fitClvModel`). */
const SAMPLE_SIZE = 5_000;

/** Every k-th customer, about `SAMPLE_SIZE` of them: deterministic, spread over the list. */
function sampleOf<T>(list: readonly T[]): T[] {
  const step = Math.ceil(list.length / SAMPLE_SIZE);
  return list.filter((_, i) => i % step === 0);
}

const finite = (...values: number[]) => values.every((v) => Number.isFinite(v) && v > 0);

/**
 * Fit BG/NBD and Gamma-Gamma to the summaries. Too little data (fewer than
 * `MIN_REPEAT_BUYERS` repeat buyers), an optimiser that does not converge, non-finite
 * parameters or a Gamma-Gamma q ≤ 1 (no finite mean spend) give a status instead of numbers.
 * `withSpend` false fits BG/NBD only (no order value field).
 */
export function fitClvModel(customers: readonly ClvCustomer[], withSpend = true, onPhase?: (phase: ClvFitPhase) => void): ClvModelFit {
  const repeatBuyers = customers.reduce((n, c) => n + (c.frequency > 0 ? 1 : 0), 0);
  const base = { customers: customers.length, repeatBuyers };
  if (repeatBuyers < MIN_REPEAT_BUYERS) return { status: 'tooFewRepeatBuyers', ...base };
  try {
    // Many customers: the built-in starts are tried on a sample, and the full data is fitted
    // once from the sample's estimate (one BFGS run near the optimum, not three from afar).
    const large = customers.length > SAMPLE_SIZE;
    const sample = large ? sampleOf(customers) : customers;
    const bgStart = large ? fitBgNbd(sample) : undefined;
    const bg = fitBgNbd(customers, bgStart ? { initial: bgStart } : {});
    if (!bg.converged || !finite(bg.r, bg.alpha, bg.a, bg.b)) return { status: 'notConverged', ...base };
    const fit: ClvModelFit = { status: 'ok', ...base, bgnbd: { r: bg.r, alpha: bg.alpha, a: bg.a, b: bg.b, logLikelihood: bg.logLikelihood } };
    if (!withSpend) return fit;
    onPhase?.('gammaGamma');
    const ggStart = large ? fitGammaGamma(sample) : undefined;
    const gg = fitGammaGamma(customers, ggStart ? { initial: ggStart } : {});
    if (!gg.converged || !finite(gg.p, gg.q, gg.gamma) || gg.q <= 1) return { status: 'notConverged', ...base };
    fit.gammaGamma = { p: gg.p, q: gg.q, gamma: gg.gamma, logLikelihood: gg.logLikelihood };
    return fit;
  } catch {
    // The fitters refuse inputs they cannot use (RangeError); for a user that is no fit.
    return { status: 'notConverged', ...base };
  }
}

/** The steps of a fit, for progress: summaries, then BG/NBD, then Gamma-Gamma. */
export type ClvFitPhase = 'summarise' | 'bgnbd' | 'gammaGamma';

/**
 * The whole fit from order columns as of day `today`: summaries, BG/NBD, Gamma-Gamma (only
 * `withSpend`), calling `onPhase` as each step starts (the worker posts them as progress).
 */
export function fitColumns(columns: OrderColumns, today: number, withSpend: boolean, onPhase?: (phase: ClvFitPhase) => void): ClvModelFit {
  onPhase?.('summarise');
  const customers = summariseColumns(columns, today);
  onPhase?.('bgnbd');
  return fitClvModel(customers, withSpend, onPhase);
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Whether a stored fit was made for these settings (table, orders, date, value, which count). */
export function fitMatches(fit: ClvFitDef, source: ClvSource): boolean {
  return (
    fit.tableId === source.tableId &&
    fit.source === source.source &&
    fit.dateField === source.dateField &&
    (fit.amountField ?? null) === (source.amountField ?? null) &&
    sameJson(fit.countWhen, source.countWhen)
  );
}

/** The app's fit for these settings, if any. */
export function findClvFit(fits: readonly ClvFitDef[] | undefined, source: ClvSource): ClvFitDef | undefined {
  return fits?.find((fit) => fitMatches(fit, source));
}

/** `fits` with `fit` in place of the one for the same settings (or added). */
export function withClvFit(fits: readonly ClvFitDef[] | undefined, fit: ClvFitDef): ClvFitDef[] {
  return [...(fits ?? []).filter((f) => !fitMatches(f, fit)), fit];
}

/** Whether the data changed enough since the fit to refit: counted orders up or down by more than 10 %. */
export function fitIsStale(fit: ClvFitDef, orders: number): boolean {
  return Math.abs(orders - fit.orders) > REFIT_CHANGE * Math.max(1, fit.orders);
}

export { checkClvFits, type ClvFitIssue } from './fit-check.js';
