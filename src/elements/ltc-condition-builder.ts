/**
 * `<ltc-condition-builder>`: build a condition on a table's records — rows of [field]
 * [operator] [value], AND / OR groups that nest — and get it as JSON Logic (the stored form,
 * run by `applyLogic`; see docs/conditions.md). The table's filter uses it; rules and the
 * form designer's visibility conditions reuse it. Loaded on demand with the designer script
 * (src/designer.ts), so viewers of records never download it.
 *
 * The value inputs follow the field's kind (src/core/conditions): text, numbers typed as
 * people write them (`¥1,200`, `80` for 80%), date inputs, a number and a unit for "in the
 * last n days", checkboxes for choices, a record list for relations. Logic it did not make
 * is shown as a custom condition and left alone until the user replaces it.
 *
 * @summary Build AND / OR conditions on a table's fields.
 * @event change - The condition changed (native, bubbles).
 * @event ltc-condition-changed - The condition changed. `detail: { logic, condition }`.
 * @csspart group - A group of conditions (`<fieldset>`).
 * @csspart row - One condition.
 * @property app - The app definition, from `<ltc-app>` (set it when the element is used on its own).
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import {
  conditionToLogic,
  groupItems,
  isGroup,
  logicToCondition,
  operatorsFor,
  validateCondition,
  type Condition,
  type ConditionGroup,
  type ConditionValue,
  type OperatorInfo,
  type RelativePeriod,
} from '../core/conditions/model.js';
import { fieldChoices, fieldTypeOf, linkedTable } from '../core/fields/index.js';
import type { AppDef, FieldDef, Locale, TableDef } from '../core/schema/types.js';
import type { Logic } from '../core/logic/index.js';
import type { DerivedValues } from '../runtime/derived.js';
import { labelOf } from '../i18n/index.js';
import { appContext, derivedContext, localeContext } from './context.js';
import { baseStyles } from './styles.js';

/**
 * The builder's own messages: they load with it (the designer script), not with the main
 * bundle's src/i18n, which every page downloads. Operator labels live with the model
 * (src/core/conditions/model.ts).
 */
const MESSAGES = {
  'match': { 'zh-CN': '满足', en: 'Match' },
  'all': { 'zh-CN': '全部条件（且）', en: 'all conditions (AND)' },
  'any': { 'zh-CN': '任一条件（或）', en: 'any condition (OR)' },
  'field': { 'zh-CN': '条件 {n} 的字段', en: 'Field of condition {n}' },
  'op': { 'zh-CN': '条件 {n} 的运算', en: 'Operator of condition {n}' },
  'value': { 'zh-CN': '条件 {n} 的值', en: 'Value of condition {n}' },
  'from': { 'zh-CN': '条件 {n} 的起始值', en: 'From value of condition {n}' },
  'to': { 'zh-CN': '条件 {n} 的结束值', en: 'To value of condition {n}' },
  'count': { 'zh-CN': '条件 {n} 的数量', en: 'Number of condition {n}' },
  'unit': { 'zh-CN': '条件 {n} 的单位', en: 'Unit of condition {n}' },
  'day': { 'zh-CN': '天', en: 'days' },
  'week': { 'zh-CN': '周', en: 'weeks' },
  'month': { 'zh-CN': '个月', en: 'months' },
  'remove': { 'zh-CN': '删除条件 {n}', en: 'Remove condition {n}' },
  'removeGroup': { 'zh-CN': '删除这组条件', en: 'Remove this group' },
  'add': { 'zh-CN': '添加条件', en: 'Add condition' },
  'addGroup': { 'zh-CN': '添加条件组', en: 'Add group' },
  'none': { 'zh-CN': '还没有条件：显示全部记录。', en: 'No conditions yet: every record shows.' },
  'custom': { 'zh-CN': '这是在别处编写的自定义条件，无法在此编辑。', en: 'This is a custom condition written elsewhere; it cannot be edited here.' },
  'replace': { 'zh-CN': '改用新条件', en: 'Start a new condition instead' },
  'invalid': { 'zh-CN': '值无效', en: 'Not a valid value' },
} as const;

/** A builder message in `locale`, with `{n}` filled in. */
function msg(locale: Locale, key: keyof typeof MESSAGES, params: { n?: number } = {}): string {
  return MESSAGES[key][locale].replace('{n}', String(params.n ?? ''));
}

/** What `ltc-condition-changed` carries. */
export interface ConditionChangedDetail {
  /** The condition as JSON Logic (`true` when it has no complete condition). */
  logic: Logic;
  /** The condition model, incomplete rows included. */
  condition: ConditionGroup;
  /** How many complete conditions the logic holds (a filter button's badge). */
  count: number;
}

/** The complete conditions of a group (those its logic includes). */
function countComplete(group: ConditionGroup, table: TableDef): number {
  return groupItems(group).items.reduce<number>((sum, item) => sum + (isGroup(item) ? countComplete(item, table) : validateCondition({ all: [item] }, table).length === 0 ? 1 : 0), 0);
}

/** At most this many records are offered in a relation condition's list. */
const RECORD_CHOICES = 500;

export class LtcConditionBuilder extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      fieldset {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 0.5rem 0.75rem;
        margin: 0 0 0.5rem;
        display: grid;
        gap: 0.5rem;
      }
      fieldset fieldset {
        background: var(--_surface-alt);
      }
      .row,
      .head,
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        align-items: center;
      }
      .choices {
        border: none;
        padding: 0;
        margin: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.75rem;
      }
      .hidden {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
        white-space: nowrap;
      }
      input[aria-invalid='true'] {
        border-color: var(--_danger);
      }
      .status {
        color: var(--_muted);
        margin: 0;
      }
    `,
  ];

  /** The condition as JSON Logic. Setting it shows what it says (or "custom condition"). */
  @property({ attribute: false }) accessor value: Logic = true;
  /** The table whose fields conditions are on (with `app` from context). */
  @property({ attribute: 'table-id' }) accessor tableId = '';
  /** The table itself, for use without an `<ltc-app>`; wins over `table-id`. */
  @property({ attribute: false }) accessor table: TableDef | undefined;
  /** The UI language; inside `<ltc-app>` the app's locale (from context) is used. */
  @consume({ context: localeContext, subscribe: true }) @property() accessor locale: Locale = 'en';

  @consume({ context: appContext, subscribe: true }) @state() accessor app: AppDef | undefined;
  @consume({ context: derivedContext, subscribe: true }) @state() private accessor derived: DerivedValues | undefined;

  /** The condition being edited (incomplete rows included); undefined for custom logic. */
  @state() private accessor model: ConditionGroup | undefined = { all: [] };
  /** The logic this element last produced: setting it back is not a new value. */
  private emitted: Logic = true;
  /** Number inputs as typed (`1.`, `¥1,2`), by row and slot, so re-rendering never rewrites the user's text. */
  private drafts = new WeakMap<Condition, string[]>();

  private get uiLocale(): Locale {
    return this.locale;
  }

  /** The table conditions are on. */
  get currentTable(): TableDef | undefined {
    return this.table ?? this.app?.tables.find((table) => table.id === this.tableId);
  }

  /** The condition model being edited (a copy), or undefined while custom logic is shown. */
  get condition(): ConditionGroup | undefined {
    return this.model ? structuredClone(this.model) : undefined;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const table = this.currentTable;
    if ((changed.has('value') || changed.has('table') || changed.has('tableId') || changed.has('app')) && table && this.value !== this.emitted) {
      this.emitted = this.value;
      const parsed = this.value === undefined || this.value === null ? { all: [] } : logicToCondition(this.value, table);
      this.model = parsed && !isGroup(parsed as never) ? { all: [] } : parsed;
    }
  }

  private commit(): void {
    const table = this.currentTable;
    if (!table || !this.model) return;
    const logic = conditionToLogic(this.model, table);
    this.emitted = logic;
    this.value = logic;
    this.requestUpdate();
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    this.dispatchEvent(
      new CustomEvent<ConditionChangedDetail>('ltc-condition-changed', { bubbles: true, composed: true, detail: { logic, condition: structuredClone(this.model), count: countComplete(this.model, table) } }),
    );
  }

  private newCondition(table: TableDef): Condition {
    const field = table.fields.find((f) => f.id === table.primaryFieldId) ?? table.fields[0]!;
    const op = operatorsFor(field)[0]!;
    return this.withDefault({ field: field.id, op: op.op }, op);
  }

  private withDefault(condition: Condition, info: OperatorInfo): Condition {
    if (info.value === 'period') condition.value = { n: 30, unit: 'day' };
    else if (info.value === 'choices') condition.value = [];
    else delete condition.value;
    return condition;
  }

  private items(group: ConditionGroup): Array<Condition | ConditionGroup> {
    return groupItems(group).items;
  }

  private setMode(group: ConditionGroup, and: boolean): void {
    const items = this.items(group);
    delete (group as { all?: unknown }).all;
    delete (group as { any?: unknown }).any;
    if (and) (group as { all: typeof items }).all = items;
    else (group as { any: typeof items }).any = items;
    this.commit();
  }

  private onField(condition: Condition, fieldId: string, table: TableDef): void {
    const field = table.fields.find((f) => f.id === fieldId);
    if (!field) return;
    condition.field = fieldId;
    const info = operatorsFor(field)[0]!;
    condition.op = info.op;
    this.drafts.delete(condition);
    this.withDefault(condition, info);
    this.commit();
  }

  private onOp(condition: Condition, op: string, field: FieldDef): void {
    const infos = operatorsFor(field);
    const before = infos.find((i) => i.op === condition.op)?.value;
    const info = infos.find((i) => i.op === op);
    if (!info) return;
    condition.op = info.op;
    if (before !== info.value) {
      this.drafts.delete(condition);
      this.withDefault(condition, info);
    }
    this.commit();
  }

  /** Typed number → stored number through the field type (`80` is 0.8 for a percent), or undefined. */
  private parseNumber(field: FieldDef, raw: string): number | undefined {
    const result = fieldTypeOf(field).coerce(raw, field, 'input');
    return result.ok && typeof result.value === 'number' ? result.value : undefined;
  }

  private showNumber(field: FieldDef, value: unknown): string {
    if (typeof value !== 'number') return '';
    // A percent is stored as a fraction and typed as a percentage.
    return fieldTypeOf(field).scalar(field).type === 'percent' ? String(Math.round(value * 1e10) / 1e8) : String(value);
  }

  private onNumber(condition: Condition, field: FieldDef, slot: number, raw: string, range: boolean): void {
    const drafts = this.drafts.get(condition) ?? [];
    drafts[slot] = raw;
    this.drafts.set(condition, drafts);
    const number = this.parseNumber(field, raw);
    if (range) {
      const pair = (Array.isArray(condition.value) ? [...condition.value] : [undefined, undefined]) as unknown[];
      pair[slot] = number;
      condition.value = pair as [number, number];
    } else if (number === undefined) delete condition.value;
    else condition.value = number;
    this.commit();
  }

  private removeItem(parent: ConditionGroup, index: number): void {
    this.items(parent).splice(index, 1);
    this.commit();
  }

  private renderValue(condition: Condition, field: FieldDef, info: OperatorInfo, n: number) {
    const locale = this.uiLocale;
    const value = condition.value;
    switch (info.value) {
      case 'none':
        return nothing;
      case 'text':
        return html`<input
          class="value"
          type="text"
          aria-label=${msg(locale, 'value', { n })}
          .value=${typeof value === 'string' ? value : ''}
          @input=${(e: Event) => {
            const text = (e.target as HTMLInputElement).value;
            if (text === '') delete condition.value;
            else condition.value = text;
            this.commit();
          }}
        />`;
      case 'number':
      case 'numberRange': {
        const range = info.value === 'numberRange';
        const drafts = this.drafts.get(condition) ?? [];
        const slots = range ? [0, 1] : [0];
        return slots.map((slot) => {
          const stored = range ? (Array.isArray(value) ? value[slot] : undefined) : value;
          const text = drafts[slot] ?? this.showNumber(field, stored);
          const invalid = text.trim() !== '' && this.parseNumber(field, text) === undefined;
          return html`<input
            class=${range ? (slot === 0 ? 'value from' : 'value to') : 'value'}
            type="text"
            inputmode="decimal"
            aria-label=${msg(locale, range ? (slot === 0 ? 'from' : 'to') : 'value', { n })}
            aria-invalid=${invalid ? 'true' : 'false'}
            title=${invalid ? msg(locale, 'invalid') : ''}
            .value=${text}
            @input=${(e: Event) => this.onNumber(condition, field, slot, (e.target as HTMLInputElement).value, range)}
          />`;
        });
      }
      case 'date':
        return html`<input
          class="value"
          type="date"
          aria-label=${msg(locale, 'value', { n })}
          .value=${typeof value === 'string' ? value : ''}
          @input=${(e: Event) => {
            const day = (e.target as HTMLInputElement).value;
            if (day) condition.value = day;
            else delete condition.value;
            this.commit();
          }}
        />`;
      case 'dateRange':
        return [0, 1].map(
          (slot) => html`<input
            class=${slot === 0 ? 'value from' : 'value to'}
            type="date"
            aria-label=${msg(locale, slot === 0 ? 'from' : 'to', { n })}
            .value=${Array.isArray(value) ? String(value[slot] ?? '') : ''}
            @input=${(e: Event) => {
              const pair = (Array.isArray(value) ? [...value] : ['', '']) as string[];
              pair[slot] = (e.target as HTMLInputElement).value;
              condition.value = pair as [string, string];
              this.commit();
            }}
          />`,
        );
      case 'period': {
        const period = (value as RelativePeriod | undefined) ?? { n: 30, unit: 'day' };
        return html`<input
            class="value count"
            type="number"
            min="0"
            step="1"
            aria-label=${msg(locale, 'count', { n })}
            .value=${String(period.n)}
            @input=${(e: Event) => {
              condition.value = { n: (e.target as HTMLInputElement).valueAsNumber, unit: period.unit };
              this.commit();
            }}
          /><select
            class="unit"
            aria-label=${msg(locale, 'unit', { n })}
            @change=${(e: Event) => {
              condition.value = { n: period.n, unit: (e.target as HTMLSelectElement).value as RelativePeriod['unit'] };
              this.commit();
            }}
          >
            ${(['day', 'week', 'month'] as const).map((unit) => html`<option value=${unit} ?selected=${period.unit === unit}>${msg(locale, unit)}</option>`)}
          </select>`;
      }
      case 'choices': {
        const selected = Array.isArray(value) ? (value as string[]) : [];
        return html`<fieldset class="choices">
          <legend class="hidden">${msg(locale, 'value', { n })}</legend>
          ${fieldChoices(field).map(
            (choice) => html`<label
              ><input
                type="checkbox"
                value=${choice.id}
                .checked=${selected.includes(choice.id)}
                @change=${(e: Event) => {
                  const on = (e.target as HTMLInputElement).checked;
                  const next = selected.filter((id) => id !== choice.id);
                  if (on) next.push(choice.id);
                  // Keep the field's choice order, whatever order they were ticked in.
                  const order = fieldChoices(field).map((c) => c.id);
                  condition.value = next.sort((a, b) => order.indexOf(a) - order.indexOf(b));
                  this.commit();
                }}
              />${labelOf(choice, locale)}</label
            >`,
          )}
        </fieldset>`;
      }
      case 'record': {
        const target = linkedTable(field);
        const records = target && this.derived?.ready ? this.derived.all(target).slice(0, RECORD_CHOICES) : undefined;
        const onChange = (e: Event) => {
          const id = (e.target as HTMLInputElement | HTMLSelectElement).value;
          if (id) condition.value = id;
          else delete condition.value;
          this.commit();
        };
        if (!records) {
          return html`<input class="value" type="text" aria-label=${msg(locale, 'value', { n })} .value=${typeof value === 'string' ? value : ''} @input=${onChange} />`;
        }
        return html`<select class="value" aria-label=${msg(locale, 'value', { n })} @change=${onChange}>
          <option value="" ?selected=${!value}>—</option>
          ${records.map((r) => html`<option value=${r.id} ?selected=${value === r.id}>${this.derived?.label(target!, r.id) ?? r.id}</option>`)}
        </select>`;
      }
    }
  }

  private renderCondition(condition: Condition, parent: ConditionGroup, index: number, n: number, table: TableDef) {
    const locale = this.uiLocale;
    const field = table.fields.find((f) => f.id === condition.field);
    const infos = field ? operatorsFor(field) : [];
    const info = infos.find((i) => i.op === condition.op);
    return html`<div class="row" part="row">
      <select class="field" aria-label=${msg(locale, 'field', { n })} @change=${(e: Event) => this.onField(condition, (e.target as HTMLSelectElement).value, table)}>
        ${field ? nothing : html`<option value="" selected>${condition.field}</option>`}
        ${table.fields.map((f) => html`<option value=${f.id} ?selected=${f.id === condition.field}>${labelOf(f, locale)}</option>`)}
      </select>
      ${field
        ? html`<select class="op" aria-label=${msg(locale, 'op', { n })} @change=${(e: Event) => this.onOp(condition, (e.target as HTMLSelectElement).value, field)}>
            ${infos.map((i) => html`<option value=${i.op} ?selected=${i.op === condition.op}>${i.labels[locale]}</option>`)}
          </select>`
        : nothing}
      ${field && info ? this.renderValue(condition, field, info, n) : nothing}
      <button type="button" class="remove" aria-label=${msg(locale, 'remove', { n })} title=${msg(locale, 'remove', { n })} @click=${() => this.removeItem(parent, index)}>
        <span aria-hidden="true">✕</span>
      </button>
    </div>`;
  }

  private renderGroup(group: ConditionGroup, parent: ConditionGroup | undefined, index: number, counter: { n: number }, table: TableDef): unknown {
    const locale = this.uiLocale;
    const { and, items } = groupItems(group);
    return html`<fieldset class="group" part="group">
      <legend class="hidden">${msg(locale, and ? 'all' : 'any')}</legend>
      <div class="head">
        <label
          >${msg(locale, 'match')}
          <select class="mode" @change=${(e: Event) => this.setMode(group, (e.target as HTMLSelectElement).value === 'all')}>
            <option value="all" ?selected=${and}>${msg(locale, 'all')}</option>
            <option value="any" ?selected=${!and}>${msg(locale, 'any')}</option>
          </select></label
        >
        ${parent
          ? html`<button type="button" class="remove-group" @click=${() => this.removeItem(parent, index)}>${msg(locale, 'removeGroup')}</button>`
          : nothing}
      </div>
      ${items.length === 0 && !parent ? html`<p class="status">${msg(locale, 'none')}</p>` : nothing}
      ${items.map((item, i) => (isGroup(item) ? this.renderGroup(item, group, i, counter, table) : this.renderCondition(item, group, i, ++counter.n, table)))}
      <div class="actions">
        <button
          type="button"
          class="add"
          @click=${() => {
            items.push(this.newCondition(table));
            this.commit();
          }}
        >
          ＋ ${msg(locale, 'add')}
        </button>
        <button
          type="button"
          class="add-group"
          @click=${() => {
            items.push({ all: [this.newCondition(table)] });
            this.commit();
          }}
        >
          ＋ ${msg(locale, 'addGroup')}
        </button>
      </div>
    </fieldset>`;
  }

  override render() {
    const table = this.currentTable;
    const locale = this.uiLocale;
    if (!table || table.fields.length === 0) return nothing;
    if (!this.model) {
      return html`<p class="status custom">${msg(locale, 'custom')}</p>
        <button
          type="button"
          class="replace"
          @click=${() => {
            this.model = { all: [] };
            this.commit();
          }}
        >
          ${msg(locale, 'replace')}
        </button>`;
    }
    return this.renderGroup(this.model, undefined, 0, { n: 0 }, table);
  }
}

export type { ConditionValue };

declare global {
  interface HTMLElementTagNameMap {
    'ltc-condition-builder': LtcConditionBuilder;
  }
  interface GlobalEventHandlersEventMap {
    'ltc-condition-changed': CustomEvent<ConditionChangedDetail>;
  }
}
