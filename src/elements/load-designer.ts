/**
 * Loads the designer elements on first use (see src/designer.ts). The classic-script build
 * adds `<script src="ltc-kit-designer.js">` from beside itself (allowed by `script-src
 * 'self'`); the ES build and the sources import the designer module.
 *
 * The scripts go through the `ltc-kit` Trusted Types policy of src/runtime/scripts.ts, which
 * lets through exactly the files this module allows (the designer, pinyin, regions and charts
 * scripts, the import and CLV workers) beside ltc-kit's own script.
 */
import { assetUrl } from '../runtime/assets.js';
import { REGIONS_SCRIPT, TRUSTED_TYPES_POLICY, addScript, allowScript, loadScriptModule, trustedScriptUrl } from '../runtime/scripts.js';
import { isKnownFieldType } from '../core/fields/index.js';
import type { ValidationModule } from '../validation.js';
import { setFormulaCompilerLoader } from '../runtime/formula-compiler.js';

/** What the designer script provides beyond its elements (see src/designer.ts). */
export type DesignerModule = typeof import('../designer.js');

export { REGIONS_SCRIPT, TRUSTED_TYPES_POLICY, addScript, loadScriptModule, trustedScriptUrl };

declare const __LTC_DESIGNER__: 'script' | 'import' | undefined;

let loading: Promise<void> | undefined;

export function loadDesigner(): Promise<void> {
  if (customElements.get('ltc-field-editor')) return Promise.resolve();
  loading ??= (typeof __LTC_DESIGNER__ !== 'undefined' && __LTC_DESIGNER__ === 'script' ? loadScript() : import('../designer.js').then(() => undefined)).catch(
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * The designer script's exports (field edits, the validators), loading it first if needed.
 * The classic build exposes them as `window.LtcKitDesigner`.
 */
export async function loadDesignerModule(): Promise<DesignerModule> {
  if (typeof __LTC_DESIGNER__ !== 'undefined' && __LTC_DESIGNER__ === 'script') {
    await loadDesigner();
    const loaded = (globalThis as { LtcKitDesigner?: DesignerModule }).LtcKitDesigner;
    if (!loaded?.deleteField) throw new Error('ltc-kit: the designer script did not load');
    return loaded;
  }
  return import('../designer.js');
}

/**
 * The validators of templates and export files (src/validation.ts), loaded on first use: they
 * travel with the designer script, which the classic build exposes as `window.LtcKitDesigner`.
 */
export async function loadValidation(): Promise<ValidationModule> {
  if (typeof __LTC_DESIGNER__ !== 'undefined' && __LTC_DESIGNER__ === 'script') {
    await loadDesigner();
    const loaded = (globalThis as { LtcKitDesigner?: ValidationModule }).LtcKitDesigner;
    if (!loaded?.validateTemplate) throw new Error('ltc-kit: the designer script did not provide the validators');
    return loaded;
  }
  return import('../validation.js');
}

/** The URL of the import worker (src/workers/import-worker.ts), beside ltc-kit's script. */
export function importWorkerUrl(): string {
  return assetUrl('ltc-kit-import-worker.js', 'src/workers/import-worker.ts');
}

/** The URL of the predictive CLV worker (src/workers/clv-worker.ts), beside ltc-kit's script. */
export function clvWorkerUrl(): string {
  return assetUrl('ltc-kit-clv-worker.js', 'src/workers/clv-worker.ts');
}

/** How to start the import worker: a classic script when built, an ES module from the sources (tests). */
export const IMPORT_WORKER_TYPE: WorkerType = typeof __LTC_DESIGNER__ !== 'undefined' ? 'classic' : 'module';


// The scripts and workers this bundle loads from beside itself, and nothing else.
allowScript('ltc-kit-designer.js', 'ltc-kit-pinyin.js', ['ltc-kit-import-worker.js', 'src/workers/import-worker.ts'], REGIONS_SCRIPT, ['ltc-kit-clv-worker.js', 'src/workers/clv-worker.ts'], 'ltc-kit-charts.js');

function loadScript(): Promise<void> {
  return addScript(assetUrl('ltc-kit-designer.js')).then(() => customElements.whenDefined('ltc-field-editor')).then(() => undefined);
}

// Stored formulas compile with the compiler the designer script brings.
setFormulaCompilerLoader(loadDesigner);
/**
 * Makes sure every field type an app uses is registered (src/runtime/field-types-ready.ts):
 * at once when they are, else by loading the designer script, which registers the rest; then
 * `host` repaints. A failed load leaves those fields shown as text.
 */
export function ensureFieldTypes(app: { tables: Array<{ fields: Array<{ type: string }> }> } | undefined, host?: { requestUpdate(): void }): Promise<void> {
  const loading = app?.tables.some((table) => table.fields.some((field) => !isKnownFieldType(field.type))) ? loadDesigner() : Promise.resolve();
  return loading.then(() => host?.requestUpdate(), () => undefined);
}
