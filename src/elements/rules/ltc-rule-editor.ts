/**
 * `<ltc-rule-editor>`: the workspace's "自动化 / Automation" screen. Operations staff build
 * automation rules with pickers — no code: the rule list (name, trigger in words, an
 * enabled switch, last run), a new rule (blank, or from the templates library with its
 * picks guessed for the app), the editor (table, trigger, conditions with
 * `<ltc-condition-builder>`, actions, A/B split, catch-up policy), a **dry run** that shows
 * over every record what the rule would do now without writing anything, and the run log
 * (`<ltc-run-log>`).
 *
 * Every problem `checkRule` finds is shown next to the control its path names, as it
 * appears; Save stores through src/runtime/rules/edits.ts (checked again, one versioned
 * write: a change made meanwhile in another tab is refused with "reload", never
 * overwritten). Everything works from the keyboard with native controls (Tab, Enter, Space;
 * Escape closes dialogs). User text is only ever rendered as text. Loaded with the designer
 * script (src/designer.ts).
 *
 * @summary Build, dry-run and switch on automation rules.
 * @event ltc-rules-changed - The app's rules were stored. `detail: { appId, ruleIds }`.
 * @csspart tabs - The Rules / Run log tabs.
 * @csspart list - The rule list.
 * @csspart editor - The rule form.
 * @csspart dry-run - The dry run results.
 * @csspart dialog - The new-rule and delete dialogs.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { AppDef, CellValue, FieldDef, Locale, RecordData, TableDef } from '../../core/schema/types.js';
import type { Store } from '../../store/types.js';
import { ACTION_TYPES, TRIGGER_TYPES, isTimeTrigger, type RuleAction, type RuleDef, type RuleTrigger } from '../../core/rules/model.js';
import { dateRelativeOccurrence, nextRecurrence, shouldFire } from '../../core/rules/schedule.js';
import type { RulePlan } from '../../core/rules/plan.js';
import { RULE_PICKS, TEMPLATE_PICKS, suggestRuleTemplates, type RuleTemplatePick, type RuleTemplatePicks, type RuleTemplateSuggestion } from '../../core/rules/library.js';
import { scopeForTable, FormulaError } from '../../core/formula/index.js';
import { compileFormula } from '../../core/formula/compiler.js';
import { fieldTypeOf } from '../../core/fields/index.js';
import { isDerivedField, type DerivedValues } from '../../runtime/derived.js';
import { RuleEngine } from '../../runtime/rules/engine.js';
import { RUN_TABLE_ID } from '../../runtime/rules/run-log.js';
import { RuleEditError, deleteRule, reorderRules, ruleProblems, saveRule, setAppTimeZone, setRuleEnabled, type RuleProblem } from '../../runtime/rules/edits.js';
import { errorMessage, labelOf } from '../../i18n/index.js';
import { tr, type RulesUiKey } from '../../i18n/rules-ui.js';
import { appContext, derivedContext, localeContext, storeContext } from '../context.js';
import { baseStyles } from '../styles.js';
import { ruleEditorStyles } from './ltc-rule-editor.styles.js';
import { STAGES, appTimeZone, fieldLabel, formatCell, formatInstant, stageLabel, triggerSummary } from './rule-words.js';
import { backLink, blankRule, defaultAction, defaultTrigger, isDateField, isNumberField, isOwnerField, isStageField, isStoredField, isTagsField, userTables } from './rule-draft.js';

/** How many matched records the dry run lists (the count covers them all). */
const DRY_RUN_LISTED = 50;

type Option = readonly [value: string, label: string];

/** A dry run as shown: the count, the listed plans, and for time triggers when they fire. */
interface DryRunView {
  matched: number;
  plans: RulePlan[];
  records: Map<string, RecordData>;
  timing?: { now: number; later: number; byRecord: Map<string, string> } | { next: string };
}

/** Whether a problem belongs to the control at `path` (or, `nested`, to something inside it). */
const isAt = (problem: RuleProblem, path: string, nested: boolean) => problem.field === path || (nested && problem.field.startsWith(`${path}.`));

/** A path as an id fragment (`actions[0].url` → `actions-0--url`). */
const slug = (path: string) => path.replace(/[^a-zA-Z0-9_-]/g, '-');

export class LtcRuleEditor extends LitElement {
  static override styles = [baseStyles, ruleEditorStyles];

  /** The store (from `<ltc-app>`'s context, or set directly). */
  @consume({ context: storeContext, subscribe: true }) @property({ attribute: false }) accessor store: Store | undefined;
  /** The app whose rules are edited (from context, or set directly). */
  @consume({ context: appContext, subscribe: true }) @property({ attribute: false }) accessor app: AppDef | undefined;
  /** The app's computed values, so conditions and the dry run see formula fields. */
  @consume({ context: derivedContext, subscribe: true }) @property({ attribute: false }) accessor derived: DerivedValues | undefined;
  /** The UI language; inside `<ltc-app>` the app's locale. */
  @consume({ context: localeContext, subscribe: true }) @property() accessor locale: Locale = 'en';
  /** Origins webhooks may go to (the embed's `webhook-origins`), space-separated: others get a warning. */
  @property({ attribute: 'webhook-origins' }) accessor webhookOrigins = '';

  @state() private accessor tab: 'rules' | 'log' = 'rules';
  /** The rule being edited (a copy; stored on Save), and whether it is new. */
  @state() private accessor draft: RuleDef | undefined;
  @state() private accessor status = '';
  @state() private accessor dryRun: DryRunView | undefined;
  @state() private accessor lastRuns = new Map<string, { status: string; at: string }>();
  @state() private accessor pendingDelete: RuleDef | undefined;
  /** The template whose picks the new-rule dialog shows, with the picks so far. */
  @state() private accessor choosing: { suggestion: RuleTemplateSuggestion; picks: RuleTemplatePicks } | undefined;
  /** JSON text areas as typed (by path), so an unfinished JSON is kept while it does not parse. */
  private readonly jsonDrafts = new Map<string, string>();
  private runsLoadedFor = '';

  override willUpdate(): void {
    const key = this.app && this.store ? `${this.app.id}@${this.app.version}` : '';
    if (key && key !== this.runsLoadedFor) {
      this.runsLoadedFor = key;
      void this.loadLastRuns();
    }
  }

  /** The last run of each rule, from the run log table (absent until the engine first ran). */
  private async loadLastRuns(): Promise<void> {
    const { store, app } = this;
    if (!store || !app || !app.tables.some((t) => t.id === RUN_TABLE_ID)) return;
    try {
      const runs = await store.queryRecords(app.id, RUN_TABLE_ID);
      const last = new Map<string, { status: string; at: string }>();
      for (const run of runs) {
        if (!run.id.startsWith('run_')) continue;
        const rule = String(run.values.rule ?? '');
        const at = String(run.values.at ?? '');
        if (!last.has(rule) || last.get(rule)!.at < at) last.set(rule, { status: String(run.values.status ?? ''), at });
      }
      this.lastRuns = last;
    } catch {
      // No run log yet: every rule shows "not run yet".
    }
  }

  /** A linked record's name, for the dry run's values. */
  private readonly recordLabel = (tableId: string, id: string): string | undefined => this.derived?.label(tableId, id);

  private get rules(): RuleDef[] {
    return this.app?.rules ?? [];
  }

  private tableOf(tableId: string | undefined): TableDef | undefined {
    return this.app?.tables.find((t) => t.id === tableId);
  }

  // --- Storing -------------------------------------------------------------------------------

  /** Runs a rule edit; shows its outcome (or refusal) in the status line. */
  private async runEdit(edit: (store: Store, app: AppDef) => Promise<{ app: AppDef }>, done: string): Promise<boolean> {
    const { store, app } = this;
    if (!store || !app) return false;
    try {
      const result = await edit(store, app);
      this.app = result.app;
      this.status = done;
      this.dispatchEvent(new CustomEvent('ltc-rules-changed', { bubbles: true, composed: true, detail: { appId: result.app.id, ruleIds: (result.app.rules ?? []).map((r) => r.id) } }));
      return true;
    } catch (error) {
      this.status = error instanceof RuleEditError && error.code === 'rules.invalid' ? tr(this.locale, 'rules.problems', { count: error.problems.length }) : errorMessage(error, this.locale);
      return false;
    }
  }

  private async save(): Promise<void> {
    const draft = this.draft;
    if (!draft) return;
    const problems = this.problems();
    if (problems.length) {
      this.status = tr(this.locale, 'rules.problems', { count: problems.length });
      this.focusFirstProblem(problems);
      return;
    }
    if (await this.runEdit((store, app) => saveRule(store, app, draft, { locale: this.locale }), tr(this.locale, 'rules.saved'))) {
      this.draft = structuredClone(this.rules.find((r) => r.id === draft.id) ?? draft);
    }
  }

  private focusFirstProblem(problems: RuleProblem[]): void {
    void this.updateComplete.then(() => {
      for (const problem of problems) {
        const control = this.renderRoot.querySelector<HTMLElement>(`[data-path="${problem.field}"]`);
        if (control) return control.focus();
      }
    });
  }

  private toggle(rule: RuleDef, enabled: boolean): void {
    void this.runEdit((store, app) => setRuleEnabled(store, app, rule.id, enabled, { locale: this.locale }), tr(this.locale, 'rules.saved'));
  }

  private move(index: number, by: number): void {
    const ids = this.rules.map((r) => r.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + by, 0, id!);
    void this.runEdit((store, app) => reorderRules(store, app, ids, { locale: this.locale }), tr(this.locale, 'rules.saved'));
  }

  private askDelete(rule: RuleDef): void {
    this.pendingDelete = rule;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLDialogElement>('dialog.delete-rule')?.showModal());
  }

  private async confirmDelete(): Promise<void> {
    const rule = this.pendingDelete;
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.delete-rule')?.close();
    if (!rule) return;
    if (await this.runEdit((store, app) => deleteRule(store, app, rule.id, { locale: this.locale }), tr(this.locale, 'rules.deleted'))) {
      if (this.draft?.id === rule.id) this.draft = undefined;
    }
  }

  // --- New rules -----------------------------------------------------------------------------

  private openNew(): void {
    this.choosing = undefined;
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.new-rule')?.showModal();
  }

  private closeNew(): void {
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.new-rule')?.close();
  }

  /** The rule in the editor as it is now (a copy), or undefined when the list shows. */
  get editing(): RuleDef | undefined {
    return this.draft ? structuredClone(this.draft) : undefined;
  }

  /** Opens a rule in the editor (a copy: nothing is stored before Save). */
  edit(rule: RuleDef): void {
    this.draft = structuredClone(rule);
    this.jsonDrafts.clear();
    this.dryRun = undefined;
    this.status = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('input[data-path="name"]')?.focus());
  }

  private newBlank(): void {
    const app = this.app;
    if (!app) return;
    this.closeNew();
    this.edit(blankRule(app, userTables(app)[0]?.id ?? '', tr(this.locale, 'rules.newRuleName')));
  }

  /** Shows a template's picks (guessed where the app allowed) in the dialog. */
  private chooseTemplate(suggestion: RuleTemplateSuggestion): void {
    this.choosing = { suggestion, picks: { ...suggestion.picks } };
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('dialog.new-rule select, dialog.new-rule button.create-rules')?.focus());
  }

  /** Stores a template's rules (disabled) and opens the first in the editor. */
  private async useTemplate(suggestion: RuleTemplateSuggestion, picks: RuleTemplatePicks): Promise<void> {
    const app = this.app;
    if (!app) return;
    this.closeNew();
    this.choosing = undefined;
    const built = suggestion.template.build(app, picks);
    let ok = true;
    for (const rule of built) {
      ok = await this.runEdit((store, current) => saveRule(store, current, rule, { locale: this.locale }), tr(this.locale, 'rules.templateAdded', { count: built.length }));
      if (!ok) break;
    }
    if (ok && built[0]) this.edit(this.rules.find((r) => r.id === built[0]!.id) ?? built[0]);
  }

  // --- Editing -------------------------------------------------------------------------------

  /** Changes the draft in place (the condition builder keeps its logic object's identity). */
  private change(mutate: (draft: RuleDef) => void): void {
    if (!this.draft) return;
    mutate(this.draft);
    this.dryRun = undefined;
    this.requestUpdate();
  }

  private problemsCache: { draft: string; problems: RuleProblem[] } | undefined;

  /** The draft's problems (checkRule with zh / en messages), by path within the rule. */
  private problems(): RuleProblem[] {
    const draft = this.draft;
    const app = this.app;
    if (!draft || !app) return [];
    const key = JSON.stringify(draft) + this.locale;
    if (this.problemsCache?.draft !== key) {
      const index = this.rules.findIndex((r) => r.id === draft.id);
      this.problemsCache = { draft: key, problems: ruleProblems(app, draft, index < 0 ? this.rules.length : index, this.locale) };
    }
    return this.problemsCache.problems;
  }

  /** Paths whose problems a control of the current render shows (the rest go to the summary). */
  private readonly shown: Array<{ path: string; nested: boolean }> = [];

  private problemsAt(path: string, nested = false): RuleProblem[] {
    return this.problems().filter((p) => isAt(p, path, nested));
  }

  /** The messages for a control, in an element the control names in aria-describedby. */
  private issues(path: string, nested = false, extra: string[] = []): TemplateResult | typeof nothing {
    this.shown.push({ path, nested });
    const messages = [...this.problemsAt(path, nested).map((p) => p.message), ...extra];
    if (messages.length === 0) return nothing;
    return html`<p class="issue" id=${`e-${slug(path)}`} part="issue">${messages.join(' ')}</p>`;
  }

  private controlAttrs(path: string, nested = false, extra: string[] = []) {
    const invalid = this.problemsAt(path, nested).length > 0 || extra.length > 0;
    return { invalid: invalid ? 'true' : 'false', describedBy: invalid ? `e-${slug(path)}` : nothing };
  }

  private select(path: string, label: string, value: string, options: readonly Option[], onChange: (value: string) => void, nested = false): TemplateResult {
    const a = this.controlAttrs(path, nested);
    return html`<label class="control"
        ><span>${label}</span>
        <select data-path=${path} aria-invalid=${a.invalid} aria-describedby=${a.describedBy} @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
          ${options.map(([v, l]) => html`<option value=${v} ?selected=${v === value}>${l}</option>`)}
        </select></label
      >${this.issues(path, nested)}`;
  }

  private input(path: string, label: string, value: string, onChange: (value: string) => void, options: { type?: string; help?: string; warnings?: string[]; placeholder?: string } = {}): TemplateResult {
    const warnings = options.warnings ?? [];
    const a = this.controlAttrs(path, false, warnings);
    return html`<label class="control"
        ><span>${label}</span>
        <input
          data-path=${path}
          type=${options.type ?? 'text'}
          .value=${value}
          placeholder=${options.placeholder ?? nothing}
          aria-invalid=${a.invalid}
          aria-describedby=${a.describedBy}
          @change=${(e: Event) => onChange((e.target as HTMLInputElement).value)}
        />${options.help ? html`<span class="help">${options.help}</span>` : nothing}</label
      >${this.issues(path, false, warnings)}`;
  }

  /** A JSON template (webhook body, event payload): kept as typed while it does not parse. */
  private jsonArea(path: string, label: string, value: unknown, onChange: (value: unknown) => void): TemplateResult {
    const text = this.jsonDrafts.get(path) ?? JSON.stringify(value ?? {}, null, 2);
    let error = '';
    try {
      JSON.parse(text);
    } catch (e) {
      error = tr(this.locale, 'rules.badJson', { message: (e as Error).message });
    }
    const warnings = error ? [error] : [];
    const a = this.controlAttrs(path, false, warnings);
    return html`<label class="control"
        ><span>${label}</span>
        <textarea
          data-path=${path}
          .value=${text}
          aria-invalid=${a.invalid}
          aria-describedby=${a.describedBy}
          @change=${(e: Event) => {
            const typed = (e.target as HTMLTextAreaElement).value;
            this.jsonDrafts.set(path, typed);
            try {
              onChange(JSON.parse(typed));
            } catch {
              this.requestUpdate();
            }
          }}
        ></textarea
        ><span class="help">${tr(this.locale, 'rules.templateHelp')}</span></label
      >${this.issues(path, false, warnings)}`;
  }

  private fieldOptions(table: TableDef | undefined, accept: (field: FieldDef) => boolean, current: string): Option[] {
    const options: Option[] = (table?.fields ?? []).filter(accept).map((f) => [f.id, labelOf(f, this.locale)]);
    // Keep a stored choice that no longer fits visible: its problem is shown next to it.
    if (current && !options.some(([id]) => id === current)) options.unshift([current, current]);
    if (!current) options.unshift(['', '—']);
    return options;
  }

  /** A stored value typed into a text input, as the field stores it (numbers as numbers). */
  private typedValue(field: FieldDef | undefined, text: string): CellValue {
    if (text === '') return null;
    const scalar = field ? fieldTypeOf(field).scalar(field).type : 'text';
    if (scalar === 'number' && Number.isFinite(Number(text))) return Number(text);
    if (scalar === 'boolean') return text === 'true';
    return text;
  }

  /** A picker for one stored value of `field` (choices, yes / no, or text); '' = none. */
  private valuePicker(path: string, label: string, field: FieldDef | undefined, value: CellValue | undefined, onChange: (value: CellValue | undefined) => void, anyLabel?: string): TemplateResult {
    const choices = field?.options?.choices;
    const scalar = field ? fieldTypeOf(field).scalar(field).type : 'text';
    const none: Option[] = anyLabel !== undefined ? [['', anyLabel]] : [];
    if (choices?.length && !Array.isArray(value)) {
      return this.select(path, label, value === undefined || value === null ? '' : String(value), [...none, ...choices.map((c): Option => [c.id, labelOf(c, this.locale)])], (v) => onChange(v === '' ? (anyLabel !== undefined ? undefined : null) : v));
    }
    if (scalar === 'boolean') {
      return this.select(path, label, value === undefined || value === null ? '' : String(value), [...none, ['true', '✓'], ['false', '✗']], (v) => onChange(v === '' ? undefined : v === 'true'));
    }
    return this.input(path, label, value === undefined || value === null ? '' : String(value), (text) => onChange(text === '' && anyLabel !== undefined ? undefined : this.typedValue(field, text)));
  }

  private renderTrigger(draft: RuleDef, table: TableDef | undefined): TemplateResult {
    const t = draft.trigger;
    const locale = this.locale;
    const set = (trigger: RuleTrigger) => this.change((d) => (d.trigger = trigger));
    const patch = (values: Record<string, unknown>) =>
      this.change((d) => {
        const next: Record<string, unknown> = { ...d.trigger, ...values };
        for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
        d.trigger = next as unknown as RuleTrigger;
      });
    const typeOptions = TRIGGER_TYPES.map((type): Option => [type, tr(locale, `trigger.${type}` as RulesUiKey)]);
    let details: TemplateResult | typeof nothing = nothing;
    switch (t.type) {
      case 'record-updated': {
        const field = table?.fields.find((f) => f.id === t.fieldId);
        details = html`<div class="inline">
          ${this.select('trigger.fieldId', tr(locale, 'rules.field'), t.fieldId ?? '', [['', tr(locale, 'rules.anyField')], ...this.fieldOptions(table, isStoredField, t.fieldId ?? '').filter(([id]) => id !== '')], (v) =>
            patch({ fieldId: v || undefined, from: undefined, to: undefined }),
          )}
          ${t.fieldId
            ? html`${this.valuePicker('trigger.from', tr(locale, 'rules.fromValue'), field, t.from, (v) => patch({ from: v }), tr(locale, 'summary.any'))}
              ${this.valuePicker('trigger.to', tr(locale, 'rules.toValue'), field, t.to, (v) => patch({ to: v }), tr(locale, 'summary.any'))}`
            : nothing}
        </div>`;
        break;
      }
      case 'stage-changed': {
        const stages: Option[] = [['', tr(locale, 'rules.anyStage')], ...STAGES.map((s): Option => [s, stageLabel(s, locale)])];
        details = html`<div class="inline">
          ${this.select('trigger.fieldId', tr(locale, 'rules.stageField'), t.fieldId, this.fieldOptions(table, isStageField, t.fieldId), (v) => patch({ fieldId: v }))}
          ${this.select('trigger.from', tr(locale, 'rules.fromStage'), t.from ?? '', stages, (v) => patch({ from: v || undefined }))}
          ${this.select('trigger.to', tr(locale, 'rules.toStage'), t.to ?? '', stages, (v) => patch({ to: v || undefined }))}
        </div>`;
        break;
      }
      case 'form-submitted':
        details = this.input('trigger.formId', tr(locale, 'rules.formId'), t.formId ?? '', (v) => patch({ formId: v || undefined }));
        break;
      case 'date-relative':
        details = html`<div class="inline">
          ${this.input('trigger.offset', tr(locale, 'rules.amount'), String(Math.abs(t.offset)), (v) => patch({ offset: Math.sign(t.offset || 1) * Number(v === '' ? NaN : v) }), { type: 'number' })}
          ${this.select('trigger.unit', tr(locale, 'rules.unit'), t.unit, (['minutes', 'hours', 'days'] as const).map((u): Option => [u, tr(locale, `unit.${u}`)]), (v) =>
            patch({ unit: v, at: v === 'days' ? t.at : undefined }),
          )}
          ${this.select('trigger.direction', tr(locale, 'rules.direction'), t.offset < 0 ? 'before' : 'after', [['after', tr(locale, 'dir.after')], ['before', tr(locale, 'dir.before')]], (v) =>
            patch({ offset: (v === 'before' ? -1 : 1) * Math.abs(t.offset) }),
          )}
          ${this.select('trigger.fieldId', tr(locale, 'rules.dateField'), t.fieldId, this.fieldOptions(table, isDateField, t.fieldId), (v) => patch({ fieldId: v }))}
          ${t.unit === 'days' ? this.input('trigger.at', tr(locale, 'rules.at'), t.at ?? '', (v) => patch({ at: v.trim() || undefined }), { placeholder: '10:00', help: tr(locale, 'rules.atHelp') }) : nothing}
        </div>`;
        break;
      case 'recurring':
        details = html`<div class="inline">
          ${this.select('trigger.every', tr(locale, 'rules.every'), t.every, (['day', 'week', 'month'] as const).map((e): Option => [e, tr(locale, `every.${e}`)]), (v) =>
            set({ type: 'recurring', every: v as 'day' | 'week' | 'month', at: t.at, ...(v === 'week' ? { weekday: 1 } : v === 'month' ? { day: 1 } : {}) }),
          )}
          ${t.every === 'week'
            ? this.select('trigger.weekday', tr(locale, 'rules.weekday'), String(t.weekday ?? 1), [1, 2, 3, 4, 5, 6, 0].map((d): Option => [String(d), tr(locale, `weekday.${d}` as RulesUiKey)]), (v) => patch({ weekday: Number(v) }))
            : nothing}
          ${t.every === 'month' ? this.input('trigger.day', tr(locale, 'rules.day'), String(t.day ?? 1), (v) => patch({ day: Number(v) }), { type: 'number', help: tr(locale, 'rules.dayHelp') }) : nothing}
          ${this.input('trigger.at', tr(locale, 'rules.at'), t.at, (v) => patch({ at: v.trim() }), { placeholder: '09:00' })}
        </div>`;
        break;
      default:
        break;
    }
    return html`<fieldset class="trigger">
      <legend>${tr(locale, 'rules.trigger')}</legend>
      ${this.select('trigger.type', tr(locale, 'rules.triggerType'), t.type, typeOptions, (v) => set(defaultTrigger(v as RuleTrigger['type'], table)))} ${details}
      ${isTimeTrigger(t)
        ? html`<p class="help time-zone">${tr(locale, 'rules.timeZone', { zone: appTimeZone(this.app) })} ${tr(locale, 'rules.timeZoneHelp')}</p>
            <div class="inline">
              ${this.select('catchUp.missed', tr(locale, 'rules.catchUp'), draft.catchUp?.missed ?? 'fire', [['fire', tr(locale, 'catch.fire')], ['skip', tr(locale, 'catch.skip')]], (v) =>
                this.change((d) => (d.catchUp = v === 'skip' ? { missed: 'skip' } : { missed: 'fire', ...(d.catchUp?.maxLateDays !== undefined ? { maxLateDays: d.catchUp.maxLateDays } : {}) })),
              )}
              ${(draft.catchUp?.missed ?? 'fire') === 'fire'
                ? this.input('catchUp.maxLateDays', tr(locale, 'rules.maxLate'), draft.catchUp?.maxLateDays === undefined ? '' : String(draft.catchUp.maxLateDays), (v) =>
                    this.change((d) => (d.catchUp = v === '' ? { missed: 'fire' } : { missed: 'fire', maxLateDays: Number(v) })),
                  { type: 'number' })
                : nothing}
            </div>`
        : nothing}
    </fieldset>`;
  }

  /** A value an action writes: a constant (by the field's kind) or a checked formula. */
  private renderActionValue(path: string, field: FieldDef | undefined, value: { value?: CellValue; formula?: string }, formulaTable: TableDef | undefined, onChange: (value: { value?: CellValue; formula?: string }) => void): TemplateResult {
    const locale = this.locale;
    const kind = value.formula !== undefined ? 'formula' : 'constant';
    const label = field ? labelOf(field, locale) : '';
    let formulaProblem: string[] = [];
    if (value.formula !== undefined && value.formula.trim() !== '' && this.app && formulaTable) {
      try {
        compileFormula(value.formula, scopeForTable(this.app, formulaTable.id));
      } catch (error) {
        formulaProblem = [error instanceof FormulaError ? error.message : String(error)];
      }
    }
    return html`<div class="inline">
      ${this.select(`${path}.kind`, tr(locale, 'rules.valueKind', { field: label }), kind, [['constant', tr(locale, 'value.constant')], ['formula', tr(locale, 'value.formula')]], (v) =>
        onChange(v === 'formula' ? { formula: '' } : { value: null }),
      )}
      ${kind === 'formula'
        ? html`${this.input(`${path}.formula`, tr(locale, 'rules.formula'), value.formula ?? '', (v) => onChange({ formula: v }), { help: tr(locale, 'rules.formulaHelp'), warnings: formulaProblem })}${this.issues(path)}`
        : this.valuePicker(path, tr(locale, 'rules.value'), field, value.value ?? null, (v) => onChange({ value: v ?? null }))}
    </div>`;
  }

  private renderActionBody(action: RuleAction, path: string, table: TableDef | undefined): TemplateResult | typeof nothing {
    const locale = this.locale;
    const update = (values: Record<string, unknown>) =>
      this.change((d) => {
        const index = Number(/\[(\d+)\]$/.exec(path)![1]);
        const next: Record<string, unknown> = { ...d.actions[index], ...values };
        for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
        d.actions[index] = next as unknown as RuleAction;
      });
    switch (action.type) {
      case 'set-field': {
        const field = table?.fields.find((f) => f.id === action.fieldId);
        return html`${this.select(`${path}.fieldId`, tr(locale, 'rules.field'), action.fieldId, this.fieldOptions(table, isStoredField, action.fieldId), (v) => update({ fieldId: v }))}
        ${this.renderActionValue(path, field, action, table, (value) => update({ value: value.value, formula: value.formula }))}`;
      }
      case 'add-tags':
      case 'remove-tags': {
        const field = table?.fields.find((f) => f.id === action.fieldId);
        const tagsPath = `${path}.tags`;
        const a = this.controlAttrs(tagsPath, true);
        return html`${this.select(`${path}.fieldId`, tr(locale, 'rules.field'), action.fieldId, this.fieldOptions(table, isTagsField, action.fieldId), (v) => update({ fieldId: v, tags: [] }))}
          <fieldset data-path=${tagsPath} aria-invalid=${a.invalid} aria-describedby=${a.describedBy}>
            <legend>${tr(locale, 'rules.tags')}</legend>
            ${(field?.options?.choices ?? []).map(
              (choice) => html`<label
                ><input
                  type="checkbox"
                  .checked=${action.tags.includes(choice.id)}
                  @change=${(e: Event) => update({ tags: (e.target as HTMLInputElement).checked ? [...action.tags, choice.id] : action.tags.filter((t) => t !== choice.id) })}
                />
                ${labelOf(choice, locale)}</label
              >`,
            )}
          </fieldset>
          ${this.issues(tagsPath, true)}`;
      }
      case 'add-points':
        return html`<div class="inline">
          ${this.select(`${path}.fieldId`, tr(locale, 'rules.field'), action.fieldId, this.fieldOptions(table, isNumberField, action.fieldId), (v) => update({ fieldId: v }))}
          ${this.input(`${path}.points`, tr(locale, 'rules.points'), String(action.points), (v) => update({ points: v === '' ? NaN : Number(v) }), { type: 'number' })}
        </div>`;
      case 'create-record':
        return this.renderCreateRecord(action, path, table, update);
      case 'assign-owner':
        return this.renderAssignOwner(action, path, table, update);
      case 'webhook': {
        let warnings: string[] = [];
        try {
          const origin = new URL(action.url).origin;
          if (/^https?:/i.test(action.url) && !this.webhookOrigins.split(/\s+/).includes(origin)) warnings = [tr(locale, 'rules.originWarning', { origin })];
        } catch {
          // Not a URL: checkRule's message says so.
        }
        return html`${this.input(`${path}.url`, tr(locale, 'rules.url'), action.url, (v) => update({ url: v.trim() }), { type: 'url', warnings })}
          <div class="inline">
            ${this.select(`${path}.method`, tr(locale, 'rules.method'), action.method ?? 'POST', [['POST', 'POST'], ['PUT', 'PUT']], (v) => update({ method: v }))}
            ${this.input(`${path}.retries`, tr(locale, 'rules.retries'), String(action.retries ?? 3), (v) => update({ retries: v === '' ? undefined : Number(v) }), { type: 'number' })}
          </div>
          ${this.jsonArea(`${path}.body`, tr(locale, 'rules.body'), action.body, (body) => update({ body }))}`;
      }
      case 'dispatch-event':
        return this.jsonArea(`${path}.payload`, tr(locale, 'rules.payload'), action.payload, (payload) => update({ payload }));
      case 'notify':
        return this.input(`${path}.message`, tr(locale, 'rules.message'), action.message, (v) => update({ message: v }), { help: tr(locale, 'rules.templateHelp') });
    }
  }

  private renderCreateRecord(action: Extract<RuleAction, { type: 'create-record' }>, path: string, table: TableDef | undefined, update: (values: Record<string, unknown>) => void): TemplateResult {
    const locale = this.locale;
    const app = this.app!;
    const target = this.tableOf(action.tableId);
    const entries = Object.entries(action.values);
    const setValues = (next: Array<[string, { value?: CellValue; formula?: string }]>) => update({ values: Object.fromEntries(next) });
    const tableOptions: Option[] = userTables(app).map((t) => [t.id, labelOf(t, locale)]);
    const linkOptions: Option[] = [['', tr(locale, 'rules.noLink')], ...this.fieldOptions(target, (f) => isStoredField(f) && f.options?.table === table?.id, action.link ?? '').filter(([id]) => id !== '')];
    const unused = (target?.fields ?? []).filter((f) => isStoredField(f) && f.id !== action.link && !(f.id in action.values));
    return html`<div class="inline">
        ${this.select(`${path}.tableId`, tr(locale, 'rules.targetTable'), action.tableId, tableOptions, (v) => update({ tableId: v, values: {}, link: backLink(this.tableOf(v), table?.id ?? '')?.id }))}
        ${this.select(`${path}.link`, tr(locale, 'rules.link'), action.link ?? '', linkOptions, (v) => update({ link: v || undefined }))}
      </div>
      <fieldset>
        <legend>${tr(locale, 'rules.fieldValues')}</legend>
        ${entries.map(([fieldId, value], n) => {
          const valuePath = `${path}.values.${fieldId}`;
          const field = target?.fields.find((f) => f.id === fieldId);
          return html`<div class="inline value-row">
            ${this.select(`${valuePath}.field`, tr(locale, 'rules.valueField', { n: n + 1 }), fieldId, this.fieldOptions(target, (f) => isStoredField(f) && (f.id === fieldId || !(f.id in action.values)), fieldId), (v) =>
              setValues(entries.map(([id, val]): [string, typeof val] => (id === fieldId ? [v, { value: null }] : [id, val]))),
            )}
            ${this.renderActionValue(valuePath, field, value, table, (next) => setValues(entries.map(([id, val]) => (id === fieldId ? [id, next] : [id, val]))))}
            <button type="button" class="remove-value" @click=${() => setValues(entries.filter(([id]) => id !== fieldId))}>${tr(locale, 'rules.removeValue', { field: fieldLabel(target, fieldId, locale) })}</button>
          </div>`;
        })}
        <button type="button" class="add-value" ?disabled=${unused.length === 0} @click=${() => setValues([...entries, [unused[0]!.id, { value: null }]])}>${tr(locale, 'rules.addValue')}</button>
        ${this.issues(`${path}.values`)}
      </fieldset>`;
  }

  private renderAssignOwner(action: Extract<RuleAction, { type: 'assign-owner' }>, path: string, table: TableDef | undefined, update: (values: Record<string, unknown>) => void): TemplateResult {
    const locale = this.locale;
    const app = this.app!;
    const owner = table?.fields.find((f) => f.id === action.fieldId);
    const tasks = this.tableOf(action.openTasks?.tableId);
    const strategies = (['round-robin', 'fewest-open', 'by-condition'] as const).map((s): Option => [s, tr(locale, `strategy.${s}`)]);
    const cases = action.cases ?? [];
    return html`<div class="inline">
        ${this.select(`${path}.fieldId`, tr(locale, 'rules.ownerField'), action.fieldId, this.fieldOptions(table, isOwnerField, action.fieldId), (v) => update({ fieldId: v }))}
        ${this.select(`${path}.strategy`, tr(locale, 'rules.strategy'), action.strategy, strategies, (v) => {
          const tasksTable = userTables(app).find((t) => t.id !== table?.id && t.fields.some((f) => f.options?.table === owner?.options?.table));
          update({
            strategy: v,
            openTasks: v === 'fewest-open' ? { tableId: tasksTable?.id ?? '', ownerFieldId: tasksTable?.fields.find((f) => f.options?.table === owner?.options?.table)?.id ?? '' } : undefined,
            cases: v === 'by-condition' ? [{ condition: true, owner: '' }] : undefined,
          });
        })}
      </div>
      ${this.input(`${path}.candidates`, tr(locale, 'rules.candidates'), (action.candidates ?? []).join(' '), (v) => {
        const ids = v.split(/\s+/).filter(Boolean);
        update({ candidates: ids.length ? ids : undefined });
      })}
      ${action.strategy === 'fewest-open'
        ? html`<div class="inline">
            ${this.select(`${path}.openTasks.tableId`, tr(locale, 'rules.openTable'), action.openTasks?.tableId ?? '', [['', '—'], ...userTables(app).map((t): Option => [t.id, labelOf(t, locale)])], (v) =>
              update({ openTasks: { tableId: v, ownerFieldId: this.tableOf(v)?.fields.find((f) => f.options?.table === owner?.options?.table)?.id ?? '' } }),
            )}
            ${this.select(`${path}.openTasks.ownerFieldId`, tr(locale, 'rules.openOwner'), action.openTasks?.ownerFieldId ?? '', this.fieldOptions(tasks, (f) => f.options?.table === owner?.options?.table, action.openTasks?.ownerFieldId ?? ''), (v) =>
              update({ openTasks: { ...action.openTasks!, ownerFieldId: v } }),
            )}
          </div>`
        : nothing}
      ${action.strategy === 'by-condition'
        ? html`<fieldset>
            <legend>${tr(locale, 'rules.cases')}</legend>
            ${cases.map(
              (c, n) => html`<fieldset class="case">
                <legend>${tr(locale, 'rules.caseN', { n: n + 1 })}</legend>
                <ltc-condition-builder
                  .table=${table}
                  .locale=${locale}
                  .value=${c.condition ?? true}
                  @ltc-condition-changed=${(e: CustomEvent<{ logic: unknown }>) => {
                    e.stopPropagation();
                    c.condition = e.detail.logic;
                    this.change(() => undefined);
                  }}
                ></ltc-condition-builder>
                ${this.input(`${path}.cases[${n}].owner`, tr(locale, 'rules.caseOwner', { n: n + 1 }), c.owner, (v) => update({ cases: cases.map((x, i) => (i === n ? { ...x, owner: v.trim() } : x)) }))}
                <button type="button" @click=${() => update({ cases: cases.filter((_, i) => i !== n) })}>${tr(locale, 'rules.removeCase', { n: n + 1 })}</button>
              </fieldset>`,
            )}
            <button type="button" class="add-case" @click=${() => update({ cases: [...cases, { condition: true, owner: '' }] })}>${tr(locale, 'rules.addCase')}</button>
            ${this.issues(`${path}.cases`)}
          </fieldset>`
        : nothing}`;
  }

  private renderActions(draft: RuleDef, table: TableDef | undefined): TemplateResult {
    const locale = this.locale;
    const variants = draft.variants ?? [];
    const types = ACTION_TYPES.map((type): Option => [type, tr(locale, `action.${type}` as RulesUiKey)]);
    const moveAction = (from: number, to: number) =>
      this.change((d) => {
        const [moved] = d.actions.splice(from, 1);
        d.actions.splice(to, 0, moved!);
        this.jsonDrafts.clear();
      });
    return html`<fieldset class="actions">
      <legend>${tr(locale, 'rules.actions')}</legend>
      ${draft.actions.map((action, i) => {
        const path = `actions[${i}]`;
        const n = i + 1;
        return html`<fieldset class="action" part="action">
          <legend>${tr(locale, 'rules.actionN', { n })}</legend>
          <div class="action-head">
            ${this.select(`${path}.type`, tr(locale, 'rules.actionType', { n }), action.type, types, (v) =>
              this.change((d) => {
                this.jsonDrafts.clear();
                d.actions[i] = { ...defaultAction(v as RuleAction['type'], table, this.app!), ...(action.variant ? { variant: action.variant } : {}) };
              }),
            )}
            ${variants.length
              ? this.select(`${path}.variant`, tr(locale, 'rules.variant'), action.variant ?? '', [['', tr(locale, 'rules.allVariants')], ...variants.map((v): Option => [v.id, v.id])], (v) =>
                  this.change((d) => {
                    if (v) d.actions[i]!.variant = v;
                    else delete d.actions[i]!.variant;
                  }),
                )
              : nothing}
            <div class="buttons">
              <button type="button" class="action-up" ?disabled=${i === 0} @click=${() => moveAction(i, i - 1)}>${tr(locale, 'rules.actionUp', { n })}</button>
              <button type="button" class="action-down" ?disabled=${i === draft.actions.length - 1} @click=${() => moveAction(i, i + 1)}>${tr(locale, 'rules.actionDown', { n })}</button>
              <button type="button" class="action-remove" @click=${() => this.change((d) => (this.jsonDrafts.clear(), d.actions.splice(i, 1)))}>${tr(locale, 'rules.removeAction', { n })}</button>
            </div>
          </div>
          ${this.renderActionBody(action, path, table)}
        </fieldset>`;
      })}
      <button type="button" class="add-action" data-path="actions" @click=${() => this.change((d) => d.actions.push(defaultAction('set-field', table, this.app!)))}>${tr(locale, 'rules.addAction')}</button>
      ${this.issues('actions')}
    </fieldset>`;
  }

  private renderVariants(draft: RuleDef): TemplateResult {
    const locale = this.locale;
    const variants = draft.variants ?? [];
    const setVariants = (next: NonNullable<RuleDef['variants']> | undefined) =>
      this.change((d) => {
        if (next) d.variants = next;
        else {
          delete d.variants;
          delete d.variantFieldId;
        }
        const ids = new Set(next?.map((v) => v.id) ?? []);
        for (const action of d.actions) if (action.variant !== undefined && !ids.has(action.variant)) delete action.variant;
      });
    return html`<fieldset class="variants">
      <legend>${tr(locale, 'rules.split')}</legend>
      <label
        ><input type="checkbox" class="split" .checked=${variants.length > 0} @change=${(e: Event) => setVariants((e.target as HTMLInputElement).checked ? [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }] : undefined)} />
        ${tr(locale, 'rules.splitOn')}</label
      >
      ${variants.map(
        (variant, i) => html`<div class="inline">
          ${this.input(`variants[${i}].id`, tr(locale, 'rules.variantId', { n: i + 1 }), variant.id, (v) => setVariants(variants.map((x, j) => (j === i ? { ...x, id: v.trim() } : x))))}
          ${this.input(`variants[${i}].weight`, tr(locale, 'rules.variantWeight', { n: i + 1 }), String(variant.weight), (v) => setVariants(variants.map((x, j) => (j === i ? { ...x, weight: Number(v) } : x))), { type: 'number' })}
          <button type="button" ?disabled=${variants.length <= 2} @click=${() => setVariants(variants.filter((_, j) => j !== i))}>${tr(locale, 'rules.removeVariant', { n: i + 1 })}</button>
        </div>`,
      )}
      ${variants.length
        ? html`<button type="button" class="add-variant" @click=${() => setVariants([...variants, { id: String.fromCharCode(65 + variants.length), weight: 50 }])}>${tr(locale, 'rules.addVariant')}</button>
            ${this.select(
              'variantFieldId',
              tr(locale, 'rules.variantField'),
              draft.variantFieldId ?? '',
              [['', tr(locale, 'pick.none')], ...(this.tableOf(draft.tableId)?.fields ?? []).filter((f) => isStoredField(f) && (f.type === 'text' || f.type === 'select')).map((f): Option => [f.id, labelOf(f, locale)])],
              (v) => this.change((d) => (v ? (d.variantFieldId = v) : delete d.variantFieldId)),
            )}`
        : nothing}
      ${this.issues('variants')}
    </fieldset>`;
  }

  private renderEditor(draft: RuleDef): TemplateResult {
    const locale = this.locale;
    const app = this.app!;
    const table = this.tableOf(draft.tableId);
    const problems = this.problems();
    this.shown.length = 0;
    return html`<form part="editor" aria-labelledby="editor-title" @submit=${(e: Event) => (e.preventDefault(), void this.save())}>
      <h2 id="editor-title">${tr(locale, 'rules.editTitle')}</h2>
      ${this.input('name', tr(locale, 'rules.name'), draft.name, (v) => this.change((d) => (d.name = v)))}
      ${this.select('tableId', tr(locale, 'rules.table'), draft.tableId, userTables(app).map((t): Option => [t.id, labelOf(t, locale)]), (v) =>
        this.change((d) => {
          d.tableId = v;
          d.trigger = defaultTrigger(d.trigger.type, this.tableOf(v));
          delete d.condition;
        }),
      )}
      ${this.renderTrigger(draft, table)}
      <fieldset class="condition">
        <legend>${tr(locale, 'rules.condition')}</legend>
        <p class="help">${tr(locale, 'rules.conditionHelp')}</p>
        <ltc-condition-builder
          .table=${table}
          .locale=${locale}
          .value=${draft.condition ?? true}
          @ltc-condition-changed=${(e: CustomEvent<{ logic: unknown }>) =>
            this.change((d) => {
              if (e.detail.logic === true) delete d.condition;
              else d.condition = e.detail.logic;
            })}
        ></ltc-condition-builder>
        ${this.issues('condition')}
      </fieldset>
      ${this.renderActions(draft, table)} ${this.renderVariants(draft)}
      <label><input type="checkbox" role="switch" class="enabled" data-path="enabled" .checked=${draft.enabled} @change=${(e: Event) => this.change((d) => (d.enabled = (e.target as HTMLInputElement).checked))} /> ${tr(locale, 'rules.enabled')}</label>
      ${problems.length ? this.renderSummary(problems) : nothing}
      <div class="buttons">
        <button type="submit" class="primary save">${tr(locale, 'rules.save')}</button>
        <button type="button" class="dry-run-button" ?disabled=${problems.length > 0} @click=${() => void this.runDry()}>${tr(locale, 'rules.dryRun')}</button>
        <button type="button" class="close-editor" @click=${() => (this.draft = undefined)}>${tr(locale, 'rules.close')}</button>
      </div>
      ${this.renderDryRun(table)}
    </form>`;
  }

  /** How many problems there are, and those no control shows (a bad id of an imported rule), with their paths. */
  private renderSummary(problems: RuleProblem[]): TemplateResult {
    const elsewhere = problems.filter((p) => !this.shown.some((s) => isAt(p, s.path, s.nested)));
    return html`<div class="issue summary">
      <p>${tr(this.locale, 'rules.problems', { count: problems.length })}</p>
      ${elsewhere.length ? html`<ul>${elsewhere.map((p) => html`<li>${p.field ? `${p.field}: ` : ''}${p.message}</li>`)}</ul>` : nothing}
    </div>`;
  }

  // --- Dry run -------------------------------------------------------------------------------

  /** Plans the draft over every record of its table; writes nothing. */
  private async runDry(): Promise<void> {
    const { store, app, draft } = this;
    if (!store || !app || !draft) return;
    const derived = this.derived;
    const readValue = (record: RecordData, field: FieldDef): CellValue =>
      isDerivedField(field) && derived ? ((derived.value(record.tableId, record.id, field.id) ?? null) as CellValue) : (record.values[field.id] ?? null);
    const timeZone = appTimeZone(app);
    const now = Date.now();
    const engine = new RuleEngine({
      store,
      appId: app.id,
      app: () => ({ ...app, rules: [draft] }),
      ...(derived
        ? {
            records: async (tableId: string) => {
              await derived.load();
              return derived.all(tableId);
            },
          }
        : {}),
      readValue,
      now: () => now,
      timeZone,
    });
    try {
      const result = await engine.dryRun(draft);
      const table = this.tableOf(draft.tableId);
      const records = new Map<string, RecordData>();
      const all = derived ? (await derived.load(), derived.all(draft.tableId)) : await store.queryRecords(app.id, draft.tableId);
      for (const record of all) records.set(record.id, record);
      this.dryRun = { matched: result.matched, plans: result.plans, records, timing: this.timing(draft, table, result.plans, records, readValue, now, timeZone) };
      this.status = tr(this.locale, 'rules.matched', { count: result.matched });
    } catch (error) {
      this.dryRun = undefined;
      this.status = tr(this.locale, 'rules.dryRunFailed', { message: errorMessage(error, this.locale) });
    }
  }

  /** For time triggers: which matched records are due now and which later, or the next recurrence. */
  private timing(draft: RuleDef, table: TableDef | undefined, plans: RulePlan[], records: Map<string, RecordData>, read: (r: RecordData, f: FieldDef) => CellValue, now: number, timeZone: string): DryRunView['timing'] {
    const trigger = draft.trigger;
    const locale = this.locale;
    if (trigger.type === 'recurring') return { next: tr(locale, 'rules.nextRun', { at: formatInstant(nextRecurrence(trigger, now, timeZone).at, locale, timeZone) }) };
    if (trigger.type !== 'date-relative') return undefined;
    const field = table?.fields.find((f) => f.id === trigger.fieldId);
    const byRecord = new Map<string, string>();
    let dueNow = 0;
    let later = 0;
    for (const plan of plans) {
      const record = records.get(plan.recordId);
      const occurrence = record && field ? dateRelativeOccurrence(trigger, read(record, field), timeZone) : undefined;
      if (!occurrence) byRecord.set(plan.recordId, tr(locale, 'rules.noDate'));
      else if (occurrence.at > now) {
        later++;
        byRecord.set(plan.recordId, tr(locale, 'rules.dueLater', { at: formatInstant(occurrence.at, locale, timeZone) }));
      } else if (shouldFire(occurrence, now, draft.catchUp)) {
        dueNow++;
        byRecord.set(plan.recordId, tr(locale, 'rules.dueNow', { at: formatInstant(occurrence.at, locale, timeZone) }));
      } else byRecord.set(plan.recordId, tr(locale, 'rules.duePast', { at: formatInstant(occurrence.at, locale, timeZone) }));
    }
    return { now: dueNow, later, byRecord };
  }

  private planLines(plan: RulePlan, table: TableDef | undefined): Array<{ text: string; error?: boolean }> {
    const locale = this.locale;
    const lines: Array<{ text: string; error?: boolean }> = [];
    for (const [fieldId, value] of Object.entries(plan.update?.values ?? {})) {
      const field = table?.fields.find((f) => f.id === fieldId);
      lines.push({ text: tr(locale, 'rules.change', { field: fieldLabel(table, fieldId, locale), old: formatCell(plan.update!.before[fieldId], field, locale, this.recordLabel), new: formatCell(value, field, locale, this.recordLabel) }) });
    }
    for (const created of plan.creates) {
      const target = this.tableOf(created.tableId);
      const values = Object.entries(created.values)
        .map(([id, v]) => `${fieldLabel(target, id, locale)} = ${formatCell(v, target?.fields.find((f) => f.id === id), locale, this.recordLabel)}`)
        .join('，');
      lines.push({ text: tr(locale, 'rules.create', { table: target ? labelOf(target, locale) : created.tableId, values }) });
    }
    for (const effect of plan.effects) {
      if (effect.type === 'webhook') lines.push({ text: tr(locale, 'rules.webhookPlan', { method: effect.method, url: effect.url }) });
      else if (effect.type === 'dispatch-event') lines.push({ text: tr(locale, 'rules.eventPlan', { payload: JSON.stringify(effect.payload) }) });
      else lines.push({ text: tr(locale, 'rules.notifyPlan', { message: effect.message }) });
    }
    for (const step of plan.steps) {
      if (step.status === 'error') lines.push({ text: tr(locale, 'rules.stepError', { n: step.actionIndex + 1, reason: step.reason ?? '' }), error: true });
      else if (step.status === 'skipped' && step.reason && !step.reason.startsWith('variant')) lines.push({ text: tr(locale, 'rules.stepSkipped', { n: step.actionIndex + 1, reason: step.reason }) });
    }
    if (lines.length === 0) lines.push({ text: tr(locale, 'rules.noChange') });
    return lines;
  }

  private renderDryRun(table: TableDef | undefined): TemplateResult | typeof nothing {
    const run = this.dryRun;
    if (!run) return nothing;
    const locale = this.locale;
    const primary = table?.fields.find((f) => f.id === table.primaryFieldId);
    const timing = run.timing;
    return html`<section class="dry-run" part="dry-run" aria-labelledby="dry-run-title">
      <h3 id="dry-run-title">${tr(locale, 'rules.dryRun')}</h3>
      <p class="help">${tr(locale, 'rules.dryRunHelp')}</p>
      <p class="matched">${tr(locale, 'rules.matched', { count: run.matched })}</p>
      ${timing && 'next' in timing ? html`<p class="timing">${timing.next}</p>` : nothing}
      ${timing && 'byRecord' in timing ? html`<p class="timing">${tr(locale, 'rules.dueSummary', { now: timing.now, later: timing.later })}</p>` : nothing}
      <ol class="plans">
        ${run.plans.slice(0, DRY_RUN_LISTED).map((plan) => {
          const record = run.records.get(plan.recordId);
          const name = record && primary ? formatCell(record.values[primary.id], primary, locale) : plan.recordId;
          return html`<li class="plan" data-record=${plan.recordId}>
            <strong>${name}</strong>${plan.variant ? html` · ${tr(locale, 'rules.variantOf', { id: plan.variant })}` : nothing}
            ${timing && 'byRecord' in timing ? html` · <span class="when">${timing.byRecord.get(plan.recordId) ?? ''}</span>` : nothing}
            <ul>
              ${this.planLines(plan, table).map((line) => html`<li class=${line.error ? 'error' : ''}>${line.text}</li>`)}
            </ul>
          </li>`;
        })}
      </ol>
      ${run.plans.length > DRY_RUN_LISTED ? html`<p class="more">${tr(locale, 'rules.more', { count: run.plans.length - DRY_RUN_LISTED })}</p>` : nothing}
    </section>`;
  }

  // --- List and dialogs ----------------------------------------------------------------------

  /** The app's time zone, which time triggers and stages count in: the browser's unless set. */
  private renderTimeZone(): TemplateResult {
    const locale = this.locale;
    const set = (this.app as { timeZone?: string } | undefined)?.timeZone ?? '';
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    const options: Option[] = [['', tr(locale, 'rules.timeZoneBrowser', { zone: appTimeZone(undefined) })], ...[...new Set([...zones, ...(set ? [set] : [])])].map((zone): Option => [zone, zone])];
    return this.select('timeZone', tr(locale, 'rules.appTimeZone'), set, options, (value) =>
      void this.runEdit((store, app) => setAppTimeZone(store, app, value === '' ? undefined : value, { locale }), tr(locale, 'rules.saved')),
    );
  }

  private renderList(): TemplateResult {
    const locale = this.locale;
    const rules = this.rules;
    return html`<section part="list" aria-labelledby="list-title">
      <h2 id="list-title" class="visually-hidden">${tr(locale, 'rules.tabRules')}</h2>
      <div class="list-head">
        <button type="button" class="primary new-rule" aria-haspopup="dialog" @click=${() => this.openNew()}>${tr(locale, 'rules.new')}</button>
        ${this.renderTimeZone()}
      </div>
      ${rules.length === 0
        ? html`<p class="empty">${tr(locale, 'rules.empty')}</p>`
        : html`<table class="rule-list">
            <thead>
              <tr>
                <th scope="col">${tr(locale, 'rules.colName')}</th>
                <th scope="col">${tr(locale, 'rules.colTrigger')}</th>
                <th scope="col">${tr(locale, 'rules.colEnabled')}</th>
                <th scope="col">${tr(locale, 'rules.colLastRun')}</th>
                <th scope="col">${tr(locale, 'rules.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              ${rules.map((rule, i) => {
                const name = labelOf(rule, locale);
                const last = this.lastRuns.get(rule.id);
                return html`<tr data-rule=${rule.id}>
                  <td>${name}</td>
                  <td class="summary">${triggerSummary(rule.trigger, this.tableOf(rule.tableId), locale)}</td>
                  <td><input type="checkbox" role="switch" class="rule-enabled" aria-label=${tr(locale, 'rules.enable', { name })} .checked=${rule.enabled} @change=${(e: Event) => this.toggle(rule, (e.target as HTMLInputElement).checked)} /></td>
                  <td class="last-run">${last ? tr(locale, 'rules.lastRun', { status: tr(locale, `run.${last.status}` as RulesUiKey), at: last.at ? formatInstant(Date.parse(last.at), locale, appTimeZone(this.app)) : '' }) : tr(locale, 'rules.neverRun')}</td>
                  <td class="row-actions">
                    <button type="button" class="edit" aria-label=${tr(locale, 'rules.edit', { name })} @click=${() => this.edit(rule)}>${tr(locale, 'rules.editShort')}</button>
                    <button type="button" class="up" aria-label=${tr(locale, 'rules.moveUp', { name })} title=${tr(locale, 'rules.moveUp', { name })} ?disabled=${i === 0} @click=${() => this.move(i, -1)}>↑</button>
                    <button type="button" class="down" aria-label=${tr(locale, 'rules.moveDown', { name })} title=${tr(locale, 'rules.moveDown', { name })} ?disabled=${i === rules.length - 1} @click=${() => this.move(i, 1)}>↓</button>
                    <button type="button" class="delete" aria-haspopup="dialog" aria-label=${tr(locale, 'rules.delete', { name })} @click=${() => this.askDelete(rule)}>${tr(locale, 'rules.deleteShort')}</button>
                  </td>
                </tr>`;
              })}
            </tbody>
          </table>`}
    </section>`;
  }

  /** The picks of the chosen template: a table or field picker each, and the template's own options. */
  private renderPicks(choosing: { suggestion: RuleTemplateSuggestion; picks: RuleTemplatePicks }): TemplateResult {
    const locale = this.locale;
    const app = this.app!;
    const { suggestion, picks } = choosing;
    const template = suggestion.template;
    const set = (next: RuleTemplatePicks) => (this.choosing = { suggestion, picks: next });
    const missing = template.required.filter((key) => !picks[key]);
    const picker = (key: RuleTemplatePick) => {
      const spec = RULE_PICKS[key];
      if (!spec) return nothing;
      const value = String(picks[key] ?? '');
      const options: Option[] =
        spec.kind === 'table'
          ? userTables(app).map((t): Option => [t.id, labelOf(t, locale)])
          : (this.tableOf(picks[spec.of])?.fields ?? []).filter((f) => spec.accept(f, picks)).map((f): Option => [f.id, labelOf(f, locale)]);
      const choices: Option[] = [['', template.required.includes(key) ? '—' : tr(locale, 'pick.none')], ...options];
      return html`<label class="control"
        ><span>${tr(locale, `pick.${key}` as RulesUiKey)}</span>
        <select class="pick" data-pick=${key} @change=${(e: Event) => set({ ...picks, [key]: (e.target as HTMLSelectElement).value || undefined })}>
          ${choices.map(([v, l]) => html`<option value=${v} ?selected=${v === value}>${l}</option>`)}
        </select></label
      >`;
    };
    return html`<h3>${tr(locale, 'rules.picksTitle', { name: template.labels[locale] })}</h3>
      <p class="help">${template.description[locale]}</p>
      <div class="picks">${TEMPLATE_PICKS[template.id].map(picker)}</div>
      ${template.id === 'repurchase-sequence'
        ? html`<label><input type="checkbox" class="ab-split" .checked=${picks.abSplit ?? false} @change=${(e: Event) => set({ ...picks, abSplit: (e.target as HTMLInputElement).checked })} /> ${tr(locale, 'rules.abSplit')}</label>`
        : nothing}
      ${template.id === 'lead-assignment'
        ? html`<label class="control"
            ><span>${tr(locale, 'rules.strategy')}</span>
            <select class="pick-strategy" @change=${(e: Event) => set({ ...picks, strategy: (e.target as HTMLSelectElement).value as 'round-robin' | 'fewest-open' })}>
              ${(['round-robin', 'fewest-open'] as const).map((v) => html`<option value=${v} ?selected=${(picks.strategy ?? 'round-robin') === v}>${tr(locale, `strategy.${v}`)}</option>`)}
            </select></label
          >
          ${picks.strategy === 'fewest-open' ? html`${picker('tasksTableId')}${picker('taskOwnerFieldId')}` : nothing}`
        : nothing}
      ${missing.length ? html`<p class="help">${tr(locale, 'rules.templateNeeds', { missing: missing.map((k) => tr(locale, `pick.${k}` as RulesUiKey)).join(locale === 'zh-CN' ? '、' : ', ') })}</p>` : nothing}
      <div class="buttons">
        <button type="button" class="primary create-rules" ?disabled=${missing.length > 0 || (picks.strategy === 'fewest-open' && !(picks.tasksTableId && picks.taskOwnerFieldId))} @click=${() => void this.useTemplate(suggestion, picks)}>
          ${tr(locale, 'rules.createFromTemplate')}
        </button>
        <button type="button" class="back" @click=${() => (this.choosing = undefined)}>${tr(locale, 'rules.back')}</button>
      </div>`;
  }

  private renderNewDialog(): TemplateResult {
    const locale = this.locale;
    const suggestions = this.app ? suggestRuleTemplates(this.app) : [];
    return html`<dialog class="new-rule" part="dialog" aria-labelledby="new-title" @close=${() => (this.choosing = undefined)}>
      <h2 id="new-title">${tr(locale, 'rules.newTitle')}</h2>
      ${this.choosing ? this.renderPicks(this.choosing) : this.renderTemplateList(suggestions)}
      <div class="buttons"><button type="button" class="cancel" @click=${() => this.closeNew()}>${tr(locale, 'rules.cancel')}</button></div>
    </dialog>`;
  }

  private renderTemplateList(suggestions: RuleTemplateSuggestion[]): TemplateResult {
    const locale = this.locale;
    return html`
      <p><button type="button" class="blank" @click=${() => this.newBlank()}>${tr(locale, 'rules.blank')}</button> <span class="help">${tr(locale, 'rules.blankHelp')}</span></p>
      <h3>${tr(locale, 'rules.fromTemplate')}</h3>
      <ul class="templates">
        ${suggestions.map(
          (s) => html`<li data-template=${s.template.id}>
            <h3>${s.template.labels[locale]}</h3>
            <p class="help">${s.template.description[locale]}</p>
            ${s.missing.length ? html`<p class="help">${tr(locale, 'rules.templateNeeds', { missing: s.missing.map((k) => tr(locale, `pick.${k}` as RulesUiKey)).join(locale === 'zh-CN' ? '、' : ', ') })}</p>` : nothing}
            <button type="button" class="use-template" @click=${() => this.chooseTemplate(s)}>${tr(locale, 'rules.useTemplate', { name: s.template.labels[locale] })}</button>
          </li>`,
        )}
      </ul>`;
  }

  private renderDeleteDialog(): TemplateResult {
    const locale = this.locale;
    const rule = this.pendingDelete;
    return html`<dialog class="delete-rule" part="dialog" role="alertdialog" aria-labelledby="delete-text" @close=${() => (this.pendingDelete = undefined)}>
      <p id="delete-text">${rule ? tr(locale, 'rules.deleteConfirm', { name: labelOf(rule, locale) }) : ''}</p>
      <div class="buttons">
        <button type="button" class="cancel" autofocus @click=${() => this.renderRoot.querySelector<HTMLDialogElement>('dialog.delete-rule')?.close()}>${tr(locale, 'rules.cancel')}</button>
        <button type="button" class="primary confirm-delete" @click=${() => void this.confirmDelete()}>${tr(locale, 'rules.delete', { name: rule ? labelOf(rule, locale) : '' })}</button>
      </div>
    </dialog>`;
  }

  override render() {
    const locale = this.locale;
    if (!this.app) return nothing;
    const tab = (id: 'rules' | 'log', key: RulesUiKey) =>
      html`<button type="button" role="tab" id=${`tab-${id}`} aria-controls=${`panel-${id}`} aria-selected=${this.tab === id ? 'true' : 'false'} tabindex=${this.tab === id ? '0' : '-1'} @click=${() => (this.tab = id)} @keydown=${this.onTabKey}>
        ${tr(locale, key)}
      </button>`;
    return html`<div role="tablist" part="tabs" aria-label=${tr(locale, 'rules.title')}>${tab('rules', 'rules.tabRules')}${tab('log', 'rules.tabLog')}</div>
      <div class="status" role="status" aria-live="polite">${this.tab === 'rules' ? this.status : ''}</div>
      ${this.tab === 'rules'
        ? html`<div role="tabpanel" id="panel-rules" aria-labelledby="tab-rules">${this.draft ? this.renderEditor(this.draft) : this.renderList()}</div>`
        : html`<div role="tabpanel" id="panel-log" aria-labelledby="tab-log"><ltc-run-log .store=${this.store} .app=${this.app} .locale=${locale}></ltc-run-log></div>`}
      ${this.renderNewDialog()} ${this.renderDeleteDialog()}`;
  }

  /** ←/→ between the two tabs (the ARIA tabs pattern). */
  private onTabKey(event: KeyboardEvent): void {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    this.tab = this.tab === 'rules' ? 'log' : 'rules';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${this.tab}`)?.focus());
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ltc-rule-editor': LtcRuleEditor;
  }
}
