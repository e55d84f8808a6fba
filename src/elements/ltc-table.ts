/**
 * `<ltc-table>`: the records of one table — sortable columns, paging, record count, and
 * add / edit / delete through `<ltc-form>` in a modal dialog, a search box and a filter.
 *
 * The first page is read straight from the store (an index range, fast even with 100,000
 * records); once the app's derived values are loaded (formulas, inverse relations), sorting
 * and paging run in memory and computed columns fill in.
 *
 * Subscriptions go through a `StoreController`: the table repaints only for changes that
 * touch its own table (or replace the app), and its cached sorted order belongs to one
 * `DerivedValues` instance, so a replaced app (an import, here or in another tab) never shows
 * the old rows.
 *
 * Search (as the user types, over the text-like columns) and the filter (built with
 * `<ltc-condition-builder>`, loaded with the designer script, kept as JSON Logic) apply to
 * the rows in memory: while they are active, the table loads the app's derived values first.
 *
 * @summary A table of records with sorting, paging and editing.
 * @event ltc-record-deleted - A record was deleted here (only when not inside `<ltc-app>`, which
 *   reports every committed change itself). `detail: { appId, tableId, recordId, values, origin }`
 * @csspart toolbar - Title, count, search, filter and the add button.
 * @csspart search - The search box.
 * @csspart table - The `<table>`.
 * @csspart pager - Paging controls.
 * @csspart dialog - The edit dialogs (record and field).
 * @csspart form, field, input, actions - The parts of the `<ltc-form>` in the edit dialog, forwarded.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { AppDef, CellValue, FieldDef, Locale, RecordData, TableDef } from '../core/schema/types.js';
import type { Store } from '../store/types.js';
import { orderBy } from '../store/records.js';
import { errorMessage, labelOf, t } from '../i18n/index.js';
import { widgetFor } from '../../widgets/registry.js';
import { fieldTypeOf, isInverseLink, linkedTable } from '../core/fields/index.js';
import { formulaErrorCode } from '../../widgets/formula.js';
import { matchLogic, quickSearch } from '../core/conditions/match.js';
import type { Logic } from '../core/logic/index.js';
import type { DerivedValues } from '../runtime/derived.js';
import { isDerivedField } from '../runtime/derived.js';
import { loadDesigner, loadDesignerModule } from './load-designer.js';
import { deleteRecords, type DeletedRecords } from '../runtime/record-deletes.js';
import { recordsToCsv } from '../core/csv/export.js';
import { appContext, derivedContext, localeContext, storeContext } from './context.js';
import { baseStyles } from './styles.js';
import { emit, insideApp } from './events.js';
import { StoreController, derivedChangeTouchesTable, storeChangeTouchesTable } from './store-controller.js';
import { boundedText } from './bounded-text.js';


/** The explanation of a formula error value, in the UI language when it offers one. */
function cellErrorMessage(value: unknown, locale: Locale): string | undefined {
  const error = value as { message?: string; messageIn?: (locale: Locale) => string };
  return typeof error.messageIn === 'function' ? error.messageIn(locale) : error.message;
}

/** Longest text handed to a widget's cell formatter (far more than a cell shows, far less than 20 MB). */
const FORMAT_LIMIT = 10_000;

export class LtcTable extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 0.75rem;
        min-width: 0;
      }
      .toolbar {
        display: flex;
        align-items: center;
        gap: 0.75rem;
        flex-wrap: wrap;
      }
      h2 {
        font-size: 1.15rem;
        margin: 0;
      }
      .count,
      .status {
        color: var(--_muted);
      }
      .spacer {
        flex: 1;
      }
      .scroller {
        overflow: auto;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_surface);
        max-height: var(--ltc-table-max-height, 70vh);
      }
      table {
        border-collapse: collapse;
        width: 100%;
        font-variant-numeric: tabular-nums;
      }
      th,
      td {
        text-align: start;
        padding: 0.45rem 0.7rem;
        border-bottom: 1px solid var(--_border);
        white-space: nowrap;
        max-width: 18rem;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      thead th {
        position: sticky;
        top: 0;
        background: var(--_surface-alt);
        z-index: 2;
        font-weight: 600;
      }
      /* The record's name stays in view while scrolling sideways to the computed columns. */
      th:first-child,
      td:first-child {
        position: sticky;
        inset-inline-start: 0;
        background: var(--_surface);
        z-index: 1;
        box-shadow: inset -1px 0 0 var(--_border);
      }
      thead th:first-child {
        background: var(--_surface-alt);
        z-index: 3;
      }
      tbody tr:hover td:first-child {
        background: var(--_surface-alt);
      }
      th button {
        border: none;
        background: none;
        padding: 0;
        font-weight: inherit;
        display: inline-flex;
        gap: 0.3em;
        align-items: center;
      }
      .arrow {
        color: var(--_muted);
        font-size: 0.8em;
      }
      th button.edit-field {
        margin-inline-start: 0.35rem;
        color: var(--_muted);
        padding: 0 0.2rem;
        border-radius: var(--_radius);
      }
      th button.edit-field:hover,
      th button.edit-field:focus-visible {
        color: var(--_text);
        background: var(--_surface);
      }
      dialog.fields {
        width: min(64rem, 96vw);
      }
      .warning {
        color: var(--_danger);
      }
      .field-danger {
        border-top: 1px solid var(--_border);
        margin-top: 1rem;
        padding-top: 0.75rem;
      }
      td.end,
      th.end {
        text-align: end;
      }
      td.center {
        text-align: center;
      }
      td.error {
        color: var(--_danger);
      }
      .chip {
        display: inline-block;
        padding: 0.05em 0.55em;
        border-radius: 999px;
        font-size: 0.92em;
        color: var(--_text);
        background: color-mix(in srgb, var(--chip, var(--_muted)) 16%, var(--_surface));
        border: 1px solid color-mix(in srgb, var(--chip, var(--_muted)) 45%, transparent);
      }
      .chip + .chip {
        margin-inline-start: 0.25rem;
      }
      tbody tr:hover {
        background: var(--_surface-alt);
      }
      tbody tr[data-id] {
        cursor: pointer;
      }
      tbody tr[data-id]:focus-visible {
        outline: 2px solid var(--_focus);
        outline-offset: -2px;
      }
      tbody tr.just-saved td {
        background: color-mix(in srgb, var(--_primary) 12%, var(--_surface));
      }
      td.actions {
        display: flex;
        gap: 0.4rem;
      }
      td.actions button {
        padding: 0.15em 0.6em;
      }
      .pager {
        display: flex;
        align-items: center;
        gap: 0.6rem;
        justify-content: flex-end;
      }
      dialog {
        border: 1px solid var(--_border);
        border-radius: calc(var(--_radius) * 2);
        padding: 1.25rem 1.5rem;
        width: min(40rem, 92vw);
        max-height: 90vh;
        color: var(--_text);
        background: var(--_surface);
      }
      dialog::backdrop {
        background: rgb(15 23 42 / 0.45);
      }
      dialog h3 {
        margin: 0 0 1rem;
      }
      .confirm-actions {
        display: flex;
        gap: 0.5rem;
        justify-content: flex-end;
        margin-top: 1rem;
      }
    `,
  ];

  /** Id of the table to show. */
  @property({ attribute: 'table-id' }) accessor tableId = '';
  /** Rows per page. */
  @property({ type: Number, attribute: 'page-size' }) accessor pageSize = 50;

  @consume({ context: storeContext, subscribe: true }) @state() accessor store: Store | undefined;
  @consume({ context: appContext, subscribe: true }) @state() accessor app: AppDef | undefined;
  @consume({ context: localeContext, subscribe: true }) @state() accessor locale: Locale = 'en';
  @consume({ context: derivedContext, subscribe: true }) @state() accessor derived: DerivedValues | undefined;

  @state() accessor rows: RecordData[] = [];
  @state() accessor total = 0;
  @state() accessor page = 0;
  @state() accessor sortBy = '';
  @state() accessor direction: 'asc' | 'desc' = 'asc';
  @state() accessor loading = false;
  @state() private accessor editing: { recordId: string } | undefined;
  @state() private accessor pendingDelete: RecordData | undefined;
  /** The field being added ('' ) or edited (its id) in the field dialog. */
  @state() private accessor editingField: string | undefined;
  @state() private accessor pendingFieldDelete: { field: FieldDef; warning: string } | undefined;
  @state() private accessor notice = '';
  /** A record just saved: marked in the table. */
  @state() private accessor highlightId = '';
  /** A record just created: the table turns to the page that shows it. */
  private revealId = '';
  /** The last bulk delete, while its Undo is offered. */
  @state() private accessor undoable: DeletedRecords | undefined;
  /** How many records "Delete shown" is about to delete (its confirmation is open). */
  @state() private accessor pendingBulk: string[] | undefined;
  /** The search text applied (the box's text, after the debounce). */
  @state() accessor search = '';
  /** The active filter as JSON Logic (undefined: none). */
  @state() accessor filter: Logic | undefined;
  /** How many conditions the active filter has (the button's badge). */
  @state() private accessor filterCount = 0;
  @state() private accessor filterOpen = false;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  private queryToken = 0;
  /**
   * Cache of the sorted order, so paging through 100,000 sorted rows does not re-sort. It
   * belongs to one DerivedValues instance: a new instance (an import replaced the app)
   * restarts its revision count, so the revision alone would match the stale order.
   */
  private ordered?: { derived: DerivedValues; key: string; records: RecordData[] };

  protected readonly subscriptions = new StoreController(this, {
    store: () => this.store,
    derived: () => this.derived,
    onStoreChange: (change) => {
      if (change.appId !== this.app?.id) return;
      if (change.kind === 'app' && change.appDeleted) this.ordered = undefined;
      // Before derived values are loaded, the page is read from the store: re-read it when
      // this table's records changed. Afterwards the derived-values listener repaints.
      if (change.kind === 'records' && !this.derived?.ready && storeChangeTouchesTable(change, this.tableId)) void this.refresh();
    },
    onDerivedChange: (change) => {
      if (change?.kind === 'replace' || change?.kind === 'app') this.ordered = undefined;
      if (derivedChangeTouchesTable(change, this.tableId)) void this.refresh();
    },
  });

  get table(): TableDef | undefined {
    return this.app?.tables.find((table) => table.id === this.tableId);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    // A new DerivedValues (the app was replaced) or a new store: nothing held is valid.
    if (changed.has('derived') || changed.has('store')) this.ordered = undefined;
    if (changed.has('tableId')) {
      this.page = 0;
      this.sortBy = '';
      this.direction = 'asc';
      this.search = '';
      this.filter = undefined;
      this.filterCount = 0;
    }
    if (['store', 'app', 'tableId', 'page', 'sortBy', 'direction', 'pageSize', 'derived', 'search', 'filter'].some((key) => changed.has(key as keyof LtcTable))) {
      void this.refresh();
    }
  }

  /** Re-read the current page (from memory when derived values are loaded, else from the store). */
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

  private async load(store: Store, app: AppDef, table: TableDef): Promise<void> {
    const token = ++this.queryToken;
    const offset = this.page * this.pageSize;
    const sortField = table.fields.find((field) => field.id === this.sortBy);
    if (this.derived?.ready) {
      const all = this.orderedInMemory(this.derived, table, sortField);
      if (this.revealId) {
        const at = all.findIndex((record) => record.id === this.revealId);
        if (at >= 0) {
          this.revealId = '';
          const page = Math.floor(at / this.pageSize);
          if (page !== this.page) {
            // Changing the page re-runs this load for that page.
            this.page = page;
            return;
          }
          void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('tr.just-saved')?.scrollIntoView({ block: 'nearest' }));
        }
      }
      this.total = all.length;
      this.rows = all.slice(offset, offset + this.pageSize);
      this.loading = false;
      this.clampPage();
      return;
    }
    this.loading = true;
    // Search and filter run over the records in memory: load them first, then show the result.
    if (this.derived && this.filtering) {
      try {
        await this.derived.load();
      } finally {
        if (token === this.queryToken) this.loading = false;
      }
      if (token === this.queryToken && this.derived.ready) await this.load(store, app, table);
      return;
    }
    try {
      const canSortInStore = !sortField || !isDerivedField(sortField);
      const [rows, total] = await Promise.all([
        store.queryRecords(app.id, table.id, {
          offset,
          limit: this.pageSize,
          ...(sortField && canSortInStore ? { sortBy: sortField.id, direction: this.direction } : {}),
        }),
        store.countRecords(app.id, table.id),
      ]);
      if (token !== this.queryToken) return;
      this.rows = rows;
      this.total = total;
      this.clampPage();
      // Stored values are on screen; now read everything for formulas and relations.
      if (this.derived && this.needsDerived(table)) {
        await this.updateComplete;
        // Failures are reported by refresh(), not left as an unhandled rejection.
        await this.derived.load();
      }
    } finally {
      if (token === this.queryToken) this.loading = false;
    }
  }

  /** Whether a search or a filter is active. */
  private get filtering(): boolean {
    return this.search.trim() !== '' || (this.filter !== undefined && this.filter !== true);
  }

  /** Whether any column shows computed values or linked-record labels. */
  private needsDerived(table: TableDef): boolean {
    return table.fields.some((field) => isDerivedField(field) || linkedTable(field) !== undefined);
  }

  private clampPage(): void {
    const last = Math.max(0, Math.ceil(this.total / this.pageSize) - 1);
    if (this.page > last) this.page = last;
  }

  private cellValue(record: RecordData, field: FieldDef): CellValue {
    if (isDerivedField(field)) return (this.derived?.value(record.tableId, record.id, field.id) ?? null) as CellValue;
    return record.values[field.id] ?? null;
  }

  /** The table's records in display order; the sorted order is kept until data or sort change. */
  private orderedInMemory(derived: DerivedValues, table: TableDef, sortField: FieldDef | undefined): RecordData[] {
    const filter = this.filter === undefined || this.filter === true ? '' : JSON.stringify(this.filter);
    const key = `${table.id}|${sortField?.id ?? ''}|${this.direction}|${derived.revision}|${this.locale}|${this.search}|${filter}`;
    if (this.ordered?.derived === derived && this.ordered.key === key) return this.ordered.records;
    let records = derived.all(table.id);
    const readValue = (record: RecordData, field: FieldDef) => this.cellValue(record, field);
    if (filter) records = matchLogic(records, this.filter, table, { readValue });
    if (this.search.trim()) records = quickSearch(records, table, this.search, readValue);
    if (sortField) this.sortInMemory(records, sortField);
    this.ordered = { derived, key, records };
    return records;
  }

  /**
   * The store's ordering (`orderBy`, with the field type's `sortKey`) over the cell values
   * this table shows, computed ones included: a column orders the same whether the store
   * sorted it (before derived values loaded) or memory did. Errors sort last, as blanks.
   */
  private sortInMemory(records: RecordData[], field: FieldDef): void {
    const type = fieldTypeOf(field);
    orderBy(
      records,
      (record) => {
        const value = this.cellValue(record, field);
        return formulaErrorCode(value) ? null : value;
      },
      this.direction,
      (value) => type.sortKey(value, field),
    );
  }

  private onSearchInput(text: string): void {
    clearTimeout(this.searchTimer);
    // Search as the user types, but not on every key of a fast typist over 100,000 rows.
    this.searchTimer = setTimeout(() => {
      this.search = text;
      this.page = 0;
    }, 150);
  }

  private async openFilter(): Promise<void> {
    if (!(await this.designerLoaded())) return;
    this.filterOpen = true;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog.filter');
    if (dialog && !dialog.open) dialog.showModal();
  }

  private onFilterChanged(event: CustomEvent<{ logic: Logic; count: number }>): void {
    const { logic, count } = event.detail;
    this.filter = logic === true ? undefined : logic;
    this.filterCount = this.filter === undefined ? 0 : count;
    this.page = 0;
  }

  /** Remove the filter (and the search): every record shows again. */
  clearFilter(): void {
    this.filter = undefined;
    this.filterCount = 0;
    this.page = 0;
  }

  private toggleSort(field: FieldDef): void {
    if (this.sortBy === field.id) this.direction = this.direction === 'asc' ? 'desc' : 'asc';
    else {
      this.sortBy = field.id;
      this.direction = 'asc';
    }
    this.page = 0;
  }

  private async openEditor(recordId: string): Promise<void> {
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

  private async askDelete(record: RecordData): Promise<void> {
    this.pendingDelete = record;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.confirm')?.showModal();
  }

  private async confirmDelete(): Promise<void> {
    const record = this.pendingDelete;
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.confirm')?.close();
    this.pendingDelete = undefined;
    if (!record || !this.store || !this.app) return;
    try {
      await this.store.mutate(this.app.id, [{ type: 'delete', tableId: record.tableId, id: record.id, expectedVersion: record.version }]);
      this.notice = t(this.locale, 'table.deleted');
      // Inside <ltc-app> the app reports every committed change (with its origin) itself.
      if (!insideApp(this)) {
        emit(this, 'ltc-record-deleted', { appId: this.app.id, tableId: record.tableId, recordId: record.id, values: record.values, origin: { kind: 'user' } });
      }
    } catch (error) {
      this.notice = errorMessage(error, this.locale);
      emit(this, 'ltc-error', { code: (error as { code?: string }).code ?? 'error', message: this.notice });
    }
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
    if (!(await this.designerLoaded())) return;
    this.editingField = fieldId;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog.fields');
    if (dialog && !dialog.open) dialog.showModal();
  }

  /**
   * A dialog's `close` event arrives a task after `close()`: when the dialog was reopened
   * meanwhile (Cancel, then at once Edit on another row), it must not clear the new content.
   */
  private onDialogClosed(event: Event, clear: () => void): void {
    if (!(event.currentTarget as HTMLDialogElement).open) clear();
  }

  /** Set when the user already agreed (on Esc's keydown) to discard the field edits. */
  private discardConfirmed = false;

  private fieldEditorDirty(dialog: HTMLElement): boolean {
    const editor = dialog.querySelector('ltc-field-editor') as (HTMLElement & { dirty?: boolean }) | null;
    // `dirty` is new in the field editor; an editor without it is never asked about.
    return editor?.dirty === true;
  }

  /**
   * Esc in the field dialog would discard unsaved edits (the field editor cancels on Esc, and
   * so does the dialog): ask first when the editor says it is dirty. Captured on the dialog,
   * before the editor sees the key. Esc while the formula completion list is open is left to
   * the formula editor, which closes the list and stops the key.
   */
  private onFieldDialogKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    const formula = event.composedPath().find((node) => (node as Element).localName === 'ltc-formula-editor') as Element | undefined;
    if (formula?.shadowRoot?.querySelector('[role="listbox"]')) return;
    const dialog = event.currentTarget as HTMLElement;
    if (!this.fieldEditorDirty(dialog)) return;
    if (window.confirm(t(this.locale, 'table.discardField'))) {
      this.discardConfirmed = true;
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  /** The dialog's own `cancel` (Esc when the editor did not handle it): the same question. */
  private onFieldDialogCancel(event: Event): void {
    const confirmed = this.discardConfirmed;
    this.discardConfirmed = false;
    if (confirmed || !this.fieldEditorDirty(event.currentTarget as HTMLElement)) return;
    if (!window.confirm(t(this.locale, 'table.discardField'))) event.preventDefault();
  }

  private closeFieldEditor(): void {
    this.discardConfirmed = false;
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.fields')?.close();
    this.editingField = undefined;
  }

  private async askDeleteField(field: FieldDef): Promise<void> {
    const app = this.app;
    if (!app) return;
    // Field edits live in the designer script, which is loaded: this is asked from its dialog.
    const { formulasReferencing, tf } = await loadDesignerModule();
    const affected = formulasReferencing(app, this.tableId, field.id);
    const warning = affected.length
      ? tf(this.locale, 'edit.deleteWarning', { name: field.name, names: affected.map((a) => a.name).join('、') })
      : '';
    this.closeFieldEditor();
    this.pendingFieldDelete = { field, warning };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.confirm-field')?.showModal();
  }

  private async confirmDeleteField(): Promise<void> {
    const pending = this.pendingFieldDelete;
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.confirm-field')?.close();
    this.pendingFieldDelete = undefined;
    if (!pending || !this.store || !this.app) return;
    try {
      const { deleteField } = await loadDesignerModule();
      await deleteField(this.store, this.app, this.tableId, pending.field.id, { locale: this.locale });
      this.notice = t(this.locale, 'table.fieldDeleted');
    } catch (error) {
      this.notice = (error as Error).message;
      emit(this, 'ltc-error', { code: (error as { code?: string }).code ?? 'field.delete', message: this.notice });
    }
  }

  /** A click on a row, or Enter on it, opens the record (clicks on its buttons do their own thing). */
  private onRowActivate(event: Event, recordId: string): void {
    if (event.composedPath().some((node) => node instanceof HTMLButtonElement || node instanceof HTMLAnchorElement)) return;
    void this.openEditor(recordId);
  }

  /** Every record of the current view (filter, search, sort), once derived values are loaded. */
  private async viewRecords(): Promise<{ table: TableDef; records: RecordData[] } | undefined> {
    const { table, derived } = this;
    if (!table || !derived) return undefined;
    await derived.load();
    const sortField = table.fields.find((field) => field.id === this.sortBy);
    return { table, records: this.orderedInMemory(derived, table, sortField) };
  }

  /**
   * The current view as a CSV file Excel opens (UTF-8 with BOM, CRLF, headers in the UI
   * language, the formula-injection guard; docs/csv.md): its filter, search and sort, every
   * column but the lists of linked records, computed values included.
   */
  async exportCsv(): Promise<string> {
    const view = await this.viewRecords();
    if (!view) return '';
    const { table, records } = view;
    const derived = this.derived;
    const fields = table.fields.filter((field) => !isInverseLink(field)).map((field) => field.id);
    const rows = records.map((record) => ({ values: { ...record.values, ...(derived?.get(table.id, record.id) ?? {}) } }));
    const text = recordsToCsv(table, rows, { locale: this.locale, fields, recordLabel: (tableId, id) => derived?.label(tableId, id) });
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${labelOf(table, this.locale)}-${new Date().toISOString().slice(0, 10)}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.notice = t(this.locale, 'table.csvExported', { count: records.length });
    return text;
  }

  /** Ask before deleting every record of the current view (all of the table without a filter). */
  private async askDeleteShown(): Promise<void> {
    const view = await this.viewRecords();
    if (!view || view.records.length === 0) return;
    this.pendingBulk = view.records.map((record) => record.id);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.confirm-bulk')?.showModal();
  }

  /** Deletes the records the confirmation named, in one transaction; Undo is then offered. */
  async deleteShown(): Promise<number> {
    const ids = this.pendingBulk;
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.confirm-bulk')?.close();
    this.pendingBulk = undefined;
    const { store, app, table } = this;
    if (!ids || !store || !app || !table) return 0;
    try {
      const deleted = await deleteRecords(store, app, { [table.id]: ids });
      this.undoable = deleted.count ? deleted : undefined;
      this.notice = t(this.locale, 'table.bulkDeleted', { count: deleted.count });
      return deleted.count;
    } catch (error) {
      this.notice = errorMessage(error, this.locale);
      emit(this, 'ltc-error', { code: (error as { code?: string }).code ?? 'table.bulkDelete', message: this.notice });
      return 0;
    }
  }

  /** Brings back the records of the last bulk delete (same ids, values and versions). */
  async undoDelete(): Promise<number> {
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

  private renderCell(record: RecordData, field: FieldDef) {
    const widget = widgetFor(field);
    const value = this.cellValue(record, field);
    const error = formulaErrorCode(value);
    let text: string;
    if (isInverseLink(field)) {
      const count = Array.isArray(value) ? value.length : 0;
      text = this.derived?.ready ? String(count) : '…';
    } else {
      text = widget.format(typeof value === 'string' ? boundedText(value, FORMAT_LIMIT) : value, field, {
        locale: this.locale,
        recordLabel: (tableId, id) => this.derived?.label(tableId, id),
      });
      if (isDerivedField(field) && !this.derived?.ready) text = '…';
    }
    const message = error ? cellErrorMessage(value, this.locale) : undefined;
    const align = isInverseLink(field) ? 'end' : (widget.align ?? 'start');
    // A 20 MB text laid out in a cell (and its tooltip) freezes the page for many seconds:
    // show a bounded prefix; the form's input still holds the whole value.
    const shown = boundedText(text);
    const content =
      widget.renderCell && !error && text && shown === text ? widget.renderCell(value, field, { locale: this.locale }) : shown;
    return html`<td class="${align} ${error ? 'error' : ''}" title=${boundedText(message ?? text)}>${content}</td>`;
  }

  override render() {
    const table = this.table;
    const locale = this.locale;
    if (!table) return html`<p class="status">${t(locale, 'app.loading')}</p>`;
    const from = this.total === 0 ? 0 : this.page * this.pageSize + 1;
    const to = Math.min(this.total, (this.page + 1) * this.pageSize);
    const pages = Math.max(1, Math.ceil(this.total / this.pageSize));
    const tableName = labelOf(table, locale);
    return html`
      <div class="toolbar" part="toolbar">
        <h2 id="caption">${tableName}</h2>
        <span class="count">${t(locale, 'table.records', { count: this.total })}</span>
        ${this.derived && !this.derived.ready ? html`<span class="status">${t(locale, 'table.computing')}</span>` : nothing}
        <span class="spacer"></span>
        <span class="status" role="status" aria-live="polite"
          >${this.notice}${this.undoable ? html` <button class="undo" @click=${() => void this.undoDelete()}>${t(locale, 'app.undo')}</button>` : nothing}</span
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
        <button class="export-csv" ?disabled=${this.total === 0} @click=${() => void this.exportCsv()}>${t(locale, 'table.exportCsv')}</button>
        <button class="delete-shown danger" ?disabled=${this.total === 0} @click=${() => void this.askDeleteShown()}>
          ${t(locale, this.search.trim() || this.filterCount > 0 ? 'table.deleteShown' : 'table.deleteAll', { count: this.total })}
        </button>
        <button class="add-field" @click=${() => this.openFieldEditor('')}>＋ ${t(locale, 'table.addField')}</button>
        <button class="primary add" @click=${() => this.openEditor('')}>＋ ${t(locale, 'table.add')}</button>
      </div>
      <div class="scroller">
        <table part="table" aria-labelledby="caption" aria-rowcount=${this.total + 1}>
          <thead>
            <tr>
              ${table.fields.map((field) => {
                const sorted = this.sortBy === field.id;
                const widget = widgetFor(field);
                const align = isInverseLink(field) ? 'end' : widget.align ?? 'start';
                return html`<th
                  scope="col"
                  class=${align}
                  aria-sort=${sorted ? (this.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                >
                  <button
                    class="sort"
                    data-field=${field.id}
                    title=${t(locale, 'table.sortBy', { name: labelOf(field, locale) })}
                    @click=${() => this.toggleSort(field)}
                  >
                    ${labelOf(field, locale)}<span class="arrow" aria-hidden="true">${sorted ? (this.direction === 'asc' ? '▲' : '▼') : '↕'}</span>
                  </button>
                  <button
                    class="edit-field"
                    data-field=${field.id}
                    aria-label=${t(locale, 'table.editField', { name: labelOf(field, locale) })}
                    title=${t(locale, 'table.editField', { name: labelOf(field, locale) })}
                    @click=${() => this.openFieldEditor(field.id)}
                  >
                    <span aria-hidden="true">⋯</span>
                  </button>
                </th>`;
              })}
              <th scope="col">${t(locale, 'table.actions')}</th>
            </tr>
          </thead>
          <tbody>
            ${this.rows.length === 0
              ? html`<tr>
                  <td colspan=${table.fields.length + 1} class="status">${this.loading ? t(locale, 'table.loading') : t(locale, 'table.empty')}</td>
                </tr>`
              : this.rows.map(
                  (record, index) => html`<tr
                    data-id=${record.id}
                    class=${record.id === this.highlightId ? 'just-saved' : ''}
                    tabindex="0"
                    aria-rowindex=${this.page * this.pageSize + index + 2}
                    @click=${(event: Event) => this.onRowActivate(event, record.id)}
                    @keydown=${(event: KeyboardEvent) => {
                      if (event.key !== 'Enter' || event.target !== event.currentTarget) return;
                      // Without this, the same Enter would go on to submit the form the dialog opens with.
                      event.preventDefault();
                      this.onRowActivate(event, record.id);
                    }}
                  >
                    ${table.fields.map((field) => this.renderCell(record, field))}
                    <td class="actions">
                      <button class="edit" @click=${() => this.openEditor(record.id)} aria-label="${t(locale, 'table.edit')} ${this.derived?.label(table.id, record.id) ?? String(record.values[table.primaryFieldId] ?? '')}">
                        ${t(locale, 'table.edit')}
                      </button>
                      <button class="delete danger" @click=${() => this.askDelete(record)} aria-label="${t(locale, 'table.delete')} ${String(record.values[table.primaryFieldId] ?? '')}">
                        ${t(locale, 'table.delete')}
                      </button>
                    </td>
                  </tr>`,
                )}
          </tbody>
        </table>
      </div>
      <nav class="pager" part="pager" aria-label=${t(locale, 'table.records', { count: this.total })}>
        <span>${t(locale, 'table.range', { from, to, count: this.total })}</span>
        <button class="prev" ?disabled=${this.page === 0} @click=${() => (this.page -= 1)}>‹ ${t(locale, 'table.prev')}</button>
        <span>${this.page + 1} / ${pages}</span>
        <button class="next" ?disabled=${this.page >= pages - 1} @click=${() => (this.page += 1)}>${t(locale, 'table.next')} ›</button>
      </nav>
      <dialog class="editor" part="dialog" aria-labelledby="editor-title" @close=${(e: Event) => this.onDialogClosed(e, () => (this.editing = undefined))}>
        ${this.editing
          ? html`<h3 id="editor-title">${t(locale, this.editing.recordId ? 'form.titleEdit' : 'form.titleNew', { table: tableName })}</h3>
              <ltc-form
                exportparts="form, field, input, actions"
                table-id=${table.id}
                record-id=${this.editing.recordId}
                @ltc-form-submitted=${(event: CustomEvent<{ recordId: string }>) => {
                  this.notice = t(locale, 'form.saved');
                  // A new record is shown where it landed (its page), marked, not left on a page nobody looks at.
                  if (!this.editing?.recordId) this.revealId = event.detail.recordId;
                  this.highlightId = event.detail.recordId;
                  this.closeEditor();
                  void this.refresh();
                }}
                @ltc-form-cancelled=${() => this.closeEditor()}
              ></ltc-form>`
          : nothing}
      </dialog>
      <dialog
        class="fields"
        part="dialog"
        aria-label=${t(locale, this.editingField ? 'table.fieldTitleEdit' : 'table.fieldTitleNew')}
        @keydown=${{ handleEvent: (e: KeyboardEvent) => this.onFieldDialogKeydown(e), capture: true }}
        @cancel=${this.onFieldDialogCancel}
        @close=${(e: Event) => this.onDialogClosed(e, () => (this.editingField = undefined))}
      >
        ${this.editingField !== undefined
          ? html`<ltc-field-editor
                table-id=${table.id}
                field-id=${this.editingField}
                @ltc-field-saved=${() => {
                  this.notice = t(locale, 'table.fieldSaved');
                  this.closeFieldEditor();
                }}
                @ltc-field-cancelled=${() => this.closeFieldEditor()}
              ></ltc-field-editor>
              ${this.editingField && this.editingField !== table.primaryFieldId
                ? html`<div class="field-danger">
                    <button
                      class="delete-field danger"
                      @click=${() => {
                        const field = table.fields.find((f) => f.id === this.editingField);
                        if (field) void this.askDeleteField(field);
                      }}
                    >
                      ${t(locale, 'table.deleteField')}
                    </button>
                  </div>`
                : nothing}`
          : nothing}
      </dialog>
      <dialog class="filter" part="dialog" aria-label=${t(locale, 'table.filter')} @close=${(e: Event) => this.onDialogClosed(e, () => (this.filterOpen = false))}>
        ${this.filterOpen
          ? html`<ltc-condition-builder .table=${table} .value=${this.filter ?? true} @ltc-condition-changed=${this.onFilterChanged}></ltc-condition-builder>
              <div class="confirm-actions">
                <button
                  class="clear-filter"
                  ?disabled=${this.filter === undefined}
                  @click=${() => {
                    this.clearFilter();
                    this.renderRoot.querySelector<HTMLDialogElement>('dialog.filter')?.close();
                  }}
                >
                  ${t(locale, 'table.filterClear')}
                </button>
                <button class="filter-done primary" @click=${() => this.renderRoot.querySelector<HTMLDialogElement>('dialog.filter')?.close()}>${t(locale, 'app.close')}</button>
              </div>`
          : nothing}
      </dialog>
      <dialog class="confirm-field" role="alertdialog" aria-labelledby="confirm-field-text" @close=${() => (this.pendingFieldDelete = undefined)}>
        <p id="confirm-field-text">${this.pendingFieldDelete ? t(locale, 'table.deleteFieldConfirm', { name: this.pendingFieldDelete.field.name }) : ''}</p>
        ${this.pendingFieldDelete?.warning ? html`<p class="warning">${this.pendingFieldDelete.warning}</p>` : nothing}
        <div class="confirm-actions">
          <button class="cancel-delete-field" @click=${() => this.renderRoot.querySelector<HTMLDialogElement>('dialog.confirm-field')?.close()} autofocus>
            ${t(locale, 'form.cancel')}
          </button>
          <button class="confirm-delete-field primary" @click=${this.confirmDeleteField}>${t(locale, 'table.deleteField')}</button>
        </div>
      </dialog>
      <dialog class="confirm-bulk" role="alertdialog" aria-labelledby="confirm-bulk-text" @close=${(event: Event) => this.onDialogClosed(event, () => (this.pendingBulk = undefined))}>
        <p id="confirm-bulk-text">${t(locale, 'table.bulkDeleteConfirm', { count: this.pendingBulk?.length ?? 0, table: tableName })}</p>
        <div class="confirm-actions">
          <button class="cancel-bulk" @click=${() => this.renderRoot.querySelector<HTMLDialogElement>('dialog.confirm-bulk')?.close()} autofocus>
            ${t(locale, 'form.cancel')}
          </button>
          <button class="confirm-bulk-delete primary" @click=${() => void this.deleteShown()}>${t(locale, 'table.delete')}</button>
        </div>
      </dialog>
      <dialog class="confirm" role="alertdialog" aria-labelledby="confirm-text" @close=${() => (this.pendingDelete = undefined)}>
        <p id="confirm-text">${t(locale, 'table.deleteConfirm')}</p>
        <div class="confirm-actions">
          <button class="cancel-delete" @click=${() => this.renderRoot.querySelector<HTMLDialogElement>('dialog.confirm')?.close()} autofocus>
            ${t(locale, 'form.cancel')}
          </button>
          <button class="confirm-delete primary" @click=${this.confirmDelete}>${t(locale, 'table.delete')}</button>
        </div>
      </dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ltc-table': LtcTable;
  }
}
