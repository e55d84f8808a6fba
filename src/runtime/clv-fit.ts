/**
 * Fitting an app's predictive CLV model and keeping it current: `ClvFitController` gathers
 * the counted orders of a prediction field's customers (./order-histories.ts), sends them to
 * the CLV worker (src/workers/clv-worker.ts) with progress and cancel, and stores the fit in
 * the app definition (`AppDef.clvFits`, one versioned `putApp`; a write that lost a race with
 * another edit is retried once on the newer definition, so nothing else the user changed is
 * lost). Prediction fields then recompute from the new parameters.
 *
 * `startPredictions` (what `<ltc-app>` starts when its app has prediction or RFM fields)
 * registers the field types, keeps RFM distributions current (./rfm-scores.ts) and refits on
 * its own when a prediction's settings have no fit yet or the counted orders changed by more
 * than 10 % since the fit (`fitIsStale`), a little after the data settles.
 */
import { findClvFit, fitIsStale, withClvFit, type ClvFitDef, type ClvFitPhase, type ClvModelFit, type ClvSource } from '../core/lifecycle/fit-summary.js';
import { clvSourceOf, registerPredictionFieldTypes } from '../core/lifecycle/predict-fields.js';
import type { AppDef } from '../core/schema/types.js';
import { dayNumberIso, localTimeZone, zonedDayNumber } from '../core/time/zoned.js';
import { StaleWriteError } from '../store/types.js';
import type { Store } from '../store/types.js';
import type { ClvFitRequest, ClvWorkerMessage } from '../workers/clv-worker.js';
import type { DerivedValues } from './derived.js';
import { gatherOrderHistories } from './order-histories.js';
import { watchRfm } from './rfm-scores.js';

/** Where a running fit is: `step` of `steps` (gathering the orders is step 0 of the page's own). */
export interface ClvFitProgress {
  phase: 'gather' | ClvFitPhase;
  step: number;
  steps: number;
}

/** What the controller is doing, for `<ltc-fit-panel>`. */
export interface ClvFitState {
  /** The settings being fitted, while a fit runs. */
  running?: ClvSource;
  progress?: ClvFitProgress;
  /** The last fit's failure (the worker could not start, the app could not be stored). */
  error?: string;
}

/** A fit that was cancelled (by the user, or by a newer fit of the same app). */
export class ClvFitCancelled extends Error {
  constructor() {
    super('The fit was cancelled');
    this.name = 'ClvFitCancelled';
  }
}

export interface ClvFitControllerOptions {
  store: Store;
  appId: string;
  currentApp: () => AppDef | undefined;
  derived: DerivedValues;
  /** Starts the CLV worker (the designer script passes one that loads dist/ltc-kit-clv-worker.js). */
  createWorker: () => Worker;
  /** The current instant (default Date.now): the day summaries are taken on. */
  now?: () => number;
  /** Called with the stored app (default: `derived.setApp`, so predictions recompute). */
  applyApp?: (app: AppDef) => void | Promise<void>;
}

/** The distinct order settings of an app's prediction fields, in field order. */
export function predictionSources(app: AppDef): ClvSource[] {
  const sources: ClvSource[] = [];
  for (const table of app.tables) {
    for (const field of table.fields) {
      if (field.type !== 'prediction' || field.archived) continue;
      const source = clvSourceOf(field, table.id);
      if (!source.source || !source.dateField) continue;
      const key = JSON.stringify(source);
      if (!sources.some((s) => JSON.stringify(s) === key)) sources.push(source);
    }
  }
  return sources;
}

export class ClvFitController {
  state: ClvFitState = {};
  private readonly listeners = new Set<(state: ClvFitState) => void>();
  private worker?: Worker;
  private reject?: (error: Error) => void;
  /** Counted orders by source, valid while the derived values' revision is theirs. */
  private readonly counts = new Map<string, { revision: number; orders: number }>();

  constructor(private readonly options: ClvFitControllerOptions) {}

  /** The app as it is now. */
  get app(): AppDef | undefined {
    return this.options.currentApp();
  }

  /** Hear every state change; returns the unsubscribe function. */
  subscribe(listener: (state: ClvFitState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Counted orders of a source now (what a stale fit is judged by). */
  orderCount(source: ClvSource): number {
    const app = this.options.currentApp();
    if (!app) return 0;
    const key = JSON.stringify(source);
    const { revision } = this.options.derived;
    const cached = this.counts.get(key);
    if (cached?.revision === revision) return cached.orders;
    const orders = gatherOrderHistories(app, this.options.derived, source).columns.customer.length;
    this.counts.set(key, { revision, orders });
    return orders;
  }

  /** The sources whose fit is missing or stale. */
  staleSources(): ClvSource[] {
    const app = this.options.currentApp();
    if (!app) return [];
    return predictionSources(app).filter((source) => {
      const fit = findClvFit(app.clvFits, source);
      return !fit || fitIsStale(fit, this.orderCount(source));
    });
  }

  /**
   * Fit the model for one source in the worker and store it; resolves with the stored fit.
   * A fit already running is cancelled first. Rejects with `ClvFitCancelled` when cancelled.
   */
  async fit(source: ClvSource): Promise<ClvFitDef> {
    this.cancel();
    const app = this.options.currentApp();
    if (!app) throw new Error(`ltc-kit: app ${this.options.appId} is not open`);
    this.setState({ running: source, progress: { phase: 'gather', step: 0, steps: 1 } });
    try {
      const { columns } = gatherOrderHistories(app, this.options.derived, source);
      const zone = app.timeZone ?? localTimeZone();
      const instant = (this.options.now ?? Date.now)();
      const today = zonedDayNumber(instant, zone);
      // Read before the columns are transferred (their buffers are detached then).
      const orders = columns.customer.length;
      const model = await this.runWorker({ type: 'fit', columns, today, withSpend: !!source.amountField }, [columns.customer.buffer, columns.day.buffer, columns.amount.buffer]);
      const fit: ClvFitDef = {
        tableId: source.tableId,
        source: source.source!,
        dateField: source.dateField!,
        ...(source.amountField ? { amountField: source.amountField } : {}),
        ...(source.countWhen !== undefined ? { countWhen: source.countWhen } : {}),
        fittedAt: new Date(instant).toISOString(),
        asOf: dayNumberIso(today),
        orders,
        ...model,
      };
      await this.storeFit(fit);
      this.setState({});
      return fit;
    } catch (error) {
      if (!(error instanceof ClvFitCancelled)) this.setState({ error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  /** Stop a running fit (the worker is terminated; nothing is stored). */
  cancel(): void {
    if (!this.worker) return;
    this.worker.terminate();
    this.worker = undefined;
    this.reject?.(new ClvFitCancelled());
    this.reject = undefined;
    this.setState({});
  }

  dispose(): void {
    this.cancel();
    this.listeners.clear();
  }

  private setState(state: ClvFitState): void {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }

  private runWorker(request: ClvFitRequest, transfer: Transferable[]): Promise<ClvModelFit> {
    return new Promise<ClvModelFit>((resolve, reject) => {
      const worker = this.options.createWorker();
      this.worker = worker;
      this.reject = reject;
      const finish = () => {
        worker.terminate();
        if (this.worker === worker) this.worker = undefined;
        this.reject = undefined;
      };
      worker.onmessage = (event: MessageEvent<ClvWorkerMessage>) => {
        const message = event.data;
        if (message.type === 'progress') {
          this.setState({ ...this.state, progress: { phase: message.phase, step: message.step + 1, steps: message.steps + 1 } });
        } else if (message.type === 'result') {
          finish();
          resolve(message.fit);
        } else {
          finish();
          reject(new Error(message.message));
        }
      };
      worker.onerror = (event) => {
        finish();
        reject(new Error(event.message || 'ltc-kit: the CLV worker failed'));
      };
      worker.postMessage(request, transfer);
    });
  }

  /** One versioned write of the app with the fit in place; once more on a newer version. */
  private async storeFit(fit: ClvFitDef): Promise<void> {
    const { store, appId } = this.options;
    for (let attempt = 0; ; attempt++) {
      const app = await store.getApp(appId);
      if (!app) throw new Error(`ltc-kit: app ${appId} no longer exists`);
      try {
        const stored = await store.putApp({ ...app, clvFits: withClvFit(app.clvFits, fit) }, app.version);
        await (this.options.applyApp ?? ((next) => this.options.derived.setApp(next)))(stored);
        return;
      } catch (error) {
        if (!(error instanceof StaleWriteError) || attempt > 0) throw error;
      }
    }
  }
}

/** How long the data must stay still before an automatic refit is considered (ms). */
const REFIT_DELAY = 2000;

export interface StartPredictionsOptions extends ClvFitControllerOptions {
  /** Refit automatically when a fit is missing or stale (default true). */
  autoRefit?: boolean;
}

/**
 * Start predictions for an open app: register the field types (recomputing once with them),
 * keep RFM scores current and refit stale models in the background. Returns the controller
 * (for `<ltc-fit-panel>`) and the stop function.
 */
export async function startPredictions(options: StartPredictionsOptions): Promise<{ controller: ClvFitController; stop: () => void }> {
  registerPredictionFieldTypes();
  const { derived } = options;
  await derived.load();
  const app = options.currentApp();
  if (app) await derived.setApp(app);
  const controller = new ClvFitController(options);
  const stopRfm = watchRfm({ derived, currentApp: options.currentApp });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refitSoon = () => {
    if (options.autoRefit === false) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (controller.state.running) return;
      const [stale] = controller.staleSources();
      if (stale) controller.fit(stale).catch(() => undefined);
    }, REFIT_DELAY);
  };
  const unsubscribe = derived.subscribe((change) => {
    if (change.kind === 'records' || change.kind === 'replace') refitSoon();
  });
  refitSoon();
  return {
    controller,
    stop() {
      clearTimeout(timer);
      unsubscribe();
      stopRfm();
      controller.dispose();
    },
  };
}
