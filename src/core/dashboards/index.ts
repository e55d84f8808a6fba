/**
 * Dashboards: the model (`DashboardDef`, panels), its validation, the aggregates behind each
 * panel and their CSV (docs/dashboards.md). Framework-free; `<ltc-dashboard>` draws them.
 */
export * from './model.js';
export { checkDashboards, type DashboardIssue } from './validate.js';
export { DASHBOARD_MESSAGES, dashboardMessage, type DashboardIssueCode } from './messages.js';
export { computeDashboard, computePanel, leadToCashSteps } from './compute.js';
export type { Category, DashboardData, Headline, PanelNote, PanelResult, ResultChart, Series, ValueFormat } from './compute.js';
export { resultToCsv } from './export.js';
export { compareWindows, periodKey } from './periods.js';
