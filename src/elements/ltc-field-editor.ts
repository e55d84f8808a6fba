/**
 * `<ltc-field-editor>`: add a field to a table or change one — name, type (every type of
 * the widget registry, labelled in the UI language) and the type's settings: select
 * choices, money currency, number precision, relation target, a formula with its result
 * type. A special "LTV" entry builds a formula field from one of the four LTV presets:
 * pick the preset, map each of its inputs to a field of the table, a suggested rollup over
 * related orders or any expression, see the generated formula and its value on a real
 * record, and save it as an ordinary formula field whose source stays editable.
 *
 * Saving goes through `saveField` (src/runtime/app-edits.ts): names unique, formulas
 * compiled with cycles refused, renames followed by every formula, stale writes refused.
 * Problems are shown next to the input they concern.
 *
 * @summary Add or edit a field, including LTV formula presets.
 * @event ltc-field-saved - The field was stored. `detail: { app, tableId, fieldId }` (`app` is the stored AppDef).
 * @event ltc-field-cancelled - The user pressed Cancel or Escape. `detail: { tableId, fieldId }`
 * @csspart form - The `<form>`.
 * @csspart actions - The row of buttons.
 * @csspart formula-editor - The nested `<ltc-formula-editor>`.
 * @csspart ltv - The LTV preset section.
 */
import { StoreController } from './store-controller.js';
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import { FormulaError, evaluateFormula, isToMany, scopeForTable } from '../core/formula/index.js';
import { compileFormula } from '../core/formula/compiler.js';
import { LTV_PRESETS, buildLtvFormula, ltvPreset, type LtvPreset, type LtvPresetInput } from '../core/lifecycle/presets.js';
import { createId } from '../core/ids.js';
import type { AppDef, ChoiceDef, FieldDef, FieldOptions, FormulaResultType, Locale, TableDef } from '../core/schema/types.js';
import { StaleWriteError, type Store } from '../store/types.js';
import { DerivedValues } from '../runtime/derived.js';
import { FieldEditError, evaluationObject, onFieldAsItWas, saveField } from '../runtime/app-edits.js';
import { labelOf, t } from '../i18n/index.js';
import { tf } from '../i18n/formula-ui.js';
import { getWidget, listWidgets } from '../../widgets/registry.js';
import { fieldTypeOf, scalarOf } from '../core/fields/index.js';
import type { OptionSpec } from '../core/fields/types.js';
import { checkFormulaSource, formatPreview, resultTypeLabel, type LtcFormulaEditor, type PreviewResult } from './ltc-formula-editor.js';
import { appContext, derivedContext, localeContext, storeContext } from './context.js';
import { baseStyles } from './styles.js';

/** The type-select value of the LTV preset entry (it saves a `formula` field). */
export const LTV_KIND = 'ltv';

/** What `ltc-field-saved` carries. */
export interface FieldSavedDetail {
  /** The app as stored, with the field saved (and renamed references rewritten). */
  app: AppDef;
  tableId: string;
  fieldId: string;
}

const CUSTOM = '__custom__';
const RESULT_TYPES: FormulaResultType[] = ['number', 'money', 'percent', 'text', 'date', 'boolean'];
/** Scalar types a formula multiplies (the field types behind them are the registry's business). */
const NUMERIC_SCALARS = new Set<string>(['number', 'money', 'percent']);

/**
 * Field names that usually hold a preset input, beyond the preset's own suggestion
 * (the customer-ltv template calls the margin 毛利率, and a lifespan is often the
 * relationship length).
 */
const INPUT_ALIASES: Record<string, string[]> = {
  lifespanYears: ['关系时长', 'Relationship length'],
  profitMargin: ['毛利率', 'Gross margin'],
};

interface MappingOption {
  value: string;
  label: string;
}

/** Rollups over related records that fit a preset input (by input id). */
function rollupsFor(app: AppDef, table: TableDef, input: LtvPresetInput): string[] {
  const out: string[] = [];
  const scope = scopeForTable(app, table.id);
  for (const relation of scope.fields) {
    if (!relation.fields || !isToMany(relation)) continue;
    const ref = (f: { name: string }) => `{${relation.name}.${f.name}}`;
    // Stored amounts and dates only (rolling up a computed value is left to the formula editor).
    const stored = relation.fields.filter((f) => fieldTypeOf(f.type).category !== 'computed');
    const amounts = stored.filter((f) => scalarOf(f) === 'money' || scalarOf(f) === 'number');
    const dates = stored.filter((f) => scalarOf(f) === 'date');
    for (const amount of amounts) {
      if (input.id === 'averageOrderValue') out.push(`AVERAGE(${ref(amount)})`);
      if (input.id === 'purchaseFrequency') {
        out.push(`COUNT(${ref(amount)})`);
        for (const date of dates) out.push(`COUNT(${ref(amount)}) / MAX(1, DAYS(TODAY(), MIN(${ref(date)})) / 365)`);
      }
    }
    if (input.id === 'relationshipYears' || input.id === 'lifespanYears') {
      for (const date of dates) out.push(`IF(COUNT(${ref(date)}) = 0, 0, DAYS(TODAY(), MIN(${ref(date)})) / 365)`);
    }
  }
  return out;
}

/** Number-like fields of the table, offered for every input. */
function numericFields(table: TableDef, currentFieldId: string): FieldDef[] {
  // A formula of unknown result type ('any') may well be a number: offer it too.
  return table.fields.filter((f) => f.id !== currentFieldId && (NUMERIC_SCALARS.has(scalarOf(f)) || scalarOf(f) === 'any'));
}

/** The default mapping of an input: a field named as the preset suggests, else the first rollup. */
function defaultMapping(app: AppDef, table: TableDef, input: LtvPresetInput, currentFieldId: string): string {
  const names = [input.suggestedField['zh-CN'], input.suggestedField.en, ...(INPUT_ALIASES[input.id] ?? [])].map((n) => n.toLowerCase());
  for (const name of names) {
    const field = numericFields(table, currentFieldId).find(
      (f) => f.name.toLowerCase() === name || Object.values(f.labels ?? {}).some((l) => l?.toLowerCase() === name),
    );
    if (field) return `{${field.name}}`;
  }
  return rollupsFor(app, table, input)[0] ?? '';
}

/** The worked example as arithmetic with its value computed by the formula engine: `4 × ¥100 × 80% = ¥320`. */
function workedExample(preset: LtvPreset, locale: Locale): string {
  const kinds = new Map(preset.inputs.map((i) => [i.id, i.kind]));
  const literal: Record<string, string> = {};
  const shown: Record<string, string> = {};
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  for (const [id, value] of Object.entries(preset.example.values)) {
    const kind = kinds.get(id);
    literal[id] = kind === 'percent' ? `${value * 100}%` : String(value);
    shown[id] = kind === 'percent' ? `${number.format(value * 100)}%` : kind === 'money' ? `¥${number.format(value)}` : number.format(value);
  }
  const result = evaluateFormula(compileFormula(buildLtvFormula(preset.id, literal), { fields: [] }), {});
  const text = preset.template
    .replace(/\[\[(\w+)\]\]/g, (_, id: string) => shown[id] ?? id)
    .replace(/\*/g, '×')
    .replace(/ - /g, ' − ');
  return `${text} = ¥${typeof result === 'number' ? number.format(result) : String(result)}`;
}

/** A field as comparable text: keys sorted, undefined and empty `options` dropped. */
function canonical(field: FieldDef): string {
  const sort = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sort);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value).sort()) {
        const v = (value as Record<string, unknown>)[key];
        if (v !== undefined) out[key] = sort(v);
      }
      return out;
    }
    return value;
  };
  const { options, ...rest } = field;
  return JSON.stringify(sort(options && Object.keys(options).length ? field : rest));
}

export class LtcFieldEditor extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        gap: 0.9rem;
      }
      h3 {
        margin: 0;
        font-size: 1.1rem;
      }
      .row {
        display: grid;
        grid-template-columns: minmax(7rem, 10rem) minmax(0, 1fr);
        gap: 0.25rem 0.75rem;
        align-items: start;
      }
      .row > label,
      .rules {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem 1.2rem;
        padding-top: 0.35em;
      }
      .row > .label {
        padding-top: 0.45em;
        color: var(--_muted);
      }
      .control {
        display: grid;
        gap: 0.3rem;
        min-width: 0;
      }
      .required::after {
        content: ' *';
        color: var(--_danger);
      }
      .message,
      .summary {
        color: var(--_danger);
        font-size: 0.92em;
      }
      .summary:not(:empty) {
        border: 1px solid var(--_danger);
        border-radius: var(--_radius);
        padding: 0.5rem 0.75rem;
      }
      .hint {
        color: var(--_muted);
        font-size: 0.88em;
        margin: 0;
      }
      fieldset {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 0.6rem 0.8rem 0.8rem;
        margin: 0;
        display: grid;
        gap: 0.5rem;
        min-width: 0;
      }
      legend {
        color: var(--_muted);
        padding: 0 0.3rem;
      }
      .choice {
        display: flex;
        gap: 0.4rem;
      }
      .choice input {
        flex: 1;
      }
      .presets {
        display: grid;
        gap: 0.4rem;
      }
      .preset {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.1rem 0.5rem;
        padding: 0.45rem 0.6rem;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        cursor: pointer;
      }
      .preset:has(input:checked) {
        border-color: var(--_primary);
        box-shadow: inset 3px 0 0 var(--_primary);
      }
      .preset small {
        grid-column: 2;
        color: var(--_muted);
      }
      .mapping {
        display: grid;
        grid-template-columns: minmax(8rem, 12rem) minmax(0, 1fr);
        gap: 0.4rem 0.75rem;
        align-items: center;
      }
      .mapping .control select,
      .mapping .control input {
        width: 100%;
      }
      code.generated {
        display: block;
        padding: 0.5rem 0.65rem;
        border-radius: var(--_radius);
        background: var(--_surface-alt);
        font-family: var(--ltc-formula-font, ui-monospace, Menlo, Consolas, monospace);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .preview {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem 0.75rem;
        align-items: center;
      }
      .preview output {
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
      .preview output.error {
        color: var(--_danger);
      }
      .actions {
        display: flex;
        justify-content: flex-end;
        gap: 0.5rem;
      }
      @media (max-width: 560px) {
        .row,
        .mapping {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  /** The app (from `<ltc-app>` when inside one). */
  @consume({ context: appContext, subscribe: true }) @property({ attribute: false }) accessor app: AppDef | undefined;
  /** UI language (from `<ltc-app>` when inside one). */
  @consume({ context: localeContext, subscribe: true }) @property() accessor locale: Locale = 'en';
  /** Where the app is saved (from `<ltc-app>` when inside one). */
  @consume({ context: storeContext, subscribe: true }) @property({ attribute: false }) accessor store: Store | undefined;
  /** Computed values, for previews (from `<ltc-app>`; read from the store when absent). */
  @consume({ context: derivedContext, subscribe: true }) @property({ attribute: false }) accessor derived: DerivedValues | undefined;

  /** The table the field belongs to. */
  @property({ attribute: 'table-id' }) accessor tableId = '';
  /** The field to edit; empty to add a new one. */
  @property({ attribute: 'field-id' }) accessor fieldId = '';

  /** The field as being edited (type `formula` in LTV mode). */
  @state() accessor draft: FieldDef = { id: '', name: '', type: 'text', options: {} };
  /** The type select's value: a widget type or `ltv`. */
  @state() accessor kind = 'text';
  @state() accessor presetId: LtvPreset['id'] = 'retention-weighted';
  /** LTV input id → mapped expression. */
  @state() accessor mapping: Record<string, string> = {};
  /** LTV inputs mapped by free text rather than from the list. */
  @state() private accessor customInputs: ReadonlySet<string> = new Set();
  @state() private accessor errors: Partial<Record<'name' | 'type' | 'options' | 'formula' | 'form', string>> & { inputs?: Record<string, string> } = {};
  @state() private accessor saving = false;
  @state() private accessor previewRecordId = '';

  private loadedKey = '';
  /**
   * The app as it was when the draft was opened (or last saved). Saves are based on its
   * version, so a change another tab made meanwhile is refused rather than overwritten — even
   * after `<ltc-app>` hands this editor the newer app through context.
   */
  private base: AppDef | undefined;
  private ownDerived: DerivedValues | undefined;
  /** Repaints the live preview when computed values change (the store and derived values of the app). */
  protected readonly subscriptions = new StoreController(this, {
    derived: () => this.values,
    onDerivedChange: () => this.requestUpdate(),
  });

  private get table(): TableDef | undefined {
    return this.app?.tables.find((t) => t.id === this.tableId);
  }

  private get existing(): FieldDef | undefined {
    return this.fieldId ? this.table?.fields.find((f) => f.id === this.fieldId) : undefined;
  }

  /** The field as stored in the app the draft was opened from (undefined for a new field). */
  private get original(): FieldDef | undefined {
    return this.fieldId ? this.base?.tables.find((t) => t.id === this.tableId)?.fields.find((f) => f.id === this.fieldId) : undefined;
  }

  /**
   * True when the draft differs from the stored field (or, for a new field, from the empty
   * draft) — what a dialog asks about before Escape discards it.
   */
  get dirty(): boolean {
    if (this.kind === LTV_KIND) return true;
    const original = this.original ?? { id: '', name: '', type: 'text', options: {} };
    return canonical({ ...this.draft, type: this.kind }) !== canonical(original);
  }

  private get values(): DerivedValues | undefined {
    return this.derived ?? this.ownDerived;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ownDerived?.dispose();
    this.ownDerived = undefined;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const key = `${this.app?.id}|${this.tableId}|${this.fieldId}`;
    if (key !== this.loadedKey && this.table) {
      this.loadedKey = key;
      this.reset();
    } else if (changed.has('app') && this.app && this.base && this.app !== this.base && !this.saving && !this.dirty) {
      // Nothing typed yet: follow the newer definition. With a draft, keep the version it was
      // based on, so saving it is refused instead of reverting the other change.
      this.reset();
    }
    if (changed.has('app') && this.app) this.ownDerived?.setApp(this.app);
    if (!this.derived && !this.ownDerived && this.store && this.app) {
      this.ownDerived = new DerivedValues(this.store, this.app);
      void this.ownDerived.load().then(() => this.requestUpdate());
    }
  }

  /** Start over from the stored field (or an empty new one). */
  reset(): void {
    this.base = this.app;
    const existing = this.existing;
    this.draft = existing ? structuredClone(existing) : { id: '', name: '', type: 'text', options: {} };
    this.kind = this.draft.type;
    this.errors = {};
    this.presetId = 'retention-weighted';
    this.mapping = {};
    this.customInputs = new Set();
  }

  // ---------------------------------------------------------------------------------
  // Editing the draft

  private setOptions(patch: Partial<FieldOptions>): void {
    const options: FieldOptions = { ...this.draft.options, ...patch };
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete options[k as keyof FieldOptions];
    this.draft = { ...this.draft, options };
  }

  private onName(event: Event): void {
    this.draft = { ...this.draft, name: (event.target as HTMLInputElement).value };
    const { name: _name, ...rest } = this.errors;
    this.errors = rest;
  }

  private onKind(event: Event): void {
    const kind = (event.target as HTMLSelectElement).value;
    this.kind = kind;
    this.errors = {};
    if (kind === LTV_KIND) {
      this.draft = { ...this.draft, type: 'formula' };
      this.choosePreset(this.presetId);
      return;
    }
    this.draft = { ...this.draft, type: kind };
    // Start required settings off with something valid: one choice, another table.
    for (const spec of fieldTypeOf(kind).options) {
      if (!spec.required) continue;
      if (spec.kind === 'choices' && !this.draft.options?.choices?.length) this.setOptions({ choices: [this.newChoice(1)] });
      if (spec.kind === 'table' && !this.draft.options?.table) this.setOptions({ table: this.app?.tables.find((t) => t.id !== this.tableId)?.id ?? this.tableId });
    }
  }

  private newChoice(index: number): ChoiceDef {
    return { id: createId('opt'), name: tf(this.locale, 'fieldEditor.newChoice', { index }) };
  }

  private choosePreset(id: string): void {
    const preset = ltvPreset(id);
    const table = this.table;
    if (!preset || !this.app || !table) return;
    this.presetId = preset.id;
    const mapping: Record<string, string> = {};
    for (const input of preset.inputs) mapping[input.id] = this.mapping[input.id] ?? defaultMapping(this.app, table, input, this.fieldId);
    this.mapping = mapping;
    this.customInputs = new Set([...this.customInputs].filter((id) => preset.inputs.some((i) => i.id === id)));
    // A name the user has not typed follows the preset.
    const name = this.draft.name.trim();
    if (!name || LTV_PRESETS.some((p) => p.labels[this.locale] === name)) this.draft = { ...this.draft, name: preset.labels[this.locale] };
  }

  private mapInput(inputId: string, value: string, custom: boolean): void {
    this.mapping = { ...this.mapping, [inputId]: value };
    const next = new Set(this.customInputs);
    if (custom) next.add(inputId);
    else next.delete(inputId);
    this.customInputs = next;
    if (this.errors.inputs?.[inputId]) {
      const { [inputId]: _removed, ...rest } = this.errors.inputs;
      this.errors = { ...this.errors, inputs: rest };
    }
  }

  /** The generated LTV source, or undefined while an input is unmapped. */
  get ltvSource(): string | undefined {
    try {
      return buildLtvFormula(this.presetId, this.mapping);
    } catch {
      return undefined;
    }
  }

  /** Switch from the LTV preset to the plain formula editor, keeping the generated source. */
  private editAsFormula(): void {
    const source = this.ltvSource;
    if (source === undefined) return;
    this.kind = 'formula';
    this.draft = { ...this.draft, type: 'formula', options: { ...this.draft.options, formula: source, resultType: this.draft.options?.resultType ?? 'money' } };
  }

  // ---------------------------------------------------------------------------------
  // Saving

  /** The field to store, or undefined with `errors` set. */
  private collect(): FieldDef | undefined {
    const draft = this.draft;
    if (this.kind !== LTV_KIND) return { ...draft, type: this.kind };
    const preset = ltvPreset(this.presetId)!;
    const inputs: Record<string, string> = {};
    for (const input of preset.inputs) {
      if (!this.mapping[input.id]?.trim()) inputs[input.id] = tf(this.locale, 'ltv.unmapped', { input: input.labels[this.locale] });
    }
    if (Object.keys(inputs).length > 0) {
      this.errors = { ...this.errors, inputs };
      return undefined;
    }
    return { ...draft, type: 'formula', options: { ...draft.options, formula: this.ltvSource!, resultType: draft.options?.resultType ?? 'money' } };
  }

  /** Validate and store the field; resolves to the stored app, or undefined when refused. */
  async save(): Promise<AppDef | undefined> {
    const { store, table } = this;
    const app = this.base ?? this.app;
    if (!store || !app || !table || this.saving) return undefined;
    this.errors = {};
    const field = this.collect();
    if (!field) return undefined;
    const creating = !this.existing;
    const id = creating ? field.id || createId('fld') : field.id;
    this.saving = true;
    try {
      // Applied on top of a change made meanwhile that left this field alone (onFieldAsItWas).
      const options = { locale: this.locale, mode: creating ? ('create' as const) : ('update' as const) };
      const saved = await onFieldAsItWas(store, app, table.id, id, (base) => saveField(store, base, table.id, { ...field, id }, options));
      // Standalone, the editor keeps editing what it saved; inside <ltc-app> the context brings the same app.
      this.app = saved;
      this.base = saved;
      this.fieldId = id;
      this.loadedKey = `${saved.id}|${table.id}|${id}`;
      const stored = saved.tables.find((t) => t.id === table.id)?.fields.find((f) => f.id === id);
      if (stored) {
        this.draft = structuredClone(stored);
        this.kind = stored.type;
      }
      const detail: FieldSavedDetail = { app: saved, tableId: table.id, fieldId: id };
      this.dispatchEvent(new CustomEvent('ltc-field-saved', { detail, bubbles: true, composed: true }));
      return saved;
    } catch (error) {
      if (error instanceof FieldEditError) {
        const target = error.target === 'formula' ? 'formula' : error.target === 'name' ? 'name' : error.target === 'options' ? 'options' : 'form';
        this.errors = { [target]: error.message };
      } else if (error instanceof StaleWriteError) {
        this.errors = { form: t(this.locale, 'field.definitionStale', { name: this.original?.name ?? field.name, actual: error.actualVersion ?? '—' }) };
      } else if (error instanceof FormulaError) {
        this.errors = { formula: error.message };
      } else {
        this.errors = { form: (error as Error).message };
      }
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return undefined;
    } finally {
      this.saving = false;
    }
  }

  private cancel(): void {
    this.reset();
    this.dispatchEvent(new CustomEvent('ltc-field-cancelled', { detail: { tableId: this.tableId, fieldId: this.fieldId }, bubbles: true, composed: true }));
  }

  private onKeyDown(event: KeyboardEvent): void {
    // The formula editor handles (and stops) Escape while its suggestion list is open.
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      this.cancel();
    }
  }

  // ---------------------------------------------------------------------------------
  // Rendering

  private renderTypeOptions() {
    const locale = this.locale;
    const options = listWidgets().map((w) => ({ value: w.type, label: w.labels[locale] ?? w.type }));
    if (!options.some((o) => o.value === this.kind) && this.kind !== LTV_KIND) options.push({ value: this.kind, label: this.kind });
    return html`${options.map((o) => html`<option value=${o.value} ?selected=${o.value === this.kind}>${o.label}</option>`)}
      <option value=${LTV_KIND} ?selected=${this.kind === LTV_KIND}>${tf(locale, 'fieldEditor.ltvType')}</option>`;
  }

  /** The current choices (read at event time, so quick successive clicks build on each other). */
  private get choices(): ChoiceDef[] {
    return this.draft.options?.choices ?? [];
  }

  private renderChoices() {
    const locale = this.locale;
    const update = (index: number, name: string) => this.setOptions({ choices: this.choices.map((c, i) => (i === index ? { ...c, name } : c)) });
    return html`<fieldset>
      <legend>${tf(locale, 'fieldEditor.choices')}</legend>
      ${repeat(
        this.choices,
        (choice) => choice.id,
        (choice, index) => html`<div class="choice">
          <input
            aria-label=${tf(locale, 'fieldEditor.choiceName', { index: index + 1 })}
            .value=${live(choice.name)}
            @input=${(e: Event) => update(index, (e.target as HTMLInputElement).value)}
          />
          <button
            type="button"
            class="remove-choice"
            aria-label=${tf(locale, 'fieldEditor.removeChoice', { name: choice.name })}
            @click=${() => this.setOptions({ choices: this.choices.filter((c) => c.id !== choice.id) })}
          >
            ×
          </button>
        </div>`,
      )}
      <div><button type="button" class="add-choice" @click=${() => this.setOptions({ choices: [...this.choices, this.newChoice(this.choices.length + 1)] })}>
        + ${tf(locale, 'fieldEditor.addChoice')}
      </button></div>
      ${this.errors.options ? html`<span class="message" role="alert">${this.errors.options}</span>` : nothing}
    </fieldset>`;
  }

  /** One number / integer / text setting of the options schema (precision, min, max, maxLength, placeholder …). */
  private renderValueOption(spec: OptionSpec) {
    const locale = this.locale;
    const numeric = spec.kind === 'number' || spec.kind === 'integer';
    const current = this.draft.options?.[spec.key];
    const shown = current ?? spec.default;
    return html`<div class="row">
      <label for=${`opt-${spec.key}`}>${spec.labels[locale]}</label>
      <input
        id=${`opt-${spec.key}`}
        data-option=${spec.key}
        type=${numeric ? 'number' : 'text'}
        min=${spec.min ?? nothing}
        max=${spec.max ?? nothing}
        step=${spec.kind === 'integer' ? '1' : 'any'}
        .value=${live(shown === undefined || shown === null ? '' : String(shown))}
        @input=${(e: Event) => {
          const text = (e.target as HTMLInputElement).value;
          if (!numeric) return this.setOptions({ [spec.key]: text === '' ? undefined : text });
          const n = Number(text);
          const ok = text.trim() !== '' && Number.isFinite(n) && (spec.kind !== 'integer' || Number.isInteger(n)) && (spec.min === undefined || n >= spec.min) && (spec.max === undefined || n <= spec.max);
          this.setOptions({ [spec.key]: ok ? n : undefined });
        }}
      />
    </div>`;
  }

  /** One setting of the type's options schema, drawn by its kind. */
  private renderOption(spec: OptionSpec) {
    const locale = this.locale;
    const app = this.app!;
    const options = this.draft.options ?? {};
    switch (spec.kind) {
      case 'choices':
        return this.renderChoices();
      case 'formula':
        return this.renderFormula();
      case 'table':
        return html`<div class="row">
          <label for="opt-${spec.key}">${spec.labels[locale]}</label>
          <div class="control">
            <select id="opt-${spec.key}" data-option=${spec.key} aria-invalid=${this.errors.options ? 'true' : 'false'} @change=${(e: Event) => this.setOptions({ [spec.key]: (e.target as HTMLSelectElement).value })}>
              ${app.tables.map((t) => html`<option value=${t.id} ?selected=${options[spec.key] === t.id}>${labelOf(t, locale)}</option>`)}
            </select>
            ${this.errors.options ? html`<span class="message" role="alert">${this.errors.options}</span>` : nothing}
          </div>
        </div>`;
      case 'boolean':
        return html`<div class="row">
          <span></span>
          <label
            ><input
              type="checkbox"
              data-option=${spec.key}
              .checked=${live(!!options[spec.key])}
              ?disabled=${fieldTypeOf(this.draft).isDerived(this.draft)}
              @change=${(e: Event) => this.setOptions({ [spec.key]: (e.target as HTMLInputElement).checked })}
            />
            ${spec.labels[locale]}</label
          >
        </div>`;
      case 'enum': {
        const current = String(options[spec.key] ?? spec.default ?? '');
        const values = (spec.values ?? []).map((v) => (typeof v === 'string' ? { value: v, label: v } : { value: v.value, label: v.labels[locale] }));
        if (current && !values.some((v) => v.value === current)) values.push({ value: current, label: current });
        return html`<div class="row">
          <label for="opt-${spec.key}">${spec.labels[locale]}</label>
          <select id="opt-${spec.key}" data-option=${spec.key} @change=${(e: Event) => this.setOptions({ [spec.key]: (e.target as HTMLSelectElement).value || undefined })}>
            ${spec.default === undefined ? html`<option value="" ?selected=${current === ''}>—</option>` : nothing}
            ${values.map((v) => html`<option value=${v.value} ?selected=${current === v.value}>${v.label}</option>`)}
          </select>
        </div>`;
      }
      case 'number':
      case 'integer':
      case 'text':
        return this.renderValueOption(spec);
      default:
        return nothing;
    }
  }

  /**
   * The property panel of the chosen type: the widget's own when it draws one, else one row
   * per key of the type's options schema (so a site owner's type gets a panel for free).
   */
  private renderTypeOptionsPanel() {
    if (this.kind === LTV_KIND) return this.renderLtv();
    const widget = getWidget(this.kind);
    if (widget?.renderOptions) return widget.renderOptions({ field: this.draft, locale: this.locale, onChange: (patch) => this.setOptions(patch), tableId: this.tableId });
    return html`${fieldTypeOf(this.kind)
      .options.filter((spec) => spec.panel !== false)
      .map((spec) => this.renderOption(spec))}`;
  }

  private renderResultType() {
    const locale = this.locale;
    const current = this.draft.options?.resultType ?? '';
    return html`<div class="row">
      <label for="result-type">${tf(locale, 'fieldEditor.resultType')}</label>
      <select id="result-type" @change=${(e: Event) => this.setOptions({ resultType: ((e.target as HTMLSelectElement).value || undefined) as FormulaResultType | undefined })}>
        <option value="" ?selected=${current === ''}>${tf(locale, 'fieldEditor.resultAutoUnknown')}</option>
        ${RESULT_TYPES.map((type) => html`<option value=${type} ?selected=${current === type}>${resultTypeLabel(type, locale)}</option>`)}
      </select>
    </div>`;
  }

  private renderFormula() {
    return html`<ltc-formula-editor
        part="formula-editor"
        .app=${this.app}
        .store=${this.store}
        .derived=${this.values}
        .locale=${this.locale}
        table-id=${this.tableId}
        field-id=${this.existing ? this.fieldId : ''}
        result-type=${this.draft.options?.resultType ?? ''}
        .value=${this.draft.options?.formula ?? ''}
        @input=${(e: Event) => {
          this.setOptions({ formula: (e.currentTarget as LtcFormulaEditor).value });
          if (this.errors.formula) this.errors = { ...this.errors, formula: undefined };
        }}
      ></ltc-formula-editor>
      ${this.errors.formula ? html`<span class="message formula-message" role="alert">${this.errors.formula}</span>` : nothing}
      ${this.renderResultType()}`;
  }

  private mappingOptions(input: LtvPresetInput): MappingOption[] {
    const app = this.app!;
    const table = this.table!;
    const locale = this.locale;
    const fields = numericFields(table, this.fieldId).map((f) => {
      // The reference uses the name; the label (e.g. its English one) helps recognise it.
      const label = labelOf(f, locale);
      return { value: `{${f.name}}`, label: tf(locale, 'ltv.fieldOption', { name: label === f.name ? `{${f.name}}` : `{${f.name}} · ${label}` }) };
    });
    const rollups = rollupsFor(app, table, input).map((expression) => ({ value: expression, label: tf(locale, 'ltv.rollupOption', { expression }) }));
    return [...fields, ...rollups];
  }

  /** The LTV preview: the generated source evaluated on the chosen record. */
  private ltvPreview(source: string): { result?: PreviewResult; error?: string } {
    const app = this.app!;
    try {
      const compiled = checkFormulaSource(app, this.tableId, this.existing ? this.fieldId : '', source, this.locale);
      const values = this.values;
      if (!values?.ready) return {};
      const recordId = this.previewRecordId || values.all(this.tableId)[0]?.id;
      const object = recordId ? evaluationObject(app, values, this.tableId, recordId, compiled.refs) : undefined;
      if (!object) return {};
      return { result: formatPreview(evaluateFormula(compiled, object), this.draft.options?.resultType ?? 'money', this.locale) };
    } catch (error) {
      if (error instanceof FormulaError) return { error: error.message };
      throw error;
    }
  }

  private renderLtv() {
    const locale = this.locale;
    const preset = ltvPreset(this.presetId)!;
    const source = this.ltvSource;
    const preview = source !== undefined ? this.ltvPreview(source) : {};
    const values = this.values;
    const records = values?.ready ? values.all(this.tableId).slice(0, 20) : [];
    return html`<section part="ltv" class="ltv" aria-labelledby="ltv-title">
      <fieldset class="presets">
        <legend id="ltv-title">${tf(locale, 'ltv.preset')}</legend>
        ${LTV_PRESETS.map(
          (p) => html`<label class="preset">
            <input type="radio" name="preset" value=${p.id} .checked=${live(p.id === this.presetId)} @change=${() => this.choosePreset(p.id)} />
            <span><strong>${p.labels[locale]}</strong> — ${p.descriptions[locale]}</span>
            <small>${tf(locale, 'ltv.example', { example: workedExample(p, locale) })}</small>
          </label>`,
        )}
      </fieldset>
      <fieldset>
        <legend>${tf(locale, 'ltv.mapping')}</legend>
        <div class="mapping">
          ${preset.inputs.map((input) => {
            const options = this.mappingOptions(input);
            const value = this.mapping[input.id] ?? '';
            const custom = this.customInputs.has(input.id) || (value !== '' && !options.some((o) => o.value === value)) || value === '';
            const error = this.errors.inputs?.[input.id];
            return html`<label for="map-${input.id}">${input.labels[locale]}</label>
              <div class="control">
                <select
                  id="map-${input.id}"
                  data-input=${input.id}
                  aria-invalid=${error ? 'true' : 'false'}
                  aria-describedby=${error ? `map-${input.id}-msg` : nothing}
                  @change=${(e: Event) => {
                    const chosen = (e.target as HTMLSelectElement).value;
                    if (chosen === CUSTOM) this.mapInput(input.id, this.mapping[input.id] ?? '', true);
                    else this.mapInput(input.id, chosen, false);
                  }}
                >
                  ${options.map((o) => html`<option value=${o.value} ?selected=${!custom && o.value === value}>${o.label}</option>`)}
                  <option value=${CUSTOM} ?selected=${custom}>${tf(locale, 'ltv.custom')}</option>
                </select>
                ${custom
                  ? html`<input
                      class="custom-expression"
                      data-input=${input.id}
                      aria-label=${tf(locale, 'ltv.customLabel', { input: input.labels[locale] })}
                      .value=${live(value)}
                      @input=${(e: Event) => this.mapInput(input.id, (e.target as HTMLInputElement).value, true)}
                    />`
                  : nothing}
                ${error ? html`<span class="message" id="map-${input.id}-msg" role="alert">${error}</span>` : nothing}
              </div>`;
          })}
        </div>
      </fieldset>
      <div class="control">
        <span class="label">${tf(locale, 'ltv.generated')}</span>
        <code class="generated">${source ?? '—'}</code>
        ${preview.error || this.errors.formula
          ? html`<span class="message formula-message" role="alert">${preview.error ?? this.errors.formula}</span>`
          : nothing}
        ${records.length
          ? html`<div class="preview">
              <label for="ltv-record">${tf(locale, 'formula.previewRecord')}</label>
              <select id="ltv-record" @change=${(e: Event) => (this.previewRecordId = (e.target as HTMLSelectElement).value)}>
                ${records.map((r) => html`<option value=${r.id} ?selected=${r.id === (this.previewRecordId || records[0]!.id)}>${values!.label(this.tableId, r.id) ?? r.id}</option>`)}
              </select>
              <span>${tf(locale, 'formula.previewResult')}:</span>
              <output
                class=${preview.result?.errorCode ? 'error' : ''}
                aria-live="polite"
                data-value=${preview.result && !preview.result.errorCode && preview.result.value !== undefined ? String(preview.result.value) : ''}
                >${preview.result?.text ?? '—'}</output
              >
            </div>`
          : nothing}
        <div><button type="button" class="edit-as-formula" ?disabled=${source === undefined} @click=${this.editAsFormula}>${tf(locale, 'ltv.editAsFormula')}</button></div>
      </div>
    </section>`;
  }

  /** Required / unique, for fields whose values people type. */
  private renderRules() {
    const field: FieldDef = { ...this.draft, type: this.kind === LTV_KIND ? 'formula' : this.kind };
    if (fieldTypeOf(field).isDerived(field)) return nothing;
    // Uniqueness means nothing for yes/no and lists.
    const scalar = fieldTypeOf(field).scalar(field);
    const toggle = (key: 'required' | 'unique') => (event: Event) => {
      const on = (event.target as HTMLInputElement).checked;
      const { [key]: _old, ...rest } = this.draft;
      this.draft = on ? { ...rest, [key]: true } : rest;
    };
    return html`<div class="row">
      <span class="label" id="rules-label">${tf(this.locale, 'fieldEditor.rules')}</span>
      <div class="control rules" role="group" aria-labelledby="rules-label">
        <label><input type="checkbox" class="rule-required" .checked=${!!this.draft.required} @change=${toggle('required')} /> ${tf(this.locale, 'fieldEditor.required')}</label>
        ${scalar.list || scalar.type === 'boolean'
          ? nothing
          : html`<label><input type="checkbox" class="rule-unique" .checked=${!!this.draft.unique} @change=${toggle('unique')} /> ${tf(this.locale, 'fieldEditor.unique')}</label>`}
      </div>
    </div>`;
  }

  override render() {
    const locale = this.locale;
    const table = this.table;
    if (!this.app || !table) return nothing;
    const existing = this.existing;
    const typeChanged = existing && this.kind !== LTV_KIND && this.kind !== existing.type;
    return html`<form part="form" novalidate @submit=${(e: Event) => (e.preventDefault(), void this.save())} @keydown=${this.onKeyDown}>
      <h3>${existing ? tf(locale, 'fieldEditor.titleEdit', { name: existing.name }) : tf(locale, 'fieldEditor.titleNew')}</h3>
      <div class="row">
        <label for="name" class="required">${tf(locale, 'fieldEditor.name')}</label>
        <div class="control">
          <input
            id="name"
            name="name"
            required
            autocomplete="off"
            .value=${live(this.draft.name)}
            aria-invalid=${this.errors.name ? 'true' : 'false'}
            aria-describedby=${this.errors.name ? 'name-msg' : nothing}
            @input=${this.onName}
          />
          ${this.errors.name ? html`<span class="message" id="name-msg" role="alert">${this.errors.name}</span>` : nothing}
        </div>
      </div>
      <div class="row">
        <label for="type">${tf(locale, 'fieldEditor.type')}</label>
        <div class="control">
          <select id="type" name="type" @change=${this.onKind}>${this.renderTypeOptions()}</select>
          ${typeChanged ? html`<p class="hint">${tf(locale, 'fieldEditor.typeChangeWarning')}</p>` : nothing}
        </div>
      </div>
      ${this.renderTypeOptionsPanel()} ${this.renderRules()}
      <div class="summary" role="alert">${this.errors.form ?? ''}</div>
      <div class="actions" part="actions">
        <button type="button" class="cancel" @click=${this.cancel}>${tf(locale, 'fieldEditor.cancel')}</button>
        <button type="submit" class="primary save" ?disabled=${this.saving}>
          ${this.saving ? tf(locale, 'fieldEditor.saving') : tf(locale, 'fieldEditor.save')}
        </button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ltc-field-editor': LtcFieldEditor;
  }
  interface GlobalEventHandlersEventMap {
    'ltc-field-saved': CustomEvent<FieldSavedDetail>;
    'ltc-field-cancelled': CustomEvent<{ tableId: string; fieldId: string }>;
  }
}
