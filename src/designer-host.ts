/**
 * What the main script shares with the lazily loaded designer script
 * (dist/ltc-kit-designer.js): the exact module instances the designer imports, so both
 * bundles run on one Lit, one set of contexts (Symbol keys), one widget registry and one
 * copy of the core. Exposed as `window.LtcKit.__host`; vite.config.ts (`DESIGNER_HOST`) maps
 * each module the designer imports to its key here — keep the two lists in step (the
 * designer build fails on an import that is missing there). Only the names the designer
 * imports are listed — a namespace import would keep whole modules in the script-tag bundle
 * for the designer's sake — and test/node/designer-host.mjs checks none is missing.
 * @internal
 */
import { LitElement, css, html, nothing, svg } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { ref } from 'lit/directives/ref.js';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import { FUNCTIONS, FormulaError, evaluateFormula, fieldReference, isError, isToMany, scopeForTable } from './core/formula/index.js';
import { BINARY_PRECEDENCE, fieldReference as formulaAst_fieldReference } from './core/formula/ast.js';
import { FUNCTIONS as formulaFunctions_FUNCTIONS, FUNCTIONS_BY_NAME, OP_PREFIX, numericResult, evaluationContext } from './core/formula/functions.js';
import { FormulaError as formulaErrors_FormulaError, bothLocales, formulaError } from './core/formula/errors.js';
import { TYPE_NAMES } from './core/formula/messages.js';
import { parseDateText } from './core/formula/values.js';
import { findByName, isToMany as formulaScope_isToMany, resolveReference, scopeForTable as formulaScope_scopeForTable } from './core/formula/scope.js';
import { createId, isValidId } from './core/ids.js';
import { BUILTIN_FIELD_TYPE_DEFS, fieldChoices, fieldTypeOf, hasChoices, hasFormula, isComputedType, isInverseLink, isIsoDate, isKnownFieldType, linkedTable, linksRecords, registerFieldType, scalarInfoOf, scalarOf, listFieldTypes } from './core/fields/index.js';
import { defineFieldType, mismatch, sizeIssue } from './core/fields/define.js';
import { isBlank, isIsoDate as fieldValues_isIsoDate, isIsoDateTime, toHalfWidth, MAX_TEXT_LENGTH } from './core/fields/values.js';
import { fillIssueTemplate, isIssueCode, issueMessage } from './core/schema/messages.js';
import { buildExport } from './core/schema/build-export.js';
import { StaleWriteError, StoreError } from './store/types.js';
import { DerivedValues, idsOf, isDerivedField } from './runtime/derived.js';
import { SCRIPT_NONCE, assetUrl } from './runtime/assets.js';
import { provideFormulaCompiler } from './runtime/formula-compiler.js';
import { errorMessage, formatNumber, labelOf, t, addMessages, isMessageKey } from './i18n/index.js';
import { getWidget, listWidgets, registerWidget, widgetFor } from '../widgets/registry.js';
import { formatFormulaResult, formulaErrorCode } from '../widgets/formula.js';
import { appContext, derivedContext, localeContext, storeContext } from './elements/context.js';
import { baseStyles } from './elements/styles.js';
import { StoreController, derivedChangeTouchesRecord } from './elements/store-controller.js';
import { matchLogic } from './core/conditions/match.js';
import { TODAY_VAR } from './core/conditions/ops.js';
import { addOperation, applyLogic, truthy, compileLogic } from './core/logic/index.js';
import { IMPORT_WORKER_TYPE, REGIONS_SCRIPT, importWorkerUrl, loadScriptModule, trustedScriptUrl, clvWorkerUrl } from './elements/load-designer.js';
import { allowScript } from './runtime/scripts.js';
import { tokenize } from './core/formula/tokenizer.js';
import { prepareRecordWrite } from './runtime/record-writes.js';
import { emit, insideApp } from './elements/events.js';
import { getDefaultStore } from './runtime/default-store.js';
import { deleteRecords } from './runtime/record-deletes.js';
import { choiceLabel } from './core/fields/types/select.js';
import { LIST_SEPARATORS } from './core/fields/types/multiselect.js';
import { formulaErrorCode as fieldFormula_formulaErrorCode } from './core/fields/types/formula.js';
import { stageType } from './core/fields/types/stage.js';
import { stageChip } from '../widgets/stage.js';
import { createHooks } from './store/core-store.js';
import { newBlobId } from './store/blobs.js';
import { attachmentRef, parseAttachmentRef } from './core/fields/attachment-ref.js';
// multiple relations: <ltc-multi-relation-picker> (designer script) extends the single picker
import { LtcRelationPicker } from '../widgets/relation-picker.js';

export const designerHost: Record<string, object> = {
  lit: { LitElement, css, html, nothing, svg },
  litDecorators: { property, state },
  litLive: { live },
  litRepeat: { repeat },
  litRef: { ref },
  litContext: { consume },
  formula: { FUNCTIONS, FormulaError, evaluateFormula, fieldReference, isError, isToMany, scopeForTable },
  formulaAst: { BINARY_PRECEDENCE, fieldReference: formulaAst_fieldReference },
  formulaFunctions: { FUNCTIONS: formulaFunctions_FUNCTIONS, FUNCTIONS_BY_NAME, OP_PREFIX, numericResult, evaluationContext },
  formulaErrors: { FormulaError: formulaErrors_FormulaError, bothLocales, formulaError },
  formulaMessages: { TYPE_NAMES },
  formulaValues: { parseDateText },
  formulaScope: { findByName, isToMany: formulaScope_isToMany, resolveReference, scopeForTable: formulaScope_scopeForTable },
  ids: { createId, isValidId },
  fields: { BUILTIN_FIELD_TYPE_DEFS, fieldChoices, fieldTypeOf, hasChoices, hasFormula, isComputedType, isInverseLink, isIsoDate, isKnownFieldType, linkedTable, linksRecords, registerFieldType, scalarInfoOf, scalarOf, listFieldTypes },
  fieldsDefine: { defineFieldType, mismatch, sizeIssue },
  fieldValues: { isBlank, isIsoDate: fieldValues_isIsoDate, isIsoDateTime, toHalfWidth, MAX_TEXT_LENGTH },
  schemaMessages: { fillIssueTemplate, isIssueCode, issueMessage },
  buildExport: { buildExport },
  storeTypes: { StaleWriteError, StoreError },
  derived: { DerivedValues, idsOf, isDerivedField },
  assets: { SCRIPT_NONCE, assetUrl },
  formulaCompiler: { provideFormulaCompiler },
  i18n: { errorMessage, formatNumber, labelOf, t, addMessages, isMessageKey },
  widgetRegistry: { getWidget, listWidgets, registerWidget, widgetFor },
  widgetFormula: { formatFormulaResult, formulaErrorCode },
  context: { appContext, derivedContext, localeContext, storeContext },
  styles: { baseStyles },
  storeController: { StoreController, derivedChangeTouchesRecord },
  conditionsMatch: { matchLogic },
  conditionsOps: { TODAY_VAR },
  logic: { addOperation, applyLogic, truthy, compileLogic },
  loadDesigner: { IMPORT_WORKER_TYPE, REGIONS_SCRIPT, importWorkerUrl, loadScriptModule, trustedScriptUrl, clvWorkerUrl },
  scripts: { REGIONS_SCRIPT, allowScript, loadScriptModule, trustedScriptUrl },
  formulaTokenizer: { tokenize },
  recordWrites: { prepareRecordWrite },
  events: { emit, insideApp },
  defaultStore: { getDefaultStore },
  recordDeletes: { deleteRecords },
  fieldSelect: { choiceLabel },
  fieldMultiselect: { LIST_SEPARATORS },
  fieldFormula: { formulaErrorCode: fieldFormula_formulaErrorCode },
  fieldStage: { stageType },
  widgetStage: { stageChip },
  coreStore: { createHooks },
  storeBlobs: { newBlobId },
  attachmentRefs: { attachmentRef, parseAttachmentRef },
  widgetRelationPicker: { LtcRelationPicker },
};
