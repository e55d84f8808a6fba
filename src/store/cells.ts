/**
 * `changedCells`: a change event seen cell by cell, for listeners that care about single
 * values (an audit log, a rule watching one field, sync) rather than whole records.
 */
import type { CellChange, ChangeEvent } from './types.js';

/**
 * The cells one change wrote. A created record lists every field it has (`before` null), an
 * update only the fields whose value changed (`before` → `after`), a deleted record every
 * field it had (`after` null). App changes (`kind: 'app'`) have no cells.
 */
export function changedCells(change: ChangeEvent): CellChange[] {
  const out: CellChange[] = [];
  for (const record of change.created) {
    for (const fieldId of Object.keys(record.values)) {
      out.push({ tableId: record.tableId, recordId: record.id, fieldId, before: null, after: record.values[fieldId] ?? null });
    }
  }
  for (const { record, previous } of change.updated) {
    for (const fieldId of Object.keys(previous)) {
      out.push({ tableId: record.tableId, recordId: record.id, fieldId, before: previous[fieldId] ?? null, after: record.values[fieldId] ?? null });
    }
  }
  for (const record of change.deleted) {
    for (const fieldId of Object.keys(record.values)) {
      out.push({ tableId: record.tableId, recordId: record.id, fieldId, before: record.values[fieldId] ?? null, after: null });
    }
  }
  return out;
}
