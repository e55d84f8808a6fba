/**
 * The stage tracker: records each record's lifecycle stage when it changes. Stages are
 * computed in memory (DerivedValues, through the formula graph); the **recorded stage** — the
 * last one the product wrote — is stored in `record.values[stageFieldId]`, so the store's
 * history holds every move (from, to, when, and why in the write's origin), the rule engine
 * sees the write as a `stage-changed` event and the host page hears `ltc-stage-changed`.
 *
 * - After a write made in this tab (a person's edit, a rule's action) the stages it moved are
 *   written at once, carrying the write's rule depth, so rule chains through stages stay
 *   bounded (MAX_RULE_DEPTH).
 * - Time-caused moves (midnight, opening the app after a week closed) and bulk changes
 *   (imports) are written by one tab: the one holding the Web Lock `ltc-stage:<appId>`; the
 *   others skip (they see its writes arrive). Without navigator.locks every tab writes, and
 *   `expectedVersion` lets only the first write of each record through.
 * - Writes go in batches of at most 2,000 records, one `mutate` (one transaction) per batch,
 *   each record with its `expectedVersion`: a StaleWriteError means the record changed (or
 *   another tab recorded its stage) meanwhile — that batch is skipped and the next pass
 *   looks again. A pass interrupted anywhere (an abort, a closed store) leaves whole batches
 *   written or not; the next pass writes what is still different, so nothing is lost or
 *   written twice.
 * - The tab whose write committed dispatches `ltc-stage-changed` for each moved record. The
 *   first recording of a record's stage (nothing recorded before) is history only: it is not
 *   a move, so it raises no event and fires no "stage changed" rule.
 */
import { isLifecycleStage, type LifecycleStage } from '../core/lifecycle/stage.js';
import { registerStageFieldType, stageThresholdsOf } from '../core/lifecycle/stage-field.js';
import { isInverseLink } from '../core/fields/index.js';
import { applyLogic, truthy } from '../core/logic/index.js';
import { dayNumberIso, zonedDayNumber } from '../core/time/zoned.js';
import type { AppDef, FieldDef, RecordData, TableDef } from '../core/schema/types.js';
import { StaleWriteError, StoreError, type ChangeOrigin, type Mutation, type StageChangeReason, type Store } from '../store/types.js';
import type { DerivedChange, DerivedValues } from './derived.js';
import { appTimeZone, watchDays } from './day-watch.js';

/** Records per transaction. */
export const STAGE_BATCH_SIZE = 2000;

/** `detail` of `ltc-stage-changed` (ids, stage ids and plain JSON; never HTML). */
export interface StageChangedDetail {
  appId: string;
  tableId: string;
  recordId: string;
  fieldId: string;
  from: LifecycleStage;
  to: LifecycleStage;
  /** When the move was recorded (ISO 8601). */
  at: string;
  reason: StageChangeReason;
}

export interface StageTrackerOptions {
  store: Store;
  appId: string;
  /** The app as it is now. */
  app: () => AppDef | undefined;
  derived: DerivedValues;
  /** Receives `ltc-stage-changed` (bubbling, composed). */
  host?: EventTarget;
  now?: () => number;
  /** Default navigator.locks; `null` forces the no-locks path. */
  locks?: Pick<LockManager, 'request'> | null;
  batchSize?: number;
}

/** One record whose computed stage differs from its recorded one. */
interface Pending {
  table: TableDef;
  field: FieldDef;
  record: RecordData;
  from: LifecycleStage | null;
  to: LifecycleStage;
}

/** The stage fields of an app, with their tables. */
function stageFields(app: AppDef | undefined): Array<{ table: TableDef; field: FieldDef }> {
  const out: Array<{ table: TableDef; field: FieldDef }> = [];
  for (const table of app?.tables ?? []) for (const field of table.fields) if (field.type === 'stage') out.push({ table, field });
  return out;
}

/** Whether an app has a lifecycle stage field (what makes `<ltc-app>` start the tracker). */
export function hasStageField(app: AppDef | undefined): boolean {
  return !!app?.tables.some((table) => table.fields.some((field) => field.type === 'stage'));
}

/** How many rule-caused writes led to a change this tab made, or undefined for changes it did not make. */
function localDepth(origin: ChangeOrigin | undefined): number | undefined {
  switch (origin?.kind) {
    case 'user':
      return 0;
    case 'rule':
    case 'lifecycle':
      return origin.depth;
    default:
      return undefined;
  }
}

export class StageTracker {
  private readonly now: () => number;
  private unsubscribe?: () => void;
  private stopped = false;
  /** The pass running now, so passes never overlap in one tab. */
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly options: StageTrackerOptions) {
    registerStageFieldType();
    this.now = options.now ?? (() => Date.now());
  }

  /** Follow the app's derived values: record stages on open, as days pass and after every change. */
  start(): void {
    this.stopped = false;
    this.unsubscribe = this.options.derived.subscribe((change) => this.onDerived(change));
    if (this.options.derived.ready) void this.syncAll('time');
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** Resolves when the passes started so far are done (tests). */
  idle(): Promise<void> {
    return this.running;
  }

  private onDerived(change: DerivedChange): void {
    // A preview (values kept from an earlier session, before the load) moves no stage.
    if (this.stopped || change.kind === 'preview') return;
    if (change.kind !== 'records') {
      // Opening the app after days closed, and midnight, are time passing; a changed or
      // replaced definition recomputed everything from the records.
      void this.syncAll(change.kind === 'time' || change.kind === 'load' ? 'time' : 'records');
      return;
    }
    const fields = new Set(stageFields(this.options.app()).map(({ table, field }) => `${table.id}/${field.id}`));
    const moved = change.cells.filter((cell) => fields.has(`${cell.tableId}/${cell.fieldId}`));
    const created = change.records?.created.filter((r) => stageFields(this.options.app()).some(({ table }) => table.id === r.tableId)) ?? [];
    if (moved.length === 0 && created.length === 0) return;
    const depth = localDepth(change.origin);
    // Another tab's change: that tab records the stages it moved.
    if (change.origin?.kind === 'tab' || change.origin?.kind === 'sync') return;
    const ids = [...new Map([...moved, ...created].map((c) => [`${c.tableId}/${c.recordId}`, { tableId: c.tableId, recordId: c.recordId }])).values()];
    if (depth === undefined) void this.syncAll('records');
    else this.enqueue(() => this.write(this.pending(ids), 'records', depth));
  }

  /**
   * Record every stage that differs from its recorded one, as the lock holder. Resolves when
   * done (or skipped because another tab holds the lock).
   */
  syncAll(cause: 'time' | 'records', signal?: AbortSignal): Promise<void> {
    return this.enqueue(async () => {
      const locks = this.options.locks === undefined ? (typeof navigator !== 'undefined' ? navigator.locks : undefined) : (this.options.locks ?? undefined);
      const pass = () => this.write(this.pending(), cause, 0, signal);
      if (!locks) return pass();
      await locks.request(`ltc-stage:${this.options.appId}`, { ifAvailable: true }, async (lock) => {
        if (lock) await pass();
      });
    });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.running = this.running.then(task, task);
    return this.running;
  }

  /**
   * Records whose computed stage differs from the recorded one: among `only` (the records a
   * local change touched: no pass over 100,000 customers per edit), else every record.
   */
  private pending(only?: ReadonlyArray<{ tableId: string; recordId: string }>): Pending[] {
    const { derived } = this.options;
    if (!derived.ready) return [];
    const out: Pending[] = [];
    for (const { table, field } of stageFields(this.options.app())) {
      const records = only ? only.filter((r) => r.tableId === table.id).map((r) => derived.record(table.id, r.recordId)) : derived.all(table.id);
      for (const record of records) {
        if (!record) continue;
        const to = derived.value(table.id, record.id, field.id);
        const recorded = record.values[field.id];
        const from = isLifecycleStage(recorded) ? recorded : null;
        if (isLifecycleStage(to) && to !== from) out.push({ table, field, record, from, to });
      }
    }
    return out;
  }

  /** Why one record's stage moved. */
  private reason(item: Pending, cause: 'time' | 'records', day: string): StageChangeReason {
    if (item.from === null) return { cause: 'first', day };
    if (cause === 'time') {
      const t = stageThresholdsOf(item.field);
      return { cause, day, silentAfterDays: t.silentAfterDays, churnedAfterDays: t.churnedAfterDays };
    }
    return { cause, day, ...this.counted(item) };
  }

  /** How many related records count for a record's stage now, and the latest one's date. */
  private counted({ table, field, record }: Pending): { counted: number; lastAt: string | null } {
    const { derived } = this.options;
    const source = table.fields.find((f) => f.id === field.options?.source);
    const target = source && isInverseLink(source) ? source.options?.table : undefined;
    const ids = (derived.value(table.id, record.id, source?.id ?? '') as string[] | undefined) ?? [];
    let counted = 0;
    let lastAt: string | null = null;
    for (const id of ids) {
      const values = target ? derived.record(target, id)?.values : undefined;
      if (!values) continue;
      if (field.options?.countWhen !== undefined && !truthy(applyLogic(field.options.countWhen, values))) continue;
      counted++;
      const date = values[field.options?.dateField ?? ''];
      if (typeof date === 'string' && (lastAt === null || date > lastAt)) lastAt = date;
    }
    return { counted, lastAt };
  }

  /**
   * Write the pending stages: time-caused ones in batches sharing one reason, the others one
   * record per transaction (each has its own reason). Skips a batch that went stale.
   */
  private async write(items: Pending[], cause: 'time' | 'records', depth: number, signal?: AbortSignal): Promise<void> {
    const { store, appId } = this.options;
    const day = dayNumberIso(zonedDayNumber(this.now(), appTimeZone(this.options.app())));
    // Records moved by one cause and recorded for the first time share a reason, so a batch does too.
    const groups = new Map<string, { reason: StageChangeReason; items: Pending[] }>();
    for (const item of items) {
      const reason = this.reason(item, cause, day);
      const key = JSON.stringify(reason);
      const group = groups.get(key) ?? { reason, items: [] };
      group.items.push(item);
      groups.set(key, group);
    }
    const size = Math.max(1, this.options.batchSize ?? STAGE_BATCH_SIZE);
    for (const { reason, items: group } of groups.values()) {
      for (let start = 0; start < group.length; start += size) {
        if (this.stopped || signal?.aborted) return;
        const batch = group.slice(start, start + size);
        const mutations: Mutation[] = batch.map(({ table, field, record, to }) => ({ type: 'update', tableId: table.id, id: record.id, expectedVersion: record.version, values: { [field.id]: to } }));
        try {
          await store.mutate(appId, mutations, { origin: { kind: 'lifecycle', depth, reason } });
        } catch (error) {
          // Another tab recorded these first, or a record changed meanwhile: the next pass looks again.
          if (error instanceof StaleWriteError || (error instanceof StoreError && error.code === 'store.notFound')) continue;
          throw error;
        }
        this.announce(batch, reason);
      }
    }
  }

  /** `ltc-stage-changed` on the host for each recorded move (not for first recordings). */
  private announce(batch: Pending[], reason: StageChangeReason): void {
    const host = this.options.host;
    if (!host) return;
    const at = new Date(this.now()).toISOString();
    for (const { table, field, record, from, to } of batch) {
      if (from === null) continue;
      const detail: StageChangedDetail = { appId: this.options.appId, tableId: table.id, recordId: record.id, fieldId: field.id, from, to, at, reason };
      host.dispatchEvent(new CustomEvent('ltc-stage-changed', { detail, bubbles: true, composed: true }));
    }
  }
}

export interface StartStagesOptions {
  store: Store;
  /** The app as it is now. */
  currentApp: () => AppDef | undefined;
  appId: string;
  derived: DerivedValues;
  /** Where `ltc-stage-changed` is dispatched. */
  host: EventTarget;
}

/**
 * What `<ltc-app>` starts for an app with a stage field (in the designer script): the
 * complete stage type, derived values recomputed with it, the day watch and the tracker.
 * Resolves to the function that stops them.
 */
export async function startStages(options: StartStagesOptions): Promise<() => void> {
  registerStageFieldType();
  const { derived } = options;
  await derived.load();
  const app = options.currentApp();
  // The values were computed before the stage type could compute: once more with it.
  if (app) await derived.setApp(app);
  const tracker = new StageTracker({ store: options.store, appId: options.appId, app: options.currentApp, derived, host: options.host });
  tracker.start();
  const stopWatching = watchDays(derived, options.currentApp);
  return () => {
    stopWatching();
    tracker.stop();
  };
}
