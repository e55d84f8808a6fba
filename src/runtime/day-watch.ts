/**
 * Time passing for derived values: after midnight in the app's time zone, the values that
 * depend on the date (TODAY() formulas, lifecycle stages) are re-evaluated
 * (`DerivedValues.recomputeVolatile`, listeners hear kind `time`). A timer is set for the
 * next midnight there, at most an hour away, so a computer that slept through midnight
 * catches up soon after it wakes, and a daylight-saving night cannot push the look past the
 * new day. Opening the app computes today's values (load), so nothing waits for a timer then.
 *
 * Started by `<ltc-app>` with the stage tracker (src/runtime/stage-tracker.ts), in the
 * designer script; the clock and the timer are injected so tests drive midnight.
 */
import { DAY, isTimeZone, localTimeZone, zonedDayNumber, zonedParts } from '../core/time/zoned.js';
import type { AppDef } from '../core/schema/types.js';
import type { DerivedValues } from './derived.js';

/** The longest wait between two looks at the calendar. */
const MAX_WAIT_MS = 3_600_000;

export interface DayWatchOptions {
  /** The current instant in epoch ms (default Date.now): the one DerivedValues was given. */
  now?: () => number;
  /** Schedules a look (default setTimeout / clearTimeout). */
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Called after each re-evaluation for a new day (the stage tracker writes the changes). */
  onNewDay?: () => void;
}

/** The app's zone, or the browser's when it has none (or one this browser does not know). */
export function appTimeZone(app: AppDef | undefined): string {
  return isTimeZone(app?.timeZone) ? app.timeZone : localTimeZone();
}

/** Milliseconds from `now` until the wall clock in `timeZone` next shows 00:00 (capped at an hour). */
export function untilMidnight(now: number, timeZone: string): number {
  const p = zonedParts(now, timeZone);
  const sinceMidnight = ((p.hour * 60 + p.minute) * 60 + p.second) * 1000 + (((now % 1000) + 1000) % 1000);
  return Math.min(MAX_WAIT_MS, DAY - sinceMidnight + 1);
}

/**
 * Watch the calendar for `derived`: re-evaluate its date-dependent values whenever the day
 * changes in the app's zone (`app()` is read at every look, so a changed zone is followed).
 * Returns the function that stops watching.
 */
export function watchDays(derived: DerivedValues, app: () => AppDef | undefined, options: DayWatchOptions = {}): () => void {
  const now = options.now ?? (() => Date.now());
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let day = zonedDayNumber(now(), appTimeZone(app()));
  let handle: unknown;
  let stopped = false;
  const schedule = () => {
    if (!stopped) handle = setTimer(look, untilMidnight(now(), appTimeZone(app())));
  };
  const look = () => {
    handle = undefined;
    const today = zonedDayNumber(now(), appTimeZone(app()));
    if (today !== day && derived.ready) {
      day = today;
      derived.recomputeVolatile();
      options.onNewDay?.();
    }
    schedule();
  };
  schedule();
  return () => {
    stopped = true;
    if (handle !== undefined) clearTimer(handle);
  };
}
