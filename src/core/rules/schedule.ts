/**
 * When time-based rule triggers fire, in the app's time zone.
 *
 * - Date-relative: N minutes / hours / days before or after a date field of the record,
 *   optionally at a time of day ("3 days after {最近下单日期} at 10:00"). Days are calendar
 *   days in the zone, so "at 10:00" stays 10:00 across a daylight-saving change; minutes and
 *   hours are elapsed time.
 * - Recurring: every day / week (on a weekday) / month (on a day; the 31st of a short month
 *   is its last day) at a time of day.
 *
 * Each occurrence has a key that says which occurrence it is, independent of the exact
 * instant: a date-relative occurrence is keyed by the date it is relative to, a recurring one
 * by its period (`2026-12-01`, the week's Monday, `2026-12`). The engine records fired keys
 * (in the same transaction as the actions), so an occurrence fires once per record even when
 * the user later moves the rule's time or offset, and a changed date field is a new occurrence.
 *
 * Pure functions: the scheduler passes `now` (an injected clock in tests).
 */
import {
  DAY,
  MINUTE,
  calendarDay,
  dateInstant,
  dayNumberDate,
  dayNumberIso,
  daysInMonth,
  instantOnDay,
  parseTimeOfDay,
  zonedDayNumber,
  zonedParts,
} from '../time/zoned.js';

export type OffsetUnit = 'minutes' | 'hours' | 'days';

/** N units before (negative `offset`) or after a date field, at an optional time of day. */
export interface DateRelativeTrigger {
  type: 'date-relative';
  /** The date or datetime field the rule is relative to. */
  fieldId: string;
  /** Signed: -3 = 3 units before, 3 = 3 units after. */
  offset: number;
  unit: OffsetUnit;
  /** `HH:MM` in the app's time zone; only with `unit: 'days'`. Default: the date's own time (00:00 for a plain date). */
  at?: string;
}

/** Every day, week or month at a time of day. */
export interface RecurringTrigger {
  type: 'recurring';
  every: 'day' | 'week' | 'month';
  /** `HH:MM` in the app's time zone. */
  at: string;
  /** With `every: 'week'`: 0 Sunday … 6 Saturday (default 1, Monday). */
  weekday?: number;
  /** With `every: 'month'`: 1–31; past a short month's end, its last day (default 1). */
  day?: number;
}

/** What to do with occurrences that came due while no page was open. */
export interface CatchUpPolicy {
  /** `fire`: run them late (default); `skip`: drop them. */
  missed: 'fire' | 'skip';
  /** With `fire`: drop occurrences older than this many days instead. */
  maxLateDays?: number;
}

/** One occurrence of a time-based trigger: when it is due and which occurrence it is. */
export interface Occurrence {
  at: number;
  key: string;
}

const UNIT_MS: Record<OffsetUnit, number> = { minutes: MINUTE, hours: 60 * MINUTE, days: DAY };

/** Day number → instant of a time of day, memoised: many records share a date. */
class DayClock {
  private readonly cache = new Map<number, number>();
  constructor(
    private readonly minutes: number,
    private readonly timeZone: string,
  ) {}

  at(day: number): number {
    let instant = this.cache.get(day);
    if (instant === undefined) {
      instant = instantOnDay(day, this.minutes, this.timeZone);
      if (this.cache.size > 50_000) this.cache.clear();
      this.cache.set(day, instant);
    }
    return instant;
  }
}

const clocks = new Map<string, DayClock>();

function dayClock(minutes: number, timeZone: string): DayClock {
  const key = `${minutes}|${timeZone}`;
  let clock = clocks.get(key);
  if (!clock) {
    clock = new DayClock(minutes, timeZone);
    clocks.set(key, clock);
  }
  return clock;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The occurrence key of a date-relative trigger for a record's date value. */
function anchorKey(value: string | number): string {
  return typeof value === 'number' ? new Date(value).toISOString() : value.trim();
}

/**
 * The occurrence of a date-relative trigger for one record's date value, or undefined when
 * the record has no (readable) date. `value` is the stored cell: `YYYY-MM-DD` or an ISO
 * timestamp.
 */
export function dateRelativeOccurrence(trigger: DateRelativeTrigger, value: unknown, timeZone: string): Occurrence | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const key = anchorKey(value);
  if (trigger.unit !== 'days') {
    const base = dateInstant(value, timeZone);
    return base === undefined ? undefined : { at: base + trigger.offset * UNIT_MS[trigger.unit], key };
  }
  const day = calendarDay(value, timeZone);
  if (day === undefined) return undefined;
  let minutes = parseTimeOfDay(trigger.at);
  if (minutes === undefined) {
    if (typeof value === 'string' && DATE_ONLY.test(value.trim())) minutes = 0;
    else {
      const parts = zonedParts(dateInstant(value, timeZone)!, timeZone);
      minutes = parts.hour * 60 + parts.minute;
    }
  }
  return { at: dayClock(minutes, timeZone).at(day + trigger.offset), key };
}

/** Day numbers of plain `YYYY-MM-DD` texts (the same in every zone), bounded: many records share a date. */
const plainDays = new Map<string, number>();

/** `calendarDay`, memoised for plain dates: a wake over 100,000 records otherwise parses 100,000 dates per rule. */
function dayOf(value: string | number, timeZone: string): number | undefined {
  if (typeof value !== 'string') return calendarDay(value, timeZone);
  let day = plainDays.get(value);
  if (day === undefined) {
    day = calendarDay(value, timeZone);
    if (day === undefined || !DATE_ONLY.test(value.trim())) return day;
    if (plainDays.size > 100_000) plainDays.clear();
    plainDays.set(value, day);
  }
  return day;
}

/**
 * Date-relative occurrences due in `(since, now]`, for many records at once: day numbers are
 * compared first, so only records whose occurrence falls on the days around the window
 * resolve an instant (100,000 customers cost one pass over their dates).
 */
export function dueDateRelative<R>(
  trigger: DateRelativeTrigger,
  records: Iterable<R>,
  readDate: (record: R) => unknown,
  since: number,
  now: number,
  timeZone: string,
): Array<{ record: R; occurrence: Occurrence }> {
  const due: Array<{ record: R; occurrence: Occurrence }> = [];
  if (!(now > since)) return due;
  // A day's occurrence can only be in the window if the day is within a day of it (any zone
  // offset is under a day; the time of day adds under a day more).
  const firstDay = zonedDayNumber(since, timeZone) - 2;
  const lastDay = zonedDayNumber(now, timeZone) + 2;
  const dayBased = trigger.unit === 'days';
  for (const record of records) {
    const value = readDate(record);
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    if (dayBased) {
      const day = dayOf(value, timeZone);
      if (day === undefined) continue;
      const target = day + trigger.offset;
      if (target < firstDay || target > lastDay) continue;
    }
    const occurrence = dateRelativeOccurrence(trigger, value, timeZone);
    if (occurrence && occurrence.at > since && occurrence.at <= now) due.push({ record, occurrence });
  }
  return due;
}

function recurringMinutes(trigger: RecurringTrigger): number {
  const minutes = parseTimeOfDay(trigger.at);
  if (minutes === undefined) throw new RangeError(`recurring trigger: "${String(trigger.at)}" is not a time of day (HH:MM)`);
  return minutes;
}

/** The recurring occurrence on a day, if the trigger has one that day. */
function recurrenceOnDay(trigger: RecurringTrigger, day: number, minutes: number, timeZone: string): Occurrence | undefined {
  const date = dayNumberDate(day);
  if (trigger.every === 'week') {
    const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    if (weekday !== (trigger.weekday ?? 1)) return undefined;
    return { at: dayClock(minutes, timeZone).at(day), key: dayNumberIso(day) };
  }
  if (trigger.every === 'month') {
    const wanted = Math.min(trigger.day ?? 1, daysInMonth(date.year, date.month));
    if (date.day !== wanted) return undefined;
    return { at: dayClock(minutes, timeZone).at(day), key: dayNumberIso(day).slice(0, 7) };
  }
  return { at: dayClock(minutes, timeZone).at(day), key: dayNumberIso(day) };
}

/**
 * Recurring occurrences in `(since, now]`, oldest first, at most `limit` of them (the most
 * recent ones when there are more: a page closed for a year catches up on its last few).
 */
export function recurrencesBetween(trigger: RecurringTrigger, since: number, now: number, timeZone: string, limit = 1000): Occurrence[] {
  const minutes = recurringMinutes(trigger);
  const found: Occurrence[] = [];
  if (!(now > since)) return found;
  const lastDay = zonedDayNumber(now, timeZone) + 1;
  // Walk back from the newest day: enough days for `limit` occurrences of any period.
  const span = trigger.every === 'month' ? 31 * limit : trigger.every === 'week' ? 7 * limit : limit;
  const firstDay = Math.max(zonedDayNumber(since, timeZone) - 1, lastDay - span - 2);
  for (let day = lastDay; day >= firstDay && found.length < limit; day--) {
    const occurrence = recurrenceOnDay(trigger, day, minutes, timeZone);
    if (occurrence && occurrence.at > since && occurrence.at <= now) found.push(occurrence);
  }
  return found.reverse();
}

/** The first recurring occurrence after `after` (for "next run" in the UI and the scheduler's timer). */
export function nextRecurrence(trigger: RecurringTrigger, after: number, timeZone: string): Occurrence {
  const minutes = recurringMinutes(trigger);
  const start = zonedDayNumber(after, timeZone) - 1;
  for (let day = start; day < start + 400; day++) {
    const occurrence = recurrenceOnDay(trigger, day, minutes, timeZone);
    if (occurrence && occurrence.at > after) return occurrence;
  }
  throw new RangeError('recurring trigger: no occurrence within a year');
}

/** How late an occurrence may be found and still count as on time (a wake-up's own delay). */
export const ON_TIME_MS = 5 * MINUTE;

/**
 * Whether an occurrence found due at `now` fires: on time (found within `ON_TIME_MS` of
 * being due, as an open page's wake-ups find them) always; missed while no page was open, by
 * the rule's policy — `skip` drops it, `fire` runs it late unless it is older than
 * `maxLateDays`.
 */
export function shouldFire(occurrence: Occurrence, now: number, policy: CatchUpPolicy = { missed: 'fire' }): boolean {
  const late = now - occurrence.at;
  if (late <= ON_TIME_MS) return true;
  if (policy.missed === 'skip') return false;
  return policy.maxLateDays === undefined || late <= policy.maxLateDays * DAY;
}
