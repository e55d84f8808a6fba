/**
 * `<ltc-view-bar>`: the tabs of a table's saved views above its grid — "全部记录 / All
 * records" (the table as it is, always first) and then the views in their stored order.
 * Choosing a tab dispatches `ltc-view-select`; the grid renders that view. When the view the
 * grid shows (`current`, kept up to date by the host from `ltc-view-change`) differs from the
 * saved one, the bar marks it modified and offers Save, Save as new view and Reset. A saved
 * view can be renamed inline, deleted (after a confirmation) and moved: Alt+← / Alt+→ on its
 * tab, or dragged with the pointer.
 *
 * Every edit goes through src/runtime/views.ts: one store write based on the app version the
 * bar was showing, so a change made meanwhile in another tab is refused with a translated
 * message instead of being overwritten. Keyboard: the ARIA tabs pattern (←/→, Home/End move
 * between tabs, Enter or Space chooses), F2 renames, Delete asks to delete. The tab strip
 * scrolls sideways on narrow screens. Loaded with the designer script (src/designer.ts).
 *
 * @summary Tabs of a table's saved views, with save, rename, delete and reorder.
 * @event ltc-view-select - A view was chosen (or saved as new, or reset). `detail: { tableId, viewId, view }`; `viewId` is '' for All records.
 * @csspart tabs - The tab strip.
 * @csspart tab - One tab.
 */
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { AppDef, Locale, TableDef, ViewDef } from '../core/schema/types.js';
import type { Store } from '../store/types.js';
import { sameView } from '../core/schema/view-fields.js';
import { ViewEditError, createView, deleteView, renameView, reorderViews, saveView } from '../runtime/views.js';
import { errorMessage, labelOf } from '../i18n/index.js';
import { tv } from '../i18n/views-ui.js';
import { appContext, localeContext, storeContext } from './context.js';
import { baseStyles } from './styles.js';

/** What `ltc-view-select` carries. */
export interface ViewSelectDetail {
  tableId: string;
  /** The chosen view's id; '' for All records. */
  viewId: string;
  /** The view to show (a copy): the saved view, or All records' empty view. */
  view: ViewDef;
}

/** What a view shows, without what names it: the "modified" marker compares only this. */
function content(view: ViewDef): ViewDef {
  const { labels: _labels, ...rest } = view;
  return { ...rest, id: '', name: '' };
}

/** Pixels a pointer must travel before a press on a tab becomes a drag. */
const DRAG_THRESHOLD = 6;

interface TabDrag {
  pointerId: number;
  from: number;
  to: number;
  startX: number;
  moved: boolean;
}

type Mode = { kind: 'rename'; viewId: string } | { kind: 'saveAs' } | { kind: 'delete'; viewId: string } | undefined;

export class LtcViewBar extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        max-width: 100%;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem 0.75rem;
      }
      [role='tablist'] {
        display: flex;
        flex-wrap: nowrap;
        gap: 2px;
        overflow-x: auto;
        max-width: 100%;
        min-width: 0;
        scrollbar-width: thin;
      }
      [role='tab'] {
        white-space: nowrap;
        border-bottom-left-radius: 0;
        border-bottom-right-radius: 0;
        touch-action: pan-x;
      }
      [role='tab'][aria-selected='true'] {
        border-color: var(--_primary);
        box-shadow: inset 0 -2px 0 var(--_primary);
        font-weight: 600;
      }
      [role='tab'].dragging {
        opacity: 0.6;
      }
      [role='tab'].drop-before {
        box-shadow: inset 2px 0 0 var(--_primary);
      }
      [role='tab'].drop-after {
        box-shadow: inset -2px 0 0 var(--_primary);
      }
      .mark {
        color: var(--_primary);
        margin-inline-start: 0.25em;
      }
      .actions,
      form,
      .confirm {
        display: flex;
        flex-wrap: wrap;
        gap: 0.35rem;
        align-items: center;
      }
      .modified {
        color: var(--_muted);
      }
      .error {
        color: var(--_danger);
        margin: 0.25rem 0 0;
        flex-basis: 100%;
      }
      .error:empty {
        display: none;
      }
    `,
  ];

  /** The table whose views these are (with `app` from context). */
  @property({ attribute: 'table-id' }) accessor tableId = '';
  /** The chosen view's id; '' is All records. */
  @property({ attribute: 'view-id' }) accessor viewId = '';
  /**
   * The view as the grid shows it now (the host passes each `ltc-view-change` detail's view).
   * Undefined, or equal to the saved view, means unmodified.
   */
  @property({ attribute: false }) accessor current: ViewDef | undefined;
  /** The UI language; inside `<ltc-app>` the app's locale (from context) is used. */
  @consume({ context: localeContext, subscribe: true }) @property() accessor locale: Locale = 'en';
  /** The app; inside `<ltc-app>` from context. Replaced by the stored app after each edit. */
  @consume({ context: appContext, subscribe: true }) @property({ attribute: false }) accessor app: AppDef | undefined;
  /** Where edits are stored; inside `<ltc-app>` from context. */
  @consume({ context: storeContext, subscribe: true }) @property({ attribute: false }) accessor store: Store | undefined;

  @state() private accessor mode: Mode;
  @state() private accessor error = '';
  @state() private accessor announcement = '';
  @state() private accessor busy = false;
  @state() private accessor drag: TabDrag | undefined;
  /** The tab with tabindex 0 (roving focus), by view id. */
  @state() private accessor focusId: string | undefined;
  /** Set after a drag, so the click that ends it does not also choose the tab. */
  private suppressClick = false;

  private get table(): TableDef | undefined {
    return this.app?.tables.find((t) => t.id === this.tableId);
  }

  /** The table's saved views, in tab order. */
  get views(): ViewDef[] {
    return this.table?.views ?? [];
  }

  /** All records: the table with no saved settings. */
  private defaultView(): ViewDef {
    return { id: '', name: tv(this.locale, 'view.all') };
  }

  /** The saved view the chosen tab stands for (All records when the id is unknown). */
  get selectedView(): ViewDef {
    return this.views.find((v) => v.id === this.viewId) ?? this.defaultView();
  }

  /** Whether the view the grid shows differs from the saved one. */
  get modified(): boolean {
    return this.current !== undefined && !sameView(content(this.current), content(this.selectedView), this.table);
  }

  private viewName(view: ViewDef): string {
    return view.id === '' ? view.name : labelOf(view, this.locale);
  }

  private select(view: ViewDef): void {
    this.viewId = view.id;
    this.current = undefined;
    this.focusId = view.id;
    this.dispatchEvent(new CustomEvent<ViewSelectDetail>('ltc-view-select', { bubbles: true, composed: true, detail: { tableId: this.tableId, viewId: view.id, view: structuredClone(view) } }));
  }

  /** Run one edit: store it, keep the app it stored, or show why it was refused. */
  private async run(edit: (store: Store, app: AppDef) => Promise<{ app: AppDef; view?: ViewDef }>): Promise<{ app: AppDef; view?: ViewDef } | undefined> {
    const store = this.store;
    const app = this.app;
    if (!store || !app || this.busy) return undefined;
    this.busy = true;
    this.error = '';
    try {
      const result = await edit(store, app);
      this.app = result.app;
      return result;
    } catch (error) {
      this.error = error instanceof ViewEditError ? error.message : errorMessage(error, this.locale);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  private async save(): Promise<void> {
    const saved = this.selectedView;
    const current = this.current;
    if (saved.id === '' || !current) return;
    const next: ViewDef = { ...current, id: saved.id, name: saved.name };
    if (saved.labels) next.labels = saved.labels;
    else delete next.labels;
    const result = await this.run((store, app) => saveView(store, app, this.tableId, next, { locale: this.locale }));
    if (!result) return;
    this.current = undefined;
    this.announcement = tv(this.locale, 'view.saved', { name: this.viewName(next) });
  }

  private async saveAs(name: string): Promise<void> {
    const base = this.current ?? this.selectedView;
    const { id: _id, labels: _labels, ...rest } = base;
    const result = await this.run((store, app) => createView(store, app, this.tableId, { ...rest, name }, { locale: this.locale }));
    if (!result?.view) return;
    this.mode = undefined;
    this.announcement = tv(this.locale, 'view.saved', { name: result.view.name });
    this.select(result.view);
  }

  private async rename(viewId: string, name: string): Promise<void> {
    const result = await this.run((store, app) => renameView(store, app, this.tableId, viewId, name, { locale: this.locale }));
    if (!result) return;
    this.mode = undefined;
    this.focusTab(viewId);
  }

  private async removeView(viewId: string): Promise<void> {
    const view = this.views.find((v) => v.id === viewId);
    const result = await this.run((store, app) => deleteView(store, app, this.tableId, viewId, { locale: this.locale }));
    if (!result || !view) return;
    this.mode = undefined;
    this.announcement = tv(this.locale, 'view.deleted', { name: this.viewName(view) });
    if (this.viewId === viewId) this.select(this.defaultView());
    this.focusTab(this.viewId);
  }

  private async move(from: number, to: number, refocus: boolean): Promise<void> {
    const views = this.views;
    if (to < 0 || to >= views.length || from === to) return;
    const ids = views.map((v) => v.id);
    const [moved] = ids.splice(from, 1);
    ids.splice(to, 0, moved!);
    const result = await this.run((store, app) => reorderViews(store, app, this.tableId, ids, { locale: this.locale }));
    if (!result) return;
    const view = views[from]!;
    // Positions count the tabs as the user sees them: All records is the first.
    this.announcement = tv(this.locale, 'view.moved', { name: this.viewName(view), n: to + 2 });
    if (refocus) this.focusTab(view.id);
  }

  private focusTab(viewId: string): void {
    this.focusId = viewId;
    void this.updateComplete.then(() => this.tabs().find((tab) => tab.dataset.viewId === viewId)?.focus());
  }

  private tabs(): HTMLButtonElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  }

  private onTabKey(event: KeyboardEvent, index: number): void {
    const tabs = this.tabs();
    // Index among the saved views (the tab strip's first tab is All records).
    const viewIndex = index - 1;
    if (event.altKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
      event.preventDefault();
      if (viewIndex >= 0) void this.move(viewIndex, viewIndex + (event.key === 'ArrowLeft' ? -1 : 1), true);
      return;
    }
    let target: number | undefined;
    if (event.key === 'ArrowRight') target = (index + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') target = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') target = 0;
    else if (event.key === 'End') target = tabs.length - 1;
    else if (event.key === 'F2' && viewIndex >= 0) {
      event.preventDefault();
      this.mode = { kind: 'rename', viewId: this.views[viewIndex]!.id };
      return;
    } else if (event.key === 'Delete' && viewIndex >= 0) {
      event.preventDefault();
      this.mode = { kind: 'delete', viewId: this.views[viewIndex]!.id };
      return;
    }
    if (target === undefined) return;
    event.preventDefault();
    this.focusTab(tabs[target]!.dataset.viewId ?? '');
  }

  private onTabClick(view: ViewDef): void {
    if (this.suppressClick) {
      this.suppressClick = false;
      return;
    }
    this.select(view);
  }

  private onTabDown(event: PointerEvent, index: number): void {
    if (event.button !== 0) return;
    (event.currentTarget as HTMLElement).setPointerCapture?.(event.pointerId);
    this.drag = { pointerId: event.pointerId, from: index, to: index, startX: event.clientX, moved: false };
  }

  private onTabMove(event: PointerEvent): void {
    const drag = this.drag;
    if (!drag || drag.pointerId !== event.pointerId) return;
    if (!drag.moved && Math.abs(event.clientX - drag.startX) < DRAG_THRESHOLD) return;
    // Saved-view tabs only (All records stays first): the slot left of the first whose middle is right of the pointer.
    const tabs = this.tabs().slice(1);
    let slot = tabs.length;
    for (let i = 0; i < tabs.length; i++) {
      const rect = tabs[i]!.getBoundingClientRect();
      if (event.clientX < rect.left + rect.width / 2) {
        slot = i;
        break;
      }
    }
    const to = slot > drag.from ? slot - 1 : slot;
    this.drag = { ...drag, moved: true, to };
  }

  private onTabUp(event: PointerEvent): void {
    const drag = this.drag;
    if (!drag || drag.pointerId !== event.pointerId) return;
    this.drag = undefined;
    if (!drag.moved) return;
    this.suppressClick = true;
    // The click that ends a drag fires right after pointerup, if at all: forget it soon.
    setTimeout(() => (this.suppressClick = false), 0);
    void this.move(drag.from, drag.to, false);
  }

  private onForm(event: Event): void {
    event.preventDefault();
    const name = (this.renderRoot.querySelector<HTMLInputElement>('input[name="view-name"]')?.value ?? '').trim();
    const mode = this.mode;
    if (mode?.kind === 'rename') void this.rename(mode.viewId, name);
    else if (mode?.kind === 'saveAs') void this.saveAs(name);
  }

  private onFormKey(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    this.cancel();
  }

  private cancel(): void {
    const mode = this.mode;
    this.mode = undefined;
    this.error = '';
    this.focusTab(mode && mode.kind !== 'saveAs' ? mode.viewId : this.viewId);
  }

  private startSaveAs(): void {
    this.mode = { kind: 'saveAs' };
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('input[name="view-name"]')?.select());
  }

  private startRename(viewId: string): void {
    this.mode = { kind: 'rename', viewId };
  }

  /** Keyboard focus moves into the rename field or the delete confirmation when it opens. */
  override updated(): void {
    const target =
      this.mode?.kind === 'rename'
        ? this.renderRoot.querySelector<HTMLInputElement>('input[name="view-name"]')
        : this.mode?.kind === 'delete'
          ? this.renderRoot.querySelector<HTMLButtonElement>('button.confirm-delete')
          : null;
    if (!target || target.dataset.focused) return;
    target.dataset.focused = 'true';
    if (target instanceof HTMLInputElement) target.select();
    else target.focus();
  }

  /** A name for "save as" that no tab has yet: 新视图, 新视图 2, … */
  private freshName(): string {
    const base = tv(this.locale, 'view.newName');
    const names = new Set(this.views.map((v) => this.viewName(v)));
    let name = base;
    for (let n = 2; names.has(name); n++) name = `${base} ${n}`;
    return name;
  }

  override render() {
    const views = [this.defaultView(), ...this.views];
    const selected = this.selectedView;
    const focusId = this.focusId !== undefined && views.some((v) => v.id === this.focusId) ? this.focusId : selected.id;
    const modified = this.modified;
    const drag = this.drag;
    return html`<div class="bar">
      <div role="tablist" part="tabs" aria-label=${tv(this.locale, 'view.tabs')}>
        ${views.map((view, index) => {
          const isSelected = view.id === selected.id;
          const viewIndex = index - 1;
          const dropClass = drag?.moved && drag.to !== drag.from && viewIndex === drag.to ? (drag.to < drag.from ? 'drop-before' : 'drop-after') : '';
          return html`<button
            type="button"
            role="tab"
            part="tab"
            class="${drag?.moved && drag.from === viewIndex ? 'dragging' : ''} ${dropClass}"
            data-view-id=${view.id}
            aria-selected=${isSelected ? 'true' : 'false'}
            tabindex=${view.id === focusId ? '0' : '-1'}
            title=${viewIndex >= 0 ? tv(this.locale, 'view.moveHint') : ''}
            @click=${() => this.onTabClick(view)}
            @keydown=${(e: KeyboardEvent) => this.onTabKey(e, index)}
            @pointerdown=${viewIndex >= 0 ? (e: PointerEvent) => this.onTabDown(e, viewIndex) : nothing}
            @pointermove=${viewIndex >= 0 ? this.onTabMove : nothing}
            @pointerup=${viewIndex >= 0 ? this.onTabUp : nothing}
            @pointercancel=${() => (this.drag = undefined)}
          >
            ${this.viewName(view)}${isSelected && modified
              ? html`<span class="mark" aria-hidden="true">●</span><span class="visually-hidden">(${tv(this.locale, 'view.modified')})</span>`
              : nothing}
          </button>`;
        })}
      </div>
      ${this.renderActions(selected, modified)} ${this.renderMode()}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      <p class="error" role="alert">${this.error}</p>
    </div>`;
  }

  private renderActions(selected: ViewDef, modified: boolean) {
    if (this.mode) return nothing;
    const saved = selected.id !== '';
    const name = this.viewName(selected);
    return html`<div class="actions" role="group" aria-label=${tv(this.locale, 'view.actions', { name })}>
      ${modified
        ? html`<span class="modified" title=${tv(this.locale, 'view.modifiedHint')}>${tv(this.locale, 'view.modified')}</span>
            ${saved ? html`<button type="button" class="primary save" ?disabled=${this.busy} @click=${() => void this.save()}>${tv(this.locale, 'view.save')}</button>` : nothing}
            <button type="button" class="save-as" ?disabled=${this.busy} @click=${() => this.startSaveAs()}>${tv(this.locale, 'view.saveAs')}</button>
            <button type="button" class="reset" @click=${() => this.select(selected)}>${tv(this.locale, 'view.reset')}</button>`
        : nothing}
      ${saved
        ? html`<button type="button" class="rename" @click=${() => this.startRename(selected.id)}>${tv(this.locale, 'view.rename')}</button>
            <button type="button" class="danger delete" @click=${() => (this.mode = { kind: 'delete', viewId: selected.id })}>${tv(this.locale, 'view.delete')}</button>`
        : nothing}
    </div>`;
  }

  private renderMode() {
    const mode = this.mode;
    if (!mode) return nothing;
    if (mode.kind === 'delete') {
      const view = this.views.find((v) => v.id === mode.viewId);
      if (!view) return nothing;
      return html`<div class="confirm" role="group" aria-labelledby="confirm-text" @keydown=${this.onFormKey}>
        <span id="confirm-text">${tv(this.locale, 'view.deleteConfirm', { name: this.viewName(view) })}</span>
        <button type="button" class="danger confirm-delete" ?disabled=${this.busy} @click=${() => void this.removeView(view.id)}>${tv(this.locale, 'view.confirmDelete')}</button>
        <button type="button" class="cancel" @click=${() => this.cancel()}>${tv(this.locale, 'view.cancel')}</button>
      </div>`;
    }
    const initial = mode.kind === 'rename' ? this.viewName(this.views.find((v) => v.id === mode.viewId) ?? this.defaultView()) : this.freshName();
    return html`<form @submit=${this.onForm} @keydown=${this.onFormKey}>
      <label>${tv(this.locale, 'view.renameLabel')} <input name="view-name" required .value=${initial} autocomplete="off" /></label>
      <button type="submit" class="primary" ?disabled=${this.busy}>${tv(this.locale, mode.kind === 'rename' ? 'view.rename' : 'view.save')}</button>
      <button type="button" class="cancel" @click=${() => this.cancel()}>${tv(this.locale, 'view.cancel')}</button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ltc-view-bar': LtcViewBar;
  }
  interface GlobalEventHandlersEventMap {
    'ltc-view-select': CustomEvent<ViewSelectDetail>;
  }
}
