/**
 * Files of attachment and image fields, stored as blobs beside the records (IndexedDB object
 * store `blobs`, key `[appId, id]`; docs/store.md "Files"). A record keeps only refs
 * (src/core/fields/attachment-ref.ts); the bytes are written first, with `putBlob`, when a
 * user picks a file, and the record is written after. So:
 *
 * - a record write that fails (a full disk, a stale version) leaves a blob nobody refers to,
 *   which `collectGarbage` deletes on the next open once it is older than `BLOB_GRACE_MS`
 *   (a form still being filled in keeps its files meanwhile);
 * - deleting a record, or removing a file from its value, deletes the blobs it named in the
 *   same transaction as the record write (`removedBlobIds`), so no file outlives its record.
 *
 * Blobs are kept per app id, not per records generation: an export carries refs and names
 * only (docs/csv.md), and re-importing it into the same app finds its files again.
 */
import { blobIdsOf } from '../core/fields/attachment-ref.js';
import type { RecordValues } from '../core/schema/types.js';
import { newRecordId } from './ids.js';

/** An unreferenced blob younger than this is kept: its form may not be saved yet. */
export const BLOB_GRACE_MS = 24 * 60 * 60 * 1000;

/** A fresh blob id (`att_…`, time-ordered like record ids). */
export function newBlobId(): string {
  return `att_${newRecordId()}`;
}

/** Every blob id the values of a record refer to. */
export function blobIdsIn(values: RecordValues): string[] {
  const ids: string[] = [];
  for (const value of Object.values(values)) ids.push(...blobIdsOf(value));
  return ids;
}

/**
 * The blobs a write stops referring to: all of a deleted record's (`after` null), or those of
 * an update's changed fields (`before` holds their previous values) that the new values no
 * longer name.
 */
export function removedBlobIds(before: RecordValues, after: RecordValues | null): string[] {
  const old = blobIdsIn(before);
  if (old.length === 0) return [];
  if (!after) return old;
  const kept = new Set(blobIdsIn(after));
  return old.filter((id) => !kept.has(id));
}
