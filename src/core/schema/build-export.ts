/**
 * Building an app's export document. Kept apart from parsing and validation (./export.ts,
 * ./validate.ts) so that the script-tag bundle, which exports but validates only when a file
 * is read, carries this without the validators (they load on demand).
 */
import type { AppDef, AppExport, RecordData } from './types.js';

/**
 * The export document of an app. Records are listed per table in the app's table order; a
 * table without records gets an empty list. The result shares no objects with the inputs.
 * @param now the export time (default: the current time).
 * @throws TypeError when `records` holds a table the app does not have (that data would be
 *   lost on import, so it is refused here rather than dropped).
 */
export function buildExport(app: AppDef, records: Readonly<Record<string, readonly RecordData[]>>, now: Date = new Date()): AppExport {
  const tableIds = new Set(app.tables.map((t) => t.id));
  for (const tableId of Object.keys(records)) {
    if (!tableIds.has(tableId)) throw new TypeError(`buildExport: records given for table "${tableId}", which app "${app.id}" does not have`);
  }
  const out: Record<string, RecordData[]> = {};
  for (const table of app.tables) {
    const list = Object.prototype.hasOwnProperty.call(records, table.id) ? records[table.id] : [];
    out[table.id] = structuredClone([...list]);
  }
  return {
    format: 'ltc-export',
    formatVersion: 1,
    exportedAt: now.toISOString(),
    app: structuredClone(app),
    records: out,
  };
}

