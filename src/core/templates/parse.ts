/**
 * Reading a template file's text: JSON syntax errors with their position, then full
 * validation. The counterpart of `parseExport` for templates.
 */
import { parseJsonText } from '../schema/export.js';
import { validateTemplate, type TemplateValidationResult, type ValidateOptions } from '../schema/validate.js';
import type { Locale } from '../schema/types.js';

/**
 * Parse and validate a template file. Never throws.
 * @param locale language of the messages (default `en`).
 * @param options further validation options, e.g. `knownFieldTypes`.
 */
export function parseTemplate(text: string, locale: Locale = 'en', options: Omit<ValidateOptions, 'locale'> = {}): TemplateValidationResult {
  const parsed = parseJsonText(text, locale);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, warnings: [] };
  return validateTemplate(parsed.json, { ...options, locale });
}
