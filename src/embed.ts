/**
 * The script-tag entry: `<script src="ltc-kit.js">` defines every element and exposes the
 * builder's API as `window.LtcKit` (classic script) or as module exports (`ltc-kit.es.js`).
 *
 * It carries what the builder itself runs on. Predictive CLV (BG/NBD, Gamma-Gamma) is part
 * of the core (`src/core`, `src/index.ts`) but not of this bundle, which has a 90 KB budget;
 * the analytics view that uses it will load it on demand. The LTV formula presets travel with
 * the designer script (the field editor offers them) and `ltc-kit-core.es.js`, as does
 * `lifecycleStage` (the workspace computes no stages yet).
 */
import './define.js';

export { LtcApp, LtcForm, LtcTable, LtcRelationPicker } from './define.js';
export { loadDesigner, loadValidation } from './elements/load-designer.js';
export { loadPinyinMatcher } from './elements/load-pinyin.js';
/** @internal The modules the lazily loaded designer script shares with this bundle. */
export { designerHost as __host } from './designer-host.js';
export { registerWidget, getWidget, listWidgets } from '../widgets/index.js';
export type { WidgetDefinition, InputContext, CellContext } from '../widgets/index.js';
/**
 * Lit's template tags, so a classic-script page can write a widget's `renderInput` as
 * `LtcKit.html\`<input …>\`` with the same Lit the elements render with (docs/widgets.md).
 */
export { html, svg } from 'lit';
export { IndexedDbStore, openIndexedDbStore, StaleWriteError, StoreError } from './store/index.js';
export type { Store, ChangeEvent, Mutation, RecordQuery } from './store/index.js';
export { getDefaultStore } from './runtime/default-store.js';
// From their modules rather than src/core/index.ts, which also loads json-logic-js (the
// evaluator of record, for `ltc-kit/core` users): this bundle runs only its own evaluator.
export { evaluateFormula, FormulaError, CellError } from './core/formula/index.js';
export { applyLogic, compileLogic, addOperation } from './core/logic/index.js';
export { cloneTemplate, buildExport } from './core/templates/index.js';
export type * from './core/schema/types.js';
