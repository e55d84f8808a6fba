/**
 * Tokenizer of the formula language. Offsets are UTF-16 indexes into the source as typed,
 * so error ranges and reference rewriting address the user's own text.
 *
 * Full-width punctuation typed with a Chinese IME is read as its ASCII twin, one character
 * for one, so offsets never shift: ，（）｛｝＋－＊／＾％＆＝＜＞, and × ÷ for * /.
 * Text may be quoted "…" (a doubled "" is a quote inside) or “…”.
 */
import { formulaError } from './errors.js';
import type { Locale } from '../schema/types.js';

export type TokenKind = 'number' | 'string' | 'field' | 'ident' | 'op' | '(' | ')' | ',' | 'eof';

/** One token; `start`/`end` are offsets into the source (end exclusive). */
export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** number: its value; string: the unquoted text; ident/op: the (normalised) text. */
  value: string | number;
  /** field: the reference's name, split at dots (a relation path such as 订单.金额). */
  segments?: string[];
}

const FULL_WIDTH: Record<string, string> = {
  '，': ',',
  '（': '(',
  '）': ')',
  '｛': '{',
  '｝': '}',
  '＋': '+',
  '－': '-',
  '＊': '*',
  '×': '*',
  '／': '/',
  '÷': '/',
  '＾': '^',
  '％': '%',
  '＆': '&',
  '＝': '=',
  '＜': '<',
  '＞': '>',
};

/** The ASCII twin of a character typed with a Chinese IME, or the character itself. */
export function normalizeChar(c: string): string {
  return FULL_WIDTH[c] ?? c;
}

const IDENT_START = /[\p{L}_]/u;
const IDENT_PART = /[\p{L}\p{N}_.]/u;
const WHITESPACE = /\s/;

/**
 * Splits source text into tokens. Throws FormulaError (`formula.syntax`) for an unclosed
 * string or field reference and for characters that belong nowhere.
 */
export function tokenize(source: string, locale: Locale = 'en'): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = source.length;
  // A leading "=" as in a spreadsheet cell is accepted and ignored.
  while (i < n && WHITESPACE.test(source[i]!)) i++;
  if (i < n && normalizeChar(source[i]!) === '=') i++;

  while (i < n) {
    const raw = source[i]!;
    const c = normalizeChar(raw);
    if (WHITESPACE.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if ((c >= '0' && c <= '9') || (c === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const m = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(source.slice(i))!;
      i += m[0].length;
      const value = Number(m[0]);
      if (!Number.isFinite(value)) {
        throw formulaError('formula.syntax', 'formula.syntax', { token: `"${m[0]}"` }, start, i, locale);
      }
      tokens.push({ kind: 'number', start, end: i, value });
      continue;
    }
    if (c === '"' || c === '“' || c === '”') {
      const close = c === '"' ? '"' : '”';
      let text = '';
      i++;
      for (;;) {
        if (i >= n) throw formulaError('formula.syntax', 'formula.syntax.unclosedString', {}, start, n, locale);
        const ch = source[i]!;
        if (ch === close) {
          if (close === '"' && source[i + 1] === '"') {
            text += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += ch;
        i++;
      }
      tokens.push({ kind: 'string', start, end: i, value: text });
      continue;
    }
    if (c === '{') {
      i++;
      const segments: string[] = [''];
      for (;;) {
        if (i >= n) throw formulaError('formula.syntax', 'formula.syntax.unclosedField', {}, start, n, locale);
        const ch = source[i]!;
        if (ch === '\\' && i + 1 < n) {
          segments[segments.length - 1] += source[i + 1]!;
          i += 2;
          continue;
        }
        if (normalizeChar(ch) === '}') {
          i++;
          break;
        }
        if (ch === '.') segments.push('');
        else segments[segments.length - 1] += ch;
        i++;
      }
      const whole = segments.join('.');
      if (whole.trim() === '') throw formulaError('formula.syntax', 'formula.syntax.emptyField', {}, start, i, locale);
      tokens.push({ kind: 'field', start, end: i, value: whole, segments });
      continue;
    }
    if (IDENT_START.test(raw)) {
      i++;
      while (i < n && IDENT_PART.test(source[i]!)) i++;
      tokens.push({ kind: 'ident', start, end: i, value: source.slice(start, i) });
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      i++;
      tokens.push({ kind: c, start, end: i, value: c });
      continue;
    }
    if (c === '<' || c === '>') {
      const next = normalizeChar(source[i + 1] ?? '');
      if (next === '=' || (c === '<' && next === '>')) {
        i += 2;
        tokens.push({ kind: 'op', start, end: i, value: c + next });
        continue;
      }
      i++;
      tokens.push({ kind: 'op', start, end: i, value: c });
      continue;
    }
    if ('+-*/^%&='.includes(c)) {
      i++;
      tokens.push({ kind: 'op', start, end: i, value: c });
      continue;
    }
    const ch = String.fromCodePoint(source.codePointAt(i)!);
    throw formulaError('formula.syntax', 'formula.syntax.char', { char: ch }, start, start + ch.length, locale);
  }
  tokens.push({ kind: 'eof', start: n, end: n, value: '' });
  return tokens;
}
