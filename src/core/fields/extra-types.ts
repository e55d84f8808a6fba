/**
 * The field types added after the first fifteen (issue 12: rating, tags, member tier,
 * assignee, serial number, created / updated time; helper "widgets-b" adds its own below).
 * Their facts are not among the built-ins of ./index.ts, which the script-tag bundle carries
 * with no room to spare: they register from here, which the core build (src/core/index.ts),
 * the designer script and the form runtime (both through widgets/extra.ts) import.
 * `ensureFieldTypes` (src/runtime/field-types-ready.ts) loads the designer script when an app
 * opened in the script-tag bundle uses one of them.
 */
import { isKnownFieldType, registerFieldType } from './index.js';
import type { FieldTypeDef } from './types.js';
import { ratingType } from './types/rating.js';
import { tagsType } from './types/tags.js';
import { tierType } from './types/tier.js';
import { assigneeType } from './types/assignee.js';
import { serialType } from './types/serial.js';
import { createdTimeType, updatedTimeType } from './types/timestamps.js';

/** The added types, in palette order. */
export const EXTRA_FIELD_TYPE_DEFS: FieldTypeDef[] = [ratingType, tagsType, tierType, assigneeType, serialType, createdTimeType, updatedTimeType];

/** Registers every added type not registered yet (a site owner's own of the same id stays). Idempotent. */
export function registerExtraFieldTypes(): void {
  for (const def of EXTRA_FIELD_TYPE_DEFS) if (!isKnownFieldType(def.type)) registerFieldType(def);
}
