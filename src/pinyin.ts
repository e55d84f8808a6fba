/**
 * Pinyin matching for quick search (`fgq` → 范国庆, `fanguoqing`, `fanguoq`), the entry of the
 * lazily loaded script dist/ltc-kit-pinyin.js (`window.LtcKitPinyin`); src/elements/load-pinyin.ts
 * loads it only when someone types Latin letters into a search box. pinyin-pro's dictionary is
 * what weighs (docs/dependencies.md), so it never enters the main bundle.
 *
 * Readings come per character, every reading of a polyphone (重 → zhong, chong), cached once
 * per distinct character: pinyin-pro's whole-text conversion picks one reading by context but
 * costs ~25 µs a text (2.5 s for 100,000 names), while a character lookup is a Map read, so
 * nothing per record needs precomputing and the first search is as fast as the next. So
 * 重庆 is found by `cq` and by `zq`, and 银行 by `yh` and `yx`: a search that finds a little
 * more, never one that misses the reading the user had in mind.
 *
 * A query matches when, from some character of the text on, each character consumes a prefix
 * of one of its readings (its initial, `zh`, or the whole syllable; only the last may stop
 * midway), or its own letter for Latin text and digits, until the query is used up.
 */
import { pinyin } from 'pinyin-pro';

/** Readings of one character, lower case without tones; a non-Han character reads as itself. */
type Readings = readonly string[];

/** Readings by UTF-16 code unit (a number key hashes faster than a one-character string). */
const readingsByCode = new Map<number, Readings>();
/** Longer queries are no pinyin anyone types; the bound keeps matching linear in practice. */
const MAX_QUERY = 40;

function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

/** True when a text holds at least one Han character (the only texts pinyin can match). */
export function hasHan(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isHan(text.charCodeAt(i))) return true;
  return false;
}

function readingsOfCode(code: number): Readings {
  let readings = readingsByCode.get(code);
  if (!readings) {
    const char = String.fromCharCode(code);
    readings = isHan(code)
      ? [...new Set(pinyin(char, { multiple: true, type: 'array', toneType: 'none' }).map((r) => r.toLowerCase().replace(/ü/g, 'v')))]
      : [char.toLowerCase()];
    readingsByCode.set(code, readings);
  }
  return readings;
}

/** Whether `query` (from `at` on) is consumed by the characters of `text` from `index` on. */
function consumes(text: string, index: number, query: string, at: number): boolean {
  if (at === query.length) return true;
  if (index === text.length) return false;
  for (const reading of readingsOfCode(text.charCodeAt(index))) {
    let length = 0;
    while (length < reading.length && at + length < query.length && reading.charCodeAt(length) === query.charCodeAt(at + length)) length++;
    if (length === 0) continue;
    // The query ends inside this reading: a prefix of the last syllable (`fanguoq`).
    if (at + length === query.length) return true;
    // Go on with the next character after any prefix of this reading, longest first.
    for (let used = length; used >= 1; used--) if (consumes(text, index + 1, query, at + used)) return true;
  }
  return false;
}

/** The last query, normalised (a search runs one query over every record). */
let lastQuery = '';
let lastNeedle = '';

function needleOf(query: string): string {
  if (query !== lastQuery) {
    lastQuery = query;
    lastNeedle = query.toLowerCase().replace(/[\s']/g, '').replace(/ü/g, 'v');
  }
  return lastNeedle;
}

/**
 * Whether `text` matches the pinyin `query` (Latin letters, case and spaces ignored): its
 * initials, its full pinyin, or a mix of both, starting at any character. False for text
 * without Han characters (plain substring search covers those).
 */
export function matchesPinyin(text: string, query: string): boolean {
  const needle = needleOf(query);
  if (needle === '' || needle.length > MAX_QUERY || !hasHan(text)) return false;
  const first = needle.charCodeAt(0);
  for (let start = 0; start < text.length; start++) {
    const readings = readingsOfCode(text.charCodeAt(start));
    let starts = false;
    for (let r = 0; r < readings.length && !starts; r++) starts = readings[r].charCodeAt(0) === first;
    if (starts && consumes(text, start, needle, 0)) return true;
  }
  return false;
}
