/**
 * The function reference texts (parameter names and one-line descriptions in both
 * languages) shown in the formula editor's side panel. They are fetched from beside the
 * script on first use rather than bundled: only people editing formulas need them, and
 * they would otherwise be a twentieth of the script's weight. Until they arrive (or if they
 * cannot be fetched) the panel shows signatures built from the function table.
 */
import type { FunctionDoc } from '../i18n/formula-ui.js';
import { assetUrl } from '../runtime/assets.js';

export type FunctionDocs = Readonly<Record<string, FunctionDoc>>;

let loading: Promise<FunctionDocs> | undefined;

/** Fetch the reference texts once per page; resolves to `{}` when they cannot be loaded. */
export function loadFunctionDocs(): Promise<FunctionDocs> {
  loading ??= fetch(assetUrl('i18n/function-docs.json', 'src/i18n/function-docs.json'))
    .then((response) => (response.ok ? (response.json() as Promise<unknown>) : {}))
    .then((json) => (json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as FunctionDocs) : {}))
    .catch(() => ({}));
  return loading;
}
