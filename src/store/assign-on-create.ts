/**
 * Store-assigned values of created records (serial numbers, `FieldTypeDef.assignOnCreate`):
 * `mutate` (src/store/core-store.ts) calls `assignOnCreate` inside the transaction that
 * creates the records, through `createHooks.assign`, which `installCreateHooks` sets (the
 * designer script does, with the field types that need it). Each type fills copies of the
 * created values, with a counter kept as a row beside the table's records under the app's
 * data key — so a failed write takes nothing, a reload reads the counter back, two tabs queue
 * on IndexedDB's transaction order, and replacing the app's data (an import) starts over
 * from the numbers it brought.
 */
import { fieldTypeOf } from '../core/fields/index.js';
import type { AppDef, CellValue, RecordValues } from '../core/schema/types.js';
import type { WriteTx } from './backend.js';
import { createHooks } from './core-store.js';
import type { Mutation } from './types.js';

/** Where a table's counters (serial numbers) live: beside its records, under a table id no table can have. */
const COUNTERS = '_counters';

/**
 * Values the store assigns to created records in the write's own transaction (serial
 * numbers): each field type with `assignOnCreate` fills copies of the created values, with a
 * counter kept as a row under the data key, so a failed write takes nothing and two tabs queue.
 */
export async function assignOnCreate(tx: WriteTx, app: AppDef, dataKey: string, mutations: Mutation[], now: string): Promise<Map<Mutation, RecordValues>> {
  const out = new Map<Mutation, RecordValues>();
  for (const table of app.tables) {
    const fields = table.fields.filter((f) => fieldTypeOf(f).assignOnCreate);
    const creates = fields.length ? mutations.filter((m): m is Mutation & { type: 'create' } => m.type === 'create' && m.tableId === table.id) : [];
    if (!creates.length) continue;
    // Copies: the caller's values are never written to.
    for (const m of creates) out.set(m, structuredClone(m.values));
    for (const field of fields) {
      await fieldTypeOf(field).assignOnCreate!(field, {
        app,
        tableId: table.id,
        now,
        created: creates.map((m) => out.get(m)!),
        readCounter: async (key) => (await tx.getRecord(dataKey, COUNTERS, `${table.id}/${key}`))?.values.state,
        writeCounter: (key, state) => tx.put({ appId: dataKey, tableId: COUNTERS, id: `${table.id}/${key}`, seq: 0, version: 1, createdAt: now, updatedAt: now, values: { state: state as CellValue } }),
        storedValues: async (fieldId) => (await tx.getRange(dataKey, table.id)).map((r) => r.values[fieldId] ?? null),
      });
    }
  }
  return out;
}

/** Lets every store of this page assign values on create (idempotent). */
export function installCreateHooks(): void {
  createHooks.assign = assignOnCreate;
}
