/**
 * Tags: the record's tags as chips, each with a remove button, and a text box to add more —
 * Enter or a comma adds what was typed (a pasted `a, b、c` adds three), Backspace in the
 * empty box removes the last tag. Tags other records use are offered as the user types
 * through a native `<datalist>` (the form may pass them as `tagSuggestions`; fine without).
 * Facts: src/core/fields/types/tags.ts.
 */
import { html } from 'lit';
import { splitTags, TAG_SEPARATORS } from '../src/core/fields/types/tags.js';
import { tw } from '../src/i18n/widgets-ui.js';
import type { InputContext, WidgetDefinition } from './types.js';

function currentTags(context: InputContext): string[] {
  return splitTags(context.value ?? []) ?? [];
}

/** Adds what the box holds to the tags and empties it; false when it held nothing. */
function commit(context: InputContext, box: HTMLInputElement): boolean {
  const added = splitTags(box.value) ?? [];
  box.value = '';
  if (added.length === 0) return false;
  context.onInput([...currentTags(context), ...added.filter((tag) => !currentTags(context).includes(tag))]);
  return true;
}

function onKeydown(context: InputContext, event: KeyboardEvent): void {
  const box = event.target as HTMLInputElement;
  if (event.key === 'Enter' || event.key === ',' || event.key === '，') {
    // Enter would submit the form; a comma would land in the box.
    if (box.value.trim() !== '' || event.key !== 'Enter') event.preventDefault();
    commit(context, box);
  } else if (event.key === 'Backspace' && box.value === '') {
    const tags = currentTags(context);
    if (tags.length > 0) {
      event.preventDefault();
      context.onInput(tags.slice(0, -1));
    }
  }
}

function onTyped(context: InputContext, box: HTMLInputElement): void {
  // A paste (or an IME) may bring separators: add what they separate.
  if (TAG_SEPARATORS.test(box.value)) commit(context, box);
  else context.onInput(currentTags(context));
}

function chip(context: InputContext, tag: string) {
  const remove = () => context.onInput(currentTags(context).filter((t) => t !== tag));
  return html`<li part="chip" class="chip tag"
    >${tag}<button type="button" class="chip-remove" aria-label=${tw(context.locale, 'tags.remove', { tag })} @click=${remove}>×</button></li
  >`;
}

export const tagsWidget: WidgetDefinition = {
  type: 'tags',
  renderCell: (value) => html`${(Array.isArray(value) ? value : []).map((tag) => html`<span part="chip" class="chip tag">${tag}</span> `)}`,
  renderInput: (context) => {
    const tags = currentTags(context);
    const listId = `${context.id}-suggestions`;
    const suggestions = (context.tagSuggestions ?? []).filter((tag) => !tags.includes(tag));
    return html`<div part="input" class="tags-input">
      ${tags.length ? html`<ul class="chips" aria-label=${tw(context.locale, 'tags.list')}>${tags.map((tag) => chip(context, tag))}</ul>` : ''}
      <input
        id=${context.id}
        name=${context.field.id}
        type="text"
        autocomplete="off"
        list=${listId}
        placeholder=${context.field.options?.placeholder ?? tw(context.locale, 'tags.add')}
        aria-invalid=${context.invalid ? 'true' : 'false'}
        aria-describedby=${`${context.id}-help${context.describedBy ? ` ${context.describedBy}` : ''}`}
        @keydown=${(event: KeyboardEvent) => onKeydown(context, event)}
        @input=${(event: Event) => onTyped(context, event.target as HTMLInputElement)}
        @change=${(event: Event) => commit(context, event.target as HTMLInputElement)}
      />
      <datalist id=${listId}>${suggestions.map((tag) => html`<option value=${tag}></option>`)}</datalist>
      <small id="${context.id}-help" class="help">${tw(context.locale, 'tags.help')}</small>
    </div>`;
  },
};
export default tagsWidget;
