/**
 * Loading ltc-kit's own classic scripts from beside the page's ltc-kit script: the designer,
 * pinyin, regions and charts scripts, the workers, and the published forms' widget pack.
 *
 * Under `require-trusted-types-for 'script'` a plain string may not be assigned to
 * `script.src` nor passed to `new Worker`: the URL goes through a Trusted Types policy named
 * `ltc-kit`, which allows exactly the files listed with `allowScript` beside ltc-kit's own
 * script (assetUrl). Site owners allow it with `trusted-types ltc-kit lit-html` (lit-html is
 * Lit's own policy for its templates). Shared by the workspace bundle (src/elements/
 * load-designer.ts lists its files) and the form runtime (src/form-runtime.ts lists its pack).
 */
import { SCRIPT_NONCE, assetUrl } from './assets.js';

/** The name of ltc-kit's Trusted Types policy (for a page's `trusted-types` directive). */
export const TRUSTED_TYPES_POLICY = 'ltc-kit';

interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string): unknown };
}

/** The region data of address fields (src/regions.ts), loaded by src/elements/load-regions.ts. */
export const REGIONS_SCRIPT = 'ltc-kit-regions.js';

/** The files the policy lets through: a dist path, or `[dist path, source path]` (assetUrl). */
const allowed: Array<string | readonly [string, string]> = [];
let policy: { createScriptURL(url: string): unknown } | undefined;

/**
 * Lets `trustedScriptUrl` pass the URLs of these files beside ltc-kit's script: a dist path
 * (`ltc-kit-designer.js`), or a dist and a source path for a file the sources load as a module
 * (`['ltc-kit-import-worker.js', 'src/workers/import-worker.ts']`), as `assetUrl` takes them.
 */
export function allowScript(...files: Array<string | readonly [string, string]>): void {
  allowed.push(...files);
}

function isAllowed(url: string): boolean {
  return allowed.some((file) => url === (typeof file === 'string' ? assetUrl(file) : assetUrl(file[0], file[1])));
}

/**
 * A script URL as the page's policy wants it: a TrustedScriptURL where Trusted Types exist
 * (the policy refuses every URL but the allowed files'), else the plain string. For
 * `script.src` and `new Worker(…)`.
 */
export function trustedScriptUrl(url: string): string {
  const trustedTypes = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  if (!trustedTypes) return url;
  // A policy name may be created once per page; keep it for later loads.
  policy ??= trustedTypes.createPolicy(TRUSTED_TYPES_POLICY, {
    createScriptURL(candidate: string) {
      if (!isAllowed(candidate)) throw new TypeError(`ltc-kit: refusing to load script ${candidate}`);
      return candidate;
    },
  });
  return policy.createScriptURL(url) as string;
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
