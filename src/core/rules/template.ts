/**
 * Payload templates of rule actions (a webhook's JSON body, the detail of `ltc-rule-fired`,
 * a notification's text): plain JSON in which strings may hold `{字段名}` placeholders.
 *
 * - A string that is exactly one placeholder becomes the value itself (a number stays a
 *   number, a multiselect an array, a blank `null`), so `{"amount": "{累计消费}"}` sends
 *   `{"amount": 1234.5}`.
 * - Placeholders inside longer text are replaced by the value's text (`lookup` decides how a
 *   value reads: choices by label, dates as `YYYY-MM-DD`); `{{` and `}}` write literal braces.
 * - Unknown names are reported (`missing`), never guessed, and nothing is evaluated: a
 *   template is data, safe to take from an imported app.
 *
 * Output is bounded (depth, keys, text length), so a hostile template cannot build a huge
 * payload.
 */
import type { CellValue } from '../schema/types.js';

export interface TemplateLookup {
  /** The value of a field by its name, or undefined when there is no such field. */
  value(name: string): CellValue | undefined;
  /** How a value reads inside text. Default: numbers and text as is, arrays joined with `, `. */
  text?(name: string, value: CellValue): string;
}

export interface FilledTemplate {
  result: unknown;
  /** Placeholder names no field answered, in order of first use. */
  missing: string[];
}

/** Largest payload text built from a template, in characters. */
export const MAX_TEMPLATE_TEXT = 100_000;
const MAX_DEPTH = 20;
const MAX_KEYS = 1_000;

const WHOLE = /^\{([^{}]+)\}$/;
const PART = /\{\{|\}\}|\{([^{}]+)\}/g;

export class TemplateError extends Error {
  readonly code = 'rule.template';
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

function defaultText(value: CellValue): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/**
 * Fills a template for one record.
 * @throws TemplateError when the template is too deep, too wide or its text too long.
 */
export function fillTemplate(template: unknown, lookup: TemplateLookup): FilledTemplate {
  const missing: string[] = [];
  let budget = MAX_TEMPLATE_TEXT;
  let keys = 0;
  const note = (name: string) => {
    if (!missing.includes(name)) missing.push(name);
  };
  const spend = (text: string) => {
    budget -= text.length;
    if (budget < 0) throw new TemplateError(`the payload is longer than ${MAX_TEMPLATE_TEXT} characters`);
    return text;
  };
  const fillString = (text: string): unknown => {
    const whole = WHOLE.exec(text);
    if (whole) {
      const name = whole[1]!.trim();
      const value = lookup.value(name);
      if (value === undefined) {
        note(name);
        return null;
      }
      if (typeof value === 'string') spend(value);
      return value;
    }
    return spend(
      text.replace(PART, (match, name: string | undefined) => {
        if (match === '{{') return '{';
        if (match === '}}') return '}';
        const key = name!.trim();
        const value = lookup.value(key);
        if (value === undefined) {
          note(key);
          return '';
        }
        return lookup.text ? lookup.text(key, value) : defaultText(value);
      }),
    );
  };
  const fill = (node: unknown, depth: number): unknown => {
    if (depth > MAX_DEPTH) throw new TemplateError(`the payload nests deeper than ${MAX_DEPTH} levels`);
    if (typeof node === 'string') return fillString(node);
    if (Array.isArray(node)) {
      keys += node.length;
      if (keys > MAX_KEYS) throw new TemplateError(`the payload has more than ${MAX_KEYS} entries`);
      return node.map((item) => fill(item, depth + 1));
    }
    if (node !== null && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(node)) {
        if (++keys > MAX_KEYS) throw new TemplateError(`the payload has more than ${MAX_KEYS} entries`);
        // Own data properties only: a key named __proto__ stays a plain key.
        Object.defineProperty(out, key, { value: fill(value, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return node;
  };
  return { result: fill(template, 0), missing };
}

/** The placeholder names a template uses (for validation: each must name a field). */
export function templatePlaceholders(template: unknown): string[] {
  const names: string[] = [];
  const visit = (node: unknown, depth: number) => {
    if (depth > MAX_DEPTH) return;
    if (typeof node === 'string') {
      for (const match of node.matchAll(PART)) {
        const name = match[1]?.trim();
        if (name && !names.includes(name)) names.push(name);
      }
    } else if (Array.isArray(node)) node.forEach((item) => visit(item, depth + 1));
    else if (node !== null && typeof node === 'object') Object.values(node).forEach((value) => visit(value, depth + 1));
  };
  visit(template, 0);
  return names;
}
