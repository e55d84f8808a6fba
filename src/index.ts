/**
 * ltc-kit's public API: the elements (defined on import), the widget registry, the stores
 * and the framework-free core.
 */
import './define.js';

export { LtcApp, LtcTable, LtcRelationPicker } from './define.js';
export { LtcForm } from './designer.js';
export { LtcFormulaEditor, LtcFieldEditor } from './designer.js';
export { registerWidget, getWidget, listWidgets } from '../widgets/index.js';
export type { WidgetDefinition, InputContext, CellContext } from '../widgets/index.js';
export { MemoryStore, IndexedDbStore, openIndexedDbStore, StaleWriteError, StoreError } from './store/index.js';
export type { Store, ChangeEvent, Mutation, RecordQuery } from './store/index.js';
export { getDefaultStore } from './runtime/default-store.js';
export * from './core/index.js';
