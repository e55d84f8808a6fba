/**
 * How the record drawer words a history entry: when (local date and time, minutes), who
 * (the change's origin: a user, an import, a rule, …) and each change as "field: old → new",
 * values formatted as the table's cells format them (choices by label, money with its
 * currency, relations by the linked record's name), and why a lifecycle stage moved. Plain
 * text only, never HTML.
 */
import type { FieldDef, Locale, TableDef } from '../../core/schema/types.js';
import type { ChangeOrigin, FieldChange, StageChangeReason } from '../../store/types.js';
import { labelOf } from '../../i18n/index.js';
import { widgetFor } from '../../../widgets/registry.js';
import { td } from '../../i18n/drawer-ui.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-12-01 10:20` in the page's time zone. */
export function formatWhen(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Who made a change, in words. */
export function originLabel(origin: ChangeOrigin, locale: Locale): string {
  if (origin.kind === 'tab') return td(locale, 'drawer.origin.tab', { who: originLabel(origin.from, locale) });
  return td(locale, `drawer.origin.${origin.kind}`);
}

/** Formats stored values of one table's fields as its cells do. */
export class ValueFormatter {
  constructor(
    private readonly table: TableDef,
    private readonly locale: Locale,
    private readonly recordLabel: (tableId: string, id: string) => string | undefined,
  ) {}

  field(fieldId: string): FieldDef | undefined {
    return this.table.fields.find((f) => f.id === fieldId);
  }

  /** The field's label; a field deleted since keeps its id. */
  label(fieldId: string): string {
    const field = this.field(fieldId);
    return field ? labelOf(field, this.locale) : fieldId;
  }

  /** A value as its cell shows it; blank as "(empty)". */
  value(fieldId: string, value: FieldChange['before']): string {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return td(this.locale, 'drawer.blank');
    const field = this.field(fieldId);
    if (!field) return Array.isArray(value) ? value.join(', ') : String(value);
    const text = widgetFor(field).format(value, field, { locale: this.locale, recordLabel: this.recordLabel });
    return text === '' ? td(this.locale, 'drawer.blank') : text;
  }

  /** One change as a line: "field: old → new" (created: "field: new"; deleted: "field: old"). */
  change(change: FieldChange, kind: 'created' | 'updated' | 'deleted'): string {
    const field = this.label(change.fieldId);
    if (kind === 'created') return td(this.locale, 'drawer.value', { field, value: this.value(change.fieldId, change.after) });
    if (kind === 'deleted') return td(this.locale, 'drawer.value', { field, value: this.value(change.fieldId, change.before) });
    return td(this.locale, 'drawer.change', { field, before: this.value(change.fieldId, change.before), after: this.value(change.fieldId, change.after) });
  }
}

/**
 * Why the stage tracker moved a stage, in words: "more than 60 days without a counted order",
 * "2 counted orders, the latest on 2026-11-30", "stage recorded for the first time".
 */
export function stageReasonText(reason: StageChangeReason, to: unknown, locale: Locale): string {
  if (reason.cause === 'first') return td(locale, 'drawer.stage.first');
  if (reason.cause === 'time') {
    const days = to === 'churned' ? reason.churnedAfterDays : to === 'silent' ? reason.silentAfterDays : undefined;
    return days === undefined ? td(locale, 'drawer.stage.day', { day: reason.day }) : td(locale, 'drawer.stage.silent', { days, day: reason.day });
  }
  if (!reason.counted) return td(locale, 'drawer.stage.recordsNone');
  return td(locale, 'drawer.stage.records', { count: reason.counted, last: reason.lastAt ?? '—' });
}
