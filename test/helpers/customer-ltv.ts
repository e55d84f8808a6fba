/** The customer-ltv template, fetched and validated once per test file. */
import { validateTemplate } from '../../src/core/templates/index.js';
import type { TemplateDef } from '../../src/core/schema/types.js';

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
