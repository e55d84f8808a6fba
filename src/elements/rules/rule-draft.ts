/**
 * Starting points for the rule editor's pickers: a new rule, the trigger a trigger type
 * starts as, the action an action type starts as — each filled with the first field of the
 * right kind, so a choice in a picker gives a rule `checkRule` accepts wherever the app has
 * such a field (and a message next to the picker where it has none). Also which fields each
 * picker offers, with the same tests `checkRule` applies.
 */
import type { AppDef, FieldDef, TableDef } from '../../core/schema/types.js';
import type { RuleAction, RuleDef, RuleTrigger } from '../../core/rules/model.js';
import { fieldTypeOf, linkedTable } from '../../core/fields/index.js';
import { createId } from '../../core/ids.js';

export const isStoredField = (field: FieldDef): boolean => !fieldTypeOf(field).isDerived(field);
export const isDateField = (field: FieldDef): boolean => fieldTypeOf(field).scalar(field).type === 'date';
export const isNumberField = (field: FieldDef): boolean => isStoredField(field) && fieldTypeOf(field).scalar(field).type === 'number';
export const isStageField = (field: FieldDef): boolean => field.type === 'stage';
export const isTagsField = (field: FieldDef): boolean => field.type === 'multiselect';
export const isOwnerField = (field: FieldDef): boolean => isStoredField(field) && linkedTable(field) !== undefined;

/** The tables a rule may run on and act on (not the run log). */
export function userTables(app: AppDef): TableDef[] {
  return app.tables.filter((table) => !table.system);
}

/** A blank rule on `tableId`: record created, no actions yet, disabled. */
export function blankRule(app: AppDef, tableId: string, name: string): RuleDef {
  const taken = new Set((app.rules ?? []).map((rule) => rule.id));
  let id = createId('rule');
  while (taken.has(id)) id = createId('rule');
  return { id, name, enabled: false, tableId, trigger: { type: 'record-created' }, actions: [] };
}

/** The trigger a trigger type starts as on `table`. */
export function defaultTrigger(type: RuleTrigger['type'], table: TableDef | undefined): RuleTrigger {
  const first = (accept: (field: FieldDef) => boolean) => table?.fields.find(accept)?.id ?? '';
  switch (type) {
    case 'stage-changed':
      return { type, fieldId: first(isStageField) };
    case 'date-relative':
      return { type, fieldId: first(isDateField), offset: 3, unit: 'days', at: '10:00' };
    case 'recurring':
      return { type, every: 'day', at: '09:00' };
    default:
      return { type };
  }
}

/** The field of `target` that links back to `tableId` (for a created record's back link). */
export function backLink(target: TableDef | undefined, tableId: string): FieldDef | undefined {
  return target?.fields.find((f) => linkedTable(f) === tableId && isStoredField(f));
}

/** The action an action type starts as, for a rule on `table` of `app`. */
export function defaultAction(type: RuleAction['type'], table: TableDef | undefined, app: AppDef): RuleAction {
  const first = (accept: (field: FieldDef) => boolean) => table?.fields.find(accept)?.id ?? '';
  switch (type) {
    case 'set-field':
      return { type, fieldId: first(isStoredField), value: '' };
    case 'add-tags':
    case 'remove-tags':
      return { type, fieldId: first(isTagsField), tags: [] };
    case 'add-points':
      return { type, fieldId: first(isNumberField), points: 10 };
    case 'create-record': {
      const target = userTables(app).find((t) => t.id !== table?.id) ?? table;
      const link = backLink(target, table?.id ?? '');
      return { type, tableId: target?.id ?? '', values: {}, ...(link ? { link: link.id } : {}) };
    }
    case 'assign-owner':
      return { type, fieldId: first(isOwnerField), strategy: 'round-robin' };
    case 'webhook':
      return { type, url: 'https://', method: 'POST', body: {}, retries: 3 };
    case 'dispatch-event':
      return { type, payload: {} };
    case 'notify':
      return { type, message: '' };
  }
}
