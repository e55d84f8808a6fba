/**
 * The JSON Logic operations table: the ordinary (eagerly evaluated) operations of
 * json-logic-js 2.0.5, reproduced with the same semantics, plus every custom operation
 * registered through `addOperation`. The closure compiler (`./compile.ts`) calls these
 * functions, or inlines an equivalent of the common ones, so there is one definition per
 * operation. Special forms (`if`, `?:`, `and`, `or`, `map`, `filter`, `reduce`, `all`,
 * `none`, `some`) control their own evaluation and live in the compiler, as they live in
 * json-logic-js's `apply` rather than in its table.
 *
 * Deliberate difference from json-logic-js (security): `var` (and `missing`, which uses it)
 * never returns a function and never returns an object reached through an inherited
 * property. So `{"var":"__proto__"}`, `{"var":"constructor"}`, `{"var":"toString"}` and
 * `{"var":"constructor.name"}` give the "not found" value (null or the default) where
 * json-logic-js returns `Object.prototype`, a function or `"Object"`. For JSON data (plain
 * objects, arrays, strings, numbers, booleans, null) this is the only difference: inherited
 * members of those prototypes are all functions or `__proto__`. Own properties (including
 * an own `"__proto__"` key made by `JSON.parse`, array and string indexes and `length`) are
 * read as usual.
 */

/**
 * The shape of an operation in the table: called with the data as `this` and the
 * evaluated arguments, exactly as json-logic-js calls `operations[op].apply(data, values)`.
 */
export type Operation = (this: unknown, ...args: unknown[]) => unknown;

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * JSON Logic truthiness (jsonlogic.com/truthy): JavaScript's, except that an empty array
 * is falsy. Same as `jsonLogic.truthy`.
 */
export function truthy(value: unknown): boolean {
  // Booleans first: most conditions feed comparisons into and / or / if.
  if (typeof value === 'boolean') return value;
  if (Array.isArray(value) && value.length === 0) return false;
  return !!value;
}

/**
 * `parseFloat` as json-logic-js's `+` and `*` apply it to every operand, without the string
 * round trip for numbers. For a number, `parseFloat(String(n))` is `n` except that `-0`
 * prints as "0" and so becomes `+0`, which is what `n + 0` does.
 */
export function toFloat(x: unknown): number {
  if (typeof x === 'number') return x + 0;
  // parseFloat converts its argument with ToString itself; the cast is type-only.
  return parseFloat(x as string);
}

/**
 * The second half of a guarded property read (see the module header): `value` was read as
 * `holder[key]` and is an object, null or a function. Functions are never exposed; an
 * object is exposed only when it is the holder's own property.
 */
export function guardedValue(holder: unknown, key: string, value: unknown): unknown {
  if (typeof value === 'function') return undefined;
  if (value !== null && !hasOwn.call(holder, key)) return undefined;
  return value;
}

/**
 * Reads one step of a `var` path: `holder[key]`, or undefined when the property is absent
 * or not safe to expose. `holder` must not be null or undefined.
 */
export function readProperty(holder: unknown, key: string): unknown {
  const value = (holder as Record<string, unknown>)[key];
  if (typeof value === 'object' || typeof value === 'function') {
    return guardedValue(holder, key, value);
  }
  return value;
}

/**
 * Walks a dotted `var` path that has already been split. Returns `notFound` as soon as a
 * step meets null/undefined or a missing (or guarded) property, as json-logic-js does.
 */
export function readPath(data: unknown, parts: readonly string[], notFound: unknown): unknown {
  let current = data;
  for (let i = 0; i < parts.length; i++) {
    if (current === null || current === undefined) return notFound;
    current = readProperty(current, parts[i]!);
    if (current === undefined) return notFound;
  }
  return current;
}

/**
 * Evaluates logic the way `jsonLogic.apply` does; `missing` and `missing_some` need it for
 * the rare keys that are themselves logic or arrays. Bound by the compiler at load time so
 * that this module does not import it (and the import graph stays acyclic).
 */
let evaluateLogic: (logic: unknown, data: unknown) => unknown = () => {
  throw new Error('JSON Logic evaluator not initialised');
};

/** Lets the compiler supply the evaluator used by `missing` and `missing_some`. */
export function bindEvaluator(fn: (logic: unknown, data: unknown) => unknown): void {
  evaluateLogic = fn;
}

function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

/** `var` as json-logic-js defines it, with the guarded property reads described above. */
function varOperation(this: unknown, a?: unknown, b?: unknown): unknown {
  const notFound = b === undefined ? null : b;
  if (a === undefined || a === '' || a === null) return this;
  return readPath(this, String(a).split('.'), notFound);
}

/**
 * json-logic-js's `missing` evaluates `{"var": key}` for each key. For a primitive key that
 * is exactly `var(key)`; an array or object key would be re-read as logic, so it takes the
 * general path.
 */
function missingOperation(this: unknown, ...args: unknown[]): unknown[] {
  const missing: unknown[] = [];
  const first = args[0];
  const keys: ArrayLike<unknown> = Array.isArray(first) ? first : args;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const value = isPrimitive(key) ? varOperation.call(this, key) : evaluateLogic({ var: key }, this);
    if (value === null || value === '') missing.push(key);
  }
  return missing;
}

/** Casts are type-only throughout: these operators apply JavaScript's own coercions. */
type Loose = number;

/**
 * The standard operations of json-logic-js 2.0.5, one `function` each (not arrows or
 * methods) so that each has the same own properties (`name`, `length`, `prototype`) as the
 * original: json-logic-js lets a dotted operation name such as `"cat.prototype.constructor"`
 * walk into those, and we walk the same way.
 */
export const standardOperations: Readonly<Record<string, Operation>> = {
  '==': function (a: unknown, b: unknown) {
    return a == b;
  },
  '===': function (a: unknown, b: unknown) {
    return a === b;
  },
  '!=': function (a: unknown, b: unknown) {
    return a != b;
  },
  '!==': function (a: unknown, b: unknown) {
    return a !== b;
  },
  '>': function (a: unknown, b: unknown) {
    return (a as Loose) > (b as Loose);
  },
  '>=': function (a: unknown, b: unknown) {
    return (a as Loose) >= (b as Loose);
  },
  '<': function (a: unknown, b: unknown, c: unknown) {
    return c === undefined
      ? (a as Loose) < (b as Loose)
      : (a as Loose) < (b as Loose) && (b as Loose) < (c as Loose);
  },
  '<=': function (a: unknown, b: unknown, c: unknown) {
    return c === undefined
      ? (a as Loose) <= (b as Loose)
      : (a as Loose) <= (b as Loose) && (b as Loose) <= (c as Loose);
  },
  '!!': function (a: unknown) {
    return truthy(a);
  },
  '!': function (a: unknown) {
    return !truthy(a);
  },
  '%': function (a: unknown, b: unknown) {
    return (a as Loose) % (b as Loose);
  },
  log: function (a: unknown) {
    console.log(a);
    return a;
  },
  in: function (a: unknown, b: unknown) {
    const haystack = b as { indexOf?: (x: unknown) => number } | null | undefined;
    if (!haystack || typeof haystack.indexOf === 'undefined') return false;
    return haystack.indexOf(a) !== -1;
  },
  cat: function (...args: unknown[]) {
    return args.join('');
  },
  substr: function (source: unknown, start: unknown, end: unknown) {
    // A negative length counts back from the end (PHP's substr), as in json-logic-js.
    if ((end as Loose) < 0) {
      const temp = String(source).substr(start as Loose);
      return temp.substr(0, temp.length + (end as Loose));
    }
    return String(source).substr(start as Loose, end as Loose);
  },
  '+': function (...args: unknown[]) {
    // json-logic-js reduces from 0 with parseFloat on both sides; the running sum is a
    // number that is never -0, so parseFloat leaves it unchanged.
    let sum = 0;
    for (let i = 0; i < args.length; i++) sum = sum + toFloat(args[i]);
    return sum;
  },
  '*': function (...args: unknown[]) {
    // Reduce without an initial value, like json-logic-js: one argument comes back as is
    // (not parsed), none throws the engine's own "Reduce of empty array" TypeError.
    return args.reduce((a, b) => toFloat(a) * toFloat(b));
  },
  '-': function (a: unknown, b: unknown) {
    return b === undefined ? -(a as Loose) : (a as Loose) - (b as Loose);
  },
  '/': function (a: unknown, b: unknown) {
    return (a as Loose) / (b as Loose);
  },
  min: function (...args: unknown[]) {
    return Math.min(...(args as Loose[]));
  },
  max: function (...args: unknown[]) {
    return Math.max(...(args as Loose[]));
  },
  merge: function (...args: unknown[]) {
    return args.reduce<unknown[]>((a, b) => a.concat(b), []);
  },
  var: varOperation,
  missing: missingOperation,
  missing_some: function (this: unknown, needCount: unknown, options: unknown) {
    // json-logic-js evaluates {"missing": options}: an array of plain keys is spread into
    // missing's arguments; anything else goes through the general evaluator.
    const areMissing = (
      Array.isArray(options) && options.every(isPrimitive)
        ? missingOperation.apply(this, options)
        : isPrimitive(options)
          ? missingOperation.call(this, options)
          : evaluateLogic({ missing: options }, this)
    ) as unknown[];
    // `options.length` throws for null/undefined options, exactly as in json-logic-js.
    if ((options as { length: Loose }).length - areMissing.length >= (needCount as Loose)) return [];
    return areMissing;
  },
};

/**
 * Names json-logic-js's `apply` handles itself before looking at its table; registering an
 * operation under one of these would be ignored by json-logic-js, so `addOperation` refuses.
 */
export const SPECIAL_FORMS: ReadonlySet<string> = new Set([
  'if',
  '?:',
  'and',
  'or',
  'filter',
  'map',
  'reduce',
  'all',
  'none',
  'some',
]);
