/**
 * The form runtime's widget pack (`dist/ltc-form-widgets.js`, `vite build --mode form-widgets`):
 * the widgets of the types a published form can show beyond the runtime's own — rating, tags,
 * member tier, line items (sub-tables, with their total) and addresses (province → city →
 * district, whose region data is a script of its own, loaded when an address input shows).
 *
 * `<ltc-form src>` (src/elements/form/ltc-published-form.ts) loads it from beside
 * dist/ltc-form.js only for a form file that uses one of these types
 * (`PACKED_FIELD_TYPES`, src/core/forms/publish.ts), so a lead form stays within the runtime's
 * 30 KB. It shares the runtime's Lit, field registry, widget registry and strings through
 * `window.LtcForm.__host` (src/form-runtime.ts); the sources and the tests import it directly.
 * Registering twice changes nothing.
 */
import { isKnownFieldType, registerFieldType } from './core/fields/index.js';
import { ratingType } from './core/fields/types/rating.js';
import { tagsType } from './core/fields/types/tags.js';
import { tierType } from './core/fields/types/tier.js';
import { subtableType } from './core/fields/types/subtable.js';
import { addressType } from './core/fields/types/address.js';
import { getWidget, registerWidget } from '../widgets/registry.js';
import { ratingWidget } from '../widgets/rating.js';
import { tagsWidget } from '../widgets/tags.js';
import { tierWidget } from '../widgets/tier.js';
import { subtableWidget } from '../widgets/subtable.js';
import { addressWidget, LtcAddressInput, setRegionLoader } from '../widgets/address.js';
import { addMessages } from './i18n/index.js';
import { LINES_FILES_ISSUES } from './i18n/lines-files-ui.js';
import { loadRegions } from './elements/load-regions.js';

/** The types this pack registers (the same as `PACKED_FIELD_TYPES`). */
export const PACK_TYPES = [ratingType, tagsType, tierType, subtableType, addressType].map((def) => def.type);

for (const def of [ratingType, tagsType, tierType, subtableType, addressType]) if (!isKnownFieldType(def.type)) registerFieldType(def);
addMessages(LINES_FILES_ISSUES);
setRegionLoader(loadRegions);
for (const widget of [ratingWidget, tagsWidget, tierWidget, subtableWidget, addressWidget]) if (!getWidget(widget.type)) registerWidget(widget);
if (!customElements.get('ltc-address-input')) customElements.define('ltc-address-input', LtcAddressInput);
