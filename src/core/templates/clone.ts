/**
 * Cloning a template into a new app: the first step of "start from a template".
 *
 * The app gets a fresh id and timestamps; table, field and choice ids are kept as the
 * template wrote them (they are scoped to the app, and keeping them lets docs, presets and
 * future rule templates refer to them), while every sample record gets a NEW id so that two
 * apps cloned from one template share no record. Relation values are rewritten to the new
 * record ids; derived values (formulas, inverse relations) are never stored.
 */
import { createId } from '../ids.js';
import { isValidId } from '../ids.js';
import { fieldTypeOf, linkedTable } from '../fields/index.js';
import type { AppDef, CellValue, FieldDef, RecordValues, TemplateDef } from '../schema/types.js';

/**
 * Sample records get ids `sample_…`, so "clear sample data" can tell them from the user's own
 * records (the store names those `r…`, imports keep whatever ids they carry). Apps cloned by
 * ltc-kit before this rule have sample ids `rec_…`.
 */
export const SAMPLE_ID_PREFIX = 'sample';

/** Whether a record id is one a template's sample record got when the app was cloned. */
export function isSampleRecordId(id: string): boolean {
  return id.startsWith(SAMPLE_ID_PREFIX + '_') || id.startsWith('rec_');
}

/** Options of `cloneTemplate`. */
export interface CloneTemplateOptions {
  /** Id of the new app (e.g. the `app-id` attribute); default: a fresh id. */
  appId?: string;
  /** Name of the new app; default: the template's name (and its translated labels). */
  name?: string;
  /** Creation time of the app; default: now. */
  now?: Date;
  /**
   * Id generator for new records (and for the app when `appId` is not given). Cloning is
   * deterministic when this is: ids are drawn in table order, then record order.
   */
  newId?: () => string;
  /** `false` clones the tables without the template's sample records. Default true. */
  sampleData?: boolean;
}

/** A sample record ready for `Store.bulkCreate`. */
export interface ClonedRecord {
  id: string;
  values: RecordValues;
}

/** What `cloneTemplate` returns: the app definition and its records per table id. */
export interface ClonedApp {
  app: AppDef;
  records: Record<string, ClonedRecord[]>;
}

/**
 * Turn a validated template (see `validateTemplate`) into a new app and its sample records.
 * The result shares no objects with the template.
 * @throws TypeError when a relation names a sample record that does not exist, or `newId`
 *   returns an invalid or repeated id: programming errors that validation or a correct
 *   generator rule out.
 */
export function cloneTemplate(template: TemplateDef, options: CloneTemplateOptions = {}): ClonedApp {
  const newId = options.newId ?? (() => createId(SAMPLE_ID_PREFIX));
  const issued = new Set<string>();
  const draw = (make: () => string): string => {
    const id = make();
    if (!isValidId(id)) throw new TypeError(`cloneTemplate: newId returned an invalid id ${JSON.stringify(id)}`);
    if (issued.has(id)) throw new TypeError(`cloneTemplate: newId returned ${JSON.stringify(id)} twice`);
    issued.add(id);
    return id;
  };

  const appId = options.appId ?? draw(options.newId ?? (() => createId('app')));
  const timestamp = (options.now ?? new Date()).toISOString();
  const app: AppDef = {
    id: appId,
    name: options.name ?? template.name,
    templateId: template.id,
    version: 1,
    createdAt: timestamp,
    updatedAt: timestamp,
    tables: structuredClone(template.tables),
  };
  // Labels translate the template's name; a name the user chose has none.
  if (options.name === undefined && template.labels) app.labels = { ...template.labels };
  if (template.description !== undefined) app.description = template.description;
  if (template.rules?.length) app.rules = structuredClone(template.rules);
  if (template.dashboards?.length) app.dashboards = structuredClone(template.dashboards);
  if (template.timeZone !== undefined) app.timeZone = template.timeZone;

  const sampleData = options.sampleData === false ? {} : (template.sampleData ?? {});
  const samplesOf = (tableId: string) => (Object.prototype.hasOwnProperty.call(sampleData, tableId) ? sampleData[tableId] : []);

  // Pass 1: a new id for every sample record, so relations can point forwards and backwards.
  const newIds = new Map<string, Map<string, string>>();
  const assigned = new Map<string, string[]>();
  for (const table of template.tables) {
    const map = new Map<string, string>();
    const list: string[] = [];
    for (const sample of samplesOf(table.id)) {
      const id = draw(newId);
      if (sample.id !== undefined) map.set(sample.id, id);
      list.push(id);
    }
    newIds.set(table.id, map);
    assigned.set(table.id, list);
  }

  // Pass 2: copy stored values, rewriting relations.
  const records: Record<string, ClonedRecord[]> = {};
  for (const table of template.tables) {
    const ids = assigned.get(table.id) ?? [];
    const storedFields = table.fields.filter(isStored);
    records[table.id] = samplesOf(table.id).map((sample, i) => {
      const values: RecordValues = {};
      for (const field of storedFields) {
        if (!Object.prototype.hasOwnProperty.call(sample.values, field.id)) continue;
        const value = sample.values[field.id];
        values[field.id] = linkedTable(field) !== undefined ? remap(value, field, newIds, table.id) : copyValue(value);
      }
      return { id: ids[i], values };
    });
  }
  return { app, records };
}

/** Formulas and inverse relations are computed from other values, never stored. */
function isStored(field: FieldDef): boolean {
  return !fieldTypeOf(field).isDerived(field);
}

function copyValue(value: CellValue): CellValue {
  return Array.isArray(value) ? value.slice() : value;
}

function remap(value: CellValue, field: FieldDef, newIds: ReadonlyMap<string, ReadonlyMap<string, string>>, tableId: string): CellValue {
  if (value === null) return null;
  const targetId = field.options?.table ?? '';
  const map = newIds.get(targetId);
  const one = (id: string): string => {
    const mapped = map?.get(id);
    if (mapped === undefined) {
      throw new TypeError(`cloneTemplate: ${tableId}.${field.id} links to "${id}", which is not a sample record of table "${targetId}"`);
    }
    return mapped;
  };
  if (Array.isArray(value)) return value.map(one);
  if (typeof value === 'string') return one(value);
  throw new TypeError(`cloneTemplate: ${tableId}.${field.id} holds ${typeof value}, not a record id`);
}
