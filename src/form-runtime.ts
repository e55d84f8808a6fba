/**
 * The form runtime entry (`dist/ltc-form.js`, a classic script with its own Lit): only the
 * published form `<ltc-form src action>` and what it needs — the form renderer, the field
 * widgets, the form-file check and the outbox. It loads neither the designer, the table nor
 * the store, so a public page (a shop's lead form) stays light (budget 30 KB gzip,
 * test/node/bundle-size.mjs). The widgets of rating, tags, tier, line items and addresses come
 * in a pack of their own (src/form-widgets.ts → dist/ltc-form-widgets.js), loaded only for a
 * form that uses them; it takes what it shares with this script from `LtcForm.__host`. On a
 * page that already has the workspace's `<ltc-form>` (the script-tag bundle), that definition
 * is kept.
 */
import { LitElement, css, html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { fieldTypeOf, isKnownFieldType, registerFieldType } from './core/fields/index.js';
import { defineFieldType, mismatch, sizeIssue } from './core/fields/define.js';
import { isBlank, toHalfWidth, MAX_TEXT_LENGTH } from './core/fields/values.js';
import { addMessages, labelOf, t } from './i18n/index.js';
import { getWidget, registerWidget, widgetFor } from '../widgets/registry.js';
import { REGIONS_SCRIPT, addScript, allowScript, loadScriptModule } from './runtime/scripts.js';
import { assetUrl } from './runtime/assets.js';
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
import { LtcPublishedForm, setWidgetPackLoader } from './elements/form/ltc-published-form.js';

declare const __LTC_DESIGNER__: 'script' | 'import' | undefined;

// The widgets a visitor fills in (computed and relation fields are never published).
for (const widget of [textWidget, textareaWidget, numberWidget, moneyWidget, percentWidget, dateWidget, datetimeWidget, selectWidget, multiselectWidget, checkboxWidget, phoneWidget, emailWidget]) {
  registerWidget(widget);
}

/** The widget pack's file, beside this script. */
const PACK = 'ltc-form-widgets.js';
allowScript(PACK);

/**
 * What the widget pack takes from this script (vite.config.ts `FORM_HOST` names the modules),
 * so that both draw with one Lit and register into one registry.
 */
export const __host = {
  lit: { LitElement, css, html, nothing },
  litRef: { ref },
  fields: { fieldTypeOf, isKnownFieldType, registerFieldType },
  fieldsDefine: { defineFieldType, mismatch, sizeIssue },
  fieldValues: { isBlank, toHalfWidth, MAX_TEXT_LENGTH },
  i18n: { addMessages, labelOf, t },
  widgetRegistry: { getWidget, registerWidget, widgetFor },
  scripts: { REGIONS_SCRIPT, allowScript, loadScriptModule },
};

setWidgetPackLoader(() =>
  typeof __LTC_DESIGNER__ !== 'undefined' && __LTC_DESIGNER__ === 'script' ? addScript(assetUrl(PACK)) : import('./form-widgets.js').then(() => undefined),
);

if (!customElements.get('ltc-form')) customElements.define('ltc-form', LtcPublishedForm);

export { LtcPublishedForm };
export { checkAction } from './forms/delivery.js';
export { registerWidget };
export { validateFormFile } from './core/forms/publish.js';
