/**
 * The formula compiler as `loadFormulaCompiler()` imports it when running from the sources
 * with no designer loaded (unit tests of the runtime); the builds get it from the designer.
 */
export { buildFormulaGraph } from '../core/formula/graph.js';
export { withCompiledFormulas } from '../core/formula/stored.js';
