/**
 * Smoke test of what the entry point promises a page: importing it defines every element, and a `<ltc-form>` given an app renders its fields as
 * text. (That json-logic-js loads in the browser is covered by test/core/logic, which uses
 * it as the oracle.)
 */
import { expect, fixture, html } from '@open-wc/testing';
import { LtcApp, LtcRelationPicker, LtcTable } from '../../src/define.js';
import { LtcForm } from '../../src/elements/ltc-form.js';
import { loadDesigner } from '../../src/elements/load-designer.js';
import { MemoryStore } from '../../src/store/index.js';
import type { AppDef } from '../../src/core/schema/types.js';

describe('entry point smoke test', () => {
  it('defines every element with our classes (<ltc-form> with the designer script)', async () => {
    await loadDesigner();
    expect(customElements.get('ltc-app')).to.equal(LtcApp);
    expect(customElements.get('ltc-table')).to.equal(LtcTable);
    expect(customElements.get('ltc-form')).to.equal(LtcForm);
    expect(customElements.get('ltc-relation-picker')).to.equal(LtcRelationPicker);
  });

  it('renders a form from an app definition, labels as text (never HTML)', async () => {
    const app = {
      id: 'smoke',
      name: 'Smoke',
      version: 1,
      tables: [{ id: 't', name: 'T', primaryFieldId: 'n', fields: [{ id: 'n', name: '<b>Name</b>', type: 'text' }] }],
    } as unknown as AppDef;
    await loadDesigner();
    const form = await fixture<LtcForm>(html`<ltc-form table-id="t" .app=${app} .store=${new MemoryStore()}></ltc-form>`);
    await form.updateComplete;
    const label = form.shadowRoot!.querySelector('label')!;
    expect(label.textContent).to.equal('<b>Name</b>');
    expect(form.shadowRoot!.querySelector('b')).to.equal(null);
    expect(form.shadowRoot!.querySelector('input[name="n"]')).to.exist;
  });
});
