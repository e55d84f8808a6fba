/**
 * Loads the designer elements on first use (see src/designer.ts). The classic-script build
 * adds `<script src="ltc-kit-designer.js">` from beside itself (allowed by `script-src
 * 'self'`); the ES build and the sources import the designer module.
 *
 * Under `require-trusted-types-for 'script'` a plain string may not be assigned to
 * `script.src`: the URL goes through a Trusted Types policy named `ltc-kit`, which allows
 * exactly the designer, the pinyin script, the import worker and the CLV worker beside ltc-kit's own script. Site owners allow it with
 * `trusted-types ltc-kit lit-html` (lit-html is Lit's own policy for its templates).
 */
import { SCRIPT_NONCE, assetUrl } from '../runtime/assets.js';
import { isKnownFieldType } from '../core/fields/index.js';
import type { ValidationModule } from '../validation.js';
import { setFormulaCompilerLoader } from '../runtime/formula-compiler.js';

/** What the designer script provides beyond its elements (see src/designer.ts). */
export type DesignerModule = typeof import('../designer.js');

declare const __LTC_DESIGNER__: 'script' | 'import' | undefined;

/** The name of ltc-kit's Trusted Types policy (for a page's `trusted-types` directive). */
export const TRUSTED_TYPES_POLICY = 'ltc-kit';

interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string): unknown };
}

let loading: Promise<void> | undefined;
let policy: { createScriptURL(url: string): unknown } | undefined;

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

/** The region data of address fields (src/elements/load-regions.ts), loaded when an address input shows. */
export const REGIONS_SCRIPT = 'ltc-kit-regions.js';

/**
 * A script URL as the page's policy wants it: a TrustedScriptURL where Trusted Types exist
 * (the policy refuses every URL but the designer's, the pinyin, regions and charts scripts', the import worker's and the CLV worker's), else the
 * plain string. For `script.src` and `new Worker(…)`.
 */
export function trustedScriptUrl(url: string): string {
  const trustedTypes = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  if (!trustedTypes) return url;
  // A policy name may be created once per page; keep it for later loads.
  policy ??= trustedTypes.createPolicy(TRUSTED_TYPES_POLICY, {
    createScriptURL(candidate: string) {
      if (candidate !== assetUrl('ltc-kit-designer.js') && candidate !== assetUrl('ltc-kit-pinyin.js') && candidate !== importWorkerUrl() && candidate !== assetUrl(REGIONS_SCRIPT) && candidate !== clvWorkerUrl() && candidate !== assetUrl('ltc-kit-charts.js')) throw new TypeError(`ltc-kit: refusing to load script ${candidate}`);
      return candidate;
    },
  });
  return policy.createScriptURL(url) as string;
}

function loadScript(): Promise<void> {
  return addScript(assetUrl('ltc-kit-designer.js')).then(() => customElements.whenDefined('ltc-field-editor')).then(() => undefined);
}

/**
 * Adds `<script src>` for one of ltc-kit's own scripts beside it (the URL through the
 * 'ltc-kit' policy, the page's nonce if it has one); resolves once it ran. A URL the page's
 * policy refuses, or a script that fails to load, rejects.
 */
export function addScript(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    try {
      script.src = trustedScriptUrl(url);
    } catch (error) {
      // The page's policy does not allow ours (or another script took the name).
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (SCRIPT_NONCE) script.nonce = SCRIPT_NONCE;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`Could not load ${script.src}`));
    document.head.append(script);
  });
}

/**
 * A classic script of ltc-kit's that exposes a module as `window[globalName]` (pinyin, regions,
 * charts): the module if it is there already, else after `addScript`; rejects when the script
 * ran but did not provide `member`.
 */
export async function loadScriptModule<T>(file: string, globalName: string, member: string): Promise<T> {
  const present = () => (globalThis as Record<string, unknown>)[globalName] as Record<string, unknown> | undefined;
  if (!present()?.[member]) await addScript(assetUrl(file));
  const module = present();
  if (!module?.[member]) throw new Error(`ltc-kit: ${file} did not load`);
  return module as T;
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
