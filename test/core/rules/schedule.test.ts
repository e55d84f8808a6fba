/** Time-based rule triggers: date-relative and recurring occurrences in a zone, DST included. */
import { expect } from '@open-wc/testing';
import {
  dateRelativeOccurrence,
  dueDateRelative,
  nextRecurrence,
  recurrencesBetween,
  shouldFire,
  type DateRelativeTrigger,
  type RecurringTrigger,
} from '../../../src/core/rules/schedule.js';
import { zonedParts } from '../../../src/core/time/zoned.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SH = 'Asia/Shanghai';

const after = (offset: number, at?: string): DateRelativeTrigger => ({ type: 'date-relative', fieldId: 'lastOrder', offset, unit: 'days', ...(at ? { at } : {}) });

describe('date-relative triggers', () => {
  it('fires 3, 7 and 15 days after the last order at 10:00 in the app zone', () => {
    const at = (days: number) => dateRelativeOccurrence(after(days, '10:00'), '2026-11-01', SH)!.at;
    expect(at(3)).to.equal(Date.UTC(2026, 10, 4, 2));
    expect(at(7)).to.equal(Date.UTC(2026, 10, 8, 2));
    expect(at(15)).to.equal(Date.UTC(2026, 10, 16, 2));
    // The key is the date the rule is relative to: moving the rule to 11:00 keeps it.
    expect(dateRelativeOccurrence(after(3, '11:00'), '2026-11-01', SH)!.key).to.equal(dateRelativeOccurrence(after(3, '10:00'), '2026-11-01', SH)!.key);
  });

  it('before a date, and without a time of day at the date’s own time', () => {
    expect(dateRelativeOccurrence(after(-2), '2026-11-10', SH)!.at).to.equal(Date.UTC(2026, 10, 7, 16));
    const stamp = '2026-11-10T06:30:00Z'; // 14:30 in Shanghai
    expect(dateRelativeOccurrence(after(1), stamp, SH)!.at).to.equal(Date.UTC(2026, 10, 11, 6, 30));
  });

  it('keeps the wall time across a daylight-saving change; hours are elapsed time', () => {
    // Berlin: clocks go back on 25 Oct 2026. 10:00 on 24 Oct is 08:00 UTC, 10:00 on 26 Oct is 09:00 UTC.
    const day = dateRelativeOccurrence(after(2, '10:00'), '2026-10-24', 'Europe/Berlin')!;
    expect(zonedParts(day.at, 'Europe/Berlin')).to.deep.include({ day: 26, hour: 10, minute: 0 });
    expect(day.at).to.equal(Date.UTC(2026, 9, 26, 9));
    const hours = dateRelativeOccurrence({ type: 'date-relative', fieldId: 'x', offset: 48, unit: 'hours' }, '2026-10-24T08:00:00Z', 'Europe/Berlin')!;
    expect(hours.at).to.equal(Date.UTC(2026, 9, 26, 8));
    expect(zonedParts(hours.at, 'Europe/Berlin').hour).to.equal(9);
    const minutes = dateRelativeOccurrence({ type: 'date-relative', fieldId: 'x', offset: -90, unit: 'minutes' }, '2026-10-24T08:00:00Z', 'UTC')!;
    expect(minutes.at).to.equal(Date.UTC(2026, 9, 24, 6, 30));
  });

  it('has no occurrence without a readable date', () => {
    expect(dateRelativeOccurrence(after(3), null, SH)).to.equal(undefined);
    expect(dateRelativeOccurrence(after(3), '', SH)).to.equal(undefined);
    expect(dateRelativeOccurrence(after(3), 'next week', SH)).to.equal(undefined);
  });

  it('finds exactly the records due in a window, as a plain loop over every record does', () => {
    const trigger = after(7, '10:00');
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const records = Array.from({ length: 3000 }, (_, i) => ({
      id: `c${i}`,
      last: i % 50 === 0 ? null : new Date(Date.UTC(2026, 9, 1) + Math.floor(random() * 60) * DAY).toISOString().slice(0, 10),
    }));
    for (const [since, now] of [
      [Date.UTC(2026, 10, 3, 1), Date.UTC(2026, 10, 3, 3)],
      [Date.UTC(2026, 10, 1), Date.UTC(2026, 10, 8)],
      [Date.UTC(2026, 10, 5, 2, 0, 1), Date.UTC(2026, 10, 5, 2, 30)],
    ] as const) {
      const due = dueDateRelative(trigger, records, (r) => r.last, since, now, SH).map((d) => d.record.id);
      const plain = records
        .filter((r) => {
          const occurrence = dateRelativeOccurrence(trigger, r.last, SH);
          return occurrence !== undefined && occurrence.at > since && occurrence.at <= now;
        })
        .map((r) => r.id);
      expect(due).to.deep.equal(plain);
    }
    expect(dueDateRelative(trigger, records, (r) => r.last, Date.UTC(2026, 10, 1), Date.UTC(2026, 10, 8), SH).length).to.be.greaterThan(50);
  });
});

describe('recurring triggers', () => {
  const daily: RecurringTrigger = { type: 'recurring', every: 'day', at: '09:30' };

  it('every day at a time, in the zone', () => {
    const next = nextRecurrence(daily, Date.UTC(2026, 11, 1, 2), SH);
    expect(next.at).to.equal(Date.UTC(2026, 11, 2, 1, 30));
    expect(next.key).to.equal('2026-12-02');
    const list = recurrencesBetween(daily, Date.UTC(2026, 11, 1), Date.UTC(2026, 11, 4, 12), SH);
    expect(list.map((o) => o.key)).to.deep.equal(['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
  });

  it('every week on a weekday', () => {
    const friday: RecurringTrigger = { type: 'recurring', every: 'week', at: '18:00', weekday: 5 };
    const next = nextRecurrence(friday, Date.UTC(2026, 11, 1), 'UTC');
    expect(next.at).to.equal(Date.UTC(2026, 11, 4, 18));
    expect(recurrencesBetween(friday, Date.UTC(2026, 11, 1), Date.UTC(2026, 11, 31), 'UTC').length).to.equal(4);
  });

  it('the 31st of a short month is its last day', () => {
    const monthly: RecurringTrigger = { type: 'recurring', every: 'month', at: '08:00', day: 31 };
    const list = recurrencesBetween(monthly, Date.UTC(2026, 0, 1), Date.UTC(2026, 11, 31, 23), 'UTC');
    expect(list.map((o) => new Date(o.at).toISOString().slice(0, 10))).to.deep.equal([
      '2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30',
      '2026-07-31', '2026-08-31', '2026-09-30', '2026-10-31', '2026-11-30', '2026-12-31',
    ]);
    expect(list[1]!.key).to.equal('2026-02');
    expect(nextRecurrence(monthly, Date.UTC(2028, 1, 1), 'UTC').at).to.equal(Date.UTC(2028, 1, 29, 8));
  });

  it('keeps the wall time through DST, and a time in the gap moves past it', () => {
    const list = recurrencesBetween({ type: 'recurring', every: 'day', at: '02:30' }, Date.UTC(2026, 2, 27), Date.UTC(2026, 2, 31), 'Europe/Berlin');
    expect(list.map((o) => zonedParts(o.at, 'Europe/Berlin').hour)).to.deep.equal([2, 2, 3, 2]);
    expect(list[2]!.key).to.equal('2026-03-29');
  });

  it('catches up on the most recent occurrences only, up to the limit', () => {
    const list = recurrencesBetween(daily, Date.UTC(2025, 0, 1), Date.UTC(2026, 11, 1, 12), SH, 3);
    expect(list.map((o) => o.key)).to.deep.equal(['2026-11-29', '2026-11-30', '2026-12-01']);
  });

  it('refuses a malformed time of day', () => {
    expect(() => nextRecurrence({ type: 'recurring', every: 'day', at: '25:00' }, 0, 'UTC')).to.throw(RangeError);
  });
});

describe('catch-up policy', () => {
  const occurrence = { at: Date.UTC(2026, 10, 20, 2), key: '2026-11-17' };
  it('fires on time always, and late by the policy', () => {
    expect(shouldFire(occurrence, occurrence.at + 60_000, { missed: 'skip' })).to.equal(true);
    expect(shouldFire(occurrence, occurrence.at + 7 * DAY, { missed: 'skip' })).to.equal(false);
    expect(shouldFire(occurrence, occurrence.at + 7 * DAY, { missed: 'fire' })).to.equal(true);
    expect(shouldFire(occurrence, occurrence.at + 7 * DAY, { missed: 'fire', maxLateDays: 3 })).to.equal(false);
    expect(shouldFire(occurrence, occurrence.at + 2 * DAY, { missed: 'fire', maxLateDays: 3 })).to.equal(true);
  });
});
