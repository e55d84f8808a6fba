/**
 * The form designer's edits as pure functions on a `FormDef`: insert, move, remove and
 * duplicate items, put two or three side by side in a row (and take them out again), and an
 * undo / redo history of drafts (the default form of a table is `defaultForm` in ./index.ts).
 *
 * Items are addressed by id; a "slot" is a place in reading order (top-level items, the cells
 * of a row one by one), which is what a screen reader announces ("moved to position 3") and
 * what the keyboard moves through. Nothing here knows about the DOM or the store: the element
 * turns gestures into these calls, src/runtime/form-edits.ts stores the result.
 */
import type { FormDef, FormFieldItem, FormHeadingItem, FormItem, FormRowItem, FormTextItem } from './model.js';

/** Most items a row holds side by side. */
export const ROW_MAX = 3;

/** An item that may sit inside a row (headings start sections and stay on their own). */
export type RowCell = FormFieldItem | FormTextItem;

/**
 * Where an item goes: between top-level items (`index` 0 … items.length), or beside an item
 * (on its left or right, making or extending a row).
 */
export type FormDropTarget = { kind: 'between'; index: number } | { kind: 'beside'; targetId: string; side: 'left' | 'right' };

/** Where an item sits: its top-level index, and its cell index when inside a row. */
export interface ItemPlace {
  index: number;
  cell?: number;
  rowId?: string;
}

/** Whether an item may sit in a row. */
export function isRowCell(item: FormItem): item is RowCell {
  return item.kind === 'field' || item.kind === 'text';
}

/** Every item of the form in reading order, rows flattened into their cells. */
export function flatItems(form: FormDef): Array<FormHeadingOrCell> {
  return form.items.flatMap((item) => (item.kind === 'row' ? item.items : [item]));
}

/** A top-level item other than a row, or a row's cell. */
export type FormHeadingOrCell = Exclude<FormItem, FormRowItem>;

/** Where the item with this id sits, or undefined. */
export function findItem(form: FormDef, id: string): ItemPlace | undefined {
  for (let index = 0; index < form.items.length; index++) {
    const item = form.items[index]!;
    if (item.id === id) return { index };
    if (item.kind === 'row') {
      const cell = item.items.findIndex((c) => c.id === id);
      if (cell >= 0) return { index, cell, rowId: item.id };
    }
  }
  return undefined;
}

/** The item with this id (a row's cell included), or undefined. */
export function itemById(form: FormDef, id: string): FormItem | undefined {
  const place = findItem(form, id);
  if (!place) return undefined;
  const top = form.items[place.index]!;
  return place.cell === undefined ? top : (top as FormRowItem).items[place.cell];
}

/** The 1-based position of an item in reading order (what an announcement names). */
export function itemPosition(form: FormDef, id: string): number {
  return flatItems(form).findIndex((item) => item.id === id) + 1;
}

/** The ids of the form's field items, for the field of a table. */
export function itemsOfField(form: FormDef, fieldId: string): string[] {
  return flatItems(form)
    .filter((item) => item.kind === 'field' && item.fieldId === fieldId)
    .map((item) => item.id);
}

/** A row holding one cell is no row: it becomes that cell. */
function normalizeRow(item: FormItem): FormItem | undefined {
  if (item.kind !== 'row') return item;
  if (item.items.length === 0) return undefined;
  if (item.items.length === 1) return item.items[0]!;
  return item;
}

/** The form without the item (a row left with one cell is dissolved), and the item taken out. */
export function takeItem(form: FormDef, id: string): { form: FormDef; item: FormHeadingOrCell } | undefined {
  const place = findItem(form, id);
  if (!place) return undefined;
  const top = form.items[place.index]!;
  if (top.kind === 'row' && place.cell === undefined) return undefined;
  const items = [...form.items];
  let item: FormHeadingOrCell;
  if (place.cell === undefined) {
    item = top as FormHeadingOrCell;
    items.splice(place.index, 1);
  } else {
    const row = top as FormRowItem;
    item = row.items[place.cell]!;
    const rest = normalizeRow({ ...row, items: row.items.filter((c) => c.id !== id) });
    if (rest) items[place.index] = rest;
    else items.splice(place.index, 1);
  }
  return { form: { ...form, items }, item };
}

/** Whether `item` may be dropped at `target` (a row takes at most ROW_MAX cells, no headings). */
export function canDrop(form: FormDef, item: FormItem, target: FormDropTarget): boolean {
  if (target.kind === 'between') return target.index >= 0 && target.index <= form.items.length;
  if (target.targetId === item.id || !isRowCell(item)) return false;
  const place = findItem(form, target.targetId);
  if (!place) return false;
  const top = form.items[place.index]!;
  if (top.kind === 'row') return top.items.some((c) => c.id === item.id) || top.items.length < ROW_MAX;
  return isRowCell(top);
}

/**
 * The form with a new item (not yet in it) placed at `target`. An item that cannot go beside
 * its target (a heading, a full row) goes after the target instead.
 */
export function insertItem(form: FormDef, item: FormHeadingOrCell, target: FormDropTarget, newRowId: () => string): FormDef {
  const items = [...form.items];
  if (target.kind === 'between') {
    items.splice(Math.max(0, Math.min(target.index, items.length)), 0, item);
    return { ...form, items };
  }
  const place = findItem(form, target.targetId);
  if (!place) return { ...form, items: [...items, item] };
  if (!canDrop(form, item, target)) {
    items.splice(place.index + 1, 0, item);
    return { ...form, items };
  }
  const top = items[place.index]!;
  const cell = item as RowCell;
  if (top.kind === 'row') {
    const cells = [...top.items];
    cells.splice((place.cell ?? 0) + (target.side === 'right' ? 1 : 0), 0, cell);
    items[place.index] = { ...top, items: cells };
  } else {
    const other = top as RowCell;
    items[place.index] = { id: newRowId(), kind: 'row', items: target.side === 'right' ? [other, cell] : [cell, other] };
  }
  return { ...form, items };
}

/** The form with an item moved to `target` (unchanged when the item or the target is unknown). */
export function moveItem(form: FormDef, id: string, target: FormDropTarget, newRowId: () => string): FormDef {
  const taken = takeItem(form, id);
  if (!taken) return form;
  if (target.kind === 'between') {
    // The index counts the items as they were, the moved one included.
    const place = findItem(form, id)!;
    const shifted = taken.form.items.length < form.items.length && place.index < target.index;
    const index = shifted ? target.index - 1 : target.index;
    return insertItem(taken.form, taken.item, { kind: 'between', index }, newRowId);
  }
  if (!findItem(taken.form, target.targetId)) return form;
  return insertItem(taken.form, taken.item, target, newRowId);
}

/** The form without the item (a row left with one cell becomes that cell). */
export function removeItem(form: FormDef, id: string): FormDef {
  return takeItem(form, id)?.form ?? form;
}

/** The form with a copy of the item (under `copy.id`) right after it, in its row when there is room. */
export function duplicateItem(form: FormDef, id: string, copy: FormHeadingOrCell, newRowId: () => string): FormDef {
  const place = findItem(form, id);
  if (!place) return form;
  if (place.cell !== undefined) {
    const row = form.items[place.index] as FormRowItem;
    if (row.items.length < ROW_MAX) return insertItem(form, copy, { kind: 'beside', targetId: id, side: 'right' }, newRowId);
  }
  return insertItem(form, copy, { kind: 'between', index: place.index + 1 }, newRowId);
}

/**
 * One keyboard step up or down (Alt+ArrowUp / Alt+ArrowDown): a top-level item swaps with its
 * neighbour (a row counts as one); a row's cell steps out of its row, above or below it.
 * Unchanged at either end.
 */
export function stepItem(form: FormDef, id: string, direction: -1 | 1, newRowId: () => string): FormDef {
  const place = findItem(form, id);
  if (!place) return form;
  if (place.cell !== undefined) {
    return moveItem(form, id, { kind: 'between', index: direction < 0 ? place.index : place.index + 1 }, newRowId);
  }
  const to = place.index + direction;
  if (to < 0 || to >= form.items.length) return form;
  const items = [...form.items];
  [items[place.index], items[to]] = [items[to]!, items[place.index]!];
  return { ...form, items };
}

/**
 * Alt+ArrowRight: the item joins the item before it side by side (its row, when that is a row
 * with room). Alt+ArrowLeft: an item in a row steps out, below the row. Unchanged when it
 * cannot (a heading, nothing before it, a full row, not in a row).
 */
export function shiftItemIntoRow(form: FormDef, id: string, direction: 'in' | 'out', newRowId: () => string): FormDef {
  const place = findItem(form, id);
  if (!place) return form;
  if (direction === 'out') {
    if (place.cell === undefined) return form;
    return moveItem(form, id, { kind: 'between', index: place.index + 1 }, newRowId);
  }
  if (place.cell !== undefined || place.index === 0) return form;
  const before = form.items[place.index - 1]!;
  const targetId = before.kind === 'row' ? before.items[before.items.length - 1]!.id : before.id;
  const item = form.items[place.index]!;
  if (!canDrop(form, item, { kind: 'beside', targetId, side: 'right' })) return form;
  return moveItem(form, id, { kind: 'beside', targetId, side: 'right' }, newRowId);
}

/** A change of an item's own settings (keys of any kind; those set to undefined are removed). */
export type ItemPatch = Partial<Omit<FormFieldItem, 'id' | 'kind'> & Omit<FormHeadingItem, 'id' | 'kind'> & Omit<FormTextItem, 'id' | 'kind'>>;

/** The form with one item changed (`patch` applied); the id and kind stay. */
export function updateItem(form: FormDef, id: string, patch: ItemPatch): FormDef {
  const apply = (item: FormHeadingOrCell): FormHeadingOrCell => {
    if (item.id !== id) return item;
    const next = { ...item, ...patch } as Record<string, unknown>;
    for (const [key, value] of Object.entries(patch)) if (value === undefined) delete next[key];
    return next as unknown as FormHeadingOrCell;
  };
  return {
    ...form,
    items: form.items.map((item) => (item.kind === 'row' ? { ...item, items: item.items.map((c) => apply(c) as RowCell) } : apply(item))),
  };
}

/** The form without the items of a field (its field was archived or deleted). */
export function withoutField(form: FormDef, fieldId: string): FormDef {
  return itemsOfField(form, fieldId).reduce(removeItem, form);
}

// ---------------------------------------------------------------------------------------
// Undo / redo

/** An undo / redo history of drafts: `past` (oldest first), the present, `future` (next first). */
export interface DraftHistory<T> {
  past: T[];
  present: T;
  future: T[];
  /** Most drafts kept behind the present. */
  limit: number;
}

/** A history starting at `present`. */
export function createHistory<T>(present: T, limit = 100): DraftHistory<T> {
  return { past: [], present, future: [], limit };
}

/** The history with a new present; the old one can be undone to, the redo list is dropped. */
export function pushHistory<T>(history: DraftHistory<T>, next: T): DraftHistory<T> {
  if (next === history.present) return history;
  const past = [...history.past, history.present];
  return { ...history, past: past.slice(Math.max(0, past.length - history.limit)), present: next, future: [] };
}

/** One step back (unchanged when there is nothing to undo). */
export function undoHistory<T>(history: DraftHistory<T>): DraftHistory<T> {
  if (history.past.length === 0) return history;
  return { ...history, past: history.past.slice(0, -1), present: history.past[history.past.length - 1]!, future: [history.present, ...history.future] };
}

/** One step forward again (unchanged when there is nothing to redo). */
export function redoHistory<T>(history: DraftHistory<T>): DraftHistory<T> {
  if (history.future.length === 0) return history;
  return { ...history, past: [...history.past, history.present], present: history.future[0]!, future: history.future.slice(1) };
}

/** The history with its present replaced in place (a save's new version), keeping undo and redo. */
export function replacePresent<T>(history: DraftHistory<T>, present: T): DraftHistory<T> {
  return { ...history, present };
}
