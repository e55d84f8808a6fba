/** The customer-ltv template (fetched and validated once per test file) and an app opened from it. */
import { validateTemplate } from '../../src/core/templates/index.js';
import type { AppDef, TemplateDef } from '../../src/core/schema/types.js';
import { MemoryStore } from '../../src/store/index.js';
import { ensureApp } from '../../src/runtime/open-app.js';
import { DerivedValues } from '../../src/runtime/derived.js';
import { registerPredictionFieldTypes } from '../../src/core/lifecycle/predict-fields.js';
import { registerExtraFieldTypes } from '../../src/core/fields/extra-types.js';
import { registerLinesFilesAddressTypes } from '../../src/core/fields/lines-files-address.js';

// The template has prediction and RFM fields: the validators know them once registered, as the
// designer script (which carries the validators) registers them in the product.
registerPredictionFieldTypes();
// Its order lines (a sub-table) too, and the other types added since the first fifteen.
registerExtraFieldTypes();
registerLinesFilesAddressTypes();

let loading: Promise<TemplateDef> | undefined;

/** The validated templates/customer-ltv.json; every caller gets its own copy. */
export async function customerLtvTemplate(): Promise<TemplateDef> {
  loading ??= fetch('/templates/customer-ltv.json')
    .then((response) => {
      if (!response.ok) throw new Error(`GET /templates/customer-ltv.json: HTTP ${response.status}`);
      return response.json() as Promise<unknown>;
    })
    .then((json) => {
      const result = validateTemplate(json);
      if (!result.ok) throw new Error(`customer-ltv.json is invalid: ${JSON.stringify(result.errors.slice(0, 3))}`);
      return result.template;
    });
  return structuredClone(await loading);
}

/** The customer-ltv app cloned into a fresh MemoryStore, with its derived values loaded. */
export async function openCustomerLtv(appId: string): Promise<{ store: MemoryStore; app: AppDef; derived: DerivedValues }> {
  const store = new MemoryStore();
  const template = await customerLtvTemplate();
  const { app } = await ensureApp(store, { appId, loadTemplate: async () => template });
  const derived = new DerivedValues(store, app);
  await derived.load();
  return { store, app, derived };
}
