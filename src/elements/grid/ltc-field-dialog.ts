/**
 * `<ltc-field-dialog>`: the table's field dialog — `<ltc-field-editor>` for a new or an
 * existing field, the question before Esc discards unsaved edits, and deleting a field (with
 * the formulas it would break named first). A designer element (src/designer.ts): the table
 * renders it once a user opens a field. It renders into the table's own shadow root (no
 * shadow root of its own), so the table's dialog styles apply and `dialog.fields` and
 * `dialog.confirm-field` are found where they always were.
 *
 * @event ltc-field-notice - `detail: { message }`: a field was saved or deleted (or the delete failed).
 * @summary The table's field dialog: add, edit or delete a field.
 * @event ltc-error - Deleting the field failed. `detail: { code, message }`
 * @property store - The store, from `<ltc-app>` (set it when the element is used on its own).
 * @property app - The app definition, from `<ltc-app>` (set it when the element is used on its own).
 * @property locale - The UI language, `zh-CN` or `en`, from `<ltc-app>` (or set it).
 */
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { appContext, localeContext, storeContext } from '../context.js';
import type { AppDef, FieldDef, Locale, TableDef } from '../../core/schema/types.js';
import type { Store } from '../../store/types.js';
import { t } from '../../i18n/index.js';
import { tg } from '../../i18n/grid-ui.js';
import { deleteField, formulasReferencing } from '../../runtime/app-edits.js';
import { tf } from '../../i18n/formula-ui.js';

declare global {
  interface GlobalEventHandlersEventMap {
    'ltc-field-notice': CustomEvent<{ message: string }>;
  }
}

export class LtcFieldDialog extends LitElement {
  /** The table whose records or fields it changes. */
  @property({ attribute: 'table-id' }) accessor tableId = '';
  @consume({ context: storeContext, subscribe: true }) @state() accessor store: Store | undefined;
  @consume({ context: appContext, subscribe: true }) @state() accessor app: AppDef | undefined;
  @consume({ context: localeContext, subscribe: true }) @state() accessor locale: Locale = 'en';
  /** The field being edited ('' for a new one); undefined while closed. */
  @state() private accessor fieldId: string | undefined;
  @state() private accessor pendingDelete: { field: FieldDef; warning: string } | undefined;
  /** Set when the user already agreed (on Esc's keydown) to discard the field edits. */
  private discardConfirmed = false;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private get table(): TableDef | undefined {
    return this.app?.tables.find((table) => table.id === this.tableId);
  }

  private dialog(name: 'fields' | 'confirm-field'): HTMLDialogElement | null {
    return this.querySelector<HTMLDialogElement>(`dialog.${name}`);
  }

  /** Open the dialog on a field ('' for a new field). */
  async show(fieldId: string): Promise<void> {
    this.fieldId = fieldId;
    await this.updateComplete;
    const dialog = this.dialog('fields');
    if (dialog && !dialog.open) dialog.showModal();
  }

  private notify(message: string): void {
    this.dispatchEvent(new CustomEvent('ltc-field-notice', { detail: { message }, bubbles: true }));
  }

  private editorDirty(): boolean {
    const editor = this.querySelector('dialog.fields ltc-field-editor') as (HTMLElement & { dirty?: boolean }) | null;
    return editor?.dirty === true;
  }

  /**
   * Esc in the field dialog would discard unsaved edits (the field editor cancels on Esc, and
   * so does the dialog): ask first when the editor says it is dirty. Captured on the dialog,
   * before the editor sees the key. Esc while the formula completion list is open is left to
   * the formula editor, which closes the list and stops the key.
   */
  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    const formula = event.composedPath().find((node) => (node as Element).localName === 'ltc-formula-editor') as Element | undefined;
    if (formula?.shadowRoot?.querySelector('[role="listbox"]')) return;
    if (!this.editorDirty()) return;
    if (window.confirm(tg(this.locale, 'table.discardField'))) {
      this.discardConfirmed = true;
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  /** The dialog's own `cancel` (Esc when the editor did not handle it): the same question. */
  private onCancel(event: Event): void {
    const confirmed = this.discardConfirmed;
    this.discardConfirmed = false;
    if (confirmed || !this.editorDirty()) return;
    if (!window.confirm(tg(this.locale, 'table.discardField'))) event.preventDefault();
  }

  private close(): void {
    this.discardConfirmed = false;
    this.dialog('fields')?.close();
    this.fieldId = undefined;
  }

  private async askDelete(field: FieldDef): Promise<void> {
    const { app, table } = this;
    if (!app || !table) return;
    const affected = formulasReferencing(app, table.id, field.id);
    const warning = affected.length ? tf(this.locale, 'edit.deleteWarning', { name: field.name, names: affected.map((a) => a.name).join('、') }) : '';
    this.close();
    this.pendingDelete = { field, warning };
    await this.updateComplete;
    this.dialog('confirm-field')?.showModal();
  }

  private async confirmDelete(): Promise<void> {
    const pending = this.pendingDelete;
    this.dialog('confirm-field')?.close();
    this.pendingDelete = undefined;
    const { store, app, table } = this;
    if (!pending || !store || !app || !table) return;
    try {
      await deleteField(store, app, table.id, pending.field.id, { locale: this.locale });
      this.notify(tg(this.locale, 'table.fieldDeleted'));
    } catch (error) {
      const message = (error as Error).message;
      this.notify(message);
      this.dispatchEvent(new CustomEvent('ltc-error', { detail: { code: (error as { code?: string }).code ?? 'field.delete', message }, bubbles: true, composed: true }));
    }
  }

  override render() {
    const { locale, table, fieldId, pendingDelete } = this;
    if (!table) return nothing;
    return html`<dialog
        class="fields"
        part="dialog"
        aria-label=${tg(locale, fieldId ? 'table.fieldTitleEdit' : 'table.fieldTitleNew')}
        @keydown=${{ handleEvent: (e: KeyboardEvent) => this.onKeydown(e), capture: true }}
        @cancel=${this.onCancel}
        @close=${(e: Event) => {
          // The close event comes a task late: a dialog opened again meanwhile keeps its field.
          if (!(e.currentTarget as HTMLDialogElement).open) this.fieldId = undefined;
        }}
      >
        ${fieldId !== undefined
          ? html`<ltc-field-editor
                table-id=${table.id}
                field-id=${fieldId}
                @ltc-field-saved=${() => {
                  this.notify(tg(locale, 'table.fieldSaved'));
                  this.close();
                }}
                @ltc-field-cancelled=${() => this.close()}
              ></ltc-field-editor>
              ${fieldId && fieldId !== table.primaryFieldId
                ? html`<div class="field-danger">
                    <button
                      class="delete-field danger"
                      @click=${() => {
                        const field = table.fields.find((f) => f.id === fieldId);
                        if (field) void this.askDelete(field);
                      }}
                    >
                      ${tg(locale, 'table.deleteField')}
                    </button>
                  </div>`
                : nothing}`
          : nothing}
      </dialog>
      <dialog class="confirm-field" role="alertdialog" aria-labelledby="confirm-field-text" @close=${() => (this.pendingDelete = undefined)}>
        <p id="confirm-field-text">${pendingDelete ? tg(locale, 'table.deleteFieldConfirm', { name: pendingDelete.field.name }) : ''}</p>
        ${pendingDelete?.warning ? html`<p class="warning">${pendingDelete.warning}</p>` : nothing}
        <div class="confirm-actions">
          <button class="cancel-delete-field" @click=${() => this.dialog('confirm-field')?.close()} autofocus>${t(locale, 'form.cancel')}</button>
          <button class="confirm-delete-field primary" @click=${() => void this.confirmDelete()}>${tg(locale, 'table.deleteField')}</button>
        </div>
      </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ltc-field-dialog': LtcFieldDialog;
  }
}
