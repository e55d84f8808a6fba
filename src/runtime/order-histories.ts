/**
 * Every customer's counted orders, read from the derived values held in memory: what a
 * predictive CLV fit (./clv-fit.ts) and the RFM distribution (./rfm-scores.ts) are computed
 * from. A field's `source` (an inverse relation), `dateField`, `amountField` and `countWhen`
 * select the orders exactly as the field's own logic does (src/core/lifecycle/predict-fields.ts):
 * the same condition (JSON Logic), dates as calendar days in the app's zone,
 * missing values as 0, orders without a readable date left out.
 */
import { applyLogic, truthy } from '../core/logic/index.js';
import { logicVars } from '../core/lifecycle/stage-field.js';
import type { ClvSource, OrderColumns } from '../core/lifecycle/fit-summary.js';
import type { AppDef, RecordValues } from '../core/schema/types.js';
import { calendarDay, localTimeZone } from '../core/time/zoned.js';
import { isDerivedField, type DerivedValues } from './derived.js';

/** The counted orders of a table's customers, as columns (customer index = position in `derived.all`). */
export interface OrderHistories {
  columns: OrderColumns;
}

/** The related table a source reads, or undefined when the source is not an inverse relation of the table. */
export function ordersTableOf(app: AppDef, source: ClvSource): string | undefined {
  const field = app.tables.find((t) => t.id === source.tableId)?.fields.find((f) => f.id === source.source);
  return field?.options?.inverseOf ? field.options.table : undefined;
}

/**
 * The counted orders of every record of `source.tableId`, in the app's zone; empty columns
 * when the source is not set up (no inverse relation, no date field) or before load.
 */
export function gatherOrderHistories(app: AppDef, derived: DerivedValues, source: ClvSource): OrderHistories {
  const ordersTable = ordersTableOf(app, source);
  const customers = derived.all(source.tableId);
  const empty = { columns: { customer: new Int32Array(0), day: new Int32Array(0), amount: new Float64Array(0), customers: customers.length } };
  if (!ordersTable || !source.source || !source.dateField) return empty;
  const zone = app.timeZone ?? localTimeZone();
  const orderFields = app.tables.find((t) => t.id === ordersTable)?.fields ?? [];
  const computed = new Set(orderFields.filter(isDerivedField).map((f) => f.id));
  const readsComputed = [...logicVars(source.countWhen)].some((id) => computed.has(id));
  // applyLogic compiles an object condition once and caches it.
  const counts = source.countWhen === undefined || source.countWhen === true ? undefined : (data: unknown) => applyLogic(source.countWhen, data);
  const valuesOf = (id: string, stored: RecordValues): Record<string, unknown> => (readsComputed ? { ...stored, ...derived.get(ordersTable, id) } : stored);
  const read = (fieldId: string, id: string, stored: RecordValues): unknown => (computed.has(fieldId) ? derived.value(ordersTable, id, fieldId) : stored[fieldId]);
  const customer: number[] = [];
  const day: number[] = [];
  const amount: number[] = [];
  customers.forEach((record, index) => {
    const ids = derived.value(source.tableId, record.id, source.source!);
    for (const orderId of Array.isArray(ids) ? (ids as string[]) : []) {
      const order = derived.record(ordersTable, orderId);
      if (!order) continue;
      if (counts && !truthy(counts(valuesOf(orderId, order.values)))) continue;
      const date = read(source.dateField!, orderId, order.values);
      const d = typeof date === 'string' || typeof date === 'number' ? calendarDay(date, zone) : undefined;
      if (d === undefined) continue;
      const value = source.amountField ? read(source.amountField, orderId, order.values) : 0;
      customer.push(index);
      day.push(d);
      amount.push(typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0);
    }
  });
  return { columns: { customer: Int32Array.from(customer), day: Int32Array.from(day), amount: Float64Array.from(amount), customers: customers.length } };
}
