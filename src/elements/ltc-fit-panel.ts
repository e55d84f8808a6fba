/**
 * The prediction model panel (`<ltc-fit-panel>`, in the designer script): for each set of
 * order settings the app's prediction fields use, the stored fit — when it ran, the data day,
 * customers, repeat buyers, orders and the parameters r, α, a, b, p, q, γ — or why there are
 * no numbers (too little data, no convergence), a note when the orders changed by more than
 * 10 % since, and a Fit / Refit button. A running fit shows its step in a `<progress>` with
 * a Cancel button. The work is the `ClvFitController`'s (src/runtime/clv-fit.ts); this element
 * only shows its state and turns clicks into `fit` and `cancel`.
 *
 * @summary The fitted predictive CLV models of an app, with refit and cancel.
 * @attr locale - `zh-CN` or `en` (default: the workspace's).
 * @event ltc-model-fitted - A fit was stored; `detail` `{ tableId, status }`.
 * @csspart fit - One model's section.
 */
import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { AppDef, Locale } from '../core/schema/types.js';
import { findClvFit, fitIsStale, MIN_REPEAT_BUYERS, type ClvFitDef, type ClvSource } from '../core/lifecycle/fit-summary.js';
import { labelOf } from '../i18n/index.js';
import { tp } from '../i18n/predict-ui.js';
import { ClvFitCancelled, predictionSources, type ClvFitController } from '../runtime/clv-fit.js';
import { appContext } from './context.js';
import { IMPORT_WORKER_TYPE, clvWorkerUrl, trustedScriptUrl } from './load-designer.js';
import { baseStyles } from './styles.js';

/** Starts the CLV worker from beside ltc-kit's script, through the page's Trusted Types policy. */
export function createClvWorker(): Worker {
  return new Worker(trustedScriptUrl(clvWorkerUrl()), { type: IMPORT_WORKER_TYPE });
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ltc-model-fitted': CustomEvent<{ tableId: string; status: ClvFitDef['status'] }>;
  }
}

const sameSource = (a: ClvSource | undefined, b: ClvSource) => !!a && JSON.stringify(a) === JSON.stringify(b);

export class LtcFitPanel extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: grid;
        gap: 1rem;
      }
      section {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 0.75rem 1rem;
      }
      h3 {
        margin: 0 0 0.5rem;
        font-size: 1em;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.25rem 1rem;
        margin: 0 0 0.75rem;
      }
      dt {
        color: var(--_muted);
      }
      dd {
        margin: 0;
        font-variant-numeric: tabular-nums;
      }
      .warn {
        color: var(--_danger);
      }
      .actions {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        flex-wrap: wrap;
      }
    `,
  ];

  @property() accessor locale: Locale = 'en';
  @consume({ context: appContext, subscribe: true }) @property({ attribute: false }) accessor app: AppDef | undefined;
  /** The app's fit controller (`startPredictions` returns it). */
  @property({ attribute: false }) accessor controller: ClvFitController | undefined;

  private unsubscribe?: () => void;
  private subscribed?: ClvFitController;

  override updated(): void {
    if (this.subscribed === this.controller) return;
    this.unsubscribe?.();
    this.subscribed = this.controller;
    this.unsubscribe = this.controller?.subscribe(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.subscribed = undefined;
  }

  private get currentApp(): AppDef | undefined {
    return this.controller?.app ?? this.app;
  }

  private async fit(source: ClvSource): Promise<void> {
    try {
      const fit = await this.controller!.fit(source);
      this.dispatchEvent(new CustomEvent('ltc-model-fitted', { detail: { tableId: fit.tableId, status: fit.status }, bubbles: true, composed: true }));
    } catch (error) {
      // Cancelled: nothing happened; a failure is in the controller's state, shown below.
      if (!(error instanceof ClvFitCancelled)) this.requestUpdate();
    }
  }

  private number(value: number, digits = 0): string {
    return new Intl.NumberFormat(this.locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
  }

  private renderParams(fit: ClvFitDef) {
    const bg = fit.bgnbd;
    const gg = fit.gammaGamma;
    if (!bg) return nothing;
    const p = (v: number) => this.number(v, 4);
    const text = `r ${p(bg.r)}, α ${p(bg.alpha)}, a ${p(bg.a)}, b ${p(bg.b)}` + (gg ? `; p ${p(gg.p)}, q ${p(gg.q)}, γ ${p(gg.gamma)}` : '');
    return html`<dt>${tp(this.locale, 'fit.params')}</dt>
      <dd data-params>${text} <small>(${tp(this.locale, 'fit.unit')})</small></dd>`;
  }

  private renderFit(fit: ClvFitDef, orders: number) {
    const l = this.locale;
    const status =
      fit.status === 'ok'
        ? tp(l, 'fit.status.ok')
        : fit.status === 'tooFewRepeatBuyers'
          ? tp(l, 'fit.status.tooFewRepeatBuyers', { min: MIN_REPEAT_BUYERS, n: fit.repeatBuyers })
          : tp(l, 'fit.status.notConverged');
    return html`<p class=${fit.status === 'ok' ? '' : 'warn'} data-status=${fit.status}>${status}</p>
      <dl>
        <dt>${tp(l, 'fit.date')}</dt>
        <dd>${new Date(fit.fittedAt).toLocaleString(l)}</dd>
        <dt>${tp(l, 'fit.asOf')}</dt>
        <dd>${fit.asOf}</dd>
        <dt>${tp(l, 'fit.customers')}</dt>
        <dd data-customers>${this.number(fit.customers)}</dd>
        <dt>${tp(l, 'fit.repeatBuyers')}</dt>
        <dd data-repeat-buyers>${this.number(fit.repeatBuyers)}</dd>
        <dt>${tp(l, 'fit.orders')}</dt>
        <dd>${this.number(fit.orders)}</dd>
        ${this.renderParams(fit)}
      </dl>
      ${fitIsStale(fit, orders) ? html`<p class="warn" data-stale>${tp(l, 'fit.stale', { n: this.number(orders) })}</p>` : nothing}`;
  }

  private renderSource(app: AppDef, source: ClvSource, index: number) {
    const l = this.locale;
    const table = app.tables.find((t) => t.id === source.tableId);
    const relation = table?.fields.find((f) => f.id === source.source);
    const fit = findClvFit(app.clvFits, source);
    const state = this.controller?.state;
    const running = sameSource(state?.running, source);
    const heading = `fit-heading-${index}`;
    const progress = state?.progress;
    return html`<section part="fit" aria-labelledby=${heading}>
      <h3 id=${heading}>${tp(l, 'fit.for', { table: table ? labelOf(table, l) : source.tableId, source: relation ? labelOf(relation, l) : String(source.source) })}</h3>
      ${fit ? this.renderFit(fit, this.controller?.orderCount(source) ?? fit.orders) : html`<p data-status="none">${tp(l, 'fit.none')}</p>`}
      <div class="actions">
        ${running
          ? html`<label for="fit-progress-${index}">${tp(l, 'fit.progress')} ${progress ? tp(l, `fit.phase.${progress.phase}`) : ''}</label>
              <progress id="fit-progress-${index}" max=${progress?.steps ?? 1} .value=${progress?.step ?? 0}></progress>
              <button type="button" data-action="cancel" @click=${() => this.controller?.cancel()}>${tp(l, 'fit.cancel')}</button>`
          : html`<button type="button" data-action="fit" ?disabled=${!this.controller} @click=${() => void this.fit(source)}>${tp(l, fit ? 'fit.refit' : 'fit.fit')}</button>`}
      </div>
      ${!running && state?.error ? html`<p class="warn" role="alert">${tp(l, 'fit.failed', { message: state.error })}</p>` : nothing}
    </section>`;
  }

  override render() {
    const app = this.currentApp;
    const sources = app ? predictionSources(app) : [];
    if (!app || sources.length === 0) return html`<p>${tp(this.locale, 'fit.noSources')}</p>`;
    return html`<h2 class="title">${tp(this.locale, 'fit.title')}</h2>
      ${sources.map((source, i) => this.renderSource(app, source, i))}`;
  }
}
