/**
 * The framework-free core of ltc-kit: no DOM, no Lit, no IndexedDB. Runs in Node and in the
 * browser. These names are public API (ARCHITECTURE.md "Public core API").
 */
// json-logic-js, the evaluator of record, learns every custom operation too.
import './logic/json-logic-mirror.js';
export type * from './schema/types.js';
export {
  validateTemplate,
  validateApp,
  validateExport,
  cloneTemplate,
  isSampleRecordId,
  buildExport,
  parseExport,
  parseTemplate,
  describeIssue,
  createId,
} from './templates/index.js';
export type { TemplateValidationResult, ValidateOptions, ClonedApp, SchemaIssue } from './templates/index.js';
export { isValidId } from './ids.js';
export { applyLogic, compileLogic, addOperation } from './logic/index.js';
export {
  compileFormula,
  evaluateFormula,
  FormulaError,
  CellError,
  FormulaValueError,
  isError,
  unparseFormula,
  renameFieldInFormula,
  rewriteFormulaReferences,
  renameFieldInApp,
  buildFormulaGraph,
  withCompiledFormulas,
  checkFormulaField,
  scopeForTable,
  FUNCTIONS,
} from './formula/index.js';
export type { CompiledFormula, FormulaScope, FormulaGraph, FormulaImpact, EvaluateOptions, CellErrorCode, FormulaErrorCode } from './formula/index.js';
export { LTV_PRESETS, ltvPreset, buildLtvFormula } from './lifecycle/presets.js';
export { lifecycleStage, LIFECYCLE_STAGES, STAGE_LABELS, DEFAULT_STAGE_THRESHOLDS } from './lifecycle/stage.js';
export type { LifecycleStage, StageSummary, StageThresholds } from './lifecycle/stage.js';
export { isLifecycleStage } from './lifecycle/stage.js';
export { registerStageFieldType, stageFieldType, stageOperation, stageThresholdsOf, STAGE_OPERATION } from './lifecycle/stage-field.js';
export {
  fitBgNbd,
  fitGammaGamma,
  expectedPurchases,
  probabilityAlive,
  probabilityOfPurchases,
  expectedAverageSpend,
  predictClv,
  summariseTransactions,
  bgnbdLogLikelihood,
  gammaGammaLogLikelihood,
} from './lifecycle/clv.js';
export type {
  BgNbdParams,
  BgNbdFit,
  GammaGammaParams,
  GammaGammaFit,
  RfmCustomer,
  SpendCustomer,
  ClvCustomer,
  ClvOptions,
  FitOptions,
  TransactionInput,
  SummariseOptions,
  CustomerSummary,
} from './lifecycle/clv.js';
export { csvToRecords, createCsvReader, guessDelimiter, problemReportCsv, recordsToCsv, decodeCsvBytes, guardCell, unguardCell, excelSerialToText, choiceIdForName } from './csv/index.js';
export type {
  CsvImportOptions,
  CsvImportResult,
  CsvRecord,
  CsvError,
  CsvSkippedColumn,
  CsvRowReader,
  ReportProblem,
  CsvExportOptions,
  CsvExportRecord,
  CsvEncoding,
} from './csv/index.js';
// Rules: time-based triggers, A/B variants, payload templates (the pure parts of the engine).
export * from './rules/index.js';
export * from './time/zoned.js';
// Published forms: the form file, its snippet, and the check of a visitor's submission (docs/forms.md "Publishing").
export { publishForm, formSnippet, validateFormFile, isSubTable, unfillableReason, MAX_FORM_FILE_FIELDS } from './forms/publish.js';
export type { PublishIssue } from './forms/publish.js';
export { validateSubmission, submissionRecords, submissionRecordId, MAX_SUBMISSION_BYTES, MAX_SUBMISSION_FIELDS, MAX_SUBMISSION_ROWS } from './forms/submission.js';
export type { SubmissionRecord } from './forms/submission.js';
export type * from './forms/model.js';
