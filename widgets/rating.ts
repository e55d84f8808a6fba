/**
 * Ratings: a radio group of stars (one radio per star, so the arrow keys move between them
 * as in any radio group, Space/click chooses, and a screen reader reads "4 stars, 4 of 5");
 * cells show the stars with the number as their accessible text. Facts:
 * src/core/fields/types/rating.ts.
 */
import { html } from 'lit';
import { ratingMax, ratingType } from '../src/core/fields/types/rating.js';
import { tw } from '../src/i18n/widgets-ui.js';
import type { WidgetDefinition } from './types.js';

export const ratingWidget: WidgetDefinition = {
  type: 'rating',
  grouped: true,
  renderCell: (value, field, { locale }) => {
    if (typeof value !== 'number') return html``;
    const max = ratingMax(field);
    return html`<span part="rating" class="rating" role="img" aria-label=${ratingType.format(value, field, { locale })}
      ><span aria-hidden="true">${'★'.repeat(Math.min(value, max))}<span class="rating-off">${'☆'.repeat(Math.max(0, max - value))}</span></span></span
    >`;
  },
  renderInput: (context) => {
    const max = ratingMax(context.field);
    const current = typeof context.value === 'number' ? context.value : 0;
    const name = `${context.id}-stars`;
    // With no rating yet, the first star takes the group's Tab stop (a radio group's rule).
    return html`<div
      part="input"
      class="rating-input"
      role="radiogroup"
      id=${context.id}
      aria-invalid=${context.invalid ? 'true' : 'false'}
      aria-describedby=${context.describedBy ?? ''}
      aria-required=${context.field.required ? 'true' : 'false'}
    >
      ${Array.from({ length: max }, (_, i) => i + 1).map(
        (n) => html`<label class="star" data-on=${n <= current ? 'true' : 'false'}
          ><input
            type="radio"
            name=${name}
            value=${String(n)}
            .checked=${n === current}
            aria-label=${tw(context.locale, 'rating.stars', { count: n })}
            @input=${() => context.onInput(n)}
          /><span aria-hidden="true">${n <= current ? '★' : '☆'}</span></label
        >`,
      )}
      ${current > 0 && !context.field.required
        ? html`<button type="button" class="rating-clear" @click=${() => context.onInput(null)}>${tw(context.locale, 'rating.clear')}</button>`
        : ''}
    </div>`;
  },
};
export default ratingWidget;
