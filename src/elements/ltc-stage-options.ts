/**
 * The property panel of a lifecycle stage field (`<ltc-stage-options>`, in the designer
 * script): which related records count (an inverse relation of the table), their date field,
 * the count condition (an `<ltc-condition-builder>` over the related table: paid only, …) and
 * the three thresholds with their defaults. Drawn by the stage widget's `renderOptions` inside
 * `<ltc-field-editor>`; every change goes to `onChange` as a patch of the field's options,
 * which the editor validates and saves.
 *
 * @summary The options of a lifecycle stage field.
 * @attr locale - `zh-CN` or `en`.
 * @property locale - The UI language, `zh-CN` or `en` (from `<ltc-app>`, or set it).
 * @property app - The app definition, from `<ltc-app>` (set it when the element is used on its own).
 */
import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { AppDef, FieldDef, FieldOptions, Locale, TableDef } from '../core/schema/types.js';
import { fieldTypeOf, isInverseLink } from '../core/fields/index.js';
import type { OptionSpec } from '../core/fields/types.js';
import { labelOf } from '../i18n/index.js';
import { appContext } from './context.js';
import { baseStyles } from './styles.js';

const THRESHOLDS = ['silentAfterDays', 'churnedAfterDays', 'activeMinOrders'] as const;

export class LtcStageOptions extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: grid;
        gap: 0.6rem;
      }
      .row {
        display: grid;
        grid-template-columns: minmax(8rem, 12rem) 1fr;
        gap: 0.5rem;
        align-items: start;
      }
      small {
        grid-column: 2;
        color: var(--_muted);
      }
    `,
  ];

  /** The field being edited (its draft). */
  @property({ attribute: false }) accessor field: FieldDef | undefined;
  /** The table the field belongs to. */
  @property({ attribute: 'table-id' }) accessor tableId = '';
  @property() accessor locale: Locale = 'en';
  @consume({ context: appContext, subscribe: true }) @property({ attribute: false }) accessor app: AppDef | undefined;
  /** Receives each change as a patch of the field's options. */
  @property({ attribute: false }) accessor onChange: (patch: Partial<FieldOptions>) => void = () => undefined;

  private spec(key: string): OptionSpec | undefined {
    return fieldTypeOf('stage').options.find((s) => s.key === key);
  }

  private get table(): TableDef | undefined {
    return this.app?.tables.find((t) => t.id === this.tableId);
  }

  /** The related table of the chosen source relation. */
  private get related(): TableDef | undefined {
    const source = this.table?.fields.find((f) => f.id === this.field?.options?.source);
    return this.app?.tables.find((t) => t.id === source?.options?.table);
  }

  private label(key: string): string {
    return this.spec(key)?.labels[this.locale] ?? key;
  }

  private help(key: string) {
    const help = this.spec(key)?.help?.[this.locale];
    return help ? html`<small id="help-${key}">${help}</small>` : nothing;
  }

  private renderSelect(key: 'source' | 'dateField', fields: readonly FieldDef[]) {
    const current = this.field?.options?.[key];
    return html`<div class="row">
      <label for="opt-${key}">${this.label(key)}</label>
      <select id="opt-${key}" data-option=${key} aria-describedby="help-${key}" @change=${(e: Event) => this.onChange({ [key]: (e.target as HTMLSelectElement).value || undefined })}>
        <option value="" ?selected=${!current}>—</option>
        ${fields.map((f) => html`<option value=${f.id} ?selected=${current === f.id}>${labelOf(f, this.locale)}</option>`)}
      </select>
      ${this.help(key)}
    </div>`;
  }

  private renderThreshold(key: (typeof THRESHOLDS)[number]) {
    const spec = this.spec(key);
    const value = this.field?.options?.[key] ?? spec?.default;
    return html`<div class="row">
      <label for="opt-${key}">${this.label(key)}</label>
      <input
        id="opt-${key}"
        data-option=${key}
        type="number"
        min="1"
        step="1"
        aria-describedby="help-${key}"
        .value=${value === undefined ? '' : String(value)}
        @input=${(e: Event) => {
          const n = Number((e.target as HTMLInputElement).value);
          this.onChange({ [key]: Number.isInteger(n) && n >= 1 ? n : undefined });
        }}
      />
      ${this.help(key)}
    </div>`;
  }

  override render() {
    const sources = (this.table?.fields ?? []).filter((f) => isInverseLink(f));
    const related = this.related;
    const dates = (related?.fields ?? []).filter((f) => f.type === 'date' || f.type === 'datetime');
    return html`${this.renderSelect('source', sources)} ${this.renderSelect('dateField', dates)}
      ${related
        ? html`<div class="row">
            <span id="label-countWhen">${this.label('countWhen')}</span>
            <ltc-condition-builder
              aria-labelledby="label-countWhen"
              .table=${related}
              .value=${this.field?.options?.countWhen ?? true}
              locale=${this.locale}
              @ltc-condition-changed=${(e: CustomEvent<{ logic: unknown }>) => this.onChange({ countWhen: e.detail.logic === true ? undefined : e.detail.logic })}
            ></ltc-condition-builder>
            ${this.help('countWhen')}
          </div>`
        : nothing}
      ${THRESHOLDS.map((key) => this.renderThreshold(key))}`;
  }
}
