/**
 * Files ltc-kit fetches from beside its own script instead of carrying them in the bundle:
 * built-in templates and the function reference texts. The build copies them into dist/
 * (vite.config.ts); running from source (tests), they are read from the repository.
 *
 * The script's URL is captured while it first runs: a classic script is
 * `document.currentScript` (only set during that first run; the IIFE build has no
 * `import.meta`), an ES module is `import.meta.url`.
 */

declare const __LTC_ASSET_BASE__: string | undefined;

function scriptUrl(): string {
  const current = typeof document !== 'undefined' ? (document.currentScript as HTMLScriptElement | null) : null;
  if (current?.src) return current.src;
  const moduleUrl = (import.meta as { url?: string }).url;
  if (moduleUrl) return moduleUrl;
  return typeof document !== 'undefined' ? document.baseURI : 'http://localhost/';
}

const SCRIPT_URL = scriptUrl();

/**
 * The CSP nonce the page gave ltc-kit's own `<script>` (empty for module scripts and
 * pages without one): scripts ltc-kit adds later carry it too, so a nonce-based policy
 * lets them run even without 'strict-dynamic'.
 */
export const SCRIPT_NONCE: string =
  typeof document !== 'undefined' ? ((document.currentScript as HTMLScriptElement | null)?.nonce ?? '') : '';

/** Where the built files sit (dist/), or the repository root when running from source. */
export function assetBase(): string {
  return new URL(typeof __LTC_ASSET_BASE__ === 'string' ? __LTC_ASSET_BASE__ : '../../', SCRIPT_URL).href;
}

/**
 * The URL of an asset by its path in dist/ (e.g. `templates/customer-ltv.json`); `sourcePath`
 * is where it lives in the repository when that differs.
 */
export function assetUrl(distPath: string, sourcePath = distPath): string {
  const built = typeof __LTC_ASSET_BASE__ === 'string';
  return new URL(built ? distPath : sourcePath, assetBase()).href;
}

/** The URL of a document-relative address (a site owner's `template-src`). */
export function pageUrl(address: string): string {
  return new URL(address, typeof document !== 'undefined' ? document.baseURI : SCRIPT_URL).href;
}
