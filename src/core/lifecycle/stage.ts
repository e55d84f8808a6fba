/**
 * Lifecycle stages (客户生命周期阶段) from a customer's order history, with thresholds the
 * user can change (../shared/DOMAIN.md): potential 潜在客户 (no purchase yet), new 新客户 (one
 * purchase, recent), active 活跃客户 (repeat purchases, recent), silent 沉默客户 (no order for
 * `silentAfterDays`), churned 流失客户 (no order for `churnedAfterDays`).
 *
 * Days are whole calendar days between the last order's date and `now`'s date in the app's
 * time zone, so a stage never changes in the middle of a day there and a `YYYY-MM-DD` order
 * date means that day wherever the browser is.
 */
import { calendarDay, isTimeZone, localTimeZone } from '../time/zoned.js';

export type LifecycleStage = 'potential' | 'new' | 'active' | 'silent' | 'churned';

/** Every stage, in the order a customer normally moves through them. */
export const LIFECYCLE_STAGES: readonly LifecycleStage[] = ['potential', 'new', 'active', 'silent', 'churned'];

/** Stage names in both UI languages. */
export const STAGE_LABELS: Readonly<Record<LifecycleStage, { 'zh-CN': string; en: string }>> = {
  potential: { 'zh-CN': '潜在客户', en: 'Potential' },
  new: { 'zh-CN': '新客户', en: 'New' },
  active: { 'zh-CN': '活跃客户', en: 'Active' },
  silent: { 'zh-CN': '沉默客户', en: 'Silent' },
  churned: { 'zh-CN': '流失客户', en: 'Churned' },
};

/** What the stage is computed from: the customer's order rollups. */
export interface StageSummary {
  /** Number of orders (purchases). */
  orders: number;
  /** Date of the first order: `YYYY-MM-DD`, an ISO timestamp, a Date or epoch milliseconds. */
  firstOrderAt?: string | number | Date | null;
  /** Date of the last order, same forms. */
  lastOrderAt?: string | number | Date | null;
}

export interface StageThresholds {
  /** Days without an order after which a customer is silent (default 60). */
  silentAfterDays?: number;
  /** Days without an order after which a customer is churned (default 180). */
  churnedAfterDays?: number;
  /** Orders needed to count as active rather than new (default 2). */
  activeMinOrders?: number;
}

export const DEFAULT_STAGE_THRESHOLDS: Required<StageThresholds> = {
  silentAfterDays: 60,
  churnedAfterDays: 180,
  activeMinOrders: 2,
};

/** Where the calendar is read. */
export interface StageOptions {
  /**
   * The app's time zone (IANA name): days are counted between calendar dates there. Default:
   * the browser's zone.
   */
  timeZone?: string;
}

/**
 * The lifecycle stage of a customer on the day of `now`.
 *
 * Recency decides first, in whole calendar days between the last order's date and `now`'s
 * date in `options.timeZone`:
 * - no orders → `potential`;
 * - **more than** `churnedAfterDays` (default 180) days since the last order → `churned`;
 * - **more than** `silentAfterDays` (default 60) → `silent` (day 60 is still new or active,
 *   day 61 is silent);
 * - otherwise `active` with at least `activeMinOrders` (default 2) orders, else `new`.
 *
 * A plain `YYYY-MM-DD` order date is that calendar day in any zone; a timestamp is the day
 * it falls on in the zone. A last order dated after `now` counts as today. Without any order
 * date, recency is unknown and only the order count decides (new / active).
 *
 * @throws RangeError when thresholds are not positive or churn does not come after silence.
 */
export function lifecycleStage(
  summary: StageSummary,
  now: string | number | Date,
  thresholds: StageThresholds = {},
  options: StageOptions = {},
): LifecycleStage {
  const t = { ...DEFAULT_STAGE_THRESHOLDS, ...thresholds };
  for (const [name, value] of Object.entries(t)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new RangeError(`lifecycleStage: ${name} must be a non-negative number`);
  }
  if (t.churnedAfterDays <= t.silentAfterDays) {
    throw new RangeError('lifecycleStage: churnedAfterDays must be greater than silentAfterDays');
  }
  const orders = Number.isFinite(summary.orders) ? summary.orders : 0;
  if (orders <= 0) return 'potential';
  const timeZone = options.timeZone ?? localTimeZone();
  const today = todayIn(now, timeZone);
  if (today === undefined) throw new RangeError('lifecycleStage: `now` is not a date');
  const last = calendarDay(summary.lastOrderAt, timeZone) ?? calendarDay(summary.firstOrderAt, timeZone);
  if (last !== undefined) {
    const days = Math.max(0, today - last);
    if (days > t.churnedAfterDays) return 'churned';
    if (days > t.silentAfterDays) return 'silent';
  }
  return orders >= t.activeMinOrders ? 'active' : 'new';
}

/** The last `todayIn` answer: a recompute asks the same question for 100,000 customers. */
let lastToday: { now: unknown; timeZone: string; day: number | undefined } | undefined;

/**
 * `now`'s calendar day in `timeZone` (days since 1970-01-01), remembered for the last
 * (now, zone) pair: reading a zone's calendar goes through Intl, which is far slower than the
 * rest of a stage.
 * @throws RangeError for an unknown time zone.
 */
function todayIn(now: string | number | Date, timeZone: string): number | undefined {
  const key = now instanceof Date ? now.getTime() : now;
  if (lastToday && lastToday.now === key && lastToday.timeZone === timeZone) return lastToday.day;
  if (!isTimeZone(timeZone)) throw new RangeError(`lifecycleStage: unknown time zone ${String(timeZone)}`);
  lastToday = { now: key, timeZone, day: calendarDay(now, timeZone) };
  return lastToday.day;
}

/** Whether a value is one of the five stage ids. */
export function isLifecycleStage(value: unknown): value is LifecycleStage {
  return typeof value === 'string' && (LIFECYCLE_STAGES as readonly string[]).includes(value);
}
