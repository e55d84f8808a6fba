/**
 * `<ltc-form-preview>`: the designer's preview — the same renderer a published or workspace
 * form uses (`LtcFormView`, src/elements/form/form-view.ts) over the draft, so it looks and
 * validates exactly as users will fill it. Submitting validates everything and then says that
 * nothing was sent: a preview stores no record and fires no `ltc-form-submitted`.
 *
 * @summary The designer's preview of a form, filled in exactly as users will.
 * @attr locale - `zh-CN` or `en`.
 * @event input - A field's value changed (native, composed; read `.values`).
 * @event change - A control committed a change (native, composed).
 */
import { FormSubmitError, LtcFormView } from '../form/form-view.js';
import { td } from '../../i18n/designer-ui.js';

export class LtcFormPreview extends LtcFormView {
  protected override async submitValues(): Promise<void> {
    throw new FormSubmitError(td(this.locale, 'designer.previewNotSent'));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ltc-form-preview': LtcFormPreview;
  }
}
