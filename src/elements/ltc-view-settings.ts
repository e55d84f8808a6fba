/**
 * `<ltc-view-settings>`: a panel that edits one saved view (`ViewDef`) of one table — which
 * columns show and in what order, how many stay frozen, the sort levels, the grouping (field,
 * period for dates, sums) and the filter (an embedded `<ltc-condition-builder>`). It changes
 * nothing stored: every change is dispatched as `ltc-view-change` (the event the grid sends
 * when the user sorts or resizes from its header), so the grid shows it at once and
 * `<ltc-view-bar>` marks the view modified until the user saves it.
 *
 * Columns reorder by pointer drag on their handle and by keyboard (Alt+↑ / Alt+↓ on a focused
 * column), each move announced in an aria-live region ("已将「姓名」移到第 2 位"). Which fields
 * sort, group and sum comes from src/core/schema/view-fields.ts, the rules the validator
 * applies. Loaded with the designer script (src/designer.ts).
 *
 * @summary Edit a table view's columns, sort, grouping and filter.
 * @event ltc-view-change - The view changed. `detail: { tableId, view }` (a copy).
 * @csspart columns - The column list.
 * @csspart column - One column of the list.
 * @property app - The app definition, from `<ltc-app>` (set it when the element is used on its own).
 */
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import type { AppDef, FieldDef, Locale, TableDef, ViewDef, ViewGroup, ViewSort } from '../core/schema/types.js';
import {
  VIEW_DATE_PERIODS,
  VIEW_MAX_FROZEN,
  isDateField,
  isGroupableField,
  isSortableField,
  isSummableField,
  toViewColumns,
  viewColumns,
  type ResolvedColumn,
} from '../core/schema/view-fields.js';
import type { ConditionChangedDetail } from './ltc-condition-builder.js';
import { labelOf } from '../i18n/index.js';
import { tv } from '../i18n/views-ui.js';
import { appContext, localeContext } from './context.js';
import { baseStyles } from './styles.js';

/** What `ltc-view-change` carries (the same shape the grid dispatches). */
export interface ViewChangeDetail {
  tableId: string;
  view: ViewDef;
}

/** A column being dragged: its index and where it would land. */
interface ColumnDrag {
  from: number;
  to: number;
  pointerId: number;
}

export class LtcViewSettings extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        max-width: 100%;
      }
      section {
        margin: 0 0 1rem;
      }
      h3 {
        font-size: 1em;
        margin: 0 0 0.4rem;
      }
      .hint {
        color: var(--_muted);
        margin: 0 0 0.4rem;
        font-size: 0.9em;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 2px;
      }
      li.column {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        padding: 0.25rem 0.4rem;
        border: 1px solid transparent;
        border-radius: var(--_radius);
        background: var(--_surface);
      }
      li.column:focus-visible,
      li.column.dragging {
        border-color: var(--_focus);
      }
      li.column.drop-before {
        box-shadow: inset 0 2px 0 var(--_primary);
      }
      li.column.drop-after {
        box-shadow: inset 0 -2px 0 var(--_primary);
      }
      .handle {
        cursor: grab;
        touch-action: none;
        user-select: none;
        color: var(--_muted);
        padding: 0 0.25rem;
      }
      label.show {
        display: flex;
        align-items: center;
        gap: 0.4rem;
        flex: 1;
        min-width: 0;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        align-items: center;
        margin: 0 0 0.35rem;
      }
      .sums {
        border: none;
        margin: 0.4rem 0 0;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.75rem;
      }
      input[type='number'] {
        width: 5em;
      }
    `,
  ];

  /** The view being edited. Changes are dispatched, and kept here, as the user makes them. */
  @property({ attribute: false }) accessor view: ViewDef = { id: '', name: '' };
  /** The table the view belongs to (with `app` from context). */
  @property({ attribute: 'table-id' }) accessor tableId = '';
  /** The table itself, for use without an `<ltc-app>`; wins over `table-id`. */
  @property({ attribute: false }) accessor table: TableDef | undefined;
  /** The UI language; inside `<ltc-app>` the app's locale (from context) is used. */
  @consume({ context: localeContext, subscribe: true }) @property() accessor locale: Locale = 'en';
  @consume({ context: appContext, subscribe: true }) @state() accessor app: AppDef | undefined;

  /** The latest move, read out by the aria-live region. */
  @state() private accessor announcement = '';
  @state() private accessor drag: ColumnDrag | undefined;

  /** The table whose view this is. */
  get currentTable(): TableDef | undefined {
    return this.table ?? this.app?.tables.find((t) => t.id === this.tableId);
  }

  private label(field: FieldDef): string {
    return labelOf(field, this.locale);
  }

  /** Store a change of the view and tell the grid and the view bar. */
  private change(next: ViewDef): void {
    this.view = next;
    const tableId = this.currentTable?.id ?? this.tableId;
    this.dispatchEvent(new CustomEvent<ViewChangeDetail>('ltc-view-change', { bubbles: true, composed: true, detail: { tableId, view: structuredClone(next) } }));
  }

  private columns(): ResolvedColumn[] {
    const table = this.currentTable;
    return table ? viewColumns(table, this.view) : [];
  }

  private setColumns(columns: ResolvedColumn[]): void {
    const next: ViewDef = { ...this.view, columns: toViewColumns(columns) };
    const frozenMax = this.frozenMax(columns);
    if (next.frozen !== undefined && next.frozen > frozenMax) next.frozen = frozenMax;
    this.change(next);
  }

  private toggleColumn(index: number, shown: boolean): void {
    const columns = this.columns();
    columns[index] = { ...columns[index]!, hidden: !shown };
    this.setColumns(columns);
  }

  /** Move a column and announce where it went; keyboard focus stays on it. */
  private moveColumn(from: number, to: number, refocus: boolean): void {
    const columns = this.columns();
    if (to < 0 || to >= columns.length || from === to) return;
    const [moved] = columns.splice(from, 1);
    columns.splice(to, 0, moved!);
    this.setColumns(columns);
    this.announcement = tv(this.locale, 'settings.moved', { name: this.label(moved!.field), n: to + 1 });
    if (refocus) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`li.column[data-field-id="${CSS.escape(moved!.field.id)}"]`)?.focus());
    }
  }

  private onColumnKey(event: KeyboardEvent, index: number): void {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    this.moveColumn(index, index + (event.key === 'ArrowUp' ? -1 : 1), true);
  }

  private onHandleDown(event: PointerEvent, index: number): void {
    if (event.button !== 0) return;
    event.preventDefault();
    (event.currentTarget as HTMLElement).setPointerCapture?.(event.pointerId);
    this.drag = { from: index, to: index, pointerId: event.pointerId };
  }

  /** The index the pointer is over: the first column whose middle is below it. */
  private dropIndex(clientY: number): number {
    const items = [...this.renderRoot.querySelectorAll<HTMLElement>('li.column')];
    for (let i = 0; i < items.length; i++) {
      const rect = items[i]!.getBoundingClientRect();
      if (clientY < rect.top + rect.height / 2) return i;
    }
    return items.length;
  }

  private onHandleMove(event: PointerEvent): void {
    const drag = this.drag;
    if (!drag || event.pointerId !== drag.pointerId) return;
    // A slot between columns, as the index the column takes once removed from its own.
    const slot = this.dropIndex(event.clientY);
    const to = slot > drag.from ? slot - 1 : slot;
    if (to !== drag.to) this.drag = { ...drag, to };
  }

  private onHandleUp(event: PointerEvent): void {
    const drag = this.drag;
    if (!drag || event.pointerId !== drag.pointerId) return;
    this.drag = undefined;
    this.moveColumn(drag.from, drag.to, false);
  }

  private frozenMax(columns: ResolvedColumn[] = this.columns()): number {
    return Math.min(VIEW_MAX_FROZEN, columns.filter((c) => !c.hidden).length);
  }

  private setFrozen(input: HTMLInputElement): void {
    const n = Math.round(Number(input.value));
    if (input.value === '' || !Number.isFinite(n)) return;
    const frozen = Math.max(0, Math.min(this.frozenMax(), n));
    input.value = String(frozen);
    this.change({ ...this.view, frozen });
  }

  private sortable(): FieldDef[] {
    return this.currentTable?.fields.filter(isSortableField) ?? [];
  }

  private setSort(sort: ViewSort[]): void {
    const next: ViewDef = { ...this.view, sort };
    this.change(next);
  }

  private addSort(): void {
    const used = new Set((this.view.sort ?? []).map((s) => s.fieldId));
    const field = this.sortable().find((f) => !used.has(f.id));
    if (field) this.setSort([...(this.view.sort ?? []), { fieldId: field.id, direction: 'asc' }]);
  }

  private updateSort(index: number, patch: Partial<ViewSort>): void {
    this.setSort((this.view.sort ?? []).map((s, i) => (i === index ? { ...s, ...patch } : s)));
  }

  private moveSort(index: number, to: number): void {
    const sort = [...(this.view.sort ?? [])];
    const [moved] = sort.splice(index, 1);
    sort.splice(to, 0, moved!);
    this.setSort(sort);
  }

  private setGroup(group: ViewGroup | undefined): void {
    const next: ViewDef = { ...this.view };
    if (group) next.group = group;
    else delete next.group;
    this.change(next);
  }

  private chooseGroupField(fieldId: string): void {
    const field = this.currentTable?.fields.find((f) => f.id === fieldId);
    if (!field) return this.setGroup(undefined);
    const group: ViewGroup = { fieldId };
    if (isDateField(field)) group.by = this.view.group?.by ?? 'month';
    if (this.view.group?.sums?.length) group.sums = this.view.group.sums;
    this.setGroup(group);
  }

  private toggleSum(fieldId: string, on: boolean): void {
    const group = this.view.group;
    if (!group) return;
    const sums = (group.sums ?? []).filter((id) => id !== fieldId);
    if (on) sums.push(fieldId);
    this.setGroup({ ...group, sums });
  }

  private onFilter(event: CustomEvent<ConditionChangedDetail>): void {
    const next: ViewDef = { ...this.view };
    if (event.detail.logic === true) delete next.filter;
    else next.filter = event.detail.logic;
    this.change(next);
  }

  override render() {
    const table = this.currentTable;
    if (!table) return nothing;
    return html`
      <section aria-labelledby="columns-title">
        <h3 id="columns-title">${tv(this.locale, 'settings.columns')}</h3>
        <p class="hint" id="columns-hint">${tv(this.locale, 'settings.columnsHint')}</p>
        ${this.renderColumns()}
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      </section>
      <section>
        <label class="row">${tv(this.locale, 'settings.frozen')}
          <input type="number" name="frozen" min="0" max=${this.frozenMax()} step="1" .value=${String(this.view.frozen ?? 1)} @change=${(e: Event) => this.setFrozen(e.target as HTMLInputElement)} />
        </label>
      </section>
      ${this.renderSort()} ${this.renderGroup(table)}
      <section aria-labelledby="filter-title">
        <h3 id="filter-title">${tv(this.locale, 'settings.filter')}</h3>
        <ltc-condition-builder .table=${table} .value=${this.view.filter ?? true} locale=${this.locale} @ltc-condition-changed=${this.onFilter}></ltc-condition-builder>
      </section>
    `;
  }

  private renderColumns() {
    const drag = this.drag;
    return html`<ul part="columns" aria-labelledby="columns-title">
      ${repeat(
        this.columns(),
        (c) => c.field.id,
        (c, i) => {
          const name = this.label(c.field);
          const drop = drag && drag.to !== drag.from && i === drag.to ? (drag.to < drag.from ? 'drop-before' : 'drop-after') : '';
          return html`<li
            part="column"
            class="column ${drag?.from === i ? 'dragging' : ''} ${drop}"
            tabindex="0"
            data-field-id=${c.field.id}
            aria-label=${`${name}, ${i + 1}/${this.columns().length}`}
            aria-describedby="columns-hint"
            @keydown=${(e: KeyboardEvent) => this.onColumnKey(e, i)}
          >
            <span
              class="handle"
              aria-hidden="true"
              title=${tv(this.locale, 'settings.dragHandle', { name })}
              @pointerdown=${(e: PointerEvent) => this.onHandleDown(e, i)}
              @pointermove=${this.onHandleMove}
              @pointerup=${this.onHandleUp}
              @pointercancel=${() => (this.drag = undefined)}
              >⠿</span
            >
            <label class="show">
              <input type="checkbox" .checked=${!c.hidden} aria-label=${tv(this.locale, 'settings.show', { name })} @change=${(e: Event) => this.toggleColumn(i, (e.target as HTMLInputElement).checked)} />
              <span>${name}</span>
            </label>
          </li>`;
        },
      )}
    </ul>`;
  }

  private renderSort() {
    const sort = this.view.sort ?? [];
    const fields = this.sortable();
    const used = new Set(sort.map((s) => s.fieldId));
    return html`<section aria-labelledby="sort-title">
      <h3 id="sort-title">${tv(this.locale, 'settings.sort')}</h3>
      ${sort.length === 0 ? html`<p class="hint">${tv(this.locale, 'settings.noSort')}</p>` : nothing}
      ${sort.map((level, i) => {
        const n = i + 1;
        return html`<div class="row sort-level" role="group" aria-label=${tv(this.locale, 'settings.sortLevel', { n })}>
          <select name="sort-field" aria-label=${tv(this.locale, 'settings.sortField', { n })} @change=${(e: Event) => this.updateSort(i, { fieldId: (e.target as HTMLSelectElement).value })}>
            ${fields
              .filter((f) => f.id === level.fieldId || !used.has(f.id))
              .map((f) => html`<option value=${f.id} ?selected=${f.id === level.fieldId}>${this.label(f)}</option>`)}
          </select>
          <select name="sort-direction" aria-label=${tv(this.locale, 'settings.sortDirection', { n })} @change=${(e: Event) => this.updateSort(i, { direction: (e.target as HTMLSelectElement).value === 'desc' ? 'desc' : 'asc' })}>
            <option value="asc" ?selected=${level.direction === 'asc'}>${tv(this.locale, 'settings.asc')}</option>
            <option value="desc" ?selected=${level.direction === 'desc'}>${tv(this.locale, 'settings.desc')}</option>
          </select>
          <button type="button" class="sort-up" aria-label=${tv(this.locale, 'settings.sortUp', { n })} ?disabled=${i === 0} @click=${() => this.moveSort(i, i - 1)}>↑</button>
          <button type="button" class="sort-down" aria-label=${tv(this.locale, 'settings.sortDown', { n })} ?disabled=${i === sort.length - 1} @click=${() => this.moveSort(i, i + 1)}>↓</button>
          <button type="button" class="sort-remove" aria-label=${tv(this.locale, 'settings.removeSort', { n })} @click=${() => this.setSort(sort.filter((_, j) => j !== i))}>×</button>
        </div>`;
      })}
      <button type="button" class="add-sort" ?disabled=${used.size >= fields.length} @click=${this.addSort}>${tv(this.locale, 'settings.addSort')}</button>
    </section>`;
  }

  private renderGroup(table: TableDef) {
    const group = this.view.group;
    const field = group ? table.fields.find((f) => f.id === group.fieldId) : undefined;
    const summable = table.fields.filter(isSummableField);
    return html`<section aria-labelledby="group-title">
      <h3 id="group-title">${tv(this.locale, 'settings.group')}</h3>
      <div class="row">
        <label>${tv(this.locale, 'settings.groupField')}
          <select name="group-field" @change=${(e: Event) => this.chooseGroupField((e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!group}>${tv(this.locale, 'settings.noGroup')}</option>
            ${table.fields.filter(isGroupableField).map((f) => html`<option value=${f.id} ?selected=${f.id === group?.fieldId}>${this.label(f)}</option>`)}
          </select>
        </label>
        ${field && isDateField(field)
          ? html`<label>${tv(this.locale, 'settings.period')}
              <select name="group-by" @change=${(e: Event) => this.setGroup({ ...group!, by: VIEW_DATE_PERIODS.find((p) => p === (e.target as HTMLSelectElement).value) ?? 'month' })}>
                ${VIEW_DATE_PERIODS.map((p) => html`<option value=${p} ?selected=${(group!.by ?? 'month') === p}>${tv(this.locale, `settings.${p}`)}</option>`)}
              </select>
            </label>`
          : nothing}
      </div>
      ${group && summable.length > 0
        ? html`<fieldset class="sums">
            <legend>${tv(this.locale, 'settings.sums')}</legend>
            ${summable.map(
              (f) => html`<label><input type="checkbox" name="sum" value=${f.id} .checked=${group.sums?.includes(f.id) ?? false} @change=${(e: Event) => this.toggleSum(f.id, (e.target as HTMLInputElement).checked)} />${this.label(f)}</label>`,
            )}
          </fieldset>`
        : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ltc-view-settings': LtcViewSettings;
  }
  interface GlobalEventHandlersEventMap {
    'ltc-view-change': CustomEvent<ViewChangeDetail>;
  }
}
