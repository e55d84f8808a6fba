/**
 * Dragging in the form designer: where a point on the canvas drops an item (between items, or
 * beside one to make a row), and a pointer-events drag (mouse, pen and touch alike) that
 * reports the target as the pointer moves. Native drag events (HTML5 drag and drop) use the
 * same geometry from the element. Own code rather than a library: the geometry is the small
 * part, and the keyboard path (src/core/forms/edit.ts) stays the same for both.
 */
import type { FormDropTarget } from '../../core/forms/edit.js';

/** What is being dragged: a palette entry (a field type or a layout item) or an item of the form. */
export type DragSource = { kind: 'palette'; type: string } | { kind: 'item'; id: string };

/** The share of an item's width at either edge that drops beside it rather than above or below. */
const EDGE = 0.25;

/** Pixels the pointer travels before a press becomes a drag (a click stays a click). */
const THRESHOLD = 4;

/**
 * The drop target at a point of the canvas. Top-level items carry `data-index`, row cells
 * `data-cell-id`; a point at the left or right edge of an item drops beside it, else above or
 * below it by the item's middle; past the last item, at the end.
 */
export function dropTargetAt(canvas: HTMLElement, x: number, y: number): FormDropTarget {
  const tops = [...canvas.querySelectorAll<HTMLElement>('[data-index]')];
  for (const top of tops) {
    const rect = top.getBoundingClientRect();
    if (y > rect.bottom) continue;
    const index = Number(top.dataset.index);
    if (y < rect.top) return { kind: 'between', index };
    const cells = [...top.querySelectorAll<HTMLElement>('[data-cell-id]')];
    const cell = cells.find((c) => {
      const r = c.getBoundingClientRect();
      return x >= r.left && x <= r.right;
    });
    const besideable = cell ?? (top.dataset.besideable === 'true' ? top : undefined);
    if (besideable) {
      const r = besideable.getBoundingClientRect();
      const id = besideable.dataset.cellId ?? besideable.dataset.itemId!;
      if (x < r.left + r.width * EDGE) return { kind: 'beside', targetId: id, side: 'left' };
      if (x > r.right - r.width * EDGE) return { kind: 'beside', targetId: id, side: 'right' };
    }
    return { kind: 'between', index: y < rect.top + rect.height / 2 ? index : index + 1 };
  }
  return { kind: 'between', index: tops.length };
}

/** What a pointer drag tells its host. */
export interface PointerDragHost {
  /** The canvas element under the shadow root (for `dropTargetAt`), or undefined. */
  canvas(): HTMLElement | undefined;
  /** The drag started (past the threshold). */
  onStart(source: DragSource): void;
  /** The pointer moved: the target under it, or undefined outside the canvas. */
  onTarget(target: FormDropTarget | undefined): void;
  /** Released over the canvas at `target`, or cancelled (`target` undefined). */
  onEnd(source: DragSource, target: FormDropTarget | undefined): void;
}

/**
 * One pointer drag at a time: `begin` on pointerdown; moves past the threshold start it; the
 * target follows the pointer; pointerup drops, pointercancel or Escape cancels. Listens on the
 * window while pressed, so a pointer leaving the designer keeps the drag.
 */
export class PointerDrag {
  private pressed: { source: DragSource; x: number; y: number; pointerId: number; started: boolean } | undefined;

  constructor(private readonly host: PointerDragHost) {}

  /** Whether a drag is in progress (past the threshold). */
  get active(): boolean {
    return this.pressed?.started === true;
  }

  begin(event: PointerEvent, source: DragSource): void {
    if (event.button !== 0 || this.pressed) return;
    this.pressed = { source, x: event.clientX, y: event.clientY, pointerId: event.pointerId, started: false };
    window.addEventListener('pointermove', this.onMove);
    window.addEventListener('pointerup', this.onUp);
    window.addEventListener('pointercancel', this.onCancel);
    window.addEventListener('keydown', this.onKey, true);
  }

  private readonly onMove = (event: PointerEvent): void => {
    const pressed = this.pressed;
    if (!pressed || event.pointerId !== pressed.pointerId) return;
    if (!pressed.started) {
      if (Math.hypot(event.clientX - pressed.x, event.clientY - pressed.y) < THRESHOLD) return;
      pressed.started = true;
      this.host.onStart(pressed.source);
    }
    event.preventDefault();
    this.host.onTarget(this.targetAt(event.clientX, event.clientY));
  };

  private readonly onUp = (event: PointerEvent): void => {
    const pressed = this.pressed;
    if (!pressed || event.pointerId !== pressed.pointerId) return;
    const target = pressed.started ? this.targetAt(event.clientX, event.clientY) : undefined;
    this.finish();
    if (pressed.started) this.host.onEnd(pressed.source, target);
  };

  private readonly onCancel = (): void => {
    const pressed = this.pressed;
    this.finish();
    if (pressed?.started) this.host.onEnd(pressed.source, undefined);
  };

  private readonly onKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !this.pressed?.started) return;
    event.preventDefault();
    event.stopPropagation();
    this.onCancel();
  };

  private targetAt(x: number, y: number): FormDropTarget | undefined {
    const canvas = this.host.canvas();
    if (!canvas) return undefined;
    const rect = canvas.getBoundingClientRect();
    if (x < rect.left || x > rect.right || y < rect.top || y > rect.bottom) return undefined;
    return dropTargetAt(canvas, x, y);
  }

  private finish(): void {
    this.pressed = undefined;
    window.removeEventListener('pointermove', this.onMove);
    window.removeEventListener('pointerup', this.onUp);
    window.removeEventListener('pointercancel', this.onCancel);
    window.removeEventListener('keydown', this.onKey, true);
  }

  /** Stop listening (the host left the page). */
  dispose(): void {
    this.finish();
  }
}
