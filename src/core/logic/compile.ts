/**
 * The JSON Logic closure compiler. A logic tree is turned once into nested JavaScript
 * closures (never into source text: no eval / new Function, so it runs under a strict CSP),
 * and the closure is then called per record. The result is the same as json-logic-js 2.0.5
 * `apply`, quirks included; the official JSON Logic suite and property tests against
 * json-logic-js check that.
 *
 * Things kept from json-logic-js on purpose, because they are observable:
 * - every argument of an ordinary operation is evaluated, left to right, before the
 *   operation runs (so a `log` or an error in an unused argument still happens);
 * - an unknown operation throws only when it is reached, after its arguments, with the
 *   same message ("Unrecognized operation x", "... (failed at a.b)" for dotted names);
 * - operations are looked up when they run, so an operation registered after compiling
 *   is found; the built-in ones cannot be replaced (see `addOperation`).
 *
 * Speed comes from specialising common shapes at compile time: `var` with a constant path,
 * comparisons and arithmetic with a fixed number of arguments (and a constant side
 * captured as a value), `in` over a constant list, `if`/`and`/`or` of small arity, and
 * calls without an argument array for up to three arguments.
 */
import { fieldReader } from './readers.js';
import {
  bindEvaluator,
  readPath,
  SPECIAL_FORMS,
  standardOperations,
  toFloat,
  truthy,
  type Operation,
} from './operations.js';

/** A compiled logic tree: call it with the data (the record) to evaluate. */
export type Evaluator = (data?: unknown) => unknown;

/** What the compiler knows about a compiled node. */
interface Compiled {
  run: Evaluator;
  /** True when `run` always returns `value` and has no effects (a literal). */
  constant: boolean;
  value: unknown;
}

/** A registration slot per operation name, so compiled closures see later registrations. */
interface Slot {
  fn: Operation | undefined;
}

/** The single operations table: standard operations plus custom ones, name → function. */
const table = new Map<string, Operation>(Object.entries(standardOperations));
const slots = new Map<string, Slot>();

function slotFor(name: string): Slot {
  let slot = slots.get(name);
  if (!slot) {
    slot = { fn: table.get(name) };
    slots.set(name, slot);
  }
  return slot;
}

/**
 * A compile-time fast path for a custom operation: given the operation's raw (uncompiled)
 * arguments and a way to compile sub-logic, return an evaluator for one recognised shape
 * (e.g. `SUM` over a relation's field values, fused into one loop without an intermediate
 * list), or undefined to use the ordinary call. It must return exactly what the ordinary
 * call would; the property tests hold both paths to json-logic-js.
 */
export type Specializer = (args: readonly unknown[], compile: (logic: unknown) => Evaluator) => Evaluator | undefined;

const specializers = new Map<string, Specializer>();

/** Adds or replaces a custom operation in the table (validation is the caller's job). */
export function registerOperation(name: string, fn: Operation, specialize?: Specializer): void {
  table.set(name, fn);
  slotFor(name).fn = fn;
  // A replaced operation must not keep the fast path of the one it replaces.
  if (specialize) specializers.set(name, specialize);
  else specializers.delete(name);
}

/** True for a name json-logic-js treats specially or defines itself. */
export function isBuiltinName(name: string): boolean {
  return SPECIAL_FORMS.has(name) || Object.prototype.hasOwnProperty.call(standardOperations, name);
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Finds an operation at run time exactly as json-logic-js does: an own entry of the table,
 * else (for a name with a dot after its first character) a walk through own properties,
 * else "Unrecognized operation".
 */
function resolveOperation(op: string): Operation {
  const direct = table.get(op);
  if (direct !== undefined) return direct;
  if (op.indexOf('.') > 0) {
    const parts = op.split('.');
    let current: unknown = undefined;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const found = i === 0 ? table.has(part) : hasOwn.call(current, part);
      if (!found) {
        throw new Error(`Unrecognized operation ${op} (failed at ${parts.slice(0, i + 1).join('.')})`);
      }
      current = i === 0 ? table.get(part) : (current as Record<string, unknown>)[part];
    }
    if (typeof current !== 'function') throw new TypeError(`Operation ${op} is not a function`);
    return current as Operation;
  }
  throw new Error(`Unrecognized operation ${op}`);
}

function isLogic(logic: unknown): logic is Record<string, unknown> {
  return (
    typeof logic === 'object' &&
    logic !== null &&
    !Array.isArray(logic) &&
    Object.keys(logic).length === 1
  );
}

function constant(value: unknown): Compiled {
  return { run: () => value, constant: true, value };
}

function dynamic(run: Evaluator): Compiled {
  return { run, constant: false, value: undefined };
}

const UNDEFINED = constant(undefined);

/** Compiles any JSON Logic value: an array, a rule (one-key object) or a literal. */
export function compileNode(logic: unknown): Compiled {
  if (Array.isArray(logic)) return compileArray(logic);
  if (!isLogic(logic)) return constant(logic);
  const op = Object.keys(logic)[0]!;
  const raw = logic[op];
  const values: unknown[] = Array.isArray(raw) ? raw : [raw];
  switch (op) {
    case 'if':
    case '?:':
      return compileIf(values.map(compileNode));
    case 'and':
      return compileAnd(values.map(compileNode));
    case 'or':
      return compileOr(values.map(compileNode));
    case 'filter':
    case 'map':
    case 'reduce':
    case 'all':
    case 'none':
    case 'some':
      return compileScoped(op, values);
  }
  const specialize = specializers.get(op);
  if (specialize) {
    const run = specialize(values, (child) => compileNode(child).run);
    if (run) return dynamic(run);
  }
  const args = values.map(compileNode);
  const builtin = hasOwn.call(standardOperations, op) ? standardOperations[op] : undefined;
  if (builtin) return specialise(op, values, args) ?? callDirect(builtin, args);
  return callLate(op, args);
}

/** An array of logic evaluates element-wise into a new array each time, like json-logic-js. */
function compileArray(logic: readonly unknown[]): Compiled {
  const items = logic.map(compileNode);
  const runs = items.map((c) => c.run);
  const n = runs.length;
  return dynamic((data) => {
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) out[i] = runs[i]!(data);
    return out;
  });
}

function compileIf(items: Compiled[]): Compiled {
  const runs = items.map((c) => c.run);
  const n = runs.length;
  if (n === 0) return constant(null);
  if (n === 1) return items[0]!;
  if (n === 2) {
    const [test, then] = runs as [Evaluator, Evaluator];
    return dynamic((data) => (truthy(test(data)) ? then(data) : null));
  }
  if (n === 3) {
    const [test, then, otherwise] = runs as [Evaluator, Evaluator, Evaluator];
    return dynamic((data) => (truthy(test(data)) ? then(data) : otherwise(data)));
  }
  if (n === 5) {
    const [t1, v1, t2, v2, otherwise] = runs as [Evaluator, Evaluator, Evaluator, Evaluator, Evaluator];
    return dynamic((data) =>
      truthy(t1(data)) ? v1(data) : truthy(t2(data)) ? v2(data) : otherwise(data),
    );
  }
  return dynamic((data) => {
    let i = 0;
    for (; i < n - 1; i += 2) {
      if (truthy(runs[i]!(data))) return runs[i + 1]!(data);
    }
    return n === i + 1 ? runs[i]!(data) : null;
  });
}

function compileAnd(items: Compiled[]): Compiled {
  const runs = items.map((c) => c.run);
  const n = runs.length;
  if (n === 0) return UNDEFINED;
  if (n === 1) return items[0]!;
  if (n === 2) {
    const [a, b] = runs as [Evaluator, Evaluator];
    return dynamic((data) => {
      const first = a(data);
      return truthy(first) ? b(data) : first;
    });
  }
  return dynamic((data) => {
    let current: unknown;
    for (let i = 0; i < n; i++) {
      current = runs[i]!(data);
      if (!truthy(current)) return current;
    }
    return current;
  });
}

function compileOr(items: Compiled[]): Compiled {
  const runs = items.map((c) => c.run);
  const n = runs.length;
  if (n === 0) return UNDEFINED;
  if (n === 1) return items[0]!;
  if (n === 2) {
    const [a, b] = runs as [Evaluator, Evaluator];
    return dynamic((data) => {
      const first = a(data);
      return truthy(first) ? first : b(data);
    });
  }
  return dynamic((data) => {
    let current: unknown;
    for (let i = 0; i < n; i++) {
      current = runs[i]!(data);
      if (truthy(current)) return current;
    }
    return current;
  });
}

/**
 * The array operations: the first argument is evaluated against the data, the second is
 * logic evaluated against each element (reduce: against {current, accumulator}).
 */
function compileScoped(op: string, values: unknown[]): Compiled {
  const source = compileNode(values[0]).run;
  const scoped = compileNode(values[1]).run;
  switch (op) {
    case 'filter':
      return dynamic((data) => {
        const list = source(data);
        if (!Array.isArray(list)) return [];
        return list.filter((datum) => truthy(scoped(datum)));
      });
    case 'map':
      return dynamic((data) => {
        const list = source(data);
        if (!Array.isArray(list)) return [];
        return list.map((datum) => scoped(datum));
      });
    case 'reduce': {
      // json-logic-js tests the raw third argument, not its value, for presence.
      const initial = values[2] !== undefined ? compileNode(values[2]).run : () => null;
      return dynamic((data) => {
        const list = source(data);
        const start = initial(data);
        if (!Array.isArray(list)) return start;
        return list.reduce(
          (accumulator: unknown, current: unknown) => scoped({ current, accumulator }),
          start,
        );
      });
    }
    case 'all':
      return dynamic((data) => {
        const list = source(data);
        // All of an empty set is false in JSON Logic.
        if (!Array.isArray(list) || !list.length) return false;
        for (let i = 0; i < list.length; i++) if (!truthy(scoped(list[i]))) return false;
        return true;
      });
    case 'none':
      return dynamic((data) => {
        const list = source(data);
        if (!Array.isArray(list) || !list.length) return true;
        for (let i = 0; i < list.length; i++) if (truthy(scoped(list[i]))) return false;
        return true;
      });
    default: // some
      return dynamic((data) => {
        const list = source(data);
        if (!Array.isArray(list) || !list.length) return false;
        for (let i = 0; i < list.length; i++) if (truthy(scoped(list[i]))) return true;
        return false;
      });
  }
}

/** Calls a known function with the data as `this`, without an argument array up to 3. */
function callDirect(fn: Operation, args: Compiled[]): Compiled {
  const runs = args.map((c) => c.run);
  switch (runs.length) {
    case 0:
      return dynamic((data) => fn.call(data));
    case 1: {
      const [a] = runs as [Evaluator];
      return dynamic((data) => fn.call(data, a(data)));
    }
    case 2: {
      const [a, b] = runs as [Evaluator, Evaluator];
      return dynamic((data) => {
        const x = a(data);
        return fn.call(data, x, b(data));
      });
    }
    case 3: {
      const [a, b, c] = runs as [Evaluator, Evaluator, Evaluator];
      return dynamic((data) => {
        const x = a(data);
        const y = b(data);
        return fn.call(data, x, y, c(data));
      });
    }
    default:
      return dynamic((data) => fn.apply(data, evaluateAll(runs, data)));
  }
}

/**
 * Calls a custom (or not yet registered) operation: arguments first, then the lookup,
 * so the order of effects and errors matches json-logic-js.
 */
function callLate(op: string, args: Compiled[]): Compiled {
  const slot = slotFor(op);
  const runs = args.map((c) => c.run);
  const lookup = (): Operation => slot.fn ?? resolveOperation(op);
  switch (runs.length) {
    case 0:
      return dynamic((data) => lookup().call(data));
    case 1: {
      const [a] = runs as [Evaluator];
      return dynamic((data) => {
        const x = a(data);
        return lookup().call(data, x);
      });
    }
    case 2: {
      const [a, b] = runs as [Evaluator, Evaluator];
      return dynamic((data) => {
        const x = a(data);
        const y = b(data);
        return lookup().call(data, x, y);
      });
    }
    default:
      return dynamic((data) => {
        const values = evaluateAll(runs, data);
        return lookup().apply(data, values);
      });
  }
}

function evaluateAll(runs: readonly Evaluator[], data: unknown): unknown[] {
  const out = new Array<unknown>(runs.length);
  for (let i = 0; i < runs.length; i++) out[i] = runs[i]!(data);
  return out;
}

/** Casts are type-only: JavaScript's own coercions apply, as in json-logic-js. */
type Loose = number;

/** Builds a node from two compiled operands. */
type PairBuilder = (a: Evaluator, b: Evaluator) => Evaluator;
/** Builds a node from a compiled left operand and a constant right operand. */
type ConstBuilder = (a: Evaluator, k: unknown) => Evaluator;

/*
 * Two-operand operations written out one literal per operation and per shape, so that each
 * has its own inline caches and V8 can inline the operand closures (see readers.ts for why
 * that matters). Operands are evaluated left then right, before the operator applies its
 * coercions, exactly as json-logic-js evaluates all arguments first.
 *
 * Arithmetic mirrors json-logic-js's `parseFloat` on every operand (see `toFloat`): for
 * numbers that is `n + 0` (turns -0 into 0), and sums of such values never produce -0, so
 * `x + y + 0` is the same number as `0 + parseFloat(x) + parseFloat(y)`.
 */
const BINARY: Readonly<Record<string, readonly [PairBuilder, ConstBuilder]>> = {
  '==': [(a, b) => (d) => a(d) == b(d), (a, k) => (d) => a(d) == k],
  '===': [(a, b) => (d) => a(d) === b(d), (a, k) => (d) => a(d) === k],
  '!=': [(a, b) => (d) => a(d) != b(d), (a, k) => (d) => a(d) != k],
  '!==': [(a, b) => (d) => a(d) !== b(d), (a, k) => (d) => a(d) !== k],
  '>': [
    (a, b) => (d) => (a(d) as Loose) > (b(d) as Loose),
    (a, k) => (d) => (a(d) as Loose) > (k as Loose),
  ],
  '>=': [
    (a, b) => (d) => (a(d) as Loose) >= (b(d) as Loose),
    (a, k) => (d) => (a(d) as Loose) >= (k as Loose),
  ],
  // Two-argument `<` / `<=`; with three, the third may evaluate to undefined at run time
  // (then it is the two-argument form), which the table function handles.
  '<': [
    (a, b) => (d) => (a(d) as Loose) < (b(d) as Loose),
    (a, k) => (d) => (a(d) as Loose) < (k as Loose),
  ],
  '<=': [
    (a, b) => (d) => (a(d) as Loose) <= (b(d) as Loose),
    (a, k) => (d) => (a(d) as Loose) <= (k as Loose),
  ],
  '%': [
    (a, b) => (d) => (a(d) as Loose) % (b(d) as Loose),
    (a, k) => (d) => (a(d) as Loose) % (k as Loose),
  ],
  '/': [
    (a, b) => (d) => (a(d) as Loose) / (b(d) as Loose),
    (a, k) => (d) => (a(d) as Loose) / (k as Loose),
  ],
  '-': [
    (a, b) => (d) => {
      const x = a(d);
      const y = b(d);
      return y === undefined ? -(x as Loose) : (x as Loose) - (y as Loose);
    },
    (a, k) => (k === undefined ? (d) => -(a(d) as Loose) : (d) => (a(d) as Loose) - (k as Loose)),
  ],
  '+': [
    (a, b) => (d) => {
      const x = a(d);
      const y = b(d);
      if (typeof x === 'number' && typeof y === 'number') return x + y + 0;
      return 0 + toFloat(x) + toFloat(y);
    },
    (a, k) => {
      const y = toFloat(k);
      return (d) => {
        const x = a(d);
        return typeof x === 'number' ? x + 0 + y : 0 + toFloat(x) + y;
      };
    },
  ],
  '*': [
    (a, b) => (d) => {
      const x = a(d);
      const y = b(d);
      if (typeof x === 'number' && typeof y === 'number') return (x + 0) * (y + 0);
      return toFloat(x) * toFloat(y);
    },
    (a, k) => {
      const y = toFloat(k);
      return (d) => {
        const x = a(d);
        return (typeof x === 'number' ? x + 0 : toFloat(x)) * y;
      };
    },
  ],
};

/**
 * Builds a two-operand node. A constant right operand is captured as a value; a constant
 * left operand stays a closure (rarer, and the operator is not always commutative).
 */
function binary(op: string, args: Compiled[]): Compiled | undefined {
  const builders = BINARY[op];
  if (!builders || args.length !== 2) return undefined;
  const [left, right] = args as [Compiled, Compiled];
  if (right.constant) return dynamic(builders[1](left.run, right.value));
  return dynamic(builders[0](left.run, right.run));
}

/** Inline versions of the common standard operations; each mirrors its table entry. */
function specialise(op: string, values: unknown[], args: Compiled[]): Compiled | undefined {
  const n = args.length;
  switch (op) {
    case 'var':
      return specialiseVar(args);
    case 'in':
      return n === 2 ? specialiseIn(values, args) : undefined;
    case '!':
      if (n !== 1) return undefined;
      return dynamic(((a) => (d: unknown) => !truthy(a(d)))(args[0]!.run));
    case '!!':
      if (n !== 1) return undefined;
      return dynamic(((a) => (d: unknown) => truthy(a(d)))(args[0]!.run));
    case '-':
      if (n !== 1) break;
      return dynamic(((a) => (d: unknown) => -(a(d) as Loose))(args[0]!.run));
    case '+':
      if (n !== 1) break;
      return dynamic(((a) => (d: unknown) => 0 + toFloat(a(d)))(args[0]!.run));
    case '*':
      // One operand comes back unparsed: json-logic-js reduces without an initial value.
      if (n === 1) return args[0];
      if (n === 3) return multiply3(args);
      break;
  }
  return binary(op, args);
}

/**
 * `{"*": [a, b, c]}` (the LTV shape: AOV × frequency × retention). json-logic-js parses the
 * running product again, so it is `(x·y + 0)·z` with each operand parsed.
 */
function multiply3(args: Compiled[]): Compiled {
  const [a, b, c] = args.map((x) => x.run) as [Evaluator, Evaluator, Evaluator];
  return dynamic((d) => {
    const x = a(d);
    const y = b(d);
    const z = c(d);
    if (typeof x === 'number' && typeof y === 'number' && typeof z === 'number') {
      return (x * y + 0) * (z + 0);
    }
    return toFloat(toFloat(x) * toFloat(y)) * toFloat(z);
  });
}

function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

/** `{"in": [x, ["a", "b", …]]}`: a literal list of primitives is searched without copying it. */
function specialiseIn(values: unknown[], args: Compiled[]): Compiled | undefined {
  const list = values[1];
  if (!Array.isArray(list) || !list.every(isPrimitive)) return undefined;
  const needle = args[0]!.run;
  const items: unknown[] = list.slice();
  // indexOf compares with ===, as these do; a Set uses SameValueZero, which differs only
  // for NaN (never found by indexOf), so lists holding NaN keep indexOf.
  switch (items.length) {
    case 0:
      return dynamic((data) => (needle(data), false));
    case 1: {
      const [p] = items;
      return dynamic((data) => needle(data) === p);
    }
    case 2: {
      const [p, q] = items;
      return dynamic((data) => {
        const x = needle(data);
        return x === p || x === q;
      });
    }
    case 3: {
      const [p, q, r] = items;
      return dynamic((data) => {
        const x = needle(data);
        return x === p || x === q || x === r;
      });
    }
  }
  if (items.length > 8 && !items.some((x) => x !== x)) {
    const set = new Set(items);
    return dynamic((data) => set.has(needle(data)));
  }
  return dynamic((data) => items.indexOf(needle(data)) !== -1);
}

/**
 * `{"var": "a.b"}` and `{"var": ["a", default]}` with a constant path: the path is split
 * once, a single key is read inline (the common case: a field of the record).
 */
function specialiseVar(args: Compiled[]): Compiled | undefined {
  const n = args.length;
  if (n === 0) return dynamic((data) => data);
  if (n > 2 || !args[0]!.constant) return undefined;
  const path = args[0]!.value;
  if (path === undefined || path === '' || path === null) {
    // The whole data; a default argument is still evaluated, as json-logic-js does.
    if (n === 1 || args[1]!.constant) return dynamic((data) => data);
    const fallback = args[1]!.run;
    return dynamic((data) => {
      fallback(data);
      return data;
    });
  }
  const kind = typeof path;
  if (kind !== 'string' && kind !== 'number' && kind !== 'boolean') return undefined;
  const parts = String(path).split('.');
  if (n === 2 && !args[1]!.constant) {
    const fallback = args[1]!.run;
    return dynamic((data) => {
      const given = fallback(data);
      return readPath(data, parts, given === undefined ? null : given);
    });
  }
  const notFound = n === 2 && args[1]!.value !== undefined ? args[1]!.value : null;
  if (parts.length === 1) return dynamic(fieldReader(parts[0]!, notFound));
  return dynamic((data) => readPath(data, parts, notFound));
}

const cache = new WeakMap<object, Evaluator>();

/**
 * The deepest logic (rules inside rules; arrays do not count) compiled. Compiling and
 * evaluating recurse once per level, so a hand-written or tampered tree 100,000 levels deep
 * would end in an uncaught RangeError; it gets this clear error instead. Formulas stay far
 * below it (their compiler refuses logic deeper than 400).
 */
export const MAX_LOGIC_DEPTH = 500;

/** Throws when `logic` nests rules deeper than MAX_LOGIC_DEPTH (checked without recursion). */
function checkDepth(logic: object): void {
  const stack: Array<[unknown, number]> = [[logic, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) stack.push([node[i], depth]);
      continue;
    }
    if (depth >= MAX_LOGIC_DEPTH) {
      throw new Error(`JSON Logic is nested too deeply (more than ${MAX_LOGIC_DEPTH} levels of rules)`);
    }
    for (const key in node) if (hasOwn.call(node, key)) stack.push([(node as Record<string, unknown>)[key], depth + 1]);
  }
}

/**
 * Compiles logic to an evaluator, reusing the compiled closure for a logic object seen
 * before. Logic is treated as immutable once compiled.
 */
export function compile(logic: unknown): Evaluator {
  if (typeof logic !== 'object' || logic === null) return () => logic;
  let run = cache.get(logic);
  if (!run) {
    checkDepth(logic);
    run = compileNode(logic).run;
    cache.set(logic, run);
  }
  return run;
}

/** Evaluates logic against data (compiling and caching object logic). */
export function evaluate(logic: unknown, data?: unknown): unknown {
  if (typeof logic !== 'object' || logic === null) return logic;
  return compile(logic)(data);
}

bindEvaluator(evaluate);
