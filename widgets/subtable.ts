/**
 * Line items (子表单): an editable table of child records inside the parent's form — one row
 * per child record, one column per child field (`options.columns`), each cell the child
 * field's own widget input (`widgetFor(child).renderInput`), a remove button per row, an
 * "add a line" button and a total row summing `options.totalField`. The form gives the child
 * fields (`InputContext.childFields`) and the rows being edited as the value
 * (`SubRowValues[]`); every edit reports the whole list of rows through `onInput(rows)`, and
 * the form writes parent and children in one mutate (with the total into `totalInto`:
 * `applySubtableTotals`). Facts: src/core/fields/types/subtable.ts.
 *
 * Keyboard: Tab walks the cells row by row, then each row's remove button, then "add a line";
 * adding a line moves focus to its first cell, removing one to the next row (or "add a line").
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { CellValue, FieldDef, Locale, RecordValues } from '../src/core/schema/types.js';
import type { SubRowValues } from '../src/core/forms/model.js';
import { subtableColumns, subtableTotal } from '../src/core/fields/types/subtable.js';
import { labelOf } from '../src/i18n/index.js';
import { tw } from '../src/i18n/lines-files-ui.js';
import { widgetFor } from './registry.js';
import type { InputContext, OptionsContext, WidgetDefinition } from './types.js';

/** The rows in a form value: `SubRowValues[]`; anything else (a stored list of ids, a blank) is no rows being edited. */
export function rowsOf(value: unknown): SubRowValues[] {
  if (!Array.isArray(value)) return [];
  return value.filter((row): row is SubRowValues => typeof row === 'object' && row !== null && typeof (row as SubRowValues).values === 'object');
}

/** One cell's new value: the child widget's coerced value, or the raw text while it does not parse yet. */
function cellValue(field: FieldDef, raw: unknown): CellValue {
  const result = widgetFor(field).coerce(raw, field, 'input');
  return result.ok ? result.value : (raw as CellValue);
}

/** Move focus once the form has drawn the new rows (after its next render). */
function focusLater(root: Element | null, selector: string): void {
  requestAnimationFrame(() => root?.querySelector<HTMLElement>(selector)?.focus());
}

function renderCell(context: InputContext, rows: SubRowValues[], index: number, column: FieldDef): TemplateResult {
  const row = rows[index]!;
  const update = (raw: unknown) => {
    const next = rows.map((r, i) => (i === index ? { ...r, values: { ...r.values, [column.id]: cellValue(column, raw) } } : r));
    context.onInput(next);
  };
  const widget = widgetFor(column);
  const editable = widget.isEditable(column);
  const name = tw(context.locale, 'lines.cell', { row: index + 1, column: labelOf(column, context.locale) });
  const value = row.values[column.id] ?? null;
  const id = `${context.id}-${index}-${column.id}`;
  const problem = context.cellErrors?.[`${index}:${column.id}`];
  return html`<td class=${problem ? 'invalid' : nothing}>
    ${editable
      ? html`<label class="cell"
            ><span class="visually-hidden">${name}</span>${widget.renderInput({
              id,
              field: column,
              value,
              locale: context.locale,
              invalid: !!problem,
              ...(problem ? { describedBy: `${id}-msg` } : {}),
              onInput: update,
            })}</label
          >${problem ? html`<span class="cell-message" id="${id}-msg">${problem}</span>` : nothing}`
      : html`<span aria-label=${name}>${widget.format(value, column, { locale: context.locale })}</span>`}
  </td>`;
}

function renderTotal(field: FieldDef, columns: FieldDef[], rows: SubRowValues[], locale: Locale): TemplateResult | typeof nothing {
  const totalId = field.options?.totalField;
  const totalField = columns.find((c) => c.id === totalId);
  if (!totalField) return nothing;
  const total = subtableTotal(field, rows.map((r) => r.values as RecordValues));
  return html`<tfoot>
    <tr>
      <th scope="row">${tw(locale, 'lines.total')}</th>
      ${columns.map((c) => (c === totalField ? html`<td class="total" data-total>${widgetFor(c).format(total, c, { locale })}</td>` : html`<td></td>`))}
      <td></td>
    </tr>
  </tfoot>`;
}

function renderSubtable(context: InputContext): TemplateResult {
  const { field, locale } = context;
  const columns = subtableColumns(field, context.childFields ?? []);
  const rows = rowsOf(context.value);
  const add = (event: Event) => {
    context.onInput([...rows, { values: {} }]);
    // The form renders the new row; the group is found from the button (it may sit in a shadow root).
    const group = (event.currentTarget as HTMLElement).closest('.subtable');
    focusLater(group, `tbody tr:last-child input, tbody tr:last-child select, tbody tr:last-child textarea`);
  };
  const remove = (event: Event, index: number) => {
    const group = (event.currentTarget as HTMLElement).closest('.subtable');
    context.onInput(rows.filter((_, i) => i !== index));
    focusLater(group, rows.length - 1 > index ? `tbody tr:nth-child(${index + 1}) button.remove` : 'button.add');
  };
  return html`<div
    part="input"
    class="subtable"
    role="group"
    id=${context.id}
    aria-invalid=${context.invalid ? 'true' : 'false'}
    aria-describedby=${context.describedBy ?? nothing}
  >
    ${columns.length === 0
      ? html`<p>${tw(locale, 'lines.noColumns')}</p>`
      : html`<table>
          <thead>
            <tr>
              <th scope="col">#</th>
              ${columns.map((c) => html`<th scope="col">${labelOf(c, locale)}</th>`)}
              <th scope="col"><span class="visually-hidden">${tw(locale, 'lines.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            ${rows.length === 0
              ? html`<tr><td colspan=${columns.length + 2}>${tw(locale, 'lines.empty')}</td></tr>`
              : rows.map(
                  (_, index) => html`<tr data-row=${index}>
                    <th scope="row"><span class="visually-hidden">${tw(locale, 'lines.row', { row: index + 1 })}</span><span aria-hidden="true">${index + 1}</span></th>
                    ${columns.map((column) => renderCell(context, rows, index, column))}
                    <td>
                      <button type="button" class="remove" aria-label=${tw(locale, 'lines.remove', { row: index + 1 })} @click=${(e: Event) => remove(e, index)}>×</button>
                    </td>
                  </tr>`,
                )}
          </tbody>
          ${renderTotal(field, columns, rows, locale)}
        </table>`}
    <button type="button" class="add" ?disabled=${columns.length === 0} @click=${add}>+ ${tw(locale, 'lines.add')}</button>
  </div>`;
}

const NUMERIC = new Set(['number', 'money']);

/**
 * The property panel: the child table, its relation back to this table, the columns shown, the
 * field totalled and the field of this table the total goes into — each a choice among the
 * fields that fit, so a sub-table made in the designer passes the app's checks.
 */
function renderSubtableOptions(context: OptionsContext): TemplateResult {
  const { field, locale, app, onChange } = context;
  const own = app?.tables.find((t) => t.id === context.tableId);
  if (!app || !own) return html``;
  const o = field.options ?? {};
  const child = app.tables.find((t) => t.id === o.table);
  const backs = (child?.fields ?? []).filter((f) => f.type === 'relation' && f.options?.table === own.id && !f.options?.inverseOf);
  const columns = child ? subtableColumns({ ...field, options: { ...o, columns: undefined } }, child.fields) : [];
  const shown = new Set(o.columns?.length ? o.columns : columns.map((c) => c.id));
  const toggle = (id: string, on: boolean) => {
    const next = columns.map((c) => c.id).filter((c) => (c === id ? on : shown.has(c)));
    onChange({ columns: next });
  };
  const pickTable = (id: string) => {
    const table = app.tables.find((t) => t.id === id);
    const back = table?.fields.find((f) => f.type === 'relation' && f.options?.table === own.id && !f.options?.inverseOf);
    onChange({ table: id, inverseOf: back?.id, columns: undefined, totalField: undefined });
  };
  const select = (key: 'totalField' | 'totalInto', label: string, fields: FieldDef[]) => html`<div class="row">
    <label for="opt-${key}">${label}</label>
    <select id="opt-${key}" data-option=${key} @change=${(e: Event) => onChange({ [key]: (e.target as HTMLSelectElement).value || undefined })}>
      <option value="" ?selected=${!o[key]}>${tw(locale, 'lines.optNone')}</option>
      ${fields.map((f) => html`<option value=${f.id} ?selected=${o[key] === f.id}>${labelOf(f, locale)}</option>`)}
    </select>
  </div>`;
  return html`<div class="row">
      <label for="opt-table">${tw(locale, 'lines.optTable')}</label>
      <select id="opt-table" data-option="table" @change=${(e: Event) => pickTable((e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${!child}>—</option>
        ${app.tables.filter((t) => t.id !== own.id && !t.system).map((t) => html`<option value=${t.id} ?selected=${t.id === o.table}>${labelOf(t, locale)}</option>`)}
      </select>
    </div>
    ${child
      ? html`<div class="row">
            <label for="opt-inverseOf">${tw(locale, 'lines.optBack')}</label>
            ${backs.length
              ? html`<select id="opt-inverseOf" data-option="inverseOf" @change=${(e: Event) => onChange({ inverseOf: (e.target as HTMLSelectElement).value })}>
                  ${backs.map((f) => html`<option value=${f.id} ?selected=${o.inverseOf === f.id}>${labelOf(f, locale)}</option>`)}
                </select>`
              : html`<p id="opt-inverseOf" role="alert">${tw(locale, 'lines.optNoBack')}</p>`}
          </div>
          <fieldset class="row">
            <legend>${tw(locale, 'lines.optColumns')}</legend>
            ${columns.map(
              (c) => html`<label><input type="checkbox" data-column=${c.id} .checked=${shown.has(c.id)} @change=${(e: Event) => toggle(c.id, (e.target as HTMLInputElement).checked)} />${labelOf(c, locale)}</label>`,
            )}
          </fieldset>
          ${select('totalField', tw(locale, 'lines.optTotal'), child.fields.filter((f) => NUMERIC.has(f.type)))}
          ${select('totalInto', tw(locale, 'lines.optInto'), own.fields.filter((f) => NUMERIC.has(f.type) && f.id !== field.id))}`
      : nothing}`;
}

export const subtableWidget: WidgetDefinition = {
  type: 'subtable',
  grouped: true,
  align: 'end',
  renderInput: renderSubtable,
  renderOptions: renderSubtableOptions,
  renderCell: (value, field, context) => html`${widgetFor(field).format(value, field, context)}`,
};
export default subtableWidget;
