/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, as `calendarDay` of
 * src/core/time/zoned.ts returns them in the app's time zone): the period a day falls in,
 * the periods between two days, and the current and previous period of a number's
 * comparison. Day numbers keep month edges exact in any zone: the zone is applied once, when
 * a stored date-time becomes a day.
 */
import { dayNumberDate, dayNumberIso, daysInMonth } from '../time/zoned.js';
import type { ComparePeriod, GroupPeriod } from './model.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** The day number of a calendar date. */
export function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/** Monday of the ISO week holding `day`. */
export function weekStart(day: number): number {
  // Day 0 (1970-01-01) was a Thursday: weekday index with Monday = 0.
  const monday0 = (((day + 3) % 7) + 7) % 7;
  return day - monday0;
}

/**
 * A month as one number (`year * 12 + month - 1`), so months subtract. Integer arithmetic
 * (Howard Hinnant's civil-from-days) rather than a Date per call: cohorts ask it for every
 * order.
 */
export function monthIndex(day: number): number {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}

/** `YYYY-MM` of a month index. */
export function monthKey(index: number): string {
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** The ISO week label `YYYY-Www` of the week starting on Monday `monday`. */
function isoWeekKey(monday: number): string {
  const thursday = monday + 3;
  const year = dayNumberDate(thursday).year;
  const week = Math.floor((thursday - dayNumber(year, 1, 1)) / 7) + 1;
  return `${year}-W${pad(week)}`;
}

/** The key of the period `day` falls in: `2024-03-05`, `2024-W10` or `2024-03`. */
export function periodKey(day: number, by: GroupPeriod): string {
  if (by === 'day') return dayNumberIso(day);
  if (by === 'week') return isoWeekKey(weekStart(day));
  return monthKey(monthIndex(day));
}

/** More periods than this between the first and last record are not filled in (the chart could not show them). */
const MAX_FILLED_PERIODS = 1000;

/**
 * Every period key from the one holding `first` to the one holding `last`, in order, so
 * periods without records show as empty groups; undefined when they would be too many.
 */
export function periodKeys(first: number, last: number, by: GroupPeriod): string[] | undefined {
  const keys: string[] = [];
  if (by === 'month') {
    for (let m = monthIndex(first); m <= monthIndex(last); m++) keys.push(monthKey(m));
  } else {
    const step = by === 'week' ? 7 : 1;
    for (let d = by === 'week' ? weekStart(first) : first; d <= last; d += step) keys.push(periodKey(d, by));
  }
  return keys.length > MAX_FILLED_PERIODS ? undefined : keys;
}

/** First day of the period of `day`. */
function periodStart(day: number, period: ComparePeriod): number {
  if (period === 'day') return day;
  if (period === 'week') return weekStart(day);
  const { year, month } = dayNumberDate(day);
  if (period === 'month') return dayNumber(year, month, 1);
  if (period === 'quarter') return dayNumber(year, month - ((month - 1) % 3), 1);
  return dayNumber(year, 1, 1);
}

/** Months a period spans (day and week: none). */
const MONTHS: Readonly<Record<ComparePeriod, number>> = { day: 0, week: 0, month: 1, quarter: 3, year: 12 };

/** `day` moved back by whole months, the day of the month clamped to the shorter month (31 March → 28 February). */
function monthsBack(day: number, months: number): number {
  const { year, month, day: date } = dayNumberDate(day);
  const first = dayNumber(year, month - months, 1);
  const { year: y, month: m } = dayNumberDate(first);
  return dayNumber(y, m, Math.min(date, daysInMonth(y, m)));
}

/** Inclusive day ranges of a comparison. */
export interface CompareWindows {
  current: { from: number; to: number };
  previous: { from: number; to: number };
}

/**
 * The current period up to `today` and the previous period up to the same point: with
 * `today` the 12th of a month, the 1st–12th of this month and of the last one; on 31 March,
 * all of February (a shorter month ends sooner). Days and weeks step back by 1 and 7 days.
 */
export function compareWindows(today: number, period: ComparePeriod): CompareWindows {
  const start = periodStart(today, period);
  const months = MONTHS[period];
  if (months === 0) {
    const step = period === 'day' ? 1 : 7;
    return { current: { from: start, to: today }, previous: { from: start - step, to: today - step } };
  }
  return { current: { from: start, to: today }, previous: { from: monthsBack(start, months), to: monthsBack(today, months) } };
}
