/**
 * `<ltc-app>`: the whole workspace. On first load it clones its template into the store
 * (IndexedDB unless a `store` is given); afterwards it opens what is stored. It provides
 * store, app, locale and derived values to the elements inside it through @lit/context,
 * so several `<ltc-app app-id="…">` on one page stay apart.
 *
 * It reports every committed record change of its app to the host page — from its own form
 * and table, an import, another tab, later a rule — as ltc-record-created / -updated /
 * -deleted with the change's origin (docs/events.md). The user's language choice is
 * remembered per app id (localStorage) and wins over the page's `lang` on the next load.
 *
 * @summary An embeddable CRM workspace: tables in a side navigation, records, forms.
 * @event ltc-app-ready - The app is open. `detail: { appId, created }`
 * @event ltc-record-created - A record was created (by anyone). `detail: { appId, tableId, recordId, values, origin }`
 * @event ltc-record-updated - A record was changed. `detail: { appId, tableId, recordId, values, previous, origin }`
 * @event ltc-record-deleted - A record was deleted. `detail: { appId, tableId, recordId, values, origin }`
 * @event ltc-error - Opening, importing or saving failed. `detail: { code, message }`
 * @csspart header - The top bar (name, language, export/import).
 * @csspart nav - The side navigation of tables.
 * @csspart main - The area showing the selected table.
 * @csspart views - The bar above the table with its saved views and view settings.
 * @csspart import-errors - The dialog listing the problems of a file that cannot be imported.
 * @csspart toolbar, table, pager, dialog - Forwarded from the `<ltc-table>` inside.
 * @csspart form, field, input, actions - Forwarded from the `<ltc-form>` in the table's edit dialog.
 * @cssproperty --ltc-color-primary - Accent colour.
 * @cssproperty --ltc-radius - Corner radius.
 * @cssproperty --ltc-font-size - Base font size.
 * @attr app-id - The id the app is stored under (default: the template id); two ids on one page stay apart.
 * @attr template - Built-in template cloned on first load (`customer-ltv`).
 * @attr template-src - URL of a site owner's own template JSON (wins over `template`).
 * @attr template-base - Where built-in templates are fetched from (default: `templates/` beside the script).
 * @attr lang - UI language, `zh-CN` or `en` (default: the page's `<html lang>`; a user's choice wins).
 * @attr sample-data - `include` (default), `none`, or `ask`: whether a new workspace gets the template's sample records.
 * @attr webhook-origins - Space-separated origins the app's webhook rules may send to (none by default).
 * @event ltc-form-submitted - The form in the table's edit dialog saved a record. `detail: { appId, tableId, recordId, values }`
 * @event ltc-stage-changed - A record's lifecycle stage moved and this tab recorded it. `detail: { appId, tableId, recordId, fieldId, from, to, at, reason }`
 * @event ltc-rule-fired - A rule's `dispatch-event` action ran. `detail: { appId, ruleId, tableId, recordId, variant, payload }`
 * @event ltc-notification - A rule's `notify` action. `detail: { appId, ruleId, recordId, message }`
 * @property app - The open app definition, provided to the elements inside (undefined until `ltc-app-ready`).
 * @property locale - The UI language in force (`zh-CN` or `en`), provided to the elements inside.
 * @property derived - The app's derived values (formulas, rollups, inverse relations), provided to the elements inside.
 * @property selectedTableId - The id of the table shown.
 * @cssproperty --ltc-color-on-primary - Text on the accent colour.
 * @cssproperty --ltc-color-text - Text colour.
 * @cssproperty --ltc-color-muted - Secondary text.
 * @cssproperty --ltc-color-surface - Background of panels, inputs and dialogs.
 * @cssproperty --ltc-color-surface-alt - The second background (bars, headers, hovered rows).
 * @cssproperty --ltc-color-border - Borders.
 * @cssproperty --ltc-color-danger - Errors.
 * @cssproperty --ltc-color-focus - Focus ring.
 * @cssproperty --ltc-font-family - Font stack.
 * @cssproperty --ltc-app-min-height - Minimum height of the workspace (default `32rem`).
 * @cssproperty --ltc-table-height - Height of the grid (default `min(70vh, 40rem)`).
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import type { AppDef, Locale, RecordData, ViewDef } from '../core/schema/types.js';
import { buildExport } from '../core/schema/build-export.js';
import { loadDesigner, loadDesignerModule, loadValidation } from './load-designer.js';
import { ensureFieldTypes } from './load-designer.js';
import { clearSampleData } from '../runtime/record-deletes.js';
import type { ChangeEvent, ChangeOrigin, Store } from '../store/types.js';
import { LOCALES, errorMessage, labelOf, resolveLocale, t } from '../i18n/index.js';
import { DerivedValues } from '../runtime/derived.js';
import { ensureApp } from '../runtime/open-app.js';
import { loadTemplate } from '../runtime/templates.js';
import { getDefaultStore } from '../runtime/default-store.js';
import { registeredFieldTypes } from '../../widgets/registry.js';
import { replaceApp } from '../runtime/import-app.js';
import { appContext, derivedContext, localeContext, storeContext } from './context.js';
import { baseStyles } from './styles.js';
import { emit } from './events.js';
import { StoreController } from './store-controller.js';

/** Largest export file the Import button reads (checked before reading it). */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

/** Problems of a refused import file listed in the dialog before "and N more". */
const IMPORT_PROBLEMS_SHOWN = 5;

/** The part names `<ltc-app>` forwards from the `<ltc-table>` (and its `<ltc-form>`) inside. */
const TABLE_PARTS = 'toolbar, table, footer, pager, dialog, form, field, input, actions';

const LOCALE_KEY = 'ltc-kit.locale.';

/** The language the user chose for an app, if storage is available and holds one. */
function storedLocale(appId: string): Locale | undefined {
  try {
    const value = globalThis.localStorage?.getItem(LOCALE_KEY + appId);
    return value && (LOCALES as readonly string[]).includes(value) ? (value as Locale) : undefined;
  } catch {
    // Storage disabled (some private modes, sandboxed frames): the choice lasts this page only.
    return undefined;
  }
}

function storeLocale(appId: string, locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(LOCALE_KEY + appId, locale);
  } catch {
    // As above: not remembered, still applied.
  }
}

/** A change as the host page hears it: one that arrived from another tab says so. */
function hostOrigin(change: ChangeEvent): ChangeOrigin {
  const origin: ChangeOrigin = change.origin ?? { kind: 'user' };
  return change.remote && origin.kind !== 'tab' ? { kind: 'tab', from: origin } : origin;
}


const LOCALE_NAMES: Record<Locale, string> = { 'zh-CN': '简体中文', en: 'English' };

/** A number per store object, so swapping the `store` property reopens the app. */
const storeIds = new WeakMap<Store, number>();
let nextStoreId = 1;
function storeId(store: Store): number {
  let id = storeIds.get(store);
  if (id === undefined) storeIds.set(store, (id = nextStoreId++));
  return id;
}

export class LtcApp extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        background: var(--_surface-alt);
        border: 1px solid var(--_border);
        border-radius: calc(var(--_radius) * 2);
        overflow: hidden;
      }
      header {
        display: flex;
        align-items: center;
        gap: 0.75rem;
        padding: 0.65rem 1rem;
        background: var(--_surface);
        border-bottom: 1px solid var(--_border);
        flex-wrap: wrap;
      }
      h1 {
        font-size: 1.1rem;
        margin: 0;
      }
      .spacer {
        flex: 1;
      }
      .shell {
        display: grid;
        grid-template-columns: minmax(9rem, 13rem) 1fr;
        min-height: var(--ltc-app-min-height, 32rem);
      }
      nav {
        background: var(--_surface);
        border-inline-end: 1px solid var(--_border);
        padding: 0.75rem 0.5rem;
      }
      nav h2 {
        font-size: 0.8rem;
        text-transform: uppercase;
        letter-spacing: 0.04em;
        color: var(--_muted);
        margin: 0 0.5rem 0.5rem;
      }
      nav ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.15rem;
      }
      nav button {
        width: 100%;
        text-align: start;
        border-color: transparent;
        background: transparent;
      }
      nav button[aria-current='page'] {
        background: color-mix(in srgb, var(--_primary) 10%, transparent);
        box-shadow: inset 3px 0 0 var(--_primary);
        font-weight: 600;
      }
      main {
        padding: 1rem;
        min-width: 0;
      }
      .views {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        margin-bottom: 0.5rem;
        min-width: 0;
      }
      .views ltc-view-bar {
        flex: 1;
        min-width: 0;
      }
      dialog.view-settings {
        width: min(40rem, calc(100vw - 2rem));
      }
      .status {
        padding: 2rem;
        color: var(--_muted);
      }
      .error {
        padding: 1rem 1.25rem;
        margin: 1rem;
        color: var(--_danger);
        border: 1px solid var(--_danger);
        border-radius: var(--_radius);
        background: var(--_surface);
        white-space: pre-wrap;
      }
      .toast {
        min-height: 1.2em;
        color: var(--_muted);
      }
      progress {
        width: 16rem;
      }
      .file-input {
        position: absolute;
        width: 1px;
        height: 1px;
        opacity: 0;
      }
      /* The file input itself is invisible; show its keyboard focus on the button around it. */
      .import {
        position: relative;
      }
      .import:focus-within {
        outline: 2px solid var(--_focus);
        outline-offset: 2px;
      }
      dialog.import-errors {
        border: 1px solid var(--_border);
        border-radius: calc(var(--_radius) * 2);
        padding: 1.25rem 1.5rem;
        width: min(36rem, 92vw);
        max-height: 90vh;
        color: var(--_text);
        background: var(--_surface);
      }
      dialog.import-errors::backdrop {
        background: rgb(15 23 42 / 0.45);
      }
      dialog.import-errors h2 {
        font-size: 1.05rem;
        margin: 0 0 0.75rem;
        color: var(--_danger);
      }
      dialog.import-errors ul {
        margin: 0;
        padding-inline-start: 1.25rem;
        display: grid;
        gap: 0.3rem;
        overflow-wrap: anywhere;
      }
      dialog.import-errors .more {
        color: var(--_muted);
      }
      .dialog-actions {
        display: flex;
        justify-content: flex-end;
        gap: 0.5rem;
        margin-top: 1rem;
      }
      dialog.clear-samples {
        border: 1px solid var(--_border);
        border-radius: calc(var(--_radius) * 2);
        padding: 1.25rem 1.5rem;
        width: min(32rem, 92vw);
        color: var(--_text);
        background: var(--_surface);
      }
      .choice {
        padding: 2rem;
        max-width: 36rem;
      }
      .choice h2 {
        margin: 0 0 0.5rem;
        font-size: 1.15rem;
      }
      .choice .dialog-actions {
        justify-content: flex-start;
      }
      .toast .undo {
        padding: 0.1em 0.6em;
        margin-inline-start: 0.4rem;
      }
      @media (max-width: 640px) {
        .shell {
          grid-template-columns: 1fr;
        }
        nav ul {
          display: flex;
          flex-wrap: wrap;
        }
      }
    `,
  ];

  /** The id the app is stored under; defaults to the template id. */
  @property({ attribute: 'app-id' }) accessor appId = '';
  /** Built-in template to clone on first load (e.g. `customer-ltv`). */
  @property() accessor template = '';
  /** URL of a site owner's own template JSON (takes precedence over `template`). */
  @property({ attribute: 'template-src' }) accessor templateSrc = '';
  /** Where built-in templates are fetched from; defaults to `templates/` beside the script. */
  @property({ attribute: 'template-base' }) accessor templateBase = '';
  /**
   * UI language from the `lang` attribute (`zh-CN` or `en`); defaults to the page's language.
   * (A separate property, so the element's native `lang` keeps its meaning.)
   */
  @property({ attribute: 'lang' }) accessor language = '';
  /**
   * Whether a new workspace starts with its template's sample records: `include` (the
   * default), `none`, or `ask` (the person creating the workspace chooses).
   */
  @property({ attribute: 'sample-data' }) accessor sampleData: '' | 'include' | 'none' | 'ask' = '';

  /**
   * Origins the app's webhook rules may send to, space-separated
   * (`webhook-origins="https://hooks.example.com"`); none by default (docs/rules.md).
   */
  @property({ attribute: 'webhook-origins' }) accessor webhookOrigins = '';

  /** The storage backend. Defaults to IndexedDB (database `ltc-kit`). */
  @provide({ context: storeContext }) @property({ attribute: false }) accessor store: Store | undefined;
  @provide({ context: appContext }) @state() accessor app: AppDef | undefined;
  @provide({ context: localeContext }) @state() accessor locale: Locale = 'en';
  @provide({ context: derivedContext }) @state() accessor derived: DerivedValues | undefined;

  @state() accessor selectedTableId = '';
  /** The Automation screen (`<ltc-rule-editor>`, loaded with the designer) instead of a table; a plain field (a reactive one costs bundle bytes), so the clicks that change it request the update. */
  private automation = false;
  /** The form designer (`<ltc-designer>`, loaded with the designer) of the selected table; a plain field like `automation`. */
  private forms = false;
  /** The Dashboards screen (`<ltc-dashboard>`, loaded with the designer); plain like `automation`. */
  private dashboards = false;
  @state() private accessor error = '';
  @state() private accessor progress: { done: number; total: number } | undefined;
  @state() private accessor toast = '';
  /** The last bulk delete (clear sample data), while its Undo is offered. */
  @state() private accessor undoable: { undo: () => Promise<number> } | undefined;
  /** Set while a new workspace waits for the "with or without sample data" choice. */
  @state() private accessor choosing: ((withSamples: boolean) => void) | undefined;
  @state() private accessor clearing = false;
  /** A refused import file: the dialog's summary and its first problems. */
  @state() private accessor importProblems: { summary: string; items: string[]; more: number } | undefined;

  /**
   * The saved view each table shows (`viewId` '' = All records) and the view as the user has
   * changed it since (sort, widths, the settings panel): the table renders `view`, the view
   * bar compares it with the saved one. The bar and the panel load with the designer script.
   */
  @state() private accessor views: Record<string, { viewId: string; view: ViewDef | undefined }> = {};
  @state() private accessor viewTools = false;

  /** Largest import file read by the Import button, in bytes (default 200 MB). */
  maxImportBytes = MAX_IMPORT_BYTES;

  private chosenLocale: Locale | undefined;
  private openedKey = '';
  /** The shared IndexedDB store, when this element filled it in itself. */
  private defaultStore?: Store;

  /** What identifies the app to open: its id, its template and the store it lives in. */
  private openKey(): string {
    const store = this.store && this.store !== this.defaultStore ? storeId(this.store) : 0;
    return `${this.effectiveAppId}|${this.template}|${this.templateSrc}|${store}`;
  }
  /** True while importText replaces the app. */
  private importing = false;
  /** Set when the stored app was deleted (a replace in progress): the next definition starts afresh. */
  private replaced = false;

  /**
   * The change feed of the store: definition changes (another tab, a replace) are adopted,
   * and every committed record change of this app goes to the host page as an event.
   */
  protected readonly subscriptions = new StoreController(this, {
    store: () => this.store,
    onStoreChange: (change) => this.onStoreChange(change),
  });

  /** The id actually used: `app-id`, else the template id, else `default`. */
  get effectiveAppId(): string {
    return this.appId || this.template || 'default';
  }

  /** The page's language: the `lang` attribute, else the document's, else the browser's. */
  private pageLocale(): Locale {
    return resolveLocale(this.language, document.documentElement.lang, navigator.language);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.locale = this.chosenLocale ?? storedLocale(this.effectiveAppId) ?? this.pageLocale();
    this.addEventListener('ltc-notification', this.onNotification);
  }

  /** A rule's in-app notification: shown in the workspace's status line (and heard by the page). */
  private readonly onNotification = (event: Event) => (this.toast = (event as CustomEvent<{ message: string }>).detail.message);

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('ltc-notification', this.onNotification);
    this.stopRules();
    this.stopStages();
    this.stopPredictions();
    this.pulls = undefined;
    this.derived?.dispose();
    this.derived = undefined;
    this.openedKey = '';
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('language') && this.hasUpdated) {
      // The page switched language while running: that is newer than any remembered choice.
      this.chosenLocale = undefined;
      this.locale = this.pageLocale();
    } else if ((changed.has('appId') || changed.has('template')) && !this.chosenLocale) {
      // A remembered choice (a previous visit) wins over the page's default language.
      this.locale = storedLocale(this.effectiveAppId) ?? this.pageLocale();
    }
    const key = this.openKey();
    if (this.isConnected && key !== this.openedKey) {
      this.openedKey = key;
      void this.open();
    }
  }

  /** Open (or first clone) the app. Called automatically; call again after changing attributes. */
  async open(): Promise<void> {
    this.error = '';
    this.app = undefined;
    this.derived?.dispose();
    this.derived = undefined;
    this.replaced = false;
    try {
      let store = this.store;
      if (!store) {
        // Filling in the default store is not a change of store (openKey treats it as none),
        // so this does not open the app a second time.
        this.defaultStore = await getDefaultStore();
        store = this.store = this.defaultStore;
      }
      const appId = this.effectiveAppId;
      let withSamples = this.sampleData !== 'none';
      if (this.sampleData === 'ask' && !(await store.getApp(appId))) {
        withSamples = await new Promise<boolean>((resolve) => (this.choosing = resolve));
        this.choosing = undefined;
      }
      const { app, created } = await ensureApp(store, {
        appId,
        sampleData: withSamples,
        loadTemplate: () =>
          loadTemplate(
            { id: this.template || undefined, src: this.templateSrc || undefined, base: this.templateBase || undefined },
            { validators: loadValidation, locale: this.locale, knownFieldTypes: registeredFieldTypes() },
          ),
        onProgress: (done, total) => (this.progress = { done, total }),
      });
      this.progress = undefined;
      this.adopt(app);
      emit(this, 'ltc-app-ready', { appId, created });
    } catch (error) {
      this.progress = undefined;
      // Template problems carry their own translated, located message; storage failures are translated here.
      this.error = (error as { code?: string }).code?.startsWith('store.') ? errorMessage(error, this.locale) : (error as Error).message;
      emit(this, 'ltc-error', { code: (error as { code?: string }).code ?? 'app.open', message: this.error });
    }
  }

  private onStoreChange(change: ChangeEvent): void {
    const store = this.store;
    // Nothing is reported before the app is open (its first clone from the template).
    if (!store || !this.app || change.appId !== this.app.id) return;
    if (change.kind === 'records') {
      this.dispatchRecordEvents(change);
      return;
    }
    // The app was deleted with all its records: what is held in memory is about to be stale.
    // An import (here or in another tab) switches to a whole new set of records at once.
    if (change.appDeleted || change.replaced) this.replaced = true;
    const appId = change.appId;
    store.getApp(appId).then(
      (next) => {
        // Half-written (a clone or an import in progress): wait for the finished definition.
        if (!next || next.status === 'cloning' || appId !== this.app?.id) return;
        this.adopt(next);
        if (change.remote) this.toast = t(this.locale, 'app.remoteChange');
        // A replace (an import in another tab) commits all its records at once, with no record
        // events: report each record now. This tab's own import reports from its file.
        if (change.replaced && !(this.importing && !change.remote)) void this.reportReplacedRecords(store, next, hostOrigin(change));
      },
      (error: unknown) => {
        this.toast = errorMessage(error, this.locale);
        emit(this, 'ltc-error', { code: (error as { code?: string }).code ?? 'app.open', message: this.toast });
      },
    );
  }

  /**
   * One host-page event per record of a committed change. Values are copied, so a host that
   * edits `detail.values` changes nothing held here. About 1 µs per event (measured in
   * test/elements/record-events.test.ts), so even a 60,000-record import is reported record
   * by record.
   */
  private dispatchRecordEvents(change: ChangeEvent): void {
    const appId = change.appId;
    const origin = hostOrigin(change);
    // The tables ltc-kit keeps for itself (the rules' run log) are not the site's records.
    const own = (record: RecordData) => !this.systemTables.has(record.tableId);
    for (const record of change.created.filter(own)) {
      emit(this, 'ltc-record-created', { appId, tableId: record.tableId, recordId: record.id, values: { ...record.values }, origin });
    }
    for (const { record, previous } of change.updated.filter(({ record }) => own(record))) {
      emit(this, 'ltc-record-updated', {
        appId,
        tableId: record.tableId,
        recordId: record.id,
        values: { ...record.values },
        previous: { ...previous },
        origin,
      });
    }
    for (const record of change.deleted.filter(own)) {
      emit(this, 'ltc-record-deleted', { appId, tableId: record.tableId, recordId: record.id, values: { ...record.values }, origin });
    }
  }

  /** Ids of the app's system tables (`TableDef.system`): no record events, no nav entry. */
  private get systemTables(): Set<string> {
    return new Set(this.app?.tables.filter((table) => table.system).map((table) => table.id));
  }

  private adopt(app: AppDef): void {
    this.app = app;
    if (!app.tables.some((table) => table.id === this.selectedTableId)) this.selectedTableId = app.tables[0]?.id ?? '';
    if (this.replaced) {
      // The app was replaced (an import here or in another tab): derived values held for the
      // old records would show them next to the new ones. Start over from what is stored.
      this.replaced = false;
      this.stopStages();
      this.stopPredictions();
      this.derived?.dispose();
      this.derived = undefined;
    }
    // Saved views need the view bar: load it once the workspace is on screen.
    if (app.tables.some((table) => table.views?.length)) void this.loadViewTools();
    if (app.rules?.some((rule) => rule.enabled)) void this.startRules(app);
    else this.stopRules();
    if (this.derived) this.derived.setApp(app);
    // Loaded on demand by the elements that show derived values (after their first paint),
    // so the first rows of a large table never wait for every record to be read.
    else if (this.store) this.derived = new DerivedValues(this.store, app, { snapshot: true });
    // Lifecycle stages: computed, re-evaluated at midnight and recorded by the designer script's tracker.
    if (app.tables.some((table) => table.fields.some((field) => field.type === 'stage'))) void this.startStages(app);
    // Predictions and RFM segments: the model fit (in a worker) and the segments' quintiles, from the designer script.
    if (app.tables.some((table) => table.fields.some((field) => field.type === 'prediction' || field.type === 'rfm'))) void this.startPredictions(app);
    // Field types beyond the first fifteen come with the designer script; until then they show as text.
    void ensureFieldTypes(app, { requestUpdate: () => this.derived?.setApp(this.app!) });
    const inbox = this.getAttribute('inbox');
    if (inbox && this.pulls?.appId !== app.id) this.startInbox(app.id, inbox);
  }

  /**
   * The `inbox` attribute's pulls (`inbox="https://shop.example/api/inbox"`: published forms'
   * submissions pulled into their tables on open, every minute and on "pull now"; docs/forms.md
   * "Publishing"). They load with the designer script and stop once `active` is false.
   */
  private pulls?: { appId: string; pullNow?: () => unknown; label?: (locale: Locale) => string };

  private startInbox(appId: string, url: string): void {
    const pulls = (this.pulls = { appId });
    loadDesignerModule().then(
      (m) => {
        Object.assign(pulls, m.startInbox({ store: this.store!, appId, url, host: this, active: () => this.pulls === pulls && this.isConnected, locale: () => this.locale, onMessage: (text) => (this.toast = text) }));
        this.requestUpdate();
      },
      (error: unknown) => emit(this, 'ltc-error', { code: 'inbox.start', message: errorMessage(error, this.locale) }),
    );
  }

  /** Stops the stage tracker (it loads with the designer script) and names the app it runs for. */
  private stages?: { appId: string; stop?: () => void };

  private stopStages(): void {
    this.stages?.stop?.();
    this.stages = undefined;
  }

  private async startStages(app: AppDef): Promise<void> {
    if (this.stages?.appId === app.id || !this.store || !this.derived) return;
    this.stopStages();
    const stages: { appId: string; stop?: () => void } = (this.stages = { appId: app.id });
    try {
      stages.stop = await (await loadDesignerModule()).startStages({ store: this.store, appId: app.id, currentApp: () => this.app, derived: this.derived, host: this });
      if (this.stages !== stages) stages.stop();
    } catch (error) {
      emit(this, 'ltc-error', { code: 'stages.start', message: errorMessage(error, this.locale) });
    }
  }

  /** The predictions' fit controller (shown by `<ltc-fit-panel>` on the Dashboards screen) and the app it runs for. */
  private predictions?: { appId: string; controller?: object; stop?: () => void };

  private stopPredictions(): void {
    this.predictions?.stop?.();
    this.predictions = undefined;
  }

  private async startPredictions(app: AppDef): Promise<void> {
    if (this.predictions?.appId === app.id || !this.store || !this.derived) return;
    const running: { appId: string; controller?: object; stop?: () => void } = (this.predictions = { appId: app.id });
    try {
      Object.assign(running, await (await loadDesignerModule()).startPredictions({ store: this.store, appId: app.id, currentApp: () => this.app, derived: this.derived }));
      if (this.predictions !== running) running.stop?.();
      else this.requestUpdate();
    } catch (error) {
      emit(this, 'ltc-error', { code: 'predictions.start', message: errorMessage(error, this.locale) });
    }
  }

  /** The running rule engine (it loads with the designer script), and the app it was started for. */
  private rules?: { appId: string; stop: () => void };

  /**
   * Run the app's enabled rules: record rules on this tab's writes, time rules in one leader
   * tab (docs/rules.md). The run log table is added to the app the first time.
   */
  private async startRules(app: AppDef): Promise<void> {
    if (this.rules?.appId === app.id || !this.store) return;
    const rules: { appId: string; stop: () => void } = { appId: app.id, stop: () => undefined };
    this.rules = rules;
    try {
      const stop = await (await loadDesignerModule()).startRules({
        store: this.store,
        app,
        currentApp: () => this.app,
        derived: () => this.derived,
        webhookOrigins: this.webhookOrigins,
        host: this,
      });
      if (this.rules === rules) rules.stop = stop;
      else stop();
    } catch (error) {
      if (this.rules === rules) this.rules = undefined;
      emit(this, 'ltc-error', { code: (error as { code?: string }).code ?? 'rules.start', message: errorMessage(error, this.locale) });
    }
  }

  private stopRules(): void {
    this.rules?.stop();
    this.rules = undefined;
  }

  /** Load the designer script for the view bar and settings (after the first paint). */
  private async loadViewTools(): Promise<boolean> {
    if (this.viewTools) return true;
    try {
      await this.updateComplete;
      await loadDesigner();
      this.viewTools = true;
    } catch (error) {
      emit(this, 'ltc-error', { code: 'designer.load', message: t(this.locale, 'error.designer', { message: (error as Error).message }) });
    }
    return this.viewTools;
  }

  /** A run in the run log names its record: show it in its table's drawer, not over the log. */
  private async onRecordOpen(event: CustomEvent<{ tableId: string; recordId: string }>): Promise<void> {
    const { tableId, recordId } = event.detail;
    if (!this.app?.tables.some((table) => table.id === tableId && !table.system)) return;
    event.preventDefault();
    this.selectedTableId = tableId;
    this.automation = this.forms = this.dashboards = false;
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector('ltc-table')?.openRecord(recordId);
  }

  private onViewSelect(event: CustomEvent<{ tableId: string; viewId: string; view: ViewDef }>): void {
    const { tableId, viewId, view } = event.detail;
    this.views = { ...this.views, [tableId]: { viewId, view: viewId ? view : undefined } };
  }

  private onViewChange(event: CustomEvent<{ tableId: string; view: ViewDef }>): void {
    const { tableId, view } = event.detail;
    this.views = { ...this.views, [tableId]: { viewId: this.views[tableId]?.viewId ?? '', view } };
  }

  private async openViewSettings(): Promise<void> {
    if (!(await this.loadViewTools())) return;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog.view-settings');
    if (dialog && !dialog.open) dialog.showModal();
  }

  private renderViews(app: AppDef) {
    const table = app.tables.find((t) => t.id === this.selectedTableId);
    if (!table) return nothing;
    const state = this.views[table.id];
    const locale = this.locale;
    return html`<div class="views" part="views">
      ${this.viewTools
        ? html`<ltc-view-bar table-id=${table.id} view-id=${state?.viewId ?? ''} .current=${state?.view}></ltc-view-bar>`
        : nothing}
      <button class="view-settings-open" aria-haspopup="dialog" @click=${() => void this.openViewSettings()}>${t(locale, 'app.viewSettings')}</button>
      ${this.viewTools
        ? html`<dialog class="view-settings" part="dialog" aria-label=${t(locale, 'app.viewSettings')}>
            <ltc-view-settings table-id=${table.id} .table=${table} .view=${state?.view ?? { id: '', name: '' }}></ltc-view-settings>
            <div class="dialog-actions">
              <button class="primary close" @click=${(e: Event) => (e.target as HTMLElement).closest('dialog')?.close()}>${t(locale, 'app.close')}</button>
            </div>
          </dialog>`
        : nothing}
    </div>`;
  }

  /**
   * Switch the UI language. The choice is remembered for this app id (localStorage, when
   * available) and wins over the page's `lang` on the next load.
   */
  setLocale(locale: Locale): void {
    this.chosenLocale = locale;
    this.locale = locale;
    storeLocale(this.effectiveAppId, locale);
  }

  /** The whole app, definition and records, as an export object. */
  async exportApp() {
    const { store, app } = this;
    if (!store || !app) throw new Error('ltc-app: not open');
    const records: Record<string, Awaited<ReturnType<Store['queryRecords']>>> = {};
    for (const table of app.tables) records[table.id] = await store.queryRecords(app.id, table.id);
    return buildExport(app, records);
  }

  private async downloadExport(): Promise<void> {
    let data: Awaited<ReturnType<LtcApp['exportApp']>>;
    try {
      data = await this.exportApp();
    } catch (error) {
      this.toast = t(this.locale, 'app.exportFailed', { message: errorMessage(error, this.locale) });
      emit(this, 'ltc-error', { code: (error as { code?: string }).code ?? 'export', message: this.toast });
      return;
    }
    const count = Object.values(data.records).reduce((sum, rows) => sum + rows.length, 0);
    const blob = new Blob([JSON.stringify(data)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `${data.app.name || data.app.id}-${data.exportedAt.slice(0, 10)}.ltc.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.toast = t(this.locale, 'app.exported', { count });
  }

  /**
   * Replace this app with an export file's contents. The file is validated completely
   * before anything stored is touched; a bad file changes nothing. Field types registered
   * with `registerWidget` are known to the check, so an app's own export always imports.
   * A refused file throws an error with `code: 'import.invalid'` and `problems` (every
   * `{ path, message }` found).
   */
  async importText(text: string, options: { confirm?: boolean } = {}): Promise<number> {
    const { store, app } = this;
    if (!store || !app) throw new Error('ltc-app: not open');
    // The validators load on first use (they are not part of the script-tag bundle).
    const { parseExport } = await loadValidation();
    const parsed = parseExport(text, this.locale, { knownFieldTypes: registeredFieldTypes() });
    if (!parsed.ok) {
      const details = parsed.errors.slice(0, IMPORT_PROBLEMS_SHOWN).map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('\n');
      throw Object.assign(new Error(t(this.locale, 'app.importFailed', { message: details })), { code: 'import.invalid', problems: parsed.errors });
    }
    if (options.confirm && !window.confirm(t(this.locale, 'app.importConfirm', { name: labelOf(app, this.locale) }))) return 0;
    // Everything held for the old app (derived values, the tables' sorted rows) is dropped
    // and rebuilt from the store once the new app is complete.
    this.derived?.dispose();
    this.derived = undefined;
    this.replaced = true;
    this.importing = true;
    let count: number;
    try {
      count = await replaceApp(store, app.id, parsed.value, { origin: { kind: 'import' } });
    } finally {
      this.importing = false;
    }
    const next = await store.getApp(app.id);
    if (next) this.adopt(next);
    for (const [tableId, rows] of Object.entries(parsed.value.records)) {
      if (this.systemTables.has(tableId)) continue;
      for (const row of rows) emit(this, 'ltc-record-created', { appId: app.id, tableId, recordId: row.id, values: { ...row.values }, origin: { kind: 'import' } });
    }
    this.toast = t(this.locale, 'app.imported', { count });
    return count;
  }

  /** `ltc-record-created` for every record of an app another tab replaced (an import there). */
  private async reportReplacedRecords(store: Store, app: AppDef, origin: ChangeOrigin): Promise<void> {
    try {
      for (const table of app.tables.filter((t) => !t.system)) {
        const rows = await store.queryRecords(app.id, table.id);
        if (this.app?.id !== app.id) return;
        for (const row of rows) emit(this, 'ltc-record-created', { appId: app.id, tableId: table.id, recordId: row.id, values: { ...row.values }, origin });
      }
    } catch (error) {
      emit(this, 'ltc-error', { code: (error as { code?: string }).code ?? 'app.open', message: errorMessage(error, this.locale) });
    }
  }

  private async onImportFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const locale = this.locale;
    if (file.size > this.maxImportBytes) {
      // Checked before reading: reading a huge file would hold the whole of it in memory.
      const mb = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;
      const message = t(locale, 'app.importTooLarge', { name: file.name, size: mb(file.size), limit: mb(this.maxImportBytes) });
      void this.showImportProblems({ summary: message, items: [], more: 0 });
      emit(this, 'ltc-error', { code: 'import.tooLarge', message });
      return;
    }
    try {
      await this.importText(await file.text(), { confirm: true });
    } catch (error) {
      const problems = (error as { problems?: Array<{ path: string; message: string }> }).problems;
      if ((error as { code?: string }).code === 'import.invalid' && problems) {
        const items = problems.slice(0, IMPORT_PROBLEMS_SHOWN).map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
        void this.showImportProblems({ summary: t(locale, 'app.importSummary', { count: problems.length }), items, more: problems.length - items.length });
        emit(this, 'ltc-error', { code: 'import.invalid', message: (error as Error).message });
        return;
      }
      this.toast = errorMessage(error, locale);
      emit(this, 'ltc-error', { code: (error as { code?: string }).code ?? 'import', message: this.toast });
    }
  }

  /** A refused import in a dialog: a translated summary, the first problems and how many more. */
  private async showImportProblems(problems: { summary: string; items: string[]; more: number }): Promise<void> {
    this.importProblems = problems;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog.import-errors');
    if (dialog && !dialog.open) dialog.showModal();
  }

  private renderImportProblems() {
    const problems = this.importProblems;
    const locale = this.locale;
    return html`<dialog class="import-errors" part="import-errors" role="alertdialog" aria-labelledby="import-errors-title" aria-describedby="import-errors-summary" @close=${() => (this.importProblems = undefined)}>
      ${problems
        ? html`<h2 id="import-errors-title">${t(locale, 'app.importFailedTitle')}</h2>
            <p id="import-errors-summary">${problems.summary}</p>
            ${problems.items.length ? html`<ul>${problems.items.map((item) => html`<li>${item}</li>`)}</ul>` : nothing}
            ${problems.more > 0 ? html`<p class="more">${t(locale, 'app.importMore', { count: problems.more })}</p>` : nothing}
            <div class="dialog-actions">
              <button class="primary close" autofocus @click=${() => this.renderRoot.querySelector<HTMLDialogElement>('dialog.import-errors')?.close()}>${t(locale, 'app.close')}</button>
            </div>`
        : nothing}
    </dialog>`;
  }

  /** Ask, then delete every record the template brought (see `clearSampleData`), with an Undo. */
  private async askClearSampleData(): Promise<void> {
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.clear-samples')?.showModal();
  }

  /** Deletes the sample records; the toast then offers Undo. */
  async clearSampleData(): Promise<number> {
    const { store, app } = this;
    if (!store || !app) throw new Error('ltc-app: not open');
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.clear-samples')?.close();
    this.clearing = true;
    try {
      const deleted = await clearSampleData(store, app);
      this.undoable = deleted.count > 0 ? deleted : undefined;
      this.toast = t(this.locale, 'app.samplesCleared', { count: deleted.count });
      return deleted.count;
    } catch (error) {
      this.toast = errorMessage(error, this.locale);
      emit(this, 'ltc-error', { code: (error as { code?: string }).code ?? 'app.clearSamples', message: this.toast });
      return 0;
    } finally {
      this.clearing = false;
    }
  }

  /** Undoes the last bulk delete: the same records come back, ids and versions included. */
  async undoLastDelete(): Promise<number> {
    const pending = this.undoable;
    if (!pending) return 0;
    this.undoable = undefined;
    try {
      const restored = await pending.undo();
      this.toast = t(this.locale, 'app.restored', { count: restored });
      return restored;
    } catch (error) {
      // Nothing is lost: the undo can be tried again (it skips records already back).
      this.undoable = pending;
      this.toast = errorMessage(error, this.locale);
      emit(this, 'ltc-error', { code: (error as { code?: string }).code ?? 'app.undo', message: this.toast });
      return 0;
    }
  }

  private renderClearSamples(app: AppDef | undefined) {
    const locale = this.locale;
    return html`<dialog class="clear-samples" role="alertdialog" aria-labelledby="clear-samples-text">
      <p id="clear-samples-text">${t(locale, 'app.clearSamplesConfirm', { name: app ? labelOf(app, locale) : '' })}</p>
      <div class="dialog-actions">
        <button class="cancel" autofocus @click=${() => this.renderRoot.querySelector<HTMLDialogElement>('dialog.clear-samples')?.close()}>${t(locale, 'form.cancel')}</button>
        <button class="primary confirm-clear" @click=${() => void this.clearSampleData()}>${t(locale, 'app.clearSamples')}</button>
      </div>
    </dialog>`;
  }

  private renderChoice() {
    const locale = this.locale;
    const choose = (withSamples: boolean) => this.choosing?.(withSamples);
    return html`<div class="choice" role="group" aria-labelledby="choice-title">
      <h2 id="choice-title">${t(locale, 'app.startTitle')}</h2>
      <p>${t(locale, 'app.startHelp')}</p>
      <div class="dialog-actions">
        <button class="primary start-samples" @click=${() => choose(true)}>${t(locale, 'app.startWithSamples')}</button>
        <button class="start-empty" @click=${() => choose(false)}>${t(locale, 'app.startEmpty')}</button>
      </div>
    </div>`;
  }

  private renderNav(app: AppDef) {
    return html`<nav part="nav" aria-label=${t(this.locale, 'app.tables')}>
      <h2>${t(this.locale, 'app.tables')}</h2>
      <ul>
        ${app.tables.filter((table) => !table.system).map(
          (table) => html`<li>
            <button
              data-table=${table.id}
              aria-current=${table.id === this.selectedTableId && !this.automation && !this.forms && !this.dashboards ? 'page' : 'false'}
              @click=${() => ((this.selectedTableId = table.id), (this.automation = this.forms = this.dashboards = false), this.requestUpdate())}
            >
              ${labelOf(table, this.locale)}
            </button>
          </li>`,
        )}
        <li><button class="forms" aria-current=${String(this.forms)} @click=${() => void this.loadViewTools().then((loaded) => ((this.forms = loaded), (this.automation = this.dashboards = false), this.requestUpdate()))}>${t(this.locale, 'app.forms')}</button></li>
        <li><button class="dashboards" aria-current=${String(this.dashboards)} @click=${() => void this.loadViewTools().then((loaded) => ((this.dashboards = loaded), (this.automation = this.forms = false), this.requestUpdate()))}>${t(this.locale, 'app.dashboards')}</button></li>
        <li><button class="automation" aria-current=${String(this.automation)} @click=${() => void this.loadViewTools().then((loaded) => ((this.automation = loaded), (this.forms = this.dashboards = false), this.requestUpdate()))}>${t(this.locale, 'app.automation')}</button></li>
      </ul>
    </nav>`;
  }

  override render() {
    const locale = this.locale;
    const app = this.app;
    return html`
      <header part="header">
        <h1>${app ? labelOf(app, locale) : 'ltc-kit'}</h1>
        <span class="spacer"></span>
        <span class="toast" role="status" aria-live="polite"
          >${this.toast}${this.undoable ? html` <button class="undo" @click=${() => void this.undoLastDelete()}>${t(locale, 'app.undo')}</button>` : nothing}</span
        >
        ${app?.sampleData
          ? html`<button class="clear-samples" ?disabled=${this.clearing} @click=${this.askClearSampleData}>${t(locale, 'app.clearSamples')}</button>`
          : nothing}
        <label>
          <span class="visually-hidden">${t(locale, 'app.language')}</span>
          <select class="locale" aria-label=${t(locale, 'app.language')} @change=${(e: Event) => this.setLocale((e.target as HTMLSelectElement).value as Locale)}>
            ${LOCALES.map((code) => html`<option value=${code} ?selected=${code === locale}>${LOCALE_NAMES[code]}</option>`)}
          </select>
        </label>
        ${this.pulls?.label ? html`<button class="pull" @click=${this.pulls.pullNow}>${this.pulls.label(locale)}</button>` : nothing}
        <button class="export" ?disabled=${!app} @click=${this.downloadExport}>${t(locale, 'app.export')}</button>
        <label class="button import">
          ${t(locale, 'app.import')}
          <input class="file-input" type="file" accept=".json,application/json" ?disabled=${!app} @change=${this.onImportFile} />
        </label>
      </header>
      ${this.error
        ? html`<div class="error" role="alert"><strong>${t(locale, 'app.error')}</strong>\n${this.error}</div>`
        : this.choosing
          ? this.renderChoice()
          : !app
          ? html`<div class="status" role="status">
              ${this.progress
                ? html`${t(locale, 'app.cloning')} <progress max=${this.progress.total} value=${this.progress.done}></progress>`
                : t(locale, 'app.loading')}
            </div>`
          : html`<div class="shell">
              ${this.renderNav(app)}
              <main part="main" @ltc-view-change=${this.onViewChange} @ltc-view-select=${this.onViewSelect} @ltc-record-open=${this.onRecordOpen}>
                ${this.forms
                  ? html`<ltc-designer table-id=${this.selectedTableId}></ltc-designer>`
                  : this.dashboards
                  ? html`${this.predictions?.controller ? html`<ltc-fit-panel .controller=${this.predictions.controller} locale=${this.locale}></ltc-fit-panel>` : ''}<ltc-dashboard></ltc-dashboard>`
                  : this.automation
                  ? html`<ltc-rule-editor webhook-origins=${this.webhookOrigins}></ltc-rule-editor>`
                  : this.selectedTableId
                  ? html`${this.renderViews(app)}<ltc-table
                        exportparts=${TABLE_PARTS}
                        table-id=${this.selectedTableId}
                        .view=${this.views[this.selectedTableId]?.view}
                      ></ltc-table>`
                  : nothing}
              </main>
            </div>`}
      ${this.renderImportProblems()} ${this.renderClearSamples(app)}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ltc-app': LtcApp;
  }
}
