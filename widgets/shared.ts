/**
 * Helpers shared by the built-in widgets: blank checks, number and date parsing that accept
 * what people type (full-width digits, thousands separators, currency signs, 2024/3/5,
 * 2024年3月5日), and the plain input renderer most widgets use.
 */
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { CellValue } from '../src/core/schema/types.js';
import type { CoerceResult, InputContext, WidgetIssue } from './types.js';

/** Blank = null, undefined, empty/whitespace text or an empty list. */
export function isBlank(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** Full-width digits and punctuation (typed with a Chinese IME) to ASCII. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * Parse a number as people type it: `1,234.5`, `¥ 99`, `１２３`, `-3`, `1e3`.
 * Returns undefined when the text is not a number.
 */
export function parseNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  const text = toHalfWidth(raw)
    .trim()
    .replace(/^[¥￥$€£]\s*/, '')
    .replace(/(\d),(?=\d{3}(\D|$))/g, '$1')
    .replace(/\s+/g, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** Numbers: blank → null, otherwise a finite number or a `field.number` issue. */
export function coerceNumber(raw: unknown): CoerceResult {
  if (isBlank(raw)) return { ok: true, value: null };
  const value = parseNumber(raw);
  return value === undefined ? { ok: false, issue: { key: 'field.number' } } : { ok: true, value };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** True when y-m-d is a real calendar day. */
export function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1 || y > 9999) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Parse a calendar date to `YYYY-MM-DD`: accepts 2024-03-05, 2024/3/5, 2024.3.5,
 * 2024年3月5日 and ISO timestamps (their date part). Undefined when not a real date.
 */
export function parseDate(raw: unknown): string | undefined {
  if (raw instanceof Date) {
    return Number.isNaN(raw.getTime()) ? undefined : `${raw.getFullYear()}-${pad(raw.getMonth() + 1)}-${pad(raw.getDate())}`;
  }
  if (typeof raw !== 'string') return undefined;
  const text = toHalfWidth(raw).trim();
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T\s].*)?$/.exec(text);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isRealDate(y, m, d) ? `${match[1]}-${pad(m)}-${pad(d)}` : undefined;
}

/** Parse a date and time to an ISO 8601 string (local time when no zone is given). */
export function parseDateTime(raw: unknown): string | undefined {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? undefined : raw.toISOString();
  if (typeof raw !== 'string') return undefined;
  const text = toHalfWidth(raw).trim();
  const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const [h, min, s] = [Number(match[4] ?? 0), Number(match[5] ?? 0), Number(match[6] ?? 0)];
  if (!isRealDate(y, m, d) || h > 23 || min > 59 || s > 59) return undefined;
  const zone = match[7];
  const date = zone
    ? new Date(`${match[1]}-${pad(m)}-${pad(d)}T${pad(h)}:${pad(min)}:${pad(s)}${zone === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`)
    : new Date(y, m - 1, d, h, min, s);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Compare for sorting: numbers numerically, text in Chinese collation (pinyin order). */
const collator = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });
export function compareValues(a: CellValue, b: CellValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return collator.compare(Array.isArray(a) ? a.join(',') : String(a), Array.isArray(b) ? b.join(',') : String(b));
}

/** The value shown in a text-like input: stored values, or the raw text a user typed. */
export function inputText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** A native `<input>` wired to the form: label, validity and description come from context. */
export function renderTextInput(
  context: InputContext,
  type: string,
  extra: { inputmode?: string; autocomplete?: string; step?: string; value?: string; suffix?: string } = {},
): TemplateResult {
  const input = html`<input
    part="input"
    id=${context.id}
    name=${context.field.id}
    type=${type}
    inputmode=${ifDefined(extra.inputmode)}
    autocomplete=${ifDefined(extra.autocomplete)}
    step=${ifDefined(extra.step)}
    placeholder=${ifDefined(context.field.options?.placeholder)}
    .value=${extra.value ?? inputText(context.value)}
    ?required=${!!context.field.required}
    aria-required=${context.field.required ? 'true' : 'false'}
    aria-invalid=${context.invalid ? 'true' : 'false'}
    aria-describedby=${ifDefined(context.describedBy)}
    @input=${(event: Event) => context.onInput((event.target as HTMLInputElement).value)}
  />`;
  return extra.suffix ? html`<span class="affix">${input}<span class="suffix" aria-hidden="true">${extra.suffix}</span></span>` : input;
}

/** Checks `min`/`max` options on a number. */
export function checkRange(value: CellValue, min?: number, max?: number): WidgetIssue | null {
  if (typeof value !== 'number') return { key: 'field.number' };
  if (min !== undefined && value < min) return { key: 'field.min', params: { min } };
  if (max !== undefined && value > max) return { key: 'field.max', params: { max } };
  return null;
}
