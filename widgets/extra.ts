/**
 * Registers the widgets added since the first fifteen (issue 12), with their facts
 * (src/core/fields/extra-types.ts) first. Imported by the designer script (src/designer.ts)
 * and the form runtime (src/form-runtime.ts): nothing here needs the designer, so a
 * published form gets every type. Idempotent: a second import registers nothing twice.
 */
import { registerExtraFieldTypes } from '../src/core/fields/extra-types.js';
import { getWidget, registerWidget } from './registry.js';
import type { WidgetDefinition } from './types.js';
import { ratingWidget } from './rating.js';
import { tagsWidget } from './tags.js';
import { tierWidget } from './tier.js';
import { assigneeWidget } from './assignee.js';
import { serialWidget } from './serial.js';
import { createdTimeWidget, updatedTimeWidget } from './timestamps.js';

/** The added widgets, in palette order. */
export const extraWidgets: WidgetDefinition[] = [ratingWidget, tagsWidget, tierWidget, assigneeWidget, serialWidget, createdTimeWidget, updatedTimeWidget];

registerExtraFieldTypes();
for (const widget of extraWidgets) if (!getWidget(widget.type)) registerWidget(widget);
