/**
 * The project's JSON Logic evaluator (PLACEHOLDER API, to be replaced by the closure
 * compiler). Behaves exactly like json-logic-js `apply`.
 */
import jsonLogic from 'json-logic-js';

export type Logic = unknown;

/** Register a custom operation once; used by both json-logic-js and the compiled path. */
export function addOperation(name: string, fn: (...args: any[]) => unknown): void {
  jsonLogic.add_operation(name, fn);
}

/** Evaluate JSON Logic against data, exactly as json-logic-js `apply` would. */
export function applyLogic(logic: Logic, data?: unknown): unknown {
  return jsonLogic.apply(logic, data);
}

/** Compile once, evaluate many times. */
export function compileLogic(logic: Logic): (data?: unknown) => unknown {
  return (data) => jsonLogic.apply(logic, data);
}
