/**
 * Export files: the whole app — definition and every record — as one JSON document, and
 * reading such a document back.
 *
 * `buildExport` is the writer (trusted input from the store); `parseExport` is the reader
 * (untrusted text from a file the user picked): JSON syntax errors are reported with line,
 * column and offset, and the parsed data goes through `validateExport`, so an import either
 * yields a fully typed `AppExport` or a list of every problem, and never half of one.
 */
import { findJsonSyntaxError } from './json-syntax.js';
import { jsonSyntaxDetail, schemaIssueMessage as issueMessage } from './messages-structure.js';
import type { SchemaIssue, ValidateOptions } from './validate.js';
import { validateExport } from './validate.js';
import type { AppExport, Locale, ValidationResult } from './types.js';

export { buildExport } from './build-export.js';

/**
 * Read an export file's text. A leading byte-order mark is ignored (spreadsheet tools add one).
 * @param locale language of the messages (default `en`).
 * @param options further validation options, e.g. `knownFieldTypes` for apps that use a
 *   site owner's field types.
 */
export function parseExport(
  text: string,
  locale: Locale = 'en',
  options: Omit<ValidateOptions, 'locale'> = {},
): ValidationResult<AppExport> {
  const parsed = parseJsonText(text, locale);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, warnings: [] };
  return validateExport(parsed.json, { ...options, locale });
}

/**
 * `JSON.parse` for files a user picked: never throws; a syntax error becomes one
 * `json.syntax` issue with its line, column and offset. A leading byte-order mark is ignored.
 */
export function parseJsonText(text: string, locale: Locale = 'en'): { ok: true; json: unknown } | { ok: false; errors: SchemaIssue[] } {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    const json: unknown = JSON.parse(source);
    return { ok: true, json };
  } catch {
    return { ok: false, errors: [jsonSyntaxIssue(source, locale)] };
  }
}

/** The issue for text that JSON.parse refused, located by our own scanner. */
function jsonSyntaxIssue(text: string, locale: Locale): SchemaIssue {
  const found = findJsonSyntaxError(text);
  // No syntax error found means the engine gave up for another reason (nesting too deep for
  // its stack, out of memory): still an unreadable file, reported at its end.
  const position = found ? { offset: found.offset, line: found.line, column: found.column } : endOf(text);
  const detail = found ? jsonSyntaxDetail(found.reason, found.found, locale) : jsonSyntaxDetail('unreadable', undefined, locale);
  return {
    path: '',
    code: 'json.syntax',
    severity: 'error',
    message: issueMessage('json.syntax', { ...position, detail }, locale),
    position,
  };
}

function endOf(text: string): { line: number; column: number; offset: number } {
  const lastBreak = text.lastIndexOf('\n');
  let line = 1;
  for (let n = text.indexOf('\n'); n !== -1; n = text.indexOf('\n', n + 1)) line += 1;
  return { line, column: text.length - lastBreak, offset: text.length };
}
