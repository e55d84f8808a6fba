/**
 * Number formats for TEXT(value, format) and decimal-correct rounding shared with ROUND.
 *
 * Supported format codes (a practical subset of Excel's): `0` `#` `?` digit placeholders,
 * `.` and `,` (thousands), `%`, `E+00` scientific, up to three `;` sections
 * (positive;negative;zero), literal text in quotes or after `\`, other characters such as
 * ¥ $ - / : 年 月 日 kept as they are, `General` and `@`; date/time codes `yyyy yy m mm mmm
 * mmmm d dd ddd dddd h hh m mm (minutes after h or before s) s ss AM/PM`, plus `aaa`/`aaaa`
 * for the Chinese weekday (一 / 星期一). Bracket codes as Excel reads them: colours (`[Red]`,
 * `[Color 10]`) are ignored, as in Excel's TEXT, which returns text, not a colour;
 * conditions (`[>100]`, `[<=0]`) choose the section; `[$¥-804]` writes its currency symbol;
 * `[h]` `[m]` `[s]` are elapsed time. A fourth section formats text (`@` is the text).
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
  /**
   * 'lit' literal text, 'code' a run of one date code letter, 'num' a number pattern,
   * 'cond' a section condition (`text` is the operator, `value` the bound), 'text' the `@`
   * of a text section, 'bad' a bracket code Excel would refuse.
   */
  kind: 'lit' | 'code' | 'num' | 'cond' | 'text' | 'bad';
  text: string;
  value?: number;
}

const COLOUR = /^(black|blue|cyan|green|magenta|red|white|yellow|colou?r\s*\d{1,2})$/i;
const CONDITION = /^(<=|>=|<>|<|>|=)\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)$/i;
const CURRENCY = /^\$([^-]*)(?:-[0-9a-f]+)?$/i;
const ELAPSED = /^(h+|m+|s+)$/i;

/** One `[…]` code (the text between the brackets) as a part; colours become nothing. */
function bracket(content: string): Part | undefined {
  if (COLOUR.test(content.trim())) return undefined;
  const c = CONDITION.exec(content.trim());
  if (c) return { kind: 'cond', text: c[1]!, value: Number(c[2]) };
  const money = CURRENCY.exec(content);
  if (money) return { kind: 'lit', text: money[1]! };
  if (ELAPSED.test(content)) return { kind: 'code', text: `[${content.toLowerCase()}]` };
  return { kind: 'bad', text: content };
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
    if (c === '[') {
      const close = section.indexOf(']', i + 1);
      if (close > i) {
        const part = bracket(section.slice(i + 1, close));
        if (part) parts.push(part);
        i = close + 1;
        continue;
      }
    }
    if (c === '@') {
      parts.push({ kind: 'text', text: '@' });
      i++;
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

/**
 * `x.toFixed(decimals)` without the exponent form JavaScript uses from 1e21 up: Excel writes
 * every digit (15 significant ones, then zeros), so TEXT(1e308, "#,##0.00") is 1 and 308 zeros.
 */
function fixedText(x: number, decimals: number): string {
  if (x < 1e21) return x.toFixed(decimals);
  const [mantissa, exponent] = x.toPrecision(15).split('e+') as [string, string];
  const digits = mantissa.replace('.', '');
  const whole = digits.padEnd(Number(exponent) + 1, '0');
  return decimals > 0 ? `${whole}.${'0'.repeat(decimals)}` : whole;
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
  const fixed = fixedText(rounded, maxDec);
  let [intDigits, decDigits = ''] = fixed.split('.') as [string, string?];
  if (intDigits === '0' && minInt === 0) intDigits = '';
  intDigits = intDigits.padStart(minInt, '0');
  if (intPattern.includes(',')) intDigits = groupThousands(intDigits);
  while (decDigits.length > minDec && decDigits.endsWith('0')) decDigits = decDigits.slice(0, -1);
  return dot < 0 ? intDigits : `${intDigits}.${decDigits}`;
}

function formatDate(serial: number, parts: Part[]): string {
  const totalSeconds = Math.round((serial - Math.floor(serial)) * 86400);
  const totalSecondsAll = Math.round(serial * 86400);
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
    if (p.text[0] === '[') {
      // Elapsed time: [h] is hours since serial 0 (so 1.5 days is 36), [m] minutes, [s] seconds.
      const unit = p.text[1];
      const total = unit === 'h' ? Math.floor(totalSecondsAll / 3600) : unit === 'm' ? Math.floor(totalSecondsAll / 60) : totalSecondsAll;
      out += String(total).padStart(len - 2, '0');
      continue;
    }
    switch (p.text[0]) {
      case 'y':
        out += len <= 2 ? String(y % 100).padStart(2, '0') : String(y).padStart(4, '0');
        break;
      case 'm': {
        // "m" means minutes right after an hour code or right before a seconds code.
        const prev = parts.slice(0, i).reverse().find((q) => q.kind === 'code');
        const next = parts.slice(i + 1).find((q) => q.kind === 'code');
        const isMinute = len <= 2 && (/^\[?h/.test(prev?.text ?? '') || /^\[?s/.test(next?.text ?? ''));
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

/** True when `x` meets a section condition such as `[>100]`. */
function meets(x: number, cond: Part): boolean {
  const v = cond.value!;
  switch (cond.text) {
    case '<':
      return x < v;
    case '<=':
      return x <= v;
    case '>':
      return x > v;
    case '>=':
      return x >= v;
    case '=':
      return x === v;
    default:
      return x !== v;
  }
}

/**
 * The section that formats `x`, and whether the minus sign is dropped. Without conditions:
 * positive;negative;zero (the negative section writes its own sign, if any). With
 * conditions (`[>100]0;[<0]0;0`), the first section whose condition holds, else the next
 * unconditional one; as without conditions, the second section writes no minus sign of its own.
 */
function chooseSection(x: number, sections: Part[][]): { parts: Part[]; unsigned: boolean } {
  const numeric = sections.slice(0, 3);
  const conditional = numeric.some((p) => p.some((q) => q.kind === 'cond'));
  if (conditional) {
    for (let i = 0; i < numeric.length; i++) {
      const cond = numeric[i]!.find((q) => q.kind === 'cond');
      // Excel gives a two-section format with one condition "else" as the second section.
      if (!cond || meets(x, cond)) return { parts: numeric[i]!, unsigned: i === 1 };
    }
    return { parts: numeric[numeric.length - 1]!, unsigned: false };
  }
  if (x < 0 && numeric.length >= 2) return { parts: numeric[1]!, unsigned: true };
  if (x === 0 && numeric.length >= 3) return { parts: numeric[2]!, unsigned: false };
  return { parts: numeric[0]!, unsigned: false };
}

/** Writes a text value through a text section: `@` is the text, the rest is literal. */
function formatTextSection(text: string, parts: Part[]): string {
  let out = '';
  for (const p of parts) out += p.kind === 'text' ? text : p.kind === 'lit' || p.kind === 'num' ? p.text : p.kind === 'code' ? p.text : '';
  return out;
}

/**
 * TEXT(value, format). `value` is a number (dates are serials) or text; text that is not a
 * number is returned unchanged, as in Excel, or through the fourth section (`@`) if there is one.
 */
export function formatText(value: number | string, format: string): string | CellError {
  const sections = splitSections(format).map(lex);
  const bad = sections.flat().find((p) => p.kind === 'bad');
  if (bad) return err('#VALUE!', 'badFormat', { value: format });
  let x: number;
  if (typeof value === 'string') {
    const n = parseNumberText(value) ?? parseDateText(value);
    if (n === undefined) {
      const textSection = sections.length >= 4 ? sections[3]! : sections.find((p) => p.some((q) => q.kind === 'text'));
      return textSection ? formatTextSection(value, textSection) : value;
    }
    x = n;
  } else {
    x = value;
  }
  if (/^\s*general\s*$/i.test(format)) return numberToText(x);
  if (format === '@') return numberToText(x);
  const { parts, unsigned } = chooseSection(x, sections);
  if (isDateFormat(parts)) {
    if (x < 0) return err('#VALUE!', 'badFormat', { value: format });
    return formatDate(x, parts);
  }
  const percents = parts.filter((p) => p.kind === 'lit' && p.text === '%').length;
  let abs = Math.abs(x) * 100 ** percents;
  abs = round15(abs);
  if (!Number.isFinite(abs)) return err('#NUM!', 'numOverflow');
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
    } else if (p.kind === 'lit' || p.kind === 'text') {
      out += p.text;
    }
  }
  if (numParts.length === 0) return out;
  const isZero = !/[1-9]/.test(rendered);
  if (x < 0 && !unsigned && !isZero) out = `-${out}`;
  return out;
}
