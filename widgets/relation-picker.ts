/**
 * `<ltc-relation-picker>`: choose linked records among many (an order's customer among
 * 100,000, the staff on a project). Type to search the records' names (or the detail shown
 * beside them, a phone); ↑/↓ move, Enter picks, Escape closes — the ARIA combobox pattern.
 * With `multiple`, the linked records are chips with a remove button before the input, Enter
 * adds the active match and keeps the list open for the next one, and Backspace in the empty
 * input removes the last chip; every addition and removal is announced to screen readers.
 *
 * Only the first 20 matches are rendered, and the search runs over lower-cased labels built
 * once per `options`, so 100,000 records cost one scan per keystroke and no DOM. The relation
 * widget uses it for every multiple relation and for single ones with too many records for a
 * plain `<select>`. Form-associated, so a `<label for>` names and focuses it.
 *
 * @tag ltc-relation-picker
 * @summary A type-to-search combobox that links one record, or several as removable chips.
 * @attr value - The linked record's id ('' for none), single mode.
 * @attr label - Accessible name of the search input and the list (the field's label).
 * @attr locale - `zh-CN` or `en`: the language of the picker's own texts.
 * @attr invalid - Marks the input invalid (`aria-invalid`).
 * @attr multiple - Link several records: `values` holds their ids, shown as chips.
 * @event change - A record was picked, added, removed or cleared; read `value` (a record id or
 *   '') or, with `multiple`, `values` (the ids in the order they were added).
 * @csspart input - The search input.
 * @csspart listbox - The list of matches.
 * @csspart chips - The list of linked records (`multiple`).
 * @csspart chip - One linked record (`multiple`).
 * @csspart remove - A chip's remove button.
 * @cssproperty --ltc-color-primary - The active match and the chips' tint.
 * @cssproperty --ltc-color-surface - Background of the input and the list.
 * @cssproperty --ltc-color-border - Borders.
 * @cssproperty --ltc-color-muted - The detail beside a name, the "no matches" text.
 * @cssproperty --ltc-radius - Corner radius.
 */
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Locale } from '../src/core/schema/types.js';
import type { RelationOption } from './types.js';

/** Matches shown at once; typing narrows the list. */
const SHOWN = 20;

const TEXT = {
  'zh-CN': {
    none: '无匹配记录',
    clear: '清除',
    hint: '输入名称搜索',
    linked: '已关联的记录',
    remove: (label: string) => `移除 ${label}`,
    added: (label: string) => `已添加 ${label}`,
    removed: (label: string) => `已移除 ${label}`,
  },
  en: {
    none: 'No matching records',
    clear: 'Clear',
    hint: 'Type to search',
    linked: 'Linked records',
    remove: (label: string) => `Remove ${label}`,
    added: (label: string) => `Added ${label}`,
    removed: (label: string) => `Removed ${label}`,
  },
};

let instances = 0;

/** What the search compares a query with: a record's label and detail, lower-cased. */
function searchText(option: RelationOption): string {
  const label = option.label.toLowerCase();
  // The separator cannot be typed, so a query never matches across label and detail.
  return option.detail ? `${label}\u0000${option.detail.toLowerCase()}` : label;
}

export class LtcRelationPicker extends LitElement {
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = css`
    :host {
      display: block;
      position: relative;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.4rem;
    }
    input {
      flex: 1;
      font: inherit;
      color: inherit;
      background: var(--ltc-color-surface, #fff);
      border: 1px solid var(--ltc-color-border, #d9dee7);
      border-radius: var(--ltc-radius, 6px);
      padding: 0.4em 0.6em;
      min-width: 8em;
    }
    input[aria-invalid='true'] {
      border-color: var(--ltc-color-danger, #b91c1c);
    }
    button {
      font: inherit;
      border: 1px solid var(--ltc-color-border, #d9dee7);
      border-radius: var(--ltc-radius, 6px);
      background: var(--ltc-color-surface, #fff);
      color: inherit;
      cursor: pointer;
    }
    .chips {
      display: contents;
    }
    .chip {
      display: inline-flex;
      align-items: center;
      gap: 0.25em;
      padding: 0.1em 0.2em 0.1em 0.6em;
      border-radius: 999px;
      background: color-mix(in srgb, var(--ltc-color-primary, #2563eb) 12%, transparent);
    }
    .chip button {
      border: none;
      background: none;
      padding: 0 0.4em;
      border-radius: 999px;
      line-height: 1.4;
    }
    .chip button:hover,
    .chip button:focus-visible {
      background: color-mix(in srgb, var(--ltc-color-primary, #2563eb) 24%, transparent);
    }
    /* In the flow, not absolutely placed: inside a scrolling dialog an overlay would be cut off. */
    ul[role='listbox'] {
      margin: 0.2rem 0 0;
      padding: 0.25rem 0;
      list-style: none;
      max-height: 12rem;
      overflow: auto;
      background: var(--ltc-color-surface, #fff);
      border: 1px solid var(--ltc-color-border, #d9dee7);
      border-radius: var(--ltc-radius, 6px);
      box-shadow: 0 6px 18px rgb(0 0 0 / 0.12);
    }
    ul[role='listbox'] li {
      padding: 0.3rem 0.7rem;
      cursor: pointer;
    }
    li[aria-selected='true'] {
      background: color-mix(in srgb, var(--ltc-color-primary, #2563eb) 14%, transparent);
    }
    li small {
      color: var(--ltc-color-muted, #5b6472);
      margin-inline-start: 0.5em;
    }
    .empty {
      color: var(--ltc-color-muted, #5b6472);
      cursor: default;
    }
    .sr-only {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    @media (prefers-color-scheme: dark) {
      input,
      button,
      ul[role='listbox'] {
        background: var(--ltc-color-surface, #111827);
        border-color: var(--ltc-color-border, #374151);
      }
    }
  `;

  /** Every record that can be linked. */
  @property({ attribute: false }) accessor options: RelationOption[] = [];
  /** The linked record's id ('' for none). Single mode. */
  @property() accessor value = '';
  /** The linked records' ids, in the order they were added. With `multiple`. */
  @property({ attribute: false }) accessor values: string[] = [];
  /** Link several records (chips) instead of one. */
  @property({ type: Boolean, reflect: true }) accessor multiple = false;
  /** Accessible name of the search input (the field's label). */
  @property() accessor label = '';
  /** The language of the picker's own texts (placeholder, remove buttons, announcements). */
  @property() accessor locale: Locale = 'en';
  /** Marks the input invalid (`aria-invalid`): the form found a problem with the value. */
  @property({ type: Boolean }) accessor invalid = false;

  @state() private accessor query: string | undefined;
  @state() private accessor open = false;
  @state() private accessor active = 0;
  /** The last addition or removal, for the live region. */
  @state() private accessor announcement = '';

  private readonly listId = `ltc-relation-${++instances}`;
  /** Built once per `options` array: records by id (chip labels) and their search texts. */
  private indexed: { options: RelationOption[]; byId: Map<string, RelationOption>; haystack: string[] } | undefined;

  private get index() {
    if (this.indexed?.options !== this.options) {
      const options = this.options;
      this.indexed = { options, byId: new Map(options.map((option) => [option.id, option])), haystack: options.map(searchText) };
    }
    return this.indexed;
  }

  /** The label of the linked record. */
  get selectedLabel(): string {
    return this.labelOf(this.value);
  }

  /**
   * Records whose name (or detail) contains what was typed, case-insensitive, at most 20;
   * with `multiple`, those not linked yet.
   */
  get suggestions(): RelationOption[] {
    const { options, haystack } = this.index;
    const query = (this.query ?? '').trim().toLowerCase();
    const linked = this.multiple ? new Set(this.values) : undefined;
    const out: RelationOption[] = [];
    for (let index = 0; index < options.length && out.length < SHOWN; index++) {
      const option = options[index];
      if (linked?.has(option.id)) continue;
      if (!query || haystack[index].includes(query)) out.push(option);
    }
    return out;
  }

  private get text() {
    return TEXT[this.locale] ?? TEXT.en;
  }

  private labelOf(id: string): string {
    return this.index.byId.get(id)?.label ?? '';
  }

  private get input(): HTMLInputElement | null {
    return this.renderRoot.querySelector('input');
  }

  private changed(): void {
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  private pick(option: RelationOption | undefined): void {
    this.value = option?.id ?? '';
    this.query = undefined;
    this.open = false;
    this.changed();
  }

  /** Link one more record; the list stays open, emptied of the query, for the next one. */
  private link(option: RelationOption): void {
    this.values = [...this.values, option.id];
    this.query = '';
    this.active = 0;
    this.announcement = this.text.added(option.label);
    this.changed();
  }

  private unlink(id: string): void {
    this.values = this.values.filter((linked) => linked !== id);
    this.announcement = this.text.removed(this.labelOf(id) || id);
    this.changed();
    // The chip's button is gone: keep focus in the picker.
    this.input?.focus();
  }

  private onKeyDown(event: KeyboardEvent): void {
    const matches = this.suggestions;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!this.open) {
        this.open = true;
        this.active = 0;
        return;
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = Math.max(0, Math.min(matches.length - 1, this.active + step));
    } else if (event.key === 'Enter' && this.open) {
      // Picking a record must not submit the surrounding form.
      event.preventDefault();
      const match = matches[this.active];
      if (match && this.multiple) this.link(match);
      else if (match) this.pick(match);
    } else if (event.key === 'Escape' && this.open) {
      // Close the list only; the dialog around the form stays open.
      event.preventDefault();
      event.stopPropagation();
      this.open = false;
      this.query = undefined;
    } else if (event.key === 'Backspace' && this.multiple && !this.query && this.values.length > 0) {
      event.preventDefault();
      this.unlink(this.values[this.values.length - 1]);
    }
  }

  private renderChips() {
    const text = this.text;
    return html`<ul class="chips" part="chips" aria-label=${text.linked}>
      ${this.values.map((id) => {
        const label = this.labelOf(id) || id;
        return html`<li class="chip" part="chip" data-id=${id}>
          ${label}<button type="button" part="remove" aria-label=${text.remove(label)} title=${text.remove(label)} @click=${() => this.unlink(id)}>×</button>
        </li>`;
      })}
    </ul>`;
  }

  override render() {
    const text = this.text;
    const matches = this.open ? this.suggestions : [];
    const activeId = this.open && matches[this.active] ? `${this.listId}-${this.active}` : undefined;
    return html`<div class="row">
        ${this.multiple && this.values.length ? this.renderChips() : nothing}
        <input
          part="input"
          role="combobox"
          aria-label=${this.label}
          aria-autocomplete="list"
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls=${this.listId}
          aria-activedescendant=${activeId ?? nothing}
          aria-invalid=${this.invalid ? 'true' : 'false'}
          placeholder=${text.hint}
          autocomplete="off"
          .value=${this.query ?? (this.multiple ? '' : this.selectedLabel)}
          @input=${(event: Event) => {
            this.query = (event.target as HTMLInputElement).value;
            this.open = true;
            this.active = 0;
          }}
          @keydown=${this.onKeyDown}
          @blur=${() => {
            this.open = false;
            this.query = undefined;
          }}
        />
        ${!this.multiple && this.value
          ? html`<button type="button" aria-label=${text.clear} title=${text.clear} @click=${() => this.pick(undefined)}>×</button>`
          : nothing}
      </div>
      <ul part="listbox" id=${this.listId} role="listbox" aria-label=${this.label} ?hidden=${!this.open}>
        ${matches.map(
          (option, index) => html`<li
            id="${this.listId}-${index}"
            data-id=${option.id}
            role="option"
            aria-selected=${index === this.active ? 'true' : 'false'}
            @mousedown=${(event: Event) => event.preventDefault()}
            @click=${() => (this.multiple ? this.link(option) : this.pick(option))}
          >
            ${option.label}${option.detail ? html` <small>${option.detail}</small>` : nothing}
          </li>`,
        )}
        ${this.open && matches.length === 0 ? html`<li class="empty" role="option" aria-disabled="true" aria-selected="false">${text.none}</li>` : nothing}
      </ul>
      ${this.multiple ? html`<span class="sr-only" role="status">${this.announcement}</span>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ltc-relation-picker': LtcRelationPicker;
  }
}
