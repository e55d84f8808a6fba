/**
 * `<ltc-bulk-delete>`: the table's question before deleting records in bulk (the selected
 * ones, or every record the view shows), and the delete itself in one transaction
 * (`deleteRecords`, src/runtime/record-deletes.ts), with Undo. A designer element
 * (src/designer.ts) rendered into the table's own shadow root, so `dialog.confirm-bulk` is
 * found where it always was.
 *
 * @event ltc-bulk-deleted - `detail: GridWrite` (src/elements/grid/table-actions.ts): records
 *   deleted, the notice to show, and the Undo of the delete.
 * @summary The table's bulk delete question and the delete, with Undo.
 * @event ltc-error - The delete failed. `detail: { code, message }`
 * @property store - The store, from `<ltc-app>` (set it when the element is used on its own).
 * @property app - The app definition, from `<ltc-app>` (set it when the element is used on its own).
 * @property locale - The UI language, `zh-CN` or `en`, from `<ltc-app>` (or set it).
 */
import { LitElement, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { AppDef, Locale } from '../../core/schema/types.js';
import type { Store } from '../../store/types.js';
import { errorMessage, labelOf, t } from '../../i18n/index.js';
import { tg } from '../../i18n/grid-ui.js';
import { deleteRecords } from '../../runtime/record-deletes.js';
import { appContext, localeContext, storeContext } from '../context.js';
import type { GridWrite } from './table-actions.js';

declare global {
  interface GlobalEventHandlersEventMap {
    'ltc-bulk-deleted': CustomEvent<GridWrite>;
  }
}

export class LtcBulkDelete extends LitElement {
  /** The table of the records. */
  @property({ attribute: 'table-id' }) accessor tableId = '';
  @consume({ context: storeContext, subscribe: true }) @state() accessor store: Store | undefined;
  @consume({ context: appContext, subscribe: true }) @state() accessor app: AppDef | undefined;
  @consume({ context: localeContext, subscribe: true }) @state() accessor locale: Locale = 'en';
  /** The records the question names. */
  @state() private accessor ids: string[] = [];

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private get dialog(): HTMLDialogElement | null {
    return this.querySelector<HTMLDialogElement>('dialog.confirm-bulk');
  }

  /** Ask before deleting these records. */
  async show(ids: string[]): Promise<void> {
    this.ids = ids;
    await this.updateComplete;
    this.dialog?.showModal();
  }

  /** Deletes the records the question named, in one transaction. Returns how many. */
  async confirm(): Promise<number> {
    const { store, app, ids, locale } = this;
    this.dialog?.close();
    if (!store || !app || !ids.length) return 0;
    let write: GridWrite;
    try {
      const deleted = await deleteRecords(store, app, { [this.tableId]: ids });
      write = { count: deleted.count, notice: tg(locale, 'table.bulkDeleted', { count: deleted.count }), ...(deleted.count ? { undoable: deleted } : {}) };
    } catch (error) {
      write = { count: 0, notice: errorMessage(error, locale) };
      this.dispatchEvent(new CustomEvent('ltc-error', { detail: { code: (error as { code?: string }).code ?? 'table.bulkDelete', message: write.notice }, bubbles: true, composed: true }));
    }
    this.dispatchEvent(new CustomEvent<GridWrite>('ltc-bulk-deleted', { detail: write, bubbles: true }));
    return write.count;
  }

  override render() {
    const { locale } = this;
    const table = this.app?.tables.find((candidate) => candidate.id === this.tableId);
    return html`<dialog class="confirm-bulk" role="alertdialog" aria-labelledby="confirm-bulk-text">
      <p id="confirm-bulk-text">${tg(locale, 'table.bulkDeleteConfirm', { count: this.ids.length, table: table ? labelOf(table, locale) : '' })}</p>
      <div class="confirm-actions">
        <button class="cancel-bulk" @click=${() => this.dialog?.close()} autofocus>${t(locale, 'form.cancel')}</button>
        <button class="confirm-bulk-delete primary" @click=${() => void this.confirm()}>${t(locale, 'table.delete')}</button>
      </div>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ltc-bulk-delete': LtcBulkDelete;
  }
}
