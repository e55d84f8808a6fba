/**
 * `<ltc-import-dialog table-id=…>`: CSV and Excel import into one table, in steps — choose a
 * file (input or drop) → map every column to a field (guessed from the header, else from the
 * values), with "match by" for relations, "unknown choices" for select columns and a
 * duplicate key → preview of the first rows as they will be stored, problems marked per
 * cell → import with progress and cancel → summary, with the problem report as a CSV.
 *
 * The file is read in the import worker (src/elements/import/read-file.ts), written by
 * `importRecords` (src/runtime/record-import.ts). Loads with the designer script. It takes
 * the store, app, locale and derived values from the workspace's contexts, or as properties
 * when used on its own. See docs/import.md.
 *
 * @summary Import a CSV or .xlsx file into a table.
 * @event ltc-import-done - `{ tableId, created, updated, skipped, failed }` after an import (also when cancelled).
 * @event ltc-import-close - The dialog was closed.
 * @csspart dialog - The native `<dialog>`.
 * @attr locale - `zh-CN` or `en` (from `<ltc-app>`, or set it).
 * @property locale - The UI language, `zh-CN` or `en` (from `<ltc-app>`, or set it).
 * @property store - The store, from `<ltc-app>` (set it when the element is used on its own).
 * @property app - The app definition, from `<ltc-app>` (set it when the element is used on its own).
 * @property derived - The app's derived values (formulas, rollups, inverse relations), from `<ltc-app>`.
 */
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { AppDef, FieldDef, Locale, TableDef } from '../core/schema/types.js';
import type { Store } from '../store/types.js';
import type { DerivedValues } from '../runtime/derived.js';
import { fieldTypeOf, hasChoices, linkedTable } from '../core/fields/index.js';
import type { CsvError, CsvRecord, CsvSkippedColumn } from '../core/csv/import.js';
import { problemReportCsv } from '../core/csv/report.js';
import type { ReportProblem } from '../core/csv/report.js';
import type { ChoiceDef } from '../core/schema/types.js';
import { importRecords } from '../runtime/record-import.js';
import type { DuplicateMode, ImportSummary } from '../runtime/record-import.js';
import { relationKey } from '../workers/import-protocol.js';
import type { ParseRequest, RelationIndex, WorkerMessage } from '../workers/import-protocol.js';
import { errorMessage, formatNumber, labelOf } from '../i18n/index.js';
import { ti } from '../i18n/import-ui.js';
import { widgetFor } from '../../widgets/registry.js';
import { appContext, derivedContext, localeContext, storeContext } from './context.js';
import { baseStyles } from './styles.js';
import { fileFormat, readFileInWorker } from './import/read-file.js';
import type { FileRead } from './import/read-file.js';
import { guessFieldByValues } from './import/guess.js';

/** `detail` of `ltc-import-done`. */
export interface ImportDoneDetail {
  tableId: string;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ltc-import-done': CustomEvent<ImportDoneDetail>;
    'ltc-import-close': CustomEvent<Record<string, never>>;
  }
  interface HTMLElementTagNameMap {
    'ltc-import-dialog': LtcImportDialog;
  }
}

type Step = 'file' | 'mapping' | 'preview' | 'importing' | 'summary';

const PREVIEW_ROWS = 20;
const SHOWN_PROBLEMS = 10;

export class LtcImportDialog extends LitElement {
  static override styles = [
    baseStyles,
    css`
      dialog { max-width: min(96vw, 1100px); width: 100%; border: 1px solid var(--ltc-color-border, #ccc); border-radius: var(--ltc-radius, 6px); }
      .drop { border: 2px dashed var(--ltc-color-border, #999); border-radius: var(--ltc-radius, 6px); padding: 2rem; text-align: center; }
      .drop.over { border-color: var(--ltc-color-primary, #2563eb); }
      table { border-collapse: collapse; width: 100%; }
      th, td { border-bottom: 1px solid var(--ltc-color-border, #ddd); padding: 0.25rem 0.5rem; text-align: start; vertical-align: top; }
      .scroll { overflow: auto; max-height: 50vh; }
      td.problem { background: var(--ltc-color-danger-bg, #fde8e8); }
      .reason { display: block; color: var(--ltc-color-danger, #9b1c1c); font-size: 0.85em; }
      .sample { color: var(--ltc-color-muted, #555); font-size: 0.85em; }
      .actions { display: flex; gap: 0.5rem; justify-content: flex-end; margin-top: 1rem; flex-wrap: wrap; }
      .bar { width: 100%; height: 0.75rem; accent-color: var(--ltc-color-primary, #2563eb); }
      fieldset { border: 0; padding: 0; margin: 0.5rem 0; }
      .error { color: var(--ltc-color-danger, #9b1c1c); }
    `,
  ];

  /** The table records are imported into. */
  @property({ attribute: 'table-id' }) accessor tableId = '';
  /** Shown (a modal dialog) while true; `show()` sets it. */
  @property({ type: Boolean, reflect: true }) accessor open = false;
  @consume({ context: storeContext, subscribe: true }) @property({ attribute: false }) accessor store: Store | undefined;
  @consume({ context: appContext, subscribe: true }) @property({ attribute: false }) accessor app: AppDef | undefined;
  @consume({ context: localeContext, subscribe: true }) @property() accessor locale: Locale = 'en';
  @consume({ context: derivedContext, subscribe: true }) @property({ attribute: false }) accessor derived: DerivedValues | undefined;

  @state() private accessor step: Step = 'file';
  @state() private accessor busy = '';
  @state() private accessor failure = '';
  @state() private accessor dragOver = false;
  @state() private accessor headers: string[] = [];
  @state() private accessor sample: string[][] = [];
  @state() private accessor sheets: string[] = [];
  @state() private accessor sheet: string | undefined;
  @state() private accessor mapping: Record<string, string | null> = {};
  @state() private accessor matchBy: Record<string, string> = {};
  @state() private accessor addChoices: Record<string, boolean> = {};
  @state() private accessor keyField = '';
  @state() private accessor duplicates: DuplicateMode = 'skip';
  @state() private accessor policy: 'good' | 'all' = 'good';
  @state() private accessor records: CsvRecord[] = [];
  @state() private accessor errors: CsvError[] = [];
  @state() private accessor done = 0;
  @state() private accessor total = 0;
  @state() private accessor summary: ImportSummary | undefined;

  private file: File | undefined;
  private hash = '';
  private addedChoices: Record<string, ChoiceDef[]> = {};
  private reading: FileRead | undefined;
  private abort: AbortController | undefined;

  /** Open the dialog at its first step. */
  show(): void {
    this.reset();
    this.open = true;
  }

  /** Close the dialog (a running read stops; a running import stops after its batch). */
  close(): void {
    if (!this.open) return;
    this.reading?.cancel();
    this.abort?.abort();
    this.open = false;
    this.dispatchEvent(new CustomEvent('ltc-import-close', { bubbles: true, composed: true, detail: {} }));
  }

  /** The problem report of the last check or import as CSV text (what the download holds). */
  problemReport(): string {
    return problemReportCsv(this.summary?.problems ?? this.errors, this.locale);
  }

  private get table(): TableDef | undefined {
    return this.app?.tables.find((t) => t.id === this.tableId);
  }

  private reset(): void {
    this.reading?.cancel();
    Object.assign(this, { step: 'file', busy: '', failure: '', headers: [], sample: [], sheets: [], sheet: undefined, mapping: {}, matchBy: {}, addChoices: {}, keyField: '', records: [], errors: [], summary: undefined, done: 0, total: 0 });
    this.file = undefined;
  }

  protected override updated(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog) return;
    if (this.open && !dialog.open) dialog.showModal();
    else if (!this.open && dialog.open) dialog.close();
  }

  private writableFields(): FieldDef[] {
    return (this.table?.fields ?? []).filter((f) => !fieldTypeOf(f).isDerived(f));
  }

  private fieldById(id: string | null | undefined): FieldDef | undefined {
    return id ? this.table?.fields.find((f) => f.id === id) : undefined;
  }

  // Step 1: the file.

  private onFileInput(event: Event): void {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file) this.chooseFile(file);
  }

  private onDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragOver = false;
    const file = event.dataTransfer?.files[0];
    if (file) this.chooseFile(file);
  }

  /** Read the header and the first rows; the mapping step starts from their guesses. */
  chooseFile(file: File, sheet?: string): void {
    const table = this.table;
    if (!table) return;
    this.file = file;
    this.failure = '';
    this.busy = ti(this.locale, 'import.reading');
    this.reading?.cancel();
    const read = readFileInWorker({ type: 'parse', file, format: fileFormat(file), table, locale: this.locale, sheet }, (message) => {
      if (message.type === 'fail') this.fail(message.message);
      if (message.type !== 'header') return;
      read.cancel();
      this.hash = message.hash;
      this.headers = message.headers;
      this.sample = message.sample;
      this.sheets = message.sheets;
      this.sheet = message.sheet;
      this.mapping = this.withValueGuesses(message.mapping, message.skipped, message.sample);
      this.busy = '';
      this.step = 'mapping';
    });
    this.reading = read;
  }

  private fail(message: string): void {
    this.busy = '';
    this.failure = message;
  }

  /** Columns whose header names no field: guessed from their sample values. */
  private withValueGuesses(mapping: Record<string, string | null>, skipped: CsvSkippedColumn[], sample: string[][]): Record<string, string | null> {
    const out = { ...mapping };
    const used = new Set(Object.values(out).filter((id): id is string => !!id));
    for (const { column, reason } of skipped) {
      if (reason !== 'unknown') continue;
      const index = this.headers.indexOf(column);
      const free = this.writableFields().filter((f) => !used.has(f.id) && !linkedTable(f));
      const guess = guessFieldByValues(sample.map((cells) => cells[index] ?? ''), free);
      if (guess) {
        out[column] = guess.id;
        used.add(guess.id);
      }
    }
    return out;
  }

  // Step 2 → 3: check every row with the chosen mapping.

  private async relationIndexes(): Promise<Record<string, RelationIndex>> {
    const out: Record<string, RelationIndex> = {};
    const app = this.app!;
    for (const id of Object.values(this.mapping)) {
      const field = this.fieldById(id);
      const targetId = field ? linkedTable(field) : undefined;
      const target = app.tables.find((t) => t.id === targetId);
      if (!field || !target) continue;
      const matchField = target.fields.find((f) => f.id === (this.matchBy[field.id] ?? target.primaryFieldId)) ?? target.fields[0]!;
      const rows = this.derived?.ready ? this.derived.all(target.id) : await this.store!.queryRecords(app.id, target.id);
      const map = new Map<string, string[]>();
      for (const row of rows) {
        const value = row.values[matchField.id];
        if (value === null || value === undefined || value === '') continue;
        const key = relationKey(value);
        map.set(key, [...(map.get(key) ?? []), row.id]);
      }
      out[field.id] = { matchField, entries: [...map] };
    }
    return out;
  }

  private async check(): Promise<void> {
    const table = this.table;
    if (!table || !this.file) return;
    this.failure = '';
    this.records = [];
    this.errors = [];
    this.busy = ti(this.locale, 'import.reading');
    const request: ParseRequest = {
      type: 'parse',
      file: this.file,
      format: fileFormat(this.file),
      table,
      locale: this.locale,
      sheet: this.sheet,
      mapping: this.mapping,
      addChoices: Object.keys(this.addChoices).filter((id) => this.addChoices[id]),
      relations: await this.relationIndexes(),
    };
    const records: CsvRecord[] = [];
    const errors: CsvError[] = [];
    const read = readFileInWorker(request, (message: WorkerMessage) => {
      if (message.type === 'fail') this.fail(message.message);
      else if (message.type === 'batch') {
        records.push(...message.records);
        errors.push(...message.errors);
        this.busy = ti(this.locale, 'import.analysing', { done: formatNumber(message.rowsRead, this.locale), total: `${Math.round(message.progress * 100)}%` });
      } else if (message.type === 'done') {
        this.addedChoices = message.addedChoices;
        this.records = records;
        this.errors = errors;
        this.busy = '';
        this.step = 'preview';
      }
    });
    this.reading = read;
    await read.finished;
  }

  // Step 4: write.

  private async runImport(): Promise<void> {
    const { store, app } = this;
    if (!store || !app) return;
    this.step = 'importing';
    this.abort = new AbortController();
    this.done = 0;
    this.total = this.records.length;
    try {
      this.summary = await importRecords(store, app, this.records, {
        tableId: this.tableId,
        hash: this.hash,
        locale: this.locale,
        key: this.keyField ? { fieldId: this.keyField, mode: this.duplicates } : undefined,
        addedChoices: this.addedChoices,
        policy: this.policy,
        fileProblems: this.errors,
        signal: this.abort.signal,
        onProgress: (done, total) => {
          this.done = done;
          this.total = total;
        },
      });
      const { tableId, created, updated, skipped, failed } = this.summary;
      this.dispatchEvent(new CustomEvent('ltc-import-done', { bubbles: true, composed: true, detail: { tableId, created, updated, skipped, failed } }));
    } catch (error) {
      this.failure = errorMessage(error, this.locale);
    }
    this.abort = undefined;
    this.step = 'summary';
  }

  private downloadReport(): void {
    const url = URL.createObjectURL(new Blob([this.problemReport()], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${this.file?.name.replace(/\.[^.]*$/, '') ?? 'import'}-problems.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  // Rendering.

  protected override render() {
    const table = this.table;
    const locale = this.locale;
    return html`<dialog part="dialog" aria-labelledby="title" @cancel=${(e: Event) => (e.preventDefault(), this.close())}>
      <h2 id="title">${ti(locale, 'import.title', { table: table ? labelOf(table, locale) : this.tableId })}</h2>
      ${this.failure ? html`<p class="error" role="alert">${this.failure}</p>` : nothing}
      ${this.busy ? html`<p class="status" role="status">${this.busy}</p>` : nothing}
      ${table ? this.renderStep(table) : nothing}
    </dialog>`;
  }

  private renderStep(table: TableDef) {
    switch (this.step) {
      case 'file':
        return this.renderFile();
      case 'mapping':
        return this.renderMapping(table);
      case 'preview':
        return this.renderPreview(table);
      case 'importing':
        return this.renderProgress();
      case 'summary':
        return this.renderSummary();
    }
  }

  private renderFile() {
    const locale = this.locale;
    return html`<div
        class="drop ${this.dragOver ? 'over' : ''}"
        @dragover=${(e: DragEvent) => (e.preventDefault(), (this.dragOver = true))}
        @dragleave=${() => (this.dragOver = false)}
        @drop=${this.onDrop}
      >
        <p id="drop-hint">${ti(locale, 'import.dropHint')}</p>
        <label>${ti(locale, 'import.chooseFile')} <input type="file" class="file" accept=".csv,.txt,.tsv,.xlsx,text/csv" aria-describedby="drop-hint" @change=${this.onFileInput} /></label>
      </div>
      <div class="actions"><button class="cancel" @click=${() => this.close()}>${ti(locale, 'import.cancel')}</button></div>`;
  }

  private renderMapping(table: TableDef) {
    const locale = this.locale;
    const fields = this.writableFields();
    const mapped = Object.values(this.mapping).map((id) => this.fieldById(id)).filter((f): f is FieldDef => !!f);
    return html`${this.sheets.length > 1
        ? html`<label>${ti(locale, 'import.sheet')}
            <select class="sheet" @change=${(e: Event) => this.file && this.chooseFile(this.file, (e.target as HTMLSelectElement).value)}>
              ${this.sheets.map((s) => html`<option .selected=${s === this.sheet} value=${s}>${s}</option>`)}
            </select></label
          >`
        : nothing}
      <h3>${ti(locale, 'import.mappingTitle')}</h3>
      <div class="scroll">
        <table class="mapping">
          <thead><tr><th scope="col">${ti(locale, 'import.column')}</th><th scope="col">${ti(locale, 'import.sampleValues')}</th><th scope="col">${ti(locale, 'import.field')}</th></tr></thead>
          <tbody>
            ${this.headers.map((header, index) => {
              const field = this.fieldById(this.mapping[header]);
              return html`<tr>
                <th scope="row">${header}</th>
                <td class="sample">${this.sample.slice(0, 3).map((cells) => cells[index] ?? '').filter(Boolean).join(' · ')}</td>
                <td>
                  <select class="map" data-column=${header} aria-label=${`${ti(locale, 'import.field')}: ${header}`} @change=${(e: Event) => this.setMapping(header, (e.target as HTMLSelectElement).value)}>
                    <option value="" .selected=${!field}>${ti(locale, 'import.skipColumn')}</option>
                    ${fields.map((f) => html`<option value=${f.id} .selected=${field?.id === f.id}>${labelOf(f, locale)}</option>`)}
                  </select>
                  ${field ? this.renderColumnOptions(table, field) : nothing}
                </td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      <fieldset>
        <label>${ti(locale, 'import.keyField')}
          <select class="key" @change=${(e: Event) => (this.keyField = (e.target as HTMLSelectElement).value)}>
            <option value="" .selected=${!this.keyField}>${ti(locale, 'import.keyNone')}</option>
            ${mapped.filter((f) => !hasChoices(f.type)).map((f) => html`<option value=${f.id} .selected=${this.keyField === f.id}>${labelOf(f, locale)}</option>`)}
          </select></label
        >
        ${this.keyField
          ? html`<label>${ti(locale, 'import.duplicates')}
              <select class="duplicates" @change=${(e: Event) => (this.duplicates = (e.target as HTMLSelectElement).value as DuplicateMode)}>
                ${(['skip', 'update', 'create'] as const).map((m) => html`<option value=${m} .selected=${this.duplicates === m}>${ti(locale, m === 'skip' ? 'import.dupSkip' : m === 'update' ? 'import.dupUpdate' : 'import.dupCreate')}</option>`)}
              </select></label
            >`
          : nothing}
      </fieldset>
      <div class="actions">
        <button class="back" @click=${() => this.reset()}>${ti(locale, 'import.back')}</button>
        <button class="next primary" ?disabled=${!!this.busy} @click=${() => void this.check()}>${ti(locale, 'import.next')}</button>
      </div>`;
  }

  private setMapping(header: string, id: string): void {
    const next = { ...this.mapping };
    // One field takes one column: a column that had it lets it go.
    if (id) for (const [other, fieldId] of Object.entries(next)) if (fieldId === id) next[other] = null;
    next[header] = id || null;
    this.mapping = next;
    if (this.keyField && !Object.values(next).includes(this.keyField)) this.keyField = '';
  }

  private renderColumnOptions(table: TableDef, field: FieldDef) {
    const locale = this.locale;
    const targetId = linkedTable(field);
    const target = this.app?.tables.find((t) => t.id === targetId);
    if (target) {
      const candidates = target.fields.filter((f) => f.id === target.primaryFieldId || (f.unique && !fieldTypeOf(f).isDerived(f)));
      const chosen = this.matchBy[field.id] ?? target.primaryFieldId;
      return html`<label class="sub">${ti(locale, 'import.matchBy', { table: labelOf(target, locale) })}
        <select class="match-by" data-field=${field.id} @change=${(e: Event) => (this.matchBy = { ...this.matchBy, [field.id]: (e.target as HTMLSelectElement).value })}>
          ${candidates.map((f) => html`<option value=${f.id} .selected=${chosen === f.id}>${labelOf(f, locale)}</option>`)}
        </select></label
      >`;
    }
    if (hasChoices(field.type) && table) {
      return html`<label class="sub">${ti(locale, 'import.unknownChoices')}
        <select class="unknown-choices" data-field=${field.id} @change=${(e: Event) => (this.addChoices = { ...this.addChoices, [field.id]: (e.target as HTMLSelectElement).value === 'add' })}>
          <option value="error" .selected=${!this.addChoices[field.id]}>${ti(locale, 'import.unknownError')}</option>
          <option value="add" .selected=${!!this.addChoices[field.id]}>${ti(locale, 'import.unknownAdd')}</option>
        </select></label
      >`;
    }
    return nothing;
  }

  private renderPreview(table: TableDef) {
    const locale = this.locale;
    const columns = this.headers.filter((h) => this.fieldById(this.mapping[h]));
    const byRow = new Map(this.records.map((r) => [r.row, r]));
    const problems = new Map<number, CsvError[]>();
    for (const e of this.errors) problems.set(e.row, [...(problems.get(e.row) ?? []), e]);
    const fileProblems = problems.get(1) ?? [];
    const rows = [...new Set([...this.records.map((r) => r.row), ...[...problems.keys()].filter((r) => r > 1)])].sort((a, b) => a - b).slice(0, PREVIEW_ROWS);
    const bad = [...problems.keys()].filter((r) => r > 1).length;
    const format = (field: FieldDef, record: CsvRecord) =>
      widgetFor(field).format(record.values[field.id] ?? null, field, { locale, recordLabel: (t, id) => this.derived?.label(t, id) });
    return html`${fileProblems.length ? html`<ul class="error file-problems">${fileProblems.map((p) => html`<li>${p.message}</li>`)}</ul>` : nothing}
      <p class="counts" role="status">${ti(locale, 'import.summaryCounts', { ok: formatNumber(this.records.length, locale), bad: formatNumber(bad, locale) })}</p>
      <h3>${ti(locale, 'import.previewTitle', { count: rows.length })}</h3>
      <div class="scroll">
        <table class="preview">
          <thead><tr><th scope="col">${ti(locale, 'import.row')}</th>${columns.map((h) => html`<th scope="col">${labelOf(this.fieldById(this.mapping[h])!, locale)}</th>`)}</tr></thead>
          <tbody>
            ${rows.map((row) => {
              const record = byRow.get(row);
              const rowProblems = problems.get(row) ?? [];
              const whole = rowProblems.filter((p) => p.column === '');
              return html`<tr data-row=${row}>
                <th scope="row" class=${whole.length ? 'problem' : ''}>${row}${whole.map((p) => html`<span class="reason">${p.message}</span>`)}</th>
                ${columns.map((header) => {
                  const field = this.fieldById(this.mapping[header])!;
                  const cellProblem = rowProblems.find((p) => p.column === header);
                  if (cellProblem) return html`<td class="problem" data-column=${header}>${cellProblem.value}<span class="reason">${cellProblem.message}</span></td>`;
                  const index = this.headers.indexOf(header);
                  const text = record ? format(field, record) : (this.sample[row - 2]?.[index] ?? '');
                  return html`<td data-column=${header}>${text}</td>`;
                })}
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      <fieldset>
        <legend>${ti(locale, 'import.policy')}</legend>
        ${(['good', 'all'] as const).map(
          (p) => html`<label><input type="radio" name="policy" value=${p} .checked=${this.policy === p} @change=${() => (this.policy = p)} /> ${ti(locale, p === 'good' ? 'import.policyGood' : 'import.policyAll')}</label>`,
        )}
      </fieldset>
      <div class="actions">
        ${this.errors.length ? html`<button class="report" @click=${() => this.downloadReport()}>${ti(locale, 'import.downloadReport')}</button>` : nothing}
        <button class="back" @click=${() => (this.step = 'mapping')}>${ti(locale, 'import.back')}</button>
        <button class="start primary" ?disabled=${fileProblems.length > 0} @click=${() => void this.runImport()}>${ti(locale, 'import.start')}</button>
      </div>`;
  }

  private renderProgress() {
    const locale = this.locale;
    const text = ti(locale, 'import.progress', { done: formatNumber(this.done, locale), total: formatNumber(this.total, locale) });
    // A native <progress> (role progressbar): no inline style, which a strict CSP refuses.
    return html`<progress class="bar" aria-label=${text} max=${Math.max(1, this.total)} .value=${this.done}></progress>
      <p class="progress-text" aria-live="polite">${text}</p>
      <div class="actions"><button class="cancel-import" @click=${() => this.abort?.abort()}>${ti(locale, 'import.cancel')}</button></div>`;
  }

  private renderSummary() {
    const locale = this.locale;
    const s = this.summary;
    if (!s) return html`<div class="actions"><button class="close" @click=${() => this.close()}>${ti(locale, 'import.close')}</button></div>`;
    const nothingWritten = this.policy === 'all' && s.problems.length > 0;
    const title = nothingWritten ? ti(locale, 'import.nothingTitle', { count: s.failed }) : s.cancelled ? ti(locale, 'import.cancelledTitle') : ti(locale, 'import.doneTitle');
    const n = (count: number) => formatNumber(count, locale);
    const shown: ReportProblem[] = s.problems.slice(0, SHOWN_PROBLEMS);
    return html`<h3 class="summary-title">${title}</h3>
      <ul class="summary">
        <li class="created">${ti(locale, 'import.created', { count: n(s.created) })}</li>
        <li class="updated">${ti(locale, 'import.updated', { count: n(s.updated) })}</li>
        <li class="skipped">${ti(locale, 'import.skipped', { count: n(s.skipped) })}</li>
        <li class="failed">${ti(locale, 'import.failed', { count: n(s.failed) })}</li>
      </ul>
      ${shown.length ? html`<ul class="problems">${shown.map((p) => html`<li>${p.message}</li>`)}</ul>` : nothing}
      ${s.problems.length > SHOWN_PROBLEMS ? html`<p>${ti(locale, 'import.moreProblems', { count: n(s.problems.length - SHOWN_PROBLEMS) })}</p>` : nothing}
      <div class="actions">
        ${s.problems.length ? html`<button class="report" @click=${() => this.downloadReport()}>${ti(locale, 'import.downloadReport')}</button>` : nothing}
        <button class="close primary" @click=${() => this.close()}>${ti(locale, 'import.close')}</button>
      </div>`;
  }
}
