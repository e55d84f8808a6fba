/**
 * What `<ltc-table>` does only after a deliberate action — copying a range, pasting a block,
 * exporting the view as CSV, and the Undo of a paste or bulk edit — kept out of the
 * script-tag bundle: it travels with the designer script (src/designer.ts), which the table
 * preloads on the first focus of its grid, so the synchronous `copy` event finds it loaded.
 */
import type { AppDef, CellValue, FieldDef, Locale, RecordData, TableDef } from '../../core/schema/types.js';
import type { Mutation, Store } from '../../store/types.js';
import type { DerivedValues } from '../../runtime/derived.js';
import type { GridRow } from '../../core/views/index.js';
import { errorMessage, labelOf, t } from '../../i18n/index.js';
import { tg } from '../../i18n/grid-ui.js';
import { isInverseLink } from '../../core/fields/index.js';
import { prepareRecordWrite } from '../../runtime/record-writes.js';
import { recordsToCsv, spreadsheetCell } from '../../core/csv/export.js';
import { unguardCell } from '../../core/csv/cells.js';
import { parseTsv, toTsv } from './tsv.js';

/** Something the table's Undo button (and Ctrl+Z right after) takes back. */
export interface Undoable {
  undo(): Promise<number>;
}

/** A write's outcome for the table: records written, the notice to show, what Undo restores. */
export interface GridWrite {
  count: number;
  notice: string;
  undoable?: Undoable;
}

/** The changed values of one record. */
export interface RecordUpdate {
  record: RecordData;
  values: Record<string, CellValue>;
}

/** What the actions read of the table: its data and its display rows and columns. */
export interface GridAccess {
  store: Store;
  app: AppDef;
  table: TableDef;
  locale: Locale;
  derived: DerivedValues | undefined;
  rowAt(index: number): GridRow<RecordData> | undefined;
  recordAt(index: number): RecordData | undefined;
  fieldAt(col: number): FieldDef | undefined;
  editable(field: FieldDef): boolean;
  cellValue(record: RecordData, field: FieldDef): CellValue;
}

/** Rows and columns (inclusive) of the grid as TSV, values as a spreadsheet reads them (the CSV export's cells). */
export function rangeTsv(grid: GridAccess, rows: [number, number], cols: [number, number]): string {
  const { derived, locale } = grid;
  const lines: string[][] = [];
  for (let row = rows[0]; row <= rows[1]; row++) {
    const record = grid.recordAt(row);
    if (!record) continue;
    const cells: string[] = [];
    for (let col = cols[0]; col <= cols[1]; col++) {
      const field = grid.fieldAt(col);
      if (!field) continue;
      const value = isInverseLink(field) ? (grid.cellValue(record, field) as string[] | null)?.length ?? 0 : grid.cellValue(record, field);
      cells.push(spreadsheetCell(value, field, { locale, recordLabel: (tableId, id) => derived?.label(tableId, id) }));
    }
    lines.push(cells);
  }
  return toTsv(lines);
}

/**
 * Paste a TSV block at display row `row`, column `col`: each cell coerced as a CSV import
 * reads it (the guard undone, `source: 'csv'`) and checked as a record write. All or nothing:
 * when any cell fails (or lands on a computed column), nothing is written and every problem
 * is reported by row and column; otherwise every changed record is written in ONE
 * `store.mutate`, with Undo. Rows past the last record are left out.
 */
export async function pasteTsv(grid: GridAccess, text: string, at: { row: number; col: number }): Promise<GridWrite> {
  const { app, table, locale, derived } = grid;
  const block = parseTsv(text);
  const records = derived?.ready ? (id: string) => derived.all(id) : undefined;
  const problems: string[] = [];
  const updates: RecordUpdate[] = [];
  const problem = (line: number, column: string, reason: string) => problems.push(tg(locale, 'grid.pasteProblem', { row: line + 1, column, reason }));
  let row = at.row;
  const col = Math.max(1, at.col);
  for (let line = 0; line < block.length; line++, row++) {
    while (grid.rowAt(row) && !grid.recordAt(row)) row++;
    const record = grid.recordAt(row);
    if (!record) break;
    const input: Record<string, string> = {};
    block[line].forEach((cell, i) => {
      const field = grid.fieldAt(col + i);
      if (!field) return;
      if (!grid.editable(field)) problem(line, labelOf(field, locale), t(locale, 'grid.readOnly', { name: labelOf(field, locale) }));
      else input[field.id] = unguardCell(cell);
    });
    const prepared = prepareRecordWrite(app, table.id, input, { existing: record, source: 'csv', locale, records });
    for (const issue of prepared.errors) {
      const field = table.fields.find((f) => f.id === issue.fieldId);
      problem(line, field ? labelOf(field, locale) : '', issue.message);
    }
    if (prepared.ok && Object.keys(prepared.values).length) updates.push({ record, values: prepared.values });
  }
  if (problems.length) return { count: 0, notice: tg(locale, 'grid.pasteRefused', { count: problems.length, details: problems.slice(0, 5).join('；') }) };
  if (!updates.length) return { count: 0, notice: '' };
  try {
    const written = await grid.store.mutate(
      app.id,
      updates.map(({ record, values }): Mutation => ({ type: 'update', tableId: record.tableId, id: record.id, expectedVersion: record.version, values })),
    );
    return { count: written.length, notice: tg(locale, 'grid.pasted', { count: written.length }), undoable: undoOf(grid.store, app, updates, written) };
  } catch (error) {
    return { count: 0, notice: errorMessage(error, locale) };
  }
}

/** Undo of written updates: every changed field back to its previous value, in one transaction. */
export function undoOf(store: Store, app: AppDef, updates: readonly RecordUpdate[], written: ReadonlyArray<RecordData | undefined>): Undoable {
  return {
    undo: async () => {
      const back = updates.map(({ record, values }, i): Mutation => ({
        type: 'update',
        tableId: record.tableId,
        id: record.id,
        expectedVersion: written[i]?.version,
        values: Object.fromEntries(Object.keys(values).map((id) => [id, record.values[id] ?? null])),
      }));
      return (await store.mutate(app.id, back)).length;
    },
  };
}

/**
 * Records as a CSV file Excel opens (UTF-8 with BOM, CRLF, headers in the UI language, the
 * formula-injection guard; docs/csv.md), computed values included, offered as a download named
 * after the table and the day. Returns the file's text.
 */
export function downloadCsv(table: TableDef, records: readonly RecordData[], fields: readonly FieldDef[], derived: DerivedValues | undefined, locale: Locale): string {
  const ids = fields.filter((field) => !isInverseLink(field)).map((field) => field.id);
  const rows = records.map((record) => ({ values: { ...record.values, ...(derived?.get(table.id, record.id) ?? {}) } }));
  const text = recordsToCsv(table, rows, { locale, fields: ids, recordLabel: (tableId, id) => derived?.label(tableId, id) });
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${labelOf(table, locale)}-${new Date().toISOString().slice(0, 10)}.csv`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return text;
}
