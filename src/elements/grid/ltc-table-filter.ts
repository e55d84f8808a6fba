/**
 * `<ltc-table-filter>`: the table's filter dialog around `<ltc-condition-builder>`, with
 * Clear and Done. A designer element (src/designer.ts) rendered into the table's own shadow
 * root, so `dialog.filter` is found where it always was; the builder's
 * `ltc-condition-changed` bubbles to the table, which applies the filter.
 *
 * @event ltc-filter-clear - The user cleared the filter (the dialog closes).
 * @summary The table's filter dialog around the condition builder.
 * @property app - The app definition, from `<ltc-app>` (set it when the element is used on its own).
 * @property locale - The UI language, `zh-CN` or `en`, from `<ltc-app>` (or set it).
 */
import { LitElement, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { AppDef, Locale } from '../../core/schema/types.js';
import type { Logic } from '../../core/logic/index.js';
import { t } from '../../i18n/index.js';
import { appContext, localeContext } from '../context.js';

declare global {
  interface GlobalEventHandlersEventMap {
    'ltc-filter-clear': CustomEvent<Record<string, never>>;
  }
}

export class LtcTableFilter extends LitElement {
  /** The table filtered. */
  @property({ attribute: 'table-id' }) accessor tableId = '';
  @consume({ context: appContext, subscribe: true }) @state() accessor app: AppDef | undefined;
  @consume({ context: localeContext, subscribe: true }) @state() accessor locale: Locale = 'en';
  /** The filter being edited (`true`: none); undefined while closed. */
  @state() private accessor value: Logic | undefined;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private get dialog(): HTMLDialogElement | null {
    return this.querySelector<HTMLDialogElement>('dialog.filter');
  }

  /** Open the dialog on the table's current filter (`true` for none). */
  async show(value: Logic): Promise<void> {
    this.value = value;
    await this.updateComplete;
    const dialog = this.dialog;
    if (dialog && !dialog.open) dialog.showModal();
  }

  private close(): void {
    this.dialog?.close();
  }

  override render() {
    const { locale, value } = this;
    const table = this.app?.tables.find((candidate) => candidate.id === this.tableId);
    return html`<dialog
      class="filter"
      part="dialog"
      aria-label=${t(locale, 'table.filter')}
      @close=${(e: Event) => {
        // The close event comes a task late: a dialog opened again meanwhile keeps its builder.
        if (!(e.currentTarget as HTMLDialogElement).open) this.value = undefined;
      }}
    >
      ${table && value !== undefined
        ? html`<ltc-condition-builder
              .table=${table}
              .value=${value}
              @ltc-condition-changed=${(e: CustomEvent<{ logic: Logic }>) => (this.value = e.detail.logic)}
            ></ltc-condition-builder>
            <div class="confirm-actions">
              <button
                class="clear-filter"
                ?disabled=${value === true}
                @click=${() => {
                  this.dispatchEvent(new CustomEvent('ltc-filter-clear', { detail: {}, bubbles: true }));
                  this.close();
                }}
              >
                ${t(locale, 'table.filterClear')}
              </button>
              <button class="filter-done primary" @click=${() => this.close()}>${t(locale, 'app.close')}</button>
            </div>`
        : ''}
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ltc-table-filter': LtcTableFilter;
  }
}
