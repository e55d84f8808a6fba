/**
 * Reading untrusted files: template and export validation (the schema validators, their
 * messages about structure, JSON syntax errors with positions). Needed only when a template is
 * cloned for the first time or a file is imported, so the script-tag bundle does not carry it:
 * it ships inside the designer script (src/designer.ts) and `loadValidation()`
 * (src/elements/load-designer.ts) loads it on demand. The ES build and `ltc-kit/core` export
 * the same functions directly.
 */
export { validateTemplate, validateApp, validateExport, describeIssue } from './core/schema/validate.js';
export { parseExport, parseJsonText } from './core/schema/export.js';
export { parseTemplate } from './core/templates/parse.js';

// The validators check prediction and RFM fields against their complete types (options schemas).
import { registerPredictionFieldTypes } from './core/lifecycle/predict-fields.js';
registerPredictionFieldTypes();
// … and every other type added since the first fifteen (their facts), whoever loads the validators.
import { registerExtraFieldTypes } from './core/fields/extra-types.js';
import { registerLinesFilesAddressTypes } from './core/fields/lines-files-address.js';
registerExtraFieldTypes();
registerLinesFilesAddressTypes();

/** What `loadValidation()` resolves to. */
export type ValidationModule = typeof import('./validation.js');
