/**
 * Number formats for TEXT(value, format) and decimal-correct rounding shared with ROUND.
 *
 * Supported format codes (a practical subset of Excel's): `0` `#` `?` digit placeholders,
 * `.` and `,` (thousands), `%`, `E+00` scientific, up to three `;` sections
 * (positive;negative;zero), literal text in quotes or after `\`, other characters such as
 * ¥ $ - / : 年 月 日 kept as they are, `General` and `@`; date/time codes `yyyy yy m mm mmm
 * mmmm d dd ddd dddd h hh m mm (minutes after h or before s) s ss AM/PM`, plus `aaa`/`aaaa`
 * for the Chinese weekday (一 / 星期一).
 */
import { CellError, civilFromSerial, err, numberToText, parseNumberText, parseDateText, round15 } from './values.js';

/** Moves the decimal point by `e` places exactly, using the number's shortest decimal form. */
function shift(x: number, e: number): number {
  const s = String(x);
  const i = s.indexOf('e');
  const mantissa = i < 0 ? s : s.slice(0, i);
  const exp = i < 0 ? 0 : Number(s.slice(i + 1));
  return Number(`${mantissa}e${exp + e}`);
}

/**
 * Rounds to `digits` decimal places the way Excel does, on the decimal value shown (15
 * significant digits), not on the binary float: 2.675 → 2.68 and -2.5 → -3 (half away from
 * zero). `mode` 'up' rounds away from zero (ROUNDUP), 'down' toward zero (ROUNDDOWN).
 */
export function roundDecimal(x: number, digits: number, mode: 'half' | 'up' | 'down' = 'half'): number {
  if (!Number.isFinite(x) || x === 0) return x === 0 ? 0 : x;
  const d = Math.trunc(Math.max(-400, Math.min(400, digits)));
  const v = round15(Math.abs(x));
  const s = shift(v, d);
  if (!Number.isFinite(s)) return x;
  // Beyond 2^52 every double is an integer: nothing left to round at this scale.
  if (s >= 2 ** 52) return x;
  const r = mode === 'half' ? Math.round(s) : mode === 'up' ? Math.ceil(s) : Math.floor(s);
  const out = r === 0 ? 0 : shift(r, -d);
  return x < 0 ? -out : out;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const ZH_DAYS = ['日', '一', '二', '三', '四', '五', '六'];

interface Part {
  /** 'lit' literal text, otherwise a run of one code letter or a number pattern. */
  kind: 'lit' | 'code' | 'num';
  text: string;
}

/** Splits one format section into literals, date codes and the number pattern. */
function lex(section: string): Part[] {
  const parts: Part[] = [];
  let i = 0;
  while (i < section.length) {
    const c = section[i]!;
    if (c === '"') {
      const close = section.indexOf('"', i + 1);
      const end = close < 0 ? section.length : close;
      parts.push({ kind: 'lit', text: section.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if (c === '\\' && i + 1 < section.length) {
      parts.push({ kind: 'lit', text: section[i + 1]! });
      i += 2;
      continue;
    }
    if (/^(am\/pm|a\/p)/i.test(section.slice(i))) {
      const m = /^(am\/pm|a\/p)/i.exec(section.slice(i))!;
      parts.push({ kind: 'code', text: m[0].toLowerCase() });
      i += m[0].length;
      continue;
    }
    const lower = c.toLowerCase();
    if ('ymdhsa'.includes(lower)) {
      let j = i;
      while (j < section.length && section[j]!.toLowerCase() === lower) j++;
      parts.push({ kind: 'code', text: section.slice(i, j).toLowerCase() });
      i = j;
      continue;
    }
    if ('0#?'.includes(c) || (c === '.' && /[0#?]/.test(section[i + 1] ?? ''))) {
      let j = i;
      while (j < section.length) {
        const ch = section[j]!;
        if ('0#?.,'.includes(ch)) j++;
        else if ((ch === 'E' || ch === 'e') && /^[eE][+-][0#]/.test(section.slice(j))) {
          j += 2;
          while (j < section.length && '0#'.includes(section[j]!)) j++;
        } else break;
      }
      parts.push({ kind: 'num', text: section.slice(i, j) });
      i = j;
      continue;
    }
    parts.push({ kind: 'lit', text: c });
    i++;
  }
  return parts;
}

function splitSections(format: string): string[] {
  const sections: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === '"') quoted = !quoted;
    if (c === '\\' && i + 1 < format.length) {
      current += c + format[i + 1]!;
      i++;
      continue;
    }
    if (c === ';' && !quoted) {
      sections.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  sections.push(current);
  return sections;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Formats a non-negative number with one digit pattern such as `#,##0.00`. */
function formatDigits(x: number, pattern: string): string {
  const expAt = pattern.search(/[eE][+-]/);
  if (expAt >= 0) {
    const mantissaPattern = pattern.slice(0, expAt);
    const expDigits = (pattern.slice(expAt + 2).match(/0/g) ?? []).length;
    let exponent = x === 0 ? 0 : Math.floor(Math.log10(x));
    const decimals = (mantissaPattern.split('.')[1] ?? '').length;
    let mantissa = roundDecimal(x / 10 ** exponent, decimals);
    if (mantissa >= 10) {
      exponent += 1;
      mantissa = roundDecimal(x / 10 ** exponent, decimals);
    }
    const sign = exponent < 0 ? '-' : pattern[expAt + 1] === '+' ? '+' : '';
    return `${formatDigits(mantissa, mantissaPattern)}E${sign}${String(Math.abs(exponent)).padStart(expDigits, '0')}`;
  }
  const dot = pattern.indexOf('.');
  const intPattern = dot < 0 ? pattern : pattern.slice(0, dot);
  const decPattern = dot < 0 ? '' : pattern.slice(dot + 1).replace(/,/g, '');
  const maxDec = (decPattern.match(/[0#?]/g) ?? []).length;
  const minDec = (decPattern.match(/0/g) ?? []).length;
  const minInt = (intPattern.match(/0/g) ?? []).length;
  const rounded = roundDecimal(x, maxDec);
  const fixed = rounded.toFixed(maxDec);
  let [intDigits, decDigits = ''] = fixed.split('.') as [string, string?];
  if (intDigits === '0' && minInt === 0) intDigits = '';
  intDigits = intDigits.padStart(minInt, '0');
  if (intPattern.includes(',')) intDigits = groupThousands(intDigits);
  while (decDigits.length > minDec && decDigits.endsWith('0')) decDigits = decDigits.slice(0, -1);
  return dot < 0 ? intDigits : `${intDigits}.${decDigits}`;
}

function formatDate(serial: number, parts: Part[]): string {
  const totalSeconds = Math.round((serial - Math.floor(serial)) * 86400);
  const day = Math.floor(serial) + (totalSeconds >= 86400 ? 1 : 0);
  const secs = totalSeconds % 86400;
  const { y, m, d } = civilFromSerial(day);
  const dow = (((day - 25569 + 4) % 7) + 7) % 7;
  const hour = Math.floor(secs / 3600);
  const minute = Math.floor(secs / 60) % 60;
  const second = secs % 60;
  const twelveHour = parts.some((p) => p.kind === 'code' && (p.text === 'am/pm' || p.text === 'a/p'));
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.kind !== 'code') {
      out += p.text;
      continue;
    }
    const len = p.text.length;
    switch (p.text[0]) {
      case 'y':
        out += len <= 2 ? String(y % 100).padStart(2, '0') : String(y).padStart(4, '0');
        break;
      case 'm': {
        // "m" means minutes right after an hour code or right before a seconds code.
        const prev = parts.slice(0, i).reverse().find((q) => q.kind === 'code');
        const next = parts.slice(i + 1).find((q) => q.kind === 'code');
        const isMinute = len <= 2 && (prev?.text[0] === 'h' || next?.text[0] === 's');
        if (isMinute) out += len === 2 ? String(minute).padStart(2, '0') : String(minute);
        else if (len === 1) out += String(m);
        else if (len === 2) out += String(m).padStart(2, '0');
        else if (len === 3) out += MONTHS[m - 1]!.slice(0, 3);
        else if (len === 4) out += MONTHS[m - 1]!;
        else out += MONTHS[m - 1]![0]!;
        break;
      }
      case 'd':
        if (len === 1) out += String(d);
        else if (len === 2) out += String(d).padStart(2, '0');
        else if (len === 3) out += DAYS[dow]!.slice(0, 3);
        else out += DAYS[dow]!;
        break;
      case 'h': {
        const h = twelveHour ? ((hour + 11) % 12) + 1 : hour;
        out += len >= 2 ? String(h).padStart(2, '0') : String(h);
        break;
      }
      case 's':
        out += len >= 2 ? String(second).padStart(2, '0') : String(second);
        break;
      case 'a':
        if (p.text === 'am/pm') out += hour < 12 ? 'AM' : 'PM';
        else if (p.text === 'a/p') out += hour < 12 ? 'A' : 'P';
        else if (len === 3) out += ZH_DAYS[dow]!;
        else if (len >= 4) out += `星期${ZH_DAYS[dow]!}`;
        else out += p.text;
        break;
      default:
        out += p.text;
    }
  }
  return out;
}

function isDateFormat(parts: Part[]): boolean {
  return parts.some((p) => p.kind === 'code' && p.text !== 'a' && p.text !== 'aa');
}

/**
 * TEXT(value, format). `value` is a number (dates are serials) or text; text that is not a
 * number is returned unchanged, as in Excel.
 */
export function formatText(value: number | string, format: string): string | CellError {
  let x: number;
  if (typeof value === 'string') {
    const n = parseNumberText(value) ?? parseDateText(value);
    if (n === undefined) return value;
    x = n;
  } else {
    x = value;
  }
  if (/^\s*general\s*$/i.test(format)) return numberToText(x);
  if (format === '@') return numberToText(x);
  const sections = splitSections(format);
  let section = sections[0]!;
  let negativeSection = false;
  if (x < 0 && sections.length >= 2 && sections[1] !== undefined) {
    section = sections[1];
    negativeSection = true;
  } else if (x === 0 && sections.length >= 3 && sections[2] !== undefined) {
    section = sections[2];
  }
  const parts = lex(section);
  if (isDateFormat(parts)) {
    if (x < 0) return err('#VALUE!', 'badFormat', { value: format });
    return formatDate(x, parts);
  }
  const percents = parts.filter((p) => p.kind === 'lit' && p.text === '%').length;
  let abs = Math.abs(x) * 100 ** percents;
  abs = round15(abs);
  const numParts = parts.filter((p) => p.kind === 'num');
  let out = '';
  let rendered = '';
  let wroteNumber = false;
  for (const p of parts) {
    if (p.kind === 'num') {
      // Only the first digit pattern takes the number; Excel treats extra ones as literals.
      if (wroteNumber) {
        out += p.text;
        continue;
      }
      rendered = formatDigits(abs, p.text);
      out += rendered;
      wroteNumber = true;
    } else {
      out += p.text;
    }
  }
  if (numParts.length === 0) return out;
  const isZero = !/[1-9]/.test(rendered);
  if (x < 0 && !negativeSection && !isZero) out = `-${out}`;
  return out;
}
