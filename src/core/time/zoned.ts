/**
 * Calendar time in an app's time zone (an IANA name such as `Asia/Shanghai` or
 * `Europe/Berlin`), without a date library: `Intl.DateTimeFormat` knows every zone's rules,
 * so this module only converts between an instant (epoch milliseconds) and the wall-clock
 * date and time in a zone.
 *
 * Lifecycle stages count whole calendar days in the app's zone, and rules fire "3 days after
 * the last order at 10:00" there, daylight-saving changes included. Wall times that do not
 * exist (the hour skipped when clocks go forward) resolve to the same clock time after the
 * gap, and wall times that happen twice (clocks go back) resolve to the first, as
 * Temporal's `disambiguation: 'compatible'` does.
 */

/** A wall-clock date and time; `month` is 1–12, `weekday` 0 (Sunday) – 6. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

/** A wall-clock time to resolve in a zone; omitted parts are 0. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    // Throws RangeError for an unknown zone: callers validate zones with `isTimeZone`.
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** Whether `name` is a time zone this browser knows (`UTC`, `Asia/Shanghai`, …). */
export function isTimeZone(name: unknown): name is string {
  if (typeof name !== 'string' || name === '' || name.length > 64) return false;
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** The zone the browser runs in (the default of an app without one). */
export function localTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The wall-clock date and time of `instant` in `timeZone`. */
export function zonedParts(instant: number, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday ?? 'Sun'] ?? 0,
  };
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
export function zoneOffset(instant: number, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which `timeZone`'s wall clock shows `wall`. A time inside a forward gap
 * gives the instant the same length after the gap starts (02:30 on a spring-forward night →
 * 03:30); a repeated time gives its first occurrence.
 */
export function zonedInstant(wall: WallTime, timeZone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour ?? 0, wall.minute ?? 0, wall.second ?? 0);
  // The offsets just before and after the wanted time: equal except around a change.
  const before = zoneOffset(asUtc - DAY, timeZone);
  const after = zoneOffset(asUtc + DAY, timeZone);
  const early = asUtc - before;
  const late = asUtc - after;
  const earlyFits = zoneOffset(early, timeZone) === before;
  const lateFits = zoneOffset(late, timeZone) === after;
  if (earlyFits && lateFits) return Math.min(early, late);
  if (earlyFits) return early;
  if (lateFits) return late;
  // In a gap: neither offset shows this wall time. Keep the offset from before the gap.
  return early;
}

/** The calendar day of `instant` in `timeZone`, as a day number (days since 1970-01-01). */
export function zonedDayNumber(instant: number, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day) / DAY;
}

/** A day number's calendar date. */
export function dayNumberDate(dayNumber: number): { year: number; month: number; day: number } {
  const date = new Date(dayNumber * DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** `YYYY-MM-DD` of a day number. */
export function dayNumberIso(dayNumber: number): string {
  return new Date(dayNumber * DAY).toISOString().slice(0, 10);
}

/** Days in a month (`month` 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The calendar day a stored date means in `timeZone`: a plain `YYYY-MM-DD` is that day
 * wherever the zone is; a timestamp (ISO text with a time, a Date, epoch milliseconds) is
 * the day its instant falls on in the zone. Undefined for blanks and unreadable values.
 */
export function calendarDay(value: string | number | Date | null | undefined, timeZone: string): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'string') {
    const dateOnly = DATE_ONLY.exec(value.trim());
    if (dateOnly) return Date.UTC(Number(dateOnly[1]), Number(dateOnly[2]) - 1, Number(dateOnly[3])) / DAY;
  }
  const time = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(time)) return undefined;
  return zonedDayNumber(time, timeZone);
}

/**
 * The instant a stored date means in `timeZone`: a plain `YYYY-MM-DD` is the start of that
 * day in the zone (midnight, or the first instant after a gap at midnight); a timestamp is
 * its own instant.
 */
export function dateInstant(value: string | number | Date | null | undefined, timeZone: string): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'string') {
    const dateOnly = DATE_ONLY.exec(value.trim());
    if (dateOnly) return zonedInstant({ year: Number(dateOnly[1]), month: Number(dateOnly[2]), day: Number(dateOnly[3]) }, timeZone);
  }
  const time = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(time) ? time : undefined;
}

/** `HH:MM` (00:00–23:59) → minutes after midnight, or undefined. */
export function parseTimeOfDay(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** The instant of `minutes` after midnight on the day numbered `dayNumber`, in `timeZone`. */
export function instantOnDay(dayNumber: number, minutes: number, timeZone: string): number {
  const { year, month, day } = dayNumberDate(dayNumber);
  return zonedInstant({ year, month, day, hour: Math.floor(minutes / 60), minute: minutes % 60 }, timeZone);
}

export { MINUTE, DAY };
