/**
 * Id generation for apps, records and anything else that needs a fresh, globally unique name.
 *
 * An id is `prefix_` + 9 base-36 characters of milliseconds since 1970 (so ids made later
 * sort later, as plain strings, until the year 5188) + a 3-character per-millisecond counter
 * (ids made in the same tab and millisecond still sort in creation order) + 8 random base-36
 * characters (~41 bits, so two tabs or devices creating ids in the same millisecond do not
 * collide in practice). Lowercase ASCII only: safe in URLs, file names, IndexedDB keys and
 * case-insensitive systems, and valid under the schema's id syntax.
 */

const TIME_WIDTH = 9;
const COUNTER_WIDTH = 3;
const RANDOM_WIDTH = 8;
const COUNTER_LIMIT = 36 ** COUNTER_WIDTH;
const PREFIX_PATTERN = /^[A-Za-z0-9]{1,16}$/;

let lastTime = 0;
let counter = 0;

/** Uniform base-36 digits, from crypto.getRandomValues when the platform has it. */
function randomDigits(count: number): string {
  const cryptoApi = (globalThis as { crypto?: { getRandomValues?: (array: Uint8Array) => Uint8Array } }).crypto;
  let out = '';
  while (out.length < count) {
    const bytes = new Uint8Array(count * 2);
    if (cryptoApi?.getRandomValues) cryptoApi.getRandomValues(bytes);
    else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
    for (const byte of bytes) {
      // 252 = 7 × 36: dropping 252–255 keeps every digit equally likely.
      if (byte < 252 && out.length < count) out += (byte % 36).toString(36);
    }
  }
  return out;
}

/**
 * A new unique id, e.g. `createId('rec')` → `rec_0mwsm3ccj003pbasflez`.
 * @param prefix Optional kind marker (1–16 ASCII letters or digits), joined with `_`.
 * @throws TypeError when the prefix has other characters (it would break the id syntax).
 */
export function createId(prefix?: string): string {
  if (prefix !== undefined && !PREFIX_PATTERN.test(prefix)) {
    throw new TypeError(`createId: prefix must be 1–16 ASCII letters or digits, got ${JSON.stringify(prefix)}`);
  }
  let now = Date.now();
  if (now <= lastTime) {
    // Same millisecond, or the clock stepped back: stay on the last time and count up, so
    // ids from this tab never go backwards.
    now = lastTime;
    counter += 1;
    if (counter >= COUNTER_LIMIT) {
      now = lastTime + 1;
      counter = 0;
    }
  } else {
    counter = 0;
  }
  lastTime = now;
  const body =
    now.toString(36).padStart(TIME_WIDTH, '0') + counter.toString(36).padStart(COUNTER_WIDTH, '0') + randomDigits(RANDOM_WIDTH);
  return prefix === undefined ? body : `${prefix}_${body}`;
}

/** The id syntax: ASCII letters, digits, `_` and `-`, 1–128 characters, not starting with `_` or `-` (which rules out `__proto__`). */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/**
 * Object keys an id may not be, because ids become keys of plain objects (record values,
 * an export's `records` by table id) and these would reach or shadow a prototype there.
 */
const RESERVED_IDS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The one id rule for tables, fields, records, choices, apps and templates — used by the
 * template validator, the export parser, app edits and template cloning alike, so anything
 * that validates also exports and imports back.
 */
export function isValidId(id: unknown): id is string {
  return typeof id === 'string' && ID_PATTERN.test(id) && !RESERVED_IDS.has(id);
}
