/**
 * `<ltc-designer>`: the form designer of a table, in three panes — the palette of widgets on
 * the left, the form on the canvas in the middle, the selected widget's properties on the
 * right (at phone width one pane at a time, with tabs) — and a preview that renders the draft
 * with the forms' own renderer (`<ltc-form-preview>`, an `LtcFormView`) as users fill it.
 *
 * Every gesture has a keyboard path: Enter on a palette entry adds it after the selected item;
 * on a selected item Alt+ArrowUp/Down moves it, Alt+ArrowRight puts it beside the item before
 * it, Alt+ArrowLeft takes it out of its row, Delete removes it, Ctrl+D duplicates it; Ctrl+Z
 * and Ctrl+Shift+Z undo and redo. Pointer drags (mouse, pen, touch) and native drag events
 * drop between items or beside one, with a visible drop indicator. Every move is announced in
 * an aria-live region.
 *
 * Editing the form edits its table (src/runtime/form-edits.ts): each action makes a new draft
 * of the app, kept in an undo history (src/core/forms/edit.ts) and autosaved, debounced, as a
 * versioned write; a change made meanwhile in another tab is reported, never overwritten.
 *
 * @summary Design a table's form: drag or add widgets, arrange them in rows, edit properties.
 * @event ltc-form-saved - The draft was stored. `detail: { app, tableId, formId }`
 * @csspart palette - The palette pane.
 * @csspart canvas - The form pane.
 * @csspart properties - The property pane.
 * @csspart toolbar - The bar with undo, redo, the save state and the preview switch.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { fieldTypeOf } from '../../core/fields/index.js';
import { createId } from '../../core/ids.js';
import { formText } from '../../core/forms/index.js';
import { formSnippet, publishForm } from '../../core/forms/publish.js';
import type { FormFile } from '../../core/forms/model.js';
import { assetUrl } from '../../runtime/assets.js';
import {
  createHistory,
  duplicateItem,
  findItem,
  flatItems,
  itemById,
  itemPosition,
  moveItem,
  pushHistory,
  redoHistory,
  removeItem,
  replacePresent,
  shiftItemIntoRow,
  stepItem,
  undoHistory,
  updateItem,
  type DraftHistory,
  type FormDropTarget,
  type FormHeadingOrCell,
  type ItemPatch,
} from '../../core/forms/edit.js';
import type { FormDef, FormFieldItem, FormItem } from '../../core/forms/model.js';
import type { AppDef, FieldDef, Locale, TableDef } from '../../core/schema/types.js';
import { StaleWriteError, type Store } from '../../store/types.js';
import { FieldEditError } from '../../runtime/app-edits.js';
import {
  addFieldWidget,
  addLayoutWidget,
  archiveField,
  changeFieldType,
  deleteEmptyField,
  editField,
  fieldUsage,
  formToDesign,
  restoreField,
  saveDesign,
  tableIn,
  uniqueFieldName,
  withForm,
  type FieldUsage,
} from '../../runtime/form-edits.js';
import { prepareFieldSave } from '../../runtime/app-edits.js';
import { errorMessage, labelOf } from '../../i18n/index.js';
import { td, type DesignerKey } from '../../i18n/designer-ui.js';
import { appContext, localeContext, storeContext } from '../context.js';
import { baseStyles } from '../styles.js';
import { designerStyles } from './ltc-designer.styles.js';
import { LAYOUT_PREFIX, paletteLabel, renderIcon, renderPalette } from './palette.js';
import { renderProperties } from './properties.js';
import { PointerDrag, dropTargetAt, type DragSource } from './drag.js';

/** Milliseconds of quiet before the draft is stored. */
export const AUTOSAVE_DELAY = 600;

/** The MIME type of a native drag the canvas accepts: JSON `{ kind: 'palette', type }` or `{ kind: 'item', id }`. */
export const DRAG_MIME = 'application/x-ltc-designer';

/** What `ltc-form-saved` carries. */
export interface FormSavedDetail {
  app: AppDef;
  tableId: string;
  formId: string;
}

type SaveState = 'saved' | 'pending' | 'saving' | 'conflict' | 'error';
type Pane = 'palette' | 'canvas' | 'properties';

const newRowId = () => createId('row');

/** The item buttons' glyphs (SVG paths: no icon font, no emoji that a machine may lack). */
const COPY_ICON = 'M8 8h11v11H8zm2 2v7h7v-7zM5 5h11v2H7v9H5z';
const TRASH_ICON = 'M9 3h6l1 2h4v2H4V5h4zM6 9h12l-1 12H7zm3 2v8h2v-8zm4 0v8h2v-8z';

export class LtcDesigner extends LitElement {
  static override styles = [baseStyles, designerStyles];

  /** The app (from `<ltc-app>` when inside one). */
  @consume({ context: appContext, subscribe: true }) @property({ attribute: false }) accessor app: AppDef | undefined;
  /** The store (from `<ltc-app>` when inside one). */
  @consume({ context: storeContext, subscribe: true }) @property({ attribute: false }) accessor store: Store | undefined;
  /** UI language (from `<ltc-app>` when inside one). */
  @consume({ context: localeContext, subscribe: true }) @property() accessor locale: Locale = 'en';
  /** The table whose form is designed. */
  @property({ attribute: 'table-id' }) accessor tableId = '';
  /** The form to design (default: the table's first form, or a new one of its fields). */
  @property({ attribute: 'form-id' }) accessor formId = '';

  /** The drafts: the present one is shown and autosaved. */
  @state() accessor history: DraftHistory<AppDef> | undefined;
  /** The selected item's id. */
  @state() accessor selectedId = '';
  @state() accessor mode: 'design' | 'preview' | 'publish' = 'design';
  /** The endpoint the published form posts to (the snippet's `action`), as typed. */
  @state() private accessor publishAction = '';
  @state() accessor pane: Pane = 'canvas';
  @state() accessor saveState: SaveState = 'saved';
  @state() private accessor saveMessage = '';
  /** The text of the aria-live region. */
  @state() accessor announcement = '';
  @state() private accessor notice = '';
  @state() private accessor fieldError = '';
  @state() private accessor dragging: { source: DragSource; target?: FormDropTarget } | undefined;
  @state() private accessor confirming: { itemId: string; field: FieldDef; usage: FieldUsage } | undefined;

  /** The id of the form being designed (fixed when the draft is made). */
  private currentFormId = '';
  /** The stored version the next save is based on. */
  private savedVersion = 0;
  private loadedKey = '';
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> | undefined;
  /** Set by a finished pointer drag so that the click ending it does not add the entry again. */
  private suppressClick = false;
  private readonly drag = new PointerDrag({
    canvas: () => this.renderRoot.querySelector<HTMLElement>('.canvas-items') ?? undefined,
    onStart: (source) => (this.dragging = { source }),
    onTarget: (target) => (this.dragging = this.dragging && (target ? { ...this.dragging, target } : { source: this.dragging.source })),
    onEnd: (source, target) => {
      this.dragging = undefined;
      this.suppressClick = true;
      setTimeout(() => (this.suppressClick = false));
      if (target) this.dropAt(source, target);
    },
  });

  /** The present draft of the app. */
  get draft(): AppDef | undefined {
    return this.history?.present;
  }

  get table(): TableDef | undefined {
    return this.draft && tableIn(this.draft, this.tableId);
  }

  /** The form as it is in the draft. */
  get form(): FormDef | undefined {
    return this.table?.forms?.find((f) => f.id === this.currentFormId);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.onKeyDown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onKeyDown);
    this.drag.dispose();
    if (this.saveTimer !== undefined) void this.flush();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const key = `${this.app?.id}|${this.tableId}|${this.formId}`;
    if ((changed.has('app') || changed.has('tableId') || changed.has('formId')) && this.app && key !== this.loadedKey && tableIn(this.app, this.tableId)) {
      this.loadedKey = key;
      this.start(this.app);
    }
  }

  /** Start a fresh history from a stored app. */
  private start(app: AppDef): void {
    const table = tableIn(app, this.tableId)!;
    const form = formToDesign(table, this.formId || undefined);
    this.currentFormId = form.id;
    this.savedVersion = app.version;
    this.history = createHistory(table.forms?.some((f) => f.id === form.id) ? app : withForm(app, this.tableId, form));
    this.saveState = 'saved';
    this.saveMessage = '';
    this.selectedId = '';
  }

  // -------------------------------------------------------------------------------------
  // Drafts, autosave, undo

  /** A new draft: kept in the history, announced, autosaved. */
  private commit(next: AppDef, message?: string, selectId?: string): void {
    if (!this.history) return;
    this.history = pushHistory(this.history, next);
    this.fieldError = '';
    if (selectId !== undefined) this.selectedId = selectId;
    if (message) this.announce(message);
    this.scheduleSave();
  }

  private announce(message: string): void {
    // Cleared first, so the same message twice in a row is read twice.
    this.announcement = '';
    void this.updateComplete.then(() => (this.announcement = message));
  }

  private scheduleSave(): void {
    if (this.saveState === 'conflict') return;
    this.saveState = 'pending';
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.flush(), AUTOSAVE_DELAY);
  }

  /** Store the present draft now (waits for a save in flight first). Resolves when stored or refused. */
  async flush(): Promise<void> {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    while (this.saving) await this.saving;
    if (this.saveState !== 'pending' && this.saveState !== 'error') return;
    this.saving = this.save().finally(() => (this.saving = undefined));
    await this.saving;
  }

  private async save(): Promise<void> {
    const draft = this.draft;
    const store = this.store;
    if (!draft || !store) return;
    this.saveState = 'saving';
    try {
      const saved = await saveDesign(store, draft, this.savedVersion);
      this.savedVersion = saved.version;
      if (this.history && this.history.present === draft) {
        this.history = replacePresent(this.history, saved);
        this.saveState = 'saved';
      } else this.scheduleSave();
      this.dispatchEvent(new CustomEvent<FormSavedDetail>('ltc-form-saved', { detail: { app: saved, tableId: this.tableId, formId: this.currentFormId }, bubbles: true, composed: true }));
    } catch (error) {
      if (error instanceof StaleWriteError) {
        this.saveState = 'conflict';
        this.saveMessage = td(this.locale, 'designer.conflict', { actual: error.actualVersion ?? '—' });
      } else {
        this.saveState = 'error';
        this.saveMessage = td(this.locale, 'designer.saveFailed', { message: errorMessage(error, this.locale) });
      }
    }
  }

  /** After a conflict: drop the draft and start again from the stored app. */
  async reload(): Promise<void> {
    const stored = this.store && this.app && (await this.store.getApp(this.app.id));
    if (stored && tableIn(stored, this.tableId)) this.start(stored);
  }

  undo(): void {
    if (!this.history?.past.length) return;
    this.history = undoHistory(this.history);
    this.announce(td(this.locale, 'designer.undone'));
    this.scheduleSave();
  }

  redo(): void {
    if (!this.history?.future.length) return;
    this.history = redoHistory(this.history);
    this.announce(td(this.locale, 'designer.redone'));
    this.scheduleSave();
  }

  // -------------------------------------------------------------------------------------
  // Actions

  private itemName(item: FormItem | undefined): string {
    if (!item) return '';
    if (item.kind === 'field') {
      const field = this.table?.fields.find((f) => f.id === item.fieldId);
      return field ? labelOf(field, this.locale) : item.fieldId;
    }
    if (item.kind === 'heading') return item.title.text || td(this.locale, 'designer.heading');
    if (item.kind === 'text') return td(this.locale, 'designer.text');
    return '';
  }

  /** Where a palette entry added with the keyboard (or a click) goes: after the selected item, else at the end. */
  private afterSelection(form: FormDef): FormDropTarget {
    const place = this.selectedId ? findItem(form, this.selectedId) : undefined;
    return { kind: 'between', index: place ? place.index + 1 : form.items.length };
  }

  /** Add a palette entry at `target` (after the selection when not given). */
  add(type: string, target?: FormDropTarget): void {
    const draft = this.draft;
    const form = this.form;
    if (!draft || !form) return;
    const at = target ?? this.afterSelection(form);
    try {
      const added = type.startsWith(LAYOUT_PREFIX)
        ? addLayoutWidget(draft, this.tableId, form, type.slice(LAYOUT_PREFIX.length) as 'heading' | 'text', at, this.locale)
        : addFieldWidget(draft, this.tableId, form, type, at, this.locale);
      const item = itemById(added.form, added.itemId);
      this.commit(added.app, td(this.locale, 'designer.added', { name: this.nameIn(added.app, item), n: itemPosition(added.form, added.itemId) }), added.itemId);
    } catch (error) {
      if (!(error instanceof FieldEditError)) throw error;
      this.announce(td(this.locale, 'designer.cannotAdd', { name: paletteLabel(type, this.locale), reason: error.message }));
    }
  }

  /** The name of an item as it reads in another draft (a field just added). */
  private nameIn(app: AppDef, item: FormItem | undefined): string {
    if (item?.kind === 'field') {
      const field = tableIn(app, this.tableId)?.fields.find((f) => f.id === item.fieldId);
      if (field) return labelOf(field, this.locale);
    }
    return this.itemName(item);
  }

  /** Put a form change into the draft and announce where the item is now. */
  private arrange(next: FormDef, id: string, key: DesignerKey): void {
    const draft = this.draft;
    const form = this.form;
    if (!draft || !form || next === form || JSON.stringify(next.items) === JSON.stringify(form.items)) return;
    this.commit(withForm(draft, this.tableId, next), td(this.locale, key, { name: this.itemName(itemById(next, id)), n: itemPosition(next, id) }), id);
    void this.focusItem(id);
  }

  move(id: string, target: FormDropTarget): void {
    if (this.form) this.arrange(moveItem(this.form, id, target, newRowId), id, target.kind === 'beside' ? 'designer.joined' : 'designer.moved');
  }

  private dropAt(source: DragSource, target: FormDropTarget): void {
    if (source.kind === 'palette') this.add(source.type, target);
    else this.move(source.id, target);
  }

  /** Duplicate an item; a field item's copy shows a new field, a copy of the field (Jiandaoyun does the same). */
  duplicate(id: string): void {
    const draft = this.draft;
    const form = this.form;
    const table = this.table;
    const item = form && itemById(form, id);
    if (!draft || !form || !table || !item || item.kind === 'row') return;
    const copyId = createId('item');
    let app = draft;
    let copy: FormHeadingOrCell = { ...structuredClone(item), id: copyId };
    if (item.kind === 'field') {
      const field = table.fields.find((f) => f.id === item.fieldId);
      if (!field) return;
      const prepared = prepareFieldSave(draft, this.tableId, { ...structuredClone(field), id: createId('fld'), name: uniqueFieldName(table, field.name) }, { locale: this.locale, mode: 'create' });
      app = prepared.app;
      copy = { ...(copy as FormFieldItem), fieldId: prepared.field.id };
    }
    const next = duplicateItem(form, id, copy, newRowId);
    this.commit(withForm(app, this.tableId, next), td(this.locale, 'designer.duplicated', { name: this.itemName(item), n: itemPosition(next, copyId) }), copyId);
    void this.focusItem(copyId);
  }

  /** Remove an item; a field holding data (or read by formulas) asks first, then is archived. */
  async removeWidget(id: string): Promise<void> {
    const draft = this.draft;
    const form = this.form;
    const item = form && itemById(form, id);
    if (!draft || !form || !item) return;
    const name = this.itemName(item);
    if (item.kind !== 'field') {
      this.commit(withForm(draft, this.tableId, removeItem(form, id)), td(this.locale, 'designer.removed', { name }), '');
      return;
    }
    const field = this.table?.fields.find((f) => f.id === item.fieldId);
    if (!field || !this.store) return;
    const usage = await fieldUsage(this.store, draft, this.tableId, field.id);
    if (usage.records > 0 || usage.formulas.length > 0) {
      this.confirming = { itemId: id, field, usage };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLDialogElement>('dialog.confirm')?.showModal();
      return;
    }
    this.applyRemoval(field, usage);
  }

  private applyRemoval(field: FieldDef, usage: FieldUsage): void {
    const draft = this.draft;
    if (!draft) return;
    try {
      const archive = usage.records > 0;
      const next = archive ? archiveField(draft, this.tableId, field.id, this.locale) : deleteEmptyField(draft, this.tableId, field.id, this.locale);
      this.commit(next, td(this.locale, archive ? 'designer.archived' : 'designer.removed', { name: labelOf(field, this.locale) }), '');
    } catch (error) {
      if (!(error instanceof FieldEditError)) throw error;
      this.announce(error.message);
    }
  }

  private closeConfirm(confirmed: boolean): void {
    const pending = this.confirming;
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.confirm')?.close();
    this.confirming = undefined;
    if (confirmed && pending) this.applyRemoval(pending.field, pending.usage);
  }

  /** Bring an archived field back onto the form (at the end). */
  restore(fieldId: string): void {
    const draft = this.draft;
    const form = this.form;
    const field = this.table?.fields.find((f) => f.id === fieldId);
    if (!draft || !form || !field) return;
    const restored = restoreField(draft, this.tableId, form, fieldId);
    this.commit(restored.app, td(this.locale, 'designer.restored', { name: labelOf(field, this.locale), n: itemPosition(restored.form, restored.itemId) }), restored.itemId);
  }

  private editSelectedItem(patch: ItemPatch): void {
    const draft = this.draft;
    const form = this.form;
    if (!draft || !form || !this.selectedId) return;
    this.commit(withForm(draft, this.tableId, updateItem(form, this.selectedId, patch)));
  }

  private editSelectedField(field: FieldDef): void {
    const draft = this.draft;
    if (!draft) return;
    try {
      this.commit(editField(draft, this.tableId, field, this.locale));
    } catch (error) {
      if (!(error instanceof FieldEditError)) throw error;
      this.fieldError = td(this.locale, 'designer.fieldError', { message: error.message });
    }
  }

  /** Change the selected field's type: stores the draft first, then converts the values in one versioned write. */
  async changeType(fieldId: string, type: string): Promise<void> {
    await this.flush();
    const draft = this.draft;
    if (!draft || !this.store || this.saveState !== 'saved') return;
    const field = this.table?.fields.find((f) => f.id === fieldId);
    try {
      const result = await changeFieldType(this.store, { ...draft, version: this.savedVersion }, this.tableId, fieldId, type, this.locale);
      this.savedVersion = result.app.version;
      this.history = pushHistory(this.history!, result.app);
      const original = result.originalFieldId && tableIn(result.app, this.tableId)?.fields.find((f) => f.id === result.originalFieldId);
      const report = [
        td(this.locale, 'designer.typeChanged', { name: field ? labelOf(field, this.locale) : fieldId, type: fieldTypeOf(type).labels[this.locale], converted: result.converted }),
        original ? td(this.locale, 'designer.typeUnconverted', { count: result.unconverted.length, original: original.name }) : '',
      ].join(' ');
      this.notice = report.trim();
      this.announce(this.notice);
    } catch (error) {
      if (error instanceof FieldEditError) this.fieldError = error.message;
      else if (error instanceof StaleWriteError) {
        this.saveState = 'conflict';
        this.saveMessage = td(this.locale, 'designer.conflict', { actual: error.actualVersion ?? '—' });
      } else this.fieldError = errorMessage(error, this.locale);
    }
  }

  /** A field saved by the nested field editor: its app is the new present (and the saved version). */
  private onFieldSaved(event: CustomEvent<{ app: AppDef }>): void {
    event.stopPropagation();
    if (!this.history) return;
    this.savedVersion = event.detail.app.version;
    this.history = pushHistory(this.history, event.detail.app);
  }

  // -------------------------------------------------------------------------------------
  // Keyboard

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const origin = event.composedPath()[0] as HTMLElement | undefined;
    const editing = origin instanceof HTMLInputElement || origin instanceof HTMLTextAreaElement || origin instanceof HTMLSelectElement || origin?.isContentEditable;
    const mod = event.ctrlKey || event.metaKey;
    if (mod && !editing && (event.key === 'z' || event.key === 'Z' || event.key === 'y')) {
      event.preventDefault();
      if (event.key === 'y' || event.shiftKey) this.redo();
      else this.undo();
    }
  };

  private onItemKeyDown(event: KeyboardEvent, id: string): void {
    const arrow = event.key.startsWith('Arrow');
    if (event.altKey && arrow) {
      event.preventDefault();
      const form = this.form;
      if (!form) return;
      if (event.key === 'ArrowUp' || event.key === 'ArrowDown') this.arrange(stepItem(form, id, event.key === 'ArrowUp' ? -1 : 1, newRowId), id, 'designer.moved');
      else if (event.key === 'ArrowRight') this.arrange(shiftItemIntoRow(form, id, 'in', newRowId), id, 'designer.joined');
      else this.arrange(shiftItemIntoRow(form, id, 'out', newRowId), id, 'designer.left');
    } else if (arrow && (event.key === 'ArrowUp' || event.key === 'ArrowDown') && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      const ids = this.form ? flatItems(this.form).map((item) => item.id) : [];
      const next = ids[ids.indexOf(id) + (event.key === 'ArrowUp' ? -1 : 1)];
      if (next) void this.focusItem(next);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      void this.removeWidget(id);
    } else if ((event.ctrlKey || event.metaKey) && (event.key === 'd' || event.key === 'D')) {
      event.preventDefault();
      this.duplicate(id);
    }
  }

  private async focusItem(id: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`.item-body[data-id="${CSS.escape(id)}"]`)?.focus();
  }

  // -------------------------------------------------------------------------------------
  // Native drag and drop onto the canvas

  private nativeSource(event: DragEvent): DragSource | undefined {
    const raw = event.dataTransfer?.getData(DRAG_MIME);
    if (!raw) return this.dragging?.source;
    try {
      const parsed = JSON.parse(raw) as Partial<{ kind: string; type: string; id: string }>;
      if (parsed.kind === 'palette' && typeof parsed.type === 'string') return { kind: 'palette', type: parsed.type };
      if (parsed.kind === 'item' && typeof parsed.id === 'string') return { kind: 'item', id: parsed.id };
    } catch {
      // Not ours: nothing to drop.
    }
    return undefined;
  }

  private onDragOver(event: DragEvent): void {
    if (!event.dataTransfer?.types.includes(DRAG_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    const canvas = event.currentTarget as HTMLElement;
    const target = dropTargetAt(canvas, event.clientX, event.clientY);
    this.dragging = { source: this.dragging?.source ?? { kind: 'palette', type: '' }, target };
  }

  private onDrop(event: DragEvent): void {
    const source = this.nativeSource(event);
    if (!source) return;
    event.preventDefault();
    const target = dropTargetAt(event.currentTarget as HTMLElement, event.clientX, event.clientY);
    this.dragging = undefined;
    this.dropAt(source, target);
  }

  private onPalettePointerDown(event: PointerEvent, type: string): void {
    this.drag.begin(event, { kind: 'palette', type });
  }

  private onPaletteAdd(type: string): void {
    if (this.suppressClick) return;
    this.add(type);
  }

  // -------------------------------------------------------------------------------------
  // Rendering

  private renderToolbar() {
    const locale = this.locale;
    const state = this.saveState;
    const label = state === 'saved' ? 'designer.saved' : state === 'saving' ? 'designer.saving' : 'designer.unsaved';
    return html`<div class="toolbar" part="toolbar">
      <h2>${td(locale, 'designer.title')}${this.table ? html` · ${labelOf(this.table, locale)}` : nothing}</h2>
      <div class="modes" role="tablist" aria-label=${td(locale, 'designer.modes')}>
        ${(['design', 'preview', 'publish'] as const).map(
          (mode) => html`<button type="button" role="tab" class="mode-${mode}" aria-selected=${String(this.mode === mode)} @click=${() => this.setMode(mode)}>
            ${td(locale, `designer.${mode}`)}
          </button>`,
        )}
      </div>
      <span class="spacer"></span>
      <span class="save-state" data-state=${state}>${td(locale, label)}</span>
      <button type="button" class="undo" ?disabled=${!this.history?.past.length} @click=${() => this.undo()}>${td(locale, 'designer.undo')}</button>
      <button type="button" class="redo" ?disabled=${!this.history?.future.length} @click=${() => this.redo()}>${td(locale, 'designer.redo')}</button>
    </div>`;
  }

  private setMode(mode: 'design' | 'preview' | 'publish'): void {
    this.mode = mode;
  }

  /**
   * Publishing (docs/forms.md "Publishing"): the self-contained form file to host beside
   * dist/ltc-form.js, the snippet to paste, and the fields a visitor cannot fill in, left out.
   */
  private renderPublish(table: TableDef, form: FormDef) {
    const locale = this.locale;
    const { file, issues } = publishForm(this.draft!, table.id, form.id);
    const snippet = formSnippet(file, { scriptUrl: assetUrl('ltc-form.js'), action: this.publishAction.trim() || undefined });
    const nameOf = (fieldId: string) => {
      const field = table.fields.find((f) => f.id === fieldId);
      return field ? labelOf(field, locale) : fieldId;
    };
    return html`<section class="publish" aria-labelledby="publish-title">
      <h3 id="publish-title">${td(locale, 'designer.publishTitle')}</h3>
      <p class="hint">${td(locale, 'designer.publishIntro')}</p>
      ${issues.length
        ? html`<div class="publish-issues" role="note">
            <p>${td(locale, 'designer.publishLeftOut')}</p>
            <ul>
              ${issues.map((issue) => html`<li data-field=${issue.fieldId}>${nameOf(issue.fieldId)}：${td(locale, `designer.why.${issue.code}` as Parameters<typeof td>[1])}</li>`)}
            </ul>
          </div>`
        : nothing}
      <label class="publish-action"
        >${td(locale, 'designer.publishAction')}
        <input type="url" .value=${this.publishAction} placeholder="https://shop.example.com/api/forms/submissions" @input=${(e: Event) => (this.publishAction = (e.target as HTMLInputElement).value)}
      /></label>
      <button type="button" class="download-form" @click=${() => this.downloadFormFile(file)}>${td(locale, 'designer.publishDownload', { file: `${form.id}.form.json` })}</button>
      <label class="publish-snippet">${td(locale, 'designer.publishSnippet')}<textarea readonly rows="3" .value=${snippet}></textarea></label>
    </section>`;
  }

  private downloadFormFile(file: FormFile): void {
    const url = URL.createObjectURL(new Blob([`${JSON.stringify(file, null, 2)}\n`], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${file.form.id}.form.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  private renderPaneTabs() {
    const locale = this.locale;
    return html`<div class="pane-tabs" role="tablist" aria-label=${td(locale, 'designer.panes')}>
      ${(['palette', 'canvas', 'properties'] as const).map(
        (pane) => html`<button type="button" role="tab" class="pane-${pane}" aria-selected=${String(this.pane === pane)} @click=${() => (this.pane = pane)}>
          ${td(locale, `designer.${pane}`)}
        </button>`,
      )}
    </div>`;
  }

  private renderArchived(table: TableDef) {
    const locale = this.locale;
    const archived = table.fields.filter((f) => f.archived);
    return html`<section class="archived" aria-labelledby="archived-title">
      <h3 id="archived-title">${td(locale, 'designer.archivedFields')}</h3>
      ${archived.length === 0
        ? html`<p class="hint">${td(locale, 'designer.noArchived')}</p>`
        : html`<ul>
            ${archived.map(
              (field) => html`<li>
                <span>${labelOf(field, locale)}</span>
                <button type="button" class="restore" data-field=${field.id} aria-label=${td(locale, 'designer.restore', { name: labelOf(field, locale) })} @click=${() => this.restore(field.id)}>
                  ${td(locale, 'designer.restoreShort')}
                </button>
              </li>`,
            )}
          </ul>`}
    </section>`;
  }

  private renderItemBody(item: FormHeadingOrCell) {
    const locale = this.locale;
    if (item.kind === 'heading') return html`<strong class="heading-title">${formText(item.title, locale)}</strong>${item.description ? html`<span class="help">${formText(item.description, locale)}</span>` : nothing}`;
    if (item.kind === 'text') return html`<span class="text-body">${formText(item.text, locale)}</span>`;
    const field = this.table?.fields.find((f) => f.id === item.fieldId);
    const required = item.required || field?.required;
    const fieldName = field ? labelOf(field, locale) : item.fieldId;
    // A label of this form's own shows in place of the field's name, which the meta line keeps.
    const label = item.label ? formText(item.label, locale) : fieldName;
    return html`<span class="item-label">${label}${required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing}</span>
      <span class="mock">${item.placeholder ? formText(item.placeholder, locale) : ''}</span>
      <span class="item-meta">${label !== fieldName ? html`${fieldName} · ` : nothing}${field ? fieldTypeOf(field).labels[locale] : ''}${item.visibleWhen !== undefined ? html` · ${td(locale, 'designer.visibility')}` : nothing}</span>
      ${item.help ? html`<span class="help">${formText(item.help, locale)}</span>` : nothing}`;
  }

  private renderCell(item: FormHeadingOrCell, inRow: boolean) {
    const locale = this.locale;
    const name = this.itemName(item);
    const selected = item.id === this.selectedId;
    const target = this.dragging?.target;
    const side = target?.kind === 'beside' && target.targetId === item.id ? target.side : undefined;
    return html`<div
      class="cell ${selected ? 'selected' : ''} ${side ? `drop-${side}` : ''} kind-${item.kind}"
      data-cell-id=${inRow ? item.id : nothing}
    >
      <div
        class="item-body"
        role="button"
        tabindex="0"
        data-id=${item.id}
        data-name=${name}
        aria-pressed=${String(selected)}
        aria-describedby="canvas-hint"
        @focus=${() => (this.selectedId = item.id)}
        @click=${() => (this.selectedId = item.id)}
        @keydown=${(event: KeyboardEvent) => this.onItemKeyDown(event, item.id)}
        @pointerdown=${(event: PointerEvent) => this.drag.begin(event, { kind: 'item', id: item.id })}
      >
        ${this.renderItemBody(item)}
      </div>
      <div class="item-actions">
        <button type="button" class="duplicate" tabindex=${selected ? 0 : -1} aria-label=${td(locale, 'designer.duplicate', { name })} @click=${() => this.duplicate(item.id)}>${renderIcon(COPY_ICON)}</button>
        <button type="button" class="remove" tabindex=${selected ? 0 : -1} aria-label=${td(locale, 'designer.remove', { name })} @click=${() => void this.removeWidget(item.id)}>${renderIcon(TRASH_ICON)}</button>
      </div>
    </div>`;
  }

  private renderCanvas(form: FormDef) {
    const locale = this.locale;
    const target = this.dragging?.target;
    const line = (index: number) => (target?.kind === 'between' && target.index === index ? html`<div class="drop-line" aria-hidden="true"></div>` : nothing);
    return html`<div class="canvas-items" @dragover=${this.onDragOver} @drop=${this.onDrop} @dragleave=${() => this.dragging && (this.dragging = { source: this.dragging.source })}>
      ${form.items.length === 0 ? html`<p class="empty">${td(locale, 'designer.empty')}</p>` : nothing}
      ${form.items.map(
        (item, index) => html`${line(index)}
          ${item.kind === 'row'
            ? html`<div class="top row" data-index=${index} data-item-id=${item.id}>${item.items.map((cell) => this.renderCell(cell, true))}</div>`
            : html`<div class="top" data-index=${index} data-item-id=${item.id} data-besideable=${String(item.kind !== 'heading')}>${this.renderCell(item, false)}</div>`}`,
      )}
      ${line(form.items.length)}
    </div>`;
  }

  private renderConfirm() {
    const locale = this.locale;
    const pending = this.confirming;
    const name = pending ? labelOf(pending.field, locale) : '';
    const archive = (pending?.usage.records ?? 0) > 0;
    return html`<dialog class="confirm" aria-labelledby="confirm-title" @cancel=${() => this.closeConfirm(false)}>
      ${pending
        ? html`<h3 id="confirm-title">${td(locale, 'designer.confirmTitle', { name })}</h3>
            ${archive ? html`<p>${td(locale, 'designer.confirmData', { count: pending.usage.records })}</p>` : nothing}
            ${pending.usage.formulas.length ? html`<p>${td(locale, 'designer.confirmFormulas', { names: pending.usage.formulas.map((f) => `{${f.name}}`).join(locale === 'zh-CN' ? '、' : ', ') })}</p>` : nothing}
            <div class="dialog-actions">
              <button type="button" class="cancel" autofocus @click=${() => this.closeConfirm(false)}>${td(locale, 'designer.cancel')}</button>
              <button type="button" class="primary confirm-remove" @click=${() => this.closeConfirm(true)}>${td(locale, archive ? 'designer.confirmArchive' : 'designer.confirmDelete')}</button>
            </div>`
        : nothing}
    </dialog>`;
  }

  private renderDesign(table: TableDef, form: FormDef) {
    const locale = this.locale;
    const item = this.selectedId ? itemById(form, this.selectedId) : undefined;
    const selected = item && item.kind !== 'row' ? item : undefined;
    const field = selected?.kind === 'field' ? table.fields.find((f) => f.id === selected.fieldId) : undefined;
    return html`${this.renderPaneTabs()}
      <div class="panes" data-pane=${this.pane}>
        <aside class="pane palette" part="palette" aria-labelledby="palette-title">
          <h2 id="palette-title" class="pane-title">${td(locale, 'designer.palette')}</h2>
          <p id="palette-hint" class="hint">${td(locale, 'designer.addHint')}</p>
          ${renderPalette(locale, (type) => this.onPaletteAdd(type), (event, type) => this.onPalettePointerDown(event, type))} ${this.renderArchived(table)}
        </aside>
        <section class="pane canvas ${this.dragging ? 'dragging' : ''}" part="canvas" aria-labelledby="canvas-title">
          <h2 id="canvas-title" class="pane-title">${labelOf(form, locale)}</h2>
          <p id="canvas-hint" class="hint">${td(locale, 'designer.canvasHint')}</p>
          ${this.renderCanvas(form)}
        </section>
        <aside class="pane properties" part="properties" aria-labelledby="properties-title" @ltc-field-saved=${this.onFieldSaved}>
          <h2 id="properties-title" class="pane-title">${td(locale, 'designer.properties')}</h2>
          ${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}
          ${renderProperties(
            {
              locale,
              table,
              field,
              fieldError: this.fieldError,
              saved: this.saveState === 'saved',
              editItem: (patch) => this.editSelectedItem(patch),
              editField: (next) => this.editSelectedField(next),
              changeType: (type) => field && void this.changeType(field.id, type),
            },
            selected,
          )}
        </aside>
      </div>`;
  }

  override render() {
    const table = this.table;
    const form = this.form;
    const locale = this.locale;
    return html`${this.renderToolbar()}
      ${this.saveState === 'conflict' || this.saveState === 'error'
        ? html`<div class="save-problem" role="alert">
            ${this.saveMessage}
            ${this.saveState === 'conflict' ? html`<button type="button" class="reload" @click=${() => void this.reload()}>${td(locale, 'designer.reload')}</button>` : nothing}
          </div>`
        : nothing}
      ${!table || !form
        ? nothing
        : this.mode === 'preview'
          ? html`<div class="preview"><ltc-form-preview .formDef=${form} .fields=${table.fields} locale=${locale}></ltc-form-preview></div>`
          : this.mode === 'publish'
            ? this.renderPublish(table, form)
            : this.renderDesign(table, form)}
      <div class="live visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${this.renderConfirm()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ltc-designer': LtcDesigner;
  }
  interface GlobalEventHandlersEventMap {
    'ltc-form-saved': CustomEvent<FormSavedDetail>;
  }
}
