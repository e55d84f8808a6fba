/**
 * Loads the designer elements on first use (see src/designer.ts). The classic-script build
 * adds `<script src="ltc-kit-designer.js">` from beside itself (allowed by `script-src
 * 'self'`); the ES build and the sources import the designer module.
 *
 * Under `require-trusted-types-for 'script'` a plain string may not be assigned to
 * `script.src`: the URL goes through a Trusted Types policy named `ltc-kit`, which allows
 * exactly two URLs, the designer and the import worker beside ltc-kit's own script. Site owners allow it with
 * `trusted-types ltc-kit lit-html` (lit-html is Lit's own policy for its templates).
 */
import { SCRIPT_NONCE, assetUrl } from '../runtime/assets.js';
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

/** How to start the import worker: a classic script when built, an ES module from the sources (tests). */
export const IMPORT_WORKER_TYPE: WorkerType = typeof __LTC_DESIGNER__ !== 'undefined' ? 'classic' : 'module';

/**
 * A script URL as the page's policy wants it: a TrustedScriptURL where Trusted Types exist
 * (the policy refuses every URL but the designer's, the pinyin script's and the import worker's), else the
 * plain string. For `script.src` and `new Worker(…)`.
 */
export function trustedScriptUrl(url: string): string {
  const trustedTypes = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  if (!trustedTypes) return url;
  // A policy name may be created once per page; keep it for later loads.
  policy ??= trustedTypes.createPolicy(TRUSTED_TYPES_POLICY, {
    createScriptURL(candidate: string) {
      if (candidate !== assetUrl('ltc-kit-designer.js') && candidate !== assetUrl('ltc-kit-pinyin.js') && candidate !== importWorkerUrl()) throw new TypeError(`ltc-kit: refusing to load script ${candidate}`);
      return candidate;
    },
  });
  return policy.createScriptURL(url) as string;
}

function loadScript(): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    try {
      script.src = trustedScriptUrl(assetUrl('ltc-kit-designer.js'));
    } catch (error) {
      // The page's policy does not allow ours (or another script took the name).
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (SCRIPT_NONCE) script.nonce = SCRIPT_NONCE;
    script.onload = () => void customElements.whenDefined('ltc-field-editor').then(() => resolve());
    script.onerror = () => reject(new Error(`Could not load ${script.src}`));
    document.head.append(script);
  });
}

// Stored formulas compile with the compiler the designer script brings.
setFormulaCompilerLoader(loadDesigner);
