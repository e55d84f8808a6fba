/**
 * What one run of a rule for one record would do, without doing it: the record's changed
 * fields (old → new), the records to create, and the side effects to perform after the write
 * commits (webhooks, `ltc-rule-fired`, notifications). The engine turns a plan into one store
 * transaction together with the run's log entry; the dry run shows plans for every matching
 * record and writes nothing. Both therefore agree by construction.
 *
 * Pure: everything that needs data beyond the record (conditions over derived values,
 * formula data with related records, staff lists, open task counts) comes through
 * `PlanContext`, which the runtime implements over the store and derived values and tests
 * implement by hand.
 */
import type { CellValue, FieldDef, RecordData, RecordValues, TableDef } from '../schema/types.js';
import { fieldTypeOf, linkedTable } from '../fields/index.js';
import { assignVariant } from './variants.js';
import { fillTemplate, TemplateError, type TemplateLookup } from './template.js';
import type { ActionValue, RuleAction, RuleDef, RuleTrigger } from './model.js';

/** A record change (or form submission, or stage move) a rule may react to. */
export type RuleEvent =
  | { type: 'created' | 'form-submitted'; tableId: string; record: RecordData; formId?: string }
  | { type: 'updated'; tableId: string; record: RecordData; previous: RecordValues }
  | { type: 'deleted'; tableId: string; record: RecordData }
  | { type: 'stage-changed'; tableId: string; record: RecordData; fieldId: string; from: string | null; to: string | null };

export interface PlanContext {
  tables: readonly TableDef[];
  /** Whether the record matches JSON Logic (the condition builder's), derived values included. */
  matches(logic: unknown, record: RecordData): boolean;
  /** Evaluates a formula (its source text) for the record; returns the value or throws with a readable message. */
  evaluate(formula: string, record: RecordData, table: TableDef): CellValue;
  /** Fields of the record by name for templates, as text and as values. */
  template(record: RecordData, table: TableDef): TemplateLookup;
  /** A new record id. */
  newId(tableId: string): string;
  /** The staff record ids an owner field may take, in a stable order. */
  /** The staff record ids an assign-owner action may choose among (its `candidatesWhen` applied). */
  ownerCandidates(field: FieldDef, action: Extract<RuleAction, { type: 'assign-owner' }>): string[];
  /** For round robin: how many owners this action has assigned before (the next one is `count % n`). */
  assignedBefore(ruleId: string, actionIndex: number): number;
  /** For fewest open tasks: open task count per owner id. */
  openTaskCounts(action: Extract<RuleAction, { type: 'assign-owner' }>): Map<string, number>;
}

export type RuleEffect =
  | { type: 'webhook'; actionIndex: number; url: string; method: 'POST' | 'PUT'; body: unknown; headers: Record<string, string>; retries: number }
  | { type: 'dispatch-event'; actionIndex: number; payload: unknown }
  | { type: 'notify'; actionIndex: number; message: string };

export interface PlannedStep {
  actionIndex: number;
  type: RuleAction['type'];
  status: 'planned' | 'skipped' | 'error';
  /** Why a step was skipped (another variant, nothing to change) or failed. */
  reason?: string;
}

export interface RulePlan {
  ruleId: string;
  tableId: string;
  recordId: string;
  variant?: string;
  /** Changed fields of the triggering record: new values, and the values they replace. */
  update?: { values: RecordValues; before: RecordValues };
  creates: Array<{ tableId: string; id: string; values: RecordValues }>;
  effects: RuleEffect[];
  steps: PlannedStep[];
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Whether a record event is what the rule's trigger waits for (time triggers never match events). */
export function triggerMatches(trigger: RuleTrigger, event: RuleEvent): boolean {
  switch (trigger.type) {
    case 'record-created':
      return event.type === 'created';
    case 'record-deleted':
      return event.type === 'deleted';
    case 'form-submitted':
      return event.type === 'form-submitted' && (trigger.formId === undefined || trigger.formId === event.formId);
    case 'record-updated': {
      if (event.type !== 'updated') return false;
      if (trigger.fieldId === undefined) return Object.keys(event.previous).length > 0;
      if (!(trigger.fieldId in event.previous)) return false;
      const before = event.previous[trigger.fieldId] ?? null;
      const after = event.record.values[trigger.fieldId] ?? null;
      if (same(before, after)) return false;
      if (trigger.from !== undefined && !same(trigger.from, before)) return false;
      return trigger.to === undefined || same(trigger.to, after);
    }
    case 'stage-changed':
      return (
        event.type === 'stage-changed' &&
        event.fieldId === trigger.fieldId &&
        event.from !== event.to &&
        (trigger.from === undefined || trigger.from === event.from) &&
        (trigger.to === undefined || trigger.to === event.to)
      );
    default:
      return false;
  }
}

/**
 * The stored field a formula that is only `{字段名}` copies, when that field holds a list —
 * a relation (the customer's 负责人 onto a new task) or a multiselect: a formula reads those
 * as lists, which no formula result may be, so the stored value is copied as it is.
 */
function copiedList(formula: string, table: TableDef): FieldDef | undefined {
  const name = /^\s*\{([^{}]+)\}\s*$/.exec(formula)?.[1];
  const field = name === undefined ? undefined : table.fields.find((f) => f.name === name);
  if (!field || fieldTypeOf(field).isDerived(field)) return undefined;
  return linkedTable(field) !== undefined || fieldTypeOf(field).scalar(field).list ? field : undefined;
}

/** A value an action writes, in stored form for `field`, or the reason it cannot be. */
function resolveValue(value: ActionValue, field: FieldDef, record: RecordData, table: TableDef, ctx: PlanContext): { ok: true; value: CellValue } | { ok: false; reason: string } {
  let raw: unknown;
  const copied = value.formula === undefined ? undefined : copiedList(value.formula, table);
  if (copied) raw = record.values[copied.id] ?? null;
  else if (value.formula !== undefined) {
    try {
      raw = ctx.evaluate(value.formula, record, table);
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
    if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) return { ok: false, reason: `the formula gave an error (${String((raw as { code?: string }).code ?? raw)})` };
  } else raw = value.value ?? null;
  const coerced = fieldTypeOf(field).coerce(raw, field, 'json');
  if (!coerced.ok) return { ok: false, reason: `${field.name}: ${coerced.issue.key}` };
  return { ok: true, value: coerced.value };
}

/**
 * The plan of one run of `rule` for `record` (of `rule.tableId`). Actions run in order and
 * see the record as earlier actions left it (add 10 points, then a formula over the points).
 */
export function planRule(rule: RuleDef, record: RecordData, ctx: PlanContext): RulePlan {
  const table = ctx.tables.find((t) => t.id === rule.tableId);
  if (!table) throw new RangeError(`rule ${rule.id}: no table ${rule.tableId}`);
  const plan: RulePlan = { ruleId: rule.id, tableId: table.id, recordId: record.id, creates: [], effects: [], steps: [] };
  if (rule.variants?.length) plan.variant = assignVariant(rule.id, record.id, rule.variants);
  const values: RecordValues = { ...record.values };
  const before: RecordValues = {};
  const changed: RecordValues = {};
  const current = (): RecordData => ({ ...record, values });
  const set = (fieldId: string, value: CellValue) => {
    if (!(fieldId in before)) before[fieldId] = record.values[fieldId] ?? null;
    values[fieldId] = value;
    changed[fieldId] = value;
  };
  const fieldOf = (id: string) => table.fields.find((f) => f.id === id);
  // The variant kept on the record too, for the table to group and compare by.
  if (plan.variant !== undefined && rule.variantFieldId && (record.values[rule.variantFieldId] ?? null) !== plan.variant) set(rule.variantFieldId, plan.variant);

  rule.actions.forEach((action, actionIndex) => {
    const step: PlannedStep = { actionIndex, type: action.type, status: 'planned' };
    plan.steps.push(step);
    const fail = (reason: string) => {
      step.status = 'error';
      step.reason = reason;
    };
    if (action.variant !== undefined && action.variant !== plan.variant) {
      step.status = 'skipped';
      step.reason = `variant ${plan.variant ?? '-'}`;
      return;
    }
    try {
      switch (action.type) {
        case 'set-field': {
          const field = fieldOf(action.fieldId);
          if (!field) return fail(`no field ${action.fieldId}`);
          const resolved = resolveValue(action, field, current(), table, ctx);
          if (!resolved.ok) return fail(resolved.reason);
          if (same(resolved.value, values[field.id])) {
            step.status = 'skipped';
            step.reason = 'unchanged';
            return;
          }
          set(field.id, resolved.value);
          return;
        }
        case 'add-tags':
        case 'remove-tags': {
          const had = Array.isArray(values[action.fieldId]) ? (values[action.fieldId] as string[]) : [];
          const next = action.type === 'add-tags' ? [...had, ...action.tags.filter((tag) => !had.includes(tag))] : had.filter((tag) => !action.tags.includes(tag));
          if (same(next, had)) {
            step.status = 'skipped';
            step.reason = 'unchanged';
            return;
          }
          set(action.fieldId, next);
          return;
        }
        case 'add-points': {
          const had = values[action.fieldId];
          const base = typeof had === 'number' && Number.isFinite(had) ? had : 0;
          set(action.fieldId, Math.round((base + action.points) * 1e9) / 1e9);
          return;
        }
        case 'create-record': {
          const target = ctx.tables.find((t) => t.id === action.tableId);
          if (!target) return fail(`no table ${action.tableId}`);
          const created: RecordValues = {};
          for (const [fieldId, value] of Object.entries(action.values)) {
            const field = target.fields.find((f) => f.id === fieldId);
            if (!field) return fail(`no field ${fieldId} in ${target.name}`);
            const resolved = resolveValue(value, field, current(), table, ctx);
            if (!resolved.ok) return fail(resolved.reason);
            created[fieldId] = resolved.value;
          }
          if (action.link) {
            const link = target.fields.find((f) => f.id === action.link);
            created[action.link] = link?.options?.multiple ? [record.id] : record.id;
          }
          plan.creates.push({ tableId: target.id, id: ctx.newId(target.id), values: created });
          return;
        }
        case 'assign-owner': {
          const field = fieldOf(action.fieldId);
          if (!field) return fail(`no field ${action.fieldId}`);
          const owner = pickOwner(rule, action, actionIndex, field, current(), ctx);
          if (owner === undefined) return fail('no staff member to assign');
          const value = field.options?.multiple ? [owner] : owner;
          if (same(value, values[field.id])) {
            step.status = 'skipped';
            step.reason = 'unchanged';
            return;
          }
          set(field.id, value);
          return;
        }
        case 'webhook': {
          const body = fillTemplate(action.body ?? {}, ctx.template(current(), table)).result;
          plan.effects.push({ type: 'webhook', actionIndex, url: action.url, method: action.method ?? 'POST', body, headers: { ...(action.headers ?? {}) }, retries: action.retries ?? 3 });
          return;
        }
        case 'dispatch-event': {
          const payload = fillTemplate(action.payload ?? {}, ctx.template(current(), table)).result;
          plan.effects.push({ type: 'dispatch-event', actionIndex, payload });
          return;
        }
        case 'notify': {
          const message = fillTemplate(action.message, ctx.template(current(), table)).result;
          plan.effects.push({ type: 'notify', actionIndex, message: String(message ?? '') });
          return;
        }
      }
    } catch (error) {
      if (error instanceof TemplateError || error instanceof Error) return fail(error.message);
      throw error;
    }
  });
  if (Object.keys(changed).length > 0) plan.update = { values: changed, before };
  return plan;
}

function pickOwner(rule: RuleDef, action: Extract<RuleAction, { type: 'assign-owner' }>, actionIndex: number, field: FieldDef, record: RecordData, ctx: PlanContext): string | undefined {
  const candidates = action.candidates?.length ? action.candidates : ctx.ownerCandidates(field, action);
  if (action.strategy === 'by-condition') {
    return action.cases?.find((c) => ctx.matches(c.condition, record))?.owner;
  }
  if (candidates.length === 0) return undefined;
  if (action.strategy === 'round-robin') return candidates[ctx.assignedBefore(rule.id, actionIndex) % candidates.length];
  const counts = ctx.openTaskCounts(action);
  let best = candidates[0]!;
  for (const id of candidates) if ((counts.get(id) ?? 0) < (counts.get(best) ?? 0)) best = id;
  return best;
}
