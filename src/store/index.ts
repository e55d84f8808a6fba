/**
 * The storage layer's public surface: the `Store` contract and its two backends.
 */
export type { BulkOptions, BulkRecord, ChangeEvent, ChangeListener, Mutation, RecordQuery, Store } from './types.js';
export { StaleWriteError, StoreError } from './types.js';
export { MemoryStore } from './memory-store.js';
export { IndexedDbStore, openIndexedDbStore, INLINE_CREATED_LIMIT, type IndexedDbStoreOptions } from './indexeddb-store.js';
export { DB_VERSION } from './idb-schema.js';
export { newRecordId } from './ids.js';
export { sortRecords } from './records.js';
