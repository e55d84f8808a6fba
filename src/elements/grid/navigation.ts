/**
 * Where a key moves the active cell of a grid (the WAI-ARIA grid pattern's keys), as a pure
 * function of the position, the grid's size and the rows a page holds: the element handles
 * focus, scrolling and editing; this decides only the target.
 */

/** A cell position: row index in the shown rows, column index in the shown columns. */
export interface CellPosition {
  row: number;
  col: number;
}

/**
 * The cell `key` moves to from `at` in a grid of `rows` × `cols`, or undefined when the key
 * does not move the active cell. `page` is how many rows PageUp / PageDown jump.
 */
export function moveCell(key: string, ctrl: boolean, at: CellPosition, rows: number, cols: number, page: number): CellPosition | undefined {
  const clamp = (row: number, col: number) => ({ row: Math.max(0, Math.min(rows - 1, row)), col: Math.max(0, Math.min(cols - 1, col)) });
  switch (key) {
    case 'ArrowUp':
      return clamp(at.row - 1, at.col);
    case 'ArrowDown':
      return clamp(at.row + 1, at.col);
    case 'ArrowLeft':
      return clamp(at.row, at.col - 1);
    case 'ArrowRight':
      return clamp(at.row, at.col + 1);
    case 'Home':
      return ctrl ? clamp(0, 0) : clamp(at.row, 0);
    case 'End':
      return ctrl ? clamp(rows - 1, cols - 1) : clamp(at.row, cols - 1);
    case 'PageUp':
      return clamp(at.row - page, at.col);
    case 'PageDown':
      return clamp(at.row + page, at.col);
    default:
      return undefined;
  }
}

/** The rows a fixed-row-height list shows at `scrollTop`: [start, end) with `overscan` rows either side. */
export function visibleRows(scrollTop: number, viewport: number, rowHeight: number, count: number, overscan: number): { start: number; end: number } {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + Math.ceil(viewport / rowHeight) + overscan);
  return { start: Math.min(start, end), end };
}
