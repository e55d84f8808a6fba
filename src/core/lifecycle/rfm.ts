/**
 * RFM scores and segments (RFM 客户分层): recency, frequency and monetary value of each
 * customer's counted orders, scored 1–5 by quintiles over the customers of the table, and
 * the eight segments of the usual high/low split (重要价值客户 … 一般挽留客户).
 *
 * - Recency: whole calendar days from the last counted order to today, in the app's zone
 *   (fewer is better). Frequency: counted orders. Monetary: their total value.
 * - Only customers with at least one counted order are scored; the others have no RFM.
 * - Score = 1 + ⌊5 · below / n⌋, where `below` is the number of scored customers strictly
 *   worse on that measure and n how many there are. Ties therefore share the score of their
 *   lowest rank (deterministic, independent of record order): when 60 % of customers bought
 *   once, they all get F = 1 and the next value up starts at F = 4.
 * - A score is high when it is above the mean of that score over the scored customers
 *   (strictly), low otherwise; R, F and M high/low pick one of the eight segments.
 *
 * Scores depend on every customer, so they cannot come from one record alone: a runtime
 * (src/runtime/rfm-scores.ts) builds the distribution from all customers with
 * `buildRfmDistribution`, registers it under the field's key, and the `ltc_rfm` operation
 * that the field's logic ends in scores one customer against it.
 */
import type { ChoiceDef, Locale } from '../schema/types.js';
import type { OrderColumns } from './fit-summary.js';

/** The eight segments, in display order, with the high (1) / low (0) pattern of R, F and M. */
export const RFM_SEGMENTS = [
  { id: 'champions', r: 1, f: 1, m: 1, labels: { 'zh-CN': '重要价值客户', en: 'Champions' } },
  { id: 'promising', r: 1, f: 0, m: 1, labels: { 'zh-CN': '重要发展客户', en: 'Promising big spenders' } },
  { id: 'atRisk', r: 0, f: 1, m: 1, labels: { 'zh-CN': '重要保持客户', en: 'Loyal big spenders at risk' } },
  { id: 'cantLose', r: 0, f: 0, m: 1, labels: { 'zh-CN': '重要挽留客户', en: 'Big spenders to win back' } },
  { id: 'loyal', r: 1, f: 1, m: 0, labels: { 'zh-CN': '一般价值客户', en: 'Loyal regulars' } },
  { id: 'newcomers', r: 1, f: 0, m: 0, labels: { 'zh-CN': '一般发展客户', en: 'Recent newcomers' } },
  { id: 'needAttention', r: 0, f: 1, m: 0, labels: { 'zh-CN': '一般保持客户', en: 'Regulars needing attention' } },
  { id: 'lost', r: 0, f: 0, m: 0, labels: { 'zh-CN': '一般挽留客户', en: 'Lost low spenders' } },
] as const;

export type RfmSegment = (typeof RFM_SEGMENTS)[number]['id'];

/** What an RFM field shows: the segment, or one of the scores. */
export type RfmOutput = 'segment' | 'recency' | 'frequency' | 'monetary';

/** The choices of an RFM field: the eight segments, or the scores '1' … '5'. */
export function rfmChoices(output: RfmOutput = 'segment'): ChoiceDef[] {
  if (output === 'segment') return RFM_SEGMENTS.map((s) => ({ id: s.id, name: s.labels['zh-CN'], labels: { ...s.labels } }));
  return ['1', '2', '3', '4', '5'].map((id) => ({ id, name: id }));
}

/** A segment's name in a locale ('' for anything that is not a segment id). */
export function rfmSegmentLabel(id: unknown, locale: Locale): string {
  return RFM_SEGMENTS.find((s) => s.id === id)?.labels[locale] ?? '';
}

/** One customer's raw measures. */
export interface RfmRaw {
  recencyDays: number;
  frequency: number;
  monetary: number;
}

/** One customer's scores, 1–5 each. */
export interface RfmScores {
  r: number;
  f: number;
  m: number;
}

/** The measures of every scored customer, sorted, and the mean scores (for high/low). */
export interface RfmDistribution {
  recency: Float64Array;
  frequency: Float64Array;
  monetary: Float64Array;
  meanR: number;
  meanF: number;
  meanM: number;
}

/**
 * A customer's raw measures from the day numbers and values of their counted orders, as of
 * day `today`; undefined without an order up to then. Missing or negative values count as 0.
 */
export function rfmRaw(days: ArrayLike<number>, amounts: ArrayLike<unknown> | undefined, today: number): RfmRaw | undefined {
  let last = -Infinity;
  let frequency = 0;
  let monetary = 0;
  for (let i = 0; i < days.length; i++) {
    const day = days[i]!;
    if (!Number.isFinite(day) || day > today) continue;
    frequency++;
    if (day > last) last = day;
    const raw = amounts?.[i];
    if (typeof raw === 'number' && Number.isFinite(raw) && raw > 0) monetary += raw;
  }
  return frequency === 0 ? undefined : { recencyDays: today - last, frequency, monetary };
}

/** Every customer's raw measures from order columns, as of day `today` (customers without an order left out). */
export function rfmRawsFromColumns(columns: OrderColumns, today: number): RfmRaw[] {
  const { customer, day, amount, customers } = columns;
  const last = new Float64Array(customers).fill(-Infinity);
  const frequency = new Float64Array(customers);
  const monetary = new Float64Array(customers);
  for (let i = 0; i < customer.length; i++) {
    const c = customer[i]!;
    const d = day[i]!;
    if (d > today) continue;
    frequency[c]!++;
    if (d > last[c]!) last[c] = d;
    if (amount[i]! > 0) monetary[c]! += amount[i]!;
  }
  const raws: RfmRaw[] = [];
  for (let c = 0; c < customers; c++) if (frequency[c]! > 0) raws.push({ recencyDays: today - last[c]!, frequency: frequency[c]!, monetary: monetary[c]! });
  return raws;
}

/** How many entries of ascending `sorted` are below `value`. */
function countBelow(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many entries of ascending `sorted` are above `value`. */
function countAbove(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length - lo;
}

const score = (worse: number, n: number) => 1 + Math.floor((5 * worse) / n);

/** A customer's scores against a distribution: more recent, more orders, more spend score higher. */
export function rfmScores(raw: RfmRaw, distribution: Pick<RfmDistribution, 'recency' | 'frequency' | 'monetary'>): RfmScores {
  const n = distribution.recency.length;
  if (n === 0) return { r: 1, f: 1, m: 1 };
  return {
    r: score(countAbove(distribution.recency, raw.recencyDays), n),
    f: score(countBelow(distribution.frequency, raw.frequency), n),
    m: score(countBelow(distribution.monetary, raw.monetary), n),
  };
}

/** The distribution of every scored customer's measures (customers without orders left out). */
export function buildRfmDistribution(raws: readonly RfmRaw[]): RfmDistribution {
  const column = (key: keyof RfmRaw) => Float64Array.from(raws, (raw) => raw[key]).sort();
  const sorted = { recency: column('recencyDays'), frequency: column('frequency'), monetary: column('monetary') };
  let r = 0;
  let f = 0;
  let m = 0;
  for (const raw of raws) {
    const s = rfmScores(raw, sorted);
    r += s.r;
    f += s.f;
    m += s.m;
  }
  const n = Math.max(1, raws.length);
  return { ...sorted, meanR: r / n, meanF: f / n, meanM: m / n };
}

/** The segment of a customer's scores: each score high when above its mean. */
export function rfmSegment(scores: RfmScores, distribution: Pick<RfmDistribution, 'meanR' | 'meanF' | 'meanM'>): RfmSegment {
  const r = scores.r > distribution.meanR ? 1 : 0;
  const f = scores.f > distribution.meanF ? 1 : 0;
  const m = scores.m > distribution.meanM ? 1 : 0;
  return RFM_SEGMENTS.find((s) => s.r === r && s.f === f && s.m === m)!.id;
}

/** Whether two distributions score every customer alike (same sorted measures). */
export function sameRfmDistribution(a: RfmDistribution | undefined, b: RfmDistribution | undefined): boolean {
  if (!a || !b) return a === b;
  const same = (x: Float64Array, y: Float64Array) => x.length === y.length && x.every((v, i) => v === y[i]);
  return same(a.recency, b.recency) && same(a.frequency, b.frequency) && same(a.monetary, b.monetary);
}

/** Distributions by field key (app, table, field), set by the runtime that watches the data. */
const distributions = new Map<string, RfmDistribution>();

/** The key an RFM field's distribution is registered under: two apps on one page stay apart. */
export function rfmKey(appId: string, tableId: string, fieldId: string): string {
  return `${appId}\u0000${tableId}\u0000${fieldId}`;
}

/** Register (or, with undefined, drop) the distribution of an RFM field. */
export function setRfmDistribution(key: string, distribution: RfmDistribution | undefined): void {
  if (distribution) distributions.set(key, distribution);
  else distributions.delete(key);
}

/** The registered distribution of an RFM field. */
export function rfmDistribution(key: string): RfmDistribution | undefined {
  return distributions.get(key);
}
