/**
 * Locating a JSON syntax error: where it is (offset, line, column) and what was expected.
 *
 * `JSON.parse` does the real parsing; this scanner runs only after it failed, because engine
 * messages are not enough to point a user at the problem: V8 reports "Unexpected token '}'"
 * with no position at all for the most common mistakes (a trailing comma, a missing value),
 * and every engine words its messages differently. The scanner follows RFC 8259 exactly and
 * keeps its own stack, so a hostile file nested a million levels deep cannot overflow it.
 */

/** Why the text is not JSON. */
export type JsonSyntaxReason =
  | 'expectedValue'
  | 'expectedKey'
  | 'expectedColon'
  | 'expectedCommaOrEnd'
  | 'unterminatedString'
  | 'badEscape'
  | 'controlChar'
  | 'trailing';

/** The first syntax error of a text. Line and column count from 1 (column in UTF-16 units). */
export interface JsonSyntaxError {
  reason: JsonSyntaxReason;
  offset: number;
  line: number;
  column: number;
  /** The offending character, or undefined at the end of the text. */
  found?: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

type State = 'value' | 'afterValue' | 'key' | 'firstKeyOrEnd' | 'firstValueOrEnd';

/** The first syntax error in `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const stack: Array<'[' | '{'> = [];
  let i = 0;
  let state: State = 'value';
  const fail = (reason: JsonSyntaxReason, offset: number = i): JsonSyntaxError => positioned(text, reason, offset);
  const skipSpace = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      i += 1;
    }
  };
  /** Scan a string starting at the quote at `i`; returns an error or moves `i` past it. */
  const scanString = (): JsonSyntaxError | undefined => {
    const start = i;
    i += 1;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i += 1;
        return undefined;
      }
      if (c < 0x20) return fail('controlChar');
      if (c === 0x5c) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!HEX4.test(text.slice(i + 2, i + 6))) return fail('badEscape');
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
          i += 2;
        } else {
          return fail('badEscape');
        }
        continue;
      }
      i += 1;
    }
    return fail('unterminatedString', start);
  };

  for (;;) {
    skipSpace();
    const ch = text[i];
    switch (state) {
      case 'value':
      case 'firstValueOrEnd': {
        if (state === 'firstValueOrEnd' && ch === ']') {
          stack.pop();
          i += 1;
          state = 'afterValue';
          break;
        }
        if (ch === '{') {
          stack.push('{');
          i += 1;
          state = 'firstKeyOrEnd';
        } else if (ch === '[') {
          stack.push('[');
          i += 1;
          state = 'firstValueOrEnd';
        } else if (ch === '"') {
          const error = scanString();
          if (error) return error;
          state = 'afterValue';
        } else if (text.startsWith('true', i) || text.startsWith('null', i)) {
          i += 4;
          state = 'afterValue';
        } else if (text.startsWith('false', i)) {
          i += 5;
          state = 'afterValue';
        } else {
          NUMBER.lastIndex = i;
          if (!NUMBER.test(text)) return fail('expectedValue');
          i = NUMBER.lastIndex;
          state = 'afterValue';
        }
        break;
      }
      case 'firstKeyOrEnd':
      case 'key': {
        if (state === 'firstKeyOrEnd' && ch === '}') {
          stack.pop();
          i += 1;
          state = 'afterValue';
          break;
        }
        if (ch !== '"') return fail('expectedKey');
        const error = scanString();
        if (error) return error;
        skipSpace();
        if (text[i] !== ':') return fail('expectedColon');
        i += 1;
        state = 'value';
        break;
      }
      case 'afterValue': {
        const top = stack[stack.length - 1];
        if (top === undefined) return i < text.length ? fail('trailing') : undefined;
        if (ch === ',') {
          i += 1;
          state = top === '[' ? 'value' : 'key';
        } else if ((top === '[' && ch === ']') || (top === '{' && ch === '}')) {
          stack.pop();
          i += 1;
        } else {
          return fail('expectedCommaOrEnd');
        }
        break;
      }
    }
  }
}

function positioned(text: string, reason: JsonSyntaxReason, offset: number): JsonSyntaxError {
  let line = 1;
  let lineStart = 0;
  for (let n = text.indexOf('\n'); n !== -1 && n < offset; n = text.indexOf('\n', n + 1)) {
    line += 1;
    lineStart = n + 1;
  }
  const error: JsonSyntaxError = { reason, offset, line, column: offset - lineStart + 1 };
  if (offset < text.length) error.found = text[offset];
  return error;
}
