/**
 * Loads the uPlot line and area charts (src/charts.ts) on first use: when a dashboard shows
 * its first line or area chart. The classic-script build adds `<script src="ltc-kit-charts.js">`
 * from beside itself through the 'ltc-kit' Trusted Types policy (src/elements/load-designer.ts),
 * which exposes `window.LtcKitCharts`; the ES build and the sources import the module, which
 * bundlers split into its own chunk.
 */
import { loadScriptModule } from '../load-designer.js';

type ChartsModule = typeof import('../../charts.js');

declare const __LTC_DESIGNER__: 'script' | 'import' | undefined;

let loading: Promise<ChartsModule> | undefined;

/** The charts module, loaded once per page. */
export function loadCharts(): Promise<ChartsModule> {
  loading ??= (typeof __LTC_DESIGNER__ !== 'undefined' && __LTC_DESIGNER__ === 'script' ? loadScript() : import('../../charts.js')).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

function loadScript(): Promise<ChartsModule> {
  return loadScriptModule<ChartsModule>('ltc-kit-charts.js', 'LtcKitCharts', 'drawLineChart');
}
