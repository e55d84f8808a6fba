/**
 * Rules in words for the rule editor: a trigger as a sentence ("3 days after “Last order
 * date” at 10:00", "“生命周期阶段”从 活跃客户 变为 沉默客户 时"), cell values as people read
 * them, instants in the app's time zone, and the app's time zone itself. Plain text only:
 * the editor renders it as text, never as HTML.
 */
import type { AppDef, CellValue, FieldDef, Locale, TableDef } from '../../core/schema/types.js';
import type { RuleTrigger } from '../../core/rules/model.js';
import { fieldTypeOf } from '../../core/fields/index.js';
import { localTimeZone } from '../../core/time/zoned.js';
import { labelOf } from '../../i18n/index.js';
import { tr, type RulesUiKey } from '../../i18n/rules-ui.js';

/** The lifecycle stages a stage field takes (src/core/lifecycle/stage.ts), in their order. */
export const STAGES = ['potential', 'new', 'active', 'silent', 'churned'] as const;

/** The app's IANA time zone: its own (`timeZone`), else the browser's. */
export function appTimeZone(app: AppDef | undefined): string {
  const zone = (app as { timeZone?: unknown } | undefined)?.timeZone;
  return typeof zone === 'string' && zone !== '' ? zone : localTimeZone();
}

/** A stage id in words. */
export function stageLabel(stage: string | undefined, locale: Locale): string {
  return stage && (STAGES as readonly string[]).includes(stage) ? tr(locale, `stage.${stage}` as RulesUiKey) : tr(locale, 'summary.any');
}

/** A field's label, or its id when the table has no such field. */
export function fieldLabel(table: TableDef | undefined, fieldId: string | undefined, locale: Locale): string {
  const field = table?.fields.find((f) => f.id === fieldId);
  return field ? labelOf(field, locale) : (fieldId ?? '');
}

/** A stored value as the table shows it; blank as "(blank)". */
export function formatCell(value: CellValue | undefined, field: FieldDef | undefined, locale: Locale, recordLabel?: (tableId: string, id: string) => string | undefined): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return tr(locale, 'rules.blankValue');
  if (!field) return typeof value === 'string' ? value : JSON.stringify(value);
  // Linked records by their names (a task's 负责人 张伟, not an id).
  const text = fieldTypeOf(field).format(value, field, { locale, recordLabel });
  return text === '' ? (typeof value === 'string' ? value : JSON.stringify(value)) : text;
}

/** An instant as a date and time of day in `timeZone`. */
export function formatInstant(at: number, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(at);
}

function changeValue(value: CellValue | undefined, table: TableDef | undefined, fieldId: string | undefined, locale: Locale): string {
  return value === undefined ? tr(locale, 'summary.any') : formatCell(value, table?.fields.find((f) => f.id === fieldId), locale);
}

/** The trigger as a sentence in `locale`. */
export function triggerSummary(trigger: RuleTrigger, table: TableDef | undefined, locale: Locale): string {
  switch (trigger.type) {
    case 'record-updated': {
      if (!trigger.fieldId) return tr(locale, 'summary.record-updated');
      const field = fieldLabel(table, trigger.fieldId, locale);
      if (trigger.from === undefined && trigger.to === undefined) return tr(locale, 'summary.updatedField', { field });
      return tr(locale, 'summary.fromTo', { field, from: changeValue(trigger.from, table, trigger.fieldId, locale), to: changeValue(trigger.to, table, trigger.fieldId, locale) });
    }
    case 'stage-changed':
      return tr(locale, 'summary.stage', { field: fieldLabel(table, trigger.fieldId, locale), from: stageLabel(trigger.from, locale), to: stageLabel(trigger.to, locale) });
    case 'date-relative':
      return tr(locale, 'summary.dateRelative', {
        field: fieldLabel(table, trigger.fieldId, locale),
        dir: tr(locale, trigger.offset < 0 ? 'dir.before' : 'dir.after'),
        amount: Math.abs(trigger.offset),
        unit: tr(locale, `unit.${trigger.unit}` as RulesUiKey),
        at: trigger.at ? tr(locale, 'summary.at', { time: trigger.at }) : '',
      });
    case 'recurring':
      if (trigger.every === 'week') return tr(locale, 'summary.week', { weekday: tr(locale, `weekday.${trigger.weekday ?? 1}` as RulesUiKey), at: trigger.at });
      if (trigger.every === 'month') return tr(locale, 'summary.month', { day: trigger.day ?? 1, at: trigger.at });
      return tr(locale, 'summary.day', { at: trigger.at });
    default:
      return tr(locale, `summary.${trigger.type}` as RulesUiKey);
  }
}
