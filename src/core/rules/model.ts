/**
 * Automation rules as data: trigger + condition + actions, stored in the app definition
 * (`AppDef.rules`), built with pickers in `<ltc-rule-editor>`, or written by hand by a site
 * owner (docs/rules.md). Nothing here is code: conditions are JSON Logic run by
 * `applyLogic`, values are constants or formulas compiled by the formula engine, payloads are
 * templates with `{字段名}` placeholders (./template.ts).
 *
 * `checkRule` finds what is wrong with a rule against its app — unknown tables and fields,
 * the wrong kind of field for a trigger or action, malformed times, weights, URLs — as issues
 * with a path (`rules[2].actions[0].fieldId`) and a message code of ./messages.ts, so the
 * validators of templates and imports report them like every other schema problem.
 */
import type { CellValue, FieldDef, LocalizedLabels, TableDef } from '../schema/types.js';
import { fieldTypeOf, linkedTable } from '../fields/index.js';
import { isValidId } from '../ids.js';
import { parseTimeOfDay } from '../time/zoned.js';
import type { CatchUpPolicy, DateRelativeTrigger, RecurringTrigger } from './schedule.js';
import type { VariantDef } from './variants.js';
import { checkOutcome, type RuleOutcome } from './outcomes.js';
import type { RuleIssueCode } from './messages.js';

export type RecordTrigger =
  | { type: 'record-created' }
  /** Any field, or `fieldId`; with `from` / `to`, only changes from / to those values. */
  | { type: 'record-updated'; fieldId?: string; from?: CellValue; to?: CellValue }
  | { type: 'record-deleted' }
  | { type: 'form-submitted'; formId?: string }
  /** A lifecycle stage field moved (optionally from / to given stages). */
  | { type: 'stage-changed'; fieldId: string; from?: string; to?: string };

export type RuleTrigger = RecordTrigger | DateRelativeTrigger | RecurringTrigger;

/** A value an action writes: a constant in stored form, or a formula over the record. */
export interface ActionValue {
  value?: CellValue;
  /** Formula text (`TODAY() + 3`, `{累计积分} + 100`) evaluated for the record. */
  formula?: string;
}

/** Actions may be limited to one variant of the rule's A/B split. */
interface ActionBase {
  variant?: string;
}

export type RuleAction = ActionBase &
  (
    | ({ type: 'set-field'; fieldId: string } & ActionValue)
    /** Add / remove choices of a multiselect field (choice ids). */
    | { type: 'add-tags' | 'remove-tags'; fieldId: string; tags: string[] }
    /** Add (or, negative, take away) points on a number field. */
    | { type: 'add-points'; fieldId: string; points: number }
    /** Create a record in a table: a follow-up task, a message log entry. `link` names the field of the new record that points back at the triggering record. */
    | { type: 'create-record'; tableId: string; values: Record<string, ActionValue>; link?: string }
    /** Set an owner (a relation to a staff table) by round robin, fewest open tasks, or by condition. */
    | {
        type: 'assign-owner';
        fieldId: string;
        strategy: 'round-robin' | 'fewest-open' | 'by-condition';
        /** Staff record ids to choose among (default: every record of the staff table). */
        candidates?: string[];
        /** Only staff records this JSON Logic holds for (e.g. still employed: `{"var": "active"}`). */
        candidatesWhen?: unknown;
        /** For `fewest-open`: the tasks table, its owner field, and which tasks are open (JSON Logic). */
        openTasks?: { tableId: string; ownerFieldId: string; condition?: unknown };
        /** For `by-condition`: the first case whose condition matches the record wins. */
        cases?: Array<{ condition: unknown; owner: string }>;
      }
    /** POST a JSON payload to an allow-listed origin, retried with backoff. */
    | { type: 'webhook'; url: string; method?: 'POST' | 'PUT'; body?: unknown; headers?: Record<string, string>; retries?: number }
    /** Dispatch `ltc-rule-fired` on the host page with the rule, record and payload. */
    | { type: 'dispatch-event'; payload?: unknown }
    /** An in-app notification (text template). */
    | { type: 'notify'; message: string; labels?: LocalizedLabels }
  );

export interface RuleDef {
  /** Stable id, unique within the app. */
  id: string;
  name: string;
  labels?: LocalizedLabels;
  description?: string;
  /** Disabled rules do nothing. */
  enabled: boolean;
  /** The table whose records trigger the rule and that its actions act on. */
  tableId: string;
  trigger: RuleTrigger;
  /** JSON Logic over the record (built with `<ltc-condition-builder>`); absent = every record. */
  condition?: unknown;
  actions: RuleAction[];
  /** A/B split: each record gets one variant; actions with `variant` run for that variant only. */
  variants?: VariantDef[];
  /**
   * A stored text or single-choice field of the table the record's variant is written to on
   * each run, so the table can filter and group by it and compare outcomes per variant.
   */
  variantFieldId?: string;
  /** Time-based occurrences missed while no page was open (default: fire late). */
  catchUp?: CatchUpPolicy;
  /** What counts as success when the run log compares variants (./outcomes.ts). */
  outcome?: RuleOutcome;
}

export const TRIGGER_TYPES = ['record-created', 'record-updated', 'record-deleted', 'form-submitted', 'stage-changed', 'date-relative', 'recurring'] as const;
export const ACTION_TYPES = ['set-field', 'add-tags', 'remove-tags', 'add-points', 'create-record', 'assign-owner', 'webhook', 'dispatch-event', 'notify'] as const;

/** Whether a trigger runs on time passing (the scheduler) rather than on a record change. */
export function isTimeTrigger(trigger: RuleTrigger): trigger is DateRelativeTrigger | RecurringTrigger {
  return trigger.type === 'date-relative' || trigger.type === 'recurring';
}

/** How many rule-caused writes may cause further rule runs before the chain is stopped. */
export const MAX_RULE_DEPTH = 5;

export interface RuleIssue {
  path: string;
  code: RuleIssueCode;
  params?: Record<string, string | number>;
}

interface RuleApp {
  tables: readonly TableDef[];
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Every problem of one rule (`index` its position, for paths), against the app it belongs to. */
export function checkRule(rule: unknown, index: number, app: RuleApp, seenIds: Set<string> = new Set()): RuleIssue[] {
  const base = `rules[${index}]`;
  const issues: RuleIssue[] = [];
  const add = (path: string, code: RuleIssueCode, params?: Record<string, string | number>) => issues.push({ path: `${base}${path}`, code, ...(params ? { params } : {}) });
  if (!isObject(rule)) {
    add('', 'rule.notObject');
    return issues;
  }
  if (typeof rule.id !== 'string' || !isValidId(rule.id)) add('.id', 'rule.badId', { value: String(rule.id) });
  else if (seenIds.has(rule.id)) add('.id', 'rule.duplicateId', { value: rule.id });
  else seenIds.add(rule.id);
  if (typeof rule.name !== 'string' || rule.name.trim() === '') add('.name', 'rule.noName');
  if (typeof rule.enabled !== 'boolean') add('.enabled', 'rule.notBoolean');
  const table = app.tables.find((t) => t.id === rule.tableId);
  if (!table) {
    add('.tableId', 'rule.unknownTable', { value: String(rule.tableId) });
    return issues;
  }
  checkTrigger(rule.trigger, table, add);
  if (rule.condition !== undefined && !isObject(rule.condition) && typeof rule.condition !== 'boolean') add('.condition', 'rule.badCondition');
  const variants = checkVariants(rule.variants, add);
  if (rule.variantFieldId !== undefined) {
    const field = needField(table, rule.variantFieldId, '.variantFieldId', add, (f) => isStored(f) && (f.type === 'text' || f.type === 'select'), 'text / select');
    if (field?.type === 'select') {
      const known = new Set((field.options?.choices ?? []).map((choice) => choice.id));
      for (const id of variants) if (!known.has(id)) add('.variantFieldId', 'rule.unknownChoice', { value: id, field: field.name });
    }
    if (variants.size === 0) add('.variantFieldId', 'rule.badVariants');
  }
  if (!Array.isArray(rule.actions) || rule.actions.length === 0) add('.actions', 'rule.noActions');
  else rule.actions.forEach((action, i) => checkAction(action, `.actions[${i}]`, table, app, variants, add));
  if (rule.catchUp !== undefined) {
    const policy = rule.catchUp;
    if (!isObject(policy) || (policy.missed !== 'fire' && policy.missed !== 'skip')) add('.catchUp.missed', 'rule.badCatchUp');
    else if (policy.maxLateDays !== undefined && !(Number.isInteger(policy.maxLateDays) && (policy.maxLateDays as number) >= 0)) add('.catchUp.maxLateDays', 'rule.badNumber');
  }
  if (rule.outcome !== undefined) checkOutcome(rule.outcome, table, app, add);
  return issues;
}

type Add = (path: string, code: RuleIssueCode, params?: Record<string, string | number>) => void;

function fieldOf(table: TableDef, id: unknown): FieldDef | undefined {
  return typeof id === 'string' ? table.fields.find((field) => field.id === id) : undefined;
}

function needField(table: TableDef, id: unknown, path: string, add: Add, accept?: (field: FieldDef) => boolean, kind?: string): FieldDef | undefined {
  const field = fieldOf(table, id);
  if (!field) {
    add(path, 'rule.unknownField', { value: String(id), table: table.name });
    return undefined;
  }
  if (accept && !accept(field)) {
    add(path, 'rule.wrongFieldType', { field: field.name, kind: kind ?? '' });
    return undefined;
  }
  return field;
}

const isDateField = (field: FieldDef) => fieldTypeOf(field).scalar(field).type === 'date';
const isStored = (field: FieldDef) => !fieldTypeOf(field).isDerived(field);

function checkTrigger(trigger: unknown, table: TableDef, add: Add): void {
  if (!isObject(trigger) || !(TRIGGER_TYPES as readonly string[]).includes(String(trigger.type))) {
    add('.trigger.type', 'rule.unknownTrigger', { value: String(isObject(trigger) ? trigger.type : trigger) });
    return;
  }
  switch (trigger.type) {
    case 'record-updated':
      if (trigger.fieldId !== undefined) needField(table, trigger.fieldId, '.trigger.fieldId', add);
      else if (trigger.from !== undefined || trigger.to !== undefined) add('.trigger.fieldId', 'rule.fromToNeedsField');
      break;
    case 'stage-changed':
      needField(table, trigger.fieldId, '.trigger.fieldId', add, (field) => field.type === 'stage', 'stage');
      break;
    case 'date-relative': {
      needField(table, trigger.fieldId, '.trigger.fieldId', add, isDateField, 'date');
      if (typeof trigger.offset !== 'number' || !Number.isInteger(trigger.offset) || Math.abs(trigger.offset) > 100_000) add('.trigger.offset', 'rule.badNumber');
      if (trigger.unit !== 'minutes' && trigger.unit !== 'hours' && trigger.unit !== 'days') add('.trigger.unit', 'rule.badUnit', { value: String(trigger.unit) });
      if (trigger.at !== undefined) {
        if (parseTimeOfDay(trigger.at) === undefined) add('.trigger.at', 'rule.badTime', { value: String(trigger.at) });
        else if (trigger.unit !== 'days') add('.trigger.at', 'rule.timeNeedsDays');
      }
      break;
    }
    case 'recurring':
      if (trigger.every !== 'day' && trigger.every !== 'week' && trigger.every !== 'month') add('.trigger.every', 'rule.badEvery', { value: String(trigger.every) });
      if (parseTimeOfDay(trigger.at) === undefined) add('.trigger.at', 'rule.badTime', { value: String(trigger.at) });
      if (trigger.weekday !== undefined && !(Number.isInteger(trigger.weekday) && (trigger.weekday as number) >= 0 && (trigger.weekday as number) <= 6)) add('.trigger.weekday', 'rule.badNumber');
      if (trigger.day !== undefined && !(Number.isInteger(trigger.day) && (trigger.day as number) >= 1 && (trigger.day as number) <= 31)) add('.trigger.day', 'rule.badNumber');
      break;
    default:
      break;
  }
}

function checkVariants(variants: unknown, add: Add): Set<string> {
  const ids = new Set<string>();
  if (variants === undefined) return ids;
  if (!Array.isArray(variants) || variants.length < 2) {
    add('.variants', 'rule.badVariants');
    return ids;
  }
  let total = 0;
  variants.forEach((variant, i) => {
    if (!isObject(variant) || typeof variant.id !== 'string' || !isValidId(variant.id) || ids.has(variant.id)) add(`.variants[${i}].id`, 'rule.badId', { value: String(isObject(variant) ? variant.id : variant) });
    else ids.add(variant.id);
    const weight = isObject(variant) ? variant.weight : undefined;
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) add(`.variants[${i}].weight`, 'rule.badNumber');
    else total += weight;
  });
  if (total <= 0) add('.variants', 'rule.badVariants');
  return ids;
}

function checkValue(value: unknown, path: string, add: Add): void {
  if (!isObject(value) || (value.formula === undefined) === (value.value === undefined)) {
    add(path, 'rule.badValue');
    return;
  }
  if (value.formula !== undefined && (typeof value.formula !== 'string' || value.formula.trim() === '')) add(`${path}.formula`, 'rule.badValue');
}

function checkAction(action: unknown, path: string, table: TableDef, app: RuleApp, variants: Set<string>, add: Add): void {
  if (!isObject(action) || !(ACTION_TYPES as readonly string[]).includes(String(action.type))) {
    add(`${path}.type`, 'rule.unknownAction', { value: String(isObject(action) ? action.type : action) });
    return;
  }
  if (action.variant !== undefined && !variants.has(String(action.variant))) add(`${path}.variant`, 'rule.unknownVariant', { value: String(action.variant) });
  switch (action.type) {
    case 'set-field':
      needField(table, action.fieldId, `${path}.fieldId`, add, isStored, 'stored');
      checkValue(action, path, add);
      break;
    case 'add-tags':
    case 'remove-tags': {
      const field = needField(table, action.fieldId, `${path}.fieldId`, add, (f) => f.type === 'multiselect', 'multiselect');
      if (!Array.isArray(action.tags) || action.tags.length === 0) add(`${path}.tags`, 'rule.noTags');
      else if (field) {
        const known = new Set((field.options?.choices ?? []).map((choice) => choice.id));
        action.tags.forEach((tag, i) => {
          if (!known.has(String(tag))) add(`${path}.tags[${i}]`, 'rule.unknownChoice', { value: String(tag), field: field.name });
        });
      }
      break;
    }
    case 'add-points':
      needField(table, action.fieldId, `${path}.fieldId`, add, (f) => isStored(f) && fieldTypeOf(f).scalar(f).type === 'number', 'number');
      if (typeof action.points !== 'number' || !Number.isFinite(action.points)) add(`${path}.points`, 'rule.badNumber');
      break;
    case 'create-record': {
      const target = app.tables.find((t) => t.id === action.tableId);
      if (!target) {
        add(`${path}.tableId`, 'rule.unknownTable', { value: String(action.tableId) });
        break;
      }
      if (!isObject(action.values)) add(`${path}.values`, 'rule.badValue');
      else for (const [fieldId, value] of Object.entries(action.values)) {
        if (needField(target, fieldId, `${path}.values.${fieldId}`, add, isStored, 'stored')) checkValue(value, `${path}.values.${fieldId}`, add);
      }
      if (action.link !== undefined) needField(target, action.link, `${path}.link`, add, (f) => linkedTable(f) === table.id && isStored(f), 'relation');
      break;
    }
    case 'assign-owner': {
      const field = needField(table, action.fieldId, `${path}.fieldId`, add, (f) => isStored(f) && linkedTable(f) !== undefined, 'relation');
      if (action.strategy !== 'round-robin' && action.strategy !== 'fewest-open' && action.strategy !== 'by-condition') add(`${path}.strategy`, 'rule.badStrategy', { value: String(action.strategy) });
      if (action.candidates !== undefined && !(Array.isArray(action.candidates) && action.candidates.every((id) => typeof id === 'string'))) add(`${path}.candidates`, 'rule.badValue');
      if (action.candidatesWhen !== undefined && !isObject(action.candidatesWhen) && typeof action.candidatesWhen !== 'boolean') add(`${path}.candidatesWhen`, 'rule.badCondition');
      if (action.strategy === 'fewest-open') {
        const open = action.openTasks;
        const tasks = isObject(open) ? app.tables.find((t) => t.id === open.tableId) : undefined;
        if (!isObject(open) || !tasks) add(`${path}.openTasks.tableId`, 'rule.unknownTable', { value: String(isObject(open) ? open.tableId : '') });
        else if (field) needField(tasks, open.ownerFieldId, `${path}.openTasks.ownerFieldId`, add, (f) => linkedTable(f) === linkedTable(field), 'relation');
      }
      if (action.strategy === 'by-condition' && (!Array.isArray(action.cases) || action.cases.length === 0 || !action.cases.every((c) => isObject(c) && typeof c.owner === 'string'))) add(`${path}.cases`, 'rule.badCases');
      break;
    }
    case 'webhook': {
      if (typeof action.url !== 'string' || !/^https?:\/\//i.test(action.url) || !URL.canParse(action.url)) add(`${path}.url`, 'rule.badUrl', { value: String(action.url) });
      if (action.method !== undefined && action.method !== 'POST' && action.method !== 'PUT') add(`${path}.method`, 'rule.badMethod', { value: String(action.method) });
      if (action.retries !== undefined && !(Number.isInteger(action.retries) && (action.retries as number) >= 0 && (action.retries as number) <= 10)) add(`${path}.retries`, 'rule.badNumber');
      if (action.headers !== undefined && !(isObject(action.headers) && Object.values(action.headers).every((v) => typeof v === 'string'))) add(`${path}.headers`, 'rule.badValue');
      break;
    }
    case 'notify':
      if (typeof action.message !== 'string' || action.message.trim() === '') add(`${path}.message`, 'rule.noMessage');
      break;
    default:
      break;
  }
}
