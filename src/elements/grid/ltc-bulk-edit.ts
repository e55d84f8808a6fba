/**
 * `<ltc-bulk-edit>`: the table's bulk edit dialog — one field of every selected record set to
 * one value — a designer element (src/designer.ts) the table renders once a user asks for it.
 * It renders into the table's own shadow root (no shadow root of its own), so the table's
 * dialog styles apply and `dialog.bulk-edit` is found where it always was.
 *
 * @event ltc-bulk-done - `detail: GridWrite` (src/elements/grid/table-actions.ts): records
 *   changed, the notice to show, and the Undo of the change.
 * @summary The table's bulk edit dialog: one field of the selected records set to one value.
 * @property store - The store, from `<ltc-app>` (set it when the element is used on its own).
 * @property app - The app definition, from `<ltc-app>` (set it when the element is used on its own).
 * @property locale - The UI language, `zh-CN` or `en`, from `<ltc-app>` (or set it).
 * @property derived - The app's derived values (formulas, rollups, inverse relations), from `<ltc-app>`.
 */
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { appContext, derivedContext, localeContext, storeContext } from '../context.js';
import type { AppDef, CellValue, FieldDef, Locale, RecordData, TableDef } from '../../core/schema/types.js';
import { StaleWriteError, type Mutation, type Store } from '../../store/types.js';
import type { DerivedValues } from '../../runtime/derived.js';
import { errorMessage, labelOf, t } from '../../i18n/index.js';
import { tg } from '../../i18n/grid-ui.js';
import { widgetFor } from '../../../widgets/registry.js';
import { prepareRecordWrite } from '../../runtime/record-writes.js';
import { undoOf, type GridWrite, type RecordUpdate } from './table-actions.js';

/** Records per `store.mutate` of a bulk edit. */
const BATCH = 500;

declare global {
  interface GlobalEventHandlersEventMap {
    'ltc-bulk-done': CustomEvent<GridWrite>;
  }
}

export class LtcBulkEdit extends LitElement {
  /** The table whose records or fields it changes. */
  @property({ attribute: 'table-id' }) accessor tableId = '';
  @consume({ context: storeContext, subscribe: true }) @state() accessor store: Store | undefined;
  @consume({ context: appContext, subscribe: true }) @state() accessor app: AppDef | undefined;
  @consume({ context: derivedContext, subscribe: true }) @state() accessor derived: DerivedValues | undefined;
  @consume({ context: localeContext, subscribe: true }) @state() accessor locale: Locale = 'en';
  /** The fields it may set (the view's editable columns), the first chosen at first. */
  @property({ attribute: false }) accessor fields: FieldDef[] = [];
  /** The selected records. */
  @property({ attribute: false }) accessor ids: ReadonlySet<string> = new Set();
  @state() private accessor fieldId = '';
  @state() private accessor raw: unknown = null;
  @state() private accessor error: string | undefined;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private get table(): TableDef | undefined {
    return this.app?.tables.find((table) => table.id === this.tableId);
  }

  private get dialog(): HTMLDialogElement | null {
    return this.querySelector<HTMLDialogElement>('dialog.bulk-edit');
  }

  /** Open the dialog on the first field. */
  async show(): Promise<void> {
    this.fieldId = this.fields[0]?.id ?? '';
    this.raw = null;
    this.error = undefined;
    await this.updateComplete;
    this.dialog?.showModal();
  }

  /**
   * Set the chosen field of every selected record to the dialog's value: checked as a record
   * write (the first problem keeps the dialog open), then one `store.mutate` per batch of 500;
   * a record changed meanwhile elsewhere is left out of its batch and reported. Returns the
   * number of records changed.
   */
  async apply(): Promise<number> {
    const { store, app, table, derived, fieldId, raw, locale } = this;
    if (!store || !app || !table || !derived || !fieldId) return 0;
    await derived.load();
    const chosen = derived.all(table.id).filter((record) => this.ids.has(record.id));
    const records = (id: string) => derived.all(id);
    const updates: RecordUpdate[] = [];
    for (const record of chosen) {
      const prepared = prepareRecordWrite(app, table.id, { [fieldId]: raw }, { existing: record, locale, records });
      const issue = prepared.errors[0];
      if (issue) {
        this.error = issue.message;
        return 0;
      }
      updates.push({ record, values: prepared.values });
    }
    const done: RecordUpdate[] = [];
    const written: Array<RecordData | undefined> = [];
    let stale = 0;
    let failure = '';
    for (let i = 0; i < updates.length; i += BATCH) {
      let batch = updates.slice(i, i + BATCH);
      while (batch.length) {
        try {
          written.push(...(await store.mutate(app.id, batch.map(({ record, values }): Mutation => ({ type: 'update', tableId: table.id, id: record.id, expectedVersion: record.version, values })))));
          done.push(...batch);
          break;
        } catch (error) {
          if (!(error instanceof StaleWriteError)) {
            failure = errorMessage(error, locale);
            break;
          }
          stale++;
          batch = batch.filter((update) => update.record.id !== error.recordId);
        }
      }
    }
    this.dialog?.close();
    const notice = failure || tg(locale, 'grid.bulkEdited', { count: done.length }) + (stale ? ` ${tg(locale, 'grid.bulkStale', { count: stale })}` : '');
    this.dispatchEvent(new CustomEvent<GridWrite>('ltc-bulk-done', { detail: { count: done.length, notice, ...(done.length ? { undoable: undoOf(store, app, done, written) } : {}) }, bubbles: true }));
    return done.length;
  }

  override render() {
    const { locale, table } = this;
    const field = table?.fields.find((f) => f.id === this.fieldId);
    return html`<dialog class="bulk-edit" part="dialog" aria-labelledby="bulk-title">
      ${field
        ? html`<h3 id="bulk-title">${tg(locale, 'grid.bulkEditTitle', { count: this.ids.size })}</h3>
            <label for="bulk-field">${tg(locale, 'grid.bulkField')}</label>
            <select
              id="bulk-field"
              @change=${(e: Event) => {
                this.fieldId = (e.target as HTMLSelectElement).value;
                this.raw = null;
                this.error = undefined;
              }}
            >
              ${this.fields.map((f) => html`<option value=${f.id} ?selected=${f.id === field.id}>${labelOf(f, locale)}</option>`)}
            </select>
            <label for="bulk-value">${labelOf(field, locale)}</label>
            ${widgetFor(field).renderInput({
              id: 'bulk-value',
              field,
              value: this.raw as CellValue,
              locale,
              invalid: !!this.error,
              describedBy: this.error ? 'bulk-msg' : undefined,
              onInput: (raw) => {
                this.raw = raw;
                this.error = undefined;
              },
            })}
            ${this.error ? html`<p class="warning" id="bulk-msg" role="alert">${this.error}</p>` : nothing}
            <div class="confirm-actions">
              <button class="cancel-bulk-edit" @click=${() => this.dialog?.close()}>${t(locale, 'form.cancel')}</button>
              <button class="apply-bulk-edit primary" @click=${() => void this.apply()}>${tg(locale, 'grid.bulkApply', { count: this.ids.size })}</button>
            </div>`
        : nothing}
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ltc-bulk-edit': LtcBulkEdit;
  }
}
