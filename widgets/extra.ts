/**
 * Registers the widgets added since the first fifteen (issue 12), with their facts first.
 * Imported by the designer script (src/designer.ts) and the form runtime (src/form-runtime.ts):
 * nothing here needs the designer, so a published form gets every type. Idempotent: a second
 * import registers nothing twice. One block per group of types.
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

/** Rating, tags, tier, assignee, serial number, created / updated time, in palette order. */
export const extraWidgets: WidgetDefinition[] = [ratingWidget, tagsWidget, tierWidget, assigneeWidget, serialWidget, createdTimeWidget, updatedTimeWidget];

registerExtraFieldTypes();
for (const widget of extraWidgets) if (!getWidget(widget.type)) registerWidget(widget);

// Line items, attachments, images and addresses: facts, widgets, the elements they draw, the
// messages of their value issues and the address regions' loader.
import { registerLinesFilesAddressTypes } from '../src/core/fields/lines-files-address.js';
import { subtableWidget } from './subtable.js';
import { attachmentWidget, imageWidget, LtcFileInput } from './attachment.js';
import { addressWidget, LtcAddressInput, setRegionLoader } from './address.js';
import { addMessages } from '../src/i18n/index.js';
import { LINES_FILES_ISSUES } from '../src/i18n/lines-files-ui.js';
import { loadRegions } from '../src/elements/load-regions.js';

registerLinesFilesAddressTypes();
addMessages(LINES_FILES_ISSUES);
setRegionLoader(loadRegions);
for (const widget of [subtableWidget, attachmentWidget, imageWidget, addressWidget]) if (!getWidget(widget.type)) registerWidget(widget);
if (!customElements.get('ltc-file-input')) customElements.define('ltc-file-input', LtcFileInput);
if (!customElements.get('ltc-address-input')) customElements.define('ltc-address-input', LtcAddressInput);
