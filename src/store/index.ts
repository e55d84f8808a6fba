/**
 * The storage layer's public surface: the `Store` contract, its two backends, and the
 * backend seam (`CoreStore` over `StoreBackend`) a further backend implements.
 */
export type {
  BulkOptions,
  BulkRecord,
  CellChange,
  ChangeEvent,
  ChangeListener,
  ChangeOrigin,
  Mutation,
  RecordQuery,
  Store,
  WriteOptions,
} from './types.js';
export { StaleWriteError, StoreError } from './types.js';
export type { BackendMiddleware, RangeQuery, ReadTx, StoreBackend, StoredApp, WriteTx } from './backend.js';
export { CoreStore, type CoreStoreOptions } from './core-store.js';
export { MemoryStore } from './memory-store.js';
export { IndexedDbStore, openIndexedDbStore, INLINE_CREATED_LIMIT, type IndexedDbStoreOptions } from './indexeddb-store.js';
export { DB_VERSION } from './idb-schema.js';
export { newRecordId } from './ids.js';
export { sortRecords } from './records.js';
export { changedCells } from './cells.js';
