/**
 * A visitor's submission, checked and turned into records. `validateSubmission` is what the
 * site owner's endpoint (the demo server) and the workspace's inbox run on untrusted JSON
 * against the published form: only the form's fields, every value coerced and checked by its
 * field type, required fields of visible items present, sizes bounded. `submissionRecords`
 * gives the records a submission becomes, with ids derived from its `submissionId`, so that
 * storing it twice stores it once.
 */
import type { CellValue, FieldDef, RecordValues, ValidationIssue, ValidationResult } from '../schema/types.js';
import { fieldTypeOf } from '../fields/index.js';
import type { FormFile, FormSubmission, SubmissionValues, SubRowValues } from './model.js';
import { fieldItems, visibleFieldIds } from './index.js';
import { isSubTable } from './publish.js';
import { subtableTotal } from '../fields/types/subtable.js';

/** At most this many values in one submission. */
export const MAX_SUBMISSION_FIELDS = 200;
/** At most this many rows in one sub-table of a submission. */
export const MAX_SUBMISSION_ROWS = 200;
/** At most this many bytes of JSON in one submission. */
export const MAX_SUBMISSION_BYTES = 100_000;

/** What a submission id looks like: `crypto.randomUUID()` and other ids of 8–64 URL-safe characters. */
const SUBMISSION_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** The record id a submission is stored under (`sub_<submissionId>`). */
export function submissionRecordId(submissionId: string): string {
  return `sub_${submissionId}`;
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** One value checked by its field type: the stored value, or the problem at `path`. */
function checkValue(raw: unknown, field: FieldDef, path: string, errors: ValidationIssue[]): CellValue | undefined {
  const def = fieldTypeOf(field);
  const coerced = def.coerce(raw, field, 'json');
  if (!coerced.ok) {
    errors.push({ path, code: coerced.issue.key, message: `${path}: not a valid value for "${field.name}" (${coerced.issue.key})` });
    return undefined;
  }
  const problem = coerced.value === null ? null : def.validate(coerced.value, field);
  if (problem) {
    errors.push({ path, code: problem.key, message: `${path}: "${field.name}" ${problem.key}${problem.params ? ' ' + JSON.stringify(problem.params) : ''}` });
    return undefined;
  }
  return coerced.value;
}

function checkRows(raw: unknown, field: FieldDef, childFields: FieldDef[], path: string, errors: ValidationIssue[]): SubRowValues[] | undefined {
  if (!Array.isArray(raw)) {
    errors.push({ path, code: 'submission.rows', message: `${path}: the rows of "${field.name}" must be an array` });
    return undefined;
  }
  if (raw.length > MAX_SUBMISSION_ROWS) {
    errors.push({ path, code: 'submission.tooLarge', message: `${path}: at most ${MAX_SUBMISSION_ROWS} rows` });
    return undefined;
  }
  const byId = new Map(childFields.map((f) => [f.id, f]));
  return raw.map((row: unknown, i) => {
    const rowPath = `${path}[${i}]`;
    const values: RecordValues = {};
    const rowValues = (row as { values?: unknown } | null)?.values;
    if (typeof rowValues !== 'object' || rowValues === null || Array.isArray(rowValues)) {
      errors.push({ path: `${rowPath}.values`, code: 'submission.rows', message: `${rowPath}.values: must be an object` });
      return { values };
    }
    for (const [key, value] of Object.entries(rowValues)) {
      const child = byId.get(key);
      if (!child) {
        errors.push({ path: `${rowPath}.values.${key}`, code: 'submission.unknownField', message: `${rowPath}.values.${key}: not a column of "${field.name}"` });
        continue;
      }
      const stored = checkValue(value, child, `${rowPath}.values.${key}`, errors);
      if (stored !== undefined) values[key] = stored;
    }
    for (const child of childFields) {
      if (child.required && fieldTypeOf(child).isEmpty(values[child.id], child)) {
        errors.push({ path: `${rowPath}.values.${child.id}`, code: 'field.required', message: `${rowPath}.values.${child.id}: "${child.name}" is required` });
      }
    }
    return { values };
  });
}

function checkMeta(meta: unknown, errors: ValidationIssue[]): FormSubmission['meta'] | undefined {
  if (meta === undefined) return undefined;
  const m = meta as { page?: unknown; params?: unknown };
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
    errors.push({ path: 'meta', code: 'submission.invalid', message: 'meta: must be an object' });
    return undefined;
  }
  const out: NonNullable<FormSubmission['meta']> = {};
  if (m.page !== undefined) {
    if (typeof m.page === 'string' && m.page.length <= 2000) out.page = m.page;
    else errors.push({ path: 'meta.page', code: 'submission.invalid', message: 'meta.page: must be a string of at most 2000 characters' });
  }
  if (m.params !== undefined) {
    const entries = typeof m.params === 'object' && m.params !== null && !Array.isArray(m.params) ? Object.entries(m.params) : undefined;
    if (!entries || entries.length > 20 || entries.some(([k, v]) => typeof v !== 'string' || v.length > 500 || k.length > 100)) {
      errors.push({ path: 'meta.params', code: 'submission.invalid', message: 'meta.params: at most 20 text parameters' });
    } else out.params = Object.fromEntries(entries) as Record<string, string>;
  }
  return out;
}

/**
 * Checks an untrusted submission against the form it claims to come from. On success the
 * submission's values are in their stored representation (a number sent as `"12"` becomes
 * 12); values of items hidden by their conditions are dropped, as the form does not submit them.
 */
export function validateSubmission(json: unknown, file: FormFile): ValidationResult<FormSubmission> {
  const errors: ValidationIssue[] = [];
  const fail = (path: string, message: string, code = 'submission.invalid'): ValidationResult<FormSubmission> => ({ ok: false, errors: [{ path, code, message: `${path}: ${message}` }] });
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail('$', 'a submission must be an object');
  let size: number;
  try {
    size = byteLength(JSON.stringify(json));
  } catch {
    return fail('$', 'is not JSON');
  }
  if (size > MAX_SUBMISSION_BYTES) return fail('$', `is ${size} bytes; a submission may have at most ${MAX_SUBMISSION_BYTES}`, 'submission.tooLarge');
  const s = json as Record<string, unknown>;
  if (s.format !== 'ltc-submission') errors.push({ path: 'format', code: 'submission.format', message: 'format: must be "ltc-submission"' });
  if (s.formatVersion !== 1) errors.push({ path: 'formatVersion', code: 'submission.format', message: 'formatVersion: must be 1' });
  if (typeof s.submissionId !== 'string' || !SUBMISSION_ID.test(s.submissionId)) {
    errors.push({ path: 'submissionId', code: 'submission.id', message: 'submissionId: must be 8–64 letters, digits, "-" or "_"' });
  }
  for (const [key, expected] of [['appId', file.appId], ['tableId', file.tableId], ['formId', file.form.id]] as const) {
    if (s[key] !== expected) errors.push({ path: key, code: 'submission.otherForm', message: `${key}: must be "${expected}" (the form's)` });
  }
  if (typeof s.submittedAt !== 'string' || s.submittedAt.length > 40 || Number.isNaN(Date.parse(s.submittedAt))) {
    errors.push({ path: 'submittedAt', code: 'submission.invalid', message: 'submittedAt: must be an ISO 8601 time' });
  }
  const meta = checkMeta(s.meta, errors);
  const raw = s.values;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    errors.push({ path: 'values', code: 'submission.invalid', message: 'values: must be an object' });
    return { ok: false, errors };
  }
  const keys = Object.keys(raw);
  if (keys.length > MAX_SUBMISSION_FIELDS) return fail('values', `has ${keys.length} values; at most ${MAX_SUBMISSION_FIELDS}`, 'submission.tooLarge');
  const items = new Map(fieldItems(file.form).map((item) => [item.fieldId, item]));
  const fields = new Map(file.fields.map((f) => [f.id, f]));
  const values: SubmissionValues = {};
  for (const key of keys) {
    const field = fields.get(key);
    const path = `values.${key}`;
    if (!field || !items.has(key)) {
      errors.push({ path, code: 'submission.unknownField', message: `${path}: the form has no field "${key}"` });
      continue;
    }
    const value = (raw as Record<string, unknown>)[key];
    const stored = isSubTable(field) ? checkRows(value, field, file.childFields?.[key] ?? [], path, errors) : checkValue(value, field, path, errors);
    if (stored !== undefined) values[key] = stored;
  }
  const visible = visibleFieldIds(file.form, values);
  for (const [fieldId, item] of items) {
    if (!visible.has(fieldId)) {
      delete values[fieldId];
      continue;
    }
    const field = fields.get(fieldId);
    if (!field || !(field.required || item.required)) continue;
    const value = values[fieldId];
    const empty = isSubTable(field) ? !Array.isArray(value) || value.length === 0 : fieldTypeOf(field).isEmpty(value as CellValue | undefined, field);
    if (empty) errors.push({ path: `values.${fieldId}`, code: 'field.required', message: `values.${fieldId}: "${field.name}" is required` });
  }
  if (errors.length > 0) return { ok: false, errors };
  const submission: FormSubmission = {
    format: 'ltc-submission',
    formatVersion: 1,
    submissionId: s.submissionId as string,
    appId: file.appId,
    tableId: file.tableId,
    formId: file.form.id,
    submittedAt: s.submittedAt as string,
    values,
    ...(meta ? { meta } : {}),
  };
  return { ok: true, value: submission };
}

/** One record a submission becomes. */
export interface SubmissionRecord {
  tableId: string;
  id: string;
  values: RecordValues;
}

/**
 * The records a checked submission becomes: the parent (`sub_<submissionId>`) and one child
 * record per sub-table row (`sub_<submissionId>_<field>_<n>`, linked back through the
 * sub-table's `inverseOf` field), so that storing a submission again finds them by id.
 */
export function submissionRecords(submission: FormSubmission, file: FormFile): SubmissionRecord[] {
  const parentId = submissionRecordId(submission.submissionId);
  const parent: RecordValues = {};
  const children: SubmissionRecord[] = [];
  const totals: RecordValues = {};
  const fields = new Map(file.fields.map((f) => [f.id, f]));
  for (const [fieldId, value] of Object.entries(submission.values)) {
    const field = fields.get(fieldId);
    if (field && isSubTable(field) && Array.isArray(value)) {
      (value as SubRowValues[]).forEach((row, i) => {
        const link = field.options?.inverseOf;
        children.push({ tableId: field.options!.table!, id: `${parentId}_${fieldId}_${i + 1}`, values: { ...row.values, ...(link ? { [link]: parentId } : {}) } });
      });
      const into = field.options?.totalInto;
      if (into && value.length > 0) totals[into] = subtableTotal(field, (value as SubRowValues[]).map((row) => row.values));
    } else parent[fieldId] = value as CellValue;
  }
  // The lines' total goes into the parent's field (over a typed amount), as the workspace form writes it.
  Object.assign(parent, totals);
  return [{ tableId: submission.tableId, id: parentId, values: parent }, ...children];
}
