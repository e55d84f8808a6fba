/**
 * The project's JSON Logic evaluator: the one formulas, visibility conditions and rule
 * conditions run on. Logic is compiled once into JavaScript closures (`./compile.ts`;
 * never into source text, so it works under a strict CSP) and behaves like json-logic-js
 * 2.0.5 `apply`, which stays the evaluator of record and the oracle in the tests.
 *
 * Differences from json-logic-js, all deliberate:
 * - `var` / `missing` never return functions or inherited objects (`__proto__`,
 *   `constructor`, `toString`, …): they give the "not found" value instead. See
 *   `./operations.ts`. JSON data reads the same as in json-logic-js.
 * - json-logic-js 2.0.5 has no `method` operation (it was dropped from json-logic-js for
 *   security), so `{"method": …}` is "Unrecognized operation method" in both, and stays so
 *   unless a host registers its own `method` with `addOperation`.
 * - `addOperation` refuses the names of built-in operations and two names that would
 *   corrupt json-logic-js's own table (`__proto__`, `hasOwnProperty`).
 * - A logic object is compiled once and cached: mutating it afterwards is not seen.
 */
import { compile, evaluate, isBuiltinName, registerOperation, type Evaluator, type Specializer } from './compile.js';
export type { Specializer } from './compile.js';
import type { Operation } from './operations.js';

export { truthy } from './operations.js';
export type { Evaluator } from './compile.js';

/** A JSON Logic rule or literal: any JSON value (a one-key object is a rule). */
export type Logic = unknown;

/**
 * The type of a custom operation. `any[]` (the one `any` in src/core) mirrors
 * json-logic-js's `add_operation` so callers' inline functions with typed parameters,
 * e.g. `(a: number, b: number) => a + b`, are accepted; the operation receives whatever the
 * evaluated arguments are, so it must check them itself.
 */
export type OperationFn = (...args: any[]) => unknown;

/**
 * Registers a custom operation in the project's single operations table and — wherever
 * json-logic-js is loaded beside it (`ltc-kit/core`, ./json-logic-mirror.ts) — with
 * json-logic-js, so both evaluation paths use the same function. Like json-logic-js, the
 * operation is called with the evaluated arguments and with the data as `this`.
 * Registering a name again replaces the function, for compiled logic too.
 * `options.specialize` adds a compile-time fast path for recognised argument shapes (see
 * `Specializer`); json-logic-js always uses `fn`.
 *
 * @throws TypeError when `fn` is not a function.
 * @throws Error for the name of a built-in operation (`+`, `var`, `if`, …), `__proto__`
 *   or `hasOwnProperty`.
 */
export function addOperation(name: string, fn: OperationFn, options: { specialize?: Specializer } = {}): void {
  if (typeof name !== 'string') throw new TypeError('Operation name must be a string');
  if (typeof fn !== 'function') throw new TypeError(`Operation ${name} must be a function`);
  if (isBuiltinName(name)) {
    throw new Error(`Operation ${name} is a built-in JSON Logic operation and cannot be replaced`);
  }
  // json-logic-js keeps operations in a plain object and calls its hasOwnProperty method:
  // these two names would change that object's prototype or break every lookup.
  if (name === '__proto__' || name === 'hasOwnProperty') {
    throw new Error(`Operation name ${name} is reserved`);
  }
  registerOperation(name, fn as Operation, options.specialize);
  customOperations.set(name, fn);
  mirror?.(name, fn);
}

/** Every operation registered through `addOperation`, in registration order. */
const customOperations = new Map<string, OperationFn>();
let mirror: ((name: string, fn: OperationFn) => void) | undefined;

/**
 * Sends every custom operation — those registered so far and all later ones — to `target`
 * as well (json-logic-js's `add_operation`, see ./json-logic-mirror.ts). Kept as a hook so
 * that the script-tag bundle, which never runs json-logic-js, does not carry it.
 */
export function mirrorOperations(target: (name: string, fn: OperationFn) => void): void {
  mirror = target;
  for (const [name, fn] of customOperations) target(name, fn);
}

/**
 * Evaluates JSON Logic against data, with the same result as json-logic-js `apply`
 * (errors included). Object logic is compiled on first use and cached per object, so
 * calling this repeatedly with the same rule object is cheap.
 */
export function applyLogic(logic: Logic, data?: unknown): unknown {
  return evaluate(logic, data);
}

/**
 * Compiles logic once into an evaluator to call per record: the fast path for evaluating
 * one rule over many records. Compiling never throws for an unknown operation; like
 * json-logic-js, evaluation throws when it reaches one.
 */
export function compileLogic(logic: Logic): Evaluator {
  return compile(logic);
}
