/**
 * `<ltc-run-compare>`: the run log's "Compare variants" panel for one rule with an A/B split.
 * The user picks the outcome — a related record dated within N days after the run (a
 * customer's paid order: relation, date field, days, an optional condition), or a condition
 * the record matches now — and gets, per variant, the records reached, converted and still
 * in their window, the rate, and the p-value of a two-proportion z-test against the first
 * variant (src/core/rules/outcomes.ts). "Save" stores the outcome on the rule with one
 * `putApp` based on the app version shown, so an edit made meanwhile elsewhere is refused
 * with a message instead of being overwritten. Loaded with the designer script inside
 * `<ltc-run-log>`.
 *
 * @summary Compare a rule's A/B variants on an outcome.
 * @csspart results - The table of variants.
 * @attr locale - `zh-CN` or `en` (from `<ltc-app>`, or set it).
 * @property locale - The UI language, `zh-CN` or `en` (from `<ltc-app>`, or set it).
 * @property app - The app definition, from `<ltc-app>` (set it when the element is used on its own).
 * @property store - The store, from `<ltc-app>` (set it when the element is used on its own).
 * @property derived - The app's derived values (formulas, rollups, inverse relations), from `<ltc-app>`.
 * @property rule - The RuleDef compared (from `app` and `rule-id`).
 */
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { AppDef, FieldDef, Locale, RecordData, TableDef } from '../../core/schema/types.js';
import { StaleWriteError, type Store } from '../../store/types.js';
import type { DerivedValues } from '../../runtime/derived.js';
import type { RuleDef } from '../../core/rules/model.js';
import { ruleIssueMessage, type RuleIssueCode } from '../../core/rules/messages.js';
import { MIN_OUTCOME_SAMPLE, checkOutcome, measureOutcome, outcomeRelation, type OutcomeRun, type RuleOutcome, type VariantOutcome } from '../../core/rules/outcomes.js';
import { fieldTypeOf } from '../../core/fields/index.js';
import { localTimeZone } from '../../core/time/zoned.js';
import { formatNumber, labelOf } from '../../i18n/index.js';
import { tr } from '../../i18n/runlog-ui.js';
import { appContext, derivedContext, localeContext, storeContext } from '../context.js';
import { baseStyles } from '../styles.js';

/** The outcome as the form edits it (every field present, so switching type keeps the others). */
interface Draft {
  type: RuleOutcome['type'];
  relationFieldId: string;
  dateFieldId: string;
  withinDays: number;
  relatedCondition: unknown;
  condition: unknown;
}

function draftOf(outcome: RuleOutcome | undefined): Draft {
  const draft: Draft = { type: 'related-record', relationFieldId: '', dateFieldId: '', withinDays: 30, relatedCondition: undefined, condition: undefined };
  if (outcome?.type === 'field') return { ...draft, type: 'field', condition: outcome.condition };
  if (outcome?.type === 'related-record') return { ...draft, relationFieldId: outcome.relationFieldId, dateFieldId: outcome.dateFieldId, withinDays: outcome.withinDays, relatedCondition: outcome.condition };
  return draft;
}

function outcomeOf(draft: Draft): RuleOutcome {
  if (draft.type === 'field') return { type: 'field', condition: draft.condition ?? true };
  const { relationFieldId, dateFieldId, withinDays, relatedCondition } = draft;
  return { type: 'related-record', relationFieldId, dateFieldId, withinDays, ...(relatedCondition !== undefined && relatedCondition !== true ? { condition: relatedCondition } : {}) };
}

const isDate = (field: FieldDef) => fieldTypeOf(field).scalar(field).type === 'date';

export class LtcRunCompare extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      fieldset {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: end;
      }
      label {
        display: flex;
        flex-direction: column;
        gap: 0.2rem;
      }
      .condition {
        flex-basis: 100%;
      }
      .actions {
        display: flex;
        gap: 0.5rem;
        margin: 0.5rem 0;
      }
      table {
        border-collapse: collapse;
        margin: 0.5rem 0;
      }
      th,
      td {
        border-bottom: 1px solid var(--_border);
        padding: 0.3rem 0.6rem;
        text-align: start;
      }
      td.number {
        text-align: end;
        font-variant-numeric: tabular-nums;
      }
      .note {
        color: var(--_muted);
      }
      .error {
        color: var(--_danger);
      }
    `,
  ];

  /** The rule whose variants are compared. */
  @property({ attribute: 'rule-id' }) accessor ruleId = '';
  /** The runs to measure (the run log's rows; other rules' runs are ignored). */
  @property({ attribute: false }) accessor runs: readonly OutcomeRun[] = [];
  /** The IANA time zone whose calendar days plain dates are counted in (default: the browser's). */
  @property({ attribute: 'time-zone' }) accessor timeZone = localTimeZone();
  @consume({ context: localeContext, subscribe: true }) @property() accessor locale: Locale = 'en';
  @consume({ context: appContext, subscribe: true }) @property({ attribute: false }) accessor app: AppDef | undefined;
  @consume({ context: storeContext, subscribe: true }) @property({ attribute: false }) accessor store: Store | undefined;
  @consume({ context: derivedContext, subscribe: true }) @property({ attribute: false }) accessor derived: DerivedValues | undefined;

  @state() private accessor draft: Draft = draftOf(undefined);
  @state() private accessor results: VariantOutcome[] | undefined;
  @state() private accessor message = '';
  @state() private accessor error = '';
  @state() private accessor busy = false;
  private draftFor = '';

  get rule(): RuleDef | undefined {
    return this.app?.rules?.find((rule) => rule.id === this.ruleId);
  }

  private get table(): TableDef | undefined {
    return this.app?.tables.find((table) => table.id === this.rule?.tableId);
  }

  private get relatedTable(): TableDef | undefined {
    const relation = this.table && outcomeRelation(this.table, this.draft.relationFieldId);
    return relation ? this.app?.tables.find((table) => table.id === relation.tableId) : undefined;
  }

  override willUpdate(): void {
    if (this.draftFor !== this.ruleId && this.rule) {
      this.draftFor = this.ruleId;
      this.draft = draftOf(this.rule.outcome);
      this.results = undefined;
    }
  }

  private set(patch: Partial<Draft>): void {
    this.draft = { ...this.draft, ...patch };
    this.results = undefined;
    this.message = '';
  }

  /** The first problem of the draft outcome, as a message; '' when it is complete. */
  private problem(): string {
    const table = this.table;
    if (!table || !this.app) return '';
    let first: { code: RuleIssueCode; params?: Record<string, string | number> } | undefined;
    checkOutcome(outcomeOf(this.draft), table, this.app, (_path, code, params) => (first ??= { code, ...(params ? { params } : {}) }));
    if (!first) return '';
    if (this.draft.type === 'related-record' && (!this.draft.relationFieldId || !this.draft.dateFieldId)) return tr(this.locale, 'compare.pick');
    return ruleIssueMessage(first, this.locale);
  }

  private async records(table: TableDef): Promise<RecordData[]> {
    if (this.derived?.ready) return this.derived.all(table.id);
    return this.store && this.app ? this.store.queryRecords(this.app.id, table.id) : [];
  }

  /** Measure the draft outcome over the runs. */
  async compare(): Promise<void> {
    const rule = this.rule;
    const table = this.table;
    this.error = this.problem();
    if (!rule || !table || this.error) return;
    const outcome = outcomeOf(this.draft);
    const related = outcome.type === 'related-record' ? this.relatedTable : undefined;
    const [records, relatedRecords] = await Promise.all([this.records(table), related ? this.records(related) : Promise.resolve([])]);
    const derived = this.derived;
    this.results = measureOutcome(rule.id, (rule.variants ?? []).map((v) => v.id), outcome, this.runs, {
      table,
      records: new Map(records.map((record) => [record.id, record])),
      relatedTable: related,
      relatedRecords,
      readValue: derived ? (record, field) => derived.value(record.tableId, record.id, field.id) as never : undefined,
      timeZone: this.timeZone,
      now: new Date(),
    });
  }

  /** Store the draft outcome on the rule (one versioned write). */
  async save(): Promise<void> {
    const { store, app, rule } = this;
    this.error = this.problem();
    if (!store || !app || !rule || this.error || this.busy) return;
    this.busy = true;
    this.message = '';
    try {
      const outcome = outcomeOf(this.draft);
      const next: AppDef = { ...app, rules: (app.rules ?? []).map((r) => (r.id === rule.id ? { ...r, outcome } : r)) };
      this.app = await store.putApp(next, app.version);
      this.message = tr(this.locale, 'compare.saved', { name: labelOf(rule, this.locale) });
    } catch (error) {
      this.error = error instanceof StaleWriteError ? tr(this.locale, 'compare.stale', { actual: String(error.actualVersion ?? '') }) : tr(this.locale, 'compare.failed', { reason: (error as Error).message });
    } finally {
      this.busy = false;
    }
  }

  private renderRelated(table: TableDef) {
    const locale = this.locale;
    const relations = table.fields.filter((field) => outcomeRelation(table, field.id) && this.app?.tables.some((t) => t.id === outcomeRelation(table, field.id)!.tableId));
    const related = this.relatedTable;
    const dates = related?.fields.filter(isDate) ?? [];
    return html`
      <label
        >${tr(locale, 'compare.relation')}
        <select name="relation" @change=${(e: Event) => this.set({ relationFieldId: (e.target as HTMLSelectElement).value, dateFieldId: '', relatedCondition: undefined })}>
          <option value="" ?selected=${!this.draft.relationFieldId}>—</option>
          ${relations.map((field) => html`<option value=${field.id} ?selected=${field.id === this.draft.relationFieldId}>${labelOf(field, locale)}</option>`)}
        </select>
      </label>
      <label
        >${tr(locale, 'compare.date')}
        <select name="date" ?disabled=${!related} @change=${(e: Event) => this.set({ dateFieldId: (e.target as HTMLSelectElement).value })}>
          <option value="" ?selected=${!this.draft.dateFieldId}>—</option>
          ${dates.map((field) => html`<option value=${field.id} ?selected=${field.id === this.draft.dateFieldId}>${labelOf(field, locale)}</option>`)}
        </select>
      </label>
      <label
        >${tr(locale, 'compare.days')}
        <input name="days" type="number" min="1" max="3650" step="1" .value=${String(this.draft.withinDays)} @change=${(e: Event) => this.set({ withinDays: Number((e.target as HTMLInputElement).value) })} />
      </label>
      ${related
        ? html`<div class="condition" role="group" aria-label=${tr(locale, 'compare.relatedCondition')}>
            <span>${tr(locale, 'compare.relatedCondition')}</span>
            <ltc-condition-builder .table=${related} table-id=${related.id} .value=${this.draft.relatedCondition ?? true} @ltc-condition-changed=${(e: CustomEvent<{ logic: unknown }>) => this.set({ relatedCondition: e.detail.logic })}></ltc-condition-builder>
          </div>`
        : nothing}
    `;
  }

  private renderResults(rule: RuleDef, results: VariantOutcome[]) {
    const locale = this.locale;
    const percent = (rate: number | null) => (rate === null ? '—' : `${formatNumber(rate * 100, locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`);
    const p = (value: number | null) => (value === null ? '—' : value < 0.001 ? '< 0.001' : formatNumber(value, locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 }));
    return html`<table part="results">
        <caption>
          ${tr(locale, 'compare.table', { name: labelOf(rule, locale) })}
        </caption>
        <thead>
          <tr>
            ${(['compare.variant', 'compare.reached', 'compare.converted', 'compare.pending', 'compare.rate', 'compare.pValue', 'compare.hint'] as const).map((key) => html`<th scope="col">${tr(locale, key)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${results.map(
            (line) => html`<tr>
              <th scope="row">${line.variant ?? tr(locale, 'runlog.noVariant')}</th>
              <td class="number">${formatNumber(line.reached, locale)}</td>
              <td class="number">${formatNumber(line.converted, locale)}</td>
              <td class="number">${formatNumber(line.pending, locale)}</td>
              <td class="number">${percent(line.rate)}</td>
              <td class="number">${p(line.pValue)}</td>
              <td>${tr(locale, `compare.hint.${line.hint}`)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      <p class="note">${tr(locale, 'compare.note', { n: MIN_OUTCOME_SAMPLE })}</p>`;
  }

  override render() {
    const locale = this.locale;
    const rule = this.rule;
    const table = this.table;
    if (!rule || !table) return nothing;
    if (!rule.variants?.length) return html`<p>${tr(locale, 'compare.noVariants')}</p>`;
    return html`
      <fieldset>
        <legend>${tr(locale, 'compare.outcome')}</legend>
        <label
          >${tr(locale, 'compare.outcome')}
          <select name="type" @change=${(e: Event) => this.set({ type: (e.target as HTMLSelectElement).value as Draft['type'] })}>
            ${(['related-record', 'field'] as const).map((type) => html`<option value=${type} ?selected=${this.draft.type === type}>${tr(locale, `compare.type.${type}`)}</option>`)}
          </select>
        </label>
        ${this.draft.type === 'related-record'
          ? this.renderRelated(table)
          : html`<div class="condition" role="group" aria-label=${tr(locale, 'compare.condition')}>
              <span>${tr(locale, 'compare.condition')}</span>
              <ltc-condition-builder .table=${table} table-id=${table.id} .value=${this.draft.condition ?? true} @ltc-condition-changed=${(e: CustomEvent<{ logic: unknown }>) => this.set({ condition: e.detail.logic })}></ltc-condition-builder>
            </div>`}
      </fieldset>
      <div class="actions">
        <button class="primary" name="compare" @click=${() => void this.compare()}>${tr(locale, 'compare.run')}</button>
        <button name="save" ?disabled=${this.busy} @click=${() => void this.save()}>${tr(locale, 'compare.save')}</button>
      </div>
      <p class="error" role="alert">${this.error}</p>
      <p role="status">${this.message}</p>
      ${this.results ? this.renderResults(rule, this.results) : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ltc-run-compare': LtcRunCompare;
  }
}
