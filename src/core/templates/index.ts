/**
 * Templates: validating a template file, cloning it into a new app, and the export files an
 * app is saved to and restored from. One import point for the runtime and elements.
 */
export { cloneTemplate, isSampleRecordId, SAMPLE_ID_PREFIX } from './clone.js';
export type { ClonedApp, ClonedRecord, CloneTemplateOptions } from './clone.js';
export { validateTemplate, validateApp, validateExport, describeIssue } from '../schema/validate.js';
export type { SchemaIssue, TemplateValidationResult, ValidateOptions } from '../schema/validate.js';
export { parseTemplate } from './parse.js';
export { buildExport, parseExport, parseJsonText } from '../schema/export.js';
export { createId } from '../ids.js';
// Templates and exports may hold prediction and RFM fields: the validators know them once
// their types are registered (the designer script registers them too; they stay out of the
// script-tag bundle, which never validates).
import { registerPredictionFieldTypes } from '../lifecycle/predict-fields.js';
registerPredictionFieldTypes();
