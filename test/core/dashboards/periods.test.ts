/** Period arithmetic of dashboards: comparison windows (table-driven, month ends and leap days) and period keys. */
import { expect } from '@open-wc/testing';
import { compareWindows, periodKey } from '../../../src/core/dashboards/index.js';
import { monthIndex } from '../../../src/core/dashboards/periods.js';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const iso = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

describe('compareWindows', () => {
  const cases: Array<[string, 'day' | 'week' | 'month' | 'quarter' | 'year', string, string, string, string]> = [
    ['2026-06-15', 'day', '2026-06-15', '2026-06-15', '2026-06-14', '2026-06-14'],
    ['2026-06-17', 'week', '2026-06-15', '2026-06-17', '2026-06-08', '2026-06-10'], // Wednesday: Monday–Wednesday of both weeks
    ['2026-01-12', 'month', '2026-01-01', '2026-01-12', '2025-12-01', '2025-12-12'],
    ['2026-03-31', 'month', '2026-03-01', '2026-03-31', '2026-02-01', '2026-02-28'],
    ['2024-03-31', 'month', '2024-03-01', '2024-03-31', '2024-02-01', '2024-02-29'],
    ['2026-05-20', 'quarter', '2026-04-01', '2026-05-20', '2026-01-01', '2026-02-20'],
    ['2024-02-29', 'year', '2024-01-01', '2024-02-29', '2023-01-01', '2023-02-28'],
  ];
  for (const [today, period, from, to, previousFrom, previousTo] of cases) {
    it(`${period} on ${today}`, () => {
      const windows = compareWindows(day(today), period);
      expect([iso(windows.current.from), iso(windows.current.to), iso(windows.previous.from), iso(windows.previous.to)]).to.deep.equal([from, to, previousFrom, previousTo]);
    });
  }
});

describe('monthIndex', () => {
  it('matches the calendar for every day from 1899 to 2101', () => {
    for (let d = day('1899-01-01'); d <= day('2101-12-31'); d++) {
      const date = new Date(d * 86_400_000);
      const expected = date.getUTCFullYear() * 12 + date.getUTCMonth();
      if (monthIndex(d) !== expected) expect(monthIndex(d), iso(d)).to.equal(expected);
    }
  });
});

describe('periodKey', () => {
  it('names days, ISO weeks across a year end, and months', () => {
    expect(periodKey(day('2024-03-05'), 'day')).to.equal('2024-03-05');
    expect(periodKey(day('2024-12-30'), 'week')).to.equal('2025-W01');
    expect(periodKey(day('2021-01-03'), 'week')).to.equal('2020-W53');
    expect(periodKey(day('2026-01-31'), 'month')).to.equal('2026-01');
  });
});
