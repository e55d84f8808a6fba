/** One measured figure of a benchmark, printed as a row of `npm run bench`. */
export interface BenchRow {
  /** What is being compared (rows of one group share a baseline). */
  group: string;
  /** The measured variant, e.g. `baseline: raw idb` or `IndexedDbStore.bulkCreate`. */
  name: string;
  value: number;
  unit: string;
  note?: string;
}

/** Median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
