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
  ['60 days since last order: silent', { orders: 3, lastOrderAt: '2026-09-02' }, 'silent'],
  ['one order 90 days ago is silent, not new', { orders: 1, lastOrderAt: '2026-08-03' }, 'silent'],
  ['179 days: silent', { orders: 4, lastOrderAt: '2026-05-06' }, 'silent'],
  ['180 days: churned', { orders: 4, lastOrderAt: '2026-05-05' }, 'churned'],
  ['two years: churned', { orders: 12, lastOrderAt: '2024-11-01' }, 'churned'],
  ['first order date used when last is missing', { orders: 1, firstOrderAt: '2026-01-01' }, 'churned'],
  ['no dates: count decides', { orders: 2 }, 'active'],
  ['future order counts as today', { orders: 2, lastOrderAt: '2026-12-01' }, 'active'],
  ['ISO timestamp', { orders: 2, lastOrderAt: '2026-09-02T23:30:00' }, 'silent'],
  ['Date object', { orders: 2, lastOrderAt: new Date(2026, 9, 31) }, 'active'],
  ['custom thresholds: silent after 30', { orders: 2, lastOrderAt: '2026-09-30' }, 'silent', { silentAfterDays: 30, churnedAfterDays: 90 }],
  ['custom thresholds: churned after 90', { orders: 2, lastOrderAt: '2026-08-01' }, 'churned', { silentAfterDays: 30, churnedAfterDays: 90 }],
  ['custom: active needs 3 orders', { orders: 2, lastOrderAt: '2026-10-30' }, 'new', { activeMinOrders: 3 }],
];

describe('lifecycleStage', () => {
  for (const [label, summary, expected, thresholds] of cases) {
    it(`${label} → ${expected}`, () => {
      expect(lifecycleStage(summary, NOW, thresholds)).to.equal(expected);
    });
  }

  it('takes `now` as a Date, a timestamp or a date string alike', () => {
    const summary = { orders: 3, lastOrderAt: '2026-09-02' };
    expect(lifecycleStage(summary, new Date(2026, 10, 1, 9, 0))).to.equal('silent');
    expect(lifecycleStage(summary, new Date(2026, 10, 1, 9, 0).getTime())).to.equal('silent');
    expect(lifecycleStage(summary, new Date(2026, 9, 31, 23, 0))).to.equal('active');
  });

  it('refuses thresholds that make no sense', () => {
    expect(() => lifecycleStage({ orders: 1 }, NOW, { silentAfterDays: 90, churnedAfterDays: 60 })).to.throw(RangeError);
    expect(() => lifecycleStage({ orders: 1 }, NOW, { silentAfterDays: -1 })).to.throw(RangeError);
    expect(() => lifecycleStage({ orders: 1, lastOrderAt: '2026-01-01' }, 'not a date')).to.throw(RangeError);
  });
});
