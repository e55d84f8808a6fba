/**
 * The formula compiler (parser, type checker, dependency graph) is not part of the script-tag
 * bundle: stored formulas are compiled once per app open, after the first rows are on screen,
 * so the compiler travels with the lazily loaded designer script (which provides it when it
 * loads, src/designer.ts) and the bundle keeps its budget for what the first paint needs.
 *
 * `loadFormulaCompiler()` resolves with it, loading the designer script first when needed;
 * `formulaCompiler()` is the synchronous peek for code that can do without (an app with no
 * computed field never needs it).
 */
import type { buildFormulaGraph } from '../core/formula/graph.js';
import type { withCompiledFormulas } from '../core/formula/stored.js';

/** What the compiler provides to the workspace. */
export interface FormulaCompiler {
  buildFormulaGraph: typeof buildFormulaGraph;
  withCompiledFormulas: typeof withCompiledFormulas;
}

declare const __LTC_DESIGNER__: 'script' | 'import' | undefined;

let provided: FormulaCompiler | undefined;
let loader: (() => Promise<unknown>) | undefined;

/** Called by the module that carries the compiler (the designer script, the ES entry). */
export function provideFormulaCompiler(compiler: FormulaCompiler): void {
  provided = compiler;
}

/** How to load the compiler: the elements set it to loading the designer script. */
export function setFormulaCompilerLoader(load: () => Promise<unknown>): void {
  loader = load;
}

/** The compiler if it is loaded. */
export function formulaCompiler(): FormulaCompiler | undefined {
  return provided;
}

/** The compiler, loading it first if needed. */
export async function loadFormulaCompiler(): Promise<FormulaCompiler> {
  if (!provided) {
    if (loader) await loader();
    // Running from the sources (tests) with no element loaded: import the compiler itself.
    else if (typeof __LTC_DESIGNER__ === 'undefined') provideFormulaCompiler(await import('./formula-compiler-sources.js'));
  }
  if (!provided) throw new Error('ltc-kit: the formula compiler did not load');
  return provided;
}
