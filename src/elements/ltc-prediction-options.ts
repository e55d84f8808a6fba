/**
 * The property panel of prediction and RFM fields (`<ltc-prediction-options>`, in the
 * designer script): what is predicted (or which RFM output is shown), which related records
 * count (an inverse relation of the table), their date and amount fields, the count condition
 * (an `<ltc-condition-builder>` over the related table) and the settings of the chosen
 * prediction — horizon in days, churn-risk thresholds, or CLV months, monthly discount rate and
 * margin. Drawn by the widgets' `renderOptions` inside `<ltc-field-editor>`; every change goes
 * to `onChange` as a patch of the field's options, which the editor validates and saves.
 *
 * @summary The options of a prediction or RFM field.
 * @attr locale - `zh-CN` or `en` (default: the workspace's).
 */
import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { AppDef, FieldDef, FieldOptions, Locale, TableDef } from '../core/schema/types.js';
import { fieldTypeOf, isInverseLink } from '../core/fields/index.js';
import type { OptionSpec } from '../core/fields/types.js';
import { labelOf } from '../i18n/index.js';
import { tp, type PredictUiKey } from '../i18n/predict-ui.js';
import { appContext } from './context.js';
import { baseStyles } from './styles.js';

type NumberKey = 'horizonDays' | 'horizonMonths' | 'discountRatePerMonth' | 'margin' | 'churnHighBelow' | 'churnLowFrom';

/** The numeric settings shown for each prediction, with the help line under them. */
const SETTINGS: Record<'purchases' | 'alive' | 'clv', { keys: NumberKey[]; help: PredictUiKey }> = {
  purchases: { keys: ['horizonDays'], help: 'predict.horizonDaysHelp' },
  alive: { keys: ['churnHighBelow', 'churnLowFrom'], help: 'predict.churnHelp' },
  clv: { keys: ['horizonMonths', 'discountRatePerMonth', 'margin'], help: 'predict.clvHelp' },
};

export class LtcPredictionOptions extends LitElement {
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
      small,
      .note {
        grid-column: 2;
        color: var(--_muted);
      }
      .warn {
        color: var(--_danger);
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
    return fieldTypeOf(this.field?.type ?? 'prediction').options.find((s) => s.key === key);
  }

  private get table(): TableDef | undefined {
    return this.app?.tables.find((t) => t.id === this.tableId);
  }

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

  private renderEnum(key: 'predict' | 'rfmOutput') {
    const spec = this.spec(key);
    const current = this.field?.options?.[key] ?? spec?.default;
    return html`<div class="row">
      <label for="opt-${key}">${this.label(key)}</label>
      <select id="opt-${key}" data-option=${key} @change=${(e: Event) => this.onChange({ [key]: (e.target as HTMLSelectElement).value })}>
        ${(spec?.values ?? []).map((v) => (typeof v === 'string' ? { value: v, labels: { 'zh-CN': v, en: v } } : v)).map((v) => html`<option value=${v.value} ?selected=${current === v.value}>${v.labels[this.locale]}</option>`)}
      </select>
    </div>`;
  }

  private renderSelect(key: 'source' | 'dateField' | 'amountField', fields: readonly FieldDef[]) {
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

  private renderNumber(key: NumberKey, describedBy: string) {
    const spec = this.spec(key);
    const value = this.field?.options?.[key] ?? spec?.default;
    const integer = spec?.kind === 'integer';
    return html`<div class="row">
      <label for="opt-${key}">${this.label(key)}</label>
      <input
        id="opt-${key}"
        data-option=${key}
        type="number"
        min=${spec?.min ?? 0}
        max=${spec?.max ?? ''}
        step=${integer ? '1' : 'any'}
        aria-describedby=${describedBy}
        .value=${value === undefined ? '' : String(value)}
        @input=${(e: Event) => {
          const text = (e.target as HTMLInputElement).value;
          const n = Number(text);
          const ok = text !== '' && Number.isFinite(n) && (!integer || Number.isInteger(n)) && n >= (spec?.min ?? 0) && n <= (spec?.max ?? Infinity);
          this.onChange({ [key]: ok ? n : undefined });
        }}
      />
    </div>`;
  }

  private renderSettings() {
    const predict = this.field?.options?.predict ?? 'purchases';
    const { keys, help } = SETTINGS[predict];
    const o = this.field?.options ?? {};
    const misordered = predict === 'alive' && (o.churnLowFrom ?? 0.7) < (o.churnHighBelow ?? 0.3);
    return html`${keys.map((key) => this.renderNumber(key, 'help-settings'))}
      <div class="row"><small id="help-settings" class="note">${help ? tp(this.locale, help) : ''}</small></div>
      ${misordered ? html`<div class="row"><p class="note warn" role="alert" data-problem="thresholds">${tp(this.locale, 'predict.thresholdOrder')}</p></div>` : nothing}`;
  }

  override render() {
    const rfm = this.field?.type === 'rfm';
    const sources = (this.table?.fields ?? []).filter((f) => isInverseLink(f));
    const related = this.related;
    const dates = (related?.fields ?? []).filter((f) => f.type === 'date' || f.type === 'datetime');
    const amounts = (related?.fields ?? []).filter((f) => ['money', 'number'].includes(f.type) || (f.type === 'formula' && ['money', 'number'].includes(f.options?.resultType ?? '')));
    return html`${this.renderEnum(rfm ? 'rfmOutput' : 'predict')} ${this.renderSelect('source', sources)} ${this.renderSelect('dateField', dates)}
      ${this.renderSelect('amountField', amounts)}
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
      ${rfm ? nothing : this.renderSettings()}`;
  }
}
