/**
 * The predictive CLV worker (dist/ltc-kit-clv-worker.js): fits BG/NBD and Gamma-Gamma to
 * every customer's order history off the page's thread, so 100,000 customers never block it
 * (docs/predictive-clv.md "Fields"). The page sends the counted orders as transferable
 * columns (src/core/lifecycle/fit-summary.ts `OrderColumns`); the worker posts a progress
 * message as each step starts and the fit at the end. The page cancels by terminating it.
 * A classic script of its own (`vite build --mode clv-worker`): it shares nothing with the page.
 */
import { fitColumns, type ClvFitPhase, type ClvModelFit, type OrderColumns } from '../core/lifecycle/fit-summary.js';

/** What the page sends: the orders, the summary day and whether to fit spend too. */
export interface ClvFitRequest {
  type: 'fit';
  columns: OrderColumns;
  today: number;
  withSpend: boolean;
}

/** What the worker posts: a step starting (`step` of `steps`), the fit, or why it failed. */
export type ClvWorkerMessage =
  | { type: 'progress'; phase: ClvFitPhase; step: number; steps: number }
  | { type: 'result'; fit: ClvModelFit }
  | { type: 'error'; message: string };

const PHASES: readonly ClvFitPhase[] = ['summarise', 'bgnbd', 'gammaGamma'];

const scope = self as unknown as { postMessage(m: ClvWorkerMessage): void; onmessage: ((event: MessageEvent<ClvFitRequest>) => void) | null };

scope.onmessage = (event) => {
  const { columns, today, withSpend } = event.data;
  const steps = withSpend ? 3 : 2;
  try {
    const fit = fitColumns(columns, today, withSpend, (phase) => scope.postMessage({ type: 'progress', phase, step: PHASES.indexOf(phase), steps }));
    scope.postMessage({ type: 'result', fit });
  } catch (error) {
    scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
