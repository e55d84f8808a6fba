/** Each panel's numbers against a hand-written loop over generated data: ties, empty groups, time zones at month edges. */
import { expect } from '@open-wc/testing';
import { computeDashboard, computePanel, leadToCashSteps, resultToCsv, type PanelDef, type PanelResult } from '../../../src/core/dashboards/index.js';
import { measureOutcome, type OutcomeRun, type RuleDef } from '../../../src/core/rules/index.js';
import type { RecordData } from '../../../src/core/schema/types.js';
import { NOW, TODAY, customers, dataOf, deals, generate, leads, orders, payments, record, shopApp } from './fixtures.js';

const generated = generate(600);
const app = shopApp();
const data = dataOf(app, generated);
const base = { id: 'p', title: 'Panel', tableId: 'customers' } as const;

/** The Shanghai calendar day (UTC+8, no DST) of a stored date or date-time. */
function shanghaiDay(value: string): string {
  return value.length === 10 ? value : new Date(Date.parse(value) + 8 * 3_600_000).toISOString().slice(0, 10);
}
const dayNo = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const month = (iso: string) => iso.slice(0, 7);
const monthNo = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;

function column(result: PanelResult, key: string): (number | null)[] {
  const series = result.series.find((s) => s.key === key);
  if (!series) throw new Error(`no series ${key}`);
  return series.values;
}

describe('metric panels', () => {
  it('counts by a choice in choice order, an empty choice included, blanks last', () => {
    const result = computePanel({ ...base, kind: 'metric', chart: 'bar', measure: { op: 'count' }, group: { fieldId: 'tier' } }, data);
    expect(result.categories.map((c) => c.key)).to.deep.equal(['regular', 'silver', 'gold', 'platinum', '']);
    expect(result.categories.map((c) => c.label)).to.deep.equal(['Regular', 'Silver', 'Gold', 'Platinum', '(blank)']);
    const expected = ['regular', 'silver', 'gold', 'platinum', null].map((tier) => generated.customers.filter((c) => (c.values.tier ?? null) === tier).length);
    expect(column(result, 'value')).to.deep.equal(expected);
    expect(expected[3]).to.equal(0);
  });

  it('sums and averages a field per group, an empty group averaging to nothing', () => {
    const avg = computePanel({ ...base, kind: 'metric', chart: 'bar', measure: { op: 'avg', fieldId: 'ltv' }, group: { fieldId: 'tier' } }, data);
    const sum = computePanel({ ...base, kind: 'metric', chart: 'pie', measure: { op: 'sum', fieldId: 'ltv' }, group: { fieldId: 'tier' } }, data);
    ['regular', 'silver', 'gold', 'platinum', null].forEach((tier, i) => {
      const values = generated.customers.filter((c) => (c.values.tier ?? null) === tier).map((c) => c.values.ltv).filter((v): v is number => typeof v === 'number');
      const total = values.reduce((a, b) => a + b, 0);
      expect(sum.series[0].values[i]).to.be.closeTo(total, 1e-6);
      if (values.length === 0) expect(avg.series[0].values[i]).to.equal(null);
      else expect(avg.series[0].values[i]).to.be.closeTo(total / values.length, 1e-6);
    });
    expect(avg.series[0].format).to.equal('money');
  });

  it('groups by a stage and measures a formula through the derived values', () => {
    const result = computePanel({ ...base, kind: 'metric', chart: 'funnel', measure: { op: 'sum', fieldId: 'spend' }, group: { fieldId: 'stage' } }, data);
    expect(result.categories.map((c) => c.key)).to.deep.equal(['potential', 'new', 'active', 'silent', 'churned']);
    result.categories.forEach((category, i) => {
      let total = 0;
      for (const c of generated.customers) if (generated.derived.get(c.id)!.stage === category.key) total += generated.derived.get(c.id)!.spend as number;
      expect(result.series[0].values[i]).to.be.closeTo(total, 1e-6);
    });
  });

  it('groups date-times by month in the app time zone, months without orders included', () => {
    const result = computePanel({ ...base, tableId: 'orders', kind: 'metric', chart: 'line', measure: { op: 'count' }, group: { fieldId: 'paidAt', by: 'month' } }, data);
    const counts = new Map<string, number>();
    for (const o of generated.orders) counts.set(month(shanghaiDay(o.values.paidAt as string)), (counts.get(month(shanghaiDay(o.values.paidAt as string))) ?? 0) + 1);
    const keys = [...counts.keys()].sort();
    expect(result.categories[0].key).to.equal(keys[0]);
    expect(result.categories.at(-1)!.key).to.equal(keys.at(-1));
    result.categories.forEach((c, i) => expect(result.series[0].values[i], c.key).to.equal(counts.get(c.key) ?? 0));
    // Some order paid on 31 Jan after 16:00 UTC counts in February.
    const edge = generated.orders.find((o) => (o.values.date as string).endsWith('-31') && shanghaiDay(o.values.paidAt as string) !== o.values.date);
    expect(edge, 'the data has an order across a month edge').to.not.equal(undefined);
  });

  it('groups a day gap-free and by ISO week', () => {
    const few: RecordData[] = [record('orders', 'a', { date: '2024-12-30' }), record('orders', 'b', { date: '2025-01-05' }), record('orders', 'c', { date: '2025-01-06' }), record('orders', 'd', { date: null })];
    const d = dataOf(app, { customers: [], orders: few, derived: new Map() });
    const weeks = computePanel({ ...base, tableId: 'orders', kind: 'metric', chart: 'bar', measure: { op: 'count' }, group: { fieldId: 'date', by: 'week' } }, d);
    expect(weeks.categories.map((c) => c.key)).to.deep.equal(['2025-W01', '2025-W02', '']);
    expect(weeks.series[0].values).to.deep.equal([2, 1, 1]);
    const days = computePanel({ ...base, tableId: 'orders', kind: 'metric', chart: 'bar', measure: { op: 'count' }, group: { fieldId: 'date', by: 'day' } }, d);
    expect(days.categories.length).to.equal(8 + 1);
    expect(days.series[0].values.slice(0, 8)).to.deep.equal([1, 0, 0, 0, 0, 0, 1, 1]);
  });

  it('filters with the condition builder’s logic before measuring', () => {
    const result = computePanel({ ...base, kind: 'metric', chart: 'bar', measure: { op: 'count' }, group: { fieldId: 'source' }, filter: { '===': [{ var: 'vip' }, true] } }, data);
    const vip = generated.customers.filter((c) => c.values.vip === true);
    expect(column(result, 'value').reduce((a, b) => a! + b!, 0)).to.equal(vip.length);
    expect(column(result, 'value')[0]).to.equal(vip.filter((c) => c.values.source === 'online').length);
  });

  it('pivots rows by one field and columns by another', () => {
    const result = computePanel({ ...base, kind: 'metric', chart: 'pivot', measure: { op: 'count' }, group: { fieldId: 'tier' }, columns: { fieldId: 'vip' } }, data);
    for (const [r, row] of result.categories.entries()) {
      for (const series of result.series) {
        const expected = generated.customers.filter((c) => String(c.values.tier ?? '') === row.key && String(c.values.vip) === series.key).length;
        expect(series.values[r], `${row.key}/${series.key}`).to.equal(expected);
      }
    }
  });

  it('compares a number with the same part of the previous period', () => {
    const panel: PanelDef = { ...base, kind: 'metric', chart: 'number', measure: { op: 'count' }, compare: { dateFieldId: 'registeredOn', period: 'month' } };
    const result = computePanel(panel, data);
    const inRange = (from: string, to: string) => generated.customers.filter((c) => (c.values.registeredOn as string) >= from && (c.values.registeredOn as string) <= to).length;
    expect(result.headline!.current).to.deep.equal({ from: '2026-06-01', to: TODAY });
    expect(result.headline!.previousRange).to.deep.equal({ from: '2026-05-01', to: '2026-05-15' });
    expect(result.headline!.value).to.equal(inRange('2026-06-01', TODAY));
    expect(result.headline!.previous).to.equal(inRange('2026-05-01', '2026-05-15'));
    const upTo = computePanel({ ...panel, compare: { dateFieldId: 'registeredOn', period: 'month', upTo: true } }, data);
    expect(upTo.headline!.value).to.equal(inRange('0000', TODAY));
    expect(upTo.headline!.previous).to.equal(inRange('0000', '2026-05-15'));
    const value = upTo.headline!.value!;
    const previous = upTo.headline!.previous!;
    expect(upTo.headline!.change).to.be.closeTo((value - previous) / previous, 1e-12);
  });

  it('clamps the previous period to a shorter month and uses the app zone for today', () => {
    const march31 = { ...data, now: new Date('2026-03-30T16:30:00Z') }; // 31 March in Shanghai
    const result = computePanel({ ...base, kind: 'metric', chart: 'number', measure: { op: 'count' }, compare: { dateFieldId: 'registeredOn', period: 'month' } }, march31);
    expect(result.headline!.current).to.deep.equal({ from: '2026-03-01', to: '2026-03-31' });
    expect(result.headline!.previousRange).to.deep.equal({ from: '2026-02-01', to: '2026-02-28' });
    const quarter = computePanel({ ...base, kind: 'metric', chart: 'number', measure: { op: 'count' }, compare: { dateFieldId: 'registeredOn', period: 'quarter' } }, march31);
    expect(quarter.headline!.previousRange).to.deep.equal({ from: '2025-10-01', to: '2025-12-31' });
  });

  it('says which field is missing rather than showing numbers', () => {
    const result = computePanel({ ...base, kind: 'metric', chart: 'bar', measure: { op: 'sum', fieldId: 'gone' }, group: { fieldId: 'tier' } }, data);
    expect(result.note).to.deep.equal({ code: 'dashboard.missingField', params: { table: '客户', value: 'gone' } });
  });
});

describe('LTV distribution', () => {
  it('bins like a plain loop, values on an edge in the bin above, the maximum in the last', () => {
    const result = computePanel({ ...base, kind: 'histogram', fieldId: 'ltv', bins: 8 }, data);
    const values = generated.customers.map((c) => c.values.ltv).filter((v): v is number => typeof v === 'number');
    const min = Math.min(...values);
    const max = Math.max(...values);
    const width = (max - min) / 8;
    const counts = new Array(8).fill(0);
    for (const v of values) {
      let bin = 0;
      while (bin < 7 && v >= min + (bin + 1) * width) bin++;
      counts[bin]++;
    }
    expect(column(result, 'count')).to.deep.equal(counts);
    expect(result.categories[0].label).to.equal(`${min}–${min + width}`);
  });

  it('puts equal values in one bin', () => {
    const same = dataOf(app, { customers: [record('customers', 'a', { ltv: 5 }), record('customers', 'b', { ltv: 5 })], orders: [], derived: new Map() });
    expect(column(computePanel({ ...base, kind: 'histogram', fieldId: 'ltv' }, same), 'count')).to.deep.equal([2]);
  });
});

/** Counted orders' Shanghai days per customer (paid orders, dated by paidAt). */
function paidDays(): Map<string, number[]> {
  const days = new Map<string, number[]>();
  for (const o of generated.orders) {
    if (o.values.paid !== true) continue;
    const list = days.get(o.values.customer as string) ?? [];
    list.push(dayNo(shanghaiDay(o.values.paidAt as string)));
    days.set(o.values.customer as string, list);
  }
  return days;
}
const paidOnly = { '===': [{ var: 'paid' }, true] };

describe('cohort retention', () => {
  it('matches a plain loop by first-order month, in the app time zone', () => {
    const result = computePanel({ ...base, kind: 'cohort', ordersFieldId: 'orders', dateFieldId: 'paidAt', orderFilter: paidOnly, months: 6 }, data);
    const toMonth = (d: number) => monthNo(new Date(d * 86_400_000).toISOString().slice(0, 10));
    const size = new Map<number, number>();
    const kept = new Map<string, number>();
    for (const list of paidDays().values()) {
      const first = toMonth(Math.min(...list));
      size.set(first, (size.get(first) ?? 0) + 1);
      for (const offset of new Set(list.map((d) => toMonth(d) - first))) kept.set(`${first}:${offset}`, (kept.get(`${first}:${offset}`) ?? 0) + 1);
    }
    const now = monthNo(TODAY);
    result.categories.forEach((category, i) => {
      const m = monthNo(category.key);
      expect(column(result, 'customers')[i]).to.equal(size.get(m) ?? 0);
      for (let offset = 0; offset < 6; offset++) {
        const expected = m + offset > now || !size.get(m) ? null : (kept.get(`${m}:${offset}`) ?? 0) / size.get(m)!;
        expect(column(result, `m${offset}`)[i], `${category.key} +${offset}`).to.equal(expected);
      }
    });
    expect(column(result, 'm0').filter((v) => v !== null).every((v) => v === 1)).to.equal(true);
    expect(result.chart).to.equal('heatmap');
  });
});

describe('repurchase rate', () => {
  it('matches a plain loop: a later day within 30 / 60 / 90 days, same-day orders one visit, open windows left out', () => {
    const result = computePanel({ ...base, kind: 'repurchase', ordersFieldId: 'orders', dateFieldId: 'paidAt', orderFilter: paidOnly }, data);
    const today = dayNo(TODAY);
    const stats = new Map<string, { eligible: number; repeat: number }>();
    for (const list of paidDays().values()) {
      const sorted = [...new Set(list)].sort((a, b) => a - b);
      const first = sorted[0];
      const key = new Date(first * 86_400_000).toISOString().slice(0, 7);
      for (const w of [30, 60, 90]) {
        const s = stats.get(`${key}:${w}`) ?? { eligible: 0, repeat: 0 };
        if (first + w <= today) {
          s.eligible++;
          if (sorted.length > 1 && sorted[1] - first <= w) s.repeat++;
        }
        stats.set(`${key}:${w}`, s);
      }
    }
    for (const w of [30, 60, 90]) {
      result.categories.forEach((category, i) => {
        const s = stats.get(`${category.key}:${w}`);
        expect(column(result, `d${w}`)[i], `${category.key} ${w}`).to.equal(s && s.eligible > 0 ? s.repeat / s.eligible : null);
      });
    }
    const last = result.categories.length - 1;
    expect(column(result, 'd90')[last], 'this month’s customers have no 90 days behind them').to.equal(null);
  });

  it('does not count a second order on the same day as a repurchase', () => {
    const orderList = [record('orders', 'o1', { customer: 'a', date: '2026-01-10' }), record('orders', 'o2', { customer: 'a', date: '2026-01-10' }), record('orders', 'o3', { customer: 'b', date: '2026-01-20' }), record('orders', 'o4', { customer: 'b', date: '2026-02-19' })];
    const derived = new Map([['a', { orders: ['o1', 'o2'] }], ['b', { orders: ['o3', 'o4'] }]]);
    const d = dataOf(app, { customers: [record('customers', 'a', {}), record('customers', 'b', {})], orders: orderList, derived });
    const result = computePanel({ ...base, kind: 'repurchase', ordersFieldId: 'orders', dateFieldId: 'date', windows: [30] }, d);
    expect(result.categories.map((c) => c.key)).to.deep.equal(['2026-01']);
    expect(column(result, 'd30')).to.deep.equal([0.5]);
  });
});

describe('lead-to-cash', () => {
  const l2c = shopApp({ tables: [customers, orders, leads, deals, payments] });
  const rows = {
    leads: [record('leads', 'l1', { createdOn: '2026-01-01' }), record('leads', 'l2', { createdOn: '2026-01-02' }), record('leads', 'l3', { createdOn: '2026-01-03' }), record('leads', 'l4', { createdOn: '2026-01-04' })],
    deals: [record('deals', 'd1', { lead: 'l1', openedOn: '2026-01-11' }), record('deals', 'd1b', { lead: 'l1', openedOn: '2026-01-05' }), record('deals', 'd2', { lead: 'l2', openedOn: '2026-01-12' }), record('deals', 'dx', { lead: null, openedOn: '2026-01-12' })],
    payments: [record('payments', 'p1', { deal: 'd1b', paidOn: '2026-01-25' })],
  } as Record<string, RecordData[]>;
  const d = { app: l2c, records: (id: string) => rows[id] ?? [], now: NOW, locale: 'en' as const };

  it('finds the steps of an app that has them, and none in one that has not', () => {
    expect(leadToCashSteps(l2c)).to.deep.equal([
      { tableId: 'leads', dateFieldId: 'createdOn' },
      { tableId: 'deals', linkFieldId: 'lead', dateFieldId: 'openedOn' },
      { tableId: 'payments', linkFieldId: 'deal', dateFieldId: 'paidOn' },
    ]);
    expect(leadToCashSteps(app)).to.equal(undefined);
  });

  it('counts each step, its conversion from the one before and the median cycle time', () => {
    const result = computePanel({ ...base, tableId: 'leads', kind: 'leadToCash', steps: leadToCashSteps(l2c)! }, d);
    expect(result.categories.map((c) => c.key)).to.deep.equal(['leads', 'deals', 'payments']);
    expect(column(result, 'records')).to.deep.equal([4, 3, 1]);
    expect(column(result, 'conversion')).to.deep.equal([null, 0.5, 1 / 3]);
    // l1 → its earliest deal (5 Jan, 4 days), l2 → 10 days: median 7; d1b → p1: 20 days.
    expect(column(result, 'cycle')).to.deep.equal([null, 7, 20]);
  });

  it('says so when the app has no such tables', () => {
    const result = computePanel({ ...base, tableId: 'leads', kind: 'leadToCash', steps: [{ tableId: 'leads' }, { tableId: 'deals', linkFieldId: 'lead' }] }, data);
    expect(result.note?.code).to.equal('dashboard.noLeadToCash');
  });
});

describe('predicted CLV vs historic value', () => {
  it('averages both per group', () => {
    const result = computePanel({ ...base, kind: 'predicted', predictedFieldId: 'clv', historicFieldId: 'ltv', group: { fieldId: 'source' } }, data);
    result.categories.forEach((category, i) => {
      const members = generated.customers.filter((c) => String(c.values.source ?? '') === category.key);
      const avg = (key: string) => {
        const values = members.map((c) => c.values[key]).filter((v): v is number => typeof v === 'number');
        return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
      };
      expect(column(result, 'predicted')[i]).to.be.closeTo(avg('clv')!, 1e-6);
      expect(column(result, 'historic')[i]).to.be.closeTo(avg('ltv')!, 1e-6);
      expect(column(result, 'customers')[i]).to.equal(members.length);
    });
  });

  it('says the prediction field is missing', () => {
    const result = computePanel({ ...base, kind: 'predicted', predictedFieldId: 'predictedClv', historicFieldId: 'ltv' }, data);
    expect(result.note).to.deep.equal({ code: 'dashboard.missingField', params: { table: '客户', value: 'predictedClv' } });
  });
});

describe('A/B variants', () => {
  const rule: RuleDef = {
    id: 'coupon',
    name: 'Coupon',
    enabled: true,
    tableId: 'customers',
    trigger: { type: 'record-created' },
    actions: [{ type: 'add-tags', fieldId: 'tags', tags: ['x'] }],
    variants: [{ id: 'A', weight: 1 }, { id: 'B', weight: 1 }],
    outcome: { type: 'related-record', relationFieldId: 'orders', dateFieldId: 'date', withinDays: 30 },
  } as RuleDef;
  const runs: OutcomeRun[] = generated.customers.slice(0, 200).map((c, i) => ({ rule: 'coupon', record: c.id, variant: i % 2 ? 'B' : 'A', status: 'ok', at: '2025-06-01T02:00:00Z' }));

  it('reuses the run log’s comparison', () => {
    const withRule = shopApp({ rules: [rule] });
    const result = computePanel({ ...base, kind: 'variants', ruleId: 'coupon' }, dataOf(withRule, generated, { runs }));
    const expected = measureOutcome('coupon', ['A', 'B'], rule.outcome!, runs, {
      table: customers,
      records: new Map(generated.customers.map((c) => [c.id, c])),
      relatedTable: orders,
      relatedRecords: generated.orders,
      readValue: dataOf(withRule, generated).readValue,
      timeZone: 'Asia/Shanghai',
      now: NOW,
    });
    expect(result.categories.map((c) => c.key)).to.deep.equal(['A', 'B']);
    expect(column(result, 'rate')).to.deep.equal(expected.map((line) => line.rate));
    expect(column(result, 'reached')).to.deep.equal([100, 100]);
    expect(column(result, 'pValue')[1]).to.equal(expected[1].pValue);
  });

  it('notes a missing rule', () => {
    expect(computePanel({ ...base, kind: 'variants', ruleId: 'nope' }, data).note?.code).to.equal('dashboard.missingRule');
  });
});

describe('computeDashboard and CSV', () => {
  it('computes every panel in order', () => {
    const results = computeDashboard(
      { id: 'd', name: 'D', panels: [{ ...base, kind: 'metric', chart: 'number', measure: { op: 'count' } }, { ...base, id: 'q', kind: 'histogram', fieldId: 'ltv' }] },
      data,
    );
    expect(results[0].headline!.value).to.equal(generated.customers.length);
    expect(results[1].chart).to.equal('bar');
  });

  it('writes the data table with a BOM, CRLF, quoting and the formula guard', () => {
    const result: PanelResult = {
      chart: 'bar',
      categoryLabel: 'Tier, level',
      categories: [{ key: 'a', label: '=cmd' }, { key: 'b', label: '金卡 "VIP"' }],
      series: [{ key: 'v', label: 'Count', values: [3, null], format: 'number' }, { key: 'r', label: 'Rate', values: [0.25, 1], format: 'percent' }],
    };
    expect(resultToCsv(result, { value: 'Value', previous: 'Previous', change: 'Change' })).to.equal('\uFEFF"Tier, level",Count,Rate\r\n\'=cmd,3,0.25\r\n"金卡 ""VIP""",,1\r\n');
    const number: PanelResult = { chart: 'number', categoryLabel: '', categories: [], series: [], headline: { value: 12, previous: 10, change: 0.2, format: 'number' } };
    expect(resultToCsv(number, { value: '数值', previous: '上期', change: '变化' })).to.equal('\uFEFF数值,上期,变化\r\n12,10,0.2\r\n');
  });
});
