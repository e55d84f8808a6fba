/** Lifecycle stages from order history, table-driven, with the default and changed thresholds. */
import { expect } from '@open-wc/testing';
import { lifecycleStage, type StageSummary, type StageThresholds } from '../../../src/core/lifecycle/stage.js';

const NOW = '2026-11-01';

const cases: Array<[string, StageSummary, string, StageThresholds?]> = [
  ['no orders is a lead', { orders: 0 }, 'potential'],
  ['no orders even with a stray date', { orders: 0, lastOrderAt: '2026-10-30' }, 'potential'],
  ['one recent order is new', { orders: 1, firstOrderAt: '2026-10-20', lastOrderAt: '2026-10-20' }, 'new'],
  ['repeat recent orders are active', { orders: 5, firstOrderAt: '2025-01-01', lastOrderAt: '2026-10-25' }, 'active'],
  ['59 days since last order: still active', { orders: 3, lastOrderAt: '2026-09-03' }, 'active'],
  ['60 days since last order: still active (more than 60 is silent)', { orders: 3, lastOrderAt: '2026-09-02' }, 'active'],
  ['60 days with one order: still new', { orders: 1, lastOrderAt: '2026-09-02' }, 'new'],
  ['61 days since last order: silent', { orders: 3, lastOrderAt: '2026-09-01' }, 'silent'],
  ['one order 90 days ago is silent, not new', { orders: 1, lastOrderAt: '2026-08-03' }, 'silent'],
  ['179 days: silent', { orders: 4, lastOrderAt: '2026-05-06' }, 'silent'],
  ['180 days: still silent', { orders: 4, lastOrderAt: '2026-05-05' }, 'silent'],
  ['181 days: churned', { orders: 4, lastOrderAt: '2026-05-04' }, 'churned'],
  ['two years: churned', { orders: 12, lastOrderAt: '2024-11-01' }, 'churned'],
  ['first order date used when last is missing', { orders: 1, firstOrderAt: '2026-01-01' }, 'churned'],
  ['no dates: count decides', { orders: 2 }, 'active'],
  ['future order counts as today', { orders: 2, lastOrderAt: '2026-12-01' }, 'active'],
  ['ISO timestamp (UTC day 61)', { orders: 2, lastOrderAt: '2026-09-01T12:00:00Z' }, 'silent'],
  ['Date object', { orders: 2, lastOrderAt: new Date(2026, 9, 31) }, 'active'],
  ['custom thresholds: 31 days is silent after 30', { orders: 2, lastOrderAt: '2026-10-01' }, 'silent', { silentAfterDays: 30, churnedAfterDays: 90 }],
  ['custom thresholds: 30 days is not yet', { orders: 2, lastOrderAt: '2026-10-02' }, 'active', { silentAfterDays: 30, churnedAfterDays: 90 }],
  ['custom thresholds: churned after 90', { orders: 2, lastOrderAt: '2026-08-01' }, 'churned', { silentAfterDays: 30, churnedAfterDays: 90 }],
  ['custom: active needs 3 orders', { orders: 2, lastOrderAt: '2026-10-30' }, 'new', { activeMinOrders: 3 }],
];

describe('lifecycleStage', () => {
  for (const [label, summary, expected, thresholds] of cases) {
    it(`${label} → ${expected}`, () => {
      expect(lifecycleStage(summary, NOW, thresholds, { timeZone: 'UTC' })).to.equal(expected);
    });
  }

  it('takes `now` as a Date, a timestamp or a date string alike', () => {
    const summary = { orders: 3, lastOrderAt: '2026-09-01' };
    expect(lifecycleStage(summary, new Date(2026, 10, 1, 9, 0))).to.equal('silent');
    expect(lifecycleStage(summary, new Date(2026, 10, 1, 9, 0).getTime())).to.equal('silent');
    expect(lifecycleStage(summary, new Date(2026, 9, 31, 23, 0))).to.equal('active');
  });

  it("counts days in the app's time zone, not the browser's", () => {
    // 2026-11-01 17:00 UTC is already 2 November in Shanghai (UTC+8) but still 1 November in
    // Los Angeles: an order on 2 September is 61 days back in Shanghai, 60 in Los Angeles.
    const now = Date.UTC(2026, 10, 1, 17, 0);
    const summary = { orders: 3, lastOrderAt: '2026-09-02' };
    expect(lifecycleStage(summary, now, {}, { timeZone: 'Asia/Shanghai' })).to.equal('silent');
    expect(lifecycleStage(summary, now, {}, { timeZone: 'America/Los_Angeles' })).to.equal('active');
    // A timestamped order falls on its own day in the zone: 20:00 UTC on 1 Sep is 2 Sep in Shanghai.
    const late = { orders: 3, lastOrderAt: '2026-09-01T20:00:00Z' };
    expect(lifecycleStage(late, '2026-11-01', {}, { timeZone: 'Asia/Shanghai' })).to.equal('active');
    expect(lifecycleStage(late, '2026-11-01', {}, { timeZone: 'UTC' })).to.equal('silent');
  });

  it('counts calendar days across a daylight-saving change', () => {
    // Berlin moves clocks back on 25 October 2026: 31 Aug → 31 Oct is still 61 calendar days.
    const summary = { orders: 2, lastOrderAt: '2026-08-31' };
    const now = Date.UTC(2026, 9, 31, 0, 30); // 01:30 in Berlin on 31 October
    expect(lifecycleStage(summary, now, {}, { timeZone: 'Europe/Berlin' })).to.equal('silent');
    expect(lifecycleStage({ orders: 2, lastOrderAt: '2026-09-01' }, now, {}, { timeZone: 'Europe/Berlin' })).to.equal('active');
  });

  it('refuses thresholds that make no sense', () => {
    expect(() => lifecycleStage({ orders: 1 }, NOW, { silentAfterDays: 90, churnedAfterDays: 60 })).to.throw(RangeError);
    expect(() => lifecycleStage({ orders: 1 }, NOW, { silentAfterDays: -1 })).to.throw(RangeError);
    expect(() => lifecycleStage({ orders: 1, lastOrderAt: '2026-01-01' }, 'not a date')).to.throw(RangeError);
    expect(() => lifecycleStage({ orders: 1 }, NOW, {}, { timeZone: 'Mars/Olympus' })).to.throw(RangeError);
  });
});
