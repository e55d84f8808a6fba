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
