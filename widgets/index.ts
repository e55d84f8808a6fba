/**
 * Registers every built-in widget, in palette order. Import this module once (the entry
 * points do); a site owner's own widgets go through `registerWidget` afterwards.
 */
import { registerWidget } from './registry.js';
import { textWidget } from './text.js';
import { textareaWidget } from './textarea.js';
import { numberWidget } from './number.js';
import { moneyWidget } from './money.js';
import { percentWidget } from './percent.js';
import { dateWidget } from './date.js';
import { datetimeWidget } from './datetime.js';
import { selectWidget } from './select.js';
import { multiselectWidget } from './multiselect.js';
import { checkboxWidget } from './checkbox.js';
import { phoneWidget } from './phone.js';
import { emailWidget } from './email.js';
import { relationWidget } from './relation.js';
import { formulaWidget } from './formula.js';
import { stageWidget } from './stage.js';

export const builtinWidgets = [
  textWidget,
  textareaWidget,
  numberWidget,
  moneyWidget,
  percentWidget,
  dateWidget,
  datetimeWidget,
  selectWidget,
  multiselectWidget,
  checkboxWidget,
  phoneWidget,
  emailWidget,
  relationWidget,
  formulaWidget,
  stageWidget,
];

for (const widget of builtinWidgets) registerWidget(widget);

export { registerWidget, getWidget, widgetFor, listWidgets, registeredFieldTypes } from './registry.js';
export type { WidgetDefinition, ResolvedWidget, InputContext, CellContext, OptionsContext, CoerceResult, WidgetIssue, RelationOption } from './types.js';
