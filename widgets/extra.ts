/**
 * Registers the widgets beyond the script-tag bundle's built-ins (loaded with the designer
 * script when an app uses one of their types). One block per group of types.
 */
import { registerWidget, getWidget } from './registry.js';

// Line items, attachments, images and addresses (helper widgets-b): facts, widgets, the
// elements they draw, the messages of their value issues and the address regions' loader.
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
