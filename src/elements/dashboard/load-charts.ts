/**
 * Loads the uPlot line and area charts (src/charts.ts) on first use: when a dashboard shows
 * its first line or area chart. The classic-script build adds `<script src="ltc-kit-charts.js">`
 * from beside itself through the 'ltc-kit' Trusted Types policy (src/elements/load-designer.ts),
 * which exposes `window.LtcKitCharts`; the ES build and the sources import the module, which
 * bundlers split into its own chunk.
 */
import { SCRIPT_NONCE, assetUrl } from '../../runtime/assets.js';
import { trustedScriptUrl } from '../load-designer.js';

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

function loaded(): ChartsModule | undefined {
  return (globalThis as { LtcKitCharts?: ChartsModule }).LtcKitCharts;
}

function loadScript(): Promise<ChartsModule> {
  const present = loaded();
  if (present) return Promise.resolve(present);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    try {
      script.src = trustedScriptUrl(assetUrl('ltc-kit-charts.js'));
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (SCRIPT_NONCE) script.nonce = SCRIPT_NONCE;
    script.onload = () => {
      const module = loaded();
      if (module?.drawLineChart) resolve(module);
      else reject(new Error('ltc-kit: the charts script did not load'));
    };
    script.onerror = () => reject(new Error(`Could not load ${script.src}`));
    document.head.append(script);
  });
}
