/**
 * Dashboards (`AppDef.dashboards`): what a user arranges on a dashboard, as plain JSON that
 * is exported with the app, shipped in templates and checked by `checkDashboards`
 * (./validate.ts). The numbers themselves are computed by ./compute.ts; nothing here knows
 * of pages or charts.
 *
 * A panel is either a *metric* the user builds from parts (a table, a filter, a measure and a
 * grouping, drawn as a number, a bar / line / area / pie chart, a funnel or a pivot table) or
 * one of the built-in analyses the domain asks for (docs/dashboards.md): an LTV histogram,
 * cohort retention, repurchase rate, lead-to-cash conversion, predicted vs historic CLV and
 * a rule's A/B variants.
 */
import type { LocalizedLabels } from '../schema/types.js';

/** A dashboard of an app: panels in reading order, laid out on a grid of three columns. */
export interface DashboardDef {
  /** Stable id, unique within the app. */
  id: string;
  name: string;
  labels?: LocalizedLabels;
  panels: PanelDef[];
}

/** How a panel is drawn. */
export const CHART_TYPES = ['number', 'bar', 'line', 'area', 'pie', 'funnel', 'pivot'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

/** What is computed per group: a count of records, or the sum or average of a number field. */
export const MEASURE_OPS = ['count', 'sum', 'avg'] as const;
export interface Measure {
  op: (typeof MEASURE_OPS)[number];
  /** The number / money / percent field summed or averaged (not for `count`). */
  fieldId?: string;
}

/** Periods a date groups by. */
export const GROUP_PERIODS = ['day', 'week', 'month'] as const;
export type GroupPeriod = (typeof GROUP_PERIODS)[number];

/** Records grouped by one field: a choice, a stage, a segment, a checkbox, a relation, or a date by period. */
export interface PanelGroup {
  fieldId: string;
  /** For dates: the period (default `month`). */
  by?: GroupPeriod;
}

/** Periods a number compares with the previous one. */
export const COMPARE_PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type ComparePeriod = (typeof COMPARE_PERIODS)[number];

/**
 * A number's comparison with the previous period: the measure over the records dated in the
 * current period so far (today included) against the records of the previous period up to
 * the same point (this month to the 12th against last month to the 12th). With `upTo`, all
 * records dated up to each of those two days (a running total, such as customers so far).
 */
export interface PanelCompare {
  dateFieldId: string;
  period: ComparePeriod;
  upTo?: boolean;
}

/** Fields shared by every panel. */
interface PanelBase {
  /** Stable id, unique within the dashboard. */
  id: string;
  title: string;
  labels?: LocalizedLabels;
  /** Columns the panel spans on the dashboard's three-column grid (default 1). */
  span?: 1 | 2 | 3;
  /** The table whose records the panel reads. */
  tableId: string;
  /** JSON Logic over the table's records (built with `<ltc-condition-builder>`); absent = all. */
  filter?: unknown;
}

/** A panel built from parts. */
export interface MetricPanel extends PanelBase {
  kind: 'metric';
  chart: ChartType;
  measure: Measure;
  /** The categories (every chart but a number without grouping). */
  group?: PanelGroup;
  /** A pivot table's columns. */
  columns?: PanelGroup;
  /** A number's comparison with the previous period. */
  compare?: PanelCompare;
}

/** The distribution of a number field (LTV) in equal-width bins. */
export interface HistogramPanel extends PanelBase {
  kind: 'histogram';
  fieldId: string;
  /** Number of bins, 2–50 (default 10). */
  bins?: number;
}

/**
 * Orders read through a customer table's inverse relation (`ordersFieldId`, a customer's
 * orders), dated by `dateFieldId` of the order table, counted when `orderFilter` holds.
 */
interface OrderHistoryPanel extends PanelBase {
  ordersFieldId: string;
  dateFieldId: string;
  orderFilter?: unknown;
}

/** Share of each first-order month's customers who order again N months later. */
export interface CohortPanel extends OrderHistoryPanel {
  kind: 'cohort';
  /** Months after the first shown, 1–36 (default 12). */
  months?: number;
}

/** Share of customers who order again within each window (days) of their first order, by first-order month. */
export interface RepurchasePanel extends OrderHistoryPanel {
  kind: 'repurchase';
  /** Windows in days (default 30, 60, 90). */
  windows?: number[];
}

/** One step of the lead-to-cash path: a table, the date its records happened, the link back to the step before. */
export interface LeadToCashStep {
  tableId: string;
  dateFieldId?: string;
  /** A relation field of this step's table pointing at the previous step's table (not for the first step). */
  linkFieldId?: string;
}

/**
 * Conversion and cycle time per lead-to-cash step. The steps name tables the app may not
 * have (the panel says so rather than failing); `tableId` is the first step's table.
 */
export interface LeadToCashPanel extends PanelBase {
  kind: 'leadToCash';
  steps: LeadToCashStep[];
}

/** Predicted CLV against historic value, by field id (either may be missing; the panel says so). */
export interface PredictedPanel extends PanelBase {
  kind: 'predicted';
  predictedFieldId: string;
  historicFieldId: string;
  group?: PanelGroup;
}

/** A rule's A/B variants compared on its outcome (src/core/rules/outcomes.ts). */
export interface VariantsPanel extends PanelBase {
  kind: 'variants';
  ruleId: string;
}

export type PanelDef = MetricPanel | HistogramPanel | CohortPanel | RepurchasePanel | LeadToCashPanel | PredictedPanel | VariantsPanel;
export type PanelKind = PanelDef['kind'];
export const PANEL_KINDS: readonly PanelKind[] = ['metric', 'histogram', 'cohort', 'repurchase', 'leadToCash', 'predicted', 'variants'];

/** Default repurchase windows, in days. */
export const REPURCHASE_WINDOWS: readonly number[] = [30, 60, 90];
