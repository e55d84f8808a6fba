/**
 * Checks the dashboards of an app or template (`AppDef.dashboards`) against its tables:
 * every problem with the path that names it (`dashboards[0].panels[2].measure.fieldId`), a
 * stable code and params for ./messages.ts. src/core/schema/validate.ts calls it on import
 * and template load, as it does `checkRule` for rules.
 *
 * Built-in analyses whose fields or tables an app may add later (predicted CLV, lead-to-cash)
 * or remove (a rule) are checked for shape only: the panel then says what is missing
 * (./compute.ts) rather than making the whole file invalid.
 */
import type { AppDef, FieldDef, TableDef } from '../schema/types.js';
import { isValidId } from '../ids.js';
import { isInverseLink, linkedTable } from '../fields/index.js';
import { isDateField, isGroupableField, isSummableField } from '../schema/view-fields.js';
import type { DashboardIssueCode } from './messages.js';
import { CHART_TYPES, COMPARE_PERIODS, GROUP_PERIODS, MEASURE_OPS, PANEL_KINDS } from './model.js';

/** One problem: where, what, and the words its message needs. */
export interface DashboardIssue {
  path: string;
  code: DashboardIssueCode;
  params?: Record<string, string | number>;
}

type Add = (path: string, code: DashboardIssueCode, params?: Record<string, string | number>) => void;
type Obj = Record<string, unknown>;

const isObject = (value: unknown): value is Obj => value !== null && typeof value === 'object' && !Array.isArray(value);
const isLogic = (value: unknown) => isObject(value) || typeof value === 'boolean';

/** Every problem of `dashboards` (the raw `dashboards` value) against the app's tables; paths start with `dashboards`. */
export function checkDashboards(dashboards: unknown, tables: readonly TableDef[]): DashboardIssue[] {
  const issues: DashboardIssue[] = [];
  const add: Add = (path, code, params) => issues.push({ path, code, ...(params ? { params } : {}) });
  if (!Array.isArray(dashboards)) {
    add('dashboards', 'dashboard.notArray');
    return issues;
  }
  const ids = new Set<string>();
  dashboards.forEach((dashboard, i) => checkDashboard(dashboard, `dashboards[${i}]`, tables, ids, add));
  return issues;
}

function checkId(value: unknown, path: string, seen: Set<string>, add: Add): void {
  if (typeof value !== 'string' || !isValidId(value)) add(path, 'dashboard.badId', { value: String(value) });
  else if (seen.has(value)) add(path, 'dashboard.duplicateId', { value });
  else seen.add(value);
}

function checkName(value: unknown, path: string, add: Add): void {
  if (typeof value !== 'string' || value.trim() === '') add(path, 'dashboard.noName');
}

function checkDashboard(raw: unknown, path: string, tables: readonly TableDef[], ids: Set<string>, add: Add): void {
  if (!isObject(raw)) return add(path, 'dashboard.notObject');
  checkId(raw.id, `${path}.id`, ids, add);
  checkName(raw.name, `${path}.name`, add);
  if (!Array.isArray(raw.panels)) return add(`${path}.panels`, 'dashboard.notArray');
  const panelIds = new Set<string>();
  raw.panels.forEach((panel, i) => checkPanel(panel, `${path}.panels[${i}]`, tables, panelIds, add));
}

function checkPanel(raw: unknown, path: string, tables: readonly TableDef[], ids: Set<string>, add: Add): void {
  if (!isObject(raw)) return add(path, 'dashboard.notObject');
  checkId(raw.id, `${path}.id`, ids, add);
  checkName(raw.title, `${path}.title`, add);
  if (raw.span !== undefined && raw.span !== 1 && raw.span !== 2 && raw.span !== 3) add(`${path}.span`, 'dashboard.badSpan');
  if (raw.filter !== undefined && !isLogic(raw.filter)) add(`${path}.filter`, 'dashboard.badCondition');
  if (!PANEL_KINDS.includes(raw.kind as never)) return add(`${path}.kind`, 'dashboard.unknownKind', { value: String(raw.kind), allowed: PANEL_KINDS.join(', ') });
  if (raw.kind === 'leadToCash') return checkLeadToCash(raw, path, add);
  if (typeof raw.tableId !== 'string') return add(`${path}.tableId`, 'dashboard.notText');
  if (raw.kind === 'predicted') return checkPredicted(raw, path, tables, add);
  if (raw.kind === 'variants') {
    if (typeof raw.ruleId !== 'string') add(`${path}.ruleId`, 'dashboard.notText');
    return;
  }
  const table = tables.find((t) => t.id === raw.tableId);
  if (!table) return add(`${path}.tableId`, 'dashboard.unknownTable', { value: raw.tableId });
  if (raw.kind === 'metric') checkMetric(raw, path, table, add);
  else if (raw.kind === 'histogram') {
    needField(table, raw.fieldId, `${path}.fieldId`, isSummableField, 'dashboard.needsNumber', add);
    checkWhole(raw.bins, `${path}.bins`, 2, 50, add);
  } else checkOrderHistory(raw, path, table, tables, add);
}

function checkMetric(raw: Obj, path: string, table: TableDef, add: Add): void {
  if (!CHART_TYPES.includes(raw.chart as never)) add(`${path}.chart`, 'dashboard.unknownChart', { value: String(raw.chart), allowed: CHART_TYPES.join(', ') });
  checkMeasure(raw.measure, `${path}.measure`, table, add);
  if (raw.group !== undefined) checkGroup(raw.group, `${path}.group`, table, add);
  else if (raw.chart !== 'number') add(`${path}.group`, 'dashboard.needsGroup');
  if (raw.columns !== undefined) checkGroup(raw.columns, `${path}.columns`, table, add);
  else if (raw.chart === 'pivot') add(`${path}.columns`, 'dashboard.needsColumns');
  if (raw.compare === undefined) return;
  if (raw.chart !== 'number') return add(`${path}.compare`, 'dashboard.compareNotNumber');
  if (!isObject(raw.compare)) return add(`${path}.compare`, 'dashboard.notObject');
  needField(table, raw.compare.dateFieldId, `${path}.compare.dateFieldId`, isDateField, 'dashboard.needsDate', add);
  if (!COMPARE_PERIODS.includes(raw.compare.period as never)) add(`${path}.compare.period`, 'dashboard.badPeriod', { value: String(raw.compare.period), allowed: COMPARE_PERIODS.join(', ') });
  if (raw.compare.upTo !== undefined && typeof raw.compare.upTo !== 'boolean') add(`${path}.compare.upTo`, 'dashboard.notObject');
}

function checkMeasure(raw: unknown, path: string, table: TableDef, add: Add): void {
  if (!isObject(raw)) return add(path, 'dashboard.notObject');
  if (!MEASURE_OPS.includes(raw.op as never)) return add(`${path}.op`, 'dashboard.badMeasure', { value: String(raw.op) });
  if (raw.op === 'count') return;
  if (raw.fieldId === undefined) return add(`${path}.fieldId`, 'dashboard.measureField');
  needField(table, raw.fieldId, `${path}.fieldId`, isSummableField, 'dashboard.needsNumber', add);
}

function checkGroup(raw: unknown, path: string, table: TableDef, add: Add): void {
  if (!isObject(raw)) return add(path, 'dashboard.notObject');
  const field = needField(table, raw.fieldId, `${path}.fieldId`, isGroupableField, 'dashboard.needsGroupable', add);
  if (raw.by === undefined) return;
  if (!GROUP_PERIODS.includes(raw.by as never)) add(`${path}.by`, 'dashboard.badPeriod', { value: String(raw.by), allowed: GROUP_PERIODS.join(', ') });
  else if (field && !isDateField(field)) add(`${path}.by`, 'dashboard.periodNotDate');
}

function checkOrderHistory(raw: Obj, path: string, table: TableDef, tables: readonly TableDef[], add: Add): void {
  const orders = needField(table, raw.ordersFieldId, `${path}.ordersFieldId`, isInverseLink, 'dashboard.needsInverse', add);
  const orderTable = orders && tables.find((t) => t.id === linkedTable(orders));
  if (orderTable) needField(orderTable, raw.dateFieldId, `${path}.dateFieldId`, isDateField, 'dashboard.needsDate', add);
  if (raw.orderFilter !== undefined && !isLogic(raw.orderFilter)) add(`${path}.orderFilter`, 'dashboard.badCondition');
  if (raw.kind === 'cohort') checkWhole(raw.months, `${path}.months`, 1, 36, add);
  if (raw.kind === 'repurchase' && raw.windows !== undefined) {
    if (!Array.isArray(raw.windows) || raw.windows.length === 0) add(`${path}.windows`, 'dashboard.notArray');
    else raw.windows.forEach((days, i) => checkWhole(days, `${path}.windows[${i}]`, 1, 3650, add));
  }
}

function checkLeadToCash(raw: Obj, path: string, add: Add): void {
  if (typeof raw.tableId !== 'string') add(`${path}.tableId`, 'dashboard.notText');
  if (!Array.isArray(raw.steps) || raw.steps.length < 2) return add(`${path}.steps`, 'dashboard.noSteps');
  raw.steps.forEach((step, i) => {
    const at = `${path}.steps[${i}]`;
    if (!isObject(step)) return add(at, 'dashboard.notObject');
    if (typeof step.tableId !== 'string') add(`${at}.tableId`, 'dashboard.notText');
    for (const key of ['dateFieldId', 'linkFieldId'] as const) if (step[key] !== undefined && typeof step[key] !== 'string') add(`${at}.${key}`, 'dashboard.notText');
  });
}

function checkPredicted(raw: Obj, path: string, tables: readonly TableDef[], add: Add): void {
  for (const key of ['predictedFieldId', 'historicFieldId'] as const) if (typeof raw[key] !== 'string') add(`${path}.${key}`, 'dashboard.notText');
  const table = tables.find((t) => t.id === raw.tableId);
  if (raw.group !== undefined && table) checkGroup(raw.group, `${path}.group`, table, add);
}

function checkWhole(value: unknown, path: string, min: number, max: number, add: Add): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) add(path, 'dashboard.badNumber', { min, max });
}

function needField(table: TableDef, id: unknown, path: string, fits: (field: FieldDef) => boolean, wrong: DashboardIssueCode, add: Add): FieldDef | undefined {
  const field = typeof id === 'string' ? table.fields.find((f) => f.id === id) : undefined;
  if (!field) {
    add(path, 'dashboard.unknownField', { table: table.name, value: String(id) });
    return undefined;
  }
  if (!fits(field)) {
    add(path, wrong, { field: field.name });
    return undefined;
  }
  return field;
}

/**
 * The app with every dashboard panel that no longer fits its tables left out — a field it
 * measures or groups by was deleted or changed to a type it cannot use — so that a
 * field edit stays one valid app write, as saved views are fitted to the changed table.
 */
export function fitDashboardsToApp<T extends AppDef>(app: T): T {
  if (!app.dashboards?.length) return app;
  const unfit = new Set<string>();
  for (const issue of checkDashboards(app.dashboards, app.tables)) {
    const match = /^dashboards\[(\d+)\]\.panels\[(\d+)\]/.exec(issue.path);
    if (match) unfit.add(`${match[1]}/${match[2]}`);
  }
  if (unfit.size === 0) return app;
  return { ...app, dashboards: app.dashboards.map((dashboard, d) => ({ ...dashboard, panels: dashboard.panels.filter((_, p) => !unfit.has(`${d}/${p}`)) })) };
}

