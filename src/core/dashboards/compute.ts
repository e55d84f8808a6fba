/**
 * The numbers of a dashboard's panels, computed from records plus their derived values
 * (formulas, stages, inverse relations, through `readValue`), so formula and stage fields
 * count as they show in the table. Pure: the caller passes the records; nothing here reads a
 * store or draws.
 *
 * Every panel comes out in one shape, `PanelResult`: categories (the x axis, rows of the data
 * table) and series (one value per category), plus a headline number for number panels and a
 * note when there is nothing to compute (a table or field the app does not have). The chart,
 * the screen-reader table behind it and the CSV export all draw from that one shape.
 *
 * Days are calendar days in the app's time zone (`AppDef.timeZone`): a date-time stored as
 * `2026-01-31T17:00:00Z` is an order of 1 February in Asia/Shanghai.
 */
import type { AppDef, CellValue, FieldDef, Locale, RecordData, TableDef } from '../schema/types.js';
import { fieldChoices, fieldTypeOf, isInverseLink, linkedTable } from '../fields/index.js';
import { isBlank } from '../fields/values.js';
import { matchLogic } from '../conditions/match.js';
import type { ValueOf } from '../conditions/ops.js';
import { calendarDay, dayNumberIso, localTimeZone } from '../time/zoned.js';
import { isDateField } from '../schema/view-fields.js';
import { measureOutcome, outcomeRelation, type OutcomeRun } from '../rules/outcomes.js';
import type { DashboardIssueCode } from './messages.js';
import { compareWindows, monthIndex, monthKey, periodKey, periodKeys } from './periods.js';
import {
  REPURCHASE_WINDOWS,
  type CohortPanel,
  type DashboardDef,
  type HistogramPanel,
  type LeadToCashPanel,
  type LeadToCashStep,
  type MetricPanel,
  type PanelDef,
  type PanelGroup,
  type PredictedPanel,
  type RepurchasePanel,
  type VariantsPanel,
} from './model.js';

/** What panels are computed from. */
export interface DashboardData {
  app: AppDef;
  /** Every record of a table. */
  records: (tableId: string) => readonly RecordData[];
  /** Derived values (formulas, stages, inverse links) of a record; stored values are read from the record. */
  readValue?: ValueOf;
  /** The rules' run log (variants panels). */
  runs?: readonly OutcomeRun[];
  /** The display label of a linked record (relation groups); the id otherwise. */
  recordLabel?: (tableId: string, id: string) => string | undefined;
  /** The current instant (default: now). */
  now?: Date;
  locale?: Locale;
}

/** How a series' values read. */
export type ValueFormat = 'number' | 'money' | 'percent' | 'days';

/** One row of the data table / one point of the x axis. */
export interface Category {
  key: string;
  label: string;
}

/** One value per category; `null` where there is nothing to measure (an empty group's average). */
export interface Series {
  key: string;
  label: string;
  values: (number | null)[];
  format: ValueFormat;
  /** Shown in the data table and the CSV, not drawn (a cohort's size, a p-value). */
  tableOnly?: boolean;
}

/** How the result is drawn. */
export type ResultChart = 'number' | 'bar' | 'line' | 'area' | 'pie' | 'funnel' | 'pivot' | 'heatmap';

/** The headline of a number panel, with the previous period when it compares. */
export interface Headline {
  value: number | null;
  format: ValueFormat;
  previous?: number | null;
  /** (value − previous) / |previous|; null when previous is 0 or missing. */
  change?: number | null;
  /** The two periods compared, `YYYY-MM-DD` inclusive. */
  current?: { from: string; to: string };
  previousRange?: { from: string; to: string };
}

export interface PanelNote {
  code: DashboardIssueCode;
  params?: Record<string, string | number>;
}

/** A computed panel. */
export interface PanelResult {
  chart: ResultChart;
  /** The label of the category column (the grouping field's name). */
  categoryLabel: string;
  categories: Category[];
  series: Series[];
  headline?: Headline;
  /** Why there are no numbers. */
  note?: PanelNote;
}

/** Distinct date texts remembered per computation (date-times are mostly distinct; the memo stops growing). */
const MAX_MEMO_DAYS = 200_000;

/** Shared by the panels of one dashboard computation: the app's day and the days of date columns, read once. */
class Context {
  readonly timeZone: string;
  readonly today: number;
  readonly now: Date;
  readonly locale: Locale;
  private readonly days = new Map<string, Float64Array>();
  private readonly filtered = new Map<string, readonly RecordData[]>();
  private readonly dayByText = new Map<string, number>();
  private readonly historyCache = new Map<string, Histories>();

  constructor(readonly data: DashboardData) {
    this.timeZone = data.app.timeZone ?? localTimeZone();
    this.now = data.now ?? new Date();
    this.today = calendarDay(this.now, this.timeZone)!;
    this.locale = data.locale ?? 'en';
  }

  table(id: string): TableDef | undefined {
    return this.data.app.tables.find((t) => t.id === id);
  }

  value(record: RecordData, field: FieldDef): CellValue | undefined {
    if (this.data.readValue && fieldTypeOf(field).isDerived(field)) return this.data.readValue(record, field);
    return record.values[field.id];
  }

  /** The records of `table` matching `filter` (all without one), computed once per filter. */
  records(table: TableDef, filter: unknown): readonly RecordData[] {
    const all = this.data.records(table.id);
    if (filter === undefined || filter === true) return all;
    const key = `${table.id}\u0000${JSON.stringify(filter)}`;
    let matched = this.filtered.get(key);
    if (!matched) {
      matched = matchLogic(all, filter as never, table, { now: this.now, readValue: this.data.readValue });
      this.filtered.set(key, matched);
    }
    return matched;
  }

  /** The calendar day of every record's date field, NaN for none, aligned with `records(table)` (all). */
  dayColumn(table: TableDef, field: FieldDef): Float64Array {
    const key = `${table.id}\u0000${field.id}`;
    let days = this.days.get(key);
    if (!days) {
      const records = this.data.records(table.id);
      days = new Float64Array(records.length);
      for (let i = 0; i < records.length; i++) days[i] = this.dayOf(this.value(records[i], field));
      this.days.set(key, days);
    }
    return days;
  }

  /** The calendar day of a stored date, memoised: a million orders fall on a few hundred distinct days. */
  dayOf(value: unknown): number {
    if (typeof value !== 'string') return Number.NaN;
    let day = this.dayByText.get(value);
    if (day === undefined) {
      day = calendarDay(value, this.timeZone) ?? Number.NaN;
      if (this.dayByText.size < MAX_MEMO_DAYS) this.dayByText.set(value, day);
    }
    return day;
  }

  /** Order histories per customer, read once for the panels that share them (cohorts and repurchase). */
  histories(key: string, read: () => Histories): Histories {
    let found = this.historyCache.get(key);
    if (!found) this.historyCache.set(key, (found = read()));
    return found;
  }

  label(entity: { name: string; labels?: Partial<Record<Locale, string>> }): string {
    return entity.labels?.[this.locale] ?? entity.name;
  }

  words(zh: string, en: string): string {
    return this.locale === 'zh-CN' ? zh : en;
  }
}

/** The results of every panel of a dashboard, in panel order. */
export function computeDashboard(dashboard: DashboardDef, data: DashboardData): PanelResult[] {
  const context = new Context(data);
  return dashboard.panels.map((panel) => computeIn(context, panel));
}

/** The result of one panel. */
export function computePanel(panel: PanelDef, data: DashboardData): PanelResult {
  return computeIn(new Context(data), panel);
}

function computeIn(context: Context, panel: PanelDef): PanelResult {
  if (panel.kind === 'leadToCash') return leadToCash(context, panel);
  if (panel.kind === 'variants') return variants(context, panel);
  const table = context.table(panel.tableId);
  if (!table) return noted('bar', { code: 'dashboard.missingTable', params: { value: panel.tableId } });
  switch (panel.kind) {
    case 'metric':
      return metric(context, panel, table);
    case 'histogram':
      return histogram(context, panel, table);
    case 'cohort':
      return cohort(context, panel, table);
    case 'repurchase':
      return repurchase(context, panel, table);
    case 'predicted':
      return predicted(context, panel, table);
  }
}

function noted(chart: ResultChart, note: PanelNote): PanelResult {
  return { chart, categoryLabel: '', categories: [], series: [], note };
}

function missingField(table: TableDef, id: string): PanelNote {
  return { code: 'dashboard.missingField', params: { table: table.name, value: id } };
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function formatOf(field: FieldDef | undefined): ValueFormat {
  const type = field ? fieldTypeOf(field).scalar(field).type : 'number';
  return type === 'money' ? 'money' : type === 'percent' ? 'percent' : 'number';
}

// ---------------------------------------------------------------------------------------
// Grouping

/** Categories of a grouping and the category index of each record (-1: none). */
interface Grouping {
  label: string;
  categories: Category[];
  indexOf: (record: RecordData, position: number) => number;
}

const BLANK = '';

/**
 * Groups by a field: choices and stages in their designed order, every one shown (empty
 * groups too); dates by period from the first to the last record, gaps included; other
 * values (relations, checkboxes, text formulas) in order of first appearance. Blanks form a
 * last group, only when there are any.
 */
function grouping(context: Context, table: TableDef, records: readonly RecordData[], group: PanelGroup): Grouping | undefined {
  const field = table.fields.find((f) => f.id === group.fieldId);
  if (!field) return undefined;
  const categories: Category[] = [];
  const index = new Map<string, number>();
  const add = (key: string, label: string) => {
    index.set(key, categories.length);
    categories.push({ key, label });
  };
  const keys = new Array<string>(records.length);
  if (isDateField(field)) {
    const by = group.by ?? 'month';
    let first = Infinity;
    let last = -Infinity;
    records.forEach((record, i) => {
      const day = context.dayOf(context.value(record, field));
      if (Number.isNaN(day)) keys[i] = BLANK;
      else {
        keys[i] = periodKey(day, by);
        if (day < first) first = day;
        if (day > last) last = day;
      }
    });
    const periods = first <= last ? periodKeys(first, last, by) : [];
    for (const key of periods ?? [...new Set(keys.filter((k) => k !== BLANK))].sort()) add(key, key);
  } else {
    const choices = fieldChoices(field);
    for (const choice of choices) add(choice.id, context.label(choice));
    const def = fieldTypeOf(field);
    const target = linkedTable(field);
    records.forEach((record, i) => {
      let value = context.value(record, field);
      if (Array.isArray(value)) value = value.length === 1 ? value[0] : value.length === 0 ? null : value.join(',');
      const key = value === undefined || isBlank(value) ? BLANK : String(value);
      keys[i] = key;
      if (key === BLANK || index.has(key)) return;
      const label = target ? (context.data.recordLabel?.(target, key) ?? key) : def.format(value as CellValue, field, { locale: context.locale }) || key;
      add(key, label);
    });
  }
  if (keys.includes(BLANK)) add(BLANK, context.words('（空）', '(blank)'));
  return { label: context.label(field), categories, indexOf: (_record, i) => index.get(keys[i]) ?? -1 };
}

// ---------------------------------------------------------------------------------------
// Metric panels

/** Sums and counts per category. */
class Accumulator {
  readonly count: number[];
  readonly sum: number[];
  readonly n: number[];
  constructor(size: number) {
    this.count = new Array<number>(size).fill(0);
    this.sum = new Array<number>(size).fill(0);
    this.n = new Array<number>(size).fill(0);
  }
  add(index: number, value: number | undefined): void {
    this.count[index]++;
    if (value !== undefined) {
      this.sum[index] += value;
      this.n[index]++;
    }
  }
  result(op: MetricPanel['measure']['op'], index: number): number | null {
    if (op === 'count') return this.count[index];
    if (op === 'sum') return this.sum[index];
    return this.n[index] === 0 ? null : this.sum[index] / this.n[index];
  }
}

function measureLabel(context: Context, panel: MetricPanel, field: FieldDef | undefined): string {
  if (panel.measure.op === 'count') return context.words('记录数', 'Count');
  const name = field ? context.label(field) : '';
  return panel.measure.op === 'sum' ? context.words(`${name}合计`, `Sum of ${name}`) : context.words(`${name}平均值`, `Average ${name}`);
}

function metric(context: Context, panel: MetricPanel, table: TableDef): PanelResult {
  const measureField = panel.measure.op === 'count' ? undefined : table.fields.find((f) => f.id === panel.measure.fieldId);
  if (panel.measure.op !== 'count' && !measureField) return noted(panel.chart, missingField(table, panel.measure.fieldId ?? ''));
  const format: ValueFormat = panel.measure.op === 'count' ? 'number' : formatOf(measureField);
  const records = context.records(table, panel.filter);
  const read = (record: RecordData) => (measureField ? numberOf(context.value(record, measureField)) : undefined);
  if (panel.chart === 'number') return headline(context, panel, table, records, read, format);
  const rows = panel.group ? grouping(context, table, records, panel.group) : undefined;
  if (!rows) return noted(panel.chart, missingField(table, panel.group?.fieldId ?? ''));
  const label = measureLabel(context, panel, measureField);
  if (panel.chart === 'pivot' && panel.columns) {
    const columns = grouping(context, table, records, panel.columns);
    if (!columns) return noted('pivot', missingField(table, panel.columns.fieldId));
    const cells = columns.categories.map(() => new Accumulator(rows.categories.length));
    records.forEach((record, i) => {
      const row = rows.indexOf(record, i);
      const column = columns.indexOf(record, i);
      if (row >= 0 && column >= 0) cells[column].add(row, read(record));
    });
    const series = columns.categories.map((column, c): Series => ({
      key: column.key,
      label: column.label,
      format,
      values: rows.categories.map((_, r) => cells[c].result(panel.measure.op, r)),
    }));
    return { chart: 'pivot', categoryLabel: `${rows.label} \\ ${columns.label}`, categories: rows.categories, series };
  }
  const totals = new Accumulator(rows.categories.length);
  records.forEach((record, i) => {
    const row = rows.indexOf(record, i);
    if (row >= 0) totals.add(row, read(record));
  });
  const values = rows.categories.map((_, r) => totals.result(panel.measure.op, r));
  return { chart: panel.chart, categoryLabel: rows.label, categories: rows.categories, series: [{ key: 'value', label, values, format }] };
}

function measureOver(op: MetricPanel['measure']['op'], records: readonly RecordData[], read: (record: RecordData) => number | undefined, keep: (i: number) => boolean): number | null {
  const total = new Accumulator(1);
  for (let i = 0; i < records.length; i++) if (keep(i)) total.add(0, read(records[i]));
  return total.result(op, 0);
}

function headline(context: Context, panel: MetricPanel, table: TableDef, records: readonly RecordData[], read: (record: RecordData) => number | undefined, format: ValueFormat): PanelResult {
  const result = (headline: Headline): PanelResult => ({ chart: 'number', categoryLabel: '', categories: [], series: [], headline });
  if (!panel.compare) return result({ value: measureOver(panel.measure.op, records, read, () => true), format });
  const dateField = table.fields.find((f) => f.id === panel.compare!.dateFieldId);
  if (!dateField) return noted('number', missingField(table, panel.compare.dateFieldId));
  const { current, previous } = compareWindows(context.today, panel.compare.period);
  const days = records.map((record) => context.dayOf(context.value(record, dateField)));
  const upTo = panel.compare.upTo === true;
  const inside = (range: { from: number; to: number }) => (i: number) => days[i] <= range.to && (upTo || days[i] >= range.from);
  const value = measureOver(panel.measure.op, records, read, inside(current));
  const before = measureOver(panel.measure.op, records, read, inside(previous));
  const change = value === null || before === null || before === 0 ? null : (value - before) / Math.abs(before);
  return result({
    value,
    format,
    previous: before,
    change,
    current: { from: dayNumberIso(current.from), to: dayNumberIso(current.to) },
    previousRange: { from: dayNumberIso(previous.from), to: dayNumberIso(previous.to) },
  });
}

// ---------------------------------------------------------------------------------------
// LTV distribution

/** Text of a bin edge: at most two decimals, no trailing zeros. */
function edge(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function histogram(context: Context, panel: HistogramPanel, table: TableDef): PanelResult {
  const field = table.fields.find((f) => f.id === panel.fieldId);
  if (!field) return noted('bar', missingField(table, panel.fieldId));
  const values: number[] = [];
  for (const record of context.records(table, panel.filter)) {
    const n = numberOf(context.value(record, field));
    if (n !== undefined) values.push(n);
  }
  if (values.length === 0) return noted('bar', { code: 'dashboard.noData' });
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const bins = min === max ? 1 : (panel.bins ?? 10);
  const width = (max - min) / bins;
  const counts = new Array<number>(bins).fill(0);
  // A value on an edge belongs to the bin above it; the maximum to the last bin.
  for (const v of values) counts[width === 0 ? 0 : Math.min(bins - 1, Math.floor((v - min) / width))]++;
  const categories = counts.map((_, i) => ({ key: String(i), label: `${edge(min + i * width)}–${edge(i === bins - 1 ? max : min + (i + 1) * width)}` }));
  return {
    chart: 'bar',
    categoryLabel: context.label(field),
    categories,
    series: [{ key: 'count', label: context.words('客户数', 'Customers'), values: counts, format: 'number' }],
  };
}

// ---------------------------------------------------------------------------------------
// Order histories: cohort retention and repurchase

/** Each kept customer's counted orders as days, read in one pass over the order table. */
interface Histories {
  /** Day numbers per customer id, unsorted. */
  days: Map<string, number[]>;
  note?: PanelNote;
}

function histories(context: Context, panel: CohortPanel | RepurchasePanel, table: TableDef): Histories {
  const key = JSON.stringify([table.id, panel.filter, panel.ordersFieldId, panel.dateFieldId, panel.orderFilter]);
  return context.histories(key, () => readHistories(context, panel, table));
}

function readHistories(context: Context, panel: CohortPanel | RepurchasePanel, table: TableDef): Histories {
  const ordersField = table.fields.find((f) => f.id === panel.ordersFieldId);
  if (!ordersField || !isInverseLink(ordersField)) return { days: new Map(), note: missingField(table, panel.ordersFieldId) };
  const orderTable = context.table(linkedTable(ordersField) ?? '');
  if (!orderTable) return { days: new Map(), note: { code: 'dashboard.missingTable', params: { value: linkedTable(ordersField) ?? '' } } };
  const dateField = orderTable.fields.find((f) => f.id === panel.dateFieldId);
  const linkField = orderTable.fields.find((f) => f.id === ordersField.options?.inverseOf);
  if (!dateField) return { days: new Map(), note: missingField(orderTable, panel.dateFieldId) };
  if (!linkField) return { days: new Map(), note: missingField(orderTable, ordersField.options?.inverseOf ?? '') };
  const days = new Map<string, number[]>();
  for (const customer of context.records(table, panel.filter)) days.set(customer.id, []);
  const all = context.data.records(orderTable.id);
  const column = context.dayColumn(orderTable, dateField);
  // The counted orders are a subsequence of all orders, in order: walk both rather than hash a million records.
  const counted = panel.orderFilter === undefined ? all : context.records(orderTable, panel.orderFilter);
  for (let k = 0, i = 0; k < counted.length; k++, i++) {
    const order = counted[k];
    while (all[i] !== order) i++;
    const day = column[i];
    if (Number.isNaN(day)) continue;
    const link = order.values[linkField.id];
    const customer = typeof link === 'string' ? link : Array.isArray(link) ? link[0] : undefined;
    if (customer !== undefined) days.get(customer)?.push(day);
  }
  return { days };
}

function cohort(context: Context, panel: CohortPanel, table: TableDef): PanelResult {
  const { days, note } = histories(context, panel, table);
  if (note) return noted('heatmap', note);
  const months = panel.months ?? 12;
  const thisMonth = monthIndex(context.today);
  const sizes = new Map<number, number>();
  const retained = new Map<number, number[]>();
  const seen = new Uint8Array(months);
  for (const list of days.values()) {
    if (list.length === 0) continue;
    let first = Infinity;
    for (const d of list) if (d < first) first = d;
    const start = monthIndex(first);
    sizes.set(start, (sizes.get(start) ?? 0) + 1);
    let row = retained.get(start);
    if (!row) retained.set(start, (row = new Array<number>(months).fill(0)));
    seen.fill(0);
    for (const d of list) {
      const offset = monthIndex(d) - start;
      if (offset < months && seen[offset] === 0) {
        seen[offset] = 1;
        row[offset]++;
      }
    }
  }
  if (sizes.size === 0) return noted('heatmap', { code: 'dashboard.noData' });
  const starts = [...sizes.keys()];
  const cohorts: number[] = [];
  for (let m = Math.min(...starts); m <= Math.max(...starts); m++) cohorts.push(m);
  const categories = cohorts.map((m) => ({ key: monthKey(m), label: monthKey(m) }));
  const series: Series[] = [
    { key: 'customers', label: context.words('首购客户数', 'Customers'), values: cohorts.map((m) => sizes.get(m) ?? 0), format: 'number', tableOnly: true },
  ];
  for (let offset = 0; offset < months; offset++) {
    series.push({
      key: `m${offset}`,
      label: context.words(`第 ${offset} 月`, `Month ${offset}`),
      format: 'percent',
      // Months not yet lived through are unknown, not zero.
      values: cohorts.map((m) => (m + offset > thisMonth || !sizes.get(m) ? null : retained.get(m)![offset] / sizes.get(m)!)),
    });
  }
  return { chart: 'heatmap', categoryLabel: context.words('首单月份', 'First-order month'), categories, series };
}

function repurchase(context: Context, panel: RepurchasePanel, table: TableDef): PanelResult {
  const { days, note } = histories(context, panel, table);
  if (note) return noted('line', note);
  const windows = panel.windows ?? REPURCHASE_WINDOWS;
  const cohorts = new Map<number, { customers: number; eligible: number[]; repeat: number[] }>();
  for (const list of days.values()) {
    if (list.length === 0) continue;
    // The first order's day, and the next later day with an order (same-day orders are one visit).
    let first = Infinity;
    for (const d of list) if (d < first) first = d;
    let second = Infinity;
    for (const d of list) if (d > first && d < second) second = d;
    const month = monthIndex(first);
    let entry = cohorts.get(month);
    if (!entry) cohorts.set(month, (entry = { customers: 0, eligible: windows.map(() => 0), repeat: windows.map(() => 0) }));
    entry.customers++;
    windows.forEach((w, i) => {
      // Only customers whose whole window has passed can be counted either way.
      if (first + w > context.today) return;
      entry.eligible[i]++;
      if (second - first <= w) entry.repeat[i]++;
    });
  }
  if (cohorts.size === 0) return noted('line', { code: 'dashboard.noData' });
  const months: number[] = [];
  for (let m = Math.min(...cohorts.keys()); m <= Math.max(...cohorts.keys()); m++) months.push(m);
  const series: Series[] = windows.map((w, i) => ({
    key: `d${w}`,
    label: context.words(`${w} 天复购率`, `Repurchase within ${w} days`),
    format: 'percent',
    values: months.map((m) => {
      const entry = cohorts.get(m);
      return entry && entry.eligible[i] > 0 ? entry.repeat[i] / entry.eligible[i] : null;
    }),
  }));
  series.push({ key: 'customers', label: context.words('首购客户数', 'Customers'), values: months.map((m) => cohorts.get(m)?.customers ?? 0), format: 'number', tableOnly: true });
  return { chart: 'line', categoryLabel: context.words('首单月份', 'First-order month'), categories: months.map((m) => ({ key: monthKey(m), label: monthKey(m) })), series };
}

// ---------------------------------------------------------------------------------------
// Lead-to-cash

const STEP_NAMES: readonly RegExp[] = [/lead|线索/i, /opportunit|deal|商机/i, /contract|quote|合同|报价/i, /order|订单/i, /payment|invoice|回款|收款/i];

/**
 * The lead-to-cash path of an app, for the "add panel" menu: a table named like leads (线索),
 * then each next table that links back to the previous one with a stored relation
 * (opportunities → contracts → payments). Undefined when the app has no such path of at
 * least two steps.
 */
export function leadToCashSteps(app: AppDef): LeadToCashStep[] | undefined {
  const leads = app.tables.find((t) => STEP_NAMES[0].test(t.id) || STEP_NAMES[0].test(t.name));
  if (!leads) return undefined;
  const steps: LeadToCashStep[] = [{ tableId: leads.id, dateFieldId: leads.fields.find(isDateField)?.id }];
  let previous = leads;
  for (let guard = 0; guard < app.tables.length; guard++) {
    const next = app.tables
      .filter((t) => !steps.some((s) => s.tableId === t.id))
      .map((t) => ({ table: t, link: t.fields.find((f) => linkedTable(f) === previous.id && !isInverseLink(f)) }))
      .find((candidate) => candidate.link && STEP_NAMES.some((name) => name.test(candidate.table.id) || name.test(candidate.table.name)));
    if (!next?.link) break;
    steps.push({ tableId: next.table.id, linkFieldId: next.link.id, dateFieldId: next.table.fields.find(isDateField)?.id });
    previous = next.table;
  }
  return steps.length >= 2 ? steps : undefined;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

function leadToCash(context: Context, panel: LeadToCashPanel): PanelResult {
  const tables: TableDef[] = [];
  for (const step of panel.steps) {
    const table = context.table(step.tableId);
    if (!table) return noted('funnel', { code: 'dashboard.noLeadToCash' });
    tables.push(table);
  }
  const counts: number[] = [];
  const conversion: (number | null)[] = [];
  const cycle: (number | null)[] = [];
  // Records reached at the previous step, with their day.
  let reached = new Map<string, number>();
  for (let s = 0; s < panel.steps.length; s++) {
    const step = panel.steps[s];
    const table = tables[s];
    const dateField = step.dateFieldId === undefined ? undefined : table.fields.find((f) => f.id === step.dateFieldId);
    if (step.dateFieldId !== undefined && !dateField) return noted('funnel', missingField(table, step.dateFieldId));
    const records = context.records(table, s === 0 ? panel.filter : undefined);
    const dayOf = (record: RecordData) => (dateField ? context.dayOf(context.value(record, dateField)) : Number.NaN);
    const next = new Map<string, number>();
    if (s === 0) {
      for (const record of records) next.set(record.id, dayOf(record));
      conversion.push(null);
      cycle.push(null);
    } else {
      const link = table.fields.find((f) => f.id === step.linkFieldId);
      if (!link) return noted('funnel', missingField(table, step.linkFieldId ?? ''));
      // The earliest day each previous record was followed up by this step.
      const followed = new Map<string, number>();
      for (const record of records) {
        const value = context.value(record, link);
        const ids = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
        const linked = ids.filter((id) => reached.has(id));
        if (linked.length === 0) continue;
        const day = dayOf(record);
        next.set(record.id, day);
        for (const id of linked) {
          const seen = followed.get(id);
          if (seen === undefined || day < seen || Number.isNaN(seen)) followed.set(id, day);
        }
      }
      conversion.push(reached.size === 0 ? null : followed.size / reached.size);
      const gaps: number[] = [];
      for (const [id, day] of followed) {
        const from = reached.get(id)!;
        if (!Number.isNaN(day) && !Number.isNaN(from)) gaps.push(day - from);
      }
      cycle.push(median(gaps));
    }
    counts.push(next.size);
    reached = next;
  }
  return {
    chart: 'funnel',
    categoryLabel: context.words('步骤', 'Step'),
    categories: tables.map((t) => ({ key: t.id, label: context.label(t) })),
    series: [
      { key: 'records', label: context.words('记录数', 'Records'), values: counts, format: 'number' },
      { key: 'conversion', label: context.words('转化率（较上一步）', 'Conversion from the step before'), values: conversion, format: 'percent', tableOnly: true },
      { key: 'cycle', label: context.words('周期中位数（天）', 'Median cycle time (days)'), values: cycle, format: 'days', tableOnly: true },
    ],
  };
}

// ---------------------------------------------------------------------------------------
// Predicted CLV vs historic value

function predicted(context: Context, panel: PredictedPanel, table: TableDef): PanelResult {
  const predictedField = table.fields.find((f) => f.id === panel.predictedFieldId);
  if (!predictedField) return noted('bar', missingField(table, panel.predictedFieldId));
  const historicField = table.fields.find((f) => f.id === panel.historicFieldId);
  if (!historicField) return noted('bar', missingField(table, panel.historicFieldId));
  const records = context.records(table, panel.filter);
  const rows: Grouping | undefined = panel.group
    ? grouping(context, table, records, panel.group)
    : { label: '', categories: [{ key: 'all', label: context.words('全部客户', 'All customers') }], indexOf: () => 0 };
  if (!rows) return noted('bar', missingField(table, panel.group?.fieldId ?? ''));
  const size = rows.categories.length;
  const predictedSum = new Accumulator(size);
  const historicSum = new Accumulator(size);
  records.forEach((record, i) => {
    const row = rows.indexOf(record, i);
    if (row < 0) return;
    predictedSum.add(row, numberOf(context.value(record, predictedField)));
    historicSum.add(row, numberOf(context.value(record, historicField)));
  });
  const each = (fn: (r: number) => number | null) => rows.categories.map((_, r) => fn(r));
  const format = formatOf(historicField);
  return {
    chart: 'bar',
    categoryLabel: rows.label,
    categories: rows.categories,
    series: [
      { key: 'predicted', label: context.words(`${context.label(predictedField)}（平均）`, `${context.label(predictedField)} (average)`), values: each((r) => predictedSum.result('avg', r)), format },
      { key: 'historic', label: context.words(`${context.label(historicField)}（平均）`, `${context.label(historicField)} (average)`), values: each((r) => historicSum.result('avg', r)), format },
      { key: 'customers', label: context.words('客户数', 'Customers'), values: each((r) => predictedSum.count[r]), format: 'number', tableOnly: true },
    ],
  };
}

// ---------------------------------------------------------------------------------------
// A/B variants of a rule

function variants(context: Context, panel: VariantsPanel): PanelResult {
  const rule = context.data.app.rules?.find((r) => r.id === panel.ruleId);
  if (!rule) return noted('bar', { code: 'dashboard.missingRule', params: { value: panel.ruleId } });
  if (!rule.outcome) return noted('bar', { code: 'dashboard.noOutcome', params: { value: rule.name } });
  const table = context.table(rule.tableId);
  if (!table) return noted('bar', { code: 'dashboard.missingTable', params: { value: rule.tableId } });
  const records = new Map(context.records(table, panel.filter).map((r) => [r.id, r]));
  const related = rule.outcome.type === 'related-record' ? outcomeRelation(table, rule.outcome.relationFieldId) : undefined;
  const relatedTable = related ? context.table(related.tableId) : undefined;
  const lines = measureOutcome(rule.id, (rule.variants ?? []).map((v) => v.id), rule.outcome, context.data.runs ?? [], {
    table,
    records,
    relatedTable,
    relatedRecords: relatedTable ? context.data.records(relatedTable.id) : undefined,
    readValue: context.data.readValue,
    timeZone: context.timeZone,
    now: context.now,
  });
  const column = (key: string, label: string, format: ValueFormat, pick: (line: (typeof lines)[number]) => number | null, tableOnly = true): Series => ({ key, label, format, values: lines.map(pick), tableOnly });
  return {
    chart: 'bar',
    categoryLabel: context.words('变体', 'Variant'),
    categories: lines.map((line) => ({ key: line.variant ?? BLANK, label: line.variant ?? context.words('（无变体）', '(no variant)') })),
    series: [
      column('rate', context.words('转化率', 'Conversion rate'), 'percent', (line) => line.rate, false),
      column('reached', context.words('触达', 'Reached'), 'number', (line) => line.reached),
      column('converted', context.words('转化', 'Converted'), 'number', (line) => line.converted),
      column('pValue', context.words('p 值（对照第一组）', 'p-value (against the first)'), 'number', (line) => line.pValue),
    ],
  };
}
