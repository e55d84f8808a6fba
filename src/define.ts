/**
 * Defines every ltc-kit element (once; a second copy of the script on a page is harmless)
 * and registers the built-in widgets. Element modules never define themselves: the entry
 * points decide what a page gets. The designer elements (field and formula editors) are
 * defined by src/designer.ts, loaded on demand (src/elements/load-designer.ts).
 */
import '../widgets/index.js';
import { LtcApp } from './elements/ltc-app.js';
import { loadFormsWhenUsed } from './elements/form/load-form.js';
import { LtcTable } from './elements/ltc-table.js';
import { LtcRelationPicker } from '../widgets/relation-picker.js';
import { multiRelationPicker } from '../widgets/relation.js';
import { loadDesigner } from './elements/load-designer.js';

const elements: Array<[string, CustomElementConstructor]> = [
  ['ltc-relation-picker', LtcRelationPicker],
  ['ltc-table', LtcTable],
  ['ltc-app', LtcApp],
];

for (const [name, constructor] of elements) {
  if (!customElements.get(name)) customElements.define(name, constructor);
}

// Multiple relations draw <ltc-multi-relation-picker>, which travels with the designer script.
multiRelationPicker.load = loadDesigner;

// <ltc-form> is defined by the designer script, loaded once the page has one (docs/forms.md).
loadFormsWhenUsed();

export { LtcApp, LtcTable, LtcRelationPicker };
