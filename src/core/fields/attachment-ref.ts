/**
 * How a record refers to a stored file: one string per file in the attachment / image
 * field's `string[]` value, `att_<id>|<size>|<type>|<name>` — the blob's id in the store
 * (src/store/blobs.ts), its size in bytes, its MIME type and its file name (last, so a name
 * may contain `|`). Kept tiny and apart from the field types because the store reads it too:
 * deleting a record or a value deletes the blobs its refs name, in the same transaction.
 * A record id or a choice id never contains `|`, so no other list value reads as a ref.
 */

/** One file a record refers to. */
export interface AttachmentRef {
  /** The blob's id in the store: `att_` and a record-style id. */
  id: string;
  /** Size in bytes. */
  size: number;
  /** MIME type (may be empty). */
  type: string;
  /** The file name as the user's device gave it. */
  name: string;
}

const REF = /^(att_[A-Za-z0-9_-]{1,64})\|(\d{1,15})\|([^|]{0,255})\|([\s\S]{1,1000})$/;

/** The ref a string encodes, or undefined when it is not one. */
export function parseAttachmentRef(text: unknown): AttachmentRef | undefined {
  if (typeof text !== 'string') return undefined;
  const match = REF.exec(text);
  if (!match) return undefined;
  return { id: match[1]!, size: Number(match[2]), type: match[3]!, name: match[4]! };
}

/** The stored string of a ref (a `|` in the type is dropped: MIME types have none). */
export function attachmentRef(ref: AttachmentRef): string {
  return `${ref.id}|${Math.max(0, Math.round(ref.size))}|${ref.type.replace(/\|/g, '')}|${ref.name}`;
}

/** The blob ids a stored value refers to (list values only: attachments are always lists). */
export function blobIdsOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const ids: string[] = [];
  for (const item of value) {
    const ref = parseAttachmentRef(item);
    if (ref) ids.push(ref.id);
  }
  return ids;
}
