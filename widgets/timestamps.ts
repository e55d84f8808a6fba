/**
 * Created / updated time: read-only, from the record itself (never typed, never stored in
 * its values); the form shows them once the record exists. Facts:
 * src/core/fields/types/timestamps.ts.
 */
import { html } from 'lit';
import type { InputContext, WidgetDefinition } from './types.js';
import { createdTimeType } from '../src/core/fields/types/timestamps.js';
import { tw } from '../src/i18n/widgets-ui.js';

function renderTimestamp(context: InputContext) {
  const text = createdTimeType.format(context.value, context.field, { locale: context.locale });
  return html`<output part="input" id=${context.id} class="computed"
    >${text || tw(context.locale, 'timestamp.pending')} <small>${tw(context.locale, 'timestamp.readonly')}</small></output
  >`;
}

export const createdTimeWidget: WidgetDefinition = { type: 'createdTime', renderInput: renderTimestamp };
export const updatedTimeWidget: WidgetDefinition = { type: 'updatedTime', renderInput: renderTimestamp };
