/** Wall-clock time in IANA zones, daylight-saving gaps and overlaps included. */
import { expect } from '@open-wc/testing';
import {
  calendarDay,
  dateInstant,
  dayNumberIso,
  daysInMonth,
  instantOnDay,
  isTimeZone,
  parseTimeOfDay,
  zoneOffset,
  zonedInstant,
  zonedParts,
} from '../../../src/core/time/zoned.js';

const HOUR = 3_600_000;

describe('zoned time', () => {
  it('reads the wall clock of an instant in a zone', () => {
    const instant = Date.UTC(2026, 0, 5, 18, 30);
    expect(zonedParts(instant, 'Asia/Shanghai')).to.deep.include({ year: 2026, month: 1, day: 6, hour: 2, minute: 30, weekday: 2 });
    expect(zonedParts(instant, 'America/New_York')).to.deep.include({ year: 2026, month: 1, day: 5, hour: 13, minute: 30, weekday: 1 });
    expect(zoneOffset(instant, 'Asia/Shanghai')).to.equal(8 * HOUR);
  });

  it('resolves a wall time to its instant', () => {
    expect(zonedInstant({ year: 2026, month: 3, day: 1, hour: 10 }, 'Asia/Shanghai')).to.equal(Date.UTC(2026, 2, 1, 2));
    expect(zonedInstant({ year: 2026, month: 7, day: 1, hour: 10 }, 'Europe/Berlin')).to.equal(Date.UTC(2026, 6, 1, 8));
    expect(zonedInstant({ year: 2026, month: 1, day: 1, hour: 10 }, 'Europe/Berlin')).to.equal(Date.UTC(2026, 0, 1, 9));
  });

  it('moves a time in the spring-forward gap past it, by the same length', () => {
    // Berlin skips 02:00–03:00 on 29 March 2026 (01:00 UTC).
    const instant = zonedInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin');
    expect(instant).to.equal(Date.UTC(2026, 2, 29, 1, 30));
    expect(zonedParts(instant, 'Europe/Berlin')).to.deep.include({ hour: 3, minute: 30 });
  });

  it('takes the first of a time that happens twice when clocks go back', () => {
    // Berlin repeats 02:00–03:00 on 25 October 2026.
    expect(zonedInstant({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin')).to.equal(Date.UTC(2026, 9, 25, 0, 30));
    expect(zonedInstant({ year: 2026, month: 10, day: 25, hour: 3, minute: 30 }, 'Europe/Berlin')).to.equal(Date.UTC(2026, 9, 25, 2, 30));
  });

  it('round-trips every hour of a DST year (New York)', () => {
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 7 * HOUR) {
      const p = zonedParts(t, 'America/New_York');
      const back = zonedInstant(p, 'America/New_York');
      // Only the repeated hour may resolve to its other (earlier) occurrence.
      expect(back === t || back === t - HOUR, new Date(t).toISOString()).to.equal(true);
    }
  });

  it('reads stored dates as calendar days in the zone', () => {
    expect(dayNumberIso(calendarDay('2026-09-02', 'Pacific/Kiritimati')!)).to.equal('2026-09-02');
    expect(dayNumberIso(calendarDay('2026-09-01T20:00:00Z', 'Asia/Shanghai')!)).to.equal('2026-09-02');
    expect(dayNumberIso(calendarDay('2026-09-01T20:00:00Z', 'UTC')!)).to.equal('2026-09-01');
    expect(calendarDay('', 'UTC')).to.equal(undefined);
    expect(calendarDay('soon', 'UTC')).to.equal(undefined);
    expect(dateInstant('2026-09-02', 'Asia/Shanghai')).to.equal(Date.UTC(2026, 8, 1, 16));
  });

  it('knows zones, times of day and month lengths', () => {
    expect(isTimeZone('Asia/Shanghai')).to.equal(true);
    expect(isTimeZone('Mars/Olympus')).to.equal(false);
    expect(isTimeZone(42)).to.equal(false);
    expect(parseTimeOfDay('10:00')).to.equal(600);
    expect(parseTimeOfDay('24:00')).to.equal(undefined);
    expect(parseTimeOfDay('9:00')).to.equal(undefined);
    expect(daysInMonth(2026, 2)).to.equal(28);
    expect(daysInMonth(2028, 2)).to.equal(29);
    expect(daysInMonth(2026, 4)).to.equal(30);
    const day = calendarDay('2026-03-29', 'UTC')!;
    expect(instantOnDay(day, 150, 'Europe/Berlin')).to.equal(Date.UTC(2026, 2, 29, 1, 30));
  });
});
