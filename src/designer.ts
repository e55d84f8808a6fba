/**
 * The designer: the elements for changing an app's structure (`<ltc-field-editor>`,
 * `<ltc-formula-editor>`), the condition builder (`<ltc-condition-builder>`, the table's filter) and
 * the saved views (`<ltc-view-bar>`, `<ltc-view-settings>`) and the record drawer (`<ltc-record-drawer>`, a record
 * opened from the table), and the import dialog (`<ltc-import-dialog>`, docs/import.md), and the table's own dialogs and actions (`<ltc-table-filter>`, `<ltc-bulk-edit>`, `<ltc-bulk-delete>`, `<ltc-field-dialog>`; copy, paste, CSV export). Loaded on demand when a user opens a field dialog — people who
 * only view and edit records never download it — by `loadDesigner()`
 * (src/elements/load-designer.ts): as a chunk of the ES build, or as
 * `dist/ltc-kit-designer.js` beside the classic script, which takes the modules it shares
 * with the main bundle (Lit, the core, contexts) from `window.LtcKit.__host`, so both run
 * on the same instances.
 */
import { LtcFormulaEditor } from './elements/ltc-formula-editor.js';
import { LtcFieldEditor } from './elements/ltc-field-editor.js';
import { LtcConditionBuilder } from './elements/ltc-condition-builder.js';
import { LtcViewSettings } from './elements/ltc-view-settings.js';
import { LtcViewBar } from './elements/ltc-view-bar.js';
import { LtcRecordDrawer } from './elements/ltc-record-drawer.js';
import { LtcImportDialog } from './elements/ltc-import-dialog.js';
import { LtcBulkEdit } from './elements/grid/ltc-bulk-edit.js';
import { LtcFieldDialog } from './elements/grid/ltc-field-dialog.js';
import { LtcBulkDelete } from './elements/grid/ltc-bulk-delete.js';
import { LtcTableFilter } from './elements/grid/ltc-table-filter.js';
// The rules' run log (<ltc-run-log>) and its A/B comparison (<ltc-run-compare>).
import { LtcRunLog } from './elements/rules/ltc-run-log.js';
import { LtcRunCompare } from './elements/rules/run-log-compare.js';
// Field types beyond the main bundle's: line items, attachments, images, addresses (widgets/extra.ts registers them).
import '../widgets/extra.js';

if (!customElements.get('ltc-formula-editor')) customElements.define('ltc-formula-editor', LtcFormulaEditor);
if (!customElements.get('ltc-field-editor')) customElements.define('ltc-field-editor', LtcFieldEditor);
if (!customElements.get('ltc-condition-builder')) customElements.define('ltc-condition-builder', LtcConditionBuilder);
if (!customElements.get('ltc-view-settings')) customElements.define('ltc-view-settings', LtcViewSettings);
if (!customElements.get('ltc-view-bar')) customElements.define('ltc-view-bar', LtcViewBar);
if (!customElements.get('ltc-record-drawer')) customElements.define('ltc-record-drawer', LtcRecordDrawer);
if (!customElements.get('ltc-import-dialog')) customElements.define('ltc-import-dialog', LtcImportDialog);
if (!customElements.get('ltc-bulk-edit')) customElements.define('ltc-bulk-edit', LtcBulkEdit);
if (!customElements.get('ltc-field-dialog')) customElements.define('ltc-field-dialog', LtcFieldDialog);
if (!customElements.get('ltc-bulk-delete')) customElements.define('ltc-bulk-delete', LtcBulkDelete);
// The rules' run log and its variant comparison (docs/rules.md "Run log").
if (!customElements.get('ltc-run-log')) customElements.define('ltc-run-log', LtcRunLog);
if (!customElements.get('ltc-run-compare')) customElements.define('ltc-run-compare', LtcRunCompare);
if (!customElements.get('ltc-table-filter')) customElements.define('ltc-table-filter', LtcTableFilter);

export { LtcFormulaEditor, LtcFieldEditor, LtcConditionBuilder, LtcViewSettings, LtcViewBar, LtcRecordDrawer, LtcImportDialog, LtcBulkEdit, LtcFieldDialog, LtcBulkDelete, LtcTableFilter };

// The formula compiler travels with the designer script; the workspace compiles stored
// formulas with it once it is loaded (src/runtime/formula-compiler.ts).
import { buildFormulaGraph } from './core/formula/graph.js';
import { withCompiledFormulas } from './core/formula/stored.js';
import { provideFormulaCompiler } from './runtime/formula-compiler.js';
provideFormulaCompiler({ buildFormulaGraph, withCompiledFormulas });
export { compileFormula } from './core/formula/compiler.js';
export { buildFormulaGraph, checkFormulaField } from './core/formula/graph.js';
export { withCompiledFormulas } from './core/formula/stored.js';
// The form designer <ltc-designer> (docs/forms.md "The designer").
import { LtcDesigner } from './elements/designer/ltc-designer.js';
import { LtcFormPreview } from './elements/designer/preview.js';
if (!customElements.get('ltc-designer')) customElements.define('ltc-designer', LtcDesigner);
if (!customElements.get('ltc-form-preview')) customElements.define('ltc-form-preview', LtcFormPreview);
export { LtcDesigner, LtcFormPreview };
export { addFieldWidget, addLayoutWidget, archiveField, restoreField, deleteEmptyField, changeFieldType, saveDesign, fieldUsage } from './runtime/form-edits.js';

// The validators travel with the designer script (see src/validation.ts).
export * from './validation.js';

// Field edits the table's field dialog runs (deleting a field, the formulas it would break);
// they live here so the script-tag bundle does not carry them.
export { deleteField, formulasReferencing } from './runtime/app-edits.js';
export { tf } from './i18n/formula-ui.js';

// Saved views: the edits `<ltc-view-bar>` runs, for hosts and scripts too (docs/views.md).
export { saveView, createView, renameView, deleteView, reorderViews, ViewEditError } from './runtime/views.js';
export { viewColumns, sameView, isSortableField, isGroupableField, isSummableField } from './core/schema/view-fields.js';

// What the table does after a deliberate action: copy, paste, CSV export (and `<ltc-bulk-edit>` above).
export { rangeTsv, pasteTsv, downloadCsv } from './elements/grid/table-actions.js';

// The rule engine and its run log (docs/rules.md): started by <ltc-app> when its app has enabled rules.
export { RuleEngine } from './runtime/rules/engine.js';
export { withRunLog, RUN_TABLE_ID } from './runtime/rules/run-log.js';
export { startRules } from './runtime/rules/start.js';

// The run log view and A/B outcomes (docs/rules.md "Run log").
export { LtcRunLog, LtcRunCompare };
export { measureOutcome, variantsByRecord, twoProportionTest } from './core/rules/outcomes.js';
export { filterRuns, runRow } from './elements/rules/run-log-rows.js';
// The rule editor, the "Automation" screen of <ltc-app> (docs/rules.md): its element, the rule
// edits and the rule templates library.
import { LtcRuleEditor } from './elements/rules/ltc-rule-editor.js';
if (!customElements.get('ltc-rule-editor')) customElements.define('ltc-rule-editor', LtcRuleEditor);
export { LtcRuleEditor };
export { saveRule, deleteRule, setRuleEnabled, reorderRules, ruleProblems, RuleEditError } from './runtime/rules/edits.js';
export { RULE_TEMPLATES, ruleTemplate, suggestRuleTemplates } from './core/rules/library.js';
// Lifecycle stages (docs/field-types.md): computed, re-evaluated as days pass and recorded with
// their history; started by <ltc-app> when its app has a stage field.
import { registerStageFieldType } from './core/lifecycle/stage-field.js';
import { LtcStageOptions } from './elements/ltc-stage-options.js';
if (!customElements.get('ltc-stage-options')) customElements.define('ltc-stage-options', LtcStageOptions);
export { LtcStageOptions };
export { startStages, StageTracker } from './runtime/stage-tracker.js';
export { watchDays } from './runtime/day-watch.js';
export { registerStageFieldType } from './core/lifecycle/stage-field.js';
// The field editor and validation see the complete stage type (its options schema) once the designer is here.
registerStageFieldType();
// The field types added in issue 12 (rating, tags, member tier, assignee, serial number, created /
// updated time): their facts and widgets register on load (widgets/extra.ts); `ensureFieldTypes`
// (src/runtime/field-types-ready.ts) loads this script for an app that uses one.
import '../widgets/extra.js';
import { installCreateHooks } from './store/assign-on-create.js';
// Serial numbers are assigned inside the store's create transactions from now on.
installCreateHooks();
export { extraWidgets } from '../widgets/extra.js';
export { fieldTypeIcon } from './core/fields/icons.js';
// Multiple relations: the chips picker (widgets/multi-relation-picker.ts), loaded by the
// relation widget the first time it draws a multiple relation.
import { LtcMultiRelationPicker } from '../widgets/multi-relation-picker.js';
if (!customElements.get('ltc-multi-relation-picker')) customElements.define('ltc-multi-relation-picker', LtcMultiRelationPicker);
export { LtcMultiRelationPicker };

// Forms (docs/forms.md): the workspace <ltc-form> and the form renderer it is built on, loaded
// once a page or a table shows a form (src/elements/form/load-form.ts).
import { LtcForm } from './elements/ltc-form.js';
if (!customElements.get('ltc-form')) customElements.define('ltc-form', LtcForm);
export { LtcForm };
export { LtcFormView, FormSubmitError } from './elements/form/form-view.js';
export { saveWithLines } from './elements/form/save-with-lines.js';
export { defaultForm, formFields, resolveForm, visibleItems, visibleFieldIds, initialValues, prefillValues } from './core/forms/index.js';
// Predictions and RFM as fields (docs/predictive-clv.md "Fields"): the complete field types,
// their widgets and panels, and the runtime <ltc-app> starts when its app has such fields.
import { registerPredictionFieldTypes } from './core/lifecycle/predict-fields.js';
import { registerWidget as registerPredictionWidget } from '../widgets/registry.js';
import { predictionWidget } from '../widgets/prediction.js';
import { rfmWidget } from '../widgets/rfm.js';
import { LtcFitPanel, createClvWorker } from './elements/ltc-fit-panel.js';
import { LtcPredictionOptions } from './elements/ltc-prediction-options.js';
import { startPredictions as startPredictionRuntime, type StartPredictionsOptions } from './runtime/clv-fit.js';
registerPredictionFieldTypes();
for (const widget of [predictionWidget, rfmWidget]) registerPredictionWidget(widget, { replace: true });
if (!customElements.get('ltc-fit-panel')) customElements.define('ltc-fit-panel', LtcFitPanel);
if (!customElements.get('ltc-prediction-options')) customElements.define('ltc-prediction-options', LtcPredictionOptions);
export { LtcFitPanel, LtcPredictionOptions, registerPredictionFieldTypes };
export { ClvFitController, ClvFitCancelled, predictionSources } from './runtime/clv-fit.js';
export { refreshRfm, watchRfm } from './runtime/rfm-scores.js';
/** `startPredictions` with the CLV worker beside ltc-kit's script (src/runtime/clv-fit.ts). */
export function startPredictions(options: Omit<StartPredictionsOptions, 'createWorker'>) {
  return startPredictionRuntime({ ...options, createWorker: createClvWorker });
}
// Dashboards (docs/dashboards.md): <ltc-dashboard>, the "Dashboards" screen of <ltc-app>, and its panel editor.
import { LtcDashboard } from './elements/dashboard/ltc-dashboard.js';
import { LtcPanelEditor } from './elements/dashboard/panel-editor.js';
if (!customElements.get('ltc-dashboard')) customElements.define('ltc-dashboard', LtcDashboard);
if (!customElements.get('ltc-panel-editor')) customElements.define('ltc-panel-editor', LtcPanelEditor);
export { LtcDashboard, LtcPanelEditor };
export { computeDashboard, computePanel, checkDashboards, leadToCashSteps, resultToCsv } from './core/dashboards/index.js';
// Published forms (docs/forms.md "Publishing"): the workspace's inbox, started by <ltc-app inbox="…">,
// and publishing a form as a file with the snippet to paste.
export { startInbox, pullInbox } from './forms/inbox.js';
export { publishForm, formSnippet, validateFormFile } from './core/forms/publish.js';
export { validateSubmission, submissionRecords } from './core/forms/submission.js';
