/**
 * The framework-free core of ltc-kit: no DOM, no Lit, no IndexedDB. Runs in Node and in the
 * browser. These names are public API (ARCHITECTURE.md "Public core API").
 */
// json-logic-js, the evaluator of record, learns every custom operation too.
import './logic/json-logic-mirror.js';
import { registerExtraFieldTypes } from './fields/extra-types.js';
// Line items, attachments, images and addresses: types the script-tag bundle loads later (src/core/fields/lines-files-address.ts).
import { registerLinesFilesAddressTypes } from './fields/lines-files-address.js';
registerLinesFilesAddressTypes();
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
// Dashboards: the model, its validation and the panels' aggregates (docs/dashboards.md).
export * from './dashboards/index.js';
export * from './time/zoned.js';
// The field types added since the first fifteen (rating, tags, tier, …): registered for the core build and Node.
registerExtraFieldTypes();
export { registerExtraFieldTypes, EXTRA_FIELD_TYPE_DEFS } from './fields/extra-types.js';
export { recordFieldValue } from './fields/index.js';
export { fieldTypeIcon } from './fields/icons.js';
export { serialPeriod, renderSerial, serialSequence, DuplicateSerialError } from './fields/types/serial.js';
export { tierForPoints, tierLogic } from './fields/types/tier.js';
export { subtableTotal, applySubtableTotals, subtableColumns } from './fields/types/subtable.js';
export { parseAddress, formatAddress, addressText, addressParts } from './fields/types/address.js';
export type { AddressParts, RegionTree } from './fields/types/address.js';
export { parseAttachmentRef, attachmentRef } from './fields/attachment-ref.js';
export type { AttachmentRef } from './fields/attachment-ref.js';
// Predictions and RFM as fields (docs/predictive-clv.md "Fields"): the field types, their
// operations, the fit and its stored form. Registered here so `ltc-kit/core` computes them.
export { registerPredictionFieldTypes, predictionFieldType, rfmFieldType, predictOperation, rfmOperation, compilePrediction, compileRfm, clvSourceOf, fitArgument, PREDICT_OPERATION, RFM_OPERATION } from './lifecycle/predict-fields.js';
export { summariseHistory, summariseColumns, fitClvModel, findClvFit, withClvFit, fitMatches, fitIsStale, checkClvFits, CLV_TIME_UNIT_DAYS, MIN_REPEAT_BUYERS, REFIT_CHANGE } from './lifecycle/fit-summary.js';
export type { ClvFitDef, ClvModelFit, ClvFitStatus, ClvSource, OrderColumns, HistorySummary, ClvFitIssue } from './lifecycle/fit-summary.js';
export { RFM_SEGMENTS, rfmChoices, rfmSegmentLabel, rfmRaw, rfmScores, rfmSegment, buildRfmDistribution, sameRfmDistribution, rfmKey, setRfmDistribution, rfmDistribution } from './lifecycle/rfm.js';
export type { RfmSegment, RfmOutput, RfmRaw, RfmScores, RfmDistribution } from './lifecycle/rfm.js';
export { predictionIssue, isPredictionIssue, predictionIssueText, churnRisk, formatPrediction, CHURN_LABELS } from './fields/types/prediction.js';
export type { PredictionIssue, PredictionIssueReason, ChurnRisk } from './fields/types/prediction.js';
import { registerPredictionFieldTypes as registerPredictions } from './lifecycle/predict-fields.js';
registerPredictions();
// Published forms: the form file, its snippet, and the check of a visitor's submission (docs/forms.md "Publishing").
export { publishForm, formSnippet, validateFormFile, isSubTable, unfillableReason, MAX_FORM_FILE_FIELDS } from './forms/publish.js';
export type { PublishIssue } from './forms/publish.js';
export { validateSubmission, submissionRecords, submissionRecordId, MAX_SUBMISSION_BYTES, MAX_SUBMISSION_FIELDS, MAX_SUBMISSION_ROWS } from './forms/submission.js';
export type { SubmissionRecord } from './forms/submission.js';
export type * from './forms/model.js';
