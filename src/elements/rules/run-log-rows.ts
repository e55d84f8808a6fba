/**
 * The run log's rows, without the DOM: stored runs (records of `ltc_rule_runs`) read once into
 * flat rows kept newest first, the filter `<ltc-run-log>` applies on every keystroke (one
 * loop over plain fields, so 100,000 runs filter in a few milliseconds: bench/runlog.bench.ts),
 * and the parsed details of one run (its inputs, its steps, its error lines) for the expanded
 * view. Nothing here renders: the element shows each piece as text.
 */
import type { CellValue, RecordData } from '../../core/schema/types.js';
import type { OutcomeRun } from '../../core/rules/outcomes.js';
import type { PlannedStep } from '../../core/rules/plan.js';
import { RUN_TABLE_ID, type RunStatus } from '../../runtime/rules/run-log.js';

export const RUN_STATUSES: readonly RunStatus[] = ['ok', 'partial', 'error', 'stopped', 'skipped'];

/** One run as the log shows and filters it. */
export interface RunRow extends OutcomeRun {
  id: string;
  /** The table of the record the run was for. */
  table: string;
  trigger: string;
  /** The run's time in epoch milliseconds (NaN never: unreadable times sort as 0). */
  time: number;
  /** What the record search looks in: the record's label and id, lower-cased. */
  search: string;
  /** The stored run, for the expanded view and the CSV export. */
  source: RecordData;
}

/** What the log shows: every criterion optional (`''` / undefined = any). */
export interface RunFilter {
  rule?: string;
  status?: string;
  /** A variant id, or `RUN_NO_VARIANT` for runs without one. */
  variant?: string;
  trigger?: string;
  /** Epoch milliseconds, inclusive. */
  from?: number;
  /** Epoch milliseconds, exclusive. */
  to?: number;
  /** Text the record's label (or id) contains, any case. */
  record?: string;
}

/** The variant filter's value for runs without a variant. */
export const RUN_NO_VARIANT = '\u0000none';

const text = (value: CellValue | undefined): string => (typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value));

/** A stored run as a row; undefined for the table's other records (the rules' cursors). */
export function runRow(record: RecordData, label?: string): RunRow | undefined {
  if (record.tableId !== RUN_TABLE_ID || typeof record.values.record !== 'string') return undefined;
  const at = text(record.values.at);
  const time = Date.parse(at);
  return {
    id: record.id,
    rule: text(record.values.rule),
    table: text(record.values.table),
    record: record.values.record,
    trigger: text(record.values.trigger),
    variant: typeof record.values.variant === 'string' && record.values.variant !== '' ? record.values.variant : null,
    status: text(record.values.status),
    at,
    time: Number.isFinite(time) ? time : 0,
    search: searchText(record.values.record, label),
    source: record,
  };
}

/** The text a record search looks in: the label (when known) and the id, lower-cased once. */
export function searchText(recordId: string, label?: string): string {
  return (label === undefined ? recordId : `${label}\u0000${recordId}`).toLowerCase();
}

/** Newest first; runs of the same instant by id, so the order is stable across reloads. */
export function compareRows(a: RunRow, b: RunRow): number {
  return b.time - a.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Insert or replace a row in a newest-first list (a live run arriving from the change feed). */
export function upsertRow(rows: RunRow[], row: RunRow): RunRow[] {
  const next = rows.filter((r) => r.id !== row.id);
  let low = 0;
  let high = next.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareRows(next[mid]!, row) <= 0) low = mid + 1;
    else high = mid;
  }
  next.splice(low, 0, row);
  return next;
}

/** The rows that pass `filter`, in their order (newest first). */
export function filterRuns(rows: readonly RunRow[], filter: RunFilter): RunRow[] {
  const { rule, status, trigger, from, to } = filter;
  const byVariant = Boolean(filter.variant);
  const variant = filter.variant === RUN_NO_VARIANT ? null : filter.variant;
  const query = (filter.record ?? '').trim().toLowerCase();
  const byTime = from !== undefined || to !== undefined;
  const start = from ?? -Infinity;
  const end = to ?? Infinity;
  const out: RunRow[] = [];
  for (const row of rows) {
    if (rule && row.rule !== rule) continue;
    if (status && row.status !== status) continue;
    if (byVariant && row.variant !== variant) continue;
    if (trigger && row.trigger !== trigger) continue;
    if (byTime && (row.time < start || row.time >= end)) continue;
    if (query && !row.search.includes(query)) continue;
    out.push(row);
  }
  return out;
}

/**
 * Whether the runs `next` shows are a subset of those `previous` showed (only the record
 * search changed, and it grew: typing), so filtering the previous result is enough.
 */
export function narrows(previous: RunFilter, next: RunFilter): boolean {
  const before = (previous.record ?? '').trim().toLowerCase();
  const after = (next.record ?? '').trim().toLowerCase();
  const same = (['rule', 'status', 'variant', 'trigger', 'from', 'to'] as const).every((key) => (previous[key] || undefined) === (next[key] || undefined));
  return same && after.includes(before);
}

/** The values the filter offers: rules, triggers, and the variants of each rule ('' = every rule). */
export interface RunChoices {
  rules: string[];
  triggers: string[];
  variants: Map<string, string[]>;
}

/** The filter's choices, in one pass over the rows. */
export function runChoices(rows: readonly RunRow[]): RunChoices {
  const rules = new Set<string>();
  const triggers = new Set<string>();
  const variants = new Map<string, Set<string>>([['', new Set()]]);
  for (const row of rows) {
    rules.add(row.rule);
    if (row.trigger) triggers.add(row.trigger);
    if (!row.variant) continue;
    variants.get('')!.add(row.variant);
    let ofRule = variants.get(row.rule);
    if (!ofRule) variants.set(row.rule, (ofRule = new Set()));
    ofRule.add(row.variant);
  }
  const sorted = (set: Set<string>) => [...set].sort();
  return { rules: sorted(rules), triggers: sorted(triggers), variants: new Map([...variants].map(([rule, set]) => [rule, sorted(set)])) };
}

/** A run's details, parsed from its stored text (written by the engine; possibly cut at its length limit). */
export interface RunDetails {
  /** The record's values when the rule ran, by field id; undefined when unreadable. */
  inputs?: Record<string, unknown>;
  steps: PlannedStep[];
  /** The fields the run changed on the record. */
  update?: Record<string, unknown>;
  /** Records the run created. */
  creates: Array<{ tableId: string; id: string }>;
  /** Error and webhook attempt lines, in order. */
  errors: string[];
  /** Whether the stored inputs or steps could not be read (a cut-off text). */
  unreadable: boolean;
}

function parseJson(value: CellValue | undefined): { ok: true; value: unknown } | { ok: false } {
  if (typeof value !== 'string' || value === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(value) };
  } catch {
    return { ok: false };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The details of a stored run. */
export function runDetails(record: RecordData): RunDetails {
  const inputs = parseJson(record.values.inputs);
  const steps = parseJson(record.values.steps);
  const plan = steps.ok && isObject(steps.value) ? steps.value : {};
  const update = isObject(plan.update) && isObject(plan.update.values) ? plan.update.values : undefined;
  return {
    inputs: inputs.ok && isObject(inputs.value) ? inputs.value : undefined,
    steps: Array.isArray(plan.steps) ? (plan.steps.filter(isObject) as unknown as PlannedStep[]) : [],
    update,
    creates: Array.isArray(plan.creates) ? (plan.creates.filter(isObject) as Array<{ tableId: string; id: string }>) : [],
    errors: text(record.values.error).split(/\r?\n/).filter((line) => line.trim() !== ''),
    unreadable: !inputs.ok || !steps.ok,
  };
}
