/**
 * A/B outcomes of a rule: per variant, how many records the rule reached and how many of
 * them reached an outcome afterwards (a repurchase within 30 days, a stage now `active`),
 * with the rate and a two-proportion z-test against the first variant (the control), so the
 * run log can say whether variant B's coupon did better than A's, or that there is not
 * enough data yet to tell.
 *
 * An outcome is data saved on the rule (`RuleDef.outcome`), checked by `checkOutcome`:
 * - `related-record`: the record has a related record (through `relationFieldId`, a relation
 *   of the rule's table, stored or inverse: a customer's orders) dated within `withinDays`
 *   after the record's first run, optionally matching `condition` (a paid order);
 * - `field`: the record matches `condition` now.
 *
 * A record counts once, under the variant of its first run that acted (status `ok` or
 * `partial`); errors, skips and loop stops reached nobody. Pure: the caller passes the runs
 * and the records; nothing here reads a store.
 */
import type { FieldDef, RecordData, TableDef } from '../schema/types.js';
import { fieldTypeOf, linkedTable } from '../fields/index.js';
import { matchLogic } from '../conditions/match.js';
import type { ValueOf } from '../conditions/ops.js';
import { calendarDay } from '../time/zoned.js';
import type { RuleIssueCode } from './messages.js';

export type RuleOutcome =
  | {
      type: 'related-record';
      /** A relation field of the rule's table (stored, or an inverse list such as a customer's orders). */
      relationFieldId: string;
      /** A date or datetime field of the related table. */
      dateFieldId: string;
      /** Days after the run in which the related record must be dated (1–3650). */
      withinDays: number;
      /** JSON Logic over the related record (a paid order); absent = any. */
      condition?: unknown;
    }
  | {
      type: 'field';
      /** JSON Logic over the record, evaluated now. */
      condition: unknown;
    };

/** What a comparison needs of a run (the values of a `ltc_rule_runs` record). */
export interface OutcomeRun {
  rule: string;
  record: string;
  variant: string | null;
  status: string;
  /** ISO 8601 instant of the run. */
  at: string;
}

/** Fewer records reached than this in a variant (or in its control) is "not enough data". */
export const MIN_OUTCOME_SAMPLE = 30;

/** p below this is reported as a significant difference. */
export const SIGNIFICANCE_LEVEL = 0.05;

export type OutcomeHint = 'control' | 'not-enough-data' | 'significant' | 'not-significant';

/** One variant's line of the comparison. */
export interface VariantOutcome {
  /** The variant id; null for runs without a variant (a rule without an A/B split). */
  variant: string | null;
  reached: number;
  converted: number;
  /** Reached, not converted, and the outcome window still open (they may convert yet). */
  pending: number;
  /** converted / reached; null when nobody was reached. */
  rate: number | null;
  /** Against the control (the first line); null for the control and when there is not enough data. */
  z: number | null;
  pValue: number | null;
  hint: OutcomeHint;
}

/** The records an outcome is measured on. */
export interface OutcomeSources {
  /** The rule's table and its records (by id; deleted records are simply absent). */
  table: TableDef;
  records: ReadonlyMap<string, RecordData>;
  /** For `related-record`: the records of the table `relationFieldId` links to. */
  relatedRecords?: readonly RecordData[];
  /** The related table (for its condition and date field). */
  relatedTable?: TableDef;
  /** Computed values (formulas, inverse links) for conditions; stored values otherwise. */
  readValue?: ValueOf;
  /** The app's time zone: calendar days of plain dates. */
  timeZone: string;
  now: Date;
}

const DAY = 86_400_000;
const ACTED = new Set(['ok', 'partial']);
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The first run that acted for each record of a rule: its variant and time. Ties in time
 * keep the earlier run in `runs`.
 */
export function firstRuns(runs: readonly OutcomeRun[], ruleId: string): Map<string, { variant: string | null; at: number }> {
  const first = new Map<string, { variant: string | null; at: number }>();
  for (const run of runs) {
    if (run.rule !== ruleId || !ACTED.has(run.status)) continue;
    const at = Date.parse(run.at);
    if (!Number.isFinite(at)) continue;
    const seen = first.get(run.record);
    if (!seen || at < seen.at) first.set(run.record, { variant: run.variant ?? null, at });
  }
  return first;
}

/**
 * Each record's variant under a rule (from its first run that has one), for showing next
 * to the record in the customer table (docs/rules.md "Run log").
 */
export function variantsByRecord(runs: readonly OutcomeRun[], ruleId: string): Map<string, string> {
  const found = new Map<string, { variant: string; at: number }>();
  for (const run of runs) {
    if (run.rule !== ruleId || !run.variant) continue;
    const at = Date.parse(run.at);
    const seen = found.get(run.record);
    if (!seen || at < seen.at) found.set(run.record, { variant: run.variant, at });
  }
  return new Map([...found].map(([record, { variant }]) => [record, variant]));
}

/** The relation field of an outcome and the table it links to, when the rule's table has it. */
export function outcomeRelation(table: TableDef, relationFieldId: string): { field: FieldDef; tableId: string } | undefined {
  const field = table.fields.find((f) => f.id === relationFieldId);
  const tableId = field ? linkedTable(field) : undefined;
  return field && tableId ? { field, tableId } : undefined;
}

const idsIn = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : []);

/** The related records of each record: through the related table's back link (inverse) or the record's own stored ids. */
function relatedByRecord(relation: FieldDef, records: ReadonlyMap<string, RecordData>, related: readonly RecordData[]): Map<string, RecordData[]> {
  const out = new Map<string, RecordData[]>();
  const push = (owner: string, record: RecordData) => {
    const list = out.get(owner);
    if (list) list.push(record);
    else out.set(owner, [record]);
  };
  const back = relation.options?.inverseOf;
  if (back) {
    for (const record of related) for (const owner of idsIn(record.values[back])) push(owner, record);
    return out;
  }
  const byId = new Map(related.map((record) => [record.id, record]));
  for (const record of records.values()) {
    for (const id of idsIn(record.values[relation.id])) {
      const target = byId.get(id);
      if (target) push(record.id, target);
    }
  }
  return out;
}

/** Whether a related record's date falls in the window after a run. */
function inWindow(value: unknown, runAt: number, withinDays: number, timeZone: string): boolean {
  if (typeof value !== 'string' && typeof value !== 'number') return false;
  if (typeof value === 'number' || !PLAIN_DATE.test(value.trim())) {
    const time = typeof value === 'number' ? value : Date.parse(value);
    return time > runAt && time <= runAt + withinDays * DAY;
  }
  // A plain date cannot say whether it came before or after the run on the run's own day,
  // so the window starts the day after (the order that triggered the run does not count).
  const day = calendarDay(value, timeZone);
  const runDay = calendarDay(runAt, timeZone)!;
  return day !== undefined && day > runDay && day <= runDay + withinDays;
}

/** Which reached records reached the outcome, and which may still do so. */
function conversions(outcome: RuleOutcome, reached: Map<string, { at: number }>, sources: OutcomeSources): { converted: Set<string>; open: Set<string> } {
  const converted = new Set<string>();
  const open = new Set<string>();
  const { now, readValue } = sources;
  if (outcome.type === 'field') {
    const candidates = [...reached.keys()].map((id) => sources.records.get(id)).filter((r): r is RecordData => r !== undefined);
    for (const record of matchLogic(candidates, outcome.condition as never, sources.table, { now, readValue })) converted.add(record.id);
    return { converted, open };
  }
  const relation = outcomeRelation(sources.table, outcome.relationFieldId);
  const relatedTable = sources.relatedTable;
  const dateField = relatedTable?.fields.find((f) => f.id === outcome.dateFieldId);
  if (!relation || !relatedTable || !dateField) return { converted, open };
  const related = sources.relatedRecords ?? [];
  const eligible = outcome.condition === undefined ? related : matchLogic(related, outcome.condition as never, relatedTable, { now, readValue });
  const byRecord = relatedByRecord(relation.field, sources.records, eligible);
  for (const [id, { at }] of reached) {
    const list = byRecord.get(id) ?? [];
    if (list.some((record) => inWindow(readValue?.(record, dateField) ?? record.values[dateField.id], at, outcome.withinDays, sources.timeZone))) converted.add(id);
    else if (at + outcome.withinDays * DAY > now.getTime()) open.add(id);
  }
  return { converted, open };
}

/** The complementary error function (Abramowitz & Stegun 7.1.26, error below 1.5e-7). */
function erfc(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const value = poly * Math.exp(-x * x);
  return x >= 0 ? value : 2 - value;
}

/**
 * The two-sided two-proportion z-test of `x1` of `n1` against `x0` of `n0`. Equal rates, or
 * a pooled rate of 0 or 1 (no spread to compare), give z 0 and p 1.
 */
export function twoProportionTest(x1: number, n1: number, x0: number, n0: number): { z: number; pValue: number } {
  const pooled = (x1 + x0) / (n1 + n0);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0));
  if (!(se > 0)) return { z: 0, pValue: 1 };
  const z = (x1 / n1 - x0 / n0) / se;
  return { z, pValue: Math.min(1, erfc(Math.abs(z) / Math.SQRT2)) };
}

/**
 * The comparison of a rule's variants for an outcome. Lines: the rule's own variants in
 * their order (an empty one reached nobody), then variants only older runs name, then
 * runs without a variant. The first line is the control the others are tested against.
 */
export function measureOutcome(ruleId: string, variantIds: readonly string[], outcome: RuleOutcome, runs: readonly OutcomeRun[], sources: OutcomeSources): VariantOutcome[] {
  const first = firstRuns(runs, ruleId);
  const { converted, open } = conversions(outcome, first, sources);
  const lines = new Map<string | null, { reached: number; converted: number; pending: number }>(variantIds.map((id) => [id, { reached: 0, converted: 0, pending: 0 }]));
  const extra = [...new Set([...first.values()].map((run) => run.variant))].filter((v) => !lines.has(v)).sort((a, b) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0));
  for (const variant of extra) lines.set(variant, { reached: 0, converted: 0, pending: 0 });
  for (const [id, run] of first) {
    const line = lines.get(run.variant)!;
    line.reached++;
    if (converted.has(id)) line.converted++;
    else if (open.has(id)) line.pending++;
  }
  const entries = [...lines];
  const control = entries[0]?.[1];
  return entries.map(([variant, line], index): VariantOutcome => {
    const rate = line.reached > 0 ? line.converted / line.reached : null;
    const base = { variant, ...line, rate, z: null, pValue: null };
    if (index === 0) return { ...base, hint: 'control' };
    if (!control || !enoughData(line, control)) return { ...base, hint: 'not-enough-data' };
    const { z, pValue } = twoProportionTest(line.converted, line.reached, control.converted, control.reached);
    return { ...base, z, pValue, hint: pValue < SIGNIFICANCE_LEVEL ? 'significant' : 'not-significant' };
  });
}

/** The normal approximation holds: enough records on both sides, and enough of each result pooled. */
function enoughData(line: { reached: number; converted: number }, control: { reached: number; converted: number }): boolean {
  if (line.reached < MIN_OUTCOME_SAMPLE || control.reached < MIN_OUTCOME_SAMPLE) return false;
  const converted = line.converted + control.converted;
  const not = line.reached + control.reached - converted;
  return converted >= 5 && not >= 5;
}

interface OutcomeApp {
  tables: readonly TableDef[];
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isLogic = (value: unknown) => isObject(value) || typeof value === 'boolean';

/** The problems of a rule's `outcome` (paths relative to the rule: `.outcome.dateFieldId`). */
export function checkOutcome(outcome: unknown, table: TableDef, app: OutcomeApp, add: (path: string, code: RuleIssueCode, params?: Record<string, string | number>) => void): void {
  if (!isObject(outcome) || (outcome.type !== 'related-record' && outcome.type !== 'field')) {
    add('.outcome.type', 'rule.badOutcome', { value: String(isObject(outcome) ? outcome.type : outcome) });
    return;
  }
  if (outcome.type === 'field') {
    if (!isLogic(outcome.condition)) add('.outcome.condition', 'rule.badCondition');
    return;
  }
  const relation = outcomeRelation(table, String(outcome.relationFieldId));
  const related = relation && app.tables.find((t) => t.id === relation.tableId);
  if (!relation || !related) add('.outcome.relationFieldId', 'rule.outcomeRelation', { value: String(outcome.relationFieldId), table: table.name });
  else {
    const date = related.fields.find((f) => f.id === outcome.dateFieldId);
    if (!date || fieldTypeOf(date).scalar(date).type !== 'date') add('.outcome.dateFieldId', 'rule.outcomeDate', { value: String(outcome.dateFieldId), table: related.name });
  }
  if (!(Number.isInteger(outcome.withinDays) && (outcome.withinDays as number) >= 1 && (outcome.withinDays as number) <= 3650)) add('.outcome.withinDays', 'rule.outcomeDays');
  if (outcome.condition !== undefined && !isLogic(outcome.condition)) add('.outcome.condition', 'rule.badCondition');
}
