/**
 * Registers the field types of line items (`subtable`), files (`attachment`, `image`) and
 * addresses (`address`). They are not built-ins of src/core/fields/index.ts: the script-tag
 * bundle has no room for them, so the designer script registers them (widgets/extra.ts) when
 * an app uses one (`ensureFieldTypes`), and the Node core build from src/core/index.ts.
 * Registering twice is a no-op.
 */
import { isKnownFieldType, registerFieldType } from './index.js';
import type { FieldTypeDef } from './types.js';
import { subtableType } from './types/subtable.js';
import { attachmentType, imageType } from './types/attachment.js';
import { addressType } from './types/address.js';

/** The facts of the four types, in palette order. */
export const LINES_FILES_ADDRESS_TYPES: readonly FieldTypeDef[] = [subtableType, attachmentType, imageType, addressType];

/** Register the four types' facts (those not registered yet). */
export function registerLinesFilesAddressTypes(): void {
  for (const def of LINES_FILES_ADDRESS_TYPES) if (!isKnownFieldType(def.type)) registerFieldType(def);
}
