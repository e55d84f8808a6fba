/**
 * The form runtime entry (`dist/ltc-form.js`, a classic script with its own Lit): only the
 * published form `<ltc-form src action>` and what it needs — the form renderer, the field
 * widgets, the form-file check and the outbox. It loads neither the designer, the table nor
 * the store, so a public page (a shop's lead form) stays light (budget 30 KB gzip,
 * test/node/bundle-size.mjs). On a page that already has the workspace's `<ltc-form>` (the
 * script-tag bundle), that definition is kept.
 */
import { registerWidget } from '../widgets/registry.js';
import { textWidget } from '../widgets/text.js';
import { textareaWidget } from '../widgets/textarea.js';
import { numberWidget } from '../widgets/number.js';
import { moneyWidget } from '../widgets/money.js';
import { percentWidget } from '../widgets/percent.js';
import { dateWidget } from '../widgets/date.js';
import { datetimeWidget } from '../widgets/datetime.js';
import { selectWidget } from '../widgets/select.js';
import { multiselectWidget } from '../widgets/multiselect.js';
import { checkboxWidget } from '../widgets/checkbox.js';
import { phoneWidget } from '../widgets/phone.js';
import { emailWidget } from '../widgets/email.js';
import { LtcPublishedForm } from './elements/form/ltc-published-form.js';

// The widgets a visitor fills in (computed and relation fields are never published).
for (const widget of [textWidget, textareaWidget, numberWidget, moneyWidget, percentWidget, dateWidget, datetimeWidget, selectWidget, multiselectWidget, checkboxWidget, phoneWidget, emailWidget]) {
  registerWidget(widget);
}

if (!customElements.get('ltc-form')) customElements.define('ltc-form', LtcPublishedForm);

export { LtcPublishedForm };
export { checkAction } from './forms/delivery.js';
export { registerWidget };
export { validateFormFile } from './core/forms/publish.js';
