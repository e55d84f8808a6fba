/**
 * Defines every ltc-kit element (once; a second copy of the script on a page is harmless)
 * and registers the built-in widgets. Element modules never define themselves: the entry
 * points decide what a page gets.
 */
import '../widgets/index.js';
import { LtcApp } from './elements/ltc-app.js';
import { LtcForm } from './elements/ltc-form.js';
import { LtcTable } from './elements/ltc-table.js';
import { LtcFormulaEditor } from './elements/ltc-formula-editor.js';
import { LtcFieldEditor } from './elements/ltc-field-editor.js';

const elements: Array<[string, CustomElementConstructor]> = [
  ['ltc-form', LtcForm],
  ['ltc-formula-editor', LtcFormulaEditor],
  ['ltc-field-editor', LtcFieldEditor],
  ['ltc-table', LtcTable],
  ['ltc-app', LtcApp],
];

for (const [name, constructor] of elements) {
  if (!customElements.get(name)) customElements.define(name, constructor);
}

export { LtcApp, LtcForm, LtcTable, LtcFormulaEditor, LtcFieldEditor };
