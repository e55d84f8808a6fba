/**
 * Raw orders → the per-customer summary the predictive CLV models take (./clv.ts):
 * frequency x, recency t_x, age T and mean repeat spend z̄, following the conventions of the
 * "buy till you die" literature and the lifetimes library, which rebuild the published CDNOW
 * summaries exactly (docs/predictive-clv.md):
 * - all orders of one customer on one calendar day are one purchase (amounts summed);
 * - the first purchase day is the acquisition, not a repeat purchase;
 * - only orders up to and including `calibrationEnd` count.
 */

/** One order. */
export interface TransactionInput {
  customerId: string;
  /** Calendar day `YYYY-MM-DD`; a trailing time (`2014-03-08 00:00:00`, `…T…`) is ignored. */
  date: string;
  /** Order value (≥ 0); defaults to 0 when only purchase counts matter. */
  amount?: number;
}

/** Options of {@link summariseTransactions}. */
export interface SummariseOptions {
  /** Last day of the observation (calibration) period, `YYYY-MM-DD`, inclusive. */
  calibrationEnd: string;
  /** Length of the model time unit in days (default 7: weeks). */
  timeUnitDays?: number;
  /** Round recency and T to this many decimals (CDNOW's published files use 2); default: no rounding. */
  timeDecimals?: number;
  /** Round monetaryValue to this many decimals, half up (CDNOW: 2); default: no rounding. */
  moneyDecimals?: number;
}

/** The summary of one customer, in the model's time unit. */
export interface CustomerSummary {
  customerId: string;
  /** Repeat purchase days in the period. */
  frequency: number;
  /** Time from the first to the last purchase day (0 without repeats). */
  recency: number;
  /** Time from the first purchase day to `calibrationEnd`. */
  T: number;
  /** Mean value of the repeat purchase days (0 without repeats). */
  monetaryValue: number;
  /** First purchase day, `YYYY-MM-DD`. */
  firstPurchase: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/;
const MS_PER_DAY = 86_400_000;

/** Whole days since 1970-01-01 for a `YYYY-MM-DD` string, or undefined when it is not a real date. */
function dayNumber(text: string): number | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2023-02-30 over to March; a real date survives the round trip.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms / MS_PER_DAY;
}

function isoDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * Round half up to `decimals`. The scaled value is nudged by far less than a cent's fraction
 * first, so a mean meant as an exact half (22.345 summed to 22.34499…) rounds up as written.
 */
function roundHalfUp(value: number, decimals: number): number {
  const f = 10 ** decimals;
  const scaled = value * f;
  return Math.floor(scaled + 0.5 + Math.max(1e-9, Math.abs(scaled) * 1e-12)) / f;
}

function checkDecimals(value: number | undefined, name: string): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= 0 && value <= 15)) {
    throw new RangeError(`${name} must be a whole number from 0 to 15, got ${String(value)}`);
  }
}

/**
 * Summarise orders per customer for {@link fitBgNbd} / {@link fitGammaGamma}. Customers whose
 * first order is after `calibrationEnd` are left out; the result follows the order in which
 * customers first appear in `transactions`.
 *
 * @example summariseTransactions(orders, { calibrationEnd: '1997-09-30', timeDecimals: 2, moneyDecimals: 2 })
 * @throws RangeError naming the first bad order (bad date, negative or non-finite amount).
 */
export function summariseTransactions(transactions: readonly TransactionInput[], options: SummariseOptions): CustomerSummary[] {
  if (!Array.isArray(transactions)) throw new RangeError('summariseTransactions needs an array of transactions');
  const end = dayNumber(options.calibrationEnd);
  if (end === undefined) throw new RangeError(`calibrationEnd must be a date YYYY-MM-DD, got ${JSON.stringify(options.calibrationEnd)}`);
  const unit = options.timeUnitDays ?? 7;
  if (!(Number.isFinite(unit) && unit > 0)) throw new RangeError(`timeUnitDays must be a finite number > 0, got ${unit}`);
  checkDecimals(options.timeDecimals, 'timeDecimals');
  checkDecimals(options.moneyDecimals, 'moneyDecimals');

  // customerId → (day → summed amount); a Map keeps first-appearance order.
  const byCustomer = new Map<string, Map<number, number>>();
  transactions.forEach((t, i) => {
    const where = `transactions[${i}]`;
    if (t === null || typeof t !== 'object') throw new RangeError(`${where} must be an object`);
    if (typeof t.customerId !== 'string' || t.customerId === '') throw new RangeError(`${where}.customerId must be a non-empty string`);
    const day = typeof t.date === 'string' ? dayNumber(t.date) : undefined;
    if (day === undefined) throw new RangeError(`${where}.date must be a date YYYY-MM-DD, got ${JSON.stringify(t.date)}`);
    const amount = t.amount ?? 0;
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
      throw new RangeError(`${where}.amount must be a finite number ≥ 0, got ${String(t.amount)}`);
    }
    let days = byCustomer.get(t.customerId);
    if (!days) {
      days = new Map();
      byCustomer.set(t.customerId, days);
    }
    if (day > end) return; // validated, but outside the observation period
    days.set(day, (days.get(day) ?? 0) + amount);
  });

  const time = (days: number) => (options.timeDecimals === undefined ? days / unit : roundHalfUp(days / unit, options.timeDecimals));
  const result: CustomerSummary[] = [];
  for (const [customerId, days] of byCustomer) {
    if (days.size === 0) continue;
    const sorted = [...days.keys()].sort((a, b) => a - b);
    const first = sorted[0];
    const last = sorted[sorted.length - 1];
    const frequency = sorted.length - 1;
    let repeatTotal = 0;
    for (let i = 1; i < sorted.length; i++) repeatTotal += days.get(sorted[i]) ?? 0;
    const mean = frequency > 0 ? repeatTotal / frequency : 0;
    result.push({
      customerId,
      frequency,
      recency: time(last - first),
      T: time(end - first),
      monetaryValue: options.moneyDecimals === undefined ? mean : roundHalfUp(mean, options.moneyDecimals),
      firstPurchase: isoDay(first),
    });
  }
  return result;
}
