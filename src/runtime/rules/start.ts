/**
 * Starting an app's rule engine for `<ltc-app>` (kept here, in the designer script, so the
 * script-tag bundle carries only the call): adds the run-log table the first time, reads
 * records through the app's derived values (so conditions and templates see computed
 * fields), and dispatches the engine's events on the host element.
 */
import type { AppDef, CellValue } from '../../core/schema/types.js';
import { StaleWriteError, type Store } from '../../store/types.js';
import { isDerivedField, type DerivedValues } from '../derived.js';
import { RuleEngine } from './engine.js';
import { RUN_TABLE_ID, withRunLog } from './run-log.js';

export interface StartRulesOptions {
  store: Store;
  app: AppDef;
  /** The app as it is now (definitions change while the engine runs). */
  currentApp: () => AppDef | undefined;
  derived: () => DerivedValues | undefined;
  /** Space-separated origins webhooks may go to. */
  webhookOrigins: string;
  /** Where `ltc-rule-fired` and `ltc-notification` are dispatched (bubbling, composed). */
  host: EventTarget;
}

/** Starts the engine; resolves to the function that stops it. */
export async function startRules(options: StartRulesOptions): Promise<() => void> {
  const { store, host } = options;
  let app = options.app;
  if (!app.tables.some((table) => table.id === RUN_TABLE_ID)) {
    try {
      app = await store.putApp(withRunLog(app), app.version);
    } catch (error) {
      // Another tab added the run log (or changed the app) first: take the stored app.
      if (!(error instanceof StaleWriteError)) throw error;
      const stored = await store.getApp(app.id);
      if (!stored) throw error;
      app = stored.tables.some((table) => table.id === RUN_TABLE_ID) ? stored : await store.putApp(withRunLog(stored), stored.version);
    }
  }
  const engine = new RuleEngine({
    store,
    appId: app.id,
    app: () => options.currentApp() ?? app,
    records: async (tableId) => {
      const derived = options.derived();
      if (!derived) return store.queryRecords(app.id, tableId);
      await derived.load();
      return derived.all(tableId);
    },
    readValue: (record, field) =>
      isDerivedField(field) ? ((options.derived()?.value(record.tableId, record.id, field.id) ?? null) as CellValue) : (record.values[field.id] ?? null),
    webhookOrigins: options.webhookOrigins.split(/\s+/).filter(Boolean),
    dispatch: (name, detail) => host.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true })),
  });
  engine.start();
  // A form inside the workspace saved a record: "form submitted" rules (the record-created or
  // -updated rules already ran on the write itself).
  const onSubmit = (event: Event) => {
    const detail = (event as CustomEvent<{ appId?: string; tableId?: string; recordId?: string; formId?: string }>).detail;
    if (detail?.appId !== app.id || !detail.tableId || !detail.recordId) return;
    void store
      .getRecord(app.id, detail.tableId, detail.recordId)
      .then((record) => record && engine.handleEvent({ type: 'form-submitted', tableId: record.tableId, record, formId: detail.formId }))
      .catch(() => undefined);
  };
  host.addEventListener('ltc-form-submitted', onSubmit);
  return () => {
    host.removeEventListener('ltc-form-submitted', onSubmit);
    engine.stop();
  };
}
