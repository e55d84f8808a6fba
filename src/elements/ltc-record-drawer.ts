/**
 * `<ltc-record-drawer>`: one record opened from a table — a side panel (a modal `<dialog>`
 * on the right, full screen on a phone) with every field editable in place (an `<ltc-form>`
 * in edit mode: it validates and refuses stale writes), the records that point at this one
 * (a customer's orders) as small newest-first tables, and the record's change history as the
 * store wrote it with each change. Clicking a related record opens it here, with a back
 * button. Loads with the designer script; the table shows it in its shadow root and returns
 * focus when it closes.
 *
 * @summary A record's fields, related records and change history.
 * @event ltc-drawer-close - The user closed the drawer (Escape, the close button). The
 *   caller removes it and puts focus back. `detail: { tableId, recordId }` (the record shown)
 * @event ltc-drawer-navigated - The drawer now shows another record (a related record, back,
 *   previous/next). `detail: { tableId, recordId }`
 * @csspart dialog - The `<dialog>`.
 * @csspart header - The title row.
 * @csspart related - One related-records section.
 * @csspart history - The history section.
 * @cssproperty --ltc-drawer-width - Width of the panel (default `min(44rem, 100vw)`).
 * @property store - The store, from `<ltc-app>` (set it when the element is used on its own).
 * @property app - The app definition, from `<ltc-app>` (set it when the element is used on its own).
 * @property locale - The UI language, `zh-CN` or `en`, from `<ltc-app>` (or set it).
 * @property derived - The app's derived values (formulas, rollups, inverse relations), from `<ltc-app>`.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { AppDef, Locale, RecordData, TableDef } from '../core/schema/types.js';
import type { ChangeEvent, FieldChange, HistoryEntry, Store } from '../store/types.js';
import type { DerivedValues } from '../runtime/derived.js';
import { errorMessage, labelOf } from '../i18n/index.js';
import { widgetFor } from '../../widgets/registry.js';
import { td } from '../i18n/drawer-ui.js';
import { appContext, derivedContext, localeContext, storeContext } from './context.js';
import { baseStyles } from './styles.js';
import { StoreController } from './store-controller.js';
import { newestFirst, relatedLists, type RelatedList } from './record-drawer/related.js';
import { formatWhen, originLabel, stageReasonText, ValueFormatter } from './record-drawer/history.js';
import { stageChip } from '../../widgets/stage.js';
import { isLifecycleStage } from '../core/lifecycle/stage.js';

/** Related records shown per section before "show more" adds another page. */
export const RELATED_PAGE = 50;
/** History entries read per page. */
export const HISTORY_PAGE = 20;

/** Which record the drawer shows. */
interface Shown {
  tableId: string;
  recordId: string;
}

export interface DrawerEventDetail {
  tableId: string;
  recordId: string;
}

export class LtcRecordDrawer extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: contents;
      }
      dialog {
        box-sizing: border-box;
        margin: 0 0 0 auto;
        padding: 0;
        width: var(--ltc-drawer-width, min(44rem, 100vw));
        max-width: 100vw;
        height: 100vh;
        max-height: 100vh;
        border: none;
        border-left: 1px solid var(--_border);
        background: var(--_surface);
        color: var(--_text);
        box-shadow: -8px 0 24px rgb(0 0 0 / 0.15);
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.3);
      }
      header {
        position: sticky;
        top: 0;
        z-index: 1;
        display: flex;
        align-items: center;
        gap: 0.5rem;
        padding: 0.6rem 1rem;
        background: var(--_surface);
        border-bottom: 1px solid var(--_border);
      }
      h2 {
        flex: 1;
        margin: 0;
        font-size: 1.15em;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .body {
        display: grid;
        gap: 1.5rem;
        padding: 1rem;
      }
      h3 {
        margin: 0 0 0.5rem;
        font-size: 1em;
      }
      .scroll {
        overflow-x: auto;
      }
      table {
        border-collapse: collapse;
        width: 100%;
        font-variant-numeric: tabular-nums;
      }
      th,
      td {
        text-align: start;
        padding: 0.3rem 0.5rem;
        border-bottom: 1px solid var(--_border);
        white-space: nowrap;
      }
      th {
        color: var(--_muted);
        font-weight: normal;
      }
      tbody tr {
        cursor: pointer;
      }
      tbody tr:hover {
        background: var(--_surface-alt);
      }
      .link {
        border: none;
        background: none;
        padding: 0;
        color: var(--_primary);
        text-decoration: underline;
        cursor: pointer;
      }
      .muted {
        color: var(--_muted);
      }
      ol.history {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.75rem;
      }
      ol.history ul {
        margin: 0.25rem 0 0;
        padding-left: 1.1rem;
      }
      .more {
        margin-top: 0.5rem;
      }
      .chip {
        display: inline-block;
        padding: 0 0.45rem;
        border-radius: 999px;
        background: color-mix(in srgb, var(--chip, currentColor) 16%, transparent);
        border: 1px solid color-mix(in srgb, var(--chip, currentColor) 45%, transparent);
      }
      @media (max-width: 480px) {
        dialog {
          width: 100vw;
          border-left: none;
        }
      }
      @media (prefers-reduced-motion: no-preference) {
        dialog[open] {
          animation: slide-in 0.15s ease-out;
        }
        /* Movement only: a fading drawer would show its text below the contrast it has once in place. */
        @keyframes slide-in {
          from {
            transform: translateX(2rem);
          }
        }
      }
    `,
  ];

  /** The table of the record to show. */
  @property({ attribute: 'table-id' }) accessor tableId = '';
  /** The record to show. */
  @property({ attribute: 'record-id' }) accessor recordId = '';
  /** Record ids of `tableId` in the caller's current order, for previous / next (optional). */
  @property({ attribute: false }) accessor order: string[] = [];

  @consume({ context: storeContext, subscribe: true }) @state() accessor store: Store | undefined;
  @consume({ context: appContext, subscribe: true }) @state() accessor app: AppDef | undefined;
  @consume({ context: localeContext, subscribe: true }) @state() accessor locale: Locale = 'en';
  @consume({ context: derivedContext, subscribe: true }) @state() accessor derived: DerivedValues | undefined;

  /** The record shown now, and the ones a related-record click left (for back). */
  @state() private accessor shown: Shown = { tableId: '', recordId: '' };
  @state() private accessor trail: Shown[] = [];
  /** The shown record as stored (the title falls back to it before derived values load). */
  @state() private accessor record: RecordData | undefined;
  @state() private accessor missing = false;
  @state() private accessor history: HistoryEntry[] | undefined;
  /** True while older history entries may exist. */
  @state() private accessor historyMore = false;
  @state() private accessor error = '';
  /** How many related records each section shows, by inverse field id. */
  @state() private accessor relatedShown: Record<string, number> = {};

  private loadedKey = '';
  /** Newest-first related records, cached per derived revision. */
  private relatedCache = new Map<string, { revision: number; ids: unknown; rows: RecordData[] }>();

  /** Repaint for changes of the shown record (history, title) and of derived values (related lists). */
  protected readonly subscriptions = new StoreController(this, {
    store: () => this.store,
    derived: () => this.derived,
    onStoreChange: (change) => {
      if (this.touchesShown(change)) void this.load(false);
    },
    onDerivedChange: () => this.requestUpdate(),
  });

  /** Closes the drawer as the close button does. */
  close(): void {
    const dialog = this.dialog;
    if (dialog?.open) dialog.close();
    this.dispatchEvent(new CustomEvent<DrawerEventDetail>('ltc-drawer-close', { detail: { ...this.shown }, bubbles: true, composed: true }));
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  private get table(): TableDef | undefined {
    return this.app?.tables.find((t) => t.id === this.shown.tableId);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('tableId') || changed.has('recordId')) {
      this.shown = { tableId: this.tableId, recordId: this.recordId };
      this.trail = [];
    }
    const key = `${this.app?.id}|${this.shown.tableId}|${this.shown.recordId}|${!!this.store}`;
    if (key !== this.loadedKey && this.store && this.app) {
      this.loadedKey = key;
      this.relatedShown = {};
      void this.load(true);
    }
  }

  protected override firstUpdated(): void {
    const dialog = this.dialog;
    if (dialog && !dialog.open && dialog.isConnected) dialog.showModal();
  }

  private touchesShown(change: ChangeEvent): boolean {
    if (change.appId !== this.app?.id) return false;
    if (change.kind === 'app') return true;
    const { tableId, recordId } = this.shown;
    const hit = (r: RecordData) => r.tableId === tableId && r.id === recordId;
    return change.created.some(hit) || change.deleted.some(hit) || change.updated.some((u) => hit(u.record));
  }

  /** Reads the shown record and the newest page of its history (`fresh`: a new record, forget the old one). */
  private async load(fresh: boolean): Promise<void> {
    const { store, app } = this;
    const { tableId, recordId } = this.shown;
    if (!store || !app || !tableId || !recordId) return;
    if (fresh) {
      this.history = undefined;
      this.record = undefined;
    }
    try {
      const wanted = Math.max(HISTORY_PAGE, fresh ? 0 : (this.history?.length ?? 0));
      const [record, history] = await Promise.all([store.getRecord(app.id, tableId, recordId), store.recordHistory(app.id, tableId, recordId, { limit: wanted + 1 })]);
      // A newer navigation started meanwhile: its own load will fill in.
      if (tableId !== this.shown.tableId || recordId !== this.shown.recordId) return;
      this.record = record;
      this.missing = !record;
      this.historyMore = history.length > wanted;
      this.history = history.slice(0, wanted);
      this.error = '';
    } catch (error) {
      this.error = errorMessage(error, this.locale);
    }
  }

  private async loadOlder(): Promise<void> {
    const { store, app, history } = this;
    const last = history?.at(-1);
    if (!store || !app || !last) return;
    const { tableId, recordId } = this.shown;
    try {
      const older = await store.recordHistory(app.id, tableId, recordId, { limit: HISTORY_PAGE + 1, before: last.seq });
      if (tableId !== this.shown.tableId || recordId !== this.shown.recordId) return;
      this.historyMore = older.length > HISTORY_PAGE;
      this.history = [...(this.history ?? []), ...older.slice(0, HISTORY_PAGE)];
    } catch (error) {
      this.error = errorMessage(error, this.locale);
    }
  }

  /** Shows another record: a related one (remembering this one for back), or previous / next. */
  private navigate(next: Shown, remember: boolean): void {
    this.trail = remember ? [...this.trail, this.shown] : this.trail;
    this.shown = next;
    this.dispatchEvent(new CustomEvent<DrawerEventDetail>('ltc-drawer-navigated', { detail: { ...next }, bubbles: true, composed: true }));
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('h2')?.focus());
  }

  private back(): void {
    const previous = this.trail.at(-1);
    if (!previous) return;
    this.trail = this.trail.slice(0, -1);
    this.shown = previous;
    this.dispatchEvent(new CustomEvent<DrawerEventDetail>('ltc-drawer-navigated', { detail: { ...previous }, bubbles: true, composed: true }));
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('h2')?.focus());
  }

  /** Escape: the dialog's own cancel; closed through `close()` so the caller hears of it. */
  private onCancel(event: Event): void {
    event.preventDefault();
    this.close();
  }

  private titleOf(tableId: string, recordId: string): string {
    const table = this.app?.tables.find((t) => t.id === tableId);
    const fromDerived = this.derived?.label(tableId, recordId);
    if (fromDerived) return fromDerived;
    const own = tableId === this.shown.tableId && recordId === this.shown.recordId ? this.record : undefined;
    const value = table && own ? own.values[table.primaryFieldId] : undefined;
    return value === null || value === undefined || value === '' ? recordId : String(value);
  }

  private recordLabel = (tableId: string, id: string): string | undefined => this.derived?.label(tableId, id);

  /** The related records of one inverse relation, newest first (sorted once per derived revision). */
  private relatedRows(list: RelatedList): RecordData[] {
    const derived = this.derived;
    if (!derived?.ready) return [];
    const ids = derived.value(this.shown.tableId, this.shown.recordId, list.field.id);
    const cacheKey = `${this.shown.tableId}|${this.shown.recordId}|${list.field.id}`;
    const cached = this.relatedCache.get(cacheKey);
    if (cached && cached.revision === derived.revision && cached.ids === ids) return cached.rows;
    const records = (Array.isArray(ids) ? ids : []).map((id) => derived.record(list.target.id, String(id))).filter((r): r is RecordData => !!r);
    const rows = newestFirst(records, list.dateField);
    this.relatedCache.set(cacheKey, { revision: derived.revision, ids, rows });
    return rows;
  }

  private renderRelated(list: RelatedList, index: number) {
    const locale = this.locale;
    const rows = this.relatedRows(list);
    const limit = this.relatedShown[list.field.id] ?? RELATED_PAGE;
    const visible = rows.length > limit ? rows.slice(0, limit) : rows;
    const headingId = `related-${index}`;
    const formatter = new ValueFormatter(list.target, locale, this.recordLabel);
    const ready = this.derived?.ready;
    return html`<section part="related" aria-labelledby=${headingId}>
      <h3 id=${headingId}>${td(locale, 'drawer.related', { table: labelOf(list.field, locale), count: ready ? rows.length : '…' })}</h3>
      ${!ready
        ? html`<p class="muted">…</p>`
        : rows.length === 0
          ? html`<p class="muted">${td(locale, 'drawer.relatedNone')}</p>`
          : html`<div class="scroll">
                <table aria-labelledby=${headingId}>
                  <thead>
                    <tr>
                      ${list.columns.map((f) => html`<th scope="col">${labelOf(f, locale)}</th>`)}
                    </tr>
                  </thead>
                  <tbody>
                    ${visible.map((row) => this.renderRelatedRow(list, row, formatter))}
                  </tbody>
                </table>
              </div>
              ${rows.length > visible.length
                ? html`<button
                    type="button"
                    class="more"
                    @click=${() => (this.relatedShown = { ...this.relatedShown, [list.field.id]: limit + RELATED_PAGE })}
                  >
                    ${td(locale, 'drawer.showMore', { count: Math.min(RELATED_PAGE, rows.length - visible.length), total: rows.length })}
                  </button>`
                : nothing}`}
    </section>`;
  }

  private renderRelatedRow(list: RelatedList, row: RecordData, formatter: ValueFormatter) {
    const open = () => this.navigate({ tableId: list.target.id, recordId: row.id }, true);
    const name = this.titleOf(list.target.id, row.id);
    return html`<tr @click=${open}>
      ${list.columns.map((field, i) => {
        const text = formatter.value(field.id, row.values[field.id] ?? null);
        // The first cell is the row's one control: keyboard users reach each record with Tab.
        return i === 0
          ? html`<td>
              <button
                type="button"
                class="link"
                aria-label=${td(this.locale, 'drawer.open', { name })}
                @click=${(e: Event) => {
                  e.stopPropagation();
                  open();
                }}
              >
                ${text}
              </button>
            </td>`
          : html`<td class=${widgetFor(field).align === 'end' ? 'end' : ''}>${text}</td>`;
      })}
    </tr>`;
  }

  private renderHistory(table: TableDef) {
    const locale = this.locale;
    const history = this.history;
    const formatter = new ValueFormatter(table, locale, this.recordLabel);
    return html`<section part="history" aria-labelledby="history-h">
      <h3 id="history-h">${td(locale, 'drawer.history')}</h3>
      ${history === undefined
        ? html`<p class="muted">${td(locale, 'drawer.historyLoading')}</p>`
        : history.length === 0
          ? html`<p class="muted">${td(locale, 'drawer.historyNone')}</p>`
          : html`<ol class="history">
              ${history.map(
                (entry) =>
                  html`<li>
                    <div>
                      <time datetime=${entry.at}>${formatWhen(entry.at)}</time> · ${td(locale, `drawer.kind.${entry.kind}`)} ·
                      ${td(locale, 'drawer.by', { who: originLabel(entry.origin, locale) })}
                    </div>
                    ${entry.changes.length
                      ? html`<ul>
                          ${entry.changes.map((change) => this.renderChange(formatter, entry, change))}
                        </ul>`
                      : nothing}
                  </li>`,
              )}
            </ol>`}
      ${this.historyMore ? html`<button type="button" class="more" @click=${this.loadOlder}>${td(locale, 'drawer.historyOlder')}</button>` : nothing}
    </section>`;
  }

  /** One change of a history entry; a lifecycle stage move as from → to chips with its reason. */
  private renderChange(formatter: ValueFormatter, entry: HistoryEntry, change: FieldChange) {
    const { origin } = entry;
    if (origin.kind !== 'lifecycle' || !isLifecycleStage(change.after)) return html`<li>${formatter.change(change, entry.kind)}</li>`;
    const locale = this.locale;
    return html`<li class="stage-move">
      ${formatter.label(change.fieldId)}:
      ${isLifecycleStage(change.before) ? html`${stageChip(change.before, locale)} → ` : nothing}${stageChip(change.after, locale)}
      <span class="muted">${stageReasonText(origin.reason, change.after, locale)}</span>
    </li>`;
  }

  private renderNavigation() {
    const locale = this.locale;
    const previous = this.trail.at(-1);
    const at = previous || this.shown.tableId !== this.tableId ? -1 : this.order.indexOf(this.shown.recordId);
    const step = (delta: number) => this.navigate({ tableId: this.shown.tableId, recordId: this.order[at + delta] }, false);
    return html`${previous
      ? html`<button type="button" @click=${this.back}>← ${td(locale, 'drawer.back', { name: this.titleOf(previous.tableId, previous.recordId) })}</button>`
      : nothing}
    ${at >= 0
      ? html`<button type="button" ?disabled=${at === 0} @click=${() => step(-1)}>${td(locale, 'drawer.previous')}</button>
          <button type="button" ?disabled=${at >= this.order.length - 1} @click=${() => step(1)}>${td(locale, 'drawer.next')}</button>`
      : nothing}`;
  }

  override render() {
    const locale = this.locale;
    const table = this.table;
    const { tableId, recordId } = this.shown;
    // Related records come from the derived values' relation index; without them there is none to show.
    const lists = table && this.app && this.derived ? relatedLists(table, this.app.tables) : [];
    return html`<dialog part="dialog" aria-labelledby="title" @cancel=${this.onCancel}>
      <header part="header">
        ${this.renderNavigation()}
        <h2 id="title" tabindex="-1">${this.titleOf(tableId, recordId)}</h2>
        <button type="button" aria-label=${td(locale, 'drawer.close')} title=${td(locale, 'drawer.close')} @click=${this.close}>✕</button>
      </header>
      <div class="body">
        ${this.error ? html`<p role="alert">${this.error}</p>` : nothing}
        ${this.missing ? html`<p role="status">${td(locale, 'drawer.missing')}</p>` : nothing}
        ${table && !this.missing
          ? html`<section aria-labelledby="fields-h">
                <h3 id="fields-h">${td(locale, 'drawer.fields')}</h3>
                <ltc-form
                  table-id=${tableId}
                  record-id=${recordId}
                  .store=${this.store}
                  .app=${this.app}
                  .locale=${locale}
                  .derived=${this.derived}
                ></ltc-form>
              </section>
              ${lists.map((list, i) => this.renderRelated(list, i))}`
          : nothing}
        ${table ? this.renderHistory(table) : nothing}
      </div>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ltc-record-drawer': LtcRecordDrawer;
  }
  interface GlobalEventHandlersEventMap {
    'ltc-drawer-close': CustomEvent<DrawerEventDetail>;
    'ltc-drawer-navigated': CustomEvent<DrawerEventDetail>;
  }
}
