/**
 * Values that are computed, not stored: inverse relations (a customer's orders), formula
 * fields and record labels for relation cells. Kept in memory (IndexedDB writes cost ~9 s
 * per 100,000 records here, so derived values are never written back) and brought up to
 * date from the store's change feed.
 *
 * Loading is lazy: elements paint stored values first, then ask for derived values, which
 * arrive when `load()` has read the app's tables.
 *
 * Full recomputes (load, an app change, a replaced app) run in slices of at most ~50 ms
 * with the page given a turn in between (see `DerivedOptions`); record changes that arrive
 * meanwhile are shown at once on the previous results and replayed on the new ones.
 * Listeners hear a `DerivedChange`: what kind of change, its origin and, for record
 * changes, the computed cells that changed, before → after.
 */
import { fieldTypeOf, isComputedType, isInverseLink, linkedTable } from '../core/fields/index.js';
import { formulaCompiler, loadFormulaCompiler } from './formula-compiler.js';
import type { AppDef, CellValue, FieldDef, RecordData, RecordValues, TableDef } from '../core/schema/types.js';
import type { ChangeEvent, Store } from '../store/types.js';
import type { DerivedCellChange, DerivedChange, DerivedListener } from './derived-change.js';
import { FormulaRuntime, idsOf, yieldToPage, type Slicing } from './formula-runtime.js';
import { orderByFast } from './derived-sort.js';
import { buildSnapshotSliced, currentSnapshot, definitionOf, dependencies, MAX_SNAPSHOT_RECORDS, SNAPSHOT_NAME, type SnapshotView } from './derived-snapshot.js';

export { idsOf };
export type { DerivedCellChange, DerivedChange, DerivedListener };

/** How full recomputes share the page (all optional; tests pass a clock and count yields). */
export interface DerivedOptions {
  /** Longest synchronous slice of a full recompute, in ms (default 50). */
  sliceMs?: number;
  /** Gives the page a turn between slices (default: scheduler.yield, else setTimeout 0). */
  yieldToPage?: () => Promise<void>;
  /** The clock slices are measured with (default performance.now). */
  clock?: () => number;
  /** The current instant in epoch ms, what TODAY() and lifecycle stages see (default Date.now). */
  now?: () => number;
  /**
   * Keep the computed values in the store between sessions (src/runtime/derived-snapshot.ts):
   * `load()` then shows a table's computed columns as soon as that table is read, from the
   * values kept at the current data revision, and keeps them a little after changes settle.
   * `<ltc-app>` turns it on; default off.
   */
  snapshot?: boolean;
  /** How long after the last change the snapshot is kept, in ms (default 3,000). */
  snapshotDelayMs?: number;
}

/** What a value sorts by (a field type's `sortKey`). */
type SortKeyOf = (value: CellValue) => number | string;

type InverseMaps = Map<string, Map<string, Map<string, string[]>>>;

/**
 * Revisions are unique across instances: a view that caches by revision (the table's sorted
 * rows) must not mistake a new DerivedValues' revision 3 for the old one's after an import.
 */
let lastRevision = 0;

export class DerivedValues {
  /** Every record of the app by table id, then record id. */
  private readonly records = new Map<string, Map<string, RecordData>>();
  /** Inverse relation values by table id → record id → field id. */
  private inverse: InverseMaps = new Map();
  private readonly listeners = new Set<DerivedListener>();
  private readonly formulas: FormulaRuntime;
  private loading?: Promise<void>;
  private unsubscribe?: () => void;
  /** Bumped by every full recompute; a running one stops when it is no longer current. */
  private generation = 0;
  /** Record changes that arrived during a full recompute, replayed on its results. */
  private queued?: ChangeEvent[];
  /** Changes heard while the tables are being read, applied to what was read once it is in. */
  private pending?: ChangeEvent[];
  /** True once every table has been read and computed. */
  ready = false;
  /**
   * Before `ready`: the values kept from an earlier session, current at this data revision,
   * and the tables already read whose computed values they give (see `isReady`). Dropped at a
   * change to a table they depend on (or to the definition they come from), and when the
   * full load is in.
   */
  private preview?: { view: SnapshotView; tables: Set<string>; definition: string };
  /** The data revision the held records are current at, when known (what a snapshot is kept at). */
  private atRevision?: string;
  private snapshotTimer?: ReturnType<typeof setTimeout>;
  /** Revision, day and definition of the snapshot known to be stored (none to write again). */
  private keptAs?: string;
  /** Resolves waiting `whenReady` calls at each notification. */
  private readonly readyWaiters = new Set<() => void>();
  /** Changes whenever any value changes (unique across instances), so views can cache sorted orders safely. */
  revision = ++lastRevision;
  /** Sorted record ids by table, field and direction, valid while `revision` is theirs. */
  private readonly sorted = new Map<string, { revision: number; keyOf?: SortKeyOf; ids: readonly string[] }>();

  constructor(
    private readonly store: Store,
    private app: AppDef,
    private readonly options: DerivedOptions = {},
  ) {
    const now = options.now;
    this.formulas = new FormulaRuntime(app, now ? { now: () => new Date(now()) } : {});
  }

  /** Read every table of the app and compute; resolves when values are available. */
  load(): Promise<void> {
    if (!this.loading) {
      this.loading = (async () => {
        // The compiler loads while the tables are read. The subscription starts before the
        // read: a change written while a table is being read (or the compiler loading) is
        // held and applied to what was read, so none is missed.
        const compiler = this.loadCompiler();
        compiler.catch(() => undefined);
        this.pending = [];
        this.unsubscribe = this.store.subscribe((change) => this.onChange(change));
        const view = await this.readSnapshot();
        await this.readTables(view);
        await compiler;
        if (await this.recomputeAll()) {
          this.ready = true;
          this.preview = undefined;
          this.notify({ kind: 'load', cells: [] });
          this.keepSnapshotSoon(0);
        }
      })();
    }
    return this.loading;
  }

  /**
   * Whether a table's records and computed values are available: once every table is loaded
   * (`ready`), or earlier for a table read while the values kept from an earlier session are
   * current (`snapshot` option). What a grid needs; anything that reads across tables waits
   * for `ready`.
   */
  isReady(tableId: string): boolean {
    return this.ready || !!this.preview?.tables.has(tableId);
  }

  /** Loads, and resolves once `isReady(tableId)` (at the latest when the load is done). */
  async whenReady(tableId: string): Promise<void> {
    const loading = this.load();
    if (this.isReady(tableId)) return;
    let check!: () => void;
    const early = new Promise<void>((resolve) => {
      check = () => {
        if (this.isReady(tableId)) resolve();
      };
      this.readyWaiters.add(check);
    });
    try {
      await Promise.race([loading, early]);
    } finally {
      this.readyWaiters.delete(check);
    }
  }

  /** The kept snapshot, when the store has one current at the data revision read now. */
  private async readSnapshot(): Promise<SnapshotView | undefined> {
    this.atRevision = undefined;
    if (!this.options.snapshot || typeof this.store.readDerived !== 'function') return undefined;
    try {
      const { revision, value } = await this.store.readDerived(this.app.id, SNAPSHOT_NAME);
      this.atRevision = revision;
      const day = this.today();
      const view = currentSnapshot(value, { revision, app: this.app, day, definition: (ids) => this.definitionOf(ids) });
      if (!view) return undefined;
      view.dependsOn = dependencies(this.app, view.tables(), linkedTable);
      // A change heard while reading may or may not be in the revision read: if it touches what
      // the kept values come from, use none.
      this.preview = undefined;
      if (this.pending?.some((change) => this.outdates(view, change))) return undefined;
      this.keptAs = this.keptKey(revision, day, view.tables());
      return view;
    } catch {
      // A snapshot is an optimisation: without one, everything is computed as before.
      return undefined;
    }
  }

  /** The part of the definition the computed values of `tableIds` come from (see derived-snapshot.ts). */
  private definitionOf(tableIds: Iterable<string>): string {
    return definitionOf(this.app, dependencies(this.app, tableIds, linkedTable));
  }

  /** What identifies a stored snapshot: revision, day and the definition its values come from. */
  private keptKey(revision: string, day: string, tableIds: Iterable<string>): string {
    return `${revision}\u0000${day}\u0000${this.definitionOf(tableIds)}`;
  }

  /** Whether a change heard before the load is in makes the kept values of `view` out of date. */
  private outdates(view: SnapshotView, change: ChangeEvent): boolean {
    const depends = view.dependsOn;
    if (change.kind === 'app') return !!(change.appDeleted || change.replaced);
    const touches = (record: RecordData) => depends.has(record.tableId);
    return change.created.some(touches) || change.deleted.some(touches) || change.updated.some((u) => touches(u.record));
  }

  /** The data revision the held records are at after `change` (unknown after a replace, or from a tab that does not say). */
  private noteRevision(change: ChangeEvent): void {
    if (change.kind === 'records') this.atRevision = change.revision;
    else if (change.appDeleted || change.replaced) this.atRevision = undefined;
  }

  /** The date in the app's zone, YYYY-MM-DD (what a snapshot's TODAY() values belong to). */
  private today(): string {
    const now = new Date(this.options.now?.() ?? Date.now());
    try {
      return now.toLocaleDateString('en-CA', { timeZone: this.app.timeZone });
    } catch {
      // A zone this browser does not know: the browser's own, as TODAY() falls back to.
      return now.toLocaleDateString('en-CA');
    }
  }

  /** Keep the computed values `delay` ms from now (restarted by every change), when on. */
  private keepSnapshotSoon(delay = this.options.snapshotDelayMs ?? 3_000): void {
    if (!this.options.snapshot || typeof this.store.writeDerived !== 'function') return;
    if (this.snapshotTimer !== undefined) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = undefined;
      void this.keepSnapshot();
    }, delay);
  }

  /**
   * Write the snapshot of what is held now, at the data revision it is current at. Skipped
   * while a recompute runs or when the revision is not known; the store refuses it when the
   * records moved on meanwhile.
   */
  async keepSnapshot(): Promise<boolean> {
    const revision = this.atRevision;
    if (!this.ready || this.queued || revision === undefined || typeof this.store.writeDerived !== 'function') return false;
    const day = this.today();
    // The tables the snapshot will hold (buildSnapshotSliced leaves out the larger ones).
    const keptTables = this.app.tables.filter((table) => (this.records.get(table.id)?.size ?? 0) <= MAX_SNAPSHOT_RECORDS).map((table) => table.id);
    const kept = this.keptKey(revision, day, keptTables);
    // Already stored as it is (an open that used it, nothing changed since): no work, no write.
    if (kept === this.keptAs) return true;
    const fields = this.app.tables.map((table) => ({
      tableId: table.id,
      inverse: table.fields.filter((field) => isInverseLink(field)).map((field) => field.id),
      computed: table.fields.filter((field) => isDerivedField(field) && !isInverseLink(field) && !fieldTypeOf(field).fromRecord).map((field) => field.id),
    }));
    const generation = this.generation;
    const steps = buildSnapshotSliced({ revision, app: this.app, day, definition: (ids) => this.definitionOf(ids) }, fields, {
      ids: (tableId) => [...(this.records.get(tableId)?.keys() ?? [])],
      value: (tableId, recordId, fieldId) => this.formulas.valueOf(tableId, recordId, fieldId),
      links: (tableId, recordId, fieldId) => this.inverse.get(tableId)?.get(recordId)?.get(fieldId),
    });
    // Built in slices of ≤ 30 ms: keeping the snapshot never holds the page up.
    const clock = this.options.clock ?? (() => performance.now());
    const yieldNow = this.options.yieldToPage ?? yieldToPage;
    let started = clock();
    let step = steps.next();
    while (!step.done) {
      if (clock() - started >= 30) {
        await yieldNow();
        // A change or a recompute meanwhile: what is being built is no longer current.
        if (this.atRevision !== revision || this.generation !== generation || this.queued || !this.ready) return false;
        started = clock();
      }
      step = steps.next();
    }
    const snapshot = step.value;
    try {
      const written = await this.store.writeDerived(this.app.id, SNAPSHOT_NAME, revision, snapshot);
      if (written) this.keptAs = kept;
      return written;
    } catch {
      // A full disk or a closed store: the snapshot is only an optimisation.
      return false;
    }
  }

  /**
   * A day passed in the app's zone: re-evaluate the values that depend on the date (TODAY()
   * formulas, lifecycle stages) and what is computed from them, for every record, at once.
   * Listeners hear kind `time` with the cells that changed. The designer script's day watch
   * (src/runtime/day-watch.ts) calls this after midnight; load and app changes compute
   * them for the current day anyway.
   */
  recomputeVolatile(): void {
    if (!this.ready) return;
    const cells: DerivedCellChange[] = [];
    this.formulas.recomputeVolatile(this.records, this.inverse, cells);
    this.notify({ kind: 'time', cells });
    this.keepSnapshotSoon();
  }

  /**
   * The app definition changed (fields added, formulas edited): recompute everything, in
   * slices; the previous values stay readable until the new ones are in. Resolves when done.
   */
  async setApp(app: AppDef): Promise<void> {
    this.app = app;
    this.formulas.setApp(app);
    if (!this.ready) {
      // Before the load is in: the kept values stay only if what they come from did not change.
      const preview = this.preview;
      if (preview && preview.definition !== this.definitionOf(preview.view.tables())) {
        this.preview = undefined;
        this.notify({ kind: 'preview', cells: [] });
      }
      return;
    }
    await this.loadCompiler();
    for (const table of app.tables) if (!this.records.has(table.id)) this.records.set(table.id, new Map());
    if (await this.recomputeAll()) {
      this.notify({ kind: 'app', cells: [] });
      this.keepSnapshotSoon();
    }
  }

  /**
   * The app was replaced (an import, a restore): forget every record, read every table of
   * `app` again and recompute; listeners hear kind `replace` (drop what you hold).
   */
  async reset(app: AppDef): Promise<void> {
    if (this.loading && !this.ready) await this.loading.catch(() => undefined);
    this.app = app;
    this.formulas.setApp(app);
    if (!this.loading) return;
    const generation = ++this.generation;
    this.queued = [];
    this.preview = undefined;
    this.pending = [];
    await this.readSnapshot();
    await Promise.all([this.readTables(), this.loadCompiler()]);
    if (generation !== this.generation) return;
    if (await this.recomputeAll()) {
      this.ready = true;
      this.notify({ kind: 'replace', cells: [] });
      this.keepSnapshotSoon();
    }
  }

  /**
   * Formulas compile with the compiler the designer script brings (src/runtime/formula-compiler.ts):
   * load it, while the tables are read, when the app has a computed field and it is not loaded.
   */
  private async loadCompiler(): Promise<void> {
    if (formulaCompiler() || !this.app.tables.some((table) => table.fields.some((field) => isComputedType(field.type)))) return;
    await loadFormulaCompiler();
    this.formulas.setApp(this.app);
  }

  /** Computed values of one record (formula and inverse relation fields), or undefined before load. */
  get(tableId: string, recordId: string): RecordValues | undefined {
    if (!this.ready) return this.previewValues(tableId, recordId);
    const values: RecordValues = {};
    const inverse = this.inverse.get(tableId)?.get(recordId);
    if (inverse) for (const [fieldId, ids] of inverse) values[fieldId] = ids;
    const table = this.table(tableId);
    const record = this.records.get(tableId)?.get(recordId);
    for (const field of table?.fields ?? []) {
      if (isInverseLink(field) && !(field.id in values)) values[field.id] = [];
      // Created / updated time: read from the record itself.
      const own = record && fieldTypeOf(field).fromRecord?.(record);
      if (own) values[field.id] = own;
    }
    const computed = this.formulas.valuesOf(tableId, recordId);
    if (computed) Object.assign(values, computed);
    return values;
  }

  /**
   * One computed value (a formula result or an inverse relation's ids), without building
   * the record's whole set: what sorting 100,000 rows by a computed column reads.
   */
  value(tableId: string, recordId: string, fieldId: string): unknown {
    if (!this.ready) return this.previewValue(tableId, recordId, fieldId);
    const inverse = this.inverse.get(tableId)?.get(recordId)?.get(fieldId);
    if (inverse) return inverse;
    const computed = this.formulas.valueOf(tableId, recordId, fieldId);
    if (computed !== undefined) return computed;
    const field = this.table(tableId)?.fields.find((f) => f.id === fieldId);
    if (field && isInverseLink(field)) return [];
    const record = this.records.get(tableId)?.get(recordId);
    // Created / updated time: read from the record itself.
    return record && field && fieldTypeOf(field).fromRecord?.(record);
  }

  /**
   * The ids of a table's records ordered by one field, stored or computed, exactly as
   * `orderBy` (src/store/records.ts) orders them with the same `keyOf` (the field type's
   * `sortKey`): equal values in the order `all(tableId)` lists them, blanks and formula errors
   * last. Number keys
   * sort by radix (src/runtime/derived-sort.ts); the result is cached until any value changes,
   * so sorting again, paging or flipping back costs nothing. Do not modify the returned list.
   * Empty before load.
   */
  sortedIds(tableId: string, fieldId: string, direction: 'asc' | 'desc' = 'asc', keyOf?: SortKeyOf): readonly string[] {
    if (!this.isReady(tableId)) return [];
    const cacheKey = `${tableId}\u0000${fieldId}\u0000${direction}`;
    const cached = this.sorted.get(cacheKey);
    if (cached && cached.revision === this.revision && cached.keyOf === keyOf) return cached.ids;
    // A formula error (#DIV/0!) orders as a blank, last in both directions, as the table's other sort paths do.
    // A derived field is read from its computed value (a stage field also stores its recorded stage).
    const field = this.table(tableId)?.fields.find((f) => f.id === fieldId);
    const computed = !!field && isDerivedField(field);
    const valueOf = (record: RecordData): CellValue | undefined => {
      const value = computed ? (this.value(tableId, record.id, fieldId) as CellValue | undefined) : record.values[fieldId];
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? null : value;
    };
    const ids = orderByFast(this.all(tableId), valueOf, direction, keyOf).map((record) => record.id);
    this.sorted.set(cacheKey, { revision: this.revision, keyOf, ids });
    return ids;
  }

  /** A computed value from the kept snapshot, for a table `isReady` before the load is done. */
  private previewValue(tableId: string, recordId: string, fieldId: string): unknown {
    const preview = this.preview;
    if (!preview?.tables.has(tableId)) return undefined;
    const record = this.records.get(tableId)?.get(recordId);
    const field = this.table(tableId)?.fields.find((f) => f.id === fieldId);
    if (!record || !field) return undefined;
    const own = fieldTypeOf(field).fromRecord?.(record);
    if (own) return own;
    return isDerivedField(field) ? preview.view.value(tableId, recordId, fieldId) : undefined;
  }

  private previewValues(tableId: string, recordId: string): RecordValues | undefined {
    const preview = this.preview;
    if (!preview?.tables.has(tableId)) return undefined;
    const record = this.records.get(tableId)?.get(recordId);
    if (!record) return undefined;
    const values = (preview.view.values(tableId, recordId) ?? {}) as RecordValues;
    for (const field of this.table(tableId)?.fields ?? []) {
      const own = fieldTypeOf(field).fromRecord?.(record);
      if (own) values[field.id] = own;
    }
    return values;
  }

  /** A stored record held in memory, or undefined before load. */
  record(tableId: string, recordId: string): RecordData | undefined {
    return this.records.get(tableId)?.get(recordId);
  }

  /** All records of a table held in memory (empty before load). */
  all(tableId: string): RecordData[] {
    return [...(this.records.get(tableId)?.values() ?? [])];
  }

  /** The display label of a record: its primary field's value. */
  label(tableId: string, recordId: string): string | undefined {
    const table = this.table(tableId);
    const record = this.records.get(tableId)?.get(recordId);
    if (!table || !record) return undefined;
    const value = record.values[table.primaryFieldId] ?? this.formulas.valuesOf(tableId, recordId)?.[table.primaryFieldId];
    return value === null || value === undefined ? undefined : String(value);
  }

  /**
   * Called whenever derived values change, with what changed (a listener may ignore the
   * argument). Returns the unsubscribe function.
   */
  subscribe(listener: DerivedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    if (this.snapshotTimer !== undefined) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = undefined;
    this.preview = undefined;
    this.generation++;
    this.unsubscribe?.();
    this.listeners.clear();
  }

  private table(tableId: string): TableDef | undefined {
    return this.app.tables.find((t) => t.id === tableId);
  }

  private notify(change: DerivedChange): void {
    this.revision = ++lastRevision;
    this.sorted.clear();
    for (const listener of this.listeners) listener(change);
    for (const waiter of [...this.readyWaiters]) waiter();
  }

  /**
   * Read every table of the app into `records` (replacing what was held). Changes the store
   * reports meanwhile wait in `pending` and are applied, in order, once the read is in: each
   * sets or removes one record, so replaying one the read already saw changes nothing, and the
   * held records end as the store's.
   */
  private async readTables(view?: SnapshotView): Promise<void> {
    const pending: ChangeEvent[] = this.pending ?? [];
    this.pending = pending;
    try {
      const read = new Map<string, Map<string, RecordData>>();
      // With a current snapshot, the tables it holds are read first, fewest records first, and
      // each is shown with its kept values as soon as it is in.
      const kept = view ? view.tables().filter((id) => this.table(id)) : [];
      const order = [...kept, ...this.app.tables.map((t) => t.id).filter((id) => !kept.includes(id))];
      if (view && kept.length) this.preview = { view, tables: new Set(), definition: this.definitionOf(view.tables()) };
      for (const tableId of order) {
        const rows = await this.store.queryRecords(this.app.id, tableId);
        const byId = new Map(rows.map((r) => [r.id, r]));
        read.set(tableId, byId);
        const preview = this.preview;
        // Changes heard meanwhile to what the kept values come from have dropped the preview.
        if (preview && preview.view === view && kept.includes(tableId)) {
          this.records.set(tableId, byId);
          preview.tables.add(tableId);
          this.notify({ kind: 'preview', cells: [] });
        }
      }
      this.records.clear();
      for (const [tableId, rows] of read) this.records.set(tableId, rows);
      for (const change of pending) {
        if (change.appDeleted) this.records.clear();
        else if (change.kind === 'records') this.applyToRecords(change, new Map());
        this.noteRevision(change);
      }
    } finally {
      if (this.pending === pending) this.pending = undefined;
    }
  }

  private onChange(change: ChangeEvent): void {
    if (change.appId !== this.app.id) return;
    if (this.pending) {
      this.pending.push(change);
      // Kept values are current only until a change to what they are computed from: the
      // tables shown from them then wait for the full load again.
      if (this.preview && this.outdates(this.preview.view, change)) {
        this.preview = undefined;
        this.notify({ kind: 'preview', cells: [] });
      }
      return;
    }
    this.noteRevision(change);
    if (change.kind === 'records') this.keepSnapshotSoon();
    if (change.appDeleted) {
      // The app and all its records are gone: hold nothing more for it.
      this.generation++;
      this.queued = undefined;
      this.records.clear();
      this.inverse = new Map();
      this.formulas.recomputeAll(this.records, this.inverse);
      this.notify({ kind: 'replace', origin: change.origin, cells: [] });
      return;
    }
    if (change.kind !== 'records') return;
    const cells: DerivedCellChange[] = [];
    this.applyToRecords(change, this.inverse, cells);
    this.formulas.applyChange(change, this.records, this.inverse, cells);
    // A full recompute is running on a snapshot of links: it gets this change again at the end.
    this.queued?.push(change);
    const ids = (list: RecordData[]) => list.map((r) => ({ tableId: r.tableId, recordId: r.id }));
    this.notify({
      kind: 'records',
      origin: change.origin,
      cells,
      records: { created: ids(change.created), updated: ids(change.updated.map((u) => u.record)), deleted: ids(change.deleted) },
    });
  }

  /** Bring the held records (and the inverse relations in `inverse`) in line with one change. */
  private applyToRecords(change: ChangeEvent, inverse: InverseMaps, cells?: DerivedCellChange[]): void {
    for (const record of change.created) {
      this.tableRecords(record.tableId).set(record.id, record);
      this.relink(inverse, record, undefined, record.values, cells);
    }
    for (const { record, previous } of change.updated) {
      const old = this.tableRecords(record.tableId).get(record.id);
      const before = old ? { ...old.values, ...previous } : previous;
      this.tableRecords(record.tableId).set(record.id, record);
      this.relink(inverse, record, before, record.values, cells);
    }
    for (const record of change.deleted) {
      const old = this.tableRecords(record.tableId).get(record.id);
      this.tableRecords(record.tableId).delete(record.id);
      this.relink(inverse, record, old?.values ?? record.values, undefined, cells);
    }
  }

  /**
   * Keep inverse relations in step with one record's forward links, without a full rebuild
   * (a full pass over a million orders would blow the 16 ms budget of one edit). Applying the
   * same change twice changes nothing the second time, which the replay after a full
   * recompute relies on.
   */
  private relink(
    inverse: InverseMaps,
    record: RecordData,
    before: RecordValues | undefined,
    after: RecordValues | undefined,
    cells?: DerivedCellChange[],
  ): void {
    for (const { table, field, inverseOf } of this.inverseFieldsFrom(record.tableId)) {
      const oldIds = before ? idsOf(before[inverseOf]) : [];
      const newIds = after ? idsOf(after[inverseOf]) : [];
      const byRecord = inverse.get(table.id) ?? new Map<string, Map<string, string[]>>();
      inverse.set(table.id, byRecord);
      for (const owner of oldIds) {
        if (newIds.includes(owner)) continue;
        const list = byRecord.get(owner)?.get(field.id);
        const at = list?.indexOf(record.id) ?? -1;
        if (list && at !== -1) {
          const previous = list.slice();
          list.splice(at, 1);
          cells?.push({ tableId: table.id, recordId: owner, fieldId: field.id, before: previous, after: list.slice() });
        }
      }
      for (const owner of newIds) {
        let fields = byRecord.get(owner);
        if (!fields) byRecord.set(owner, (fields = new Map()));
        let list = fields.get(field.id);
        if (!list) fields.set(field.id, (list = []));
        if (!list.includes(record.id)) {
          const previous = list.slice();
          list.push(record.id);
          cells?.push({ tableId: table.id, recordId: owner, fieldId: field.id, before: previous, after: list.slice() });
        }
      }
    }
  }

  /** Inverse relation fields whose forward side lives in `sourceTableId`. */
  private inverseFieldsFrom(sourceTableId: string): Array<{ table: TableDef; field: FieldDef; inverseOf: string }> {
    const result: Array<{ table: TableDef; field: FieldDef; inverseOf: string }> = [];
    for (const table of this.app.tables) {
      for (const field of table.fields) {
        const inverseOf = field.options?.inverseOf;
        if (inverseOf && isInverseLink(field) && linkedTable(field) === sourceTableId) result.push({ table, field, inverseOf });
      }
    }
    return result;
  }

  private tableRecords(tableId: string): Map<string, RecordData> {
    let map = this.records.get(tableId);
    if (!map) this.records.set(tableId, (map = new Map()));
    return map;
  }

  /**
   * Rebuild inverse relations and every formula result, in slices. Resolves false when a
   * newer recompute (or dispose) superseded this one. Record changes arriving meanwhile
   * update the current results at once (onChange) and are replayed on the new ones here.
   */
  private async recomputeAll(): Promise<boolean> {
    const generation = ++this.generation;
    this.queued = [];
    const slicing: Slicing = {
      sliceMs: this.options.sliceMs,
      yieldToPage: this.options.yieldToPage ?? yieldToPage,
      clock: this.options.clock,
      cancelled: () => generation !== this.generation,
    };
    const inverse: InverseMaps = new Map();
    const clock = this.options.clock ?? (() => performance.now());
    const sliceMs = this.options.sliceMs ?? 50;
    let started = clock();
    for (const _ of this.rebuildInverse(inverse)) {
      if (clock() - started < sliceMs) continue;
      await slicing.yieldToPage!();
      if (slicing.cancelled!()) return false;
      started = clock();
    }
    if (!(await this.formulas.recomputeAllSliced(this.records, inverse, slicing))) return false;
    if (generation !== this.generation) return false;
    this.inverse = inverse;
    const queued = this.queued;
    this.queued = undefined;
    for (const change of queued) {
      // The held records are already current; only the new links and results replay it.
      for (const record of change.created) this.relink(inverse, record, undefined, record.values);
      for (const { record, previous } of change.updated) this.relink(inverse, record, { ...record.values, ...previous }, record.values);
      for (const record of change.deleted) this.relink(inverse, record, record.values, undefined);
      this.formulas.applyChange(change, this.records, inverse);
    }
    return true;
  }

  /**
   * Rebuild every inverse relation from the forward side (one pass over the linking tables)
   * into `target`, yielding every few hundred records so the caller can slice the work.
   */
  private *rebuildInverse(target: InverseMaps): Generator<void, void, void> {
    let work = 0;
    for (const table of this.app.tables) {
      for (const field of table.fields) {
        const inverseOf = field.options?.inverseOf;
        const source = field.options?.table;
        if (!inverseOf || !source || !isInverseLink(field)) continue;
        const byRecord = new Map<string, Map<string, string[]>>();
        // A snapshot: records may change between slices (they are replayed afterwards).
        for (const record of [...(this.records.get(source)?.values() ?? [])]) {
          if (++work % 512 === 0) yield;
          for (const id of idsOf(record.values[inverseOf])) {
            let fields = byRecord.get(id);
            if (!fields) byRecord.set(id, (fields = new Map()));
            let list = fields.get(field.id);
            if (!list) fields.set(field.id, (list = []));
            list.push(record.id);
          }
        }
        const existing = target.get(table.id);
        if (!existing) target.set(table.id, byRecord);
        else for (const [id, fields] of byRecord) for (const [f, list] of fields) {
          let target = existing.get(id);
          if (!target) existing.set(id, (target = new Map()));
          target.set(f, list);
        }
      }
    }
  }
}

/** True for fields whose values are computed rather than typed. */
export function isDerivedField(field: FieldDef): boolean {
  return fieldTypeOf(field).isDerived(field);
}
