/**
 * Saving a form with sub-tables (line items, e.g. an order and its lines) as ONE store write:
 * the parent's create or update, each row's create (its link back `inverseOf` set to the
 * parent's id) or update, a delete for each stored row the user removed, and — when the
 * sub-table has `totalInto` — the sum of `totalField` over the rows written into the parent's
 * field. Every record is held to the record-write rules first (`prepareRecordWrite`); any
 * problem, on the parent or on a row, writes nothing. Since it is one `store.mutate`, a write
 * the store refuses halfway (a stale child, a quota) leaves nothing either.
 */
import { createId } from '../../core/ids.js';
import { isBlank } from '../../core/fields/values.js';
import { fieldTypeOf, linkedTable } from '../../core/fields/index.js';
import type { AppDef, CellValue, FieldDef, Locale, RecordData, RecordValues, TableDef } from '../../core/schema/types.js';
import type { SubRowValues, SubmissionValues } from '../../core/forms/model.js';
import { isSubtableField } from '../../core/forms/index.js';
import type { ChangeOrigin, Mutation, Store } from '../../store/types.js';
import { prepareRecordWrite, type RecordWriteIssue } from '../../runtime/record-writes.js';
import { ft } from '../../i18n/form-ui.js';

export interface SaveWithLinesOptions {
  /** The parent record being edited; absent to create one. */
  existing?: RecordData;
  /** Records of a table in memory (unique and relation checks); others are read from the store. */
  records?: (tableId: string) => readonly RecordData[] | undefined;
  locale?: Locale;
  /** The child tables' fields by sub-table field id (default: read from the app). */
  childFields?: Record<string, FieldDef[]>;
  origin?: ChangeOrigin;
}

export type SaveWithLinesResult =
  | { ok: true; record: RecordData; warnings: RecordWriteIssue[]; lines: Record<string, SubRowValues[]> }
  | { ok: false; errors: RecordWriteIssue[]; warnings: RecordWriteIssue[] };

const isRows = (value: unknown): value is SubRowValues[] => Array.isArray(value) && value.every((row) => typeof row === 'object' && row !== null && 'values' in row);

/** A sub-table's rows being saved, with where they go. */
interface LinePlan {
  field: FieldDef;
  child: TableDef;
  link: string;
  rows: SubRowValues[];
}

/** The sum of a sub-table's `totalField` over its rows (coerced as the child field would store it). */
function lineTotal(plan: LinePlan): number | undefined {
  const totalId = plan.field.options?.totalField;
  const totalField = plan.child.fields.find((field) => field.id === totalId);
  if (!totalField) return undefined;
  let total = 0;
  for (const row of plan.rows) {
    const result = fieldTypeOf(totalField).coerce(row.values[totalField.id] ?? null, totalField, 'input');
    if (result.ok && typeof result.value === 'number') total += result.value;
  }
  // Money sums of decimal fractions drift (0.1 + 0.2): round far below a cent.
  return Math.round(total * 1e6) / 1e6;
}

/** The tables whose records the checks need and that are not at hand. */
function tablesToFetch(app: AppDef, table: TableDef, input: Readonly<Record<string, unknown>>, plans: LinePlan[], given: SaveWithLinesOptions['records']): Set<string> {
  const need = new Set<string>();
  const consider = (of: TableDef, values: Readonly<Record<string, unknown>>) => {
    for (const field of of.fields) {
      const target = linkedTable(field);
      if (target && !isSubtableField(field) && !given?.(target) && !isBlank(values[field.id] as CellValue)) need.add(target);
      if (field.unique && !given?.(of.id)) need.add(of.id);
    }
  };
  consider(table, input);
  for (const plan of plans) for (const row of plan.rows) consider(plan.child, row.values);
  return new Set([...need].filter((id) => app.tables.some((t) => t.id === id)));
}

/**
 * Decide and write a parent record with its sub-tables' rows in one `store.mutate`.
 * @param input the parent's raw values by field id (for an edit, the changed ones), sub-table fields carrying their rows
 * @throws StaleWriteError, StoreError from the store (nothing is written then)
 */
export async function saveWithLines(store: Store, app: AppDef, tableId: string, input: SubmissionValues, options: SaveWithLinesOptions = {}): Promise<SaveWithLinesResult> {
  const locale = options.locale ?? 'en';
  const table = app.tables.find((candidate) => candidate.id === tableId);
  const existing = options.existing;
  const scalar: Record<string, unknown> = {};
  const plans: LinePlan[] = [];
  for (const [fieldId, value] of Object.entries(input)) {
    const field = table?.fields.find((candidate) => candidate.id === fieldId);
    if (!field || !isSubtableField(field)) {
      scalar[fieldId] = value;
      continue;
    }
    const child = app.tables.find((candidate) => candidate.id === field.options?.table);
    const link = field.options?.inverseOf;
    if (!child || !link || !isRows(value)) continue;
    plans.push({ field, child: { ...child, fields: options.childFields?.[field.id] ?? child.fields }, link, rows: value });
  }
  for (const plan of plans) {
    const into = plan.field.options?.totalInto;
    const total = lineTotal(plan);
    if (into && total !== undefined) scalar[into] = total;
  }

  const fetched = new Map<string, RecordData[]>();
  if (table) for (const id of tablesToFetch(app, table, scalar, plans, options.records)) fetched.set(id, await store.queryRecords(app.id, id));
  const parentId = existing?.id ?? createId();
  const atHand = (id: string) => options.records?.(id) ?? fetched.get(id);
  // The parent exists for its rows' link check: it is written in the same transaction.
  const parentStub: RecordData = existing ?? { id: parentId, tableId, version: 0, createdAt: '', updatedAt: '', values: {} };
  const records = (id: string) => {
    const list = atHand(id);
    return list && id === tableId && !list.some((row) => row.id === parentId) ? [...list, parentStub] : list;
  };

  const parent = prepareRecordWrite(app, tableId, scalar, { existing, records, locale });
  const errors = [...parent.errors];
  const warnings = [...parent.warnings];
  const mutations: Mutation[] = [
    existing
      ? { type: 'update', tableId, id: existing.id, expectedVersion: existing.version, values: parent.values }
      : { type: 'create', tableId, id: parentId, values: parent.values },
  ];
  /** Per sub-table field: the row index of each child mutation, to give created rows their ids. */
  const created: Array<{ fieldId: string; row: number; index: number }> = [];
  const childApp: AppDef = { ...app, tables: app.tables.map((t) => plans.find((plan) => plan.child.id === t.id)?.child ?? t) };
  for (const plan of plans) {
    const stored = existing ? await store.queryRecords(app.id, plan.child.id, { where: { field: plan.link, equals: existing.id } }) : [];
    const byId = new Map(stored.map((row) => [row.id, row]));
    const kept = new Set<string>();
    plan.rows.forEach((row, i) => {
      const current = row.id ? byId.get(row.id) : undefined;
      if (current) kept.add(current.id);
      const values = { ...row.values, [plan.link]: parentId };
      const prepared = prepareRecordWrite(childApp, plan.child.id, values, { existing: current, records, locale });
      for (const issue of prepared.errors) {
        errors.push({ fieldId: plan.field.id, code: issue.code, message: ft(locale, 'formView.lineProblem', { row: i + 1, message: issue.message }) });
      }
      if (!prepared.ok) return;
      if (current) mutations.push({ type: 'update', tableId: plan.child.id, id: current.id, expectedVersion: current.version, values: prepared.values });
      else {
        created.push({ fieldId: plan.field.id, row: i, index: mutations.length });
        mutations.push({ type: 'create', tableId: plan.child.id, values: prepared.values });
      }
    });
    for (const row of stored) if (!kept.has(row.id)) mutations.push({ type: 'delete', tableId: plan.child.id, id: row.id, expectedVersion: row.version });
  }
  if (errors.length > 0) return { ok: false, errors, warnings };

  const written = await store.mutate(app.id, mutations, options.origin ? { origin: options.origin } : undefined);
  const record = written[0];
  if (!record) throw new Error(`saveWithLines: the store returned no record for ${tableId}`);
  const lines: Record<string, SubRowValues[]> = {};
  for (const plan of plans) lines[plan.field.id] = plan.rows.map((row) => ({ ...row }));
  for (const { fieldId, row, index } of created) {
    const child = written[index];
    if (child) lines[fieldId]![row] = { id: child.id, values: { ...child.values } as RecordValues };
  }
  return { ok: true, record, warnings, lines };
}
