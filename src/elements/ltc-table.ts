/**
 * `<ltc-table>`: the records of one table as an ARIA grid over a saved view (`view`, a
 * ViewDef: columns, widths, frozen columns, sort levels, filter, grouping), with virtual
 * scrolling over 100,000 rows, keyboard navigation, inline editing through the field types'
 * coercion and validation, TSV copy and paste, row selection with bulk edit and delete, a
 * search box, the filter builder, CSV export, and the field editor from the headers.
 *
 * The first rows are read straight from the store (an index range, fast even with 100,000
 * records); once the app's derived values are loaded (formulas, inverse relations), the view
 * is applied in memory (src/core/views) and computed columns fill in. Only the rows in view
 * (plus an overscan) are rendered: rows have a fixed height, spacer rows stand for the rest.
 *
 * Subscriptions go through a `StoreController`: the table repaints only for changes that
 * touch its own table (or replace the app); the ordered rows belong to one `DerivedValues`
 * instance, so a replaced app never shows the old rows.
 *
 * Every opening of a record goes through `openRecord(recordId)`: the record drawer.
 *
 * What a user needs only after a deliberate action loads with the designer script
 * (src/designer.ts), which keeps the script-tag bundle small: copy, paste and CSV export
 * (src/elements/grid/table-actions.ts; the grid's first focus preloads it, so the
 * synchronous `copy` event finds it), and the dialogs — filter, bulk edit, bulk delete,
 * field, record drawer, import — which render into this shadow root (src/elements/grid/).
 *
 * @summary A virtual grid of records with views, inline editing, selection and bulk actions.
 * @event ltc-view-change - The user changed the sort, a column width or a group's collapse.
 *   `detail: { tableId, view }` (the updated ViewDef; the table applies it itself).
 * @event ltc-record-deleted - (only when not inside `<ltc-app>`) `detail: { appId, tableId, recordId, values, origin }`
 * @csspart toolbar - Title, count, search, filter and the add button.
 * @csspart search - The search box.
 * @csspart table - The grid's `<table>`.
 * @csspart footer - Position ("第 1–40 条，共 100,000 条") and selection count (also named `pager`, the part it replaces).
 * @csspart pager - The same element as `footer`, under the name it had first.
 * @csspart dialog - The dialogs (record, field, filter, bulk edit).
 * @csspart form, field, input, actions - The parts of the `<ltc-form>` in the edit dialog, forwarded.
 * @event ltc-error - Loading, saving or an undo failed. `detail: { code, message }`
 * @event ltc-form-submitted - The form in the edit dialog saved a record. `detail: { appId, tableId, recordId, values }`
 * @property loading - True while the records load.
 * @property store - The store, from `<ltc-app>` (set it when the element is used on its own).
 * @property app - The app definition, from `<ltc-app>` (set it when the element is used on its own).
 * @property locale - The UI language, `zh-CN` or `en`, from `<ltc-app>` (or set it).
 * @property derived - The app's derived values (formulas, rollups, inverse relations), from `<ltc-app>`.
 * @cssproperty --ltc-color-primary - Accent colour (selection, focus).
 * @cssproperty --ltc-table-height - Height of the grid (default `min(70vh, 40rem)`).
 * @cssproperty --ltc-radius - Corner radius.
 * @cssproperty --ltc-font-size - Base font size.
 * @property table - The TableDef shown (from `app` and `table-id`).
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import type { AppDef, CellValue, FieldDef, Locale, RecordData, TableDef, ViewColumn, ViewDef } from '../core/schema/types.js';
import type { Store } from '../store/types.js';
import { orderBy } from '../store/records.js';
import { errorMessage, labelOf, t } from '../i18n/index.js';
import { widgetFor } from '../../widgets/registry.js';
import { fieldTypeOf, isInverseLink, linkedTable } from '../core/fields/index.js';
import { formulaErrorCode } from '../../widgets/formula.js';
import { matchLogic, quickSearch, wantsPinyin, type PinyinMatcher } from '../core/conditions/match.js';
import type { Logic } from '../core/logic/index.js';
import type { DerivedValues } from '../runtime/derived.js';
import { isDerivedField } from '../runtime/derived.js';
import { loadDesigner, loadDesignerModule, type DesignerModule } from './load-designer.js';
import { writeRecord } from '../runtime/record-writes.js';
import { flattenGroups, groupRecords, resolveColumns, sortByLevels, type GridRow, type RecordGroup, type ViewColumnShown } from '../core/views/index.js';
import { appContext, derivedContext, localeContext, storeContext } from './context.js';
import { baseStyles } from './styles.js';
import { emit } from './events.js';
import { StoreController, derivedChangeTouchesTable, storeChangeTouchesTable } from './store-controller.js';
import { boundedText } from './bounded-text.js';
import { gridStyles, ROW_HEIGHT } from './grid/grid.styles.js';
import { moveCell, visibleRows, type CellPosition } from './grid/navigation.js';
import type { GridAccess, GridWrite, Undoable } from './grid/table-actions.js';
import { loadPinyinMatcher } from './load-pinyin.js';

/** The explanation of a formula error value, in the UI language when it offers one. */
function cellErrorMessage(value: unknown, locale: Locale): string | undefined {
  const error = value as { message?: string; messageIn?: (locale: Locale) => string };
  return typeof error.messageIn === 'function' ? error.messageIn(locale) : error.message;
}

/** Longest text handed to a widget's cell formatter (far more than a cell shows, far less than 20 MB). */
const FORMAT_LIMIT = 10_000;
/** Rows rendered above and below the visible ones, so a fast scroll never shows a blank. */
const OVERSCAN = 8;
/** Width of the leading column (checkbox and open button), and of a column the view does not size. */
const LEAD_WIDTH = 76;
const DEFAULT_WIDTH = 160;
/** The cell being edited: its position, record and field, and the raw text typed so far. */
interface CellEdit {
  row: number;
  col: number;
  record: RecordData;
  field: FieldDef;
  raw: unknown;
  error?: string;
}

/** The grid's records in display order, with group rows, for one state of data and view. */
interface Ordered {
  derived: DerivedValues;
  key: string;
  records: RecordData[];
  rows: GridRow<RecordData>[];
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ltc-view-change': CustomEvent<{ tableId: string; view: ViewDef }>;
  }
}

export class LtcTable extends LitElement {
  static override styles = [baseStyles, gridStyles];

  /** Id of the table to show. */
  @property({ attribute: 'table-id' }) accessor tableId = '';
  /**
   * The view to show (columns, widths, frozen columns, sort, filter, group); none: every
   * field in table order, unsorted. User changes are applied here and reported as `ltc-view-change`.
   */
  @property({ attribute: false }) accessor view: ViewDef | undefined;

  @consume({ context: storeContext, subscribe: true }) @state() accessor store: Store | undefined;
  @consume({ context: appContext, subscribe: true }) @state() accessor app: AppDef | undefined;
  @consume({ context: localeContext, subscribe: true }) @state() accessor locale: Locale = 'en';
  @consume({ context: derivedContext, subscribe: true }) @state() accessor derived: DerivedValues | undefined;

  /** The records of the rendered window, in display order. */
  @state() accessor rows: RecordData[] = [];
  /** How many records the view holds (after search and filters). */
  @state() accessor total = 0;
  @state() accessor loading = false;
  /** The first and past-the-last display row rendered. */
  @state() private accessor windowStart = 0;
  @state() private accessor windowEnd = 0;
  /** The first and last display row in view (the footer's position). */
  @state() private accessor firstVisible = 0;
  @state() private accessor lastVisible = 0;
  /** The active cell (roving tabindex) and the other corner of the selected range. */
  @state() private accessor active: CellPosition = { row: 0, col: 1 };
  @state() private accessor anchor: CellPosition | undefined;
  @state() private accessor edit: CellEdit | undefined;
  /** Ids of the selected records (checkbox column). */
  @state() accessor selected: ReadonlySet<string> = new Set();
  @state() private accessor editing: { recordId: string } | undefined;
  /** The field being added ('' ) or edited (its id) in the field dialog. */
  @state() private accessor notice = '';
  /** A record just saved: marked in the grid. */
  @state() private accessor highlightId = '';
  /** A record just created: the grid scrolls to it. */
  private revealId = '';
  /** The last bulk delete, paste or bulk edit, while its Undo is offered. */
  @state() private accessor undoable: Undoable | undefined;
  /** The bulk edit dialog's field and raw value. */
  /** The search text applied (the box's text, after the debounce). */
  @state() accessor search = '';
  /** The toolbar filter as JSON Logic (undefined: none), AND-ed with the view's filter. */
  @state() accessor filter: Logic | undefined;
  /** How many conditions the active filter has (the button's badge). */
  @state() private accessor filterCount = 0;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  /** Pinyin matching for the search, once a Latin query asked for it (src/elements/load-pinyin.ts). */
  private pinyin: PinyinMatcher | undefined;
  private pinyinAsked = false;
  /** One sort key function per field, so `derived.sortedIds` keeps its cached order. */
  private sortKeys = new WeakMap<FieldDef, (value: CellValue) => number | string>();
  /** The row a Shift+click on a checkbox extends from. */
  private selectFrom = -1;
  /** Display rows of the store path (before derived values load): one window read from the store. */
  private storeRows: { start: number; records: RecordData[] } = { start: 0, records: [] };
  private queryToken = 0;
  private ordered?: Ordered;

  protected readonly subscriptions = new StoreController(this, {
    store: () => this.store,
    derived: () => this.derived,
    onStoreChange: (change) => {
      if (change.appId !== this.app?.id) return;
      if (change.kind === 'app' && change.appDeleted) this.ordered = undefined;
      // Before derived values are loaded, the window is read from the store: re-read it when
      // this table's records changed. Afterwards the derived-values listener repaints.
      if (change.kind === 'records' && !this.inMemory && storeChangeTouchesTable(change, this.tableId)) void this.refresh();
    },
    onDerivedChange: (change) => {
      if (change?.kind === 'replace' || change?.kind === 'app') this.ordered = undefined;
      if (derivedChangeTouchesTable(change, this.tableId)) void this.refresh();
    },
  });

  get table(): TableDef | undefined {
    return this.app?.tables.find((table) => table.id === this.tableId);
  }

  /** The field the view sorts by first ('' for none). */
  get sortBy(): string {
    return this.view?.sort?.[0]?.fieldId ?? '';
  }

  /** The direction of the first sort level. */
  get direction(): 'asc' | 'desc' {
    return this.view?.sort?.[0]?.direction ?? 'asc';
  }

  /** The shown columns of the view. */
  get columns(): ViewColumnShown[] {
    const table = this.table;
    return table ? resolveColumns(table, this.view) : [];
  }

  override willUpdate(changed: PropertyValues<this>): void {
    // A new DerivedValues (the app was replaced) or a new store: nothing held is valid.
    if (changed.has('derived') || changed.has('store')) this.ordered = undefined;
    if (changed.has('tableId') && changed.get('tableId') !== undefined) {
      this.search = '';
      this.filter = undefined;
      this.filterCount = 0;
      this.selected = new Set();
      this.edit = undefined;
    }
    if (['store', 'app', 'tableId', 'view', 'derived', 'search', 'filter'].some((key) => changed.has(key as keyof LtcTable))) {
      void this.refresh();
    }
  }

  override updated(): void {
    this.applyLayout();
    const scroller = this.scroller;
    // The first rows come from the store with a guessed window; once laid out, fill the real one.
    if (scroller && this.windowEnd - this.windowStart < Math.min(this.rowCount, Math.ceil(scroller.clientHeight / ROW_HEIGHT))) this.onScroll();
    // The user scrolled on while the store read a window: read the one now in view.
    if (!this.loading && !this.inMemory && !this.storeCovers(this.windowStart, this.windowEnd)) void this.refresh();
  }

  /**
   * Widths, sticky offsets and spacer heights through the CSSOM: a strict CSP without
   * 'unsafe-inline' refuses `style` attributes (which Lit's styleMap writes on first render),
   * never `element.style`.
   */
  private applyLayout(): void {
    for (const el of this.renderRoot.querySelectorAll<HTMLElement>('[data-width]')) el.style.width = `${el.dataset.width}px`;
    for (const el of this.renderRoot.querySelectorAll<HTMLElement>('[data-left]')) el.style.insetInlineStart = `${el.dataset.left}px`;
    for (const el of this.renderRoot.querySelectorAll<HTMLElement>('[data-height]')) el.style.height = `${el.dataset.height}px`;
  }

  /** Whether the rows read from the store cover display rows [start, end). */
  private storeCovers(start: number, end: number): boolean {
    const { start: from, records } = this.storeRows;
    return start >= from && end <= from + records.length;
  }

  private get scroller(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.scroller');
  }

  /** Re-read the rows (from memory when derived values are loaded, else from the store). */
  async refresh(): Promise<void> {
    const { store, app, table } = this;
    if (!store || !app || !table || !this.isConnected) return;
    try {
      await this.load(store, app, table);
    } catch (error) {
      // A store closed under a table that is going away is not worth a message.
      if (!this.isConnected) return;
      this.notice = errorMessage(error, this.locale);
      emit(this, 'ltc-error', { code: (error as { code?: string }).code ?? 'table.load', message: this.notice });
    }
  }

  /**
   * Whether this table's records and computed values are in memory (all loaded, or this table
   * shown early from the values kept from an earlier session): the grid then sorts, filters
   * and groups in memory.
   */
  private get inMemory(): boolean {
    return !!this.derived?.isReady(this.tableId);
  }

  /** How many display rows the grid has (records and group rows). */
  private get rowCount(): number {
    return this.inMemory && this.ordered ? this.ordered.rows.length : this.total;
  }

  /** The display row at `index`, when it is loaded. */
  private rowAt(index: number): GridRow<RecordData> | undefined {
    if (this.inMemory && this.ordered) return this.ordered.rows[index];
    const record = this.storeRows.records[index - this.storeRows.start];
    return record ? { item: record } : undefined;
  }

  /** The record of display row `index` (undefined for a group row or a row not loaded). */
  private recordAt(index: number): RecordData | undefined {
    const row = this.rowAt(index);
    return row && 'item' in row ? row.item : undefined;
  }

  private async load(store: Store, app: AppDef, table: TableDef): Promise<void> {
    const token = ++this.queryToken;
    if (this.inMemory) {
      const ordered = this.orderedInMemory(this.derived!, table);
      this.total = ordered.records.length;
      this.loading = false;
      if (this.revealId) this.reveal(ordered);
      this.clampWindow();
      return;
    }
    this.loading = true;
    // The view's filter, grouping, several sort levels or a computed sort field run in memory:
    // load the records first, then show the result.
    if (this.derived && this.needsMemory(table)) {
      try {
        await this.derived.whenReady(table.id);
      } finally {
        if (token === this.queryToken) this.loading = false;
      }
      if (token === this.queryToken && this.inMemory) await this.load(store, app, table);
      return;
    }
    try {
      const sort = this.view?.sort?.[0];
      const start = this.windowStart;
      const end = Math.max(this.windowEnd, start + this.pageRows() + 2 * OVERSCAN);
      const [records, total] = await Promise.all([
        store.queryRecords(app.id, table.id, { offset: start, limit: end - start, ...(sort ? { sortBy: sort.fieldId, direction: sort.direction } : {}) }),
        store.countRecords(app.id, table.id),
      ]);
      if (token !== this.queryToken) return;
      this.storeRows = { start, records };
      this.total = total;
      this.clampWindow();
      // Stored values are on screen; now read everything for formulas and relations.
      if (this.derived && this.needsDerived(table)) {
        await this.updateComplete;
        // Failures are reported by refresh(), not left as an unhandled rejection.
        await this.derived.whenReady(table.id);
      }
    } finally {
      if (token === this.queryToken) this.loading = false;
    }
  }

  /** Whether a search or a filter (the toolbar's or the view's) is active. */
  private get filtering(): boolean {
    return this.search.trim() !== '' || (this.filter !== undefined && this.filter !== true) || this.viewFilter !== undefined;
  }

  private get viewFilter(): Logic | undefined {
    const filter = this.view?.filter as Logic | undefined;
    return filter === undefined || filter === true || filter === null ? undefined : filter;
  }

  /** Whether the view needs every record in memory (the store sorts by one stored field only). */
  private needsMemory(table: TableDef): boolean {
    const sort = this.view?.sort ?? [];
    const sortField = table.fields.find((field) => field.id === sort[0]?.fieldId);
    return this.filtering || !!this.view?.group || sort.length > 1 || (!!sortField && isDerivedField(sortField));
  }

  /** Whether any column shows computed values or linked-record labels. */
  private needsDerived(table: TableDef): boolean {
    return table.fields.some((field) => isDerivedField(field) || linkedTable(field) !== undefined);
  }

  /** Rows a screen of the grid holds. */
  private pageRows(): number {
    return Math.max(1, Math.floor((this.scroller?.clientHeight ?? 800) / ROW_HEIGHT) - 1);
  }

  /** The window follows the scroll position (and the data's size). */
  private onScroll(): void {
    const scroller = this.scroller;
    if (!scroller) return;
    this.setWindow(scroller, false);
    if (!this.inMemory && !this.storeCovers(this.windowStart, this.windowEnd)) void this.refresh();
  }

  private clampWindow(): void {
    this.setWindow(this.scroller, true);
    const count = this.rowCount;
    if (this.active.row >= count) this.active = { row: Math.max(0, count - 1), col: this.active.col };
  }

  /** The rows in view at the scroller's position, plus the overscan; `rows` holds their records. */
  private setWindow(scroller: HTMLElement | null, dataChanged: boolean): void {
    const top = scroller?.scrollTop ?? 0;
    const height = scroller?.clientHeight ?? 800;
    const { start, end } = visibleRows(top, height, ROW_HEIGHT, this.rowCount, OVERSCAN);
    this.firstVisible = Math.min(this.rowCount, Math.floor(top / ROW_HEIGHT));
    this.lastVisible = Math.min(this.rowCount, Math.floor((top + height) / ROW_HEIGHT) - 1);
    if (!dataChanged && start === this.windowStart && end === this.windowEnd) return;
    this.windowStart = start;
    this.windowEnd = end;
    const rows: RecordData[] = [];
    for (let i = start; i < end; i++) {
      const record = this.recordAt(i);
      if (record) rows.push(record);
    }
    this.rows = rows;
  }

  private cellValue(record: RecordData, field: FieldDef): CellValue {
    if (isDerivedField(field)) return (this.derived?.value(record.tableId, record.id, field.id) ?? null) as CellValue;
    return record.values[field.id] ?? null;
  }

  /** The value a record sorts and groups by: errors as blanks, so they go last. */
  private orderValue(record: RecordData, field: FieldDef): CellValue {
    const value = this.cellValue(record, field);
    return formulaErrorCode(value) ? null : value;
  }

  /** The view applied in memory; kept until data, view, search or filter change. */
  private orderedInMemory(derived: DerivedValues, table: TableDef): Ordered {
    const filter = this.filter === undefined || this.filter === true ? undefined : this.filter;
    const { sort, group, filter: viewFilter } = this.view ?? {};
    const key = JSON.stringify([table.id, derived.revision, this.locale, this.search, !!this.pinyin, filter ?? null, viewFilter ?? null, sort ?? null, group ?? null]);
    if (this.ordered?.derived === derived && this.ordered.key === key) return this.ordered;
    let records = derived.all(table.id);
    const readValue = (record: RecordData, field: FieldDef) => this.cellValue(record, field);
    if (filter) records = matchLogic(records, filter, table, { readValue });
    if (this.viewFilter) records = matchLogic(records, this.viewFilter, table, { readValue });
    if (this.search.trim()) records = quickSearch(records, table, this.search, readValue, undefined, this.pinyin ? { matcher: this.pinyin } : {});
    const fieldOf = (id: string) => table.fields.find((field) => field.id === id);
    const single = sort?.length === 1 ? fieldOf(sort[0].fieldId) : undefined;
    if (single && isDerivedField(single) && !group && !filter && !this.viewFilter && !this.search.trim()) {
      // One computed sort level over every record: the derived values' cached radix order.
      records = derived.sortedIds(table.id, single.id, sort![0].direction, this.sortKeyOf(single)).flatMap((id) => derived.record(table.id, id) ?? []);
    } else {
      const levels = (sort ?? []).flatMap((level) => {
        const field = fieldOf(level.fieldId);
        return field ? [{ valueOf: (record: RecordData) => this.orderValue(record, field), direction: level.direction, keyOf: this.sortKeyOf(field) }] : [];
      });
      if (levels.length) sortByLevels(records, levels, orderBy);
    }
    const groupField = group ? fieldOf(group.fieldId) : undefined;
    let rows: GridRow<RecordData>[];
    if (group && groupField) {
      const type = fieldTypeOf(groupField);
      // Fields looked up once, not per record and summed field.
      const summed = new Map((group.sums ?? []).flatMap((id) => (fieldOf(id) ? [[id, fieldOf(id)!] as const] : [])));
      const groups = groupRecords(
        records,
        {
          valueOf: (record) => this.orderValue(record, groupField),
          isDate: type.scalar(groupField).type === 'date',
          by: group.by,
          sums: [...summed.keys()],
          sumOf: (record, id) => this.orderValue(record, summed.get(id)!),
          keyOf: (value) => type.sortKey(value, groupField),
        },
        orderBy,
      );
      rows = flattenGroups(groups, new Set(group.collapsed ?? []));
    } else rows = records.map((item) => ({ item }));
    this.ordered = { derived, key, records, rows };
    return this.ordered;
  }

  /** Scroll to a record just created and mark it. */
  private reveal(ordered: Ordered): void {
    const at = ordered.rows.findIndex((row) => 'item' in row && row.item.id === this.revealId);
    if (at < 0) return;
    this.revealId = '';
    this.active = { row: at, col: 1 };
    void this.updateComplete.then(() => this.scrollToRow(at));
  }

  /** Scroll so display row `index` is in view (the window follows). */
  private scrollToRow(index: number): void {
    const scroller = this.scroller;
    if (!scroller) return;
    const top = index * ROW_HEIGHT;
    // The sticky header covers the first row's height.
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + 2 * ROW_HEIGHT > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = top + 2 * ROW_HEIGHT - scroller.clientHeight;
    this.onScroll();
  }

  /** Apply a changed view and report it (the lead's `<ltc-app>` saves it). */
  private changeView(next: ViewDef): void {
    this.view = next;
    this.dispatchEvent(new CustomEvent('ltc-view-change', { detail: { tableId: this.tableId, view: next }, bubbles: true, composed: true }));
  }

  /** The view being changed: the current one, or an unsaved default one. */
  private baseView(): ViewDef {
    return this.view ?? { id: 'default', name: labelOf(this.table ?? { name: '' }, this.locale) };
  }

  /** Header click: sort by this column alone (again: the other direction); Shift adds or flips a level. */
  private toggleSort(field: FieldDef, add: boolean): void {
    const sort = this.view?.sort ?? [];
    const at = sort.findIndex((level) => level.fieldId === field.id);
    const flipped = at >= 0 ? { fieldId: field.id, direction: sort[at].direction === 'asc' ? ('desc' as const) : ('asc' as const) } : { fieldId: field.id, direction: 'asc' as const };
    let next = [flipped];
    if (add) next = at >= 0 ? sort.map((level, i) => (i === at ? flipped : level)) : [...sort, flipped];
    else if (sort.length > 1 && at >= 0) next = [{ fieldId: field.id, direction: sort[at].direction }];
    this.changeView({ ...this.baseView(), sort: next });
  }

  /** Set a column's width in the view (40–800 px). */
  private setWidth(field: FieldDef, width: number): void {
    const view = this.baseView();
    const shown = resolveColumns(this.table!, view);
    const columns: ViewColumn[] = view.columns ? [...view.columns] : shown.map((column) => ({ fieldId: column.field.id }));
    const clamped = Math.round(Math.min(800, Math.max(40, width)));
    const at = columns.findIndex((column) => column.fieldId === field.id);
    if (at >= 0) columns[at] = { ...columns[at], width: clamped };
    else columns.push({ fieldId: field.id, width: clamped });
    this.changeView({ ...view, columns });
  }

  /** Open or close a group (Enter / Space / click on its row). */
  private toggleGroup(key: string): void {
    const view = this.baseView();
    if (!view.group) return;
    const collapsed = new Set(view.group.collapsed ?? []);
    if (!collapsed.delete(key)) collapsed.add(key);
    this.changeView({ ...view, group: { ...view.group, collapsed: [...collapsed] } });
  }

  private onSearchInput(text: string): void {
    clearTimeout(this.searchTimer);
    // Search as the user types, but not on every key of a fast typist over 100,000 rows.
    this.searchTimer = setTimeout(() => (this.search = text), 150);
    if (wantsPinyin(text)) this.loadPinyin();
  }

  /** Load pinyin matching once; the search runs without it until then (and on failure), then again with it. */
  private loadPinyin(): void {
    if (this.pinyinAsked) return;
    this.pinyinAsked = true;
    loadPinyinMatcher().then(
      (matcher) => {
        this.pinyin = matcher;
        this.ordered = undefined;
        if (this.search.trim()) void this.refresh();
      },
      () => (this.pinyinAsked = false),
    );
  }

  private sortKeyOf(field: FieldDef): (value: CellValue) => number | string {
    let keyOf = this.sortKeys.get(field);
    if (!keyOf) {
      const type = fieldTypeOf(field);
      keyOf = (value: CellValue) => type.sortKey(value, field);
      this.sortKeys.set(field, keyOf);
    }
    return keyOf;
  }

  private async openFilter(): Promise<void> {
    const part = await this.designerPart('ltc-table-filter', (filter) => {
      filter.addEventListener('ltc-condition-changed', (event) => this.onFilterChanged(event));
      filter.addEventListener('ltc-filter-clear', () => this.clearFilter());
    });
    await part?.show(this.filter ?? true);
  }

  /**
   * A designer element that renders into this shadow root (its dialogs styled as the table's
   * own), created on first use with its listeners; undefined, with a notice, when the
   * designer script does not load.
   */
  private async designerPart<K extends 'ltc-table-filter' | 'ltc-bulk-edit' | 'ltc-bulk-delete' | 'ltc-field-dialog'>(
    tag: K,
    listen: (part: HTMLElementTagNameMap[K]) => void,
  ): Promise<HTMLElementTagNameMap[K] | undefined> {
    if (!(await this.designerLoaded())) return undefined;
    let part = this.renderRoot.querySelector(tag);
    if (!part) {
      part = document.createElement(tag);
      part.tableId = this.tableId;
      listen(part);
      this.renderRoot.append(part);
    }
    part.tableId = this.tableId;
    return part;
  }

  private onFilterChanged(event: CustomEvent<{ logic: Logic; count: number }>): void {
    const { logic, count } = event.detail;
    this.filter = logic === true ? undefined : logic;
    this.filterCount = this.filter === undefined ? 0 : count;
  }

  /** Remove the filter (and the search): every record shows again. */
  clearFilter(): void {
    this.filter = undefined;
    this.filterCount = 0;
  }

  /** The field of grid column `col` (column 0 is the checkbox and open button). */
  private fieldAt(col: number): FieldDef | undefined {
    return this.columns[col - 1]?.field;
  }

  /** Whether a field's cells can be edited (computed and inverse relation cells cannot). */
  private editable(field: FieldDef): boolean {
    return !isDerivedField(field) && !isInverseLink(field);
  }

  /** Make `to` the active cell, scroll it into view and focus it; `extend` grows the range. */
  private async moveTo(to: CellPosition, extend = false): Promise<void> {
    if (extend) this.anchor ??= this.active;
    else this.anchor = undefined;
    this.active = to;
    this.scrollToRow(to.row);
    // Far away before derived values load: that window is read from the store first.
    if (!this.rowAt(to.row)) await this.refresh();
    await this.updateComplete;
    this.focusActive();
  }

  private focusActive(): void {
    const { row, col } = this.active;
    const cell =
      this.renderRoot.querySelector<HTMLElement>(`td[data-row="${row}"][data-col="${col}"]`) ??
      this.renderRoot.querySelector<HTMLElement>(`td[data-row="${row}"]`);
    cell?.focus();
  }

  /** The grid's keys (WAI-ARIA grid pattern), on the active cell. */
  private onGridKeydown(event: KeyboardEvent): void {
    const cell = (event.target as HTMLElement).closest?.('td[data-row]') as HTMLElement | null;
    if (!cell) return;
    const at = { row: Number(cell.dataset.row), col: Number(cell.dataset.col ?? 0) };
    if (this.edit) {
      this.onEditorKeydown(event);
      return;
    }
    // Keys meant for a control in the cell (the checkbox, a button) stay theirs.
    if (event.target !== cell && event.key !== 'Escape' && !event.key.startsWith('Arrow')) return;
    const ctrl = event.ctrlKey || event.metaKey;
    const row = this.rowAt(at.row);
    const to = moveCell(event.key, ctrl, at, this.rowCount, this.columns.length + 1, this.pageRows());
    if (to) {
      event.preventDefault();
      void this.moveTo(to, event.shiftKey && !ctrl);
      return;
    }
    if (ctrl && event.key.toLowerCase() === 'z' && this.undoable) {
      event.preventDefault();
      void this.undo();
      return;
    }
    if (row && 'group' in row) {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        this.toggleGroup(row.group.key);
      }
      return;
    }
    const record = row?.item;
    if (!record) return;
    if (event.key === ' ' && at.col === 0) {
      event.preventDefault();
      this.toggleSelected(at.row, event.shiftKey);
    } else if (event.key === ' ' || (event.key === 'Enter' && event.shiftKey)) {
      event.preventDefault();
      this.openRecord(record.id);
    } else if (event.key === 'Enter' || event.key === 'F2') {
      event.preventDefault();
      void this.startEdit(at);
    } else if (event.key === 'Escape') {
      this.anchor = undefined;
    } else if (event.key.length === 1 && !ctrl && !event.altKey) {
      // Typing on a cell starts editing it with that character, as in a spreadsheet.
      event.preventDefault();
      void this.startEdit(at, event.key);
    }
  }

  /** Start editing a cell; `typed` replaces its value (a character typed on the cell). */
  private async startEdit(at: CellPosition, typed?: string): Promise<void> {
    const record = this.recordAt(at.row);
    const field = this.fieldAt(at.col);
    if (!record || !field) return;
    if (!this.editable(field)) {
      this.notice = t(this.locale, 'grid.readOnly', { name: labelOf(field, this.locale) });
      return;
    }
    this.active = at;
    this.anchor = undefined;
    this.edit = { row: at.row, col: at.col, record, field, raw: typed ?? this.cellValue(record, field) };
    await this.updateComplete;
    const input = this.renderRoot.querySelector<HTMLInputElement>('td.editing input, td.editing select, td.editing textarea');
    input?.focus();
    if (typed !== undefined && input && 'setSelectionRange' in input && input.type !== 'checkbox') {
      try {
        input.setSelectionRange(input.value.length, input.value.length);
      } catch {
        // Inputs such as type=email offer no caret position.
      }
    }
  }

  /** Escape cancels; Enter / Tab commit and move (down / right; Shift reverses). */
  private onEditorKeydown(event: KeyboardEvent): void {
    const edit = this.edit!;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.edit = undefined;
      void this.moveTo({ row: edit.row, col: edit.col });
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      const back = event.shiftKey ? -1 : 1;
      const next = event.key === 'Enter' ? { row: edit.row + back, col: edit.col } : { row: edit.row, col: edit.col + back };
      void this.commitEdit(next);
    }
  }

  /**
   * Write the edited cell through `writeRecord` (coercion, required / unique / relation / size
   * checks; a stale version is refused). On a problem the editor stays open with the typed
   * text and the message beside it; nothing is written.
   */
  async commitEdit(next?: CellPosition): Promise<boolean> {
    const edit = this.edit;
    const { store, app } = this;
    if (!edit || !store || !app) return false;
    let error: string | undefined;
    try {
      const result = await writeRecord(store, app, edit.record.tableId, { [edit.field.id]: edit.raw }, {
        existing: edit.record,
        locale: this.locale,
        ...(this.derived?.ready ? { records: (id: string) => this.derived!.all(id) } : {}),
      });
      if (!result.ok) error = (result.errors.find((issue) => issue.fieldId === edit.field.id) ?? result.errors[0]).message;
    } catch (failure) {
      error = errorMessage(failure, this.locale);
    }
    if (this.edit !== edit) return false;
    if (error) {
      this.edit = { ...edit, error };
      return false;
    }
    this.edit = undefined;
    const rows = this.rowCount;
    const cols = this.columns.length + 1;
    const to = next ?? { row: edit.row, col: edit.col };
    await this.moveTo({ row: Math.max(0, Math.min(rows - 1, to.row)), col: Math.max(1, Math.min(cols - 1, to.col)) });
    return true;
  }

  private renderEditor(edit: CellEdit) {
    const widget = widgetFor(edit.field);
    const id = 'cell-editor';
    return html`${widget.renderInput({
      id,
      field: edit.field,
      value: edit.raw as CellValue,
      locale: this.locale,
      invalid: !!edit.error,
      describedBy: edit.error ? `${id}-msg` : undefined,
      onInput: (raw) => {
        if (this.edit) this.edit = { ...this.edit, raw, error: undefined };
      },
    })}${edit.error ? html`<span class="cell-error" id="${id}-msg" role="alert">${edit.error}</span>` : nothing}`;
  }

  /** The selected range: rows and columns between the anchor and the active cell. */
  private range(): { rows: [number, number]; cols: [number, number] } {
    const a = this.anchor ?? this.active;
    const b = this.active;
    return { rows: [Math.min(a.row, b.row), Math.max(a.row, b.row)], cols: [Math.max(1, Math.min(a.col, b.col)), Math.max(a.col, b.col)] };
  }

  /**
   * The designer script once loaded: copy, paste, CSV export and bulk edit live there. The
   * grid's first focus starts loading it, so a `copy` event (which must be answered at once)
   * finds it loaded.
   */
  private actions: DesignerModule | undefined;

  private async loadActions(): Promise<DesignerModule> {
    this.actions ??= await loadDesignerModule();
    return this.actions;
  }

  private preloadActions(): void {
    if (!this.actions) this.loadActions().catch(() => undefined);
  }

  /** What the designer's grid actions read of this table (src/elements/grid/table-actions.ts). */
  private access(): GridAccess | undefined {
    const { store, app, table } = this;
    if (!store || !app || !table) return undefined;
    return {
      store,
      app,
      table,
      locale: this.locale,
      derived: this.derived,
      rowAt: (index) => this.rowAt(index),
      recordAt: (index) => this.recordAt(index),
      fieldAt: (col) => this.fieldAt(col),
      editable: (field) => this.editable(field),
      cellValue: (record, field) => this.cellValue(record, field),
    };
  }

  /** The selected range as TSV, values as a spreadsheet reads them (the CSV export's cells); '' until the designer script is loaded. */
  copyRange(): string {
    const grid = this.access();
    const { rows, cols } = this.range();
    return grid && this.actions ? this.actions.rangeTsv(grid, rows, cols) : '';
  }

  private onCopy(event: ClipboardEvent): void {
    if (this.edit || !event.clipboardData) return;
    event.preventDefault();
    const { rows, cols } = this.range();
    const copied = () => (this.notice = t(this.locale, 'grid.copied', { count: (rows[1] - rows[0] + 1) * (cols[1] - cols[0] + 1) }));
    if (this.actions) {
      event.clipboardData.setData('text/plain', this.copyRange());
      copied();
      return;
    }
    // Copied before the designer script arrived: write the clipboard once it has.
    void this.loadActions()
      .then(() => navigator.clipboard.writeText(this.copyRange()))
      .then(copied, (error: unknown) => (this.notice = errorMessage(error, this.locale)));
  }

  private onPaste(event: ClipboardEvent): void {
    if (this.edit || !event.clipboardData) return;
    event.preventDefault();
    void this.paste(event.clipboardData.getData('text/plain'));
  }

  /**
   * Paste a TSV block at the active cell (`pasteTsv` in src/elements/grid/table-actions.ts):
   * all or nothing, in ONE `store.mutate`; Undo (the notice's button, or Ctrl+Z) restores the
   * previous values. Returns the number of records written.
   */
  async paste(text: string): Promise<number> {
    if (!this.access() || !(await this.designerLoaded())) return 0;
    const { pasteTsv } = await this.loadActions();
    const grid = this.access();
    return grid ? this.showWrite(await pasteTsv(grid, text, this.active)) : 0;
  }

  /** A paste's or bulk edit's outcome: its notice, and its Undo when it wrote something. */
  private showWrite(write: GridWrite): number {
    if (write.undoable) this.undoable = write.undoable;
    if (write.notice) this.notice = write.notice;
    return write.count;
  }

  /** Takes back the last bulk delete, paste or bulk edit. */
  async undo(): Promise<number> {
    const pending = this.undoable;
    if (!pending) return 0;
    this.undoable = undefined;
    try {
      const restored = await pending.undo();
      this.notice = t(this.locale, 'app.restored', { count: restored });
      return restored;
    } catch (error) {
      this.undoable = pending;
      this.notice = errorMessage(error, this.locale);
      emit(this, 'ltc-error', { code: (error as { code?: string }).code ?? 'table.undo', message: this.notice });
      return 0;
    }
  }

  /** Toggle a row's checkbox; `range` (Shift) sets every row from the last toggled one alike. */
  private toggleSelected(row: number, range: boolean): void {
    const record = this.recordAt(row);
    if (!record) return;
    const next = new Set(this.selected);
    const on = !next.has(record.id);
    const from = range && this.selectFrom >= 0 ? Math.min(this.selectFrom, row) : row;
    const to = range && this.selectFrom >= 0 ? Math.max(this.selectFrom, row) : row;
    for (let i = from; i <= to; i++) {
      const id = this.recordAt(i)?.id;
      if (id) on ? next.add(id) : next.delete(id);
    }
    this.selectFrom = row;
    this.selected = next;
  }

  /** The header checkbox: select every record the view shows (search and filters applied), or none. */
  async toggleAll(): Promise<void> {
    if (this.selected.size) {
      this.selected = new Set();
      return;
    }
    const view = await this.viewRecords();
    if (view) this.selected = new Set(view.records.map((record) => record.id));
  }

  private async openBulkEdit(): Promise<void> {
    const fields = this.columns.map((column) => column.field).filter((field) => this.editable(field));
    if (!fields.length) return;
    const part = await this.designerPart('ltc-bulk-edit', (bulk) => bulk.addEventListener('ltc-bulk-done', (event) => this.showWrite(event.detail)));
    if (!part) return;
    part.fields = fields;
    part.ids = this.selected;
    await part.show();
  }

  /**
   * Open a record. Every way of opening one (the primary cell, the open button, Space or
   * Shift+Enter on a cell) comes here: the record drawer (`<ltc-record-drawer>`, designer
   * script) with previous / next in the grid's order; closed, focus goes back to the cell that
   * opened it. Without the designer script, the edit dialog.
   */
  openRecord(recordId: string): void {
    void this.openDrawer(recordId);
  }

  private async openDrawer(recordId: string): Promise<void> {
    const from = this.active;
    try {
      await loadDesigner();
    } catch {
      void this.openEditor(recordId);
      return;
    }
    this.renderRoot.querySelector('ltc-record-drawer')?.remove();
    const drawer = document.createElement('ltc-record-drawer');
    drawer.tableId = this.tableId;
    drawer.recordId = recordId;
    drawer.order = this.orderIds();
    drawer.addEventListener('ltc-drawer-close', () => {
      drawer.remove();
      void this.moveTo(from);
    });
    this.renderRoot.append(drawer);
  }

  /** The ids of the grid's records in display order (those read so far, before derived values load). */
  private orderIds(): string[] {
    const records = this.inMemory && this.ordered ? this.ordered.records : this.storeRows.records;
    return records.map((record) => record.id);
  }

  /** The import dialog (`<ltc-import-dialog>`, designer script); the grid reloads after an import. */
  private async openImport(): Promise<void> {
    if (!(await this.designerLoaded())) return;
    this.renderRoot.querySelector('ltc-import-dialog')?.remove();
    const dialog = document.createElement('ltc-import-dialog');
    dialog.tableId = this.tableId;
    dialog.addEventListener('ltc-import-close', () => dialog.remove());
    dialog.addEventListener('ltc-import-done', () => void this.refresh());
    this.renderRoot.append(dialog);
    dialog.show();
  }

  private async openEditor(recordId: string): Promise<void> {
    // <ltc-form> comes with the designer script (docs/forms.md).
    if (!(await this.designerLoaded())) return;
    this.editing = { recordId };
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog.editor');
    const form = dialog?.querySelector('ltc-form');
    form?.reset();
    if (dialog && !dialog.open) dialog.showModal();
  }

  private closeEditor(): void {
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.editor')?.close();
    this.editing = undefined;
  }

  /** Load the designer script (field editor, condition builder); false, with a notice, when it fails. */
  private async designerLoaded(): Promise<boolean> {
    try {
      await loadDesigner();
      return true;
    } catch (error) {
      this.notice = t(this.locale, 'error.designer', { message: (error as Error).message });
      emit(this, 'ltc-error', { code: 'designer.load', message: this.notice });
      return false;
    }
  }

  private async openFieldEditor(fieldId: string): Promise<void> {
    const part = await this.designerPart('ltc-field-dialog', (dialog) => dialog.addEventListener('ltc-field-notice', (event) => (this.notice = event.detail.message)));
    await part?.show(fieldId);
  }

  /**
   * A dialog's `close` event arrives a task after `close()`: when the dialog was reopened
   * meanwhile (Cancel, then at once Edit on another row), it must not clear the new content.
   */
  private onDialogClosed(event: Event, clear: () => void): void {
    if (!(event.currentTarget as HTMLDialogElement).open) clear();
  }

  /** Every record of the current view (filters, search, sort), once derived values are loaded. */
  private async viewRecords(): Promise<{ table: TableDef; records: RecordData[] } | undefined> {
    const { table, derived } = this;
    if (!table || !derived) return undefined;
    await derived.load();
    return { table, records: this.orderedInMemory(derived, table).records };
  }

  /**
   * The current view as a CSV file Excel opens (UTF-8 with BOM, CRLF, headers in the UI
   * language, the formula-injection guard; docs/csv.md): its filters, search and sort, and its
   * visible columns in their order (but the lists of linked records), computed values included.
   */
  async exportCsv(): Promise<string> {
    const view = await this.viewRecords();
    if (!view || !(await this.designerLoaded())) return '';
    const { downloadCsv } = await this.loadActions();
    const text = downloadCsv(view.table, view.records, this.columns.map((column) => column.field), this.derived, this.locale);
    this.notice = t(this.locale, 'table.csvExported', { count: view.records.length });
    return text;
  }

  /** Ask before deleting the selected records, or without a selection every record of the view; Undo is then offered. */
  private async askDeleteShown(): Promise<void> {
    let ids = [...this.selected];
    if (!ids.length) ids = (await this.viewRecords())?.records.map((record) => record.id) ?? [];
    if (!ids.length) return;
    const part = await this.designerPart('ltc-bulk-delete', (bulk) =>
      bulk.addEventListener('ltc-bulk-deleted', (event) => {
        if (event.detail.count) this.selected = new Set();
        this.showWrite(event.detail);
      }),
    );
    await part?.show(ids);
  }

  /** Cell texts already formatted, for one derived revision and locale (scrolling back costs nothing). */
  private texts = { key: '', map: new Map<string, string>() };

  /** The text of a cell as shown (and as its accessible name), formatted once per record version. */
  private cellText(record: RecordData, field: FieldDef, value: CellValue): string {
    const key = `${this.inMemory ? this.derived!.revision : -1}|${this.locale}`;
    if (this.texts.key !== key || this.texts.map.size > 50_000) this.texts = { key, map: new Map() };
    const id = `${record.id}|${record.version}|${field.id}`;
    let text = this.texts.map.get(id);
    if (text === undefined) this.texts.map.set(id, (text = this.formatCell(field, value)));
    return text;
  }

  private formatCell(field: FieldDef, value: CellValue): string {
    if (isInverseLink(field)) return this.inMemory ? String(Array.isArray(value) ? value.length : 0) : '…';
    if (isDerivedField(field) && !this.inMemory) return '…';
    return widgetFor(field).format(typeof value === 'string' ? boundedText(value, FORMAT_LIMIT) : value, field, {
      locale: this.locale,
      recordLabel: (tableId, id) => this.derived?.label(tableId, id),
    });
  }

  /** Sticky offsets of the frozen columns (the leading column is always frozen). */
  private frozenLeft(widths: number[]): Array<number | undefined> {
    const frozen = Math.max(0, this.view?.frozen ?? 1);
    const left: Array<number | undefined> = [0];
    let x = LEAD_WIDTH;
    widths.forEach((width, i) => {
      left.push(i < frozen ? x : undefined);
      x += width;
    });
    return left;
  }

  private cellAttrs(row: number, col: number, left: number | undefined) {
    const { rows, cols } = this.range();
    const inRange = this.anchor !== undefined && row >= rows[0] && row <= rows[1] && col >= cols[0] && col <= cols[1];
    const activeRow = Math.min(this.active.row, Math.max(0, this.windowEnd - 1));
    const tabbable = (row === activeRow || (this.active.row < this.windowStart && row === this.windowStart)) && col === this.active.col;
    return { classes: `${left !== undefined ? 'frozen' : ''} ${inRange ? 'in-range' : ''}`, left: left ?? nothing, tabindex: tabbable ? '0' : '-1' };
  }

  private renderCell(record: RecordData, field: FieldDef, row: number, col: number, left: number | undefined) {
    const { classes, left: offset, tabindex } = this.cellAttrs(row, col, left);
    const edit = this.edit;
    if (edit && edit.row === row && edit.col === col) {
      return html`<td role="gridcell" class="editing ${classes}" data-left=${offset} data-row=${row} data-col=${col} aria-colindex=${col + 1} tabindex="-1">${this.renderEditor(edit)}</td>`;
    }
    const widget = widgetFor(field);
    const value = this.cellValue(record, field);
    const error = formulaErrorCode(value);
    const text = this.cellText(record, field, value);
    const message = error ? cellErrorMessage(value, this.locale) : undefined;
    const align = isInverseLink(field) ? 'end' : (widget.align ?? 'start');
    // A 20 MB text laid out in a cell (and its tooltip) freezes the page for many seconds:
    // show a bounded prefix; the form's input still holds the whole value.
    const shown = boundedText(text);
    let content: unknown = widget.renderCell && !error && text && shown === text ? widget.renderCell(value, field, { locale: this.locale }) : shown;
    if (field.id === this.table?.primaryFieldId) {
      content = html`<button class="primary-link" tabindex="-1" @click=${() => this.openRecord(record.id)}>${content}</button>`;
    }
    return html`<td
      role="gridcell"
      class="${align} ${error ? 'error' : ''} ${classes}"
      data-left=${offset}
      data-row=${row}
      data-col=${col}
      aria-colindex=${col + 1}
      aria-readonly=${this.editable(field) ? nothing : 'true'}
      tabindex=${tabindex}
      title=${boundedText(message ?? text)}
      @dblclick=${() => void this.startEdit({ row, col })}
    >${content}</td>`;
  }

  private renderRecordRow(record: RecordData, row: number, left: Array<number | undefined>) {
    const locale = this.locale;
    // Bounded: a 20 MB name in two labels would freeze the page.
    const name = boundedText(this.derived?.label(record.tableId, record.id) ?? String(record.values[this.table!.primaryFieldId] ?? ''), 80);
    const lead = this.cellAttrs(row, 0, 0);
    const selected = this.selected.has(record.id);
    return html`<tr data-id=${record.id} class=${record.id === this.highlightId ? 'just-saved' : ''} aria-rowindex=${row + 2} aria-level=${this.view?.group ? '2' : nothing} aria-selected=${selected ? 'true' : 'false'}>
      <td role="gridcell" class="lead-cell ${lead.classes}" data-left=${lead.left} data-row=${row} data-col="0" aria-colindex="1" tabindex=${lead.tabindex}>
        <span class="lead">
          <input
            type="checkbox"
            class="select"
            tabindex="-1"
            .checked=${selected}
            aria-label=${t(locale, 'grid.selectRow', { name })}
            @click=${(e: MouseEvent) => {
              e.preventDefault();
              this.toggleSelected(row, e.shiftKey);
            }}
          />
          <button class="open" tabindex="-1" aria-label=${t(locale, 'grid.open', { name })} title=${t(locale, 'grid.open', { name })} @click=${() => this.openRecord(record.id)}>
            <span aria-hidden="true">⤢</span>
          </button>
        </span>
      </td>
      ${this.columns.map((column, i) => this.renderCell(record, column.field, row, i + 1, left[i + 1]))}
    </tr>`;
  }

  private renderGroupRow(group: RecordGroup<RecordData>, collapsed: boolean, index: number, table: TableDef) {
    const locale = this.locale;
    const field = table.fields.find((f) => f.id === this.view?.group?.fieldId);
    const first = group.items[0];
    let label = t(locale, 'grid.blank');
    // A date group shows its period; any other group its value as the column shows it.
    if (group.value !== null && field) label = fieldTypeOf(field).scalar(field).type === 'date' ? String(group.value) : this.cellText(first, field, this.cellValue(first, field));
    const sums = Object.entries(group.sums).map(([id, sum]) => {
      const sumField = table.fields.find((f) => f.id === id)!;
      return t(locale, 'grid.sum', { name: labelOf(sumField, locale), sum: widgetFor(sumField).format(sum, sumField, { locale }) });
    });
    const { tabindex } = this.cellAttrs(index, this.active.col, undefined);
    return html`<tr class="group" aria-rowindex=${index + 2} aria-level="1" aria-expanded=${collapsed ? 'false' : 'true'} data-group=${group.key}>
      <td role="gridcell" colspan=${this.columns.length + 1} data-row=${index} tabindex=${tabindex} @click=${() => this.toggleGroup(group.key)}>
        <span aria-hidden="true">${collapsed ? '▸' : '▾'}</span> ${label} · ${t(locale, 'table.records', { count: group.items.length })}${sums.length ? html`<span class="sums">${sums.join(' · ')}</span>` : nothing}
      </td>
    </tr>`;
  }

  /** Pointer drag on a header's edge: the width follows the pointer; released, the view changes. */
  private onResizeStart(event: PointerEvent, field: FieldDef, width: number): void {
    const handle = event.currentTarget as HTMLElement;
    const col = this.renderRoot.querySelector<HTMLElement>(`col[data-field="${field.id}"]`);
    const x0 = event.clientX;
    const rtl = getComputedStyle(this).direction === 'rtl' ? -1 : 1;
    let next = width;
    handle.setPointerCapture(event.pointerId);
    const move = (e: PointerEvent) => {
      next = Math.min(800, Math.max(40, width + rtl * (e.clientX - x0)));
      if (col) col.style.width = `${next}px`;
    };
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
      if (next !== width) this.setWidth(field, next);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
    event.preventDefault();
  }

  private onResizeKey(event: KeyboardEvent, field: FieldDef, width: number): void {
    const step = event.shiftKey ? 50 : 10;
    const delta = event.key === 'ArrowRight' ? step : event.key === 'ArrowLeft' ? -step : 0;
    if (!delta) return;
    event.preventDefault();
    this.setWidth(field, width + delta);
  }

  private renderHeader(column: ViewColumnShown, index: number, width: number, left: number | undefined) {
    const { field } = column;
    const locale = this.locale;
    const sort = this.view?.sort ?? [];
    const level = sort.findIndex((s) => s.fieldId === field.id);
    const direction = level >= 0 ? sort[level].direction : undefined;
    const widget = widgetFor(field);
    const align = isInverseLink(field) ? 'end' : widget.align ?? 'start';
    const name = labelOf(field, locale);
    return html`<th
      scope="col"
      class="${align} ${left !== undefined ? 'frozen' : ''}"
      data-left=${left ?? nothing}
      aria-colindex=${index + 2}
      aria-sort=${level === 0 ? (direction === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button class="sort" data-field=${field.id} title=${t(locale, 'table.sortBy', { name })} @click=${(e: MouseEvent) => this.toggleSort(field, e.shiftKey)}>
        ${name}<span class="arrow" aria-hidden="true">${direction ? `${direction === 'asc' ? '▲' : '▼'}${sort.length > 1 ? level + 1 : ''}` : '↕'}</span>
      </button>
      <button class="edit-field" data-field=${field.id} aria-label=${t(locale, 'table.editField', { name })} title=${t(locale, 'table.editField', { name })} @click=${() => this.openFieldEditor(field.id)}>
        <span aria-hidden="true">⋯</span>
      </button>
      <span
        class="resize"
        role="separator"
        tabindex="0"
        aria-orientation="vertical"
        aria-label=${t(locale, 'grid.resize', { name })}
        aria-valuenow=${width}
        aria-valuemin="40"
        aria-valuemax="800"
        data-field=${field.id}
        @pointerdown=${(e: PointerEvent) => this.onResizeStart(e, field, width)}
        @keydown=${(e: KeyboardEvent) => this.onResizeKey(e, field, width)}
      ></span>
    </th>`;
  }

  override render() {
    const table = this.table;
    const locale = this.locale;
    if (!table) return html`<p class="status">${t(locale, 'app.loading')}</p>`;
    const tableName = labelOf(table, locale);
    const columns = this.columns;
    const widths = columns.map((column) => column.width ?? DEFAULT_WIDTH);
    const left = this.frozenLeft(widths);
    const count = this.rowCount;
    const { windowStart: start, windowEnd: end } = this;
    const shownRows: Array<{ index: number; row: GridRow<RecordData> }> = [];
    for (let i = start; i < end; i++) {
      const row = this.rowAt(i);
      if (row) shownRows.push({ index: i, row });
    }
    // Keyed by record: rows still in view after a scroll keep their DOM and commit nothing.
    const body = repeat(
      shownRows,
      ({ row }) => ('group' in row ? `group:${row.group.key}` : row.item.id),
      ({ index, row }) => ('group' in row ? this.renderGroupRow(row.group, row.collapsed, index, table) : this.renderRecordRow(row.item, index, left)),
    );
    const firstShown = Math.min(count, this.firstVisible + 1);
    const lastShown = Math.max(firstShown, Math.min(count, this.lastVisible));
    const selected = this.selected.size;
    return html`
      <div class="toolbar" part="toolbar">
        <h2 id="caption">${tableName}</h2>
        <span class="count">${t(locale, 'table.records', { count: this.total })}</span>
        ${this.derived && !this.inMemory ? html`<span class="status">${t(locale, 'table.computing')}</span>` : nothing}
        <span class="spacer"></span>
        <span class="status" role="status" aria-live="polite"
          >${this.notice}${this.undoable ? html` <button class="undo" @click=${() => void this.undo()}>${t(locale, 'app.undo')}</button>` : nothing}</span
        >
        <input
          class="search"
          part="search"
          type="search"
          placeholder=${t(locale, 'table.search')}
          aria-label=${t(locale, 'table.search')}
          @input=${(e: Event) => this.onSearchInput((e.target as HTMLInputElement).value)}
        />
        <button class="filter" aria-haspopup="dialog" @click=${() => this.openFilter()}>
          ${t(locale, 'table.filter')}${this.filterCount > 0 ? html` <span class="badge">(${this.filterCount})</span>` : nothing}
        </button>
        <button class="import" @click=${() => void this.openImport()}>${t(locale, 'table.import')}</button>
        <button class="export-csv" ?disabled=${this.total === 0} @click=${() => void this.exportCsv()}>${t(locale, 'table.exportCsv')}</button>
        ${selected ? html`<button class="bulk-edit" @click=${() => void this.openBulkEdit()}>${t(locale, 'grid.bulkEdit')}</button>` : nothing}
        <button class="delete-shown danger" ?disabled=${this.total === 0} @click=${() => void this.askDeleteShown()}>
          ${selected
            ? t(locale, 'table.deleteShown', { count: selected })
            : t(locale, this.filtering ? 'table.deleteShown' : 'table.deleteAll', { count: this.total })}
        </button>
        <button class="add-field" @click=${() => this.openFieldEditor('')}>＋ ${t(locale, 'table.addField')}</button>
        <button class="primary add" @click=${() => this.openEditor('')}>＋ ${t(locale, 'table.add')}</button>
      </div>
      <div class="scroller" @scroll=${this.onScroll}>
        <table
          part="table"
          role=${this.view?.group ? 'treegrid' : 'grid'}
          aria-labelledby="caption"
          aria-rowcount=${count + 1}
          aria-colcount=${columns.length + 1}
          aria-multiselectable="true"
          data-width=${LEAD_WIDTH + widths.reduce((a, b) => a + b, 0)}
          @keydown=${this.onGridKeydown}
          @copy=${this.onCopy}
          @paste=${this.onPaste}
          @focusin=${(e: FocusEvent) => {
            const cell = (e.target as HTMLElement).closest?.('td[data-row]') as HTMLElement | null;
            if (cell && !this.edit) this.active = { row: Number(cell.dataset.row), col: Number(cell.dataset.col ?? this.active.col) };
            this.preloadActions();
          }}
          @click=${(e: MouseEvent) => {
            const cell = (e.target as HTMLElement).closest?.('td[data-row]') as HTMLElement | null;
            if (cell && e.shiftKey && !this.edit) {
              this.anchor ??= this.active;
              this.active = { row: Number(cell.dataset.row), col: Number(cell.dataset.col ?? 0) };
            } else if (cell && !this.edit) this.anchor = undefined;
          }}
        >
          <colgroup>
            <col data-width=${LEAD_WIDTH} />
            ${columns.map((column, i) => html`<col data-field=${column.field.id} data-width=${widths[i]} />`)}
          </colgroup>
          <thead>
            <tr aria-rowindex="1">
              <th scope="col" class="frozen" data-left="0" aria-colindex="1">
                <input
                  type="checkbox"
                  class="select-all"
                  .checked=${selected > 0 && selected >= this.total}
                  .indeterminate=${selected > 0 && selected < this.total}
                  aria-label=${t(locale, 'grid.selectAll')}
                  @change=${() => void this.toggleAll()}
                />
              </th>
              ${columns.map((column, i) => this.renderHeader(column, i, widths[i], left[i + 1]))}
            </tr>
          </thead>
          <tbody>
            ${start > 0 ? html`<tr class="spacer" aria-hidden="true"><td colspan=${columns.length + 1} data-height=${start * ROW_HEIGHT}></td></tr>` : nothing}
            ${count === 0
              ? html`<tr>
                  <td colspan=${columns.length + 1} class="status">${this.loading ? t(locale, 'table.loading') : t(locale, 'table.empty')}</td>
                </tr>`
              : body}
            ${start + shownRows.length < count
              ? html`<tr class="spacer" aria-hidden="true"><td colspan=${columns.length + 1} data-height=${(count - start - shownRows.length) * ROW_HEIGHT}></td></tr>`
              : nothing}
          </tbody>
        </table>
      </div>
      <div class="footer" part="footer pager">
        <span class="position">${t(locale, 'table.range', { from: count ? firstShown : 0, to: lastShown, count: this.total })}</span>
        ${selected ? html`<span class="selected">${t(locale, 'grid.selected', { count: selected })}</span>` : nothing}
      </div>
      <dialog class="editor" part="dialog" aria-labelledby="editor-title" @close=${(e: Event) => this.onDialogClosed(e, () => (this.editing = undefined))}>
        ${this.editing
          ? html`<h3 id="editor-title">${t(locale, this.editing.recordId ? 'form.titleEdit' : 'form.titleNew', { table: tableName })}</h3>
              <ltc-form
                exportparts="form, field, input, actions"
                table-id=${table.id}
                record-id=${this.editing.recordId}
                @ltc-form-submitted=${(event: CustomEvent<{ recordId: string }>) => {
                  this.notice = t(locale, 'form.saved');
                  // A new record is shown where it landed (scrolled to), marked, not left where nobody looks.
                  if (!this.editing?.recordId) this.revealId = event.detail.recordId;
                  this.highlightId = event.detail.recordId;
                  this.closeEditor();
                  void this.refresh();
                }}
                @ltc-form-cancelled=${() => this.closeEditor()}
              ></ltc-form>`
          : nothing}
      </dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ltc-table': LtcTable;
  }
}
