/**
 * The rule engine: runs an app's enabled rules over a `Store`, in the browser.
 *
 * - Record triggers (created / updated / deleted, form submitted, stage changed) run in the
 *   tab that made the change, right after it commits (a stage change is the stage tracker's
 *   write of a record's recorded stage, origin `lifecycle`) — never for changes that arrive from
 *   another tab or from sync (that tab ran them), nor for template clones and imports (a
 *   100,000-row import must not send 100,000 webhooks; docs/rules.md).
 * - Time triggers (date-relative, recurring) run in one leader tab (`start()` takes a Web
 *   Lock; when the leader tab closes, a waiting tab gets the lock and takes over). Each wake
 *   handles the occurrences due since the rule's cursor, so occurrences missed while no page
 *   was open are caught up on the next open, under the rule's catch-up policy.
 * - Every run is ONE store transaction: the record's changes, the records it creates, and the
 *   run's log entry, whose id is derived from the rule, the record and the occurrence. A run
 *   another tab already wrote makes the transaction fail as a duplicate, so each occurrence
 *   fires exactly once per record, across tabs and reloads, even if two tabs both think they
 *   lead for a moment.
 * - Writes made by rules carry `{ kind: 'rule', ruleId, depth }`; a change at depth
 *   `MAX_RULE_DEPTH` triggers nothing more and is logged as stopped: rules never loop.
 * - Side effects run after the commit: `ltc-rule-fired` and notifications are dispatched on
 *   the host; webhooks go only to allow-listed origins, retried with backoff, every attempt
 *   appended to the run's log entry.
 *
 * The clock, the locks, `fetch` and the wait between retries are injected, so tests drive
 * time and tabs.
 */
import type { AppDef, CellValue, FieldDef, RecordData, TableDef } from '../../core/schema/types.js';
import type { ChangeEvent, ChangeOrigin, Mutation, Store } from '../../store/types.js';
import { StoreError } from '../../store/types.js';
import { fieldTypeOf } from '../../core/fields/index.js';
import { matchLogic } from '../../core/conditions/match.js';
import { evaluateFormula, scopeForTable } from '../../core/formula/index.js';
import { compileFormula } from '../../core/formula/compiler.js';
import { localTimeZone } from '../../core/time/zoned.js';
import { MAX_RULE_DEPTH, isTimeTrigger, type RuleAction, type RuleDef } from '../../core/rules/model.js';
import { planRule, triggerMatches, type PlanContext, type RuleEffect, type RuleEvent, type RulePlan } from '../../core/rules/plan.js';
import { dueDateRelative, recurrencesBetween, shouldFire, type Occurrence } from '../../core/rules/schedule.js';
import { RUN_TABLE_ID, cursorId, runId, type RunStatus } from './run-log.js';

export interface RuleEngineOptions {
  store: Store;
  appId: string;
  /** The current app definition (its `rules`). */
  app: () => AppDef | undefined;
  /** All records of a table, as the engine should see them (default: read from the store). */
  records?: (tableId: string) => Promise<readonly RecordData[]>;
  /** A cell as conditions and templates see it, computed fields included (default: stored values). */
  readValue?: (record: RecordData, field: FieldDef) => CellValue;
  now?: () => number;
  timeZone?: string;
  /** Dispatches `ltc-rule-fired` / `ltc-notification` (and `ltc-error` for a failed wake-up) on the host page. */
  dispatch?: (name: 'ltc-rule-fired' | 'ltc-notification' | 'ltc-error', detail: Record<string, unknown>) => void;
  /** Origins webhooks may be sent to (`https://hooks.example.com`); none by default. */
  webhookOrigins?: readonly string[];
  fetch?: (url: string, init: RequestInit) => Promise<{ ok: boolean; status: number }>;
  /** Waits between webhook attempts (default: real time, 1 s × 2^attempt). */
  wait?: (ms: number) => Promise<void>;
  locks?: Pick<LockManager, 'request'>;
}

/** What one rule would do now, over every record it matches; nothing is written. */
export interface DryRun {
  ruleId: string;
  matched: number;
  plans: RulePlan[];
}

interface RunContext {
  trigger: string;
  occurrence: string;
  depth: number;
}

const NOT_RULE_CAUSED = 0;

export class RuleEngine {
  private readonly now: () => number;
  private unsubscribe?: () => void;
  private stopped = false;
  private releaseLeadership?: () => void;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private waking?: Promise<void>;
  /** Round-robin counters per rule action, read from the run log on first use. */
  private readonly assigned = new Map<string, number>();

  constructor(private readonly options: RuleEngineOptions) {
    this.now = options.now ?? (() => Date.now());
  }

  /** The app's time zone (`AppDef.timeZone`), else the option, else the browser's. */
  private get timeZone(): string {
    return this.options.app()?.timeZone ?? this.options.timeZone ?? localTimeZone();
  }

  /**
   * A failure outside any one run (reading records, a cursor): reported on the host, never an
   * unhandled rejection; after `stop()` (the page closed the store) it is expected and dropped.
   */
  private failed(error: unknown): void {
    if (this.stopped) return;
    this.options.dispatch?.('ltc-error', { code: (error as { code?: string }).code ?? 'rules.error', message: (error as Error).message ?? String(error) });
  }

  /** Listen to this tab's changes and compete for leadership of time triggers. */
  start(): void {
    this.stopped = false;
    this.unsubscribe = this.options.store.subscribe((change) => void this.onChange(change).catch((error: unknown) => this.failed(error)));
    const locks = this.options.locks ?? (typeof navigator !== 'undefined' ? navigator.locks : undefined);
    if (!locks) {
      void this.lead();
      return;
    }
    void locks.request(`ltc-kit:rules:${this.options.appId}`, () => (this.stopped ? undefined : this.lead()));
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.releaseLeadership?.();
  }

  /** Holds leadership (the lock) until stopped, waking for due occurrences. */
  private lead(): Promise<void> {
    return new Promise<void>((release) => {
      this.releaseLeadership = release;
      const tick = async () => {
        if (this.stopped) return release();
        try {
          await this.wake();
        } catch (error) {
          this.failed(error);
        } finally {
          if (!this.stopped) this.timer = setTimeout(tick, 60_000);
        }
      };
      void tick();
    });
  }

  private rules(): RuleDef[] {
    return (this.options.app()?.rules ?? []).filter((rule) => rule.enabled);
  }

  private table(tableId: string): TableDef | undefined {
    return this.options.app()?.tables.find((t) => t.id === tableId);
  }

  private async records(tableId: string): Promise<readonly RecordData[]> {
    return this.options.records ? this.options.records(tableId) : this.options.store.queryRecords(this.options.appId, tableId);
  }

  private readValue(record: RecordData, field: FieldDef): CellValue {
    return this.options.readValue ? this.options.readValue(record, field) : (record.values[field.id] ?? null);
  }

  /** Record triggers, for a change this tab committed. */
  private async onChange(change: ChangeEvent): Promise<void> {
    if (change.appId !== this.options.appId || change.kind !== 'records' || this.stopped) return;
    const depth = originDepth(change.origin);
    if (depth === undefined) return;
    const events: RuleEvent[] = [
      ...change.created.map((record): RuleEvent => ({ type: 'created', tableId: record.tableId, record })),
      ...change.updated.flatMap(({ record, previous }): RuleEvent[] => [{ type: 'updated', tableId: record.tableId, record, previous }, ...this.stageMoves(record, previous)]),
      ...change.deleted.map((record): RuleEvent => ({ type: 'deleted', tableId: record.tableId, record })),
    ].filter((event) => event.tableId !== RUN_TABLE_ID);
    for (const event of events) await this.handleEvent(event, depth);
  }

  /**
   * The recorded stages an update moved (the stage tracker writes them, src/runtime/stage-tracker.ts),
   * as `stage-changed` events. A stage recorded for the first time (nothing before) is not a
   * move: "changed from X" must not fire for it, nor "changed to Y" for every customer on the
   * first open.
   */
  private stageMoves(record: RecordData, previous: RecordData['values']): RuleEvent[] {
    const moves: RuleEvent[] = [];
    for (const field of this.table(record.tableId)?.fields ?? []) {
      if (field.type !== 'stage' || !(field.id in previous)) continue;
      const from = previous[field.id];
      const to = record.values[field.id] ?? null;
      if (typeof from !== 'string' || typeof to !== 'string' || from === to) continue;
      moves.push({ type: 'stage-changed', tableId: record.tableId, record, fieldId: field.id, from, to });
    }
    return moves;
  }

  /**
   * Runs the record rules an event triggers (also called for form submissions and stage
   * changes, which are not store changes). `depth` is how many rule-caused writes led here.
   */
  async handleEvent(event: RuleEvent, depth = NOT_RULE_CAUSED): Promise<void> {
    // Each rule sees the record as the rules before it left it (a second rule updating the
    // same record must not be refused as stale); occurrences keep the event's version.
    let record = event.record;
    const occurrence = `${event.type}@${event.record.version}`;
    for (const rule of this.rules()) {
      if (rule.tableId !== event.tableId || isTimeTrigger(rule.trigger) || !triggerMatches(rule.trigger, event)) continue;
      if (depth >= MAX_RULE_DEPTH) {
        await this.logOnly(rule, record, { trigger: event.type, occurrence, depth }, 'stopped', `stopped: ${depth} rule-caused writes in a chain`);
        continue;
      }
      if (event.type !== 'deleted' && !this.matches(rule.condition, record)) continue;
      await this.run(rule, record, { trigger: event.type, occurrence, depth: depth + 1 }, event.type === 'deleted');
      if (event.type !== 'deleted') record = (await this.options.store.getRecord(this.options.appId, record.tableId, record.id)) ?? record;
    }
  }

  /** Handles every time-based occurrence due now (the leader's wake-up; tests call it directly). */
  wake(): Promise<void> {
    this.waking ??= this.wakeOnce().finally(() => (this.waking = undefined));
    return this.waking;
  }

  private async wakeOnce(): Promise<void> {
    const now = this.now();
    for (const rule of this.rules()) {
      if (!isTimeTrigger(rule.trigger) || this.stopped) continue;
      const table = this.table(rule.tableId);
      if (!table) continue;
      const cursor = await this.options.store.getRecord(this.options.appId, RUN_TABLE_ID, cursorId(rule.id));
      const since = typeof cursor?.values.at === 'string' ? Date.parse(cursor.values.at) : undefined;
      if (since === undefined || Number.isNaN(since)) {
        // A rule starts now: occurrences before it was enabled are not "missed".
        await this.saveCursor(rule, cursor, now);
        continue;
      }
      const records = await this.records(rule.tableId);
      const due: Array<{ record: RecordData; occurrence: Occurrence }> = [];
      if (rule.trigger.type === 'date-relative') {
        const field = table.fields.find((f) => f.id === (rule.trigger as { fieldId: string }).fieldId);
        if (!field) continue;
        due.push(...dueDateRelative(rule.trigger, records, (record) => this.readValue(record, field), since, now, this.timeZone));
      } else if (rule.trigger.type === 'recurring') {
        for (const occurrence of recurrencesBetween(rule.trigger, since, now, this.timeZone, 31)) for (const record of records) due.push({ record, occurrence });
      }
      const firing = due.filter(({ occurrence }) => shouldFire(occurrence, now, rule.catchUp));
      // One pass of the condition over the records due, reading only the fields it names.
      const matched = new Set(this.matching(rule.condition, table, [...new Set(firing.map(({ record }) => record))]));
      for (const { record, occurrence } of firing) {
        if (!matched.has(record)) continue;
        await this.run(rule, record, { trigger: rule.trigger.type, occurrence: occurrence.key, depth: 1 }, false);
      }
      await this.saveCursor(rule, cursor, now);
    }
  }

  private async saveCursor(rule: RuleDef, cursor: RecordData | undefined, now: number): Promise<void> {
    const values = { rule: rule.id, at: new Date(now).toISOString(), status: 'ok' };
    const mutation: Mutation = cursor
      ? { type: 'update', tableId: RUN_TABLE_ID, id: cursor.id, expectedVersion: cursor.version, values }
      : { type: 'create', tableId: RUN_TABLE_ID, id: cursorId(rule.id), values };
    try {
      await this.options.store.mutate(this.options.appId, [mutation], { origin: { kind: 'rule', ruleId: rule.id, depth: 1 } });
    } catch (error) {
      // Another tab moved the cursor first: its wake handled the same occurrences.
      if (!isConflict(error)) throw error;
    }
  }

  /** What a rule would do now for every record its condition matches; writes nothing. */
  async dryRun(rule: RuleDef): Promise<DryRun> {
    const records = (await this.records(rule.tableId)).filter((record) => this.couldTrigger(rule, record));
    const matched = records.filter((record) => this.matches(rule.condition, record));
    const context = await this.planContext(rule);
    return { ruleId: rule.id, matched: matched.length, plans: matched.map((record) => planRule(rule, record, context)) };
  }

  /**
   * Whether a record's trigger could fire from where it is now: a move "from 活跃客户" only for
   * records in that stage, "to 沉默客户" only for those not there yet; an update "from" a value
   * only for records holding it. Other triggers: every record.
   */
  private couldTrigger(rule: RuleDef, record: RecordData): boolean {
    const trigger = rule.trigger;
    if (trigger.type !== 'stage-changed' && !(trigger.type === 'record-updated' && trigger.fieldId !== undefined)) return true;
    const field = this.table(rule.tableId)?.fields.find((f) => f.id === trigger.fieldId);
    if (!field) return true;
    const now = JSON.stringify(this.readValue(record, field) ?? null);
    if (trigger.from !== undefined) return now === JSON.stringify(trigger.from);
    return trigger.type !== 'stage-changed' || trigger.to === undefined || now !== JSON.stringify(trigger.to);
  }

  private matches(condition: unknown, record: RecordData): boolean {
    const table = this.table(record.tableId);
    return !!table && this.matching(condition, table, [record]).length === 1;
  }

  /**
   * The records a rule's condition holds for — as the table's filter runs it (`matchLogic`:
   * derived fields through `readValue`, `$today`), so a condition built with the condition
   * builder means the same in both. A condition that throws matches nothing.
   */
  private matching(condition: unknown, table: TableDef, records: readonly RecordData[]): readonly RecordData[] {
    if (condition === undefined || condition === true) return records;
    return matchLogic(records, condition, table, { readValue: (record, field) => this.readValue(record, field), now: new Date(this.now()) });
  }

  private async planContext(rule: RuleDef): Promise<PlanContext> {
    const app = this.options.app()!;
    const openCounts = new Map<string, Map<string, number>>();
    for (const [index, action] of rule.actions.entries()) {
      if (action.type === 'assign-owner' && action.strategy === 'fewest-open' && action.openTasks) {
        const counts = new Map<string, number>();
        for (const task of await this.records(action.openTasks.tableId)) {
          if (action.openTasks.condition !== undefined && !this.matches(action.openTasks.condition, task)) continue;
          const owner = task.values[action.openTasks.ownerFieldId];
          for (const id of Array.isArray(owner) ? owner : owner ? [String(owner)] : []) counts.set(id, (counts.get(id) ?? 0) + 1);
        }
        openCounts.set(String(index), counts);
      }
      if (action.type === 'assign-owner' && action.strategy === 'round-robin' && !this.assigned.has(`${rule.id}#${index}`)) {
        const runs = await this.options.store.queryRecords(this.options.appId, RUN_TABLE_ID, { where: { field: 'rule', equals: rule.id } });
        this.assigned.set(`${rule.id}#${index}`, runs.filter((run) => run.values.status === 'ok' || run.values.status === 'partial').length);
      }
    }
    // Staff lists only for the owner fields this rule assigns (reading every related table per run would cost a pass over all orders).
    const staff = new Map<RuleAction, string[]>();
    const table = this.table(rule.tableId);
    for (const action of rule.actions) {
      if (action.type !== 'assign-owner' || action.candidates?.length) continue;
      const target = this.table(table?.fields.find((f) => f.id === action.fieldId)?.options?.table ?? '');
      if (target) staff.set(action, this.matching(action.candidatesWhen, target, await this.records(target.id)).map((record) => record.id));
    }
    return {
      tables: app.tables,
      matches: (logic, record) => this.matches(logic, record),
      evaluate: (formula, record, table) => {
        const compiled = compileFormula(formula, scopeForTable(app, table.id));
        const data: Record<string, CellValue> = {};
        for (const field of table.fields) data[field.id] = this.readValue(record, field);
        const value = evaluateFormula(compiled, data, { now: this.now() });
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) throw new Error(String((value as { message?: string }).message ?? value));
        return value as CellValue;
      },
      template: (record, table) => ({
        value: (name) => {
          const field = table.fields.find((f) => f.name === name || f.labels?.['zh-CN'] === name || f.labels?.en === name);
          return field ? this.readValue(record, field) : undefined;
        },
        text: (name, value) => {
          const field = table.fields.find((f) => f.name === name || f.labels?.['zh-CN'] === name || f.labels?.en === name)!;
          return fieldTypeOf(field).format(value, field, { locale: 'zh-CN' });
        },
      }),
      newId: (tableId) => `rule_${tableId}_${Math.random().toString(36).slice(2, 10)}${this.now().toString(36)}`,
      ownerCandidates: (_field, action) => staff.get(action) ?? [],
      assignedBefore: (ruleId, index) => this.assigned.get(`${ruleId}#${index}`) ?? 0,
      openTaskCounts: (action) => openCounts.get(String(rule.actions.indexOf(action as RuleAction))) ?? new Map(),
    };
  }

  /** One run: plan, then the record's changes + created records + the log entry in one transaction, then side effects. */
  private async run(rule: RuleDef, record: RecordData, context: RunContext, recordGone: boolean): Promise<void> {
    const id = runId(rule.id, record.id, context.occurrence);
    const { store, appId } = this.options;
    if (await store.getRecord(appId, RUN_TABLE_ID, id)) return;
    const plan = planRule(rule, record, await this.planContext(rule));
    const failed = plan.steps.filter((step) => step.status === 'error');
    const status: RunStatus = failed.length === 0 ? 'ok' : failed.length === plan.steps.length ? 'error' : 'partial';
    const mutations: Mutation[] = [];
    if (plan.update && !recordGone) {
      mutations.push({ type: 'update', tableId: record.tableId, id: record.id, expectedVersion: record.version, values: plan.update.values });
    }
    for (const created of plan.creates) mutations.push({ type: 'create', tableId: created.tableId, id: created.id, values: created.values });
    mutations.push({ type: 'create', tableId: RUN_TABLE_ID, id, values: this.logValues(rule, record, context, status, plan, failed.map((s) => s.reason).join('; ')) });
    const origin: ChangeOrigin = { kind: 'rule', ruleId: rule.id, depth: context.depth };
    try {
      await store.mutate(appId, mutations, { origin });
    } catch (error) {
      // Another engine (a tab, a second workspace on the page) ran this occurrence first: its
      // write may also have made ours stale rather than a duplicate.
      if (isDuplicate(error) || (await store.getRecord(appId, RUN_TABLE_ID, id))) return;
      // The record changed under the plan (stale): log the failure, write nothing else.
      await this.logOnly(rule, record, context, 'error', (error as Error).message);
      return;
    }
    for (const step of plan.steps) if (step.type === 'assign-owner' && step.status === 'planned') this.assigned.set(`${rule.id}#${step.actionIndex}`, (this.assigned.get(`${rule.id}#${step.actionIndex}`) ?? 0) + 1);
    await this.perform(rule, record, plan, id);
  }

  private logValues(rule: RuleDef, record: RecordData, context: RunContext, status: RunStatus, plan: RulePlan | undefined, error: string): Record<string, CellValue> {
    return {
      rule: rule.id,
      table: record.tableId,
      record: record.id,
      trigger: context.trigger,
      occurrence: context.occurrence,
      variant: plan?.variant ?? null,
      status,
      at: new Date(this.now()).toISOString(),
      depth: context.depth,
      inputs: JSON.stringify(record.values).slice(0, 10_000),
      steps: plan ? JSON.stringify({ steps: plan.steps, update: plan.update ?? null, creates: plan.creates.map((c) => ({ tableId: c.tableId, id: c.id })) }).slice(0, 20_000) : null,
      error: error || null,
    };
  }

  private async logOnly(rule: RuleDef, record: RecordData, context: RunContext, status: RunStatus, error: string): Promise<void> {
    const id = runId(rule.id, record.id, `${context.occurrence}#${status}`);
    try {
      await this.options.store.mutate(this.options.appId, [{ type: 'create', tableId: RUN_TABLE_ID, id, values: this.logValues(rule, record, context, status, undefined, error) }], {
        origin: { kind: 'rule', ruleId: rule.id, depth: MAX_RULE_DEPTH },
      });
    } catch (failure) {
      if (!isDuplicate(failure)) throw failure;
    }
  }

  private async perform(rule: RuleDef, record: RecordData, plan: RulePlan, id: string): Promise<void> {
    const attempts: string[] = [];
    for (const effect of plan.effects) {
      if (effect.type === 'dispatch-event') this.options.dispatch?.('ltc-rule-fired', { appId: this.options.appId, ruleId: rule.id, tableId: record.tableId, recordId: record.id, variant: plan.variant ?? null, payload: effect.payload });
      else if (effect.type === 'notify') this.options.dispatch?.('ltc-notification', { appId: this.options.appId, ruleId: rule.id, recordId: record.id, message: effect.message });
      else attempts.push(...(await this.sendWebhook(effect)));
    }
    if (attempts.length === 0) return;
    const stored = await this.options.store.getRecord(this.options.appId, RUN_TABLE_ID, id);
    if (!stored) return;
    const failed = attempts.at(-1)?.startsWith('failed') ?? false;
    await this.options.store.mutate(
      this.options.appId,
      [{ type: 'update', tableId: RUN_TABLE_ID, id, expectedVersion: stored.version, values: { error: [stored.values.error, ...attempts].filter(Boolean).join('\n').slice(0, 10_000), ...(failed ? { status: 'partial' } : {}) } }],
      { origin: { kind: 'rule', ruleId: rule.id, depth: MAX_RULE_DEPTH } },
    );
  }

  /** Sends one webhook with retries; returns one log line per attempt. */
  private async sendWebhook(effect: Extract<RuleEffect, { type: 'webhook' }>): Promise<string[]> {
    const lines: string[] = [];
    let origin: string;
    try {
      origin = new URL(effect.url).origin;
    } catch {
      return [`failed: ${effect.url} is not a URL`];
    }
    if (!(this.options.webhookOrigins ?? []).includes(origin)) return [`failed: ${origin} is not an allowed webhook origin (embed attribute webhook-origins)`];
    const send = this.options.fetch ?? ((url, init) => fetch(url, init));
    const wait = this.options.wait ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    for (let attempt = 0; attempt <= effect.retries; attempt++) {
      const at = new Date(this.now()).toISOString();
      try {
        const response = await send(effect.url, { method: effect.method, headers: { 'content-type': 'application/json', ...effect.headers }, body: JSON.stringify(effect.body), credentials: 'omit' });
        if (response.ok) {
          lines.push(`${at} webhook attempt ${attempt + 1}: ${response.status}`);
          return lines;
        }
        lines.push(`${at} webhook attempt ${attempt + 1}: HTTP ${response.status}`);
      } catch (error) {
        lines.push(`${at} webhook attempt ${attempt + 1}: ${(error as Error).message}`);
      }
      if (attempt < effect.retries) await wait(1000 * 2 ** attempt);
    }
    lines.push(`failed: webhook gave up after ${effect.retries + 1} attempts`);
    return lines;
  }
}

/** How many rule-caused writes led to a change, or undefined when rules must not react to it. */
function originDepth(origin: ChangeOrigin): number | undefined {
  switch (origin.kind) {
    case 'user':
      return NOT_RULE_CAUSED;
    case 'rule':
    case 'lifecycle':
      // A stage the tracker recorded moved because of a write at this depth (0: a person or time).
      return origin.depth;
    default:
      // tab / sync: the tab that wrote it ran its rules; import / template: bulk data, not events.
      return undefined;
  }
}

function isDuplicate(error: unknown): boolean {
  return error instanceof StoreError && error.code === 'store.duplicateId';
}

function isConflict(error: unknown): boolean {
  return isDuplicate(error) || (error as { code?: string })?.code === 'store.stale';
}
