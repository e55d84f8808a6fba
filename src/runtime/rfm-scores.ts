/**
 * Keeps the RFM distributions of an app's RFM fields current (src/core/lifecycle/rfm.ts):
 * scores are quintiles over all customers of the table, so one customer's new order can move
 * everyone's scores. After the derived values change (load, an app edit, records, a new day)
 * the distribution of every RFM field is rebuilt from the counted orders held in memory;
 * when one differs from the registered one it is replaced and the date-dependent fields are
 * re-evaluated (`recomputeVolatile`), which recomputes the RFM cells and tells listeners
 * which changed. An unchanged distribution costs no recompute, so this never loops.
 */
import { clvSourceOf } from '../core/lifecycle/predict-fields.js';
import { buildRfmDistribution, rfmDistribution, rfmKey, rfmRawsFromColumns, sameRfmDistribution, setRfmDistribution } from '../core/lifecycle/rfm.js';
import type { AppDef } from '../core/schema/types.js';
import { localTimeZone, zonedDayNumber } from '../core/time/zoned.js';
import type { DerivedValues } from './derived.js';
import { gatherOrderHistories } from './order-histories.js';

/**
 * Rebuild and register the distribution of every RFM field of `app` from `derived`; returns
 * true when any changed (the caller then recomputes). `now` is the instant "today" is taken at.
 */
export function refreshRfm(app: AppDef, derived: DerivedValues, now = Date.now()): boolean {
  let changed = false;
  const today = zonedDayNumber(now, app.timeZone ?? localTimeZone());
  for (const table of app.tables) {
    for (const field of table.fields) {
      if (field.type !== 'rfm' || field.archived) continue;
      const { columns } = gatherOrderHistories(app, derived, clvSourceOf(field, table.id));
      const key = rfmKey(app.id, table.id, field.id);
      const next = buildRfmDistribution(rfmRawsFromColumns(columns, today));
      if (sameRfmDistribution(rfmDistribution(key), next)) continue;
      setRfmDistribution(key, next);
      changed = true;
    }
  }
  return changed;
}

export interface WatchRfmOptions {
  derived: DerivedValues;
  currentApp: () => AppDef | undefined;
  now?: () => number;
  /** How long changes are gathered before one rebuild (ms, default 300). */
  delay?: number;
}

/** Keep the app's RFM distributions current as its data changes; returns the stop function. */
export function watchRfm(options: WatchRfmOptions): () => void {
  const { derived } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = () => {
    timer = undefined;
    const app = options.currentApp();
    if (app && derived.ready && refreshRfm(app, derived, (options.now ?? Date.now)())) derived.recomputeVolatile();
  };
  const unsubscribe = derived.subscribe(() => {
    if (timer === undefined) timer = setTimeout(refresh, options.delay ?? 300);
  });
  refresh();
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
