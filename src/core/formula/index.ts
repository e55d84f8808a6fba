/**
 * The formula language: source text → tokens → AST (with source ranges) → type-checked
 * JSON Logic over `fx:` operations, registered once with the project's JSON Logic
 * evaluator when this module is imported. Also: reference rewriting for renames, the
 * dependency graph of an app's formula fields, and evaluation with a fixed "now".
 * Language reference: docs/formulas.md.
 */
import './functions.js';

export { compileFormula, closest } from './compiler.js';
export type { CompiledFormula, CompiledFormulaType, CompileOptions, FormulaReference } from './compiler.js';
export { evaluateFormula, formulaEvaluator, withNow } from './evaluate.js';
export type { EvaluateOptions } from './evaluate.js';
export { FormulaError } from './errors.js';
export type { FormulaErrorCode } from './errors.js';
export { CellError, CellError as FormulaValueError, isError } from './values.js';
export type { CellErrorCode } from './values.js';
export { parseFormula, MAX_DEPTH } from './parser.js';
export { tokenize } from './tokenizer.js';
export type { Token, TokenKind } from './tokenizer.js';
export { unparseFormula, fieldReference } from './ast.js';
export type { FormulaNode, BinaryOp } from './ast.js';
export { FUNCTIONS, FUNCTIONS_BY_NAME, OP_PREFIX, registerFormulaOperations } from './functions.js';
export type { FunctionDef, ArgKind, ScalarType } from './functions.js';
export { scopeForTable, isToMany } from './scope.js';
export type { FormulaScope, FormulaScopeField } from './scope.js';
export { renameFieldInFormula, rewriteFormulaReferences, renameFieldInApp } from './rewrite.js';
export type { FieldRename } from './rewrite.js';
export { buildFormulaGraph, checkFormulaField } from './graph.js';
export { withCompiledFormulas } from './stored.js';
export type { FormulaGraph, FormulaGraphNode, FormulaGraphIssue, FormulaImpact } from './graph.js';
