/**
 * `<ltc-formula-editor>`: write a formula the way a spreadsheet user expects — a plain
 * textarea (so Chinese IME input, undo and screen readers work natively) with:
 * - the error range underlined as you type (a mirror of the text behind the transparent
 *   textarea holds a `<mark>` over `start…end` of the FormulaError), the message below it
 *   and, where the compiler has one, a "did you mean {购买频次}?" button applying the fix;
 * - autocompletion of `{字段}`, `{关系.字段}` and functions (a listbox driven from the
 *   keyboard: ↓/↑, Enter or Tab, Esc; Ctrl+Space opens it anywhere);
 * - a live preview: the formula evaluated against a real record chosen from the table;
 * - a searchable function reference grouped by category; clicking inserts the function.
 *
 * Works inside `<ltc-app>` (app, locale, store and derived values come from context) and
 * standalone (set the same as properties). The source is only ever compiled to JSON Logic
 * and evaluated by the project's evaluator; user text is rendered as text, never as HTML.
 *
 * @summary A formula input with error underlining, autocompletion, preview and function reference.
 * @event input - The source changed (typing, a completion, a fix, an inserted function). Read `value`.
 * @event change - The source was committed (the textarea lost focus after a change).
 * @csspart textarea - The native textarea.
 * @csspart error-range - The underlined part of the source.
 * @csspart message - The error message (or the "valid" line).
 * @csspart listbox - The completion list.
 * @csspart preview - The preview row.
 * @csspart functions - The function reference panel.
 * @cssproperty --ltc-color-danger - Underline and message colour.
 * @cssproperty --ltc-formula-font - Font of the source text (default: monospace stack).
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { consume } from '@lit/context';
import {
  FUNCTIONS,
  FormulaError,
  evaluateFormula,
  fieldReference,
  isError,
  type CompiledFormula,
  type FunctionDef,
} from '../core/formula/index.js';
// The compiler is the designer script's own (src/runtime/formula-compiler.ts).
import { compileFormula } from '../core/formula/compiler.js';
import { checkFormulaField } from '../core/formula/graph.js';
import {
  applyCompletion,
  completeFormula,
  completionScopeForTable,
  functionSignature,
  referenceName,
  type Completion,
} from '../core/formula/complete.js';
import type { AppDef, FieldDef, FormulaResultType, Locale, TableDef } from '../core/schema/types.js';
import type { Store } from '../store/types.js';
import { DerivedValues } from '../runtime/derived.js';
import { evaluationObject } from '../runtime/app-edits.js';
import { tf } from '../i18n/formula-ui.js';
import { loadFunctionDocs, type FunctionDocs } from './function-docs.js';
import { formatFormulaResult, formulaErrorCode } from '../../widgets/formula.js';
import { appContext, derivedContext, localeContext, storeContext } from './context.js';
import { StoreController } from './store-controller.js';
import { baseStyles } from './styles.js';

/** Records offered in the preview select. */
const PREVIEW_RECORDS = 20;
/** Id of the stand-in field a new formula is checked as (never stored). */
const NEW_FIELD_ID = '__ltc_new_formula__';

const CATEGORIES: ReadonlyArray<FunctionDef['category']> = ['logic', 'math', 'text', 'date'];

const TYPE_LABELS: Record<string, Record<Locale, string>> = {
  number: { en: 'number', 'zh-CN': '数字' },
  money: { en: 'money', 'zh-CN': '金额' },
  percent: { en: 'percent', 'zh-CN': '百分比' },
  text: { en: 'text', 'zh-CN': '文本' },
  date: { en: 'date', 'zh-CN': '日期' },
  boolean: { en: 'yes/no', 'zh-CN': '是/否' },
  any: { en: 'any value', 'zh-CN': '任意值' },
};

/** The name of a formula result type in the UI language. */
export function resultTypeLabel(type: string, locale: Locale): string {
  return TYPE_LABELS[type]?.[locale] ?? type;
}

/**
 * Compiles `source` as the formula of field `fieldId` of `tableId` (a stand-in field when
 * the field does not exist yet), refusing circular references. Formula fields of the app
 * get their inferred result types, as the recompute engine sees them.
 * @throws FormulaError
 */
export function checkFormulaSource(app: AppDef, tableId: string, fieldId: string, source: string, locale: Locale): CompiledFormula {
  const table = app.tables.find((t) => t.id === tableId);
  if (table && fieldId && table.fields.some((f) => f.id === fieldId)) return checkFormulaField(app, tableId, fieldId, source, { locale });
  const standIn: FieldDef = { id: fieldId || NEW_FIELD_ID, name: '\u0000', type: 'formula', options: { formula: source } };
  const withField: AppDef = {
    ...app,
    tables: app.tables.map((t) => (t.id === tableId ? { ...t, fields: [...t.fields, standIn] } : t)),
  };
  return checkFormulaField(withField, tableId, standIn.id, source, { locale });
}

/** The result of evaluating a formula for display: text to show, or an error code and why. */
export interface PreviewResult {
  text: string;
  /** The raw value (a number, text, boolean, date text, null) when it is not an error. */
  value?: unknown;
  /** `#DIV/0!` and friends. */
  errorCode?: string;
  errorMessage?: string;
}

/** Formats an evaluated value the way a formula cell of `resultType` shows it. */
export function formatPreview(value: unknown, resultType: FormulaResultType | undefined, locale: Locale, precision?: number): PreviewResult {
  if (isError(value)) return { text: value.code, errorCode: value.code, errorMessage: value.messageIn(locale) };
  const code = formulaErrorCode(value);
  if (code) {
    const message = (value as { message?: unknown }).message;
    return { text: code, errorCode: code, errorMessage: typeof message === 'string' ? message : '' };
  }
  const field: FieldDef = { id: 'preview', name: 'preview', type: 'formula', options: {} };
  if (resultType) field.options!.resultType = resultType;
  if (precision !== undefined) field.options!.precision = precision;
  const text = formatFormulaResult(value, field, { locale });
  return { text: text === '' ? tf(locale, 'formula.previewBlank') : text, value };
}

export class LtcFormulaEditor extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        --_mono: var(--ltc-formula-font, ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'PingFang SC', 'Microsoft YaHei', monospace);
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(12rem, 17rem);
        gap: 0.75rem;
        align-items: start;
      }
      .main {
        display: grid;
        gap: 0.4rem;
        min-width: 0;
        position: relative;
      }
      label,
      .hint {
        color: var(--_muted);
      }
      .hint {
        font-size: 0.85em;
        margin: 0;
      }
      .editor {
        position: relative;
        background: var(--_surface);
        border-radius: var(--_radius);
      }
      .mirror,
      textarea {
        font-family: var(--_mono);
        font-size: var(--_font-size);
        line-height: 1.5;
        letter-spacing: normal;
        padding: 0.5em 0.65em;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        white-space: pre-wrap;
        overflow-wrap: break-word;
        word-break: normal;
        tab-size: 2;
        scrollbar-gutter: stable;
        overflow-y: auto;
      }
      .mirror {
        position: absolute;
        inset: 0;
        margin: 0;
        border-color: transparent;
        color: transparent;
        overflow: hidden;
        pointer-events: none;
        user-select: none;
      }
      .mirror mark {
        color: transparent;
        background: color-mix(in srgb, var(--_danger) 12%, transparent);
        text-decoration: underline wavy var(--_danger);
        text-decoration-skip-ink: none;
        text-underline-offset: 0.2em;
        border-radius: 2px;
      }
      textarea {
        position: relative;
        display: block;
        width: 100%;
        min-height: 5.5em;
        resize: vertical;
        background: transparent;
        color: var(--_text);
      }
      .message {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0.25rem 0.6rem;
        min-height: 1.5em;
        font-size: 0.92em;
      }
      .message.invalid {
        color: var(--_danger);
      }
      .message.valid {
        color: var(--_muted);
      }
      .message button {
        font-size: 0.92em;
        padding: 0.1em 0.6em;
        font-family: var(--_mono);
      }
      [role='listbox'] {
        /* Over the message and preview rather than pushing them down while typing. */
        position: absolute;
        top: calc(100% + 2px);
        left: 0;
        right: 0;
        z-index: 5;
        list-style: none;
        margin: 0;
        padding: 0.25rem;
        max-height: 14rem;
        overflow-y: auto;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_surface);
        box-shadow: 0 6px 18px rgb(15 23 42 / 0.15);
      }
      [role='option'] {
        display: flex;
        justify-content: space-between;
        gap: 1rem;
        padding: 0.3em 0.5em;
        border-radius: calc(var(--_radius) - 2px);
        cursor: pointer;
      }
      [role='option'] .detail {
        color: var(--_muted);
        font-size: 0.85em;
        font-family: var(--_mono);
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      [role='option'][aria-selected='true'] {
        background: var(--_primary);
        color: var(--_primary-contrast);
      }
      [role='option'][aria-selected='true'] .detail {
        color: inherit;
      }
      .preview {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.4rem 0.75rem;
        padding: 0.5rem 0.65rem;
        border: 1px dashed var(--_border);
        border-radius: var(--_radius);
      }
      .preview output {
        font-variant-numeric: tabular-nums;
        font-weight: 600;
      }
      .preview output.error {
        color: var(--_danger);
      }
      .preview .why {
        color: var(--_muted);
        font-size: 0.9em;
      }
      aside {
        display: grid;
        gap: 0.4rem;
        max-height: 26rem;
        overflow-y: auto;
        padding: 0.5rem;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_surface);
      }
      aside h3,
      aside h4 {
        margin: 0;
        font-size: 0.95em;
      }
      aside h4 {
        color: var(--_muted);
        margin-top: 0.35rem;
      }
      aside ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.15rem;
      }
      aside button {
        width: 100%;
        text-align: start;
        border-color: transparent;
        padding: 0.25em 0.4em;
        display: grid;
      }
      aside code {
        font-family: var(--_mono);
        font-size: 0.9em;
      }
      aside small {
        color: var(--_muted);
      }
      @media (max-width: 720px) {
        .layout {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  /** The app whose fields the formula may use (from `<ltc-app>` when inside one). */
  @consume({ context: appContext, subscribe: true }) @property({ attribute: false }) accessor app: AppDef | undefined;
  /** UI and message language (from `<ltc-app>` when inside one). */
  @consume({ context: localeContext, subscribe: true }) @property() accessor locale: Locale = 'en';
  /** Computed values of the app, for the preview (from `<ltc-app>` when inside one). */
  @consume({ context: derivedContext, subscribe: true }) @property({ attribute: false }) accessor derived: DerivedValues | undefined;
  /** Used for the preview when no `derived` is given: the editor then reads the app's records itself. */
  @consume({ context: storeContext, subscribe: true }) @property({ attribute: false }) accessor store: Store | undefined;

  /** The table the formula belongs to. */
  @property({ attribute: 'table-id' }) accessor tableId = '';
  /** The formula field being edited (circular references through it are refused); empty for a new field. */
  @property({ attribute: 'field-id' }) accessor fieldId = '';
  /** The formula source. */
  @property() accessor value = '';
  /** The visible label (default: "公式" / "Formula"). */
  @property() accessor label = '';
  /** How the preview formats the result; default: the type the formula computes. */
  @property({ attribute: 'result-type' }) accessor resultType: FormulaResultType | '' = '';
  /** The record the preview evaluates; default: the first record of the table. */
  @property({ attribute: 'preview-record-id' }) accessor previewRecordId = '';
  /** Milliseconds after the last keystroke before the formula is checked. */
  @property({ type: Number }) accessor debounce = 150;

  /** The compile error of the current source, if any. */
  @state() accessor error: FormulaError | undefined;
  /** The compiled current source, when it compiles. */
  @state() accessor compiled: CompiledFormula | undefined;
  @state() private accessor completion: Completion | undefined;
  @state() private accessor activeIndex = -1;
  @state() private accessor functionQuery = '';
  /** Reference texts of the functions, fetched on first use (see function-docs.ts). */
  @state() private accessor functionDocs: FunctionDocs = {};

  override connectedCallback(): void {
    super.connectedCallback();
    void loadFunctionDocs().then((docs) => (this.functionDocs = docs));
  }

  /** The source the current `error` / `compiled` belong to. */
  private checkedKey = '';
  private checkedSource = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private committed = '';
  private selection = { start: 0, end: 0 };
  private composing = false;
  private ownDerived: DerivedValues | undefined;
  /** Repaints the preview when computed values change. */
  protected readonly subscriptions = new StoreController(this, {
    derived: () => this.values,
    onDerivedChange: () => this.requestUpdate(),
  });

  /** The native textarea (for focusing and selection). */
  get textarea(): HTMLTextAreaElement | null {
    return this.renderRoot?.querySelector('textarea') ?? null;
  }

  private example?: { app: AppDef; tableId: string; fieldId: string; locale: Locale; text: string };

  /**
   * The placeholder's example, made of real fields of this table written the way this UI
   * language refers to them (`{Average order value} * {Purchase frequency}` in English on the
   * customer template): two numeric fields multiplied, else LEN of a field, else plain numbers.
   */
  private placeholderText(): string {
    const { app, tableId, fieldId, locale } = this;
    const cached = this.example;
    if (cached && cached.app === app && cached.tableId === tableId && cached.fieldId === fieldId && cached.locale === locale) return cached.text;
    let example = 'ROUND(10 / 3, 2)';
    if (app && this.table) {
      const scope = completionScopeForTable(app, tableId);
      const candidates = scope.fields.filter((f) => f.id !== fieldId).slice(0, 30);
      const refs = candidates.map((f) => fieldReference([referenceName(f, scope.fields, locale)]));
      const typeOf = (source: string) => {
        try {
          return compileFormula(source, scope, { locale }).type;
        } catch {
          return undefined;
        }
      };
      const numeric = refs.filter((r) => ['number', 'money', 'percent'].includes(typeOf(r) ?? ''));
      if (numeric.length >= 2) example = `${numeric[0]} * ${numeric[1]}`;
      else if (numeric.length === 1) example = `ROUND(${numeric[0]}, 2)`;
      else {
        const text = refs.find((r) => typeOf(`LEN(${r})`) !== undefined);
        if (text) example = `LEN(${text})`;
      }
    }
    const text = tf(locale, 'formula.placeholderExample', { example });
    if (app) this.example = { app, tableId, fieldId, locale, text };
    return text;
  }

  private get table(): TableDef | undefined {
    return this.app?.tables.find((t) => t.id === this.tableId);
  }

  private get values(): DerivedValues | undefined {
    return this.derived ?? this.ownDerived;
  }

  override focus(options?: FocusOptions): void {
    this.textarea?.focus(options);
  }

  /** Check the current source now (instead of after the typing pause). */
  check(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.compileNow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.timer = undefined;
    this.ownDerived?.dispose();
    this.ownDerived = undefined;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('app') && this.app) this.ownDerived?.setApp(this.app);
    if (!this.derived && !this.ownDerived && this.store && this.app) {
      this.ownDerived = new DerivedValues(this.store, this.app);
      void this.ownDerived.load().then(() => this.requestUpdate());
    }
    // Typing waits for the pause; anything else (a new value, app or locale) checks at once.
    if (this.timer === undefined && this.key() !== this.checkedKey) this.compileNow();
  }

  private key(): string {
    return `${this.value}\u0001${this.tableId}\u0001${this.fieldId}\u0001${this.locale}\u0001${this.app?.id}@${this.app?.version}\u0001${this.app?.updatedAt}`;
  }

  private compileNow(): void {
    this.checkedKey = this.key();
    this.checkedSource = this.value;
    const app = this.app;
    if (!app || !this.table || this.value.trim() === '') {
      this.error = undefined;
      this.compiled = undefined;
      return;
    }
    try {
      this.compiled = checkFormulaSource(app, this.tableId, this.fieldId, this.value, this.locale);
      this.error = undefined;
    } catch (error) {
      if (!(error instanceof FormulaError)) throw error;
      this.compiled = undefined;
      this.error = error;
    }
  }

  // ---------------------------------------------------------------------------------
  // Editing

  private onInput(event: InputEvent): void {
    const textarea = event.target as HTMLTextAreaElement;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.compileNow();
      this.requestUpdate();
    }, this.debounce);
    this.value = textarea.value;
    this.rememberSelection();
    // The native input event is composed: it reaches the host's listeners as is.
    if (!this.composing) this.updateCompletion(false);
  }

  private rememberSelection(): void {
    const textarea = this.textarea;
    if (textarea) this.selection = { start: textarea.selectionStart, end: textarea.selectionEnd };
  }

  private updateCompletion(explicit: boolean): void {
    const textarea = this.textarea;
    if (!textarea || !this.app || !this.table || textarea.selectionStart !== textarea.selectionEnd) {
      this.closeCompletion();
      return;
    }
    const scope = completionScopeForTable(this.app, this.tableId);
    const completion = completeFormula(this.value, textarea.selectionStart, scope, this.locale, { explicit });
    if (completion.items.length === 0 || (completion.context === 'none' && !explicit)) {
      this.closeCompletion();
      return;
    }
    this.completion = completion;
    this.activeIndex = -1;
  }

  private closeCompletion(): void {
    this.completion = undefined;
    this.activeIndex = -1;
  }

  /** Replace `from…to` of the source with `text`, put the cursor at `cursor`, and tell listeners. */
  private async replaceRange(from: number, to: number, text: string, cursorOffset = text.length): Promise<void> {
    const next = this.value.slice(0, from) + text + this.value.slice(to);
    clearTimeout(this.timer);
    this.timer = undefined;
    this.value = next;
    this.closeCompletion();
    await this.updateComplete;
    const textarea = this.textarea;
    if (textarea) {
      textarea.focus();
      textarea.setSelectionRange(from + cursorOffset, from + cursorOffset);
      this.rememberSelection();
    }
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }

  private accept(index: number): void {
    const completion = this.completion;
    const item = completion?.items[index];
    if (!completion || !item) return;
    const { source, cursor } = applyCompletion(this.value, completion, item);
    const inserted = source.slice(completion.from, cursor);
    void this.replaceRange(completion.from, completion.to, inserted);
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.isComposing || this.composing) return;
    if ((event.ctrlKey || event.metaKey) && (event.key === ' ' || event.code === 'Space')) {
      event.preventDefault();
      this.updateCompletion(true);
      return;
    }
    const completion = this.completion;
    if (!completion) return;
    const count = completion.items.length;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        this.activeIndex = (this.activeIndex + 1) % count;
        void this.scrollActiveIntoView();
        break;
      case 'ArrowUp':
        event.preventDefault();
        this.activeIndex = this.activeIndex <= 0 ? count - 1 : this.activeIndex - 1;
        void this.scrollActiveIntoView();
        break;
      case 'Enter':
        // Enter takes the highlighted item, or the only one shown; otherwise (several
        // items, none chosen) it stays a line break, as in any textarea.
        if (this.activeIndex < 0 && count !== 1) {
          this.closeCompletion();
          break;
        }
        event.preventDefault();
        this.accept(Math.max(0, this.activeIndex));
        break;
      case 'Tab':
        if (event.shiftKey) break;
        event.preventDefault();
        this.accept(Math.max(0, this.activeIndex));
        break;
      case 'Escape':
        // Handled here: a surrounding dialog or field editor must not close as well.
        event.preventDefault();
        event.stopPropagation();
        this.closeCompletion();
        break;
      case 'ArrowLeft':
      case 'ArrowRight':
      case 'Home':
      case 'End':
      case 'PageUp':
      case 'PageDown':
        this.closeCompletion();
        break;
      default:
    }
  }

  private async scrollActiveIntoView(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector(`#opt-${this.activeIndex}`)?.scrollIntoView({ block: 'nearest' });
  }

  private onFocusOut(): void {
    this.rememberSelection();
    this.closeCompletion();
    if (this.value !== this.committed) {
      this.committed = this.value;
      this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    }
  }

  private onScroll(event: Event): void {
    const mirror = this.renderRoot.querySelector<HTMLElement>('.mirror');
    if (mirror) mirror.scrollTop = (event.target as HTMLTextAreaElement).scrollTop;
  }

  private applySuggestion(): void {
    const error = this.error;
    if (!error || error.replacement === undefined || this.checkedSource !== this.value) return;
    void this.replaceRange(error.start, error.end, error.replacement);
  }

  private insertFunction(fn: FunctionDef): void {
    const { start, end } = this.selection;
    const from = Math.min(start, this.value.length);
    const to = Math.min(Math.max(end, from), this.value.length);
    // Cursor between the parentheses, ready for the arguments.
    void this.replaceRange(from, to, `${fn.name}()`, fn.name.length + 1);
  }

  // ---------------------------------------------------------------------------------
  // Preview

  /** The evaluated preview for the chosen record, or undefined when there is nothing to show. */
  get preview(): PreviewResult | undefined {
    const compiled = this.compiled;
    const values = this.values;
    const app = this.app;
    if (!compiled || !values?.ready || !app || this.checkedSource !== this.value) return undefined;
    const recordId = this.previewRecordId || values.all(this.tableId)[0]?.id;
    if (!recordId) return undefined;
    const object = evaluationObject(app, values, this.tableId, recordId, compiled.refs);
    if (!object) return undefined;
    const type = this.resultType || (compiled.type === 'any' ? undefined : compiled.type);
    const precision = this.table?.fields.find((f) => f.id === this.fieldId)?.options?.precision;
    return formatPreview(evaluateFormula(compiled, object), type, this.locale, precision);
  }

  private renderPreview() {
    const values = this.values;
    if (!values) return nothing;
    const locale = this.locale;
    if (!values.ready) {
      return html`<div class="preview" part="preview"><span class="why">${tf(locale, 'formula.previewLoading')}</span></div>`;
    }
    const records = values.all(this.tableId).slice(0, PREVIEW_RECORDS);
    if (records.length === 0) return html`<div class="preview" part="preview"><span class="why">${tf(locale, 'formula.previewNone')}</span></div>`;
    const chosen = this.previewRecordId || records[0]!.id;
    // The chosen record stays selectable even when it is not among the first ones.
    if (!records.some((r) => r.id === chosen)) {
      const extra = values.record(this.tableId, chosen);
      if (extra) records.unshift(extra);
    }
    const preview = this.preview;
    return html`<div class="preview" part="preview">
      <label for="preview-record">${tf(locale, 'formula.previewRecord')}</label>
      <select
        id="preview-record"
        @change=${(e: Event) => (this.previewRecordId = (e.target as HTMLSelectElement).value)}
      >
        ${records.map((r) => html`<option value=${r.id} ?selected=${r.id === chosen}>${values.label(this.tableId, r.id) ?? r.id}</option>`)}
      </select>
      <span>${tf(locale, 'formula.previewResult')}:</span>
      <output
        class=${preview?.errorCode ? 'error' : ''}
        aria-live="polite"
        data-value=${preview && !preview.errorCode && preview.value !== undefined ? String(preview.value) : ''}
        >${preview ? preview.text : '—'}</output
      >
      ${preview?.errorMessage ? html`<span class="why">${preview.errorMessage}</span>` : nothing}
    </div>`;
  }

  // ---------------------------------------------------------------------------------
  // Rendering

  private renderMirror() {
    const error = this.error;
    const source = this.value;
    // An error found for older text would underline the wrong characters: wait for the check.
    if (!error || this.checkedSource !== source) return html`${source}\u200b`;
    const start = Math.max(0, Math.min(error.start, source.length));
    let end = Math.max(start, Math.min(error.end, source.length));
    // An empty range ("the formula ends too early") marks the next character, or a space at the end.
    if (end === start && start < source.length) end = start + 1;
    const marked = source.slice(start, end) || '\u00a0';
    return html`${source.slice(0, start)}<mark class="error-range" part="error-range">${marked}</mark>${source.slice(end)}\u200b`;
  }

  private renderMessage() {
    const locale = this.locale;
    const error = this.error;
    if (error && this.checkedSource === this.value) {
      return html`<div class="message invalid" id="message" part="message" role="alert">
        <span class="text">${error.message}</span>
        ${error.suggestion
          ? error.replacement !== undefined
            ? html`<button type="button" class="fix" @click=${this.applySuggestion} title=${tf(locale, 'formula.applySuggestion', { replacement: error.replacement })}>
                ${error.suggestion}
              </button>`
            : html`<span class="suggestion">${error.suggestion}</span>`
          : nothing}
      </div>`;
    }
    const compiled = this.compiled;
    return html`<div class="message valid" id="message" part="message" role="alert">
      ${compiled && this.checkedSource === this.value
        ? html`<span>✓ ${tf(locale, 'formula.ok')} · ${tf(locale, 'formula.resultType', { type: resultTypeLabel(compiled.type, locale) })}</span>`
        : nothing}
    </div>`;
  }

  private renderCompletion() {
    const completion = this.completion;
    if (!completion) return nothing;
    return html`<ul role="listbox" id="completions" part="listbox" aria-label=${tf(this.locale, 'formula.suggestions')}>
      ${completion.items.map(
        (item, index) => html`<li
          role="option"
          id="opt-${index}"
          tabindex="-1"
          aria-selected=${index === this.activeIndex ? 'true' : 'false'}
          data-kind=${item.kind}
          @mousedown=${(e: Event) => e.preventDefault()}
          @click=${() => this.accept(index)}
        >
          <span class="label">${item.label}</span><span class="detail">${item.detail}</span>
        </li>`,
      )}
    </ul>`;
  }

  private renderFunctions() {
    const locale = this.locale;
    const query = this.functionQuery.trim().toLowerCase();
    const matches = (fn: FunctionDef) => {
      if (!query) return true;
      const doc = this.functionDocs[fn.name];
      return [fn.name, doc?.description['zh-CN'], doc?.description.en].some((s) => s?.toLowerCase().includes(query));
    };
    const groups = CATEGORIES.map((category) => ({ category, functions: FUNCTIONS.filter((fn) => fn.category === category && matches(fn)) })).filter(
      (g) => g.functions.length > 0,
    );
    return html`<aside part="functions" aria-labelledby="functions-title">
      <h3 id="functions-title">${tf(locale, 'formula.functions')}</h3>
      <input
        type="search"
        class="function-search"
        aria-label=${tf(locale, 'formula.searchFunctions')}
        placeholder=${tf(locale, 'formula.searchFunctions')}
        .value=${live(this.functionQuery)}
        @input=${(e: Event) => (this.functionQuery = (e.target as HTMLInputElement).value)}
      />
      ${groups.length === 0 ? html`<p class="hint">${tf(locale, 'formula.noFunctions')}</p>` : nothing}
      ${groups.map(
        (g) => html`<h4>${tf(locale, `formula.category.${g.category}`)}</h4>
          <ul>
            ${g.functions.map((fn) => {
              const doc = this.functionDocs[fn.name];
              const signature = doc ? `${fn.name}(${doc.params[locale]})` : functionSignature(fn, locale);
              return html`<li>
                <button type="button" class="fn" data-name=${fn.name} @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.insertFunction(fn)}>
                  <code>${signature}</code>${doc ? html`<small>${doc.description[locale]}</small>` : nothing}
                </button>
              </li>`;
            })}
          </ul>`,
      )}
    </aside>`;
  }

  override render() {
    const locale = this.locale;
    const invalid = !!this.error && this.checkedSource === this.value;
    const active = this.completion && this.activeIndex >= 0 ? `opt-${this.activeIndex}` : undefined;
    return html`<div class="layout">
      <div class="main">
        <label for="source">${this.label || tf(locale, 'formula.label')}</label>
        <div class="editor">
          <div class="mirror" aria-hidden="true">${this.renderMirror()}</div>
          <textarea
            id="source"
            part="textarea"
            spellcheck="false"
            autocomplete="off"
            autocapitalize="off"
            rows="3"
            placeholder=${this.placeholderText()}
            .value=${live(this.value)}
            aria-invalid=${invalid ? 'true' : 'false'}
            aria-describedby="message hint"
            aria-autocomplete="list"
            aria-controls=${this.completion ? 'completions' : nothing}
            aria-activedescendant=${active ?? nothing}
            @input=${this.onInput}
            @keydown=${this.onKeyDown}
            @focus=${() => (this.committed = this.value)}
            @blur=${this.onFocusOut}
            @click=${() => {
              this.rememberSelection();
              this.closeCompletion();
            }}
            @keyup=${this.rememberSelection}
            @select=${this.rememberSelection}
            @scroll=${this.onScroll}
            @compositionstart=${() => (this.composing = true)}
            @compositionend=${() => {
              this.composing = false;
              this.updateCompletion(false);
            }}
          ></textarea>
          ${this.renderCompletion()}
        </div>
        ${this.renderMessage()}
        <p class="hint" id="hint">${tf(locale, 'formula.hint')}</p>
        ${this.renderPreview()}
      </div>
      ${this.renderFunctions()}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ltc-formula-editor': LtcFormulaEditor;
  }
}
